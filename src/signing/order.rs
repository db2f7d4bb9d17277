//! The two sort orders for parameter names (spec section 1.1).

use core::cmp::Ordering;

/// How parameter names are ordered in the string that is hashed.
///
/// Both orders agree on every vector Ingenico published; they differ on numbered fields from 10
/// on (`ITEMNAME2` / `ITEMNAME10`) and on names where `_` or `.` meets a letter or digit
/// (`SCO_CATEGORY` / `SCORING`).
///
/// ```
/// use core::cmp::Ordering;
/// use ogone::SortOrder;
///
/// assert_eq!(SortOrder::Ingenico.compare("ITEMNAME2", "ITEMNAME10"), Ordering::Less);
/// assert_eq!(SortOrder::Byte.compare("ITEMNAME2", "ITEMNAME10"), Ordering::Greater);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortOrder {
    /// The order of Ingenico's own SHA lists (the default): names compare token by token, a run
    /// of ASCII digits is one token compared by numeric value, and the token ranks are
    /// `_` < `.` < other punctuation (by byte) < number < letter (by byte). A name that is a
    /// prefix of another comes first.
    #[default]
    Ingenico,
    /// Plain byte order of the upper-cased names: what Odoo `payment_ogone`, marlon-ogone and
    /// ActiveMerchant do. Use it to match a peer that sorts this way.
    Byte,
}

impl SortOrder {
    /// `ingenico` or `byte`.
    ///
    /// ```
    /// use ogone::SortOrder;
    ///
    /// assert_eq!(SortOrder::Ingenico.as_str(), "ingenico");
    /// assert_eq!(SortOrder::parse(SortOrder::Byte.as_str()), Some(SortOrder::Byte));
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Ingenico => "ingenico",
            SortOrder::Byte => "byte",
        }
    }

    /// Parses `ingenico` or `byte` (ASCII case-insensitive).
    ///
    /// ```
    /// assert_eq!(ogone::SortOrder::parse("Byte"), Some(ogone::SortOrder::Byte));
    /// ```
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        [SortOrder::Ingenico, SortOrder::Byte]
            .into_iter()
            .find(|o| o.as_str().eq_ignore_ascii_case(name))
    }

    /// Compares two parameter names in this order, ignoring ASCII case.
    ///
    /// ```
    /// use core::cmp::Ordering;
    /// use ogone::SortOrder;
    ///
    /// // `_` ranks before letters in Ingenico order, after `R` (0x52) in byte order.
    /// assert_eq!(SortOrder::Ingenico.compare("SCO_CATEGORY", "SCORING"), Ordering::Less);
    /// assert_eq!(SortOrder::Byte.compare("SCO_CATEGORY", "SCORING"), Ordering::Greater);
    /// assert_eq!(SortOrder::Ingenico.compare("orderID", "ORDERID"), Ordering::Equal);
    /// ```
    #[must_use]
    pub fn compare(self, a: &str, b: &str) -> Ordering {
        compare_bytes(self, a.as_bytes(), b.as_bytes())
    }
}

/// Compares two names in `order`, upper-casing ASCII letters on the fly.
pub(crate) fn compare_bytes(order: SortOrder, a: &[u8], b: &[u8]) -> Ordering {
    match order {
        SortOrder::Byte => a
            .iter()
            .map(u8::to_ascii_uppercase)
            .cmp(b.iter().map(u8::to_ascii_uppercase)),
        SortOrder::Ingenico => ingenico(a, b),
    }
}

/// One token of a name in Ingenico order.
#[derive(Clone, Copy)]
enum Token<'a> {
    /// A single byte that is not an ASCII digit (already upper-cased).
    Byte(u8),
    /// A maximal run of ASCII digits.
    Digits(&'a [u8]),
}

impl Token<'_> {
    /// Rank class: `_` < `.` < other punctuation < digit run < letter.
    #[inline]
    fn class(self) -> u8 {
        match self {
            Token::Byte(b'_') => 0,
            Token::Byte(b'.') => 1,
            Token::Byte(b) if b.is_ascii_alphabetic() => 4,
            Token::Byte(_) => 2,
            Token::Digits(_) => 3,
        }
    }

    #[inline]
    fn cmp(self, other: Self) -> Ordering {
        match (self, other) {
            (Token::Digits(x), Token::Digits(y)) => compare_numbers(x, y),
            (Token::Byte(x), Token::Byte(y)) if self.class() == other.class() => x.cmp(&y),
            _ => self.class().cmp(&other.class()),
        }
    }
}

/// Compares two runs of ASCII digits by numeric value, then the shorter run first.
fn compare_numbers(x: &[u8], y: &[u8]) -> Ordering {
    let strip = |d: &[u8]| -> usize { d.iter().take_while(|&&c| c == b'0').count() };
    let (sx, sy) = (strip(x), strip(y));
    let (vx, vy) = (
        x.get(sx..).unwrap_or_default(),
        y.get(sy..).unwrap_or_default(),
    );
    vx.len()
        .cmp(&vy.len())
        .then_with(|| vx.cmp(vy))
        .then_with(|| x.len().cmp(&y.len()))
}

/// Splits a name into tokens without allocating.
struct Tokens<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let (&first, tail) = self.rest.split_first()?;
        if first.is_ascii_digit() {
            let len = self.rest.iter().take_while(|c| c.is_ascii_digit()).count();
            let (run, rest) = self.rest.split_at(len);
            self.rest = rest;
            Some(Token::Digits(run))
        } else {
            self.rest = tail;
            Some(Token::Byte(first.to_ascii_uppercase()))
        }
    }
}

/// [`compare_bytes`] for names that are already upper case (as [`crate::Params`] and the scan
/// of posted bodies keep them): the common prefix is found by plain byte comparison.
#[inline]
pub(crate) fn compare_upper(order: SortOrder, a: &[u8], b: &[u8]) -> Ordering {
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match (order, a.get(common), b.get(common)) {
        (SortOrder::Byte, Some(x), Some(y)) => x.cmp(y),
        (SortOrder::Byte, _, _) => a.len().cmp(&b.len()),
        // Neither is a digit: any digit run before here ends here in both (the common case).
        (SortOrder::Ingenico, Some(&x), Some(&y)) if !x.is_ascii_digit() && !y.is_ascii_digit() => {
            rank(x).cmp(&rank(y))
        }
        (SortOrder::Ingenico, _, _) => ingenico_from(a, b, common),
    }
}

/// An [`ingenico_key`].
pub(crate) type Key = u128;

/// What [`ingenico_key`] gives a name it cannot summarise.
pub(crate) const NO_KEY: Key = Key::MAX;

/// Bytes of a name's token encoding a [`Key`] holds.
const KEY_BYTES: usize = 16;

/// A summary of an upper-case name that orders as [`SortOrder::Ingenico`] does: the first
/// sixteen bytes of an encoding of its tokens whose byte order is the token order. A byte that
/// is not a digit is its rank ([`KEY_RANKS`]); a digit run is [`DIGITS_MARK`] (between
/// punctuation and letters, as the run's class is), the length of its significant digits, those
/// digits, then its whole length (so that `2` < `10`, and `1` < `01`, as
/// `compare_numbers` orders them); past the end, 0 (a prefix comes first). Two names with
/// different keys compare as their keys; equal keys say nothing. [`NO_KEY`] for a name with a
/// byte no upper-case name holds.
///
/// Basket lines (`ITEMNAME1`, `ITEMNAME12`...) differ only past their eighth byte and in
/// their digits: their keys still tell them apart, so sorting them is integer comparisons.
#[inline]
pub(crate) fn ingenico_key(upper: &[u8]) -> Key {
    // Most names have no digit in their first sixteen bytes: a rank per byte, shifted into
    // a register (bytes stored one by one and read back as one integer would stall on the
    // stores).
    let mut key: Key = 0;
    let mut used = 0;
    for &byte in upper.iter().take(KEY_BYTES) {
        match KEY_RANKS.get(usize::from(byte)).copied().unwrap_or(0) {
            0 => break,
            rank => key = (key << 8) | Key::from(rank),
        }
        used += 1;
    }
    // The ranks first, zeros past them (`used` is at most 16: a shift of 0 to 128 bits).
    let key = key.checked_shl(8 * (KEY_BYTES - used) as u32).unwrap_or(0);
    if used == upper.len() || used == KEY_BYTES {
        key
    } else {
        key_with_digits(upper, key.to_be_bytes(), used)
    }
}

/// [`ingenico_key`] from the first byte that has no rank (a digit, or a byte no name holds),
/// at `used`, the ranks before it already in `out`.
#[inline(never)]
fn key_with_digits(upper: &[u8], mut out: [u8; KEY_BYTES], mut used: usize) -> Key {
    /// Appends `byte` to the encoding; past its sixteenth byte nothing is kept.
    fn put(out: &mut [u8; KEY_BYTES], used: &mut usize, byte: u8) {
        if let Some(slot) = out.get_mut(*used) {
            *slot = byte;
        }
        *used += 1;
    }
    let mut rest = upper.get(used..).unwrap_or_default();
    while let Some((&first, tail)) = rest.split_first() {
        if used >= KEY_BYTES {
            break;
        }
        if first.is_ascii_digit() {
            let run_len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            let (run, after) = rest.split_at(run_len);
            let zeros = run.iter().take_while(|&&c| c == b'0').count();
            let significant = run.get(zeros..).unwrap_or_default();
            put(&mut out, &mut used, DIGITS_MARK);
            put(
                &mut out,
                &mut used,
                u8::try_from(significant.len()).unwrap_or(u8::MAX),
            );
            for &digit in significant.iter().take(KEY_BYTES) {
                put(&mut out, &mut used, digit);
            }
            put(
                &mut out,
                &mut used,
                u8::try_from(run.len()).unwrap_or(u8::MAX),
            );
            rest = after;
        } else {
            match KEY_RANKS.get(usize::from(first)).copied().unwrap_or(0) {
                0 => return NO_KEY,
                rank => put(&mut out, &mut used, rank),
            }
            rest = tail;
        }
    }
    Key::from_be_bytes(out)
}

/// [`compare_upper`] in Ingenico order for two upper-case names with their [`ingenico_key`]s:
/// one integer comparison when the keys differ; `names` are read only when they do not.
#[inline]
pub(crate) fn compare_keyed<'a>(
    key_a: Key,
    key_b: Key,
    names: impl FnOnce() -> (&'a [u8], &'a [u8]),
) -> Ordering {
    if key_a != key_b && key_a != NO_KEY && key_b != NO_KEY {
        key_a.cmp(&key_b)
    } else {
        let (a, b) = names();
        compare_upper(SortOrder::Ingenico, a, b)
    }
}

/// The rank of each byte in an [`ingenico_key`]: `_`, `.`, other printable ASCII punctuation
/// by byte, then ([`DIGITS_MARK`] for digit runs) upper-case letters by byte; 0 for digits,
/// lower-case letters, controls and bytes above 0x7E.
const KEY_RANKS: [u8; 256] = key_ranks();

/// Where a digit run sits among the ranks of [`KEY_RANKS`]: after every punctuation byte,
/// before every letter.
const DIGITS_MARK: u8 = digits_mark();

/// One above the highest punctuation rank.
#[allow(clippy::indexing_slicing)]
const fn digits_mark() -> u8 {
    KEY_RANKS[b'A' as usize] - 1
}

#[allow(clippy::indexing_slicing)]
const fn key_ranks() -> [u8; 256] {
    let mut table = [0u8; 256];
    table[b'_' as usize] = 1;
    table[b'.' as usize] = 2;
    let mut next = 3;
    let mut b = 0x20;
    while b < 0x7F {
        let byte = b as u8;
        if byte != b'_' && byte != b'.' && !byte.is_ascii_alphanumeric() {
            table[b] = next;
            next += 1;
        }
        b += 1;
    }
    // `next` is left for digit runs (DIGITS_MARK); letters come after.
    next += 1;
    let mut b = b'A' as usize;
    while b <= b'Z' as usize {
        table[b] = next;
        next += 1;
        b += 1;
    }
    table
}

/// The rank of a byte that is not a digit in Ingenico order: its class, then the byte.
#[inline]
fn rank(byte: u8) -> u16 {
    RANKS.get(usize::from(byte)).copied().unwrap_or(u16::MAX)
}

/// [`rank`] of every byte, as [`Token::cmp`] orders single bytes.
const RANKS: [u16; 256] = rank_table();

#[allow(clippy::indexing_slicing)]
const fn rank_table() -> [u16; 256] {
    let mut table = [0u16; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let class: u16 = match byte {
            b'_' => 0,
            b'.' => 1,
            _ if byte.is_ascii_alphabetic() => 4,
            _ if byte.is_ascii_digit() => 3,
            _ => 2,
        };
        table[b] = (class << 8) | byte as u16;
        b += 1;
    }
    table
}

fn ingenico(a: &[u8], b: &[u8]) -> Ordering {
    // Skip the common prefix: tokens only matter where the names differ.
    let common = a
        .iter()
        .zip(b)
        .take_while(|(x, y)| x.eq_ignore_ascii_case(y))
        .count();
    ingenico_from(a, b, common)
}

/// Ingenico order of `a` and `b`, which agree (ignoring case) on their first `common` bytes.
#[inline]
fn ingenico_from(a: &[u8], b: &[u8], common: usize) -> Ordering {
    match (a.get(common), b.get(common)) {
        // A name that is a prefix of another comes first, digit runs included ("A1" < "A10",
        // "A0" < "A00").
        (None, None) => return Ordering::Equal,
        (None, Some(_)) => return Ordering::Less,
        (Some(_), None) => return Ordering::Greater,
        (Some(x), Some(y)) if !x.is_ascii_digit() && !y.is_ascii_digit() => {
            // Any digit run before here is the same in both and ends here in both.
            return Token::Byte(x.to_ascii_uppercase()).cmp(Token::Byte(y.to_ascii_uppercase()));
        }
        _ => {}
    }
    // A digit is involved: compare token by token from the start of the digit run.
    let run = a.get(..common).map_or(0, |p| {
        p.iter().rev().take_while(|c| c.is_ascii_digit()).count()
    });
    let from = common - run;
    tokenwise(
        a.get(from..).unwrap_or_default(),
        b.get(from..).unwrap_or_default(),
    )
}

/// Ingenico order by tokens from the start (the reference the fast path above defers to).
fn tokenwise(a: &[u8], b: &[u8]) -> Ordering {
    let (mut ta, mut tb) = (Tokens { rest: a }, Tokens { rest: b });
    loop {
        match (ta.next(), tb.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match x.cmp(y) {
                Ordering::Equal => {}
                unequal => return unequal,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn less(order: SortOrder, a: &str, b: &str) {
        assert_eq!(order.compare(a, b), Ordering::Less, "{a} < {b}");
        assert_eq!(order.compare(b, a), Ordering::Greater, "{b} > {a}");
    }

    // Every example of spec section 1.1.
    #[test]
    fn spec_examples_ingenico() {
        let o = SortOrder::Ingenico;
        less(o, "ITEMNAME2", "ITEMNAME10");
        less(o, "SCO_CATEGORY", "SCORING");
        less(o, "ITEM_COUNT", "ITEMID1");
        less(o, "NBRIPUSAGE", "NBRIPUSAGE_ALLTX");
        less(o, "ALIAS", "ALIAS.ALIASID");
        less(o, "ALIAS.ALIASID", "ALIASUSAGE");
        less(o, "ALIAS", "ALIASUSAGE");
    }

    #[test]
    fn spec_examples_byte() {
        let o = SortOrder::Byte;
        less(o, "ITEMNAME10", "ITEMNAME2");
        less(o, "SCORING", "SCO_CATEGORY");
        less(o, "ITEMID1", "ITEM_COUNT");
        less(o, "NBRIPUSAGE", "NBRIPUSAGE_ALLTX");
        less(o, "ALIAS", "ALIAS.ALIASID");
        less(o, "ALIAS.ALIASID", "ALIASUSAGE");
    }

    #[test]
    fn token_ranks() {
        let o = SortOrder::Ingenico;
        // `_` < `.` < other punctuation < digit run < letter
        less(o, "A_", "A.");
        less(o, "A.", "A-");
        less(o, "A-", "A/");
        less(o, "A/", "A0");
        less(o, "A9", "AA");
        less(o, "A_", "A9");
        // numeric value, then the shorter run first
        less(o, "A9", "A10");
        less(o, "A1", "A01");
        less(o, "A01", "A2");
        less(o, "A007", "A8");
        less(o, "A99999999999999999999999", "A100000000000000000000000");
    }

    #[test]
    fn prefix_skip_agrees_with_tokens() {
        let names = [
            "A",
            "A1",
            "A01",
            "A10",
            "A1B",
            "A12",
            "A1C",
            "A_",
            "A.",
            "A-",
            "AB",
            "A0",
            "A00",
            "ITEMNAME9",
            "ITEMNAME10",
            "ITEM_COUNT",
            "ITEMID1",
            "SCO_CATEGORY",
            "SCORING",
            "x1y",
            "X1Y2",
            "X1Y10",
            "X01Y",
            "X1.Y",
            "ALIAS",
            "ALIAS.ALIASID",
            "ALIASUSAGE",
            "ALIAS_X",
            "A B",
            "A-B",
            "A/B",
            "A~B",
            "ABCDEFGH",
            "ABCDEFGHI",
            "ABCDEFGH1",
            "ABCDEFG",
            "NBRIPUSAGE",
            "NBRIPUSAGE_ALLTX",
        ];
        for a in names {
            for b in names {
                let fast = SortOrder::Ingenico.compare(a, b);
                let slow = tokenwise(
                    &a.to_ascii_uppercase().into_bytes(),
                    &b.to_ascii_uppercase().into_bytes(),
                );
                assert_eq!(fast, slow, "{a} vs {b}");
                let (ua, ub) = (a.to_ascii_uppercase(), b.to_ascii_uppercase());
                let (ka, kb) = (ingenico_key(ua.as_bytes()), ingenico_key(ub.as_bytes()));
                assert_eq!(
                    compare_keyed(ka, kb, || (ua.as_bytes(), ub.as_bytes())),
                    slow,
                    "keyed: {a} vs {b}"
                );
                for order in [SortOrder::Ingenico, SortOrder::Byte] {
                    assert_eq!(
                        compare_upper(order, ua.as_bytes(), ub.as_bytes()),
                        order.compare(a, b),
                        "{order:?}: {a} vs {b}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// Keys order names as the tokens do whenever they differ, on names made of the bytes
        /// that decide (digit runs with leading zeros, `_`, `.`, other punctuation, letters),
        /// long enough that the encoding is cut.
        #[test]
        fn keys_agree_with_tokens(a in "[A-C0-2_. -]{0,24}", b in "[A-C0-2_. -]{0,24}") {
            let (ka, kb) = (ingenico_key(a.as_bytes()), ingenico_key(b.as_bytes()));
            let tokens = tokenwise(a.as_bytes(), b.as_bytes());
            proptest::prop_assert_eq!(compare_keyed(ka, kb, || (a.as_bytes(), b.as_bytes())), tokens);
            if ka != kb {
                proptest::prop_assert_eq!(ka.cmp(&kb), tokens, "{} vs {}", a, b);
            }
            if a == b {
                proptest::prop_assert_eq!(ka, kb);
            }
        }
    }

    /// Basket lines differ past their eighth byte, in their digits: their keys tell them apart.
    #[test]
    fn basket_lines_have_distinct_keys() {
        let names = [
            "ITEMNAME1",
            "ITEMNAME2",
            "ITEMNAME10",
            "ITEMNAME010",
            "ITEMNAMEX",
        ];
        for a in names {
            for b in names {
                if a != b {
                    let (ka, kb) = (ingenico_key(a.as_bytes()), ingenico_key(b.as_bytes()));
                    assert_ne!(ka, kb, "{a} {b}");
                    assert_eq!(
                        ka.cmp(&kb),
                        tokenwise(a.as_bytes(), b.as_bytes()),
                        "{a} {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn case_is_ignored() {
        for o in [SortOrder::Ingenico, SortOrder::Byte] {
            assert_eq!(o.compare("orderID", "ORDERID"), Ordering::Equal);
            less(o, "amount", "CURRENCY");
        }
    }
}
