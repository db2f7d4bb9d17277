//! Allow-lists: which parameter names a flow hashes (spec section 2): a built-in list
//! ([`ListKind`], from [`crate::signing::builtin_lists`]) plus the names a user adds.

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::Error;
use crate::signing::builtin_lists::{DIGITS_PLACEHOLDER, ListKind};
use crate::signing::entry::Entry;
use crate::signing::list_index::{ListMask, SIGNATURE, bit, builtin_mask};
use crate::signing::name::{MAX_NAME_BYTES, validate_name};

/// An allow-list: a built-in list plus names the user added.
///
/// ```
/// use ogone::{AllowList, ListKind};
///
/// let mut list = AllowList::new(ListKind::ShaOut);
/// assert!(list.contains("orderID"));
/// assert!(!list.contains("MYFIELD"));
/// list.add("MyField")?;
/// list.add("LINE*XX*")?;
/// assert!(list.contains("MYFIELD"));
/// assert!(list.contains("line12"));
/// assert!(!list.contains("SHASIGN")); // never, in any list
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowList {
    kind: ListKind,
    /// Upper-case names (and `*XX*` patterns) the user added, in byte order, without duplicates.
    extra: Vec<String>,
}

impl AllowList {
    /// The built-in list `kind`, with nothing added.
    ///
    /// ```
    /// use ogone::{AllowList, ListKind};
    ///
    /// let list = AllowList::new(ListKind::AliasGatewayIn);
    /// assert!(list.contains("PSPID"));
    /// assert!(list.added().is_empty());
    /// ```
    #[must_use]
    pub const fn new(kind: ListKind) -> Self {
        AllowList {
            kind,
            extra: Vec::new(),
        }
    }

    /// The built-in list this one starts from.
    ///
    /// ```
    /// use ogone::{AllowList, ListKind};
    ///
    /// let list = AllowList::new(ListKind::ShaOut).with(["CART"])?;
    /// assert_eq!(list.kind(), ListKind::ShaOut);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> ListKind {
        self.kind
    }

    /// Adds a name (case-insensitive; `*XX*` stands for one or more digits). Adding a name that
    /// is already there does nothing. Names follow the rules of [`crate::Params::insert`].
    ///
    /// ```
    /// use ogone::{AllowList, Error, ListKind};
    ///
    /// let mut list = AllowList::new(ListKind::ShaOut);
    /// list.add("MyField")?.add("LINE*XX*")?;
    /// assert!(list.contains("MYFIELD") && list.contains("line7"));
    /// assert!(matches!(list.add("BAD=NAME"), Err(Error::InvalidName { .. })));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidName`] for an empty name or one with a control character, `=`, `&` or
    /// non-ASCII byte.
    pub fn add(&mut self, name: &str) -> Result<&mut Self, Error> {
        validate_name(name)?;
        let upper = name.to_ascii_uppercase();
        if let Err(at) = self.extra.binary_search(&upper) {
            self.extra.insert(at, upper);
        }
        Ok(self)
    }

    /// Adds several names, as [`AllowList::add`] does.
    ///
    /// ```
    /// use ogone::{AllowList, ListKind};
    ///
    /// let list = AllowList::new(ListKind::ShaOut).with(["cart", "LINE*XX*"])?;
    /// assert!(list.contains("CART") && list.contains("LINE12"));
    /// assert!(AllowList::new(ListKind::ShaOut).with(["ok", ""]).is_err());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first name [`AllowList::add`] rejects.
    pub fn with<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Result<Self, Error> {
        for name in names {
            self.add(name)?;
        }
        Ok(self)
    }

    /// The names added by the user, upper-cased, in byte order.
    ///
    /// ```
    /// use ogone::{AllowList, ListKind};
    ///
    /// let list = AllowList::new(ListKind::ShaOut).with(["zeta", "Alpha", "ZETA"])?;
    /// assert_eq!(list.added(), ["ALPHA", "ZETA"]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn added(&self) -> &[String] {
        &self.extra
    }

    /// Whether a parameter of this name is hashed (case-insensitive). `SHASIGN` and
    /// `SHASIGNATURE.SHASIGN` never are.
    ///
    /// ```
    /// use ogone::{AllowList, ListKind};
    ///
    /// let list = AllowList::new(ListKind::ShaOut);
    /// assert!(list.contains("orderID"));
    /// assert!(!list.contains("PARAMPLUS"));
    /// assert!(!AllowList::new(ListKind::All).contains("SHASIGN"));
    /// ```
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        if name.len() > MAX_NAME_BYTES || !name.is_ascii() {
            return false; // no parameter can have such a name
        }
        let mut buf = [0u8; SHORT_NAME];
        match buf.get_mut(..name.len()) {
            Some(slot) => {
                slot.copy_from_slice(name.as_bytes());
                slot.make_ascii_uppercase();
                core::str::from_utf8(slot).is_ok_and(|upper| self.contains_upper(upper))
            }
            None => self.contains_upper(&name.to_ascii_uppercase()),
        }
    }

    /// [`AllowList::contains`] for a name that is already upper case.
    pub(crate) fn contains_upper(&self, upper: &str) -> bool {
        self.contains_with_mask(upper, builtin_mask(upper))
    }

    /// [`AllowList::contains_upper`] when the name's built-in mask is already known (as
    /// [`crate::Params`] stores it): no search of the built-in list.
    #[inline]
    pub(crate) fn contains_with_mask(&self, name: impl UpperName, mask: ListMask) -> bool {
        if mask & SIGNATURE != 0 {
            return false;
        }
        self.kind == ListKind::All
            || mask & bit(self.kind) != 0
            || (!self.extra.is_empty() && list_matches(&self.extra, name.upper()))
    }
}

impl From<ListKind> for AllowList {
    fn from(kind: ListKind) -> Self {
        AllowList::new(kind)
    }
}

/// An upper-case name, or what yields one only when it is needed.
pub(crate) trait UpperName {
    fn upper(&self) -> &str;
}

impl UpperName for &str {
    fn upper(&self) -> &str {
        self
    }
}

impl UpperName for Entry<'_> {
    fn upper(&self) -> &str {
        self.name()
    }
}

/// Names up to this length are upper-cased on the stack by [`AllowList::contains`].
const SHORT_NAME: usize = 64;

/// Whether `upper` is an entry of the byte-ordered `list`, or matches one of its `*XX*` patterns
/// (a binary search, then one per digit in the name: for the short lists users add, and as the
/// reference the index is tested against).
pub(crate) fn list_matches<S: AsRef<str>>(list: &[S], upper: &str) -> bool {
    let find = |key: &str| list.binary_search_by(|e| e.as_ref().cmp(key));
    if find(upper).is_ok() {
        return true;
    }
    // A pattern `PREFIX*XX*SUFFIX` can only match where a digit starts in the name: look up the
    // prefixes ending there. Patterns sort right after their prefix ('*' < '0'..'9', 'A'..'Z').
    let bytes = upper.as_bytes();
    for (at, _) in bytes.iter().enumerate().filter(|(_, b)| b.is_ascii_digit()) {
        let (Some(prefix), Some(tail)) = (upper.get(..at), upper.get(at..)) else {
            continue;
        };
        let start = match find(prefix) {
            Ok(i) => i + 1,
            Err(i) => i,
        };
        for entry in list.iter().skip(start).map(AsRef::as_ref) {
            let Some(pattern) = entry.strip_prefix(prefix) else {
                break;
            };
            if pattern_tail_matches(pattern, tail) {
                return true;
            }
        }
    }
    false
}

/// Whether `tail` (starting with a digit) matches `*XX*SUFFIX`.
fn pattern_tail_matches(pattern: &str, tail: &str) -> bool {
    let Some(suffix) = pattern.strip_prefix(DIGITS_PLACEHOLDER) else {
        return false;
    };
    let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
    // The digits may be followed by a suffix that itself starts with digits: try every split.
    (1..=digits).any(|n| tail.get(n..).is_some_and(|rest| rest == suffix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::name::is_signature_name;

    #[test]
    fn every_list_sorted_unique_and_counted() {
        let expected = [
            (ListKind::ShaIn, 382),
            (ListKind::ShaOut, 66),
            (ListKind::AliasGatewayIn, 9),
            (ListKind::AliasGatewayOut, 14),
            (ListKind::FlexCheckoutIn, 13),
            (ListKind::FlexCheckoutOut, 16),
        ];
        for (kind, count) in expected {
            let entries = kind.entries();
            assert_eq!(entries.len(), count, "{kind:?}");
            for pair in entries.windows(2) {
                assert!(pair[0] < pair[1], "{kind:?}: {pair:?}");
            }
            for e in entries {
                assert!(validate_name(e).is_ok(), "{e}");
                assert_eq!(e.to_ascii_uppercase(), *e);
                assert!(!is_signature_name(e));
            }
        }
    }

    #[test]
    fn patterns() {
        let list = AllowList::new(ListKind::ShaIn);
        assert!(list.contains("ITEMNAME1"));
        assert!(list.contains("ITEMNAME12"));
        assert!(list.contains("itemname007"));
        assert!(!list.contains("ITEMNAME"));
        assert!(!list.contains("ITEMNAMEX"));
        assert!(!list.contains("ITEMNAME1X"));
        assert!(list.contains("AMOUNT"));
        assert!(list.contains("AMOUNT3"));
        assert!(!list.contains("AMOUNT3A"));
    }

    #[test]
    fn user_patterns_with_suffix() {
        let list = AllowList::new(ListKind::ShaOut)
            .with(["LINE*XX*_QTY", "V*XX*9", "FOO1*XX*"])
            .unwrap();
        assert!(list.contains("LINE1_QTY"));
        assert!(list.contains("line10_qty"));
        assert!(!list.contains("LINE_QTY"));
        assert!(!list.contains("LINE1_QTYX"));
        assert!(list.contains("V19"));
        assert!(list.contains("V1239"));
        assert!(!list.contains("V9"));
        assert!(list.contains("FOO12"));
        assert!(!list.contains("FOO1"));
        assert!(!list.contains("FOO21"));
    }

    #[test]
    fn all_and_signature_names() {
        let all = AllowList::new(ListKind::All);
        assert!(all.contains("ANYTHING"));
        for kind in ListKind::ALL_KINDS {
            let mut list = AllowList::new(kind);
            list.add("SHASIGN").unwrap();
            list.add("SHASIGNATURE.SHASIGN").unwrap();
            assert!(!list.contains("SHASIGN"));
            assert!(!list.contains("shasign"));
            assert!(!list.contains("ShaSignature.ShaSign"));
        }
    }

    #[test]
    fn kind_names_round_trip() {
        for kind in ListKind::ALL_KINDS {
            assert_eq!(ListKind::parse(kind.as_str()), Some(kind));
        }
    }
}
