//! Parameter sets: upper-case names, kept in canonical order, values exactly as given.
//!
//! Storage costs what the data costs: one text buffer holding every `NAME=value` piece (each
//! name upper-cased once, on the way in), and one small span per parameter (where its piece
//! sits, how long its name is, which built-in lists hold it), kept in Ingenico order. No
//! `String` per parameter.

use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;
use core::ops::Range;

use crate::error::Error;
use crate::signing::bytes::equal_short;
use crate::signing::entry::Entry;
use crate::signing::list_index::{ListMask, builtin_mask};
use crate::signing::name::validate_name;
use crate::signing::order::{
    Key, SortOrder, compare_bytes, compare_keyed, compare_upper, ingenico_key,
};
use crate::signing::secret::debug_redacted;

/// Where one parameter's `NAME=value` sits in [`Params`]' text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Span {
    /// Offset of the piece in the text.
    start: usize,
    /// Length of the name.
    name_len: usize,
    /// Length of the whole `NAME=value` piece.
    len: usize,
    /// The built-in lists that hold the name.
    lists: ListMask,
    /// The name's [`ingenico_key`], so that most comparisons are one integer comparison.
    key: Key,
}

impl Span {
    /// A span for the piece of `len` bytes at `start` in `text` whose (upper-case) name is
    /// `name_len` bytes long.
    pub(crate) fn new(
        text: &str,
        start: usize,
        name_len: usize,
        len: usize,
        lists: ListMask,
    ) -> Span {
        let name = text.as_bytes().get(start..start + name_len);
        Span::with_key(
            start,
            name_len,
            len,
            lists,
            ingenico_key(name.unwrap_or_default()),
        )
    }

    /// [`Span::new`] for a name whose [`ingenico_key`] is already known.
    pub(crate) fn with_key(
        start: usize,
        name_len: usize,
        len: usize,
        lists: ListMask,
        key: Key,
    ) -> Span {
        Span {
            start,
            name_len,
            len,
            lists,
            key,
        }
    }

    /// Whether two spans over `text` have the same name: different keys tell at once, else the
    /// bytes are compared inline (the C library's `memcmp` costs more than the comparison on
    /// names this short).
    #[inline]
    fn same_name(self, other: Span, text: &str) -> bool {
        if self.key != other.key || self.name_len != other.name_len {
            return false;
        }
        equal_short(self.name(text).as_bytes(), other.name(text).as_bytes())
    }

    /// Ingenico order of the names of two spans over `text`: one integer comparison when
    /// their keys tell, the names read only when they do not.
    #[inline]
    fn compare(self, other: Span, text: &str) -> Ordering {
        compare_keyed(self.key, other.key, || {
            (self.name(text).as_bytes(), other.name(text).as_bytes())
        })
    }

    fn range(self) -> Range<usize> {
        self.start..self.start + self.len
    }

    fn entry(self, text: &str) -> Entry<'_> {
        Entry::new(
            text.get(self.range()).unwrap_or_default(),
            self.name_len,
            self.lists,
        )
    }

    fn name(self, text: &str) -> &str {
        text.get(self.start..self.start + self.name_len)
            .unwrap_or_default()
    }
}

/// A set of Ogone parameters.
///
/// Names are upper-cased (ASCII) on insert and kept in [`SortOrder::Ingenico`] order; a name
/// that is already there once upper-cased is an error, which stops parameter pollution
/// (`orderID=1&ORDERID=2`). Values are stored exactly as given: never trimmed, re-cased or
/// escaped. Lookups ignore case.
///
/// `Debug` shows every parameter but the secret ones, whose values read `<redacted>`: `PSWD`
/// (the DirectLink API password); the card verification codes `CVC`, `CARD.CVC`,
/// `ECOM_PAYMENT_CARD_VERIFICATION` and `UCAF_PAYMENT_CARD_CVC2`; the 3-D Secure cryptograms
/// `CAVV_3D` and `UCAF_AUTHENTICATION_DATA`; and the card numbers `CARDNO`, `CARD.CARDNUMBER`
/// and `UCAF_PAYMENT_CARD_NUMBER` unless masked as Ogone masks them (a masking `X`, `x` or `*`
/// and at most ten digits, as in `XXXXXXXXXXXX1111`). [`Signer::explain`](crate::Signer::explain)
/// and the request builders' `Debug` redact the same fields.
///
/// ```
/// let card = ogone::Params::try_from_pairs([("CARDNO", "4111111111111111"), ("CVC", "123")])?;
/// assert_eq!(format!("{card:?}"), r#"{"CARDNO": <redacted>, "CVC": <redacted>}"#);
/// let feedback = ogone::Params::try_from_pairs([("CARDNO", "XXXXXXXXXXXX1111")])?;
/// assert_eq!(format!("{feedback:?}"), r#"{"CARDNO": "XXXXXXXXXXXX1111"}"#);
/// # Ok::<(), ogone::Error>(())
/// ```
///
/// ```
/// let mut params = ogone::Params::new();
/// params.insert("orderID", "1234")?;
/// params.insert("AMOUNT", "1500")?;
/// assert_eq!(params.get("OrderId"), Some("1234"));
/// let names: Vec<&str> = params.iter().map(|(n, _)| n).collect();
/// assert_eq!(names, ["AMOUNT", "ORDERID"]);
/// assert!(params.insert("orderid", "1235").is_err());
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Params {
    /// Every `NAME=value` piece, back to back, in the order they came in.
    text: String,
    /// One span per parameter, in Ingenico order.
    spans: Vec<Span>,
    /// Indices into `spans`, in byte order of the names; empty while the byte order is the
    /// Ingenico order, as it is for most sets.
    byte_order: Vec<usize>,
}

impl PartialEq for Params {
    fn eq(&self, other: &Self) -> bool {
        self.spans.len() == other.spans.len()
            && self
                .entries_in(SortOrder::Ingenico)
                .zip(other.entries_in(SortOrder::Ingenico))
                .all(|(a, b)| a.pair == b.pair)
    }
}

impl Eq for Params {}

impl Params {
    /// An empty set.
    ///
    /// ```
    /// let mut params = ogone::Params::new();
    /// assert!(params.is_empty());
    /// params.insert("PSPID", "MyPSPID")?;
    /// assert_eq!(params.len(), 1);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a set from `(name, value)` pairs, as [`Params::insert`] does one by one.
    ///
    /// ```
    /// let params = ogone::Params::try_from_pairs([("PSPID", "MyPSPID"), ("amount", "1500")])?;
    /// assert_eq!(params.len(), 2);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first error [`Params::insert`] returns.
    pub fn try_from_pairs<N, V>(pairs: impl IntoIterator<Item = (N, V)>) -> Result<Self, Error>
    where
        N: AsRef<str>,
        V: Into<String>,
    {
        let pairs = pairs.into_iter();
        let hint = pairs.size_hint().0;
        // Every pair goes to the end of the text, then the spans are sorted once.
        let mut text = String::with_capacity(hint * 32);
        let mut spans = Vec::with_capacity(hint);
        for (name, value) in pairs {
            let name = name.as_ref();
            if let Err(invalid) = validate_name(name) {
                // Inserted one by one, an earlier duplicate would have been refused first.
                return Err(Params::from_unsorted(text, spans, true)
                    .err()
                    .unwrap_or(invalid));
            }
            let start = text.len();
            text.push_str(name);
            let upper = text.get_mut(start..).map(|upper| {
                upper.make_ascii_uppercase();
                builtin_mask(upper)
            });
            text.push('=');
            text.push_str(&value.into());
            spans.push(Span::new(
                &text,
                start,
                name.len(),
                text.len() - start,
                upper.unwrap_or_default(),
            ));
        }
        Params::from_unsorted(text, spans, true)
    }

    /// Adds a parameter. The name is upper-cased; the value is kept as given.
    ///
    /// ```
    /// use ogone::{Error, Params};
    ///
    /// let mut params = Params::new();
    /// params.insert("orderID", "1234")?;
    /// params.insert("COM", " 15 items ")?; // kept as given, spaces included
    /// assert_eq!(params.get("ORDERID"), Some("1234"));
    /// assert_eq!(params.get("COM"), Some(" 15 items "));
    /// assert_eq!(params.insert("OrderId", "1235"), Err(Error::DuplicateName("ORDERID".into())));
    /// assert!(matches!(params.insert("A&B", "x"), Err(Error::InvalidName { .. })));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidName`]: the name is empty, not ASCII, or holds a control character,
    ///   `=` or `&`;
    /// - [`Error::DuplicateName`]: a parameter of that name (ignoring case) is already there.
    pub fn insert(&mut self, name: &str, value: impl Into<String>) -> Result<(), Error> {
        let at = self.insert_in_order(name, value.into())?;
        self.track_byte_order(at);
        Ok(())
    }

    /// [`Params::insert`] without the byte order (which the caller rebuilds or tracks):
    /// returns where the parameter went in `spans`.
    fn insert_in_order(&mut self, name: &str, value: String) -> Result<usize, Error> {
        validate_name(name)?;
        // The name goes in upper case first: the search then compares plain bytes.
        let start = self.text.len();
        self.text.push_str(name);
        if let Some(upper) = self.text.get_mut(start..) {
            upper.make_ascii_uppercase();
        }
        let upper = self.text.get(start..).unwrap_or_default();
        let at = match self.position_upper(upper) {
            Ok(_) => {
                let error = Error::duplicate_name(upper);
                self.text.truncate(start);
                return Err(error);
            }
            Err(at) => at,
        };
        let lists = builtin_mask(upper);
        self.text.push('=');
        self.text.push_str(&value);
        let span = Span::new(
            &self.text,
            start,
            name.len(),
            self.text.len() - start,
            lists,
        );
        self.spans.insert(at, span);
        Ok(at)
    }

    /// Keeps the byte order right after a parameter went in at `at` in `spans`.
    fn track_byte_order(&mut self, at: usize) {
        let text = self.text.as_str();
        let Some(&span) = self.spans.get(at) else {
            return;
        };
        if self.byte_order.is_empty() {
            let name = |i: usize| self.spans.get(i).map(|s| s.name(text).as_bytes());
            let less = |a: Option<&[u8]>, b: &[u8]| {
                a.is_some_and(|a| compare_upper(SortOrder::Byte, a, b) == Ordering::Less)
            };
            let new_name = span.name(text).as_bytes();
            let after_previous = at == 0 || less(name(at - 1), new_name);
            let before_next = name(at + 1).is_none_or(|next| less(Some(new_name), next));
            if !(after_previous && before_next) {
                self.rebuild_byte_order();
            }
            return;
        }
        for index in &mut self.byte_order {
            if *index >= at {
                *index += 1;
            }
        }
        let spans = &self.spans;
        let new_name = span.name(text);
        let byte_at = self
            .byte_order
            .partition_point(|&i| spans.get(i).is_some_and(|s| s.name(text) < new_name));
        self.byte_order.insert(byte_at, at);
    }

    /// Computes the byte order from scratch (empty when it is the Ingenico order).
    fn rebuild_byte_order(&mut self) {
        self.byte_order.clear();
        let text = self.text.as_str();
        let byte = |a: &Span, b: &Span| {
            compare_upper(
                SortOrder::Byte,
                a.name(text).as_bytes(),
                b.name(text).as_bytes(),
            )
        };
        if self.spans.windows(2).all(|w| match w {
            [a, b] => byte(a, b) == Ordering::Less,
            _ => true,
        }) {
            return;
        }
        let spans = &self.spans;
        self.byte_order.extend(0..spans.len());
        self.byte_order
            .sort_unstable_by(|&i, &j| match (spans.get(i), spans.get(j)) {
                (Some(a), Some(b)) => byte(a, b),
                _ => i.cmp(&j),
            });
    }

    /// Builds a set from `text` and spans over it in any order (names upper case and valid),
    /// sorting once. A name twice is refused: the first such name in Ingenico order when
    /// `arrival` is false (as a decoded form reports it), else the one whose second occurrence
    /// came first (as inserting the pairs one by one would have refused it).
    pub(crate) fn from_unsorted(
        text: String,
        mut spans: Vec<Span>,
        arrival: bool,
    ) -> Result<Params, Error> {
        let names = text.as_str();
        // Equal names in the order they came (spans start where their pair came in the
        // text), so that the first two of a run are a name's first and second coming: with
        // the order left to the unstable sort, a name given three times could pair its first
        // and third coming and hide the earliest duplicate.
        spans.sort_unstable_by(|a, b| a.compare(*b, names).then(a.start.cmp(&b.start)));
        let mut twice = spans.windows(2).filter_map(|pair| match pair {
            [a, b] if a.same_name(*b, names) => Some((b.start, *a)),
            _ => None,
        });
        let duplicate = if arrival {
            twice.min_by_key(|&(second, _)| second)
        } else {
            twice.next()
        };
        if let Some((_, span)) = duplicate {
            return Err(Error::duplicate_name(span.name(names)));
        }
        Ok(Params::from_sorted(text, spans))
    }

    /// Builds a set from `text` and spans over it already in Ingenico order, without
    /// duplicates (names upper case and valid).
    pub(crate) fn from_sorted(text: String, spans: Vec<Span>) -> Params {
        let mut params = Params {
            text,
            spans,
            byte_order: Vec::new(),
        };
        params.rebuild_byte_order();
        params
    }

    /// Removes a parameter (name ignoring case) and returns its value.
    ///
    /// ```
    /// let mut params = ogone::Params::try_from_pairs([("SHASIGN", "AB12"), ("STATUS", "9")])?;
    /// assert_eq!(params.remove("shasign").as_deref(), Some("AB12"));
    /// assert_eq!(params.remove("shasign"), None);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let at = self.position(name).ok()?;
        let span = (at < self.spans.len()).then(|| self.spans.remove(at))?;
        let value = String::from(span.entry(&self.text).value());
        let range = span.range();
        if range.end <= self.text.len() {
            self.text.replace_range(range, "");
        }
        for other in &mut self.spans {
            if other.start > span.start {
                other.start -= span.len;
            }
        }
        if !self.byte_order.is_empty() {
            self.rebuild_byte_order();
        }
        Some(value)
    }

    /// The value of a parameter, name ignoring case.
    ///
    /// ```
    /// let params = ogone::Params::try_from_pairs([("orderID", "1234")])?;
    /// assert_eq!(params.get("ORDERID"), Some("1234"));
    /// assert_eq!(params.get("orderid"), Some("1234"));
    /// assert_eq!(params.get("PAYID"), None);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entry(name).map(Entry::value)
    }

    /// The parameter of this name (ignoring case), as the signer sees it.
    pub(crate) fn entry(&self, name: &str) -> Option<Entry<'_>> {
        let at = self.position(name).ok()?;
        self.spans.get(at).map(|s| s.entry(&self.text))
    }

    /// Whether a parameter of this name (ignoring case) is present.
    ///
    /// ```
    /// let params = ogone::Params::try_from_pairs([("SHASIGN", "F4CC"), ("STATUS", "9")])?;
    /// assert!(params.contains("ShaSign"));
    /// assert!(!params.contains("PAYID"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        self.position(name).is_ok()
    }

    /// How many parameters the set holds.
    ///
    /// ```
    /// let params = ogone::Params::try_from_pairs([("ORDERID", "1234"), ("AMOUNT", "1500")])?;
    /// assert_eq!(params.len(), 2);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// use ogone::{Params, TransportCharset};
    ///
    /// assert!(Params::new().is_empty());
    /// assert!(Params::parse_form(b"&&", TransportCharset::Utf8)?.is_empty());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The parameters as `(NAME, value)`, in [`SortOrder::Ingenico`] order.
    ///
    /// ```
    /// let params = ogone::Params::try_from_pairs([("orderID", "1234"), ("amount", "1500")])?;
    /// let pairs: Vec<(&str, &str)> = params.iter().collect();
    /// assert_eq!(pairs, [("AMOUNT", "1500"), ("ORDERID", "1234")]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.spans.iter().map(|s| {
            let entry = s.entry(&self.text);
            (entry.name(), entry.value())
        })
    }

    /// The parameters as `(NAME, value)`, in the given order. Does not allocate.
    ///
    /// ```
    /// use ogone::{Params, SortOrder};
    /// let params = Params::try_from_pairs([("ITEMNAME10", "b"), ("ITEMNAME2", "a")])?;
    /// let byte: Vec<_> = params.iter_in(SortOrder::Byte).map(|(n, _)| n).collect();
    /// assert_eq!(byte, ["ITEMNAME10", "ITEMNAME2"]);
    /// let ingenico: Vec<_> = params.iter_in(SortOrder::Ingenico).map(|(n, _)| n).collect();
    /// assert_eq!(ingenico, ["ITEMNAME2", "ITEMNAME10"]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn iter_in(&self, order: SortOrder) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.entries_in(order).map(|e| (e.name(), e.value()))
    }

    /// The parameters as the signer sees them, in the given order.
    pub(crate) fn entries_in(&self, order: SortOrder) -> impl Iterator<Item = Entry<'_>> + '_ {
        (0..self.spans.len()).filter_map(move |k| {
            let index = match order {
                SortOrder::Byte if !self.byte_order.is_empty() => *self.byte_order.get(k)?,
                _ => k,
            };
            self.spans.get(index).map(|s| s.entry(&self.text))
        })
    }

    /// Binary search in Ingenico order for a name that is already upper case.
    fn position_upper(&self, upper: &str) -> Result<usize, usize> {
        let text = self.text.as_str();
        let key = ingenico_key(upper.as_bytes());
        self.spans.binary_search_by(|s| {
            compare_keyed(s.key, key, || (s.name(text).as_bytes(), upper.as_bytes()))
        })
    }

    /// Binary search in Ingenico order, ignoring the case of `name`.
    fn position(&self, name: &str) -> Result<usize, usize> {
        let text = self.text.as_str();
        self.spans.binary_search_by(|s| {
            compare_bytes(
                SortOrder::Ingenico,
                s.name(text).as_bytes(),
                name.as_bytes(),
            )
        })
    }
}

impl fmt::Debug for Params {
    /// Lists the parameters, secret values redacted (see [`Params`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_redacted(f, self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_validated() {
        let mut p = Params::new();
        for bad in ["", "A=B", "A&B", "A\nB", "\u{7f}", "É"] {
            assert!(
                matches!(p.insert(bad, "x"), Err(Error::InvalidName { .. })),
                "{bad:?}"
            );
        }
        p.insert("Alias.AliasId", "x").unwrap();
        p.insert("SCO_CATEGORY", "y").unwrap();
        p.insert("with space", "z").unwrap();
        assert_eq!(p.get("ALIAS.ALIASID"), Some("x"));
        assert_eq!(p.get("WITH SPACE"), Some("z"));
    }

    #[test]
    fn duplicates_after_normalisation() {
        let mut p = Params::new();
        p.insert("orderID", "1").unwrap();
        assert_eq!(
            p.insert("ORDERID", "2"),
            Err(Error::DuplicateName("ORDERID".into()))
        );
        assert_eq!(p.get("orderid"), Some("1"));
    }

    #[test]
    fn values_kept_exactly() {
        let mut p = Params::new();
        p.insert("COM", " a+b=c&d%20 é ").unwrap();
        assert_eq!(p.get("com"), Some(" a+b=c&d%20 é "));
    }

    #[test]
    fn both_orders_track_inserts_and_removals() {
        let mut p = Params::new();
        for n in [
            "SCORING",
            "ITEMNAME10",
            "SCO_CATEGORY",
            "ITEMNAME2",
            "AMOUNT",
            "ITEM_COUNT",
        ] {
            p.insert(n, n).unwrap();
        }
        let names = |o| p.iter_in(o).map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(
            names(SortOrder::Ingenico),
            [
                "AMOUNT",
                "ITEM_COUNT",
                "ITEMNAME2",
                "ITEMNAME10",
                "SCO_CATEGORY",
                "SCORING"
            ]
        );
        assert_eq!(
            names(SortOrder::Byte),
            [
                "AMOUNT",
                "ITEMNAME10",
                "ITEMNAME2",
                "ITEM_COUNT",
                "SCORING",
                "SCO_CATEGORY"
            ]
        );
        assert_eq!(p.remove("itemname2").as_deref(), Some("ITEMNAME2"));
        let names = |o| p.iter_in(o).map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(
            names(SortOrder::Byte),
            [
                "AMOUNT",
                "ITEMNAME10",
                "ITEM_COUNT",
                "SCORING",
                "SCO_CATEGORY"
            ]
        );
        assert_eq!(
            names(SortOrder::Ingenico),
            [
                "AMOUNT",
                "ITEM_COUNT",
                "ITEMNAME10",
                "SCO_CATEGORY",
                "SCORING"
            ]
        );
        // every value still belongs to its name
        for o in [SortOrder::Byte, SortOrder::Ingenico] {
            assert!(p.iter_in(o).all(|(n, v)| n == v));
        }
    }

    #[test]
    fn debug_redacts_password() {
        let p = Params::try_from_pairs([("PSWD", "hunter2hunter2"), ("USERID", "api")]).unwrap();
        let shown = format!("{p:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("api"));
    }
}
