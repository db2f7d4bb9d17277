//! Signing pairs with the same names again: [`SigningSession`].
//!
//! A shop signs the same form, request after request: the same names, in the same order, with
//! other values. What [`Signer::sign_pairs`] does with the names (check them, upper-case them,
//! look up their lists, sort them, look for one given twice) gives the same answer each time.
//! A session keeps that answer, a [`Plan`], from the last pairs it signed; when the next pairs
//! have the same names, as given, in the same places, only their values are hashed, in the
//! plan's order, an empty value left out as the long way leaves it out. Any other names take
//! the long way ([`Signer::sign_pairs`]) and, once signed, become the plan.

use alloc::boxed::Box;

use super::replay::feed;
use super::{Decoded, MAX_SCAN_PARAMS, NAME_TEXT, Rules, Text, sign_pairs, sign_pairs_then};
use crate::error::Error;
use crate::signing::bytes::equal_short;
use crate::signing::signature::{Hasher, Signature};
use crate::signing::signer::{Scheme, Signer, keeps};

/// What signing a set of pairs learnt from its names alone.
struct Plan {
    /// Whether the plan holds the names of a set signed (none before the first).
    ready: bool,
    /// The names as given, one after the other, and where each one ends.
    given: Text<NAME_TEXT>,
    given_ends: [u16; MAX_SCAN_PARAMS],
    pairs: usize,
    /// `NAME=` (upper case) of each parameter hashed when its value is not empty, one after
    /// the other, in hash order.
    equals: Text<NAME_TEXT>,
    /// For each of them: its place among the pairs, and where its `NAME=` ends.
    hashed: [(u8, u16); MAX_SCAN_PARAMS],
    count: usize,
}

impl Plan {
    fn new() -> Plan {
        Plan {
            ready: false,
            given: Text {
                bytes: [0; NAME_TEXT],
                len: 0,
            },
            given_ends: [0; MAX_SCAN_PARAMS],
            pairs: 0,
            equals: Text {
                bytes: [0; NAME_TEXT],
                len: 0,
            },
            hashed: [(0, 0); MAX_SCAN_PARAMS],
            count: 0,
        }
    }

    /// Whether `pairs` have the plan's names, as given, in the same places.
    fn matches(&self, pairs: &[(&str, &str)]) -> bool {
        if !self.ready || pairs.len() != self.pairs {
            return false;
        }
        let mut start = 0;
        pairs.iter().zip(&self.given_ends).all(|((name, _), &end)| {
            let end = usize::from(end);
            let same = equal_short(self.given.get(start..end), name.as_bytes());
            start = end;
            same
        })
    }

    /// The signature of `pairs` (with the plan's names): each value the plan hashes, not
    /// empty, after its `NAME=` and before the passphrase, in hash order; what
    /// [`Signer::sign_pairs`] hashes for them, with the same errors in the same order.
    fn sign(&self, signer: &Signer, pairs: &[(&str, &str)]) -> Result<Signature, Error> {
        let mut hasher = Hasher::new(signer.algorithm());
        let mut start = 0;
        for &(index, end) in self.hashed.get(..self.count).unwrap_or_default() {
            let end = usize::from(end);
            let equals = self.equals.get(start..end);
            start = end;
            let Some(&(_, value)) = pairs.get(usize::from(index)) else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            hasher.update(equals);
            // The name (ASCII, as checked when the plan was made) is read only for an error.
            let name = equals.split_last().map_or(&[][..], |(_, name)| name);
            feed(signer, &mut hasher, name, value.as_bytes())?;
            signer.feed_passphrase(&mut hasher)?;
        }
        Ok(hasher.finish())
    }

    /// Makes the plan of `pairs`, signed on the stack as `decoded` under `signer`'s list and
    /// each-parameter scheme; `ready` only once all of it is written.
    fn record(&mut self, signer: &Signer, pairs: &[(&str, &str)], decoded: &Decoded<'_, '_>) {
        self.ready = false;
        self.given.len = 0;
        self.equals.len = 0;
        self.count = 0;
        for ((name, _), end) in pairs.iter().zip(self.given_ends.iter_mut()) {
            if self.given.push(name.as_bytes()).is_err() {
                return;
            }
            *end = u16::try_from(self.given.len).unwrap_or(u16::MAX);
        }
        self.pairs = pairs.len();
        // The order each_hashed follows.
        let mut byte_order = [0u8; MAX_SCAN_PARAMS];
        let rules = Rules::of(signer);
        for &index in decoded.hash_order(signer, &mut byte_order) {
            let slot = decoded.slot(index);
            // Hashed whenever its value is not empty (an empty one never is).
            if !keeps(rules.list, decoded.name(slot), slot.lists, false) {
                continue;
            }
            let (Some(place), Ok(())) = (
                self.hashed.get_mut(self.count),
                self.equals.push(decoded.name_equals(slot)),
            ) else {
                return;
            };
            *place = (index, u16::try_from(self.equals.len).unwrap_or(u16::MAX));
            self.count += 1;
        }
        self.ready = true;
    }
}

/// A [`Signer`] that remembers the names of the last pairs it signed: pairs with the same
/// names, as given and in the same order (a shop's form, request after request), are signed
/// by hashing their values alone. Made by [`Signer::session`].
///
/// Each call answers exactly what [`Signer::sign_pairs`] answers (a test checks it over
/// random sequences of pairs, signers and lists). Pairs with other names, more than 64 of
/// them, or a signer of the legacy scheme take the long way, [`Signer::sign_pairs`]; once
/// signed on the stack, their names become the ones remembered. A session allocates once,
/// when it is made (its memory for the names, about 13 KB), and never when signing up to 64
/// pairs.
///
/// ```
/// use ogone::{HashAlgorithm, Passphrase, Signer};
///
/// // Ingenico's e-Commerce guide, SHA-IN example.
/// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let mut session = signer.session();
/// let order = |id: &'static str| {
///     [
///         ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
///         ("orderID", id), ("PSPID", "MyPSPID"),
///     ]
/// };
/// // The first call learns the names; the second hashes only the values.
/// let first = session.sign_pairs(order("1234"))?;
/// assert_eq!(first.to_string(), "F4CC376CD7A834D997B91598FA747825A238BE0A");
/// let second = session.sign_pairs(order("1235"))?;
/// assert_eq!(second, signer.sign_pairs(order("1235"))?);
/// # Ok::<(), ogone::Error>(())
/// ```
pub struct SigningSession<'s> {
    signer: &'s Signer,
    plan: Box<Plan>,
}

impl core::fmt::Debug for SigningSession<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The signer's own Debug redacts its passphrase; the names are not shown.
        f.debug_struct("SigningSession")
            .field("signer", self.signer)
            .field("remembers_names", &self.plan.ready)
            .finish()
    }
}

impl Signer {
    /// A [`SigningSession`] of this signer: [`Signer::sign_pairs`] that remembers the names of
    /// the last pairs signed.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Passphrase, Signer};
    ///
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha256);
    /// let mut session = signer.session();
    /// let pairs = [("PSPID", "MyPSPID"), ("ORDERID", "1"), ("AMOUNT", "100")];
    /// assert_eq!(session.sign_pairs(pairs)?, signer.sign_pairs(pairs)?);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn session(&self) -> SigningSession<'_> {
        SigningSession {
            signer: self,
            plan: Box::new(Plan::new()),
        }
    }
}

impl SigningSession<'_> {
    /// [`Signer::sign_pairs`] of `pairs`: the same signature or the same error. When the names
    /// are those of the last pairs signed, as given and in the same order, only the values are
    /// hashed.
    ///
    /// ```
    /// use ogone::{Error, HashAlgorithm, Passphrase, Signer};
    ///
    /// let signer = Signer::sha_in(Passphrase::new("secret"), HashAlgorithm::Sha512);
    /// let mut session = signer.session();
    /// for id in ["A-1", "A-2", ""] {
    ///     let pairs = [("PSPID", "MyPSPID"), ("ORDERID", id), ("COMPLUS", "")];
    ///     assert_eq!(session.sign_pairs(pairs)?, signer.sign_pairs(pairs)?);
    /// }
    /// let twice = session.sign_pairs([("PSPID", "a"), ("pspid", "b")]);
    /// assert!(matches!(twice, Err(Error::DuplicateName(_))));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`Signer::sign_pairs`].
    pub fn sign_pairs<'a>(
        &mut self,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Signature, Error> {
        let signer = self.signer;
        if signer.scheme() != Scheme::EachParameter {
            return sign_pairs(signer, pairs.into_iter());
        }
        let mut held = [("", ""); MAX_SCAN_PARAMS];
        let mut len = 0;
        let mut pairs = pairs.into_iter();
        for pair in pairs.by_ref() {
            match held.get_mut(len) {
                Some(place) => *place = pair,
                None => {
                    // More than the stack holds: the long way, for all of them.
                    let seen = held.iter().copied();
                    return sign_pairs(signer, seen.chain(core::iter::once(pair)).chain(pairs));
                }
            }
            len += 1;
        }
        let held = held.get(..len).unwrap_or_default();
        if self.plan.matches(held) {
            return self.plan.sign(signer, held);
        }
        let plan = &mut self.plan;
        sign_pairs_then(signer, held.iter().copied(), |decoded| {
            plan.record(signer, held, decoded);
        })
    }
}
