//! The hints: one finding ([`Hint`]) and the sentence it reads as.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::charset::Charset;
use crate::protocol::diagnose::combination::direction_str;
use crate::signing::builtin_lists::ListKind;
use crate::signing::direction::Direction;
use crate::signing::order::SortOrder;

/// One finding of [`diagnose`](crate::diagnose): what differs and who should change when something
/// matched, a likely cause when nothing did. Hints name parameters, never their values. `Display`
/// gives one sentence, in the words of this crate's API; a program (such as the `shasign` tool,
/// which speaks in its own options) can word the typed fields its own way.
///
/// Which side is right depends on the [`Direction`] of the diagnosis: for a request
/// ([`Direction::In`]) the platform's rules are the reference and the fix belongs in the signer
/// that made the signature; for feedback ([`Direction::Out`]) the received signature is the
/// reference and the verifier is what to configure.
///
/// ```
/// use ogone::{Direction, Hint, SortOrder};
///
/// let hint = Hint::Order {
///     direction: Direction::In,
///     found: SortOrder::Byte,
///     names: vec!["ITEMNAME2".into(), "ITEMNAME10".into()],
/// };
/// let sentence = hint.to_string();
/// assert!(sentence.starts_with("the signature sorts names by bytes"));
/// assert!(sentence.contains("ITEMNAME2 and ITEMNAME10 change places"));
/// assert!(sentence.contains("the fix belongs in the signer that made the signature"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Hint {
    /// The received signature has a length no algorithm produces (40, 64 or 128 hex digits):
    /// nothing was tried.
    SignatureLength {
        /// Characters received.
        found: usize,
    },
    /// The received signature holds a character that is not a hex digit: nothing was tried.
    SignatureNotHex,
    /// The passphrase starts or ends with white space, and the trimmed one matches.
    PassphraseWhitespace,
    /// The matches all use this sort order, not the default one.
    #[deprecated(
        note = "diagnose gives Hint::Order, which says which side is right and names \
                         the parameters that change places"
    )]
    UseOrder(SortOrder),
    /// The matches all use this hashing charset, not the default one.
    #[deprecated(
        note = "diagnose gives Hint::Charset, which says which side is right and names \
                         the values whose charset matters"
    )]
    UseCharset(Charset),
    /// The matches all use this allow-list, neither the SHA-IN nor the SHA-OUT one.
    #[deprecated(
        note = "diagnose gives Hint::List, which says which side is right and names \
                         the parameters one list has and the other not"
    )]
    UseList(ListKind),
    /// The matches all use the legacy "main parameters only" scheme of this direction.
    #[deprecated(note = "diagnose gives Hint::LegacyScheme, which says which side is right")]
    UseLegacyScheme(Direction),
    /// The signature sorts names in another order than the reference (Ogone's order, for a
    /// request; the default order, for feedback).
    Order {
        /// The direction of the diagnosis: `In`, Ogone's order is right and the signer that
        /// made the signature must change; `Out`, the verifier must sort as `found`.
        direction: Direction,
        /// The order the signature uses.
        found: SortOrder,
        /// The hashed names whose places differ between the two orders, upper case, in
        /// Ingenico order (`ITEMNAME2`, `ITEMNAME10`).
        names: Vec<String>,
    },
    /// The signature hashes another charset than the reference (UTF-8, the `_utf8` pages').
    Charset {
        /// The direction of the diagnosis: `In`, the signer (or the page posted to) must
        /// change; `Out`, the verifier must hash `found`.
        direction: Direction,
        /// The charset the signature hashes.
        found: Charset,
        /// The hashed names whose values have other bytes in the two charsets (non-ASCII),
        /// upper case, in Ingenico order.
        names: Vec<String>,
    },
    /// The signature hashes another allow-list than the reference (`sha-in` for a request,
    /// `sha-out` for feedback).
    List {
        /// The direction of the diagnosis: `In`, the signer must hash the reference list
        /// (unless the flow has its own); `Out`, the verifier must use `found`.
        direction: Direction,
        /// The list the signature hashes ([`ListKind::All`]: every parameter).
        found: ListKind,
        /// The reference list.
        expected: ListKind,
        /// Names the signature hashes and the reference list leaves out, upper case, in
        /// Ingenico order.
        only_found: Vec<String>,
        /// Names the reference list hashes and the signature leaves out.
        only_expected: Vec<String>,
    },
    /// The signature uses the legacy "main parameters only" scheme.
    LegacyScheme {
        /// The direction of the scheme's fields that match: `In`, Ogone checks it so only for
        /// accounts set up before May 2010, else the signer must change; `Out`, the verifier
        /// must use the scheme.
        direction: Direction,
    },
    /// Nothing matches: the passphrase is the first suspect.
    WrongPassphrase,
    /// Parameters that are on no built-in list, so hashed only with [`ListKind::All`].
    NotOnAnyList {
        /// Their names, upper case, in Ingenico order.
        names: Vec<String>,
    },
    /// Parameters whose values hold non-ASCII characters: the charset decides their bytes.
    NonAscii {
        /// Their names, upper case, in Ingenico order.
        names: Vec<String>,
    },
    /// Parameters whose values start or end with white space.
    SurroundingWhitespace {
        /// Their names, upper case, in Ingenico order.
        names: Vec<String>,
    },
    /// Parameters whose values hold `+` or a `%XX` sequence: input decoded twice or not at all.
    EncodedSequences {
        /// Their names, upper case, in Ingenico order.
        names: Vec<String>,
    },
    /// Parameters whose place in the string to sign depends on the sort order.
    OrderSensitive {
        /// Their names, upper case, in Ingenico order.
        names: Vec<String>,
    },
    /// Parameters with an empty value, which are never hashed.
    EmptyDropped {
        /// Their names, upper case, in Ingenico order.
        names: Vec<String>,
    },
}

/// Writes `names` separated by commas.
fn write_names(f: &mut fmt::Formatter<'_>, names: &[String]) -> fmt::Result {
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(name)?;
    }
    Ok(())
}

/// Writes `names` as `A`, `A and B` or `A, B and C`.
fn write_and(f: &mut fmt::Formatter<'_>, names: &[String]) -> fmt::Result {
    let last = names.len().saturating_sub(1);
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            f.write_str(if i == last { " and " } else { ", " })?;
        }
        f.write_str(name)?;
    }
    Ok(())
}

/// `ITEMNAME2 and ITEMNAME10 change places`.
fn write_places(f: &mut fmt::Formatter<'_>, names: &[String]) -> fmt::Result {
    match names {
        [] => f.write_str("names change places"),
        [one] => write!(f, "{one} moves"),
        _ => {
            write_and(f, names)?;
            f.write_str(" change places")
        }
    }
}

/// `the value of COM` or `the values of COM and CN`.
fn write_values(f: &mut fmt::Formatter<'_>, names: &[String]) -> fmt::Result {
    match names {
        [] => f.write_str("a value"),
        [one] => write!(f, "the value of {one}"),
        _ => {
            f.write_str("the values of ")?;
            write_and(f, names)
        }
    }
}

/// `COM is` or `COM and CN are`.
fn write_subject(f: &mut fmt::Formatter<'_>, names: &[String]) -> fmt::Result {
    write_and(f, names)?;
    f.write_str(if names.len() == 1 { " is" } else { " are" })
}

/// How a sort order sorts, as a verb phrase's complement.
fn order_words(order: SortOrder) -> &'static str {
    match order {
        SortOrder::Byte => "by bytes",
        SortOrder::Ingenico => "in Ingenico order",
    }
}

/// The name of a charset in a sentence.
fn charset_words(charset: Charset) -> &'static str {
    match charset {
        Charset::Utf8 => "UTF-8",
        Charset::Iso8859_1 => "ISO-8859-1",
    }
}

/// The other hashing charset.
fn other_charset(charset: Charset) -> Charset {
    match charset {
        Charset::Utf8 => Charset::Iso8859_1,
        Charset::Iso8859_1 => Charset::Utf8,
    }
}

/// `every parameter` or `the sha-in list`.
fn list_words(f: &mut fmt::Formatter<'_>, list: ListKind) -> fmt::Result {
    match list {
        ListKind::All => f.write_str("every parameter"),
        other => write!(f, "the {} list", other.as_str()),
    }
}

/// What one list hashes and the other not: `MYFIELD is hashed, which the sha-in list leaves
/// out; ...`.
fn write_list_difference(
    f: &mut fmt::Formatter<'_>,
    expected: ListKind,
    only_found: &[String],
    only_expected: &[String],
) -> fmt::Result {
    if !only_found.is_empty() {
        write_subject(f, only_found)?;
        write!(
            f,
            " hashed, which the {} list leaves out",
            expected.as_str()
        )?;
    }
    if !only_expected.is_empty() {
        if !only_found.is_empty() {
            f.write_str("; ")?;
        }
        write_subject(f, only_expected)?;
        write!(f, " left out, which the {} list hashes", expected.as_str())?;
    }
    Ok(())
}

/// The sentence of [`Hint::Order`].
fn write_order(
    f: &mut fmt::Formatter<'_>,
    direction: Direction,
    found: SortOrder,
    names: &[String],
) -> fmt::Result {
    match direction {
        Direction::In => {
            write!(
                f,
                "the signature sorts names {}, not as Ogone does: ",
                order_words(found)
            )?;
            write_places(f, names)?;
            f.write_str(
                " (Ogone sorts numbered names by their number, and `_` and `.` before letters); \
                 the fix belongs in the signer that made the signature (SortOrder::Ingenico, \
                 this crate's default, sorts as Ogone does)",
            )
        }
        Direction::Out => {
            write!(
                f,
                "the feedback is signed with names sorted {}: ",
                order_words(found)
            )?;
            write_places(f, names)?;
            write!(f, "; verify with SortOrder::{found:?}")
        }
    }
}

/// The sentence of [`Hint::Charset`].
fn write_charset(
    f: &mut fmt::Formatter<'_>,
    direction: Direction,
    found: Charset,
    names: &[String],
) -> fmt::Result {
    let other = other_charset(found);
    match direction {
        Direction::In => {
            write!(f, "the signature hashes {} and ", charset_words(found))?;
            write_values(f, names)?;
            write!(
                f,
                " has other bytes in {}: Ogone hashes ISO-8859-1 on its plain pages and UTF-8 on \
                 the _utf8 ones; post to a page that hashes {}, or the fix belongs in the signer \
                 that made the signature (Charset::{other:?})",
                charset_words(other),
                charset_words(found),
            )
        }
        Direction::Out => {
            write!(f, "the feedback is hashed in {} (", charset_words(found))?;
            write_values(f, names)?;
            write!(
                f,
                " has other bytes in {}): verify with Charset::{found:?}",
                charset_words(other)
            )
        }
    }
}

/// The sentence of [`Hint::List`].
fn write_list(
    f: &mut fmt::Formatter<'_>,
    direction: Direction,
    found: ListKind,
    expected: ListKind,
    only_found: &[String],
    only_expected: &[String],
) -> fmt::Result {
    f.write_str(match direction {
        Direction::In => "the signature hashes ",
        Direction::Out => "the feedback is signed with ",
    })?;
    list_words(f, found)?;
    write!(f, ", not the {} list: ", expected.as_str())?;
    write_list_difference(f, expected, only_found, only_expected)?;
    match (direction, found) {
        (Direction::In, ListKind::All) => f.write_str(
            "; Ogone hashes only the names on its list, so the fix belongs in the signer that \
             made the signature (unless Ogone's list has those names now: then add them with \
             AllowList::add)",
        ),
        (Direction::In, _) => write!(
            f,
            "; unless {} is the list of this flow, the fix belongs in the signer that made the \
             signature",
            found.as_str()
        ),
        (Direction::Out, ListKind::All) => f.write_str(
            "; verify with ListKind::All, or add the names to your list with AllowList::add",
        ),
        (Direction::Out, _) => write!(f, "; verify with ListKind::{found:?}"),
    }
}

/// The sentence of [`Hint::LegacyScheme`].
fn write_legacy(f: &mut fmt::Formatter<'_>, direction: Direction) -> fmt::Result {
    f.write_str(match direction {
        Direction::In => {
            "the signature uses the pre-2010 \"main parameters only\" scheme (sha-in fields): \
             Ogone checks requests so only for accounts set up that way; otherwise the fix \
             belongs in the signer that made the signature (Scheme::EachParameter, the default)"
        }
        Direction::Out => {
            "the feedback is signed with the pre-2010 \"main parameters only\" scheme (sha-out \
             fields): verify with Scheme::LegacyMainParameters"
        }
    })
}

#[allow(deprecated)] // The deprecated variants keep their sentences.
impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hint::Order {
                direction,
                found,
                names,
            } => write_order(f, *direction, *found, names),
            Hint::Charset {
                direction,
                found,
                names,
            } => write_charset(f, *direction, *found, names),
            Hint::List {
                direction,
                found,
                expected,
                only_found,
                only_expected,
            } => write_list(f, *direction, *found, *expected, only_found, only_expected),
            Hint::LegacyScheme { direction } => write_legacy(f, *direction),
            Hint::SignatureLength { found } => write!(
                f,
                "the received signature has {found} characters, but SHA-1, SHA-256 and SHA-512 \
                 give 40, 64 and 128 hex digits: it was cut or padded on the way"
            ),
            Hint::SignatureNotHex => f.write_str(
                "the received signature holds a character that is not a hex digit (white space, \
                 quotes or an escape?): check how it was copied",
            ),
            Hint::PassphraseWhitespace => f.write_str(
                "the passphrase has leading/trailing white space; the trimmed one matches",
            ),
            Hint::UseOrder(SortOrder::Byte) => {
                f.write_str("the sender sorts names by bytes: use SortOrder::Byte")
            }
            Hint::UseOrder(SortOrder::Ingenico) => f.write_str(
                "the sender sorts names the way Ingenico's lists do: use SortOrder::Ingenico",
            ),
            Hint::UseCharset(Charset::Iso8859_1) => f.write_str(
                "the sender hashes ISO-8859-1 (a plain, non-_utf8 endpoint): use \
                 Charset::Iso8859_1, or post to the _utf8 endpoint",
            ),
            Hint::UseCharset(Charset::Utf8) => {
                f.write_str("the sender hashes UTF-8 (a _utf8 endpoint): use Charset::Utf8")
            }
            Hint::UseList(ListKind::All) => f.write_str(
                "the sender hashes every parameter: use ListKind::All, or add the missing names \
                 to your list with AllowList::add",
            ),
            Hint::UseList(kind) => write!(
                f,
                "the sender hashes the {} list: use ListKind::{kind:?}",
                kind.as_str()
            ),
            Hint::UseLegacyScheme(direction) => write!(
                f,
                "the sender uses the pre-2010 \"main parameters only\" scheme ({}): use \
                 Scheme::LegacyMainParameters, or switch the account to each-parameter hashing",
                direction_str(*direction)
            ),
            Hint::WrongPassphrase => f.write_str(
                "the passphrase is the likeliest cause: the SHA-IN and SHA-OUT keys swapped, \
                 the test key used in production (or the reverse), or a key changed in the \
                 back office but not here",
            ),
            Hint::NotOnAnyList { names } => {
                f.write_str("on no built-in list, so not hashed unless the sender hashes all: ")?;
                write_names(f, names)?;
                f.write_str(
                    " (the sender may hash them from a newer list: add them with AllowList::add)",
                )
            }
            Hint::NonAscii { names } => {
                f.write_str("values with non-ASCII characters: ")?;
                write_names(f, names)?;
                f.write_str(
                    " (the _utf8 endpoints hash UTF-8, the plain ones ISO-8859-1; the transport \
                     charset, Windows-1252 or ISO-8859-1, can differ from it: decode with the \
                     transport charset before hashing)",
                )
            }
            Hint::SurroundingWhitespace { names } => {
                f.write_str("values with leading or trailing white space, hashed as they are: ")?;
                write_names(f, names)?;
                f.write_str(" (the sender may have trimmed them)")
            }
            Hint::EncodedSequences { names } => {
                f.write_str("values holding `+` or `%XX`: ")?;
                write_names(f, names)?;
                f.write_str(
                    " (input not decoded, or encoded twice: decode form data exactly once \
                     before hashing)",
                )
            }
            Hint::OrderSensitive { names } => {
                f.write_str("names whose place depends on the sort order: ")?;
                write_names(f, names)?;
                f.write_str(
                    " (numbered fields from 10 on and names with `_` or `.` sort differently by \
                     bytes and in Ingenico order)",
                )
            }
            Hint::EmptyDropped { names } => {
                f.write_str("empty parameters, never hashed: ")?;
                write_names(f, names)?;
                f.write_str(" (a sender that hashes them gives another signature)")
            }
        }
    }
}
