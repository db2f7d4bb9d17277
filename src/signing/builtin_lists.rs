//! The built-in allow-lists: [`ListKind`] and the list files it names.
//!
//! The lists live in `lists/*.txt`, one upper-case name per line, in byte order, and are
//! compiled into the crate. `*XX*` in a name stands for one or more ASCII digits.

use crate::signing::direction::Direction;

/// The placeholder for one or more ASCII digits in list entries (`ITEMNAME*XX*`).
///
/// ```
/// use ogone::{AllowList, DIGITS_PLACEHOLDER, ListKind};
///
/// let item_names = format!("ITEMNAME{DIGITS_PLACEHOLDER}");
/// assert!(ListKind::ShaIn.entries().contains(&item_names.as_str()));
/// let list = AllowList::new(ListKind::ShaIn);
/// assert!(list.contains("ITEMNAME1") && list.contains("itemname12"));
/// assert!(!list.contains("ITEMNAMEX")); // one or more digits, nothing else
/// ```
pub const DIGITS_PLACEHOLDER: &str = "*XX*";

/// Counts the non-empty lines of a list file.
///
/// Runs at compile time only: an out-of-bounds index or a panic here is a build error.
#[allow(clippy::indexing_slicing)]
pub(crate) const fn count_lines(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut i, mut count, mut in_line) = (0, 0, false);
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            in_line = false;
        } else if !in_line && bytes[i] != b'\r' {
            in_line = true;
            count += 1;
        }
        i += 1;
    }
    count
}

/// Splits a list file into its lines at compile time (a panic here is a build error).
#[allow(clippy::indexing_slicing, clippy::panic)]
pub(crate) const fn split_lines<const N: usize>(text: &'static str) -> [&'static str; N] {
    let mut out = [""; N];
    let mut rest = text.as_bytes();
    let mut n = 0;
    while !rest.is_empty() {
        let mut len = 0;
        while len < rest.len() && rest[len] != b'\n' {
            len += 1;
        }
        let (line, tail) = rest.split_at(len);
        let line = match line {
            [body @ .., b'\r'] => body,
            _ => line,
        };
        if !line.is_empty() {
            out[n] = match core::str::from_utf8(line) {
                Ok(s) => s,
                Err(_) => panic!("list files are ASCII"),
            };
            n += 1;
        }
        rest = match tail {
            [_, tail @ ..] => tail,
            [] => tail,
        };
    }
    out
}

/// Declares a `&[&str]` constant holding the lines of a file in `lists/`.
macro_rules! builtin_list {
    ($name:ident, $file:literal) => {
        pub(crate) const $name: &[&str] = &{
            const TEXT: &str = include_str!(concat!("../../lists/", $file));
            $crate::signing::builtin_lists::split_lines::<
                { $crate::signing::builtin_lists::count_lines(TEXT) },
            >(TEXT)
        };
    };
}
pub(crate) use builtin_list;

builtin_list!(SHA_IN, "sha_in.txt");
builtin_list!(SHA_OUT, "sha_out.txt");
builtin_list!(ALIAS_GATEWAY_IN, "alias_gateway_in.txt");
builtin_list!(ALIAS_GATEWAY_OUT, "alias_gateway_out.txt");
builtin_list!(FLEXCHECKOUT_IN, "flexcheckout_in.txt");
builtin_list!(FLEXCHECKOUT_OUT, "flexcheckout_out.txt");

/// The built-in allow-lists.
///
/// ```
/// use ogone::{AllowList, ListKind};
///
/// assert!(AllowList::new(ListKind::ShaOut).contains("NCERROR"));
/// assert!(!AllowList::new(ListKind::ShaIn).contains("NCERROR"));
/// assert!(AllowList::new(ListKind::All).contains("ANY_FIELD"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ListKind {
    /// SHA-IN of e-Commerce and DirectLink (order, maintenance, query): `lists/sha_in.txt`.
    ShaIn,
    /// SHA-OUT of e-Commerce feedback (redirects and server-to-server): `lists/sha_out.txt`.
    ShaOut,
    /// SHA-IN of the Alias Gateway: `lists/alias_gateway_in.txt`.
    AliasGatewayIn,
    /// SHA-OUT of the Alias Gateway result (the redirect after the card form), where the card
    /// fields and their `NCERROR*` companions are hashed: `lists/alias_gateway_out.txt`.
    AliasGatewayOut,
    /// SHA-IN of FlexCheckout: `lists/flexcheckout_in.txt`.
    FlexCheckoutIn,
    /// SHA-OUT of FlexCheckout redirects: `lists/flexcheckout_out.txt`.
    FlexCheckoutOut,
    /// Every parameter (but `SHASIGN` and `SHASIGNATURE.SHASIGN`): for integrations that hash all
    /// they send.
    All,
}

impl ListKind {
    /// Every built-in list, in declaration order.
    ///
    /// ```
    /// use ogone::ListKind;
    ///
    /// for kind in ListKind::ALL_KINDS {
    ///     assert_eq!(ListKind::parse(kind.as_str()), Some(kind));
    /// }
    /// ```
    pub const ALL_KINDS: [ListKind; 7] = [
        ListKind::ShaIn,
        ListKind::ShaOut,
        ListKind::AliasGatewayIn,
        ListKind::AliasGatewayOut,
        ListKind::FlexCheckoutIn,
        ListKind::FlexCheckoutOut,
        ListKind::All,
    ];

    /// The list's entries as shipped, in byte order (empty for [`ListKind::All`]).
    ///
    /// ```
    /// assert!(ogone::ListKind::ShaOut.entries().contains(&"NCERROR"));
    /// assert!(ogone::ListKind::ShaIn.entries().contains(&"ITEMNAME*XX*"));
    /// ```
    #[must_use]
    pub fn entries(self) -> &'static [&'static str] {
        match self {
            ListKind::ShaIn => SHA_IN,
            ListKind::ShaOut => SHA_OUT,
            ListKind::AliasGatewayIn => ALIAS_GATEWAY_IN,
            ListKind::AliasGatewayOut => ALIAS_GATEWAY_OUT,
            ListKind::FlexCheckoutIn => FLEXCHECKOUT_IN,
            ListKind::FlexCheckoutOut => FLEXCHECKOUT_OUT,
            ListKind::All => &[],
        }
    }

    /// The short name used by the `shasign` tool (`sha-in`, `sha-out`, `alias-gateway-in`,
    /// `alias-gateway-out`, `flexcheckout-in`, `flexcheckout-out`, `all`).
    ///
    /// ```
    /// use ogone::ListKind;
    ///
    /// assert_eq!(ListKind::FlexCheckoutIn.as_str(), "flexcheckout-in");
    /// assert_eq!(ListKind::All.as_str(), "all");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ListKind::ShaIn => "sha-in",
            ListKind::ShaOut => "sha-out",
            ListKind::AliasGatewayIn => "alias-gateway-in",
            ListKind::AliasGatewayOut => "alias-gateway-out",
            ListKind::FlexCheckoutIn => "flexcheckout-in",
            ListKind::FlexCheckoutOut => "flexcheckout-out",
            ListKind::All => "all",
        }
    }

    /// The direction the list belongs to: [`Direction::Out`] for the lists of what Ogone sends
    /// back (`sha-out`, `alias-gateway-out`, `flexcheckout-out`), [`Direction::In`] for the
    /// others, "all parameters" included (the mode of integrations that hash all they send).
    ///
    /// This is what decides the fields of the legacy scheme when a signer is built from a list,
    /// as the `shasign` tool and [`crate::diagnose`] do.
    ///
    /// ```
    /// use ogone::{Direction, ListKind};
    ///
    /// assert_eq!(ListKind::AliasGatewayOut.direction(), Direction::Out);
    /// assert_eq!(ListKind::AliasGatewayIn.direction(), Direction::In);
    /// assert_eq!(ListKind::All.direction(), Direction::In);
    /// ```
    #[must_use]
    pub fn direction(self) -> Direction {
        match self {
            ListKind::ShaOut | ListKind::AliasGatewayOut | ListKind::FlexCheckoutOut => {
                Direction::Out
            }
            ListKind::ShaIn
            | ListKind::AliasGatewayIn
            | ListKind::FlexCheckoutIn
            | ListKind::All => Direction::In,
        }
    }

    /// Parses a short name as printed by [`ListKind::as_str`].
    ///
    /// ```
    /// assert_eq!(ogone::ListKind::parse("sha-out"), Some(ogone::ListKind::ShaOut));
    /// assert_eq!(ogone::ListKind::parse("nope"), None);
    /// ```
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL_KINDS.into_iter().find(|k| k.as_str() == name)
    }
}
