//! Replaying a body whose names are a [`NameMemo`]'s: one signer, one list, no decoding of
//! names, no sort.
//!
//! An archive of one shop's feedback repeats the same names, in the same order, body after
//! body, signed with the same key. Once a body has been decoded and verified the long way
//! ([`super::decode_body`], then [`super::Decoded::check_pieces`]), a [`Plan`] keeps what the
//! verification learnt from its names alone: which parameters the list hashes, in hash order,
//! and where the signature is. [`replay`] then reads the next body against the memo and the
//! plan: one pass splits it, each name compared with the memo's, as sent, in its place; then
//! only the values are decoded (in each transport charset in turn, until one reads them all)
//! and hashed.
//!
//! A replay answers only what the long way would answer: [`Replay::Verified`] when the body
//! splits into the memo's names, in the same places, the values decode in a transport charset
//! (the long way fails in each one before, on the same value), and its signature is the
//! signer's over exactly what [`super::Decoded::check_pieces`] would hash in it;
//! [`Replay::Unsure`] for anything else (another name, one more or one less, a value too long
//! for the text, no charset that reads it, a signature that does not match): ask the long way.

use core::ops::Range;

use super::{
    AMPERSAND, HIGH, MAX_SCAN_PARAMS, NameMemo, SCAN_TEXT, Slot, Stop, Text, as_sent, decode, run,
    sort,
};
use crate::charset::{Charset, TransportCharset};
use crate::error::Error;
use crate::signing::bytes::equal_short;
use crate::signing::form::MAX_FORM_BYTES;
use crate::signing::list_index::SIGNATURE;
use crate::signing::order::SortOrder;
use crate::signing::scan::{Decoded, Rules};
use crate::signing::signature::{Hasher, Signature};
use crate::signing::signer::{Scheme, Signer, keeps};

/// What a memo's names hash under one signer's order and one list, and where the signature
/// is: valid while the memo keeps the same names.
#[derive(Clone)]
pub(crate) struct Plan {
    /// The indices, among the memo's names, of those the list hashes when their value is not
    /// empty (an empty value is never hashed), in hash order.
    hashed: [u8; MAX_SCAN_PARAMS],
    hashed_len: usize,
    /// The index of the signature (`SHASIGN` or `SHASIGNATURE.SHASIGN`, the memo has one).
    signature: usize,
    /// How many names the memo held when the plan was made.
    count: usize,
    /// The hashed indices (in hash order) whose names [`Plan::select`] chose.
    selected: [u8; MAX_SCAN_PARAMS],
    selected_len: usize,
}

impl Plan {
    /// The plan of the memo's names for `signer` under `rules` (each-parameter scheme):
    /// `None` in the legacy scheme, when the memo holds nothing, or when its names do not
    /// have exactly one signature.
    pub(crate) fn new(memo: &NameMemo, signer: &Signer, rules: Rules<'_>) -> Option<Plan> {
        let kept = &memo.kept;
        if rules.scheme != Scheme::EachParameter || kept.count == 0 {
            return None;
        }
        let slots = kept.slots.get(..kept.count)?;
        let names = core::str::from_utf8(memo.names.get(0..memo.names.len)).ok()?;
        let view = Decoded {
            names,
            values: "",
            slots,
            order: kept.order.get(..kept.count)?,
            transport: TransportCharset::Utf8,
        };
        let mut signatures = slots
            .iter()
            .enumerate()
            .filter(|(_, slot)| slot.lists & SIGNATURE != 0)
            .map(|(index, _)| index);
        let signature = signatures.next()?;
        if signatures.next().is_some() {
            return None;
        }
        let mut order = [0u8; MAX_SCAN_PARAMS];
        let order = order.get_mut(..kept.count)?;
        order.copy_from_slice(view.order);
        if signer.order() == SortOrder::Byte {
            sort(&view, order, SortOrder::Byte);
        }
        let mut plan = Plan {
            hashed: [0; MAX_SCAN_PARAMS],
            hashed_len: 0,
            signature,
            count: kept.count,
            selected: [0; MAX_SCAN_PARAMS],
            selected_len: 0,
        };
        for &index in order.iter() {
            let slot = view.slot(index);
            if keeps(rules.list, view.name(slot), slot.lists, false) {
                *plan.hashed.get_mut(plan.hashed_len)? = index;
                plan.hashed_len += 1;
            }
        }
        Some(plan)
    }

    /// Chooses the hashed names (upper-case) that `choose` takes, for
    /// [`Replayed::selected_pairs`]: a few fields read from every verified body, found once.
    pub(crate) fn select(mut self, memo: &NameMemo, choose: impl Fn(&str) -> bool) -> Plan {
        let names = memo.names.get(0..memo.names.len);
        self.selected_len = 0;
        for &index in self.hashed.get(..self.hashed_len).unwrap_or_default() {
            let name = memo
                .kept
                .slots
                .get(usize::from(index))
                .and_then(|slot| names.get(slot.name.0..slot.name.0 + slot.name.1))
                .and_then(|name| core::str::from_utf8(name).ok());
            if let (Some(out), true) = (
                self.selected.get_mut(self.selected_len),
                name.is_some_and(&choose),
            ) {
                *out = index;
                self.selected_len += 1;
            }
        }
        self
    }

    fn hashed(&self) -> &[u8] {
        self.hashed.get(..self.hashed_len).unwrap_or_default()
    }

    fn selected(&self) -> &[u8] {
        self.selected.get(..self.selected_len).unwrap_or_default()
    }
}

/// Where one value is: in the body (`false`) or in the replay's text (`true`), and its range.
#[derive(Clone, Copy)]
struct Place {
    decoded: bool,
    start: u32,
    end: u32,
}

/// Where one value is in the body, as sent, and what [`run`] saw of it.
#[derive(Clone, Copy)]
struct Raw {
    start: u32,
    end: u32,
    classes: u8,
}

const NOWHERE: Place = Place {
    decoded: false,
    start: 0,
    end: 0,
};

/// The room a replay works in, kept between replays so that nothing is zeroed a body: the
/// decoded values and where each value is.
#[derive(Clone)]
pub(crate) struct Room {
    values: Text<SCAN_TEXT>,
    raws: [Raw; MAX_SCAN_PARAMS],
    places: [Place; MAX_SCAN_PARAMS],
}

impl Room {
    pub(crate) fn new() -> Room {
        Room {
            values: Text {
                bytes: [0; SCAN_TEXT],
                len: 0,
            },
            raws: [Raw {
                start: 0,
                end: 0,
                classes: 0,
            }; MAX_SCAN_PARAMS],
            places: [NOWHERE; MAX_SCAN_PARAMS],
        }
    }
}

/// What a replay found.
pub(crate) enum Replay<R> {
    /// The signer's signature over what the long way would hash: what `then` made of it.
    Verified(R),
    /// Anything else: only the long way can tell.
    Unsure,
}

/// A verified replay: the hashed parameters' names and values, in hash order.
pub(crate) struct Replayed<'r> {
    /// The memo's upper-case names (ASCII: each read as text when handed on).
    names: &'r [u8],
    body: &'r [u8],
    values: &'r [u8],
    memo: &'r NameMemo,
    plan: &'r Plan,
    places: &'r [Place],
}

impl<'r> Replayed<'r> {
    /// The upper-case names and values of the hashed parameters (none empty), in hash order:
    /// what [`Decoded::pairs`] gives of the long way's pieces.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&'r str, &'r str)> + '_ {
        self.pairs_of(self.plan.hashed())
    }

    /// [`Replayed::pairs`] of the names [`Plan::select`] chose only, in hash order.
    pub(crate) fn selected_pairs(&self) -> impl Iterator<Item = (&'r str, &'r str)> + '_ {
        self.pairs_of(self.plan.selected())
    }

    fn pairs_of<'i>(&'i self, indices: &'i [u8]) -> impl Iterator<Item = (&'r str, &'r str)> + 'i {
        // Read as text once each, not once a pair: the names (ASCII), the decoded values
        // (whole characters each, so their concatenation is text too) and the body (text
        // whenever it was sent escaped, as it almost always is). A slice of a text on
        // character boundaries is text; a value of a body that is not text is read alone.
        let names = core::str::from_utf8(self.names).ok();
        let values = core::str::from_utf8(self.values).ok();
        let body = core::str::from_utf8(self.body).ok();
        indices.iter().filter_map(move |&index| {
            let index = usize::from(index);
            let name = self.memo.kept.slots.get(index)?.name;
            let name = name.0..name.0 + name.1;
            let name = match names {
                Some(names) => names.get(name)?,
                None => core::str::from_utf8(self.names.get(name)?).ok()?,
            };
            let place = self.places.get(index)?;
            let range = place.start as usize..place.end as usize;
            // Text: checked as the replay placed it.
            let value = match (place.decoded, values, body) {
                (true, Some(text), _) | (false, _, Some(text)) => text.get(range)?,
                _ => core::str::from_utf8(value_at(self.body, self.values, self.places, index))
                    .ok()?,
            };
            (!value.is_empty()).then_some((name, value))
        })
    }
}

/// The value `index` of `places`, from the body or the decoded text: valid UTF-8 (see
/// [`read_value`]).
#[inline]
fn value_at<'r>(body: &'r [u8], values: &'r [u8], places: &[Place], index: usize) -> &'r [u8] {
    let Some(place) = places.get(index) else {
        return &[];
    };
    let range: Range<usize> = place.start as usize..place.end as usize;
    let from = if place.decoded { values } else { body };
    from.get(range).unwrap_or_default()
}

/// Feeds `value` to `hasher` in the signer's hashing charset, as [`Signer::feed_value`] does
/// (UTF-8: the bytes as they are; the name, for an error, read only in another charset).
/// Also the hashing of a [`super::signing_session::SigningSession`]'s replay.
#[inline(always)]
pub(super) fn feed(
    signer: &Signer,
    hasher: &mut Hasher,
    name: &[u8],
    value: &[u8],
) -> Result<(), Error> {
    if signer.charset() == Charset::Utf8 {
        hasher.update(value);
        return Ok(());
    }
    // Both are text (the names ASCII, the values checked as placed): never refused here.
    let (Ok(name), Ok(value)) = (core::str::from_utf8(name), core::str::from_utf8(value)) else {
        return Err(Error::Mismatch);
    };
    signer.feed_value(hasher, name, value)
}

/// Replays `input` against the memo's names and `plan`, verified with `signer` (the plan's),
/// in each of `transports` in turn: see the [module](self). The body is split once (the
/// names and the bounds of the values do not depend on the charset); each transport then
/// decodes the values, and the first that reads them all is hashed: the long way fails in
/// each transport before it with the same value. `then` makes the answer of a verified body.
/// Allocates nothing.
pub(crate) fn replay<R>(
    input: &[u8],
    transports: &[TransportCharset],
    memo: &NameMemo,
    plan: &Plan,
    signer: &Signer,
    room: &mut Room,
    then: impl FnOnce(&Replayed<'_>, TransportCharset) -> R,
) -> Replay<R> {
    let kept = &memo.kept;
    if input.len() > MAX_FORM_BYTES || plan.count != kept.count || kept.count == 0 {
        return Replay::Unsure;
    }
    let (skipped, body) = match input {
        [b'?', rest @ ..] => (1, rest),
        _ => (0, input),
    };
    let (Some(slots), Some(raws)) = (
        kept.slots.get(..kept.count),
        room.raws.get_mut(..kept.count),
    ) else {
        return Replay::Unsure;
    };
    if split(body, slots, kept, raws).is_none() {
        return Replay::Unsure;
    }
    for &transport in transports {
        room.values.len = 0;
        let read = raws
            .iter()
            .zip(room.places.iter_mut())
            .try_for_each(|(raw, place)| {
                *place = read_value(body, *raw, skipped, transport, &mut room.values)?;
                Ok::<(), Stop>(())
            });
        match read {
            Ok(()) => {}
            Err(Stop::Fail(_)) => continue,
            Err(Stop::Full) => return Replay::Unsure,
        }
        let values = room.values.get(0..room.values.len);
        let places = room.places.get(..kept.count).unwrap_or_default();
        return match check(body, values, places, memo, plan, signer) {
            Some(names) => Replay::Verified(then(
                &Replayed {
                    names,
                    body,
                    values,
                    memo,
                    plan,
                    places,
                },
                transport,
            )),
            None => Replay::Unsure,
        };
    }
    // No transport reads it: the long way says why.
    Replay::Unsure
}

/// Splits `body` as the memo's names, as sent, in their places: each name, `=`, and its value
/// up to the next `&` or the end, and nothing after the last. `None` at the first name that
/// is not the memo's, or at a body longer or shorter.
#[inline]
fn split(body: &[u8], slots: &[Slot<'_>], kept: &super::Kept, raws: &mut [Raw]) -> Option<()> {
    let mut at = 0;
    for (slot, raw) in slots.iter().zip(raws.iter_mut()) {
        let (start, len) = slot.name;
        let raw_name = kept.raw.get(start..start + len)?;
        let sent = body.get(at..at + len)?;
        // A kept name is plain: no `=` and no `&` in it, so the long way splits this pair
        // alike.
        if !equal_short(sent, raw_name) || body.get(at + len) != Some(&b'=') {
            return None;
        }
        let value_start = at + len + 1;
        let (end, classes) = run(body, value_start, AMPERSAND);
        *raw = Raw {
            start: u32::try_from(value_start).ok()?,
            end: u32::try_from(end).ok()?,
            classes,
        };
        // The next pair starts after the `&`; after the last, the body must end.
        at = end + 1;
    }
    (at == body.len() + 1).then_some(())
}

/// Hashes what the long way hashes of the placed values and compares with the body's own
/// signature: the memo's names (their bytes) when they verify.
#[inline]
fn check<'r>(
    body: &[u8],
    values: &[u8],
    places: &[Place],
    memo: &'r NameMemo,
    plan: &Plan,
    signer: &Signer,
) -> Option<&'r [u8]> {
    let hex = core::str::from_utf8(value_at(body, values, places, plan.signature)).ok()?;
    let received = Signature::parse_hex(signer.algorithm(), hex).ok()?;
    let names = memo.names.get(0..memo.names.len);
    let slots = memo.kept.slots.get(..memo.kept.count)?;
    let mut hasher = Hasher::new(signer.algorithm());
    let mut hashed = 0;
    for &index in plan.hashed() {
        let value = value_at(body, values, places, usize::from(index));
        if value.is_empty() {
            continue;
        }
        let (start, len) = slots.get(usize::from(index))?.name;
        let name_equals = names.get(start..start + len + 1)?;
        hasher.update(name_equals);
        let name = name_equals.get(..len).unwrap_or_default();
        feed(signer, &mut hasher, name, value).ok()?;
        signer.feed_passphrase(&mut hasher).ok()?;
        hashed += 1;
    }
    if hashed == 0 || hasher.finish() != received {
        return None;
    }
    Some(names)
}

/// Places the value `raw` in `transport`: the body's own bytes when it needs no decoding,
/// else decoded into `values`. [`Stop::Fail`] when it cannot be decoded (as the long way
/// refuses it), [`Stop::Full`] when it does not fit.
#[inline]
fn read_value(
    body: &[u8],
    raw: Raw,
    skipped: usize,
    transport: TransportCharset,
    values: &mut Text<SCAN_TEXT>,
) -> Result<Place, Stop> {
    let (value_start, end) = (raw.start as usize, raw.end as usize);
    let bytes = body.get(value_start..end).unwrap_or_default();
    if as_sent(raw.classes, transport) {
        // ASCII, or (in UTF-8 only) bytes above 0x7F that must be valid UTF-8 as they are, as
        // the long way checks them.
        if raw.classes & HIGH != 0 && core::str::from_utf8(bytes).is_err() {
            return Err(Stop::Fail(Error::InvalidEncoding {
                charset: transport,
                offset: skipped + value_start,
            }));
        }
        return Ok(Place {
            decoded: false,
            start: raw.start,
            end: raw.end,
        });
    }
    let range = decode(bytes, raw.classes, skipped + value_start, transport, values)?;
    Ok(Place {
        decoded: true,
        start: u32::try_from(range.start).map_err(|_| Stop::Full)?,
        end: u32::try_from(range.end).map_err(|_| Stop::Full)?,
    })
}
