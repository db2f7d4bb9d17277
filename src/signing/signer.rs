//! Building the string to sign, and hashing it: SHA-IN signing, SHA-OUT verification.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::charset::{Charset, encode_into};
use crate::error::Error;
use crate::signing::builtin_lists::ListKind;
use crate::signing::direction::Direction;
use crate::signing::entry::Entry;
use crate::signing::list::{AllowList, UpperName};
use crate::signing::list_index::{ListMask, SIGNATURE};
use crate::signing::name::is_signature_name;
use crate::signing::order::SortOrder;
use crate::signing::params::Params;
use crate::signing::secret::{PASSPHRASE_MARKER, Passphrase, redaction, unencodable};
use crate::signing::signature::{HashAlgorithm, Hasher, Signature};

/// How the string to sign is composed.
///
/// ```
/// use ogone::{DropReason, HashAlgorithm, Params, Passphrase, Scheme, Signer};
///
/// let params = Params::try_from_pairs([
///     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
///     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
/// ])?;
/// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let each = signer.explain(&params).to_string();
/// assert!(each.starts_with("AMOUNT=1500<passphrase>CURRENCY=EUR<passphrase>"));
/// let legacy = signer.with_scheme(Scheme::LegacyMainParameters).explain(&params);
/// assert_eq!(legacy.to_string(), "12341500EURMyPSPID<passphrase>");
/// assert_eq!(legacy.dropped(), [("LANGUAGE".to_string(), DropReason::NotOnList)]);
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scheme {
    /// `NAME=value` + passphrase for every kept parameter (the scheme of every account since
    /// May 2010; the default).
    #[default]
    EachParameter,
    /// The legacy "main parameters only" scheme (spec section 4): the values of fixed fields, no
    /// names, then the passphrase once. SHA-IN: ORDERID AMOUNT CURRENCY PSPID; SHA-OUT: ORDERID
    /// CURRENCY AMOUNT PM ACCEPTANCE STATUS CARDNO PAYID NCERROR BRAND. Missing values count as
    /// empty. The allow-list and sort order play no part.
    LegacyMainParameters,
}

/// Fields of the legacy scheme, in the order they are concatenated.
const LEGACY_IN: [&str; 4] = ["ORDERID", "AMOUNT", "CURRENCY", "PSPID"];
const LEGACY_OUT: [&str; 10] = [
    "ORDERID",
    "CURRENCY",
    "AMOUNT",
    "PM",
    "ACCEPTANCE",
    "STATUS",
    "CARDNO",
    "PAYID",
    "NCERROR",
    "BRAND",
];

/// Why a parameter is left out of the string to sign.
///
/// ```
/// use ogone::{DropReason, HashAlgorithm, Params, Passphrase, Signer};
///
/// let params = Params::try_from_pairs([("ORDERID", "12"), ("SHASIGN", "F4CC"), ("COM", "")])?;
/// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// assert_eq!(
///     signer.explain(&params).dropped(),
///     [("COM".to_string(), DropReason::Empty), ("SHASIGN".to_string(), DropReason::Signature)]
/// );
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DropReason {
    /// Its value is the empty string.
    Empty,
    /// Its name is not on the allow-list (or, in the legacy scheme, not a main parameter).
    NotOnList,
    /// It is `SHASIGN` or `SHASIGNATURE.SHASIGN`, which are never hashed.
    Signature,
}

impl DropReason {
    /// `empty`, `not on the list` or `signature`.
    ///
    /// ```
    /// use ogone::DropReason;
    ///
    /// assert_eq!(DropReason::NotOnList.as_str(), "not on the list");
    /// assert_eq!(DropReason::Empty.to_string(), "empty");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::Empty => "empty",
            DropReason::NotOnList => "not on the list",
            DropReason::Signature => "signature",
        }
    }
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The fields of the legacy scheme for `direction`, in the order they are concatenated.
pub(crate) fn legacy_fields(direction: Direction) -> &'static [&'static str] {
    match direction {
        Direction::In => &LEGACY_IN,
        Direction::Out => &LEGACY_OUT,
    }
}

/// Why the each-parameter scheme leaves `entry` out, or `None` when it is hashed.
#[inline]
fn drop_reason(list: &AllowList, entry: Entry<'_>) -> Option<DropReason> {
    drop_reason_of(list, entry, entry.lists, entry.has_empty_value())
}

/// [`drop_reason`] from the parts: the (upper-case) name, its built-in lists and whether its
/// value is empty.
#[inline]
fn drop_reason_of(
    list: &AllowList,
    name: impl UpperName,
    lists: ListMask,
    empty: bool,
) -> Option<DropReason> {
    if lists & SIGNATURE != 0 {
        Some(DropReason::Signature)
    } else if empty {
        Some(DropReason::Empty)
    } else if !list.contains_with_mask(name, lists) {
        Some(DropReason::NotOnList)
    } else {
        None
    }
}

/// Whether the each-parameter scheme under `list` hashes the parameter `upper` (its built-in
/// lists `lists`, its value empty or not): the rule [`Signer::sign`] follows, for the scan of
/// posted bodies.
#[inline]
pub(crate) fn keeps(list: &AllowList, upper: &str, lists: ListMask, empty: bool) -> bool {
    drop_reason_of(list, upper, lists, empty).is_none()
}

/// Whether the value of `entry` is part of the string to sign under `scheme`, `list` and
/// `direction`: the one rule for what a signature covers. An empty value never is.
#[inline]
fn covers(list: &AllowList, scheme: Scheme, direction: Direction, entry: Entry<'_>) -> bool {
    match scheme {
        Scheme::EachParameter => drop_reason(list, entry).is_none(),
        Scheme::LegacyMainParameters => {
            !entry.has_empty_value() && legacy_fields(direction).contains(&entry.name())
        }
    }
}

/// What a signature covers (scheme, list and direction, no passphrase): kept by verified
/// feedback so that it calls signed exactly what was hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Coverage {
    list: AllowList,
    scheme: Scheme,
    direction: Direction,
}

impl Coverage {
    /// What signatures made with `list`, `scheme` and `direction` cover.
    pub(crate) fn new(list: AllowList, scheme: Scheme, direction: Direction) -> Coverage {
        Coverage {
            list,
            scheme,
            direction,
        }
    }

    /// The scheme the signature was made with.
    pub(crate) fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Whether the value of `entry` was hashed.
    #[inline]
    pub(crate) fn covers(&self, entry: Entry<'_>) -> bool {
        covers(&self.list, self.scheme, self.direction, entry)
    }
}

/// One piece of the string to sign.
#[derive(Clone, Copy)]
enum Piece<'a> {
    /// A kept parameter: `NAME=value`.
    Pair(Entry<'a>),
    /// A value of the legacy scheme.
    Value(&'a str),
    /// The passphrase.
    Passphrase,
}

/// Signs parameter sets and verifies their signatures: one passphrase, one algorithm, one
/// allow-list, one sort order, one hashing charset.
///
/// ```
/// use ogone::{HashAlgorithm, Params, Passphrase, Signer};
///
/// // Ingenico's e-Commerce guide, SHA-IN example.
/// let params = Params::try_from_pairs([
///     ("AMOUNT", "1500"),
///     ("CURRENCY", "EUR"),
///     ("LANGUAGE", "en_US"),
///     ("ORDERID", "1234"),
///     ("PSPID", "MyPSPID"),
/// ])?;
/// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let sig = signer.sign(&params)?;
/// assert_eq!(sig.to_string(), "F4CC376CD7A834D997B91598FA747825A238BE0A");
/// signer.verify(&params, "f4cc376cd7a834d997b91598fa747825a238be0a")?;
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Signer {
    passphrase: Passphrase,
    algorithm: HashAlgorithm,
    direction: Direction,
    list: AllowList,
    order: SortOrder,
    charset: Charset,
    scheme: Scheme,
}

impl Signer {
    /// A SHA-IN signer: the SHA-IN allow-list, Ingenico order, UTF-8.
    ///
    /// ```
    /// use ogone::{Direction, HashAlgorithm, ListKind, Params, Passphrase, Signer};
    ///
    /// let params = Params::try_from_pairs([
    ///     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    ///     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// ])?;
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// assert_eq!((signer.direction(), signer.list().kind()), (Direction::In, ListKind::ShaIn));
    /// assert_eq!(signer.sign(&params)?.to_string(), "F4CC376CD7A834D997B91598FA747825A238BE0A");
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn sha_in(passphrase: Passphrase, algorithm: HashAlgorithm) -> Self {
        Signer::new(passphrase, algorithm, Direction::In)
    }

    /// A SHA-OUT verifier: the SHA-OUT allow-list, Ingenico order, UTF-8.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Params, Passphrase, Signer};
    ///
    /// // Ingenico's e-Commerce guide, SHA-OUT example.
    /// let feedback = Params::try_from_pairs([
    ///     ("ACCEPTANCE", "1234"), ("amount", "15"), ("BRAND", "VISA"),
    ///     ("CARDNO", "XXXXXXXXXXXX1111"), ("currency", "EUR"), ("NCERROR", "0"),
    ///     ("orderID", "12"), ("PAYID", "32100123"), ("PM", "CreditCard"), ("STATUS", "9"),
    /// ])?;
    /// let verifier = Signer::sha_out(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// verifier.verify(&feedback, "209113288F93A9AB8E474EA78D899AFDBB874355")?;
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn sha_out(passphrase: Passphrase, algorithm: HashAlgorithm) -> Self {
        Signer::new(passphrase, algorithm, Direction::Out)
    }

    /// A signer for `direction` with its default allow-list, Ingenico order and UTF-8.
    ///
    /// ```
    /// use ogone::{Direction, HashAlgorithm, Params, Passphrase, Signer};
    ///
    /// let params = Params::try_from_pairs([
    ///     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    ///     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// ])?;
    /// let key = Passphrase::new("Mysecretsig1875!?");
    /// let signer = Signer::new(key.clone(), HashAlgorithm::Sha1, Direction::In);
    /// let same = Signer::sha_in(key, HashAlgorithm::Sha1);
    /// assert_eq!(signer.sign(&params)?, same.sign(&params)?);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn new(passphrase: Passphrase, algorithm: HashAlgorithm, direction: Direction) -> Self {
        let kind = match direction {
            Direction::In => ListKind::ShaIn,
            Direction::Out => ListKind::ShaOut,
        };
        Signer {
            passphrase,
            algorithm,
            direction,
            list: AllowList::new(kind),
            order: SortOrder::Ingenico,
            charset: Charset::Utf8,
            scheme: Scheme::EachParameter,
        }
    }

    /// Uses another allow-list (a built-in [`ListKind`] or an extended [`AllowList`]).
    ///
    /// ```
    /// use ogone::{AllowList, HashAlgorithm, ListKind, Params, Passphrase, Signer};
    ///
    /// let params = Params::try_from_pairs([("ORDERID", "1234"), ("CART", "42")])?;
    /// let signer = Signer::sha_out(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha512);
    /// assert_eq!(signer.explain(&params).kept(), ["ORDERID"]);
    /// let extended = signer.with_list(AllowList::new(ListKind::ShaOut).with(["CART"])?);
    /// assert_eq!(extended.explain(&params).kept(), ["CART", "ORDERID"]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn with_list(mut self, list: impl Into<AllowList>) -> Self {
        self.list = list.into();
        self
    }

    /// Uses another sort order.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Params, Passphrase, Signer, SortOrder};
    ///
    /// let params = Params::try_from_pairs([("ITEMNAME2", "Mug"), ("ITEMNAME10", "Tea")])?;
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha512);
    /// assert_eq!(signer.explain(&params).kept(), ["ITEMNAME2", "ITEMNAME10"]);
    /// let byte = signer.with_order(SortOrder::Byte);
    /// assert_eq!(byte.explain(&params).kept(), ["ITEMNAME10", "ITEMNAME2"]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn with_order(mut self, order: SortOrder) -> Self {
        self.order = order;
        self
    }

    /// Uses another hashing charset (ISO-8859-1 for the plain, non-`_utf8` endpoints).
    ///
    /// ```
    /// use ogone::{Charset, Error, HashAlgorithm, Params, Passphrase, Signer};
    ///
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha512)
    ///     .with_charset(Charset::Iso8859_1);
    /// assert!(signer.sign(&Params::try_from_pairs([("CN", "Zoë")])?).is_ok());
    /// let euro = Params::try_from_pairs([("COM", "10 €")])?;
    /// assert_eq!(signer.sign(&euro), Err(Error::Unencodable { name: "COM".into(), ch: '€' }));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn with_charset(mut self, charset: Charset) -> Self {
        self.charset = charset;
        self
    }

    /// Uses another scheme (the legacy "main parameters only" one).
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Params, Passphrase, Scheme, Signer, hash_bytes};
    ///
    /// let params = Params::try_from_pairs([
    ///     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    ///     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// ])?;
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1)
    ///     .with_scheme(Scheme::LegacyMainParameters);
    /// // ORDERID, AMOUNT, CURRENCY and PSPID, then the passphrase once.
    /// let legacy = hash_bytes(HashAlgorithm::Sha1, b"12341500EURMyPSPIDMysecretsig1875!?");
    /// assert_eq!(signer.sign(&params)?, legacy);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn with_scheme(mut self, scheme: Scheme) -> Self {
        self.scheme = scheme;
        self
    }

    /// The hash algorithm.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Passphrase, Signer};
    ///
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha512);
    /// assert_eq!(signer.algorithm(), HashAlgorithm::Sha512);
    /// ```
    #[must_use]
    pub fn algorithm(&self) -> HashAlgorithm {
        self.algorithm
    }

    /// SHA-IN or SHA-OUT.
    ///
    /// ```
    /// use ogone::{Direction, HashAlgorithm, Passphrase, Signer};
    ///
    /// let signer = Signer::sha_out(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha512);
    /// assert_eq!(signer.direction(), Direction::Out);
    /// ```
    #[must_use]
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The allow-list.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, ListKind, Passphrase, Signer};
    ///
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha512);
    /// assert_eq!(signer.list().kind(), ListKind::ShaIn);
    /// assert!(signer.list().contains("PSPID"));
    /// ```
    #[must_use]
    pub fn list(&self) -> &AllowList {
        &self.list
    }

    /// The sort order.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Passphrase, Signer, SortOrder};
    ///
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha512);
    /// assert_eq!(signer.order(), SortOrder::Ingenico);
    /// assert_eq!(signer.with_order(SortOrder::Byte).order(), SortOrder::Byte);
    /// ```
    #[must_use]
    pub fn order(&self) -> SortOrder {
        self.order
    }

    /// The hashing charset.
    ///
    /// ```
    /// use ogone::{Charset, HashAlgorithm, Passphrase, Signer};
    ///
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha512);
    /// assert_eq!(signer.charset(), Charset::Utf8);
    /// assert_eq!(signer.with_charset(Charset::Iso8859_1).charset(), Charset::Iso8859_1);
    /// ```
    #[must_use]
    pub fn charset(&self) -> Charset {
        self.charset
    }

    /// The scheme.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Passphrase, Scheme, Signer};
    ///
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha512);
    /// assert_eq!(signer.scheme(), Scheme::EachParameter);
    /// ```
    #[must_use]
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Why a parameter is left out, or `None` when it is hashed (each-parameter scheme).
    #[inline]
    fn drop_reason(&self, entry: Entry<'_>) -> Option<DropReason> {
        drop_reason(&self.list, entry)
    }

    /// Whether the value of `entry` is part of the string to sign.
    #[inline]
    pub(crate) fn covers(&self, entry: Entry<'_>) -> bool {
        covers(&self.list, self.scheme, self.direction, entry)
    }

    /// Whether anything of `params` but the passphrase would be hashed.
    fn covers_any(&self, params: &Params) -> bool {
        params
            .entries_in(SortOrder::Ingenico)
            .any(|entry| self.covers(entry))
    }

    /// How many parameters' values [`Signer::sign`] hashes: the kept ones (each-parameter
    /// scheme), the fields present with a non-empty value (legacy scheme).
    pub(crate) fn hashed_count(&self, params: &Params) -> usize {
        match self.scheme {
            Scheme::EachParameter => self.kept(params).count(),
            Scheme::LegacyMainParameters => legacy_fields(self.direction)
                .iter()
                .filter(|&&name| params.get(name).is_some_and(|v| !v.is_empty()))
                .count(),
        }
    }

    /// Feeds `value` (of the parameter `name`) to `hasher` in the hashing charset, as
    /// [`Signer::sign`] does. UTF-8 inline, where the pieces are fed; another charset is a
    /// call.
    #[inline(always)]
    pub(crate) fn feed_value(
        &self,
        hasher: &mut Hasher,
        name: &str,
        value: &str,
    ) -> Result<(), Error> {
        if self.charset == Charset::Utf8 {
            hasher.update(value.as_bytes());
            return Ok(());
        }
        self.feed_encoded(hasher, name, value)
    }

    /// [`Signer::feed_value`] in a charset other than UTF-8.
    #[inline(never)]
    fn feed_encoded(&self, hasher: &mut Hasher, name: &str, value: &str) -> Result<(), Error> {
        encode_into(self.charset, value, &mut |bytes: &[u8]| {
            hasher.update(bytes)
        })
        .map_err(|ch| unencodable(name, ch))
    }

    /// Feeds the passphrase to `hasher` in the hashing charset, as [`Signer::sign`] does.
    /// UTF-8 inline; another charset is a call.
    #[inline(always)]
    pub(crate) fn feed_passphrase(&self, hasher: &mut Hasher) -> Result<(), Error> {
        if self.charset == Charset::Utf8 {
            hasher.update(self.passphrase.expose().as_bytes());
            return Ok(());
        }
        self.feed_passphrase_encoded(hasher)
    }

    /// [`Signer::feed_passphrase`] in a charset other than UTF-8.
    #[inline(never)]
    fn feed_passphrase_encoded(&self, hasher: &mut Hasher) -> Result<(), Error> {
        encode_into(
            self.charset,
            self.passphrase.expose(),
            &mut |bytes: &[u8]| hasher.update(bytes),
        )
        .map_err(|_| Error::PassphraseUnencodable)
    }

    /// Whether `other` has this signer's algorithm and feeds its passphrase to the hash as the
    /// same bytes (compared by their SHA-256, never in clear): then the two verify the same
    /// signatures of the same set. A passphrase the charset cannot encode hashes as nothing.
    pub(crate) fn hashes_passphrase_as(&self, other: &Signer) -> bool {
        let digest = |signer: &Signer| {
            let mut hasher = Hasher::new(HashAlgorithm::Sha256);
            signer.feed_passphrase(&mut hasher).ok()?;
            Some(hasher.finish())
        };
        self.algorithm == other.algorithm
            && matches!((digest(self), digest(other)), (Some(a), Some(b)) if a == b)
    }

    /// The parameters the each-parameter scheme hashes, in order.
    fn kept<'a>(&'a self, params: &'a Params) -> impl Iterator<Item = Entry<'a>> + 'a {
        params
            .entries_in(self.order)
            .filter(|&entry| self.drop_reason(entry).is_none())
    }

    /// Walks the string to sign piece by piece; `visit` gets each piece and the name of the
    /// parameter it belongs to. This is the one place that decides what is hashed.
    fn walk<E>(
        &self,
        params: &Params,
        mut visit: impl FnMut(Piece<'_>, &str) -> Result<(), E>,
    ) -> Result<(), E> {
        match self.scheme {
            Scheme::EachParameter => {
                for entry in self.kept(params) {
                    visit(Piece::Pair(entry), entry.name())?;
                    visit(Piece::Passphrase, entry.name())?;
                }
            }
            Scheme::LegacyMainParameters => {
                for &name in legacy_fields(self.direction) {
                    visit(Piece::Value(params.get(name).unwrap_or("")), name)?;
                }
                visit(Piece::Passphrase, "")?;
            }
        }
        Ok(())
    }

    /// Signs a parameter set. Allocates nothing: the string to sign is streamed into the hash.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Params, Passphrase, Signer};
    ///
    /// let params = Params::try_from_pairs([
    ///     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    ///     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// ])?;
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// assert_eq!(signer.sign(&params)?.to_string(), "F4CC376CD7A834D997B91598FA747825A238BE0A");
    /// // Empty values are not hashed: adding one leaves the signature as it was.
    /// let mut with_empty = params.clone();
    /// with_empty.insert("COM", "")?;
    /// assert_eq!(signer.sign(&with_empty)?, signer.sign(&params)?);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// With the ISO-8859-1 charset only: [`Error::Unencodable`] for a value holding a character
    /// above U+00FF, [`Error::PassphraseUnencodable`] for such a passphrase.
    pub fn sign(&self, params: &Params) -> Result<Signature, Error> {
        let mut hasher = Hasher::new(self.algorithm);
        if self.charset == Charset::Utf8 && self.scheme == Scheme::EachParameter {
            // The common case, without the charset machinery: two pieces per parameter.
            let passphrase = self.passphrase.expose().as_bytes();
            for entry in self.kept(params) {
                hasher.update(entry.pair.as_bytes());
                hasher.update(passphrase);
            }
            return Ok(hasher.finish());
        }
        let charset = self.charset;
        let mut feed = |bytes: &[u8]| hasher.update(bytes);
        self.walk(params, |piece, name| match piece {
            Piece::Pair(Entry { pair: text, .. }) | Piece::Value(text) => {
                encode_into(charset, text, &mut feed).map_err(|ch| unencodable(name, ch))
            }
            Piece::Passphrase => encode_into(charset, self.passphrase.expose(), &mut feed)
                .map_err(|_| Error::PassphraseUnencodable),
        })?;
        Ok(hasher.finish())
    }

    /// Checks a received hex signature (either case) against the parameter set, comparing the
    /// decoded digests in constant time. Allocates nothing.
    ///
    /// ```
    /// use ogone::{Error, HashAlgorithm, Params, Passphrase, Signer};
    ///
    /// let feedback = Params::try_from_pairs([
    ///     ("ACCEPTANCE", "1234"), ("amount", "15"), ("BRAND", "VISA"),
    ///     ("CARDNO", "XXXXXXXXXXXX1111"), ("currency", "EUR"), ("NCERROR", "0"),
    ///     ("orderID", "12"), ("PAYID", "32100123"), ("PM", "CreditCard"), ("STATUS", "9"),
    /// ])?;
    /// let verifier = Signer::sha_out(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// verifier.verify(&feedback, "209113288f93a9ab8e474ea78d899afdbb874355")?; // either case
    /// let other = "209113288F93A9AB8E474EA78D899AFDBB874356";
    /// assert_eq!(verifier.verify(&feedback, other), Err(Error::Mismatch));
    /// let cut = Err(Error::SignatureLength { expected: 40, found: 8 });
    /// assert_eq!(verifier.verify(&feedback, "20911328"), cut);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// A set of which no parameter would be hashed is never verified: the string to sign is
    /// then empty (or, in the legacy scheme, the passphrase alone), and its digest a constant
    /// anyone can compute or replay.
    ///
    /// ```
    /// use ogone::{Error, HashAlgorithm, Params, Passphrase, Signer, hash_bytes};
    ///
    /// let verifier = Signer::sha_out(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// let nothing = hash_bytes(HashAlgorithm::Sha1, b"").to_string(); // DA39A3EE...
    /// let only_extras = Params::try_from_pairs([("CART", "42"), ("STATUS", "")])?;
    /// assert_eq!(verifier.verify(&only_extras, &nothing), Err(Error::NothingSigned));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::SignatureLength`] or [`Error::SignatureNotHex`] for a malformed signature,
    /// [`Error::NothingSigned`] when no parameter would be hashed, the errors of
    /// [`Signer::sign`], then [`Error::Mismatch`].
    pub fn verify(&self, params: &Params, signature: &str) -> Result<(), Error> {
        let received = Signature::parse_hex(self.algorithm, signature)?;
        if !self.covers_any(params) {
            return Err(Error::NothingSigned);
        }
        if self.sign(params)? == received {
            Ok(())
        } else {
            Err(Error::Mismatch)
        }
    }

    /// Verifies the signature the set carries itself, in `SHASIGN` (or, for FlexCheckout,
    /// `SHASIGNATURE.SHASIGN`): what feedback from Ogone looks like.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Params, Passphrase, Signer, TransportCharset};
    ///
    /// // Ingenico's e-Commerce guide, SHA-OUT example.
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let feedback = Params::parse_form(body, TransportCharset::Utf8)?;
    /// let verifier = Signer::sha_out(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// verifier.verify_shasign(&feedback)?;
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingSignature`] when the set has neither, [`Error::TwoSignatures`] when it has
    /// both, then those of [`Signer::verify`].
    pub fn verify_shasign(&self, params: &Params) -> Result<(), Error> {
        let signature = match (params.get("SHASIGN"), params.get("SHASIGNATURE.SHASIGN")) {
            (Some(_), Some(_)) => return Err(Error::TwoSignatures),
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => return Err(Error::MissingSignature),
        };
        self.verify(params, signature)
    }

    /// Explains what [`Signer::sign`] hashes: the string to sign with the passphrase, the value
    /// of `PSWD` and card data replaced by markers (see [`Explanation::redacted`]), and every
    /// parameter left out with its reason.
    ///
    /// ```
    /// use ogone::{DropReason, HashAlgorithm, Params, Passphrase, Signer};
    ///
    /// let params = Params::try_from_pairs([("orderID", "12"), ("COM", ""), ("FOO", "x")])?;
    /// let signer = Signer::sha_out(Passphrase::new("secret"), HashAlgorithm::Sha1);
    /// let explained = signer.explain(&params);
    /// assert_eq!(explained.to_string(), "ORDERID=12<passphrase>");
    /// assert_eq!(explained.dropped(), [("COM".to_string(), DropReason::Empty), ("FOO".to_string(), DropReason::NotOnList)]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn explain(&self, params: &Params) -> Explanation {
        let mut hashed = String::new();
        let mut kept = Vec::new();
        let _ = self.walk(params, |piece, name| {
            match piece {
                Piece::Pair(entry) => {
                    push_escaped(&mut hashed, entry.name());
                    hashed.push('=');
                    match redaction(entry.name(), entry.value()) {
                        Some(marker) => hashed.push_str(marker),
                        None => push_escaped(&mut hashed, entry.value()),
                    }
                }
                Piece::Value(value) => match redaction(name, value) {
                    Some(marker) => hashed.push_str(marker),
                    None => push_escaped(&mut hashed, value),
                },
                Piece::Passphrase => hashed.push_str(PASSPHRASE_MARKER),
            }
            if !name.is_empty() && kept.last().is_none_or(|last: &String| last != name) {
                kept.push(String::from(name));
            }
            Ok::<(), core::convert::Infallible>(())
        });
        let dropped = params
            .entries_in(SortOrder::Ingenico)
            .filter_map(|entry| {
                let name = entry.name();
                let reason = match self.scheme {
                    Scheme::EachParameter => self.drop_reason(entry)?,
                    Scheme::LegacyMainParameters
                        if legacy_fields(self.direction).contains(&name) =>
                    {
                        return None;
                    }
                    Scheme::LegacyMainParameters if is_signature_name(name) => {
                        DropReason::Signature
                    }
                    Scheme::LegacyMainParameters => DropReason::NotOnList,
                };
                Some((String::from(name), reason))
            })
            .collect();
        Explanation {
            hashed,
            kept,
            dropped,
        }
    }
}

/// Appends text of the set to an explanation so that no value can pass for a marker: `\\` is
/// written `\\\\` and `<` is written `\\<`, so every unescaped `<` starts a marker.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if c == '\\' || c == '<' {
            out.push('\\');
        }
        out.push(c);
    }
}

/// The answer of [`Signer::explain`]: the string to sign with its secrets replaced by markers,
/// and what was left out. `Display` prints the redacted string.
///
/// ```
/// use ogone::{DropReason, HashAlgorithm, Params, Passphrase, Signer};
///
/// let params = Params::try_from_pairs([("orderID", "12"), ("STATUS", "9"), ("CART", "42")])?;
/// let verifier = Signer::sha_out(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let explained = verifier.explain(&params);
/// assert_eq!(explained.to_string(), "ORDERID=12<passphrase>STATUS=9<passphrase>");
/// assert_eq!(explained.kept(), ["ORDERID", "STATUS"]);
/// assert_eq!(explained.dropped(), [("CART".to_string(), DropReason::NotOnList)]);
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    hashed: String,
    kept: Vec<String>,
    dropped: Vec<(String, DropReason)>,
}

impl Explanation {
    /// The string to sign, with [`PASSPHRASE_MARKER`] for each passphrase,
    /// [`PASSWORD_MARKER`](crate::PASSWORD_MARKER) for the value of `PSWD` and
    /// [`REDACTED_MARKER`](crate::REDACTED_MARKER) for card data (see [`Params`]), and `<` and
    /// `\` of names and values escaped with a `\`: every unescaped `<` starts a marker.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Params, Passphrase, Signer};
    ///
    /// let params = Params::try_from_pairs([("ORDERID", "1234"), ("PSPID", "MyPSPID")])?;
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// let explained = signer.explain(&params);
    /// assert_eq!(explained.redacted(), "ORDERID=1234<passphrase>PSPID=MyPSPID<passphrase>");
    /// assert!(!explained.redacted().contains("Mysecretsig"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn redacted(&self) -> &str {
        &self.hashed
    }

    /// The names that are hashed, in the order they are hashed.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Params, Passphrase, Signer};
    ///
    /// let params =
    ///     Params::try_from_pairs([("PSPID", "MyPSPID"), ("AMOUNT", "1500"), ("CN", "")])?;
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// assert_eq!(signer.explain(&params).kept(), ["AMOUNT", "PSPID"]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn kept(&self) -> &[String] {
        &self.kept
    }

    /// The names left out, each with its reason, in Ingenico order.
    ///
    /// ```
    /// use ogone::{DropReason, HashAlgorithm, Params, Passphrase, Signer};
    ///
    /// let params = Params::try_from_pairs([("orderID", "12"), ("NCERRORPLUS", "!")])?;
    /// let verifier = Signer::sha_out(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// let dropped = verifier.explain(&params).dropped().to_vec();
    /// assert_eq!(dropped, [("NCERRORPLUS".to_string(), DropReason::NotOnList)]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn dropped(&self) -> &[(String, DropReason)] {
        &self.dropped
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hashed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string to sign in clear, for tests only: it embeds the passphrase.
    fn clear_string(signer: &Signer, params: &Params) -> String {
        let mut out = String::new();
        let _ = signer.walk(params, |piece, _| {
            match piece {
                Piece::Pair(Entry { pair: t, .. }) | Piece::Value(t) => out.push_str(t),
                Piece::Passphrase => out.push_str(signer.passphrase.expose()),
            }
            Ok::<(), ()>(())
        });
        out
    }

    const KEY: &str = "Mysecretsig1875!?";

    // Spec section 1, worked example from Ingenico's e-Commerce guide.
    #[test]
    fn guide_sha_in_string_in_clear() {
        let params = Params::try_from_pairs([
            ("PSPID", "MyPSPID"),
            ("ORDERID", "1234"),
            ("LANGUAGE", "en_US"),
            ("CURRENCY", "EUR"),
            ("AMOUNT", "1500"),
        ])
        .unwrap();
        for order in [SortOrder::Ingenico, SortOrder::Byte] {
            let signer =
                Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha1).with_order(order);
            assert_eq!(
                signer.explain(&params).kept(),
                ["AMOUNT", "CURRENCY", "LANGUAGE", "ORDERID", "PSPID"]
            );
            assert_eq!(
                clear_string(&signer, &params),
                "AMOUNT=1500Mysecretsig1875!?CURRENCY=EURMysecretsig1875!?LANGUAGE=en_USMysecretsig1875!?ORDERID=1234Mysecretsig1875!?PSPID=MyPSPIDMysecretsig1875!?"
            );
        }
    }

    // Spec section 4: values only, passphrase once, SHA-OUT currency before amount.
    #[test]
    fn legacy_strings_in_clear() {
        let params = Params::try_from_pairs([
            ("orderID", "12"),
            ("amount", "15"),
            ("currency", "EUR"),
            ("PM", "CreditCard"),
            ("STATUS", "9"),
            ("PAYID", "32100123"),
            ("NCERROR", "0"),
            ("BRAND", "VISA"),
            ("PSPID", "MyPSPID"),
        ])
        .unwrap();
        let out = Signer::sha_out(Passphrase::new(KEY), HashAlgorithm::Sha1)
            .with_scheme(Scheme::LegacyMainParameters);
        assert_eq!(
            clear_string(&out, &params),
            "12EUR15CreditCard9321001230VISAMysecretsig1875!?"
        );
        let inn = Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha1)
            .with_scheme(Scheme::LegacyMainParameters);
        assert_eq!(
            clear_string(&inn, &params),
            "1215EURMyPSPIDMysecretsig1875!?"
        );
    }

    // The legacy scheme in both charsets: the digest of the hand-built string.
    #[test]
    fn legacy_scheme_encodes_in_its_charset() {
        let params = Params::try_from_pairs([
            ("ORDERID", "café"),
            ("AMOUNT", "1500"),
            ("CURRENCY", "EUR"),
            ("PSPID", "p"),
        ])
        .unwrap();
        let text = "café1500EURpMysecretsig1875!?";
        let latin1: Vec<u8> = text.chars().map(|c| c as u8).collect();
        for (charset, bytes) in [
            (Charset::Utf8, text.as_bytes().to_vec()),
            (Charset::Iso8859_1, latin1),
        ] {
            let signer = Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha256)
                .with_scheme(Scheme::LegacyMainParameters)
                .with_charset(charset);
            assert_eq!(
                signer.sign(&params).unwrap(),
                crate::hash_bytes(HashAlgorithm::Sha256, &bytes),
                "{charset}"
            );
        }
    }

    #[test]
    fn an_unencodable_password_character_is_not_named() {
        let params = Params::try_from_pairs([("PSWD", "pass€word"), ("USERID", "api")]).unwrap();
        let signer = Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha1)
            .with_charset(Charset::Iso8859_1);
        let err = signer.sign(&params).unwrap_err();
        assert_eq!(
            err,
            Error::SecretUnencodable {
                name: "PSWD".into()
            }
        );
        assert!(!alloc::format!("{err} {err:?}").contains('€'));
        assert!(matches!(
            params.to_form(crate::TransportCharset::Iso8859_1),
            Err(Error::SecretUnencodable { .. })
        ));
    }

    #[test]
    fn legacy_explanations_give_reasons() {
        let params =
            Params::try_from_pairs([("ORDERID", "1"), ("SHASIGN", "AB"), ("COM", "x")]).unwrap();
        let signer = Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha1)
            .with_scheme(Scheme::LegacyMainParameters);
        let explained = signer.explain(&params);
        assert_eq!(explained.redacted(), "1<passphrase>");
        assert_eq!(
            explained.dropped(),
            [
                (String::from("COM"), DropReason::NotOnList),
                (String::from("SHASIGN"), DropReason::Signature),
            ]
        );
    }

    #[test]
    fn password_is_hashed_but_redacted_in_explanations() {
        let params = Params::try_from_pairs([("PSWD", "s3cr3tpass"), ("USERID", "api")]).unwrap();
        let signer = Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha1);
        assert_eq!(
            clear_string(&signer, &params),
            "PSWD=s3cr3tpassMysecretsig1875!?USERID=apiMysecretsig1875!?"
        );
        let explained = signer.explain(&params).to_string();
        assert_eq!(
            explained,
            "PSWD=<password><passphrase>USERID=api<passphrase>"
        );
    }
}
