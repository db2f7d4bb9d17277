//! A compile-time hash index over the built-in allow-lists: one probe tells, for a name, which
//! built-in lists hold it, `*XX*` patterns included.
//!
//! [`Params`](crate::Params) stores this mask with each parameter when it is inserted, so
//! signing tests list membership with one AND instead of a search.

use crate::signing::builtin_lists::{
    ALIAS_GATEWAY_IN, ALIAS_GATEWAY_OUT, DIGITS_PLACEHOLDER, FLEXCHECKOUT_IN, FLEXCHECKOUT_OUT,
    ListKind, SHA_IN, SHA_OUT,
};
use crate::signing::bytes::equal_short;
use crate::signing::name::is_signature_name_bytes;

/// A bit per built-in list.
pub(crate) type ListMask = u8;

/// The bit of a built-in list in a [`ListMask`] (0 for [`ListKind::All`], which holds every
/// name and needs no index).
pub(crate) const fn bit(kind: ListKind) -> ListMask {
    match kind {
        ListKind::ShaIn => 1,
        ListKind::ShaOut => 2,
        ListKind::AliasGatewayIn => 4,
        ListKind::FlexCheckoutIn => 8,
        ListKind::FlexCheckoutOut => 16,
        ListKind::AliasGatewayOut => 32,
        ListKind::All => 0,
    }
}

const SLOTS: usize = 2048;
/// `log2(SLOTS)`: a slot is the top bits of the hash.
const SLOT_BITS: u32 = SLOTS.trailing_zeros();
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// Mixes one little-endian word of a name into the hash.
#[inline]
const fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(26) ^ word).wrapping_mul(MULTIPLIER)
}

/// The hash of a name, eight bytes at a time (compile time; [`hash`] at run time gives the
/// same value).
#[allow(clippy::indexing_slicing)]
const fn const_hash(bytes: &[u8]) -> u64 {
    let mut hash = bytes.len() as u64;
    let mut at = 0;
    while at < bytes.len() {
        let mut word = 0u64;
        let mut i = 0;
        while i < 8 && at + i < bytes.len() {
            word |= (bytes[at + i] as u64) << (8 * i);
            i += 1;
        }
        hash = mix(hash, word);
        at += 8;
    }
    hash
}

/// [`const_hash`], a word per step.
#[inline]
fn hash(bytes: &[u8]) -> u64 {
    let mut hash = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut le = [0u8; 8];
        le.copy_from_slice(word);
        hash = mix(hash, u64::from_le_bytes(le));
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        hash = mix(hash, tail_word(bytes, rest));
    }
    hash
}

/// The last, partial word of `bytes` (`rest`, 1 to 7 bytes), little-endian, read with fixed
/// loads (a copy into a zeroed word first stalls on the store it then reads back).
#[inline]
fn tail_word(bytes: &[u8], rest: &[u8]) -> u64 {
    let le64 = |at: usize| {
        let mut word = [0u8; 8];
        if let Some(b) = bytes.get(at..at + 8) {
            word.copy_from_slice(b);
        }
        u64::from_le_bytes(word)
    };
    let le32 = |b: &[u8], at: usize| {
        let mut word = [0u8; 4];
        if let Some(b) = b.get(at..at + 4) {
            word.copy_from_slice(b);
        }
        u64::from(u32::from_le_bytes(word))
    };
    let r = rest.len();
    if bytes.len() >= 8 {
        // The last eight bytes, the earlier ones shifted out.
        le64(bytes.len() - 8) >> (8 * (8 - r))
    } else if r >= 4 {
        // Two overlapping four-byte loads; the bytes they share are the same.
        le32(rest, 0) | (le32(rest, r - 4) << (8 * (r - 4)))
    } else {
        rest.iter()
            .enumerate()
            .fold(0, |word, (i, &b)| word | (u64::from(b) << (8 * i)))
    }
}

/// The home slot of a hash: its top bits (the multiplication mixes upwards).
#[inline]
const fn home(hash: u64) -> usize {
    (hash >> (64 - SLOT_BITS)) as usize
}

#[allow(clippy::indexing_slicing)]
const fn const_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The index: an open-addressing table of slots over one blob of the entries' bytes, about a
/// fifth full so that probes are short, and small (about 16 KiB) so that it stays in cache.
/// A slot is 0 (empty) or `offset << 16 | len << 8 | mask`.
struct Index {
    slots: [u32; SLOTS],
    blob: [u8; BLOB],
}

/// Bytes of every entry of every list, back to back (an entry on several lists once).
const BLOB: usize = total_len(SHA_IN)
    + total_len(SHA_OUT)
    + total_len(ALIAS_GATEWAY_IN)
    + total_len(ALIAS_GATEWAY_OUT)
    + total_len(FLEXCHECKOUT_IN)
    + total_len(FLEXCHECKOUT_OUT);

#[allow(clippy::indexing_slicing)]
const fn total_len(list: &[&str]) -> usize {
    let (mut i, mut sum) = (0, 0);
    while i < list.len() {
        sum += list[i].len();
        i += 1;
    }
    sum
}

const _: () = assert!(BLOB < 1 << 16 && LONGEST_ENTRY < 1 << 8);

/// The entry a non-empty slot points to, in `blob`.
#[allow(clippy::indexing_slicing)]
const fn const_entry(blob: &[u8; BLOB], slot: u32) -> &[u8] {
    let (offset, len) = ((slot >> 16) as usize, ((slot >> 8) & 0xFF) as usize);
    blob.split_at(offset).1.split_at(len).0
}

/// Adds every entry of `list` to the index with `mask`; `used` is how much of the blob is
/// taken.
#[allow(clippy::indexing_slicing)]
const fn add(index: &mut Index, used: &mut usize, list: &[&'static str], mask: ListMask) {
    let mut i = 0;
    while i < list.len() {
        let entry = list[i].as_bytes();
        let mut slot = home(const_hash(entry));
        loop {
            if index.slots[slot] == 0 {
                let mut j = 0;
                while j < entry.len() {
                    index.blob[*used + j] = entry[j];
                    j += 1;
                }
                index.slots[slot] =
                    ((*used as u32) << 16) | ((entry.len() as u32) << 8) | mask as u32;
                *used += entry.len();
                break;
            }
            if const_eq(const_entry(&index.blob, index.slots[slot]), entry) {
                index.slots[slot] |= mask as u32;
                break;
            }
            slot = (slot + 1) % SLOTS;
        }
        i += 1;
    }
}

const fn build() -> Index {
    let mut index = Index {
        slots: [0; SLOTS],
        blob: [0; BLOB],
    };
    let mut used = 0;
    // First: one of its names (NCERRORED) has a crowded home slot.
    add(
        &mut index,
        &mut used,
        ALIAS_GATEWAY_OUT,
        bit(ListKind::AliasGatewayOut),
    );
    add(&mut index, &mut used, SHA_IN, bit(ListKind::ShaIn));
    add(&mut index, &mut used, SHA_OUT, bit(ListKind::ShaOut));
    add(
        &mut index,
        &mut used,
        ALIAS_GATEWAY_IN,
        bit(ListKind::AliasGatewayIn),
    );
    add(
        &mut index,
        &mut used,
        FLEXCHECKOUT_IN,
        bit(ListKind::FlexCheckoutIn),
    );
    add(
        &mut index,
        &mut used,
        FLEXCHECKOUT_OUT,
        bit(ListKind::FlexCheckoutOut),
    );
    index
}

static INDEX: Index = build();

/// The entry of a non-empty slot.
#[inline]
fn entry_of(slot: u32) -> &'static [u8] {
    let (offset, len) = ((slot >> 16) as usize, ((slot >> 8) & 0xFF) as usize);
    INDEX.blob.get(offset..offset + len).unwrap_or_default()
}

/// The length of the longest entry of `list`, `*XX*` counted as written.
#[allow(clippy::indexing_slicing)]
const fn longest(list: &[&str]) -> usize {
    let (mut i, mut max) = (0, 0);
    while i < list.len() {
        if list[i].len() > max {
            max = list[i].len();
        }
        i += 1;
    }
    max
}

/// The longest built-in entry. A name longer than this matches an entry only through a
/// `*XX*` pattern whose digits take up the difference: no other probe can succeed, so none is
/// made, and each probe hashes at most this many bytes.
const LONGEST_ENTRY: usize = max(
    max(longest(SHA_IN), longest(SHA_OUT)),
    max(
        max(longest(ALIAS_GATEWAY_IN), longest(ALIAS_GATEWAY_OUT)),
        max(longest(FLEXCHECKOUT_IN), longest(FLEXCHECKOUT_OUT)),
    ),
);

const fn max(a: usize, b: usize) -> usize {
    if a > b { a } else { b }
}

/// The mask of the entry `name`, or 0.
#[inline]
fn probe(name: &[u8]) -> ListMask {
    #[cfg(test)]
    tests::count_hashed(name.len());
    let mut slot = home(hash(name));
    for _ in 0..SLOTS {
        let Some(&found) = INDEX.slots.get(slot) else {
            return 0;
        };
        if found == 0 {
            return 0;
        }
        if (found >> 8) & 0xFF == name.len() as u32 && equal_short(entry_of(found), name) {
            return (found & 0xFF) as ListMask;
        }
        slot = (slot + 1) % SLOTS;
    }
    0
}

/// Set in a mask for `SHASIGN` and `SHASIGNATURE.SHASIGN`, which no list holds and nothing
/// hashes.
pub(crate) const SIGNATURE: ListMask = 0x80;

/// Which built-in lists hold the upper-case name `upper`, directly or through a `*XX*`
/// pattern, or [`SIGNATURE`] for the signature names. Every built-in pattern has `*XX*` between
/// non-digits (a test checks it), so replacing each maximal run of digits by `*XX*` finds every
/// pattern that matches.
///
/// Linear in the length of the name: only the digit runs whose prefix and suffix together fit
/// in the longest entry are probed, and each probe hashes at most that many bytes.
pub(crate) fn builtin_mask(upper: &str) -> ListMask {
    builtin_mask_of(upper.as_bytes())
}

/// [`builtin_mask`] of a name given as bytes (for a caller that holds the upper-case name as
/// bytes it knows to be ASCII, and would otherwise read them as text again).
pub(crate) fn builtin_mask_of(bytes: &[u8]) -> ListMask {
    if is_signature_name_bytes(bytes) {
        return SIGNATURE;
    }
    let mut mask = if bytes.len() <= LONGEST_ENTRY {
        probe(bytes)
    } else {
        0
    };
    // Each maximal run of digits as the placeholder, spelled out on the stack.
    let placeholder = DIGITS_PLACEHOLDER.as_bytes();
    let mut candidate = [0u8; LONGEST_ENTRY];
    let mut start = 0;
    // Past the longest entry, no prefix can fit.
    while start < bytes.len() && start <= LONGEST_ENTRY {
        let Some(offset) = bytes
            .get(start..)
            .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
        else {
            break;
        };
        let run_start = start + offset;
        let run_len = bytes.get(run_start..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        });
        let (prefix, tail) = bytes.split_at(run_start);
        let suffix = tail.get(run_len..).unwrap_or_default();
        let len = prefix.len() + placeholder.len() + suffix.len();
        if let Some(spelled) = candidate.get_mut(..len) {
            let (head, rest) = spelled.split_at_mut(prefix.len());
            let (middle, end) = rest.split_at_mut(placeholder.len());
            head.copy_from_slice(prefix);
            middle.copy_from_slice(placeholder);
            end.copy_from_slice(suffix);
            mask |= probe(spelled);
        }
        start = run_start + run_len;
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::list::list_matches;
    use proptest::prelude::*;
    use std::cell::Cell;

    std::thread_local! {
        static HASHED: Cell<usize> = const { Cell::new(0) };
    }

    /// Counts the bytes `builtin_mask` hashes, on this thread.
    pub(super) fn count_hashed(bytes: usize) {
        HASHED.with(|h| h.set(h.get() + bytes));
    }

    fn hashed_by(name: &str) -> usize {
        HASHED.with(|h| h.set(0));
        let _ = builtin_mask(name);
        HASHED.with(Cell::get)
    }

    /// Issue 7, item 1: a name of many digit runs (`A1A1A1...`) was re-hashed whole once per
    /// run, quadratic in its length (64 KiB took seconds). Now what is hashed is bounded by the
    /// longest entry, whatever the name.
    #[test]
    fn hashing_is_bounded_whatever_the_name() {
        let bound = LONGEST_ENTRY * LONGEST_ENTRY;
        for len in [10, 100, 1_000, 65_536] {
            for unit in ["A1", "1", "A", "ITEMNAME1", "_1."] {
                let name = unit.repeat(len / unit.len() + 1);
                let hashed = hashed_by(&name);
                assert!(hashed <= bound, "{unit} x {len}: {hashed} bytes hashed");
            }
        }
        // A real name is still found, its digits of any length.
        assert_ne!(builtin_mask("ITEMNAME12") & bit(ListKind::ShaIn), 0);
        let long_digits = format!("ITEMNAME{}", "7".repeat(500));
        assert_ne!(builtin_mask(&long_digits) & bit(ListKind::ShaIn), 0);
        assert_eq!(LONGEST_ENTRY, 49);
    }

    /// Names near the lists: an entry with its `*XX*` as digits (or letters), cut, extended.
    fn near_names() -> impl Strategy<Value = String> {
        let entries: Vec<&str> = ListKind::ALL_KINDS
            .iter()
            .flat_map(|k| k.entries().iter().copied())
            .collect();
        (
            proptest::sample::select(entries),
            "[0-9]{0,4}",
            "[A-Z0-9_.]{0,3}",
            0usize..60,
        )
            .prop_map(|(entry, digits, tail, cut)| {
                let mut name = entry.replace(DIGITS_PLACEHOLDER, &digits);
                name.truncate(cut.max(1).min(name.len()));
                name + &tail
            })
    }

    proptest! {
        /// The index agrees with the plain search of every list, the reference implementation.
        #[test]
        fn index_agrees_with_search(name in prop_oneof![near_names(), "[A-Z0-9_.]{1,12}"]) {
            let mask = builtin_mask(&name);
            for kind in ListKind::ALL_KINDS.into_iter().filter(|&k| k != ListKind::All) {
                prop_assert_eq!(mask & bit(kind) != 0, list_matches(kind.entries(), &name), "{:?} {}", kind, name);
            }
        }
    }

    #[test]
    fn patterns_sit_between_non_digits() {
        for kind in ListKind::ALL_KINDS {
            for entry in kind.entries() {
                if let Some(at) = entry.find(DIGITS_PLACEHOLDER) {
                    let before = entry[..at].bytes().last();
                    let after = entry[at + DIGITS_PLACEHOLDER.len()..].bytes().next();
                    assert!(!before.is_some_and(|b| b.is_ascii_digit()), "{entry}");
                    assert!(!after.is_some_and(|b| b.is_ascii_digit()), "{entry}");
                    assert_eq!(entry.matches(DIGITS_PLACEHOLDER).count(), 1, "{entry}");
                }
            }
        }
    }

    /// The hash spreads the entries: every one sits within a few slots of its home, so a lookup
    /// is one or two comparisons (a constant or weak hash would still be correct, only slow).
    #[test]
    fn probes_are_short() {
        for (slot, &found) in INDEX.slots.iter().enumerate().filter(|(_, f)| **f != 0) {
            let entry = String::from_utf8_lossy(entry_of(found));
            let home = home(hash(entry.as_bytes()));
            assert_eq!(
                hash(entry.as_bytes()),
                const_hash(entry.as_bytes()),
                "{entry}"
            );
            let distance = (slot + SLOTS - home) % SLOTS;
            assert!(distance <= 4, "{entry}: {distance} slots from home");
        }
    }

    /// The run-time hash reads the last word with other loads than the compile-time one:
    /// they agree on every length.
    #[test]
    fn hash_agrees_with_const_hash() {
        let text = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ_.0123456789";
        for len in 0..text.len() {
            assert_eq!(hash(&text[..len]), const_hash(&text[..len]), "{len}");
            assert_eq!(hash(&text[len..]), const_hash(&text[len..]), "{len}");
        }
    }

    /// A pattern whose prefix is itself an entry (`AMOUNT`, `AMOUNT*XX*`), in a user list.
    #[test]
    fn patterns_next_to_their_prefix() {
        let list = ["AMOUNT", "AMOUNT*XX*", "AMOUNTX"];
        assert!(list_matches(&list, "AMOUNT12"));
        assert!(list_matches(&list, "AMOUNT"));
        assert!(!list_matches(&list, "AMOUNTY"));
        assert_ne!(builtin_mask("AMOUNT12") & bit(ListKind::ShaIn), 0);
    }

    #[test]
    fn every_entry_is_found_in_its_lists() {
        for kind in ListKind::ALL_KINDS {
            for entry in kind.entries() {
                let name = entry.replace(DIGITS_PLACEHOLDER, "12");
                assert_ne!(builtin_mask(&name) & bit(kind), 0, "{kind:?} {name}");
                assert_ne!(builtin_mask(entry) & bit(kind), 0, "{kind:?} {entry}");
            }
        }
        assert_eq!(builtin_mask("NOT.ON.ANY.LIST"), 0);
        assert_eq!(builtin_mask(""), 0);
        assert_eq!(builtin_mask("ITEMNAME"), 0);
        assert_eq!(
            builtin_mask("ALIAS") & bit(ListKind::ShaOut),
            bit(ListKind::ShaOut)
        );
        assert_eq!(builtin_mask("ITEMNAME7"), bit(ListKind::ShaIn));
    }
}
