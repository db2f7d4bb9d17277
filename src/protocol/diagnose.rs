//! The mismatch diagnoser: "unknown order/1/s", or a feedback that does not verify, turned into
//! one call that tries every way the sender may have signed, and says what differs and which
//! side should change: the signer of a request, the verifier of feedback.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use crate::charset::Charset;
use crate::signing::builtin_lists::ListKind;
use crate::signing::direction::Direction;
use crate::signing::list::AllowList;
use crate::signing::name::is_signature_name;
use crate::signing::order::SortOrder;
use crate::signing::params::Params;
use crate::signing::secret::Passphrase;
use crate::signing::signature::HashAlgorithm;
use crate::signing::signer::{Scheme, Signer};

/// Both hashing charsets, the default first.
const CHARSETS: [Charset; 2] = [Charset::Utf8, Charset::Iso8859_1];
/// Both sort orders, the default first.
const ORDERS: [SortOrder; 2] = [SortOrder::Ingenico, SortOrder::Byte];

/// One way of signing: everything a [`Signer`] is configured with but the passphrase.
///
/// `Display` names it the way the `shasign` tool's options do:
///
/// ```
/// use ogone::{Params, Passphrase, diagnose};
///
/// // Ingenico's e-Commerce guide, SHA-OUT example.
/// let feedback = Params::try_from_pairs([
///     ("ACCEPTANCE", "1234"), ("amount", "15"), ("BRAND", "VISA"),
///     ("CARDNO", "XXXXXXXXXXXX1111"), ("currency", "EUR"), ("NCERROR", "0"),
///     ("orderID", "12"), ("PAYID", "32100123"), ("PM", "CreditCard"), ("STATUS", "9"),
/// ])?;
/// let key = Passphrase::new("Mysecretsig1875!?");
/// let diagnosis = diagnose(&feedback, &key, "209113288F93A9AB8E474EA78D899AFDBB874355");
/// let first = diagnosis.matches()[0];
/// assert_eq!(first.to_string(), "sha1, sha-out list, ingenico order, utf-8");
/// // Turn it back into a signer.
/// first.signer(key).verify(&feedback, "209113288F93A9AB8E474EA78D899AFDBB874355")?;
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Combination {
    /// The hash function.
    pub algorithm: HashAlgorithm,
    /// SHA-IN or SHA-OUT. It only matters to the legacy scheme (which fields are hashed); for
    /// the each-parameter scheme it follows the list ([`ListKind::direction`]).
    pub direction: Direction,
    /// The allow-list. For the legacy scheme, which has none, the default list of the direction.
    pub list: ListKind,
    /// The sort order. For the legacy scheme, which does not sort, [`SortOrder::Ingenico`].
    pub order: SortOrder,
    /// The hashing charset.
    pub charset: Charset,
    /// The scheme.
    pub scheme: Scheme,
}

impl Combination {
    /// A signer configured this way.
    ///
    /// ```
    /// use ogone::diagnose;
    ///
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// # let key = ogone::Passphrase::new("Mysecretsig1875!?");
    /// # let sig = "F4CC376CD7A834D997B91598FA747825A238BE0A";
    /// let diagnosis = diagnose(&params, &key, sig);
    /// let signer = diagnosis.matches()[0].signer(key);
    /// assert_eq!(signer.sign(&params)?.to_string(), sig);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn signer(&self, passphrase: Passphrase) -> Signer {
        Signer::new(passphrase, self.algorithm, self.direction)
            .with_list(self.list)
            .with_order(self.order)
            .with_charset(self.charset)
            .with_scheme(self.scheme)
    }
}

/// `sha-in` or `sha-out`.
fn direction_str(direction: Direction) -> &'static str {
    match direction {
        Direction::In => "sha-in",
        Direction::Out => "sha-out",
    }
}

/// The default list of a direction.
fn list_of(direction: Direction) -> ListKind {
    match direction {
        Direction::In => ListKind::ShaIn,
        Direction::Out => ListKind::ShaOut,
    }
}

impl fmt::Display for Combination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.scheme {
            Scheme::EachParameter => write!(
                f,
                "{}, {} list, {} order, {}",
                self.algorithm,
                self.list.as_str(),
                self.order.as_str(),
                self.charset
            ),
            Scheme::LegacyMainParameters => write!(
                f,
                "{}, legacy {} main parameters, {}",
                self.algorithm,
                direction_str(self.direction),
                self.charset
            ),
        }
    }
}

/// One finding of [`diagnose`]: what differs and who should change when something matched, a
/// likely cause when nothing did. Hints name parameters, never their values. `Display` gives one
/// sentence, in the words of this crate's API; a program (such as the `shasign` tool, which
/// speaks in its own options) can word the typed fields its own way.
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

/// The answer of [`diagnose`]: the combinations that match, and hints.
///
/// `Display` gives a summary of several lines: the matches, or "no combination matches", then
/// the hints.
///
/// ```
/// use ogone::{Hint, Params, Passphrase, diagnose};
///
/// let params = Params::try_from_pairs([("ORDERID", "1234"), ("AMOUNT", "1500")])?;
/// let diagnosis = diagnose(&params, &Passphrase::new("wrong"), "F4CC376CD7A834D997B91598FA747825A238BE0A");
/// assert!(!diagnosis.is_match());
/// assert_eq!(diagnosis.hints()[0], Hint::WrongPassphrase);
/// assert!(diagnosis.to_string().starts_with("no combination matches"));
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnosis {
    matches: Vec<Combination>,
    hints: Vec<Hint>,
    algorithm: Option<HashAlgorithm>,
    tried: usize,
    trimmed: bool,
    direction: Direction,
}

impl Diagnosis {
    /// The combinations that match, in the order they were tried: each-parameter scheme first
    /// (list in [`ListKind::ALL_KINDS`] order, then sort order, then charset, defaults first),
    /// then the legacy scheme (SHA-IN, then SHA-OUT).
    ///
    /// ```
    /// use ogone::{Charset, ListKind, SortOrder, diagnose};
    ///
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// # let key = ogone::Passphrase::new("Mysecretsig1875!?");
    /// # let sig = "F4CC376CD7A834D997B91598FA747825A238BE0A";
    /// let diagnosis = diagnose(&params, &key, sig);
    /// let first = diagnosis.matches()[0]; // the defaults come first
    /// assert_eq!((first.list, first.order), (ListKind::ShaIn, SortOrder::Ingenico));
    /// assert_eq!(first.charset, Charset::Utf8);
    /// // ASCII values hash the same in both charsets: that is a match too.
    /// assert!(diagnosis.matches().iter().any(|c| c.charset == Charset::Iso8859_1));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn matches(&self) -> &[Combination] {
        &self.matches
    }

    /// What differs and who should change it (when something matches) or the likely causes
    /// (when nothing does), in a fixed order.
    ///
    /// ```
    /// use ogone::{Charset, Direction, Hint, HashAlgorithm, Params, Passphrase, Signer, diagnose};
    ///
    /// let key = Passphrase::new("Mysecretsig1875!?");
    /// let params = Params::try_from_pairs([("ORDERID", "1234"), ("COM", "Café crème")])?;
    /// // The sender hashed ISO-8859-1 (a plain, non-_utf8 endpoint).
    /// let signer = Signer::sha_in(key.clone(), HashAlgorithm::Sha1);
    /// let sig = signer.with_charset(Charset::Iso8859_1).sign(&params)?;
    /// let diagnosis = diagnose(&params, &key, &sig.to_string());
    /// let com = vec!["COM".to_string()]; // the one value whose charset matters
    /// assert_eq!(
    ///     diagnosis.hints(),
    ///     [Hint::Charset { direction: Direction::In, found: Charset::Iso8859_1, names: com }]
    /// );
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn hints(&self) -> &[Hint] {
        &self.hints
    }

    /// Whether some combination matches.
    ///
    /// ```
    /// use ogone::{Passphrase, diagnose};
    ///
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// # let key = ogone::Passphrase::new("Mysecretsig1875!?");
    /// # let sig = "F4CC376CD7A834D997B91598FA747825A238BE0A";
    /// assert!(diagnose(&params, &key, sig).is_match());
    /// assert!(!diagnose(&params, &Passphrase::new("Wrong-secret-1875!?"), sig).is_match());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn is_match(&self) -> bool {
        !self.matches.is_empty()
    }

    /// The algorithm the received signature's length points to (`None` for a malformed one).
    ///
    /// ```
    /// use ogone::{HashAlgorithm, diagnose};
    ///
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// # let key = ogone::Passphrase::new("Mysecretsig1875!?");
    /// # let sig = "F4CC376CD7A834D997B91598FA747825A238BE0A";
    /// assert_eq!(diagnose(&params, &key, sig).algorithm(), Some(HashAlgorithm::Sha1));
    /// let sha512_length = "0".repeat(128);
    /// let sha512 = diagnose(&params, &key, &sha512_length).algorithm();
    /// assert_eq!(sha512, Some(HashAlgorithm::Sha512));
    /// assert_eq!(diagnose(&params, &key, "F4CC376C").algorithm(), None); // cut short
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn algorithm(&self) -> Option<HashAlgorithm> {
        self.algorithm
    }

    /// How many combinations were verified, passphrases counted separately.
    ///
    /// ```
    /// use ogone::{Passphrase, diagnose};
    ///
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// # let key = ogone::Passphrase::new("Mysecretsig1875!?");
    /// # let sig = "F4CC376CD7A834D997B91598FA747825A238BE0A";
    /// assert!(diagnose(&params, &Passphrase::new("Wrong-secret-1875!?"), sig).tried() > 0);
    /// assert_eq!(diagnose(&params, &key, "not a signature").tried(), 0);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn tried(&self) -> usize {
        self.tried
    }

    /// Whether the matches are with the passphrase trimmed of surrounding white space.
    ///
    /// ```
    /// use ogone::{Passphrase, diagnose};
    ///
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// # let key = ogone::Passphrase::new("Mysecretsig1875!?");
    /// # let sig = "F4CC376CD7A834D997B91598FA747825A238BE0A";
    /// assert!(!diagnose(&params, &key, sig).passphrase_trimmed());
    /// let pasted = Passphrase::new("  Mysecretsig1875!?\n");
    /// assert!(diagnose(&params, &pasted, sig).passphrase_trimmed());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn passphrase_trimmed(&self) -> bool {
        self.trimmed
    }

    /// The direction the hints are written for: the one given to [`diagnose_request`] or
    /// [`diagnose_feedback`], or, from [`diagnose`], the one the matches point to (`Out` when
    /// every match on a directional list or scheme is SHA-OUT, else `In`).
    ///
    /// ```
    /// use ogone::{Direction, Params, Passphrase, diagnose, diagnose_request};
    ///
    /// // Ingenico's e-Commerce guide, SHA-OUT example: only SHA-OUT lists match.
    /// let feedback = Params::try_from_pairs([
    ///     ("ACCEPTANCE", "1234"), ("amount", "15"), ("BRAND", "VISA"),
    ///     ("CARDNO", "XXXXXXXXXXXX1111"), ("currency", "EUR"), ("NCERROR", "0"),
    ///     ("orderID", "12"), ("PAYID", "32100123"), ("PM", "CreditCard"), ("STATUS", "9"),
    /// ])?;
    /// let key = Passphrase::new("Mysecretsig1875!?");
    /// let sig = "209113288F93A9AB8E474EA78D899AFDBB874355";
    /// assert_eq!(diagnose(&feedback, &key, sig).direction(), Direction::Out);
    /// assert_eq!(diagnose_request(&feedback, &key, sig).direction(), Direction::In);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The matches, one line each, combinations that differ only in settings that change
    /// nothing for this input put together (`sha-in or all list`, `any order`, `any charset`).
    /// `Display` prints these lines.
    ///
    /// ```
    /// use ogone::{Params, Passphrase, diagnose};
    ///
    /// // Ingenico's e-Commerce guide, SHA-IN example: ASCII values, no numbered names.
    /// let params = Params::try_from_pairs([
    ///     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    ///     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// ])?;
    /// let key = Passphrase::new("Mysecretsig1875!?");
    /// let diagnosis = diagnose(&params, &key, "F4CC376CD7A834D997B91598FA747825A238BE0A");
    /// assert_eq!(diagnosis.matches().len(), 8);
    /// assert_eq!(diagnosis.to_match_lines(), ["sha1, sha-in or all list, any order, any charset"]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn to_match_lines(&self) -> Vec<String> {
        match_lines(&self.matches)
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(words: &[&str]) -> String {
    let mut out = String::new();
    let last = words.len().saturating_sub(1);
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(if i == last { " or " } else { ", " });
        }
        out.push_str(word);
    }
    out
}

/// The charsets of a group: one, or `any charset`.
fn charset_spec(charsets: &[Charset]) -> String {
    if CHARSETS.iter().all(|c| charsets.contains(c)) {
        String::from("any charset")
    } else {
        or_list(&charsets.iter().map(|c| c.as_str()).collect::<Vec<_>>())
    }
}

/// See [`Diagnosis::to_match_lines`]. Each-parameter matches: per list, the orders that match
/// with the same charsets are put together (`any order` when both are), then the lists with
/// the same orders and charsets. Legacy matches: per direction, the charsets.
fn match_lines(matches: &[Combination]) -> Vec<String> {
    let Some(algorithm) = matches.first().map(|c| c.algorithm) else {
        return Vec::new();
    };
    // (lists, order spec, charset spec), in the order first met.
    let mut rows: Vec<(Vec<&'static str>, String, String)> = Vec::new();
    for list in ListKind::ALL_KINDS {
        let charsets_of = |order: SortOrder| -> Vec<Charset> {
            matches
                .iter()
                .filter(|c| c.scheme == Scheme::EachParameter && c.list == list)
                .filter(|c| c.order == order)
                .map(|c| c.charset)
                .collect()
        };
        let per_order: Vec<(SortOrder, Vec<Charset>)> = ORDERS
            .into_iter()
            .map(|order| (order, charsets_of(order)))
            .filter(|(_, charsets)| !charsets.is_empty())
            .collect();
        let specs: Vec<(String, String)> = match per_order.as_slice() {
            [(_, a), (_, b)] if a == b => vec![(String::from("any order"), charset_spec(a))],
            _ => per_order
                .iter()
                .map(|(order, charsets)| {
                    (
                        alloc::format!("{} order", order.as_str()),
                        charset_spec(charsets),
                    )
                })
                .collect(),
        };
        for (order, charset) in specs {
            match rows
                .iter_mut()
                .find(|(_, o, c)| *o == order && *c == charset)
            {
                Some((lists, _, _)) => lists.push(list.as_str()),
                None => rows.push((vec![list.as_str()], order, charset)),
            }
        }
    }
    let mut lines: Vec<String> = rows
        .into_iter()
        .map(|(lists, order, charset)| {
            alloc::format!("{algorithm}, {} list, {order}, {charset}", or_list(&lists))
        })
        .collect();
    for direction in [Direction::In, Direction::Out] {
        let charsets: Vec<Charset> = matches
            .iter()
            .filter(|c| c.scheme == Scheme::LegacyMainParameters && c.direction == direction)
            .map(|c| c.charset)
            .collect();
        if !charsets.is_empty() {
            lines.push(alloc::format!(
                "{algorithm}, legacy {} main parameters, {}",
                direction_str(direction),
                charset_spec(&charsets)
            ));
        }
    }
    lines
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.matches.len(), self.algorithm) {
            (0, None) => f.write_str("no combination matches (the signature is malformed)")?,
            (0, Some(algorithm)) => write!(
                f,
                "no combination matches ({algorithm}, {} tried)",
                self.tried
            )?,
            (n, _) => {
                let s = if n == 1 { "" } else { "s" };
                write!(f, "{n} combination{s} match")?;
                if n == 1 {
                    f.write_str("es")?;
                }
                if self.trimmed {
                    f.write_str(" (with the passphrase trimmed)")?;
                }
                f.write_str(":")?;
                for line in self.to_match_lines() {
                    write!(f, "\n  {line}")?;
                }
            }
        }
        if !self.hints.is_empty() {
            f.write_str(match (self.is_match(), self.direction) {
                (false, _) => "\nlikely causes:",
                (true, Direction::In) => "\nhints (a request: Ogone's rules are the reference):",
                (true, Direction::Out) => {
                    "\nhints (feedback: the received signature is the reference):"
                }
            })?;
            for hint in &self.hints {
                write!(f, "\n  - {hint}")?;
            }
        }
        Ok(())
    }
}

/// Finds which ways of signing `params` with `passphrase` give the `received` hex signature
/// (either case), and why none does.
///
/// It tries the algorithm the signature's length points to with every built-in list
/// ([`ListKind::ALL_KINDS`]) × both [`SortOrder`]s × both [`Charset`]s in the each-parameter
/// scheme (ISO-8859-1 only when every value can be encoded), then the legacy scheme of both
/// directions in both charsets. When nothing matches and the passphrase has surrounding white
/// space, the same again with it trimmed. Every check is [`Signer::verify`] (constant time).
/// `SHASIGN` in `params` is ignored, as the signer ignores it.
///
/// The hints are written for the direction the matches point to ([`Diagnosis::direction`]);
/// [`diagnose_request`] and [`diagnose_feedback`] say it instead.
///
/// ```
/// use ogone::{Charset, Direction, Hint, ListKind, Params, Passphrase, SortOrder, diagnose};
///
/// // Ingenico's e-Commerce guide, SHA-IN example, SHA-1.
/// let params = Params::try_from_pairs([
///     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
///     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
/// ])?;
/// let diagnosis = diagnose(
///     &params,
///     &Passphrase::new("Mysecretsig1875!? "), // pasted with a trailing space
///     "f4cc376cd7a834d997b91598fa747825a238be0a",
/// );
/// assert!(diagnosis.is_match());
/// assert_eq!(diagnosis.hints(), [Hint::PassphraseWhitespace]);
/// let first = diagnosis.matches()[0];
/// assert_eq!((first.direction, first.list), (Direction::In, ListKind::ShaIn));
/// assert_eq!((first.order, first.charset), (SortOrder::Ingenico, Charset::Utf8));
/// # Ok::<(), ogone::Error>(())
/// ```
#[must_use]
pub fn diagnose(params: &Params, passphrase: &Passphrase, received: &str) -> Diagnosis {
    run(params, passphrase, received, None)
}

/// [`diagnose`] for a request (SHA-IN): the platform's rules are the reference, so the hints say
/// what the signer that made `received` does differently from Ogone, and that the fix belongs
/// in that signer.
///
/// ```
/// use ogone::{Direction, HashAlgorithm, Hint, Params, Passphrase, SortOrder, diagnose_request};
///
/// // A colleague signed this request by hand with the names sorted by bytes (ITEMNAME10
/// // before ITEMNAME2); SHA-1 of the string computed with `sha1sum`.
/// let params = Params::try_from_pairs([("ITEMNAME2", "pen"), ("ITEMNAME10", "ink"), ("AMOUNT", "1500")])?;
/// let key = Passphrase::new("Mysecretsig1875!?");
/// let diagnosis = diagnose_request(&params, &key, "A8BBE182E1B2599F298B1C580DD84464B3005873");
/// let names = vec!["ITEMNAME2".to_string(), "ITEMNAME10".to_string()];
/// assert_eq!(diagnosis.hints(), [Hint::Order { direction: Direction::In, found: SortOrder::Byte, names }]);
/// assert!(diagnosis.hints()[0].to_string().contains("the fix belongs in the signer"));
/// # Ok::<(), ogone::Error>(())
/// ```
#[must_use]
pub fn diagnose_request(params: &Params, passphrase: &Passphrase, received: &str) -> Diagnosis {
    run(params, passphrase, received, Some(Direction::In))
}

/// [`diagnose`] for feedback from the platform (SHA-OUT): the received signature is the
/// reference, so the hints say how to configure the verifier.
///
/// ```
/// use ogone::{Direction, Hint, Params, Passphrase, SortOrder, diagnose_feedback};
///
/// # let params = Params::try_from_pairs([("ITEMNAME2", "pen"), ("ITEMNAME10", "ink"), ("AMOUNT", "1500")])?;
/// # let key = Passphrase::new("Mysecretsig1875!?");
/// let diagnosis = diagnose_feedback(&params, &key, "A8BBE182E1B2599F298B1C580DD84464B3005873");
/// assert!(matches!(
///     &diagnosis.hints()[0],
///     Hint::Order { direction: Direction::Out, found: SortOrder::Byte, .. }
/// ));
/// assert!(diagnosis.hints()[0].to_string().ends_with("verify with SortOrder::Byte"));
/// # Ok::<(), ogone::Error>(())
/// ```
#[must_use]
pub fn diagnose_feedback(params: &Params, passphrase: &Passphrase, received: &str) -> Diagnosis {
    run(params, passphrase, received, Some(Direction::Out))
}

/// [`diagnose`] with the direction given, or inferred from the matches.
fn run(
    params: &Params,
    passphrase: &Passphrase,
    received: &str,
    direction: Option<Direction>,
) -> Diagnosis {
    let mut diagnosis = Diagnosis {
        matches: Vec::new(),
        hints: Vec::new(),
        algorithm: None,
        tried: 0,
        trimmed: false,
        direction: direction.unwrap_or(Direction::In),
    };
    if !received.bytes().all(|b| b.is_ascii_hexdigit()) {
        diagnosis.hints.push(Hint::SignatureNotHex);
        return diagnosis;
    }
    let Some(algorithm) = HashAlgorithm::ALL
        .into_iter()
        .find(|a| a.hex_len() == received.len())
    else {
        diagnosis.hints.push(Hint::SignatureLength {
            found: received.len(),
        });
        return diagnosis;
    };
    diagnosis.algorithm = Some(algorithm);
    try_all(params, passphrase, algorithm, received, &mut diagnosis);
    if diagnosis.matches.is_empty() {
        let raw = passphrase.expose();
        let trimmed = raw.trim();
        if trimmed != raw && !trimmed.is_empty() {
            try_all(
                params,
                &Passphrase::new(trimmed),
                algorithm,
                received,
                &mut diagnosis,
            );
            if !diagnosis.matches.is_empty() {
                diagnosis.trimmed = true;
                diagnosis.hints.push(Hint::PassphraseWhitespace);
            }
        }
    }
    if direction.is_none() {
        diagnosis.direction = inferred_direction(&diagnosis.matches);
    }
    if diagnosis.matches.is_empty() {
        likely_causes(params, &mut diagnosis.hints);
    } else {
        let differences = differences(params, passphrase, &diagnosis.matches, diagnosis.direction);
        diagnosis.hints.extend(differences);
    }
    diagnosis
}

/// `Out` when every match on a SHA-IN or SHA-OUT list (not "all") or in the legacy scheme is
/// SHA-OUT, else `In`.
fn inferred_direction(matches: &[Combination]) -> Direction {
    let mut directional = matches
        .iter()
        .filter(|c| c.scheme == Scheme::LegacyMainParameters || c.list != ListKind::All)
        .map(|c| c.direction)
        .peekable();
    if directional.peek().is_some() && directional.all(|d| d == Direction::Out) {
        Direction::Out
    } else {
        Direction::In
    }
}

/// Verifies every combination with one passphrase, recording the matches.
fn try_all(
    params: &Params,
    passphrase: &Passphrase,
    algorithm: HashAlgorithm,
    received: &str,
    diagnosis: &mut Diagnosis,
) {
    // One signer per direction, reconfigured in place: the passphrase is copied twice in all.
    let mut signers = [Direction::In, Direction::Out]
        .map(|direction| Some(Signer::new(passphrase.clone(), algorithm, direction)));
    let mut each = |scheme: Scheme, direction: Direction, list, order, charset| {
        let slot = match direction {
            Direction::In => signers.get_mut(0),
            Direction::Out => signers.get_mut(1),
        };
        let Some(slot) = slot else { return };
        let Some(signer) = slot.take() else { return };
        let signer = signer
            .with_list(list)
            .with_order(order)
            .with_charset(charset)
            .with_scheme(scheme);
        diagnosis.tried = diagnosis.tried.saturating_add(1);
        // Any error counts as no match: a value ISO-8859-1 cannot encode, most of all.
        if signer.verify(params, received).is_ok() {
            diagnosis.matches.push(Combination {
                algorithm,
                direction,
                list,
                order,
                charset,
                scheme,
            });
        }
        *slot = Some(signer);
    };
    for list in ListKind::ALL_KINDS {
        for order in ORDERS {
            for charset in CHARSETS {
                each(
                    Scheme::EachParameter,
                    list.direction(),
                    list,
                    order,
                    charset,
                );
            }
        }
    }
    for direction in [Direction::In, Direction::Out] {
        for charset in CHARSETS {
            each(
                Scheme::LegacyMainParameters,
                direction,
                list_of(direction),
                SortOrder::Ingenico,
                charset,
            );
        }
    }
}

/// The names `combination` hashes with a non-empty value, in its order.
fn hashed(params: &Params, passphrase: &Passphrase, combination: &Combination) -> Vec<String> {
    let mut kept = combination
        .signer(passphrase.clone())
        .explain(params)
        .kept()
        .to_vec();
    // The legacy scheme visits its fields whether they are there or not.
    kept.retain(|name| params.get(name).is_some_and(|value| !value.is_empty()));
    kept
}

/// `names` without those in `other`.
fn without(names: &[String], other: &[String]) -> Vec<String> {
    names
        .iter()
        .filter(|name| !other.contains(name))
        .cloned()
        .collect()
}

/// Hints for matches that differ from the reference (Ingenico order, UTF-8, the direction's
/// list, each-parameter scheme): what differs, with the parameters that make the difference.
fn differences(
    params: &Params,
    passphrase: &Passphrase,
    matches: &[Combination],
    direction: Direction,
) -> Vec<Hint> {
    let mut hints = Vec::new();
    let each: Vec<&Combination> = matches
        .iter()
        .filter(|c| c.scheme == Scheme::EachParameter)
        .collect();
    match each.first() {
        None => {
            if let Some(first) = matches.first() {
                hints.push(Hint::LegacyScheme {
                    direction: first.direction,
                });
            }
        }
        Some(&&first) => {
            if !each.iter().any(|c| c.order == SortOrder::Ingenico) {
                let ingenico = Combination {
                    order: SortOrder::Ingenico,
                    ..first
                };
                let byte = hashed(params, passphrase, &first);
                let names = hashed(params, passphrase, &ingenico)
                    .into_iter()
                    .enumerate()
                    .filter(|(i, name)| byte.get(*i) != Some(name))
                    .map(|(_, name)| name)
                    .collect();
                hints.push(Hint::Order {
                    direction,
                    found: first.order,
                    names,
                });
            }
            let expected = list_of(direction);
            if !each.iter().any(|c| c.list == expected) {
                // A specific list rather than "all" when one matches.
                let found = each
                    .iter()
                    .find(|c| c.list != ListKind::All)
                    .map_or(first, |&&c| c);
                let reference = Combination {
                    list: expected,
                    direction: expected.direction(),
                    ..found
                };
                let found_names = hashed(params, passphrase, &found);
                let expected_names = hashed(params, passphrase, &reference);
                let ingenico_order = |mut names: Vec<String>| {
                    names.sort_by(|a, b| SortOrder::Ingenico.compare(a, b));
                    names
                };
                hints.push(Hint::List {
                    direction,
                    found: found.list,
                    expected,
                    only_found: ingenico_order(without(&found_names, &expected_names)),
                    only_expected: ingenico_order(without(&expected_names, &found_names)),
                });
            }
        }
    }
    if let Some(first) = matches.first() {
        if !matches.iter().any(|c| c.charset == Charset::Utf8) {
            let mut names: Vec<String> = hashed(params, passphrase, first)
                .into_iter()
                .filter(|name| params.get(name).is_some_and(|value| !value.is_ascii()))
                .collect();
            names.sort_by(|a, b| SortOrder::Ingenico.compare(a, b));
            hints.push(Hint::Charset {
                direction,
                found: first.charset,
                names,
            });
        }
    }
    hints
}

/// The likely causes of a mismatch, computed from the parameters, in a fixed order.
fn likely_causes(params: &Params, hints: &mut Vec<Hint>) {
    hints.push(Hint::WrongPassphrase);
    let named = |pick: &dyn Fn(&str, &str) -> bool| -> Vec<String> {
        params
            .iter()
            .filter(|&(name, value)| !is_signature_name(name) && pick(name, value))
            .map(|(name, _)| String::from(name))
            .collect()
    };
    let off_list = named(&|name, value| {
        !value.is_empty()
            && !ListKind::ALL_KINDS
                .into_iter()
                .any(|kind| kind != ListKind::All && AllowList::new(kind).contains(name))
    });
    let non_ascii = named(&|_, value| !value.is_ascii());
    let spaces = named(&|_, value| value.trim() != value);
    let encoded = named(&|_, value| looks_encoded(value));
    let order_sensitive = order_sensitive(params);
    let empty = named(&|_, value| value.is_empty());
    let found = [
        (!off_list.is_empty()).then_some(Hint::NotOnAnyList { names: off_list }),
        (!non_ascii.is_empty()).then_some(Hint::NonAscii { names: non_ascii }),
        (!spaces.is_empty()).then_some(Hint::SurroundingWhitespace { names: spaces }),
        (!encoded.is_empty()).then_some(Hint::EncodedSequences { names: encoded }),
        (!order_sensitive.is_empty()).then_some(Hint::OrderSensitive {
            names: order_sensitive,
        }),
        (!empty.is_empty()).then_some(Hint::EmptyDropped { names: empty }),
    ];
    hints.extend(found.into_iter().flatten());
}

/// Whether a value holds `+` or `%` followed by two hex digits.
fn looks_encoded(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'+'
            || (b == b'%'
                && bytes
                    .get(i + 1..i + 3)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)))
    })
}

/// The names (signature names and empty values left out) whose place differs between the two
/// sort orders, in Ingenico order.
fn order_sensitive(params: &Params) -> Vec<String> {
    let hashed = |order| {
        params
            .iter_in(order)
            .filter(|&(name, value)| !value.is_empty() && !is_signature_name(name))
            .map(|(name, _)| name)
    };
    let byte: Vec<&str> = hashed(SortOrder::Byte).collect();
    hashed(SortOrder::Ingenico)
        .enumerate()
        .filter(|&(i, name)| byte.get(i) != Some(&name))
        .map(|(_, name)| String::from(name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_sequences() {
        assert!(looks_encoded("a+b"));
        assert!(looks_encoded("caf%C3%A9"));
        assert!(looks_encoded("%2e"));
        assert!(!looks_encoded("100%"));
        assert!(!looks_encoded("50%x1"));
        assert!(!looks_encoded("%A"));
        assert!(!looks_encoded("plain"));
    }

    #[test]
    fn order_sensitive_names() {
        let params = Params::try_from_pairs([
            ("ITEMNAME2", "a"),
            ("ITEMNAME10", "b"),
            ("AMOUNT", "1"),
            ("SCO_CATEGORY", "x"),
            ("SCORING", "y"),
            ("ZZ", ""),
        ])
        .unwrap();
        assert_eq!(
            order_sensitive(&params),
            ["ITEMNAME2", "ITEMNAME10", "SCO_CATEGORY", "SCORING"]
        );
    }
}
