//! Verifying a posted form body before anything is allocated.
//!
//! [`verify_form`] answers what [`Params::parse_form`] followed by
//! [`Signer::verify_shasign`] answers (the same typed errors, in the same order), but from the
//! borrowed body, in one scan and on the stack: split on `&`, percent-decode and transcode the
//! names (upper-cased) and the escaped values into a fixed buffer, look up each name's lists,
//! sort indices, reject duplicates, hash exactly what [`Signer::sign`] would hash for the same
//! set, and compare with the body's own `SHASIGN` (or `SHASIGNATURE.SHASIGN`) in constant time.
//! Values without escapes are hashed straight from the body.
//!
//! Whatever the length of the names and values, a body of up to [`MAX_SCAN_PARAMS`] parameters
//! is answered without allocating: the names have room for [`MAX_SCAN_PARAMS`] of
//! [`MAX_NAME_BYTES`] (a longer name is refused once its first 104 decoded bytes are kept), and
//! an escaped value whose decoded text does not fit in the [`SCAN_TEXT`] bytes left for values
//! is checked where it stands and, when read (hashed, or as `SHASIGN`), decoded again from the
//! body on the fly, in pieces of [`PIECE`] bytes. Each value is so decoded at most three times
//! before the signature is compared: the work stays linear in the input.
//!
//! Only a body with more than [`MAX_SCAN_PARAMS`] parameters is handed to the allocating path
//! (`Params::parse_form` + `Signer::verify_shasign`): same answers, with allocations. Real
//! feedback (20 to 40 short parameters) never gets there.

use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

use crate::charset::{TransportCharset, windows1252_char};
use crate::error::Error;
use crate::signing::bytes::{copy_short, equal_short};
use crate::signing::form::{MAX_FORM_BYTES, MAX_FORM_PARAMS, unescape};
use crate::signing::list::AllowList;
use crate::signing::list_index::{ListMask, SIGNATURE, builtin_mask, builtin_mask_of};
use crate::signing::name::{MAX_NAME_BYTES, validate_name};
use crate::signing::order::{Key, NO_KEY, SortOrder, compare_keyed, compare_upper, ingenico_key};
use crate::signing::params::{Params, Span};
use crate::signing::signature::{Hasher, Signature};
use crate::signing::signer::{Scheme, Signer, keeps, legacy_fields};

pub(crate) mod replay;
pub(crate) mod signing_session;

/// The most parameters scanned on the stack; a larger body takes the allocating path.
pub(crate) const MAX_SCAN_PARAMS: usize = 64;

/// Bytes of stack for the decoded escaped values; a value that does not fit is decoded on the
/// fly from the body each time it is read.
pub(crate) const SCAN_TEXT: usize = 4096;

/// Bytes of stack for the upper-case names, each followed by `=`: room for [`MAX_SCAN_PARAMS`]
/// names of [`MAX_NAME_BYTES`], and 3 more for the 104 bytes kept of a name that is too long
/// (refused at once, so nothing comes after it).
const NAME_TEXT: usize = MAX_SCAN_PARAMS * (MAX_NAME_BYTES + 1) + 3;

/// The decoded bytes of a name kept to report it: whole characters, at most this many. When the
/// name is longer than [`MAX_NAME_BYTES`], at least [`MAX_NAME_BYTES`] + 1 are kept, so that
/// [`validate_name`] refuses the kept part as it would the whole, with the same 64 bytes in the
/// error.
const NAME_KEPT: usize = MAX_NAME_BYTES + 4;

/// How many decoded bytes [`stream`] hands on at a time (whole characters).
const PIECE: usize = 256;

/// The most hex digits of a signature (SHA-512).
const MAX_HEX: usize = 128;

const _: () = assert!(MAX_SCAN_PARAMS <= MAX_FORM_PARAMS && MAX_SCAN_PARAMS <= 256);

/// What a successful verification found (the hidden [`Signer::__verify_form`] returns it, so
/// that tests can compare it with what the allocating path hashes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verified {
    /// How many parameters' values went into the hash: the kept parameters in the
    /// each-parameter scheme; the fields present with a non-empty value in the legacy scheme.
    pub(crate) hashed: usize,
}

/// The rules a scan verifies with: the signer's own list and scheme, or those a kind of
/// feedback imposes (FlexCheckout and Alias Gateway results are always each-parameter, on their
/// own lists).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules<'a> {
    pub(crate) list: &'a AllowList,
    pub(crate) scheme: Scheme,
}

impl<'a> Rules<'a> {
    /// The signer's own list and scheme.
    pub(crate) fn of(signer: &'a Signer) -> Rules<'a> {
        Rules {
            list: signer.list(),
            scheme: signer.scheme(),
        }
    }
}

/// The allocating path, for bodies of more than [`MAX_SCAN_PARAMS`] parameters.
fn verify_allocating(
    input: &[u8],
    transport: TransportCharset,
    signer: &Signer,
    rules: Rules<'_>,
) -> Result<(Params, Verified), Error> {
    let params = Params::parse_form(input, transport)?;
    let hashed = verify_params(&params, signer, rules)?;
    Ok((params, Verified { hashed }))
}

/// [`Signer::verify_shasign`] of a decoded set under `rules`; how many values were hashed.
pub(crate) fn verify_params(
    params: &Params,
    signer: &Signer,
    rules: Rules<'_>,
) -> Result<usize, Error> {
    if *rules.list == *signer.list() && rules.scheme == signer.scheme() {
        signer.verify_shasign(params)?;
        Ok(signer.hashed_count(params))
    } else {
        let signer = signer
            .clone()
            .with_list(rules.list.clone())
            .with_scheme(rules.scheme);
        signer.verify_shasign(params)?;
        Ok(signer.hashed_count(params))
    }
}

/// The scan, or the allocating path for a body of more than [`MAX_SCAN_PARAMS`] parameters:
/// `then` builds the answer from what the scan decoded, `otherwise` from the set the allocating
/// path decoded.
fn scan_or_allocate<R>(
    input: &[u8],
    transport: TransportCharset,
    signer: &Signer,
    rules: Rules<'_>,
    then: impl FnOnce(&Decoded<'_, '_>, Verified) -> R,
    otherwise: impl FnOnce(Params, Verified) -> R,
) -> Result<R, Error> {
    match scan(input, transport, signer, rules, MAX_FORM_BYTES, then) {
        Ok(answer) => Ok(answer),
        Err(Stop::Fail(error)) => Err(error),
        Err(Stop::Full) => verify_allocating(input, transport, signer, rules)
            .map(|(params, verified)| otherwise(params, verified)),
    }
}

/// Checks `input` as [`Params::parse_form`] then [`Signer::verify_shasign`] would (under
/// `rules`), without allocating (a body of more than [`MAX_SCAN_PARAMS`] parameters takes the
/// allocating path).
pub(crate) fn verify_form(
    input: &[u8],
    transport: TransportCharset,
    signer: &Signer,
    rules: Rules<'_>,
) -> Result<Verified, Error> {
    scan_or_allocate(input, transport, signer, rules, |_, v| v, |_, v| v)
}

/// [`verify_form`], then the parameter set built from what the scan decoded (already sorted
/// and checked): what [`Params::parse_form`] would give, at the cost of two allocations, made
/// only once the signature is verified.
pub(crate) fn parse_verified(
    input: &[u8],
    transport: TransportCharset,
    signer: &Signer,
    rules: Rules<'_>,
) -> Result<(Params, Verified), Error> {
    scan_or_allocate(
        input,
        transport,
        signer,
        rules,
        |decoded, v| decoded.to_params().map(|params| (params, v)),
        |params, v| Ok((params, v)),
    )?
}

/// Decodes `input` as [`Params::parse_form`] does (the same errors, in the same order), on
/// the stack, and hands the decoded, sorted set to `then`, which may verify it with
/// [`Decoded::check`] as often as it likes: the decoding does not depend on the key. `Ok(None)`
/// for a body of more than [`MAX_SCAN_PARAMS`] parameters (decode it with
/// [`Params::parse_form`]).
pub(crate) fn with_decoded<R>(
    input: &[u8],
    transport: TransportCharset,
    then: impl FnOnce(&Decoded<'_, '_>) -> R,
) -> Result<Option<R>, Error> {
    with_decoded_memo(input, transport, None, then)
}

/// [`with_decoded`], remembering the names in `memo` (see [`NameMemo`]): the same answers.
pub(crate) fn with_decoded_memo<R>(
    input: &[u8],
    transport: TransportCharset,
    memo: Option<&mut NameMemo>,
    then: impl FnOnce(&Decoded<'_, '_>) -> R,
) -> Result<Option<R>, Error> {
    match decode_body(input, transport, MAX_FORM_BYTES, memo, then) {
        Ok(answer) => Ok(Some(answer)),
        Err(Stop::Full) => Ok(None),
        Err(Stop::Fail(error)) => Err(error),
    }
}

/// The names of the last body [`decode_body`] decoded with it, and what they decoded to: an
/// archive of one shop's feedback repeats the same names in the same order, body after body,
/// so the next body with the same names, as sent, takes their upper-case text, lists, keys and
/// sorted order from here instead of working them out again. Only plain names are kept (ASCII,
/// no escape, valid as they stand, see [`plain_name`]): what they decode to depends on their
/// bytes alone, in every transport charset. Names only: no value is ever kept.
///
/// The scan writes the upper-case names straight into the memo's text, so a body with the
/// memo's names finds them written already, and a body remembered needs no copy.
#[derive(Clone)]
pub(crate) struct NameMemo {
    /// The upper-case names, each followed by `=`: the scan's names text.
    names: Text<NAME_TEXT>,
    kept: Kept,
}

/// What a [`NameMemo`] keeps beside its text.
#[derive(Clone)]
struct Kept {
    /// The names as sent, each at the place its upper-case text has in the names.
    raw: [u8; NAME_TEXT],
    /// Each name's place in the names, lists and key (the values are not kept).
    slots: [Slot<'static>; MAX_SCAN_PARAMS],
    /// How many names are kept; 0 when there is nothing to reuse.
    count: usize,
    /// The names' indices, sorted.
    order: [u8; MAX_SCAN_PARAMS],
}

impl NameMemo {
    /// A memo that holds nothing yet.
    pub(crate) fn new() -> NameMemo {
        NameMemo {
            names: Text {
                bytes: [0; NAME_TEXT],
                len: 0,
            },
            kept: Kept {
                raw: [0; NAME_TEXT],
                slots: [EMPTY; MAX_SCAN_PARAMS],
                count: 0,
                order: [0; MAX_SCAN_PARAMS],
            },
        }
    }

    /// How many names it holds (for tests and `Debug`).
    pub(crate) fn len(&self) -> usize {
        self.kept.count
    }
}

impl Kept {
    /// Keeps a decoded body's names (the text and the raw names already in place).
    fn remember(&mut self, slots: &[Slot<'_>], order: &[u8]) {
        let (Some(to_slots), Some(to_order)) = (
            self.slots.get_mut(..slots.len()),
            self.order.get_mut(..order.len()),
        ) else {
            self.count = 0;
            return;
        };
        for (to, from) in to_slots.iter_mut().zip(slots) {
            *to = Slot {
                value: Value::Body(""),
                ..*from
            };
        }
        to_order.copy_from_slice(order);
        self.count = slots.len();
    }

    /// The kept name `index`, if it is `raw` as sent.
    #[inline]
    fn kept(&self, index: usize, raw: &[u8]) -> Option<Slot<'static>> {
        let slot = *self.slots.get(index).filter(|_| index < self.count)?;
        let kept = self.raw.get(slot.name.0..slot.name.0 + slot.name.1)?;
        equal_short(kept, raw).then_some(slot)
    }
}

impl Signer {
    /// Not part of the API (hidden, unstable): the scan behind feedback verification, for the
    /// crate's own benchmarks and integration tests. Checks a posted body as
    /// [`Params::parse_form`] then [`Signer::verify_shasign`] would, without allocating, and
    /// returns how many parameters were hashed. Use [`crate::VerifiedFeedback::parse`].
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Passphrase, Signer, TransportCharset};
    ///
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let verifier = Signer::sha_out(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// assert_eq!(verifier.__verify_form(body, TransportCharset::Utf8), Ok(10));
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`Params::parse_form`], then of [`Signer::verify_shasign`].
    #[doc(hidden)]
    pub fn __verify_form(&self, body: &[u8], transport: TransportCharset) -> Result<usize, Error> {
        verify_form(body, transport, self, Rules::of(self)).map(|verified| verified.hashed)
    }

    /// Not part of the API (hidden, unstable): [`Signer::__verify_form`], then the parameter
    /// set built from what the scan decoded, for the crate's own benchmarks and tests.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Params, Passphrase, Signer, TransportCharset};
    ///
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let verifier = Signer::sha_out(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// let params = verifier.__parse_verified(body, TransportCharset::Utf8)?;
    /// assert_eq!(params, Params::parse_form(body, TransportCharset::Utf8)?);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Signer::__verify_form`].
    #[doc(hidden)]
    pub fn __parse_verified(
        &self,
        body: &[u8],
        transport: TransportCharset,
    ) -> Result<Params, Error> {
        parse_verified(body, transport, self, Rules::of(self)).map(|(params, _)| params)
    }
}

impl Signer {
    /// Signs borrowed `(name, value)` pairs as [`Params::try_from_pairs`] followed by
    /// [`Signer::sign`] would (names upper-cased and checked, a name twice refused, empty
    /// values and names off the list left out, sorted, hashed in the hashing charset), without
    /// building the set: up to 64 pairs are sorted and hashed on the stack, allocating nothing.
    /// More pairs take the allocating path, with the same answers.
    ///
    /// ```
    /// use ogone::{Error, HashAlgorithm, Passphrase, Signer};
    ///
    /// // Ingenico's e-Commerce guide, SHA-IN example.
    /// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// let pairs = [
    ///     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    ///     ("orderID", "1234"), ("PSPID", "MyPSPID"),
    /// ];
    /// let sig = signer.sign_pairs(pairs)?;
    /// assert_eq!(sig.to_string(), "F4CC376CD7A834D997B91598FA747825A238BE0A");
    /// let twice = signer.sign_pairs([("PSPID", "a"), ("pspid", "b")]);
    /// assert!(matches!(twice, Err(Error::DuplicateName(_))));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first error [`Params::try_from_pairs`] returns ([`Error::InvalidName`],
    /// [`Error::DuplicateName`]), then those of [`Signer::sign`].
    pub fn sign_pairs<'a>(
        &self,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Signature, Error> {
        sign_pairs(self, pairs.into_iter())
    }
}

/// [`Signer::sign_pairs`].
fn sign_pairs<'a>(
    signer: &Signer,
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<Signature, Error> {
    sign_pairs_then(signer, pairs, |_| {})
}

/// [`sign_pairs`], handing the sorted set to `signed` once it is signed on the stack (not
/// when the pairs take the allocating path, nor on an error).
fn sign_pairs_then<'a>(
    signer: &Signer,
    mut pairs: impl Iterator<Item = (&'a str, &'a str)>,
    signed: impl FnOnce(&Decoded<'_, '_>),
) -> Result<Signature, Error> {
    if pairs.size_hint().0 > MAX_SCAN_PARAMS {
        // Sure not to fit (a slice or a vector says how long it is): the allocating path at
        // once, not after the stack's work on the first pairs.
        let params = Params::try_from_pairs(pairs)?;
        return signer.sign(&params);
    }
    let mut names = Text {
        bytes: [0u8; NAME_TEXT],
        len: 0,
    };
    let mut slots = [EMPTY; MAX_SCAN_PARAMS];
    let mut order = [0u8; MAX_SCAN_PARAMS];
    let mut len = 0;
    let mut invalid = None;
    while let Some((name, value)) = pairs.next() {
        let start = names.len;
        // Checked and upper-cased in one pass; a name that fails is checked again, the slow
        // way, for the reason `validate_name` gives. More than the stack holds (pairs or
        // names) builds the set from the pairs seen and the rest, once the name is checked.
        let room = names
            .bytes
            .get_mut(start..start + name.len())
            .filter(|_| len < MAX_SCAN_PARAMS);
        let upper = match room {
            Some(out) if !name.is_empty() && name.len() <= MAX_NAME_BYTES => {
                if !upper_name_into(out, name.as_bytes()) {
                    invalid = validate_name(name).err();
                    break;
                }
                &*out
            }
            _ => {
                if let Err(error) = validate_name(name) {
                    invalid = Some(error);
                    break;
                }
                return sign_allocating(signer, &names, &slots, (name, value), pairs);
            }
        };
        // ASCII, as checked: no need to read it as text again.
        let (lists, key) = (builtin_mask_of(upper), ingenico_key(upper));
        names.len = start + name.len();
        if names.push_byte(b'=').is_err() {
            return sign_allocating(signer, &names, &slots, (name, value), pairs);
        }
        if let (Some(slot), Some(index)) = (slots.get_mut(len), order.get_mut(len)) {
            *slot = Slot {
                name: (start, name.len()),
                value: Value::Body(value),
                lists,
                key,
            };
            *index = u8::try_from(len).unwrap_or_default();
        }
        len += 1;
    }
    let text = core::str::from_utf8(names.get(0..names.len)).unwrap_or_default();
    let slots = slots.get(..len).unwrap_or_default();
    let order = order.get_mut(..len).unwrap_or_default();
    let unsorted = Decoded {
        names: text,
        values: "",
        slots,
        order: &[],
        transport: TransportCharset::Utf8,
    };
    sort(&unsorted, order, SortOrder::Ingenico);
    let decoded = Decoded { order, ..unsorted };
    // Inserted one by one, the first name to come a second time is refused, before any
    // invalid name after it.
    if let Some(error) = decoded.first_duplicate() {
        return Err(error);
    }
    if let Some(error) = invalid {
        return Err(error);
    }
    let signature = decoded.sign(signer)?;
    signed(&decoded);
    Ok(signature)
}

/// A name byte upper-cased, or 0 for a byte no name may hold (see [`validate_name`]):
/// above ASCII, a control character, `=` or `&`.
const NAME_UPPER: [u8; 256] = name_upper();

#[allow(clippy::indexing_slicing)]
const fn name_upper() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0x20;
    while b < 0x7F {
        let byte = b as u8;
        if byte != b'=' && byte != b'&' {
            table[b] = byte.to_ascii_uppercase();
        }
        b += 1;
    }
    table
}

/// Writes `name` upper-cased into `out` (as long); `false` when a byte is one no name may
/// hold (`out` then holds 0 in its place).
#[inline]
fn upper_name_into(out: &mut [u8], name: &[u8]) -> bool {
    let mut all = true;
    for (o, &b) in out.iter_mut().zip(name) {
        let upper = NAME_UPPER.get(usize::from(b)).copied().unwrap_or(0);
        *o = upper;
        all &= upper != 0;
    }
    all
}

/// [`sign_pairs`] past the stack: the pairs kept so far (`slots`, names in `names`), the one
/// that did not fit, and the rest, through [`Params::try_from_pairs`] and [`Signer::sign`].
fn sign_allocating<'a>(
    signer: &Signer,
    names: &Text<NAME_TEXT>,
    slots: &[Slot<'a>],
    next: (&'a str, &'a str),
    rest: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<Signature, Error> {
    let text = core::str::from_utf8(names.get(0..names.len)).unwrap_or_default();
    let kept = slots.iter().take_while(|slot| slot.name.1 > 0).map(|slot| {
        let name = text.get(slot.name.0..slot.name.0 + slot.name.1);
        let value = match slot.value {
            Value::Body(value) => value,
            Value::Text(..) | Value::Escaped(..) => "",
        };
        (name.unwrap_or_default(), value)
    });
    // The names kept borrow the stack: the rest is read at that (shorter) lifetime, which
    // the map lets the compiler choose (without it the chain does not type-check).
    #[allow(clippy::map_identity)]
    let rest = core::iter::once(next)
        .chain(rest)
        .map(|(name, value)| (name, value));
    let params = Params::try_from_pairs(kept.chain(rest))?;
    signer.sign(&params)
}

impl Decoded<'_, '_> {
    /// The name given twice whose second coming is the earliest (what inserting the pairs one
    /// by one refuses), once sorted.
    fn first_duplicate(&self) -> Option<Error> {
        // Sorted, a name given twice sits next to itself, with the same key: when every key
        // differs from the next (and none is missing), no name is given twice.
        let key = |index: &u8| {
            self.slots
                .get(usize::from(*index))
                .map_or(NO_KEY, |s| s.key)
        };
        let distinct = self
            .order
            .windows(2)
            .all(|pair| matches!(pair, [a, b] if key(a) != key(b) && key(a) != NO_KEY));
        if distinct && self.order.last().is_none_or(|last| key(last) != NO_KEY) {
            return None;
        }
        let mut first: Option<(u8, &str)> = None;
        let mut run = self.order.iter().copied().peekable();
        while let Some(head) = run.next() {
            let name = self.name(self.slot(head));
            // The two earliest arrivals of this name.
            let (mut lowest, mut second) = (head, None::<u8>);
            while let Some(&next) = run.peek() {
                if !equal_short(self.name(self.slot(next)).as_bytes(), name.as_bytes()) {
                    break;
                }
                run.next();
                if next < lowest {
                    second = Some(lowest);
                    lowest = next;
                } else if second.is_none_or(|s| next < s) {
                    second = Some(next);
                }
            }
            if let Some(second) = second {
                if first.is_none_or(|(earliest, _)| second < earliest) {
                    first = Some((second, name));
                }
            }
        }
        first.map(|(_, name)| Error::duplicate_name(name))
    }

    /// [`Signer::sign`] of the set, under the signer's own list and scheme.
    fn sign(&self, signer: &Signer) -> Result<Signature, Error> {
        let rules = Rules::of(signer);
        let mut hasher = Hasher::new(signer.algorithm());
        match rules.scheme {
            Scheme::EachParameter => self.each_hashed(signer, rules, |name, slot| {
                hasher.update(self.name_equals(slot));
                self.feed_value(signer, &mut hasher, name, slot)?;
                signer.feed_passphrase(&mut hasher)
            })?,
            Scheme::LegacyMainParameters => {
                self.each_hashed(signer, rules, |name, slot| {
                    self.feed_value(signer, &mut hasher, name, slot)
                })?;
                signer.feed_passphrase(&mut hasher)?;
            }
        }
        Ok(hasher.finish())
    }
}

/// Why a scan stopped.
#[derive(Debug)]
enum Stop {
    /// The answer: the body is rejected.
    Fail(Error),
    /// The body has more parameters than the stack holds: ask the allocating path.
    Full,
}

impl From<Error> for Stop {
    fn from(error: Error) -> Self {
        Stop::Fail(error)
    }
}

/// A fixed buffer of decoded text.
#[derive(Clone)]
struct Text<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Text<N> {
    fn push(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        let end = self.len + bytes.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(Stop::Full)?
            .copy_from_slice(bytes);
        self.len = end;
        Ok(())
    }

    fn push_byte(&mut self, byte: u8) -> Result<(), Stop> {
        *self.bytes.get_mut(self.len).ok_or(Stop::Full)? = byte;
        self.len += 1;
        Ok(())
    }

    fn get(&self, range: Range<usize>) -> &[u8] {
        self.bytes.get(range).unwrap_or_default()
    }
}

/// Where a value is: in the body as it came (no escape, valid as it is), decoded in the
/// scan's text, or (it did not fit in what was left of the text) in the body as escaped,
/// already checked, to be decoded again with [`stream`] each time it is read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Value<'a> {
    Body(&'a str),
    Text(usize, usize),
    /// The escaped bytes and their offset in the input. Never empty: every escape stands for a
    /// byte, and a non-empty value decodes to a non-empty text or is refused.
    Escaped(&'a [u8], usize),
}

/// One parameter of the body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot<'a> {
    /// The upper-case name, in the names.
    name: (usize, usize),
    value: Value<'a>,
    lists: ListMask,
    /// The name's [`ingenico_key`].
    key: Key,
}

const EMPTY: Slot<'static> = Slot {
    name: (0, 0),
    value: Value::Body(""),
    lists: 0,
    key: NO_KEY,
};

/// The scan's state: the decoded names and values, the parameters and their order.
struct State<'a, 'n> {
    /// The upper-case names, each followed by `=` (the memo's, when there is one).
    names: &'n mut Text<NAME_TEXT>,
    /// The decoded escaped values that fit.
    values: Text<SCAN_TEXT>,
    slots: [Slot<'a>; MAX_SCAN_PARAMS],
    len: usize,
    /// Indices into `slots`, in Ingenico order once sorted.
    order: [u8; MAX_SCAN_PARAMS],
}

/// The parameters one list hashes, gathered by [`Decoded::pieces`]: their indices, in hash
/// order, each value in the scan's text or the body (64 bytes, cheap to hand back).
pub(crate) struct Pieces {
    indices: [u8; MAX_SCAN_PARAMS],
    len: usize,
}

impl Pieces {
    fn indices(&self) -> &[u8] {
        self.indices.get(..self.len).unwrap_or_default()
    }
}

/// The scan's parameters once every one is decoded: names and values as text.
pub(crate) struct Decoded<'s, 'a> {
    /// The state's names, checked once.
    names: &'s str,
    /// The state's values, checked once.
    values: &'s str,
    slots: &'s [Slot<'a>],
    order: &'s [u8],
    /// What an [`Value::Escaped`] value is decoded from.
    transport: TransportCharset,
}

impl<'s> Decoded<'s, '_> {
    #[inline]
    fn slot(&self, index: u8) -> Slot<'s> {
        self.slots.get(usize::from(index)).copied().unwrap_or(EMPTY)
    }

    #[inline]
    fn name(&self, slot: Slot<'_>) -> &'s str {
        self.names
            .get(slot.name.0..slot.name.0 + slot.name.1)
            .unwrap_or_default()
    }

    /// The name and the `=` the scan wrote after it.
    #[inline]
    fn name_equals(&self, slot: Slot<'_>) -> &'s [u8] {
        self.names
            .as_bytes()
            .get(slot.name.0..slot.name.0 + slot.name.1 + 1)
            .unwrap_or_default()
    }

    /// The value as one text, or `None` for a value that did not fit in the scan's text (read
    /// it with [`Decoded::value_pieces`]).
    #[inline]
    fn short_value(&self, slot: Slot<'s>) -> Option<&'s str> {
        match slot.value {
            Value::Body(value) => Some(value),
            Value::Text(start, len) => {
                Some(self.values.get(start..start + len).unwrap_or_default())
            }
            Value::Escaped(..) => None,
        }
    }

    #[inline]
    fn value_is_empty(&self, slot: Slot<'s>) -> bool {
        self.short_value(slot).is_some_and(str::is_empty)
    }

    /// Hands the value to `piece`: in one piece, or decoded again from the body in pieces.
    #[inline]
    fn value_pieces<E: From<Error>>(
        &self,
        slot: Slot<'s>,
        mut piece: impl FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        match (self.short_value(slot), slot.value) {
            (Some(value), _) => piece(value),
            (None, Value::Escaped(raw, offset)) => stream(raw, offset, self.transport, piece),
            (None, _) => Ok(()),
        }
    }

    /// Feeds the value to `hasher` in the hashing charset, as [`Signer::sign`] does.
    #[inline]
    fn feed_value(
        &self,
        signer: &Signer,
        hasher: &mut Hasher,
        name: &str,
        slot: Slot<'s>,
    ) -> Result<(), Error> {
        self.value_pieces(slot, |piece| signer.feed_value(hasher, name, piece))
    }

    /// The value read as a signature, as [`Signature::parse_hex`] reads it.
    fn signature(&self, slot: Slot<'s>, signer: &Signer) -> Result<Signature, Error> {
        let algorithm = signer.algorithm();
        if let Some(hex) = self.short_value(slot) {
            return Signature::parse_hex(algorithm, hex);
        }
        // It did not fit in what was left of the text: keep what a signature could be, count
        // the characters of the rest, and answer as `parse_hex` would.
        let mut kept = [0u8; MAX_HEX];
        let (mut bytes, mut chars) = (0, 0);
        self.value_pieces(slot, |piece| {
            if let Some(out) = kept.get_mut(bytes..bytes + piece.len()) {
                out.copy_from_slice(piece.as_bytes());
            }
            bytes += piece.len();
            chars += piece.chars().count();
            Ok::<(), Error>(())
        })?;
        match kept.get(..bytes).map(core::str::from_utf8) {
            Some(Ok(hex)) => Signature::parse_hex(algorithm, hex),
            _ if chars != algorithm.hex_len() => Err(Error::SignatureLength {
                expected: algorithm.hex_len(),
                found: chars,
            }),
            _ => Err(Error::SignatureNotHex),
        }
    }

    /// The owned set: one text buffer in Ingenico order, one span per parameter.
    fn to_params(&self) -> Result<Params, Error> {
        let mut capacity = 0;
        for slot in self.slots {
            capacity += slot.name.1 + 1;
            self.value_pieces(*slot, |piece| {
                capacity += piece.len();
                Ok::<(), Error>(())
            })?;
        }
        let mut text = alloc::string::String::with_capacity(capacity);
        let mut spans = alloc::vec::Vec::with_capacity(self.order.len());
        for &index in self.order {
            let slot = self.slot(index);
            let start = text.len();
            text.push_str(self.name(slot));
            text.push('=');
            self.value_pieces(slot, |piece| {
                text.push_str(piece);
                Ok::<(), Error>(())
            })?;
            spans.push(Span::with_key(
                start,
                slot.name.1,
                text.len() - start,
                slot.lists,
                slot.key,
            ));
        }
        Ok(Params::from_sorted(text, spans))
    }

    /// The body's own signature: `SHASIGN` or `SHASIGNATURE.SHASIGN`, exactly one of them.
    pub(crate) fn signature_slot(&self) -> Result<Slot<'s>, Error> {
        let mut shasign = None;
        let mut flexcheckout = None;
        for slot in self.slots.iter().filter(|slot| slot.lists & SIGNATURE != 0) {
            if equal_short(self.name(*slot).as_bytes(), b"SHASIGN") {
                shasign = Some(*slot);
            } else {
                flexcheckout = Some(*slot);
            }
        }
        match (shasign, flexcheckout) {
            (Some(_), Some(_)) => Err(Error::TwoSignatures),
            (Some(one), None) | (None, Some(one)) => Ok(one),
            (None, None) => Err(Error::MissingSignature),
        }
    }

    /// The signature's text when it fits in the scan's text (a longer one is no signature of
    /// any algorithm): what the auditor reads its length from.
    pub(crate) fn signature_text(&self, slot: Slot<'s>) -> Option<&'s str> {
        self.short_value(slot)
    }

    /// Hands `visit` each parameter that [`Signer::sign`] hashes under `rules`, in the order
    /// it hashes them, with its upper-case name. In the legacy scheme a field present with an
    /// empty value is handed on too (it is hashed as nothing).
    #[inline]
    fn each_hashed<E>(
        &self,
        signer: &Signer,
        rules: Rules<'_>,
        mut visit: impl FnMut(&'s str, Slot<'s>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.each_hashed_at(signer, rules, |_, name, slot| visit(name, slot))
    }

    /// [`Decoded::each_hashed`], with each parameter's index in the slots.
    /// The parameters' indices in the order `signer` hashes them: the sorted order in
    /// Ingenico order, sorted again into `room` by byte.
    #[inline]
    fn hash_order<'r>(&'r self, signer: &Signer, room: &'r mut [u8; MAX_SCAN_PARAMS]) -> &'r [u8] {
        match signer.order() {
            SortOrder::Ingenico => self.order,
            SortOrder::Byte => {
                let indices = room.get_mut(..self.slots.len()).unwrap_or_default();
                indices.copy_from_slice(self.order);
                sort(self, indices, SortOrder::Byte);
                indices
            }
        }
    }

    #[inline]
    fn each_hashed_at<E>(
        &self,
        signer: &Signer,
        rules: Rules<'_>,
        mut visit: impl FnMut(u8, &'s str, Slot<'s>) -> Result<(), E>,
    ) -> Result<(), E> {
        match rules.scheme {
            Scheme::EachParameter => {
                let mut byte_order = [0u8; MAX_SCAN_PARAMS];
                for &index in self.hash_order(signer, &mut byte_order) {
                    let slot = self.slot(index);
                    let name = self.name(slot);
                    if keeps(rules.list, name, slot.lists, self.value_is_empty(slot)) {
                        visit(index, name, slot)?;
                    }
                }
            }
            Scheme::LegacyMainParameters => {
                for &field in legacy_fields(signer.direction()) {
                    let found = self.slots.iter().copied().zip(0u8..).find(|&(slot, _)| {
                        equal_short(self.name(slot).as_bytes(), field.as_bytes())
                    });
                    if let Some((slot, index)) = found {
                        visit(index, self.name(slot), slot)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Verifies the body's signature with `signer` under `rules`, as
    /// [`Signer::verify_shasign`] does: hashes what [`Signer::sign`] hashes and compares in
    /// constant time. Allocates nothing.
    pub(crate) fn check(&self, signer: &Signer, rules: Rules<'_>) -> Result<Verified, Error> {
        let signature = self.signature_slot()?;
        self.check_with(signature, signer, rules)
    }

    /// [`Decoded::check`] against the signature found with [`Decoded::signature_slot`].
    pub(crate) fn check_with(
        &self,
        signature: Slot<'s>,
        signer: &Signer,
        rules: Rules<'_>,
    ) -> Result<Verified, Error> {
        let received = self.signature(signature, signer)?;
        let mut hasher = Hasher::new(signer.algorithm());
        let mut hashed = 0;
        match rules.scheme {
            Scheme::EachParameter => self.each_hashed(signer, rules, |name, slot| {
                hashed += 1;
                hasher.update(self.name_equals(slot));
                self.feed_value(signer, &mut hasher, name, slot)?;
                signer.feed_passphrase(&mut hasher)
            })?,
            Scheme::LegacyMainParameters => {
                self.each_hashed(signer, rules, |name, slot| {
                    if !self.value_is_empty(slot) {
                        hashed += 1;
                    }
                    self.feed_value(signer, &mut hasher, name, slot)
                })?;
                if hashed > 0 {
                    signer.feed_passphrase(&mut hasher)?;
                }
            }
        }
        // Only the passphrase would be hashed: anyone could have signed that.
        if hashed == 0 {
            return Err(Error::NothingSigned);
        }
        if hasher.finish() == received {
            Ok(Verified { hashed })
        } else {
            Err(Error::Mismatch)
        }
    }

    /// What the each-parameter scheme hashes under `rules` (in the signer's order), gathered
    /// once so that several keys can hash it without walking the set again: `None` in the
    /// legacy scheme or when a value did not fit in the scan's text (use
    /// [`Decoded::check_with`]). Valid for every signer of the same order.
    pub(crate) fn pieces(&self, signer: &Signer, rules: Rules<'_>) -> Option<Pieces> {
        if rules.scheme != Scheme::EachParameter {
            return None;
        }
        let mut pieces = Pieces {
            indices: [0; MAX_SCAN_PARAMS],
            len: 0,
        };
        self.each_hashed_at(signer, rules, |index, _, slot| {
            self.short_value(slot).ok_or(())?;
            let out = pieces.indices.get_mut(pieces.len).ok_or(())?;
            *out = index;
            pieces.len += 1;
            Ok::<(), ()>(())
        })
        .ok()?;
        Some(pieces)
    }

    /// The upper-case names and values of `pieces`, in hash order.
    pub(crate) fn pairs<'p>(
        &'p self,
        pieces: &'p Pieces,
    ) -> impl Iterator<Item = (&'s str, &'s str)> + 'p {
        pieces.indices().iter().map(move |&index| {
            let slot = self.slot(index);
            (self.name(slot), self.short_value(slot).unwrap_or_default())
        })
    }

    /// [`Decoded::check_with`] of the pieces [`Decoded::pieces`] gathered: the same answer.
    pub(crate) fn check_pieces(
        &self,
        pieces: &Pieces,
        signature: Slot<'s>,
        signer: &Signer,
    ) -> Result<Verified, Error> {
        let received = self.signature(signature, signer)?;
        let indices = pieces.indices();
        if indices.is_empty() {
            return Err(Error::NothingSigned);
        }
        let mut hasher = Hasher::new(signer.algorithm());
        for &index in indices {
            let slot = self.slot(index);
            hasher.update(self.name_equals(slot));
            let value = self.short_value(slot).unwrap_or_default();
            signer.feed_value(&mut hasher, self.name(slot), value)?;
            signer.feed_passphrase(&mut hasher)?;
        }
        if hasher.finish() == received {
            Ok(Verified {
                hashed: indices.len(),
            })
        } else {
            Err(Error::Mismatch)
        }
    }

    /// Every parameter a verified signature covers under `rules`, in hash order: upper-case
    /// name and decoded value (the legacy scheme's empty fields left out). `verified` (what
    /// [`Decoded::check`] found) sizes the vector: one allocation, then one a string.
    pub(crate) fn to_signed(
        &self,
        signer: &Signer,
        rules: Rules<'_>,
        verified: Verified,
    ) -> Result<Vec<(String, String)>, Error> {
        let mut signed = Vec::with_capacity(verified.hashed);
        self.each_hashed(signer, rules, |name, slot| {
            if !self.value_is_empty(slot) {
                signed.push((String::from(name), self.to_value(slot)?));
            }
            Ok::<(), Error>(())
        })?;
        Ok(signed)
    }

    /// The decoded value of the parameter `upper` (an upper-case name) if a signature under
    /// `rules` covers it (it is hashed, its value not empty).
    pub(crate) fn signed_value(
        &self,
        signer: &Signer,
        rules: Rules<'_>,
        upper: &str,
    ) -> Option<String> {
        let mut found = None;
        let _ = self.each_hashed(signer, rules, |name, slot| {
            if found.is_none() && name == upper && !self.value_is_empty(slot) {
                found = Some(slot);
            }
            Ok::<(), ()>(())
        });
        self.to_value(found?).ok()
    }

    /// The decoded value of the parameter `upper` (an upper-case name), if the body has it.
    pub(crate) fn value_of(&self, upper: &str) -> Option<String> {
        let slot = self
            .slots
            .iter()
            .copied()
            .find(|&slot| equal_short(self.name(slot).as_bytes(), upper.as_bytes()))?;
        self.to_value(slot).ok()
    }

    /// The decoded value of `slot`, owned.
    fn to_value(&self, slot: Slot<'s>) -> Result<String, Error> {
        let mut value = String::new();
        self.value_pieces(slot, |piece| {
            value.push_str(piece);
            Ok::<(), Error>(())
        })?;
        Ok(value)
    }

    /// Whether every decoded name and value is ASCII: then every transport charset decodes
    /// the body alike (they differ only on bytes above 0x7F), and a second transport would
    /// read the same set. A value too long for the scan's text counts as not ASCII.
    pub(crate) fn is_ascii(&self) -> bool {
        self.names.is_ascii()
            && self.values.is_ascii()
            && self.slots.iter().all(|slot| match slot.value {
                Value::Body(value) => value.is_ascii(),
                Value::Text(..) => true,
                Value::Escaped(..) => false,
            })
    }
}

/// Appends one byte of the transport charset to `text` as UTF-8; a byte Windows-1252 leaves
/// undefined appends nothing and sets `undefined` (the piece is refused once it is unescaped,
/// so that a malformed escape after it is reported first, as `form.rs` does).
#[inline]
fn push_transcoded<const N: usize>(
    text: &mut Text<N>,
    transport: TransportCharset,
    byte: u8,
    undefined: &mut bool,
) -> Result<(), Stop> {
    let ch = match (byte, transport) {
        (0..0x80, _) | (_, TransportCharset::Utf8) => return text.push_byte(byte),
        (_, TransportCharset::Iso8859_1) => char::from(byte),
        (_, TransportCharset::Windows1252) => match windows1252_char(byte) {
            Some(ch) => ch,
            None => {
                *undefined = true;
                return Ok(());
            }
        },
    };
    let mut utf8 = [0u8; 4];
    text.push(ch.encode_utf8(&mut utf8).as_bytes())
}

/// What one pass over a name or value learns of it: it holds `%` or `+` (it needs decoding).
const ESCAPED: u8 = 1;
/// It holds a byte above 0x7F.
const HIGH: u8 = 2;
/// Marks `&` in [`CLASSES`]: the end of a pair.
const AMPERSAND: u8 = 4;
/// Marks `=` in [`CLASSES`]: the end of a name.
const EQUALS: u8 = 8;

/// The class of every byte, for the one pass over the body.
const CLASSES: [u8; 256] = classes();

#[allow(clippy::indexing_slicing)]
const fn classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    table[b'%' as usize] = ESCAPED;
    table[b'+' as usize] = ESCAPED;
    table[b'&' as usize] = AMPERSAND;
    table[b'=' as usize] = EQUALS;
    let mut b = 0x80;
    while b < 256 {
        table[b] = HIGH;
        b += 1;
    }
    table
}

/// Reads `bytes` from `from` up to the first byte of class `stop`: returns where it stopped
/// and the classes seen before it.
#[inline]
fn run(bytes: &[u8], from: usize, stop: u8) -> (usize, u8) {
    /// Every byte of a word set to `b`.
    const fn splat(b: u8) -> u64 {
        u64::from_ne_bytes([b; 8])
    }
    /// Whether a byte of `v` is zero (exact: the borrow only spreads above a zero byte).
    #[inline]
    fn has_zero(v: u64) -> bool {
        v.wrapping_sub(splat(1)) & !v & splat(0x80) != 0
    }
    let mut seen = 0;
    let mut at = from;
    // Eight bytes at a time while no byte of the word ends the run.
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_ne_bytes(word);
        let ends = (stop & AMPERSAND != 0 && has_zero(w ^ splat(b'&')))
            || (stop & EQUALS != 0 && has_zero(w ^ splat(b'=')));
        if ends {
            break;
        }
        if has_zero(w ^ splat(b'%')) || has_zero(w ^ splat(b'+')) {
            seen |= ESCAPED;
        }
        if w & splat(0x80) != 0 {
            seen |= HIGH;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        let class = CLASSES.get(usize::from(b)).copied().unwrap_or(0);
        if class & stop != 0 {
            break;
        }
        seen |= class;
        at += 1;
    }
    (at, seen)
}

/// Whether a name or value whose bytes are of `classes` reads as it was sent: no escape, and
/// no byte above 0x7F to transcode.
#[inline]
fn as_sent(classes: u8, transport: TransportCharset) -> bool {
    classes & ESCAPED == 0 && (classes & HIGH == 0 || transport == TransportCharset::Utf8)
}

/// A name that needs no decoding and is valid as it is (printable ASCII, 1 to
/// [`MAX_NAME_BYTES`] bytes), copied upper-cased into `text` in one pass: its place in `text`,
/// its lists and its key. `None` for any other name, which the general path decodes, checks
/// and refuses with the right error.
#[inline]
fn plain_name(
    raw: &[u8],
    classes: u8,
    text: &mut Text<NAME_TEXT>,
) -> Option<(Range<usize>, ListMask, Key)> {
    if classes & (ESCAPED | HIGH) != 0 || raw.is_empty() || raw.len() > MAX_NAME_BYTES {
        return None;
    }
    let start = text.len;
    let out = text.bytes.get_mut(start..start + raw.len())?;
    let mut control = false;
    for (o, &b) in out.iter_mut().zip(raw) {
        control |= b < 0x20 || b == 0x7F;
        *o = b.to_ascii_uppercase();
    }
    if control {
        return None;
    }
    let upper = core::str::from_utf8(out).ok()?;
    let found = (builtin_mask(upper), ingenico_key(upper.as_bytes()));
    text.len = start + raw.len();
    Some((start..text.len, found.0, found.1))
}

/// Decodes the value `raw` (at `offset` in the body) into `text`, as `form.rs` does: escapes
/// checked, `+` as a space, `%XX` as a byte, the bytes in `transport`. Returns the range it
/// takes in `text`, valid UTF-8. One pass of [`unescape`], writing straight into the buffer;
/// [`Stop::Full`] when it does not fit.
fn decode<const N: usize>(
    raw: &[u8],
    classes: u8,
    offset: usize,
    transport: TransportCharset,
    text: &mut Text<N>,
) -> Result<Range<usize>, Stop> {
    let start = text.len;
    if as_sent(classes, transport) {
        text.push(raw)?;
    } else {
        let mut undefined = false;
        unescape(raw, offset, |byte| {
            push_transcoded(text, transport, byte, &mut undefined)
        })?;
        if undefined {
            return Err(Stop::Fail(Error::InvalidEncoding {
                charset: transport,
                offset,
            }));
        }
    }
    let range = start..text.len;
    let decoded = text.get(range.clone());
    if transport == TransportCharset::Utf8
        && !decoded.is_ascii()
        && core::str::from_utf8(decoded).is_err()
    {
        return Err(Stop::Fail(Error::InvalidEncoding {
            charset: transport,
            offset,
        }));
    }
    Ok(range)
}

/// Decodes `raw` (at `offset` in the body) as [`decode`] does, with the same errors, but
/// hands the text to `piece` in pieces of at most [`PIECE`] bytes, each whole characters,
/// instead of keeping it: nothing needs room for the whole text. A piece may have been handed
/// on before an error further on is found.
fn stream<E: From<Error>>(
    raw: &[u8],
    offset: usize,
    transport: TransportCharset,
    mut piece: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut buf = [0u8; PIECE];
    let mut len = 0;
    // An undefined Windows-1252 byte or invalid UTF-8: refused once every escape is checked.
    let mut bad = false;
    unescape::<E>(raw, offset, |byte| {
        if bad {
            return Ok(());
        }
        let ch = match (byte, transport) {
            (_, TransportCharset::Utf8) => {
                if let Some(slot) = buf.get_mut(len) {
                    *slot = byte;
                    len += 1;
                }
                if len < PIECE {
                    return Ok(());
                }
                // Hand on the whole characters; keep an unfinished one for the next piece.
                let filled = buf.get(..len).unwrap_or_default();
                let (valid, unfinished) = match core::str::from_utf8(filled) {
                    Ok(_) => (len, true),
                    Err(e) => (e.valid_up_to(), e.error_len().is_none()),
                };
                if !unfinished {
                    bad = true;
                    return Ok(());
                }
                let text = buf.get(..valid).map(core::str::from_utf8);
                piece(text.and_then(Result::ok).unwrap_or_default())?;
                buf.copy_within(valid..len, 0);
                len -= valid;
                return Ok(());
            }
            (0..0x80, _) | (_, TransportCharset::Iso8859_1) => char::from(byte),
            (_, TransportCharset::Windows1252) => match windows1252_char(byte) {
                Some(ch) => ch,
                None => {
                    bad = true;
                    return Ok(());
                }
            },
        };
        let mut utf8 = [0u8; 4];
        let encoded = ch.encode_utf8(&mut utf8).as_bytes();
        if len + encoded.len() > PIECE {
            let text = buf.get(..len).map(core::str::from_utf8);
            piece(text.and_then(Result::ok).unwrap_or_default())?;
            len = 0;
        }
        if let Some(out) = buf.get_mut(len..len + encoded.len()) {
            out.copy_from_slice(encoded);
            len += encoded.len();
        }
        Ok(())
    })?;
    match buf.get(..len).map(core::str::from_utf8) {
        Some(Ok(rest)) if !bad => piece(rest),
        _ => Err(E::from(Error::InvalidEncoding {
            charset: transport,
            offset,
        })),
    }
}

/// The value `raw` (at `offset` in the body): the body's own text when it needs no decoding,
/// else decoded into `text`, else (it does not fit) checked and left in the body. `as_text`:
/// the same bytes as text, when the whole body is valid UTF-8 (then a value that needs no
/// decoding is not checked again).
#[inline]
fn value<'a>(
    raw: &'a [u8],
    as_text: Option<&'a str>,
    classes: u8,
    offset: usize,
    transport: TransportCharset,
    text: &mut Text<SCAN_TEXT>,
) -> Result<Value<'a>, Stop> {
    if as_sent(classes, transport) {
        if let Some(value) = as_text {
            return Ok(Value::Body(value));
        }
        return match core::str::from_utf8(raw) {
            Ok(value) => Ok(Value::Body(value)),
            Err(_) => Err(Stop::Fail(Error::InvalidEncoding {
                charset: transport,
                offset,
            })),
        };
    }
    let start = text.len;
    match decode(raw, classes, offset, transport, text) {
        Ok(range) => Ok(Value::Text(range.start, range.len())),
        Err(Stop::Full) => {
            text.len = start;
            stream(raw, offset, transport, |_| Ok::<(), Stop>(()))?;
            Ok(Value::Escaped(raw, offset))
        }
        Err(stop) => Err(stop),
    }
}

/// A name that [`plain_name`] does not take (escaped, not ASCII, with a control character,
/// empty or too long), decoded into `names` and checked as `form.rs` checks it: its place in
/// `names`. Of a name longer than [`MAX_NAME_BYTES`], only the first [`NAME_KEPT`] bytes (whole
/// characters) are kept, enough to refuse it as the whole name would be refused.
fn general_name(
    raw: &[u8],
    offset: usize,
    transport: TransportCharset,
    names: &mut Text<NAME_TEXT>,
) -> Result<(Range<usize>, ListMask, Key), Stop> {
    let start = names.len;
    let mut keeping = true;
    stream(raw, offset, transport, |piece| {
        if keeping {
            let mut end = piece.len().min(NAME_KEPT - (names.len - start));
            while !piece.is_char_boundary(end) {
                end -= 1;
            }
            names.push(piece.as_bytes().get(..end).unwrap_or_default())?;
            keeping = end == piece.len();
        }
        Ok::<(), Stop>(())
    })?;
    let range = start..names.len;
    let bytes = names.bytes.get_mut(range.clone()).ok_or(Stop::Full)?;
    let text = core::str::from_utf8_mut(bytes).map_err(|_| Stop::Full)?;
    validate_name(text)?;
    text.make_ascii_uppercase();
    Ok((range, builtin_mask(text), ingenico_key(text.as_bytes())))
}

/// The scan itself; `then` builds the answer from the decoded parameters of a verified body.
fn scan<R>(
    input: &[u8],
    transport: TransportCharset,
    signer: &Signer,
    rules: Rules<'_>,
    max_bytes: usize,
    then: impl FnOnce(&Decoded<'_, '_>, Verified) -> R,
) -> Result<R, Stop> {
    decode_body(input, transport, max_bytes, None, |decoded| {
        decoded
            .check(signer, rules)
            .map(|verified| then(decoded, verified))
    })?
    .map_err(Stop::Fail)
}

/// The first half of the scan: splits and decodes `input` on the stack, sorts the parameters
/// and refuses a name twice, then hands the decoded set to `then`. Nothing of it depends on a
/// key: the auditor hashes the one decoded set with each of its keys.
///
/// With a `memo`, names as sent that are the memo's, in the memo's order from the first, are
/// taken from it (and a body whose names are all the memo's takes its sorted order too); a
/// body decoded otherwise, all its names plain, is remembered in their place.
fn decode_body<R>(
    input: &[u8],
    transport: TransportCharset,
    max_bytes: usize,
    memo: Option<&mut NameMemo>,
    then: impl FnOnce(&Decoded<'_, '_>) -> R,
) -> Result<R, Stop> {
    if input.len() > max_bytes {
        return Err(Stop::Fail(Error::TooLarge {
            len: input.len(),
            limit: max_bytes,
        }));
    }
    let (skipped, body) = match input {
        [b'?', rest @ ..] => (1, rest),
        _ => (0, input),
    };
    // One check of the whole body (most are ASCII, checked a word at a time) instead of one a
    // value; `&` and `=` are ASCII, so every pair and value of valid text is valid text.
    let text = core::str::from_utf8(body).ok();
    // With a memo, the names are written into its text; without, on the stack.
    let mut own_names = None;
    let (names, mut memo) = match memo {
        Some(memo) => (&mut memo.names, Some(&mut memo.kept)),
        None => (
            own_names.insert(Text {
                bytes: [0; NAME_TEXT],
                len: 0,
            }),
            None,
        ),
    };
    names.len = 0;
    let mut state = State {
        names,
        values: Text {
            bytes: [0; SCAN_TEXT],
            len: 0,
        },
        slots: [EMPTY; MAX_SCAN_PARAMS],
        len: 0,
        order: [0; MAX_SCAN_PARAMS],
    };
    // Whether every name so far is the memo's (then the names text so far is the memo's: the
    // text already holds them).
    let mut matching = memo.as_deref().is_some_and(|memo| memo.count > 0);
    // Whether every name so far is plain (then the body can be remembered).
    let mut plain = true;

    // Split, decode, check each name, look up its lists.
    // One pass over each pair finds its `=` and its end, and whether its name and value need
    // decoding or hold bytes above 0x7F.
    let mut start = 0;
    loop {
        let (name_end, name_classes) = run(body, start, AMPERSAND | EQUALS);
        let (end, value_classes) = match body.get(name_end) {
            Some(b'=') => run(body, name_end + 1, AMPERSAND),
            _ => (name_end, 0),
        };
        let raw_name = body.get(start..name_end).unwrap_or_default();
        let raw_value = body.get(name_end + 1..end).unwrap_or_default();
        let (pair_start, pair_end) = (start, end);
        start = end + 1;
        if pair_end == pair_start {
            if end >= body.len() {
                break;
            }
            continue;
        }
        if state.len >= MAX_SCAN_PARAMS {
            return Err(Stop::Full);
        }
        let offset = skipped + pair_start;
        let kept = match memo.as_deref_mut() {
            Some(memo) if matching => {
                let kept = memo.kept(state.len, raw_name);
                if kept.is_none() {
                    // From here on this body is not the memo's: it is remembered in its place
                    // once decoded, if it can be.
                    matching = false;
                    memo.count = 0;
                }
                kept
            }
            _ => None,
        };
        let (name, lists, key) = if let Some(slot) = kept {
            let name = slot.name.0..slot.name.0 + slot.name.1;
            state.names.len = name.end;
            (name, slot.lists, slot.key)
        } else if let Some(found) = plain_name(raw_name, name_classes, state.names) {
            if let Some(raw) = memo
                .as_deref_mut()
                .and_then(|memo| memo.raw.get_mut(found.0.clone()))
            {
                copy_short(raw, raw_name);
            }
            found
        } else {
            plain = false;
            general_name(raw_name, offset, transport, state.names)?
        };
        // `=` after the name, so that `NAME=` is hashed as one piece.
        state.names.push_byte(b'=')?;
        let value = value(
            raw_value,
            text.and_then(|text| text.get(name_end + 1..end)),
            value_classes,
            offset + raw_name.len() + 1,
            transport,
            &mut state.values,
        )?;
        *state.slots.get_mut(state.len).ok_or(Stop::Full)? = Slot {
            name: (name.start, name.len()),
            value,
            lists,
            key,
        };
        *state.order.get_mut(state.len).ok_or(Stop::Full)? =
            u8::try_from(state.len).map_err(|_| Stop::Full)?;
        state.len += 1;
        if end >= body.len() {
            break;
        }
    }

    // Every piece of the text is valid UTF-8 and ends on a character: check it once.
    let names =
        core::str::from_utf8(state.names.get(0..state.names.len)).map_err(|_| Stop::Full)?;
    let values =
        core::str::from_utf8(state.values.get(0..state.values.len)).map_err(|_| Stop::Full)?;
    let slots = state.slots.get(..state.len).unwrap_or_default();
    let order = state.order.get_mut(..state.len).unwrap_or_default();
    let unsorted = Decoded {
        names,
        values,
        slots,
        order: &[],
        transport,
    };
    let reuse = match memo.as_deref() {
        Some(memo) if matching && memo.count == slots.len() => memo.order.get(..memo.count),
        _ => None,
    };
    if let Some(sorted) = reuse {
        // The memo's names, all of them: already sorted, and none twice.
        order.copy_from_slice(sorted);
    } else {
        // Sort once; a name twice (once upper-cased) is parameter pollution.
        sort(&unsorted, order, SortOrder::Ingenico);
        for pair in order.windows(2) {
            if let [a, b] = *pair {
                let name = unsorted.name(unsorted.slot(a));
                if equal_short(name.as_bytes(), unsorted.name(unsorted.slot(b)).as_bytes()) {
                    return Err(Stop::Fail(Error::duplicate_name(name)));
                }
            }
        }
        if let Some(memo) = memo.filter(|_| plain) {
            memo.remember(slots, order);
        }
    }
    let decoded = Decoded {
        names,
        values,
        slots,
        order,
        transport,
    };
    Ok(then(&decoded))
}

/// Sorts `indices` of the scan's parameters by name in `order` (on the stack:
/// `sort_unstable` does not allocate). In Ingenico order most comparisons are one integer
/// comparison of the names' keys.
fn sort(decoded: &Decoded<'_, '_>, indices: &mut [u8], order: SortOrder) {
    if order == SortOrder::Ingenico
        && indices.len() <= SMALL_SORT
        && insertion_sort(decoded, indices)
    {
        return;
    }
    indices.sort_unstable_by(|&a, &b| {
        let (a, b) = (decoded.slot(a), decoded.slot(b));
        let names = || (decoded.name(a).as_bytes(), decoded.name(b).as_bytes());
        match order {
            SortOrder::Ingenico => compare_keyed(a.key, b.key, names),
            SortOrder::Byte => {
                let (a, b) = names();
                compare_upper(order, a, b)
            }
        }
    });
}

/// Up to this many parameters, Ingenico order is sorted by [`insertion_sort`].
const SMALL_SORT: usize = 32;

/// [`sort`] in Ingenico order of at most [`SMALL_SORT`] indices: an insertion sort over the
/// names' keys copied beside the indices, each comparison inline (one integer comparison when
/// the keys differ; the names are read only when they are equal). A feedback or a request has
/// 20 or so parameters: the general sort's call per comparison, each copying both parameters,
/// cost more than the comparisons. `false`, `indices` untouched, when a name has no key (a
/// byte no name holds): the general sort then sorts them.
fn insertion_sort(decoded: &Decoded<'_, '_>, indices: &mut [u8]) -> bool {
    let mut keys = [NO_KEY; SMALL_SORT];
    for (key, &index) in keys.iter_mut().zip(indices.iter()) {
        *key = decoded
            .slots
            .get(usize::from(index))
            .map_or(NO_KEY, |slot| slot.key);
    }
    let keys = keys.get_mut(..indices.len()).unwrap_or_default();
    if keys.contains(&NO_KEY) {
        return false;
    }
    let name = |index: u8| {
        decoded
            .slots
            .get(usize::from(index))
            .map_or("", |slot| decoded.name(*slot))
            .as_bytes()
    };
    for i in 1..indices.len() {
        let (Some(&key), Some(&index)) = (keys.get(i), indices.get(i)) else {
            break;
        };
        // The earlier ones greater than this one move up one place; it takes the last freed.
        let mut j = i;
        while let (Some(&before), Some(&before_index)) = (keys.get(j - 1), indices.get(j - 1)) {
            let greater = before > key
                || (before == key
                    && compare_upper(SortOrder::Ingenico, name(before_index), name(index))
                        == core::cmp::Ordering::Greater);
            if !greater {
                break;
            }
            if let (Some(k), Some(x)) = (keys.get_mut(j), indices.get_mut(j)) {
                *k = before;
                *x = before_index;
            }
            j -= 1;
            if j == 0 {
                break;
            }
        }
        if let (Some(k), Some(x)) = (keys.get_mut(j), indices.get_mut(j)) {
            *k = key;
            *x = index;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// `%XX` for every byte.
    fn escaped(bytes: &[u8]) -> String {
        bytes.iter().map(|b| alloc::format!("%{b:02X}")).collect()
    }

    /// The pieces [`stream`] hands on for `raw`, or its error.
    fn pieces(raw: &[u8], transport: TransportCharset) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        stream(raw, 7, transport, |piece| {
            out.push(String::from(piece));
            Ok::<(), Error>(())
        })?;
        Ok(out)
    }

    #[test]
    fn stream_hands_on_whole_characters_across_pieces() {
        // One- to four-byte characters, shifted so that every one of them straddles a piece.
        for shift in 0..4 {
            let text = alloc::format!("{}{}", "a".repeat(shift), "é€😀+ ".repeat(200));
            let got = pieces(escaped(text.as_bytes()).as_bytes(), TransportCharset::Utf8).unwrap();
            assert!(got.iter().all(|p| p.len() <= PIECE), "{shift}");
            assert!(got.len() >= 8, "{shift}: {}", got.len());
            assert_eq!(got.concat(), text, "{shift}");
            // The same text as `parse_form` decodes it.
            let form = alloc::format!("A={}", escaped(text.as_bytes()));
            let params = Params::parse_form(form.as_bytes(), TransportCharset::Utf8).unwrap();
            assert_eq!(params.get("A"), Some(text.as_str()));
        }
        // Single-byte charsets: é (0xE9) in both, € (0x80) in Windows-1252; `+` is a space.
        let latin1 = pieces("%E9+a".repeat(300).as_bytes(), TransportCharset::Iso8859_1).unwrap();
        assert_eq!(latin1.concat(), "é a".repeat(300));
        let w1252 = pieces(
            "%80%E9".repeat(300).as_bytes(),
            TransportCharset::Windows1252,
        )
        .unwrap();
        assert_eq!(w1252.concat(), "€é".repeat(300));
        assert!(w1252.iter().all(|p| p.len() <= PIECE));
    }

    #[test]
    fn stream_refuses_what_decode_refuses() {
        let invalid = |charset| Err(Error::InvalidEncoding { charset, offset: 7 });
        let long = "%C3%A9".repeat(300);
        for (raw, transport, expected) in [
            // Invalid UTF-8 past the first piece, at the very end, cut short.
            (
                alloc::format!("{long}%FF{long}"),
                TransportCharset::Utf8,
                invalid(TransportCharset::Utf8),
            ),
            (
                alloc::format!("{long}%C3"),
                TransportCharset::Utf8,
                invalid(TransportCharset::Utf8),
            ),
            (
                alloc::format!("{long}%80"),
                TransportCharset::Utf8,
                invalid(TransportCharset::Utf8),
            ),
            // An undefined Windows-1252 byte.
            (
                alloc::format!("{long}%81"),
                TransportCharset::Windows1252,
                invalid(TransportCharset::Windows1252),
            ),
            // A malformed escape after it is reported first.
            (
                alloc::format!("{long}%FF%g1"),
                TransportCharset::Utf8,
                Err(Error::MalformedEscape {
                    offset: 7 + long.len() + 3,
                }),
            ),
        ] {
            assert_eq!(
                pieces(raw.as_bytes(), transport).map(drop),
                expected,
                "{raw}"
            );
        }
    }

    /// What a decoded body holds, in its sorted order: upper-case name and value.
    fn sorted_pairs(decoded: &Decoded<'_, '_>) -> Result<Vec<(String, String)>, Error> {
        decoded
            .order
            .iter()
            .map(|&index| {
                let slot = decoded.slot(index);
                Ok((String::from(decoded.name(slot)), decoded.to_value(slot)?))
            })
            .collect()
    }

    type Summary = Result<Option<Result<Vec<(String, String)>, Error>>, Error>;

    fn without_memo(body: &[u8], transport: TransportCharset) -> Summary {
        with_decoded(body, transport, sorted_pairs)
    }

    fn through(memo: &mut NameMemo, body: &[u8], transport: TransportCharset) -> Summary {
        with_decoded_memo(body, transport, Some(memo), sorted_pairs)
    }

    /// The names memo (issue 19, `AuditSession`): the bodies of a run that share names with
    /// the one before, as sent, in whole or in part, decode as they decode alone.
    #[test]
    fn a_memo_decodes_as_each_body_alone() {
        let utf8 = TransportCharset::Utf8;
        let mut memo = NameMemo::new();
        let same_names = [
            &b"orderID=1&amount=15&STATUS=9&ITEMNAME12=a&ITEMNAME2=b&SHASIGN=AB"[..],
            b"orderID=2&amount=16&STATUS=5&ITEMNAME12=c&ITEMNAME2=d&SHASIGN=CD",
        ];
        for body in same_names {
            assert_eq!(through(&mut memo, body, utf8), without_memo(body, utf8));
            assert_eq!(memo.len(), 6);
        }
        // The memo's names, then one of them again: refused, though every name before it is
        // the memo's.
        let twice = b"orderID=3&amount=15&STATUS=9&ITEMNAME12=a&ITEMNAME2=b&SHASIGN=AB&Amount=1";
        assert!(matches!(
            through(&mut memo, twice, utf8),
            Err(Error::DuplicateName(_))
        ));
        // The same names in another case, or order, or a prefix of them, or escaped.
        let others = [
            &b"ORDERID=1&amount=15&STATUS=9&ITEMNAME12=a&ITEMNAME2=b&SHASIGN=AB"[..],
            b"amount=15&orderID=1&STATUS=9&ITEMNAME12=a&ITEMNAME2=b&SHASIGN=AB",
            b"amount=15&orderID=1&STATUS=9",
            b"amount=15&orderID=1&STATUS=9&%41MOUNT=2",
            b"amount=15&order%49D=1&STATUS=9&n%C3%A9=%C3%A9",
            b"amount=15&order%49D=1&STATUS=9&n%C3%A9=%C3%A9",
            b"amount=15&orderID=1&STATUS=9&ITEMNAME12=a",
        ];
        for body in others {
            assert_eq!(through(&mut memo, body, utf8), without_memo(body, utf8));
        }
        assert_eq!(memo.len(), 4);
    }

    /// Bodies made of a few names in changing case, order, number and escapes, each decoded
    /// through one memo, in both charsets in turn, as an auditor does.
    fn runs() -> impl proptest::strategy::Strategy<Value = Vec<Vec<(usize, usize)>>> {
        use proptest::prelude::*;
        let pair = (0..NAMES.len(), 0..VALUES.len());
        let body = proptest::collection::vec(pair, 0..8);
        proptest::collection::vec(body, 1..12).prop_map(|mut run| {
            // Most bodies of an archive repeat the names of the one before.
            for i in 1..run.len() {
                if run[i].len() % 3 != 0 {
                    let names: Vec<usize> = run[i - 1].iter().map(|&(n, _)| n).collect();
                    let values = run[i].iter().map(|&(_, v)| v).chain(core::iter::repeat(0));
                    run[i] = names.into_iter().zip(values).collect();
                }
            }
            run
        })
    }

    const NAMES: [&str; 12] = [
        "orderID",
        "ORDERID",
        "amount",
        "STATUS",
        "ITEMNAME1",
        "ITEMNAME12",
        "item%4Eame1",
        "n%C3%A9",
        "SHASIGN",
        "A%01",
        "",
        "x%",
    ];
    const VALUES: [&str; 5] = ["", "9", "%C3%A9", "%E9", "a+b"];

    /// What [`run`] answers that its callers read: where it stopped, and whether it saw an
    /// escape or a high byte.
    fn run_seen(bytes: &[u8], from: usize, stop: u8) -> (usize, u8) {
        let (end, seen) = run(bytes, from, stop);
        (end, seen & (ESCAPED | HIGH))
    }

    /// [`run`], a byte at a time: the reference it is compared with.
    fn run_bytewise(bytes: &[u8], from: usize, stop: u8) -> (usize, u8) {
        let mut seen = 0;
        let mut at = from;
        while let Some(&b) = bytes.get(at) {
            if b == b'&' || (b == b'=' && stop & EQUALS != 0) {
                break;
            }
            seen |= match b {
                b'%' | b'+' => ESCAPED,
                0x80.. => HIGH,
                _ => 0,
            };
            at += 1;
        }
        (at, seen)
    }

    #[test]
    fn run_stops_where_a_byte_at_a_time_stops() {
        // Every stop at every place of words and tails, with escapes and high bytes around.
        let alphabet = [
            b'a',
            b'&',
            b'=',
            b'%',
            b'+',
            0x80,
            0xE9,
            0x00,
            0x26 ^ 0x01,
            b'\'',
        ];
        for len in 0..20 {
            for at in 0..len {
                for &b in &alphabet {
                    for &c in &alphabet {
                        let mut bytes = alloc::vec![b'x'; len];
                        bytes[at] = b;
                        bytes[(at * 7 + 3) % len] = c;
                        for from in 0..=len {
                            for stop in [AMPERSAND, AMPERSAND | EQUALS] {
                                assert_eq!(
                                    run_seen(&bytes, from, stop),
                                    run_bytewise(&bytes, from, stop),
                                    "{bytes:?} from {from}, stop {stop}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn run_is_a_byte_at_a_time(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::any::<u8>(),
                    proptest::sample::select(alloc::vec![b'&', b'=', b'%', b'+', b'a']),
                ],
                0..48,
            ),
            from in 0..50usize,
            names in proptest::prelude::any::<bool>(),
        ) {
            let stop = if names { AMPERSAND | EQUALS } else { AMPERSAND };
            let from = from.min(bytes.len());
            proptest::prop_assert_eq!(
                run_seen(&bytes, from, stop),
                run_bytewise(&bytes, from, stop)
            );
        }

        #[test]
        fn a_memo_never_changes_a_decoding(run in runs()) {
            let mut memo = NameMemo::new();
            for body in &run {
                let body: Vec<String> =
                    body.iter().map(|&(n, v)| alloc::format!("{}={}", NAMES[n], VALUES[v])).collect();
                let body = body.join("&");
                for transport in [TransportCharset::Utf8, TransportCharset::Windows1252] {
                    proptest::prop_assert_eq!(
                        through(&mut memo, body.as_bytes(), transport),
                        without_memo(body.as_bytes(), transport),
                        "{}", body
                    );
                }
            }
        }
    }
}
