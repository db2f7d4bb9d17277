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
//! A body with more than [`MAX_SCAN_PARAMS`] parameters, or whose names and escaped values do
//! not fit in [`SCAN_TEXT`] bytes, is handed to the allocating path (`Params::parse_form` +
//! `Signer::verify_shasign`): same answers, with allocations. Real feedback (20 to 40 short
//! parameters) never gets there.

use core::ops::Range;

use crate::charset::{TransportCharset, windows1252_char};
use crate::error::Error;
use crate::signing::form::{MAX_FORM_BYTES, MAX_FORM_PARAMS, unescape};
use crate::signing::list::AllowList;
use crate::signing::list_index::{ListMask, SIGNATURE, builtin_mask, same};
use crate::signing::name::{MAX_NAME_BYTES, validate_name};
use crate::signing::order::{Key, NO_KEY, SortOrder, compare_keyed, compare_upper, ingenico_key};
use crate::signing::params::{Params, Span};
use crate::signing::signature::{Hasher, Signature};
use crate::signing::signer::{Scheme, Signer, keeps, legacy_fields};

/// The most parameters scanned on the stack; a larger body takes the allocating path.
pub(crate) const MAX_SCAN_PARAMS: usize = 64;

/// Bytes of stack for the decoded names and escaped values; a body that needs more takes the
/// allocating path.
pub(crate) const SCAN_TEXT: usize = 4096;

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

/// The allocating path, for bodies the stack cannot hold.
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

/// The scan, or the allocating path for a body the stack cannot hold: `then` builds the answer
/// from what the scan decoded, `otherwise` from the set the allocating path decoded.
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
/// `rules`), without allocating (see the module documentation for the bodies that take the
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
        |decoded, v| (decoded.to_params(), v),
        |params, v| (params, v),
    )
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

/// Why a scan stopped.
#[derive(Debug)]
enum Stop {
    /// The answer: the body is rejected.
    Fail(Error),
    /// The body does not fit on the stack: ask the allocating path.
    Full,
}

impl From<Error> for Stop {
    fn from(error: Error) -> Self {
        Stop::Fail(error)
    }
}

/// A fixed buffer of decoded text.
struct Text {
    bytes: [u8; SCAN_TEXT],
    len: usize,
}

impl Text {
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

/// Where a value is: in the body as it came (no escape, valid as it is), or decoded in the
/// scan's text.
#[derive(Debug, Clone, Copy)]
enum Value<'a> {
    Body(&'a str),
    Text(usize, usize),
}

/// One parameter of the body.
#[derive(Debug, Clone, Copy)]
struct Slot<'a> {
    /// The upper-case name, in the text.
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

/// The scan's state: the decoded text, the parameters and their order.
struct State<'a> {
    text: Text,
    slots: [Slot<'a>; MAX_SCAN_PARAMS],
    len: usize,
    /// Indices into `slots`, in Ingenico order once sorted.
    order: [u8; MAX_SCAN_PARAMS],
}

/// The scan's parameters once every one is decoded: names and values as text.
struct Decoded<'s, 'a> {
    /// The state's text, checked once.
    text: &'s str,
    slots: &'s [Slot<'a>],
    order: &'s [u8],
}

impl<'s> Decoded<'s, '_> {
    #[inline]
    fn slot(&self, index: u8) -> Slot<'s> {
        self.slots.get(usize::from(index)).copied().unwrap_or(EMPTY)
    }

    #[inline]
    fn name(&self, slot: Slot<'_>) -> &'s str {
        self.text
            .get(slot.name.0..slot.name.0 + slot.name.1)
            .unwrap_or_default()
    }

    /// The name and the `=` the scan wrote after it.
    #[inline]
    fn name_equals(&self, slot: Slot<'_>) -> &'s [u8] {
        self.text
            .as_bytes()
            .get(slot.name.0..slot.name.0 + slot.name.1 + 1)
            .unwrap_or_default()
    }

    #[inline]
    fn value(&self, slot: Slot<'s>) -> &'s str {
        match slot.value {
            Value::Body(value) => value,
            Value::Text(start, len) => self.text.get(start..start + len).unwrap_or_default(),
        }
    }

    /// The owned set: one text buffer in Ingenico order, one span per parameter.
    fn to_params(&self) -> Params {
        let mut text = alloc::string::String::with_capacity(
            self.slots
                .iter()
                .map(|s| {
                    s.name.1
                        + 1
                        + match s.value {
                            Value::Body(v) => v.len(),
                            Value::Text(_, len) => len,
                        }
                })
                .sum(),
        );
        let mut spans = alloc::vec::Vec::with_capacity(self.order.len());
        for &index in self.order {
            let slot = self.slot(index);
            let start = text.len();
            text.push_str(self.name(slot));
            text.push('=');
            text.push_str(self.value(slot));
            spans.push(Span::with_key(
                start,
                slot.name.1,
                text.len() - start,
                slot.lists,
                slot.key,
            ));
        }
        Params::from_sorted(text, spans)
    }
}

/// Appends one byte of the transport charset to `text` as UTF-8; a byte Windows-1252 leaves
/// undefined appends nothing and sets `undefined` (the piece is refused once it is unescaped,
/// so that a malformed escape after it is reported first, as `form.rs` does).
#[inline]
fn push_transcoded(
    text: &mut Text,
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
fn plain_name(raw: &[u8], classes: u8, text: &mut Text) -> Option<(Range<usize>, ListMask, Key)> {
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

/// Decodes the name or value `raw` (at `offset` in the body) into `text`, as `form.rs` does:
/// escapes checked, `+` as a space, `%XX` as a byte, the bytes in `transport`. Returns the
/// range it takes in `text`, valid UTF-8. One pass of [`unescape`], writing straight into the
/// buffer.
fn decode(
    raw: &[u8],
    classes: u8,
    offset: usize,
    transport: TransportCharset,
    text: &mut Text,
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

/// The value `raw` (at `offset` in the body): the body's own text when it needs no decoding,
/// else decoded into `text`.
#[inline]
fn value<'a>(
    raw: &'a [u8],
    classes: u8,
    offset: usize,
    transport: TransportCharset,
    text: &mut Text,
) -> Result<Value<'a>, Stop> {
    if as_sent(classes, transport) {
        return match core::str::from_utf8(raw) {
            Ok(value) => Ok(Value::Body(value)),
            Err(_) => Err(Stop::Fail(Error::InvalidEncoding {
                charset: transport,
                offset,
            })),
        };
    }
    let range = decode(raw, classes, offset, transport, text)?;
    Ok(Value::Text(range.start, range.len()))
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
    let mut state = State {
        text: Text {
            bytes: [0; SCAN_TEXT],
            len: 0,
        },
        slots: [EMPTY; MAX_SCAN_PARAMS],
        len: 0,
        order: [0; MAX_SCAN_PARAMS],
    };

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
        let (name, lists, key) = match plain_name(raw_name, name_classes, &mut state.text) {
            Some(name) => name,
            None => {
                let name = decode(raw_name, name_classes, offset, transport, &mut state.text)?;
                let bytes = state.text.bytes.get_mut(name.clone()).ok_or(Stop::Full)?;
                let text = core::str::from_utf8_mut(bytes).map_err(|_| Stop::Full)?;
                validate_name(text)?;
                text.make_ascii_uppercase();
                let (lists, key) = (builtin_mask(text), ingenico_key(text.as_bytes()));
                (name, lists, key)
            }
        };
        // `=` after the name, so that `NAME=` is hashed as one piece.
        state.text.push_byte(b'=')?;
        let value = value(
            raw_value,
            value_classes,
            offset + raw_name.len() + 1,
            transport,
            &mut state.text,
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
    let text = core::str::from_utf8(state.text.get(0..state.text.len)).map_err(|_| Stop::Full)?;
    let slots = state.slots.get(..state.len).unwrap_or_default();
    let order = state.order.get_mut(..state.len).unwrap_or_default();
    let unsorted = Decoded {
        text,
        slots,
        order: &[],
    };
    // Sort once; a name twice (once upper-cased) is parameter pollution.
    sort(&unsorted, order, SortOrder::Ingenico);
    let decoded = Decoded { text, slots, order };
    for pair in decoded.order.windows(2) {
        if let [a, b] = *pair {
            let name = decoded.name(decoded.slot(a));
            if same(name.as_bytes(), decoded.name(decoded.slot(b)).as_bytes()) {
                return Err(Stop::Fail(Error::duplicate_name(name)));
            }
        }
    }

    // The body's own signature.
    let mut shasign = None;
    let mut flexcheckout = None;
    for slot in slots.iter().filter(|slot| slot.lists & SIGNATURE != 0) {
        if same(decoded.name(*slot).as_bytes(), b"SHASIGN") {
            shasign = Some(*slot);
        } else {
            flexcheckout = Some(*slot);
        }
    }
    let signature = match (shasign, flexcheckout) {
        (Some(_), Some(_)) => return Err(Stop::Fail(Error::TwoSignatures)),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => return Err(Stop::Fail(Error::MissingSignature)),
    };
    let received = Signature::parse_hex(signer.algorithm(), decoded.value(signature))?;

    // Hash what `Signer::sign` hashes.
    let mut hasher = Hasher::new(signer.algorithm());
    let mut hashed = 0;
    match rules.scheme {
        Scheme::EachParameter => {
            // The Ingenico order stays in `decoded` for the set built afterwards.
            let mut byte_order = [0u8; MAX_SCAN_PARAMS];
            let order = match signer.order() {
                SortOrder::Ingenico => decoded.order,
                SortOrder::Byte => {
                    let indices = byte_order.get_mut(..slots.len()).unwrap_or_default();
                    indices.copy_from_slice(decoded.order);
                    sort(&decoded, indices, SortOrder::Byte);
                    indices
                }
            };
            for &index in order.iter() {
                let slot = decoded.slot(index);
                let name = decoded.name(slot);
                let value = decoded.value(slot);
                if !keeps(rules.list, name, slot.lists, value.is_empty()) {
                    continue;
                }
                hashed += 1;
                hasher.update(decoded.name_equals(slot));
                signer.feed_value(&mut hasher, name, value)?;
                signer.feed_passphrase(&mut hasher)?;
            }
        }
        Scheme::LegacyMainParameters => {
            for &field in legacy_fields(signer.direction()) {
                let value = slots
                    .iter()
                    .find(|&&slot| same(decoded.name(slot).as_bytes(), field.as_bytes()))
                    .map_or("", |&slot| decoded.value(slot));
                if !value.is_empty() {
                    hashed += 1;
                }
                signer.feed_value(&mut hasher, field, value)?;
            }
            if hashed > 0 {
                signer.feed_passphrase(&mut hasher)?;
            }
        }
    }
    // Only the passphrase would be hashed: anyone could have signed that.
    if hashed == 0 {
        return Err(Stop::Fail(Error::NothingSigned));
    }
    if hasher.finish() == received {
        Ok(then(&decoded, Verified { hashed }))
    } else {
        Err(Stop::Fail(Error::Mismatch))
    }
}

/// Sorts `indices` of the scan's parameters by name in `order` (on the stack:
/// `sort_unstable` does not allocate). In Ingenico order most comparisons are one integer
/// comparison of the names' keys.
fn sort(decoded: &Decoded<'_, '_>, indices: &mut [u8], order: SortOrder) {
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
