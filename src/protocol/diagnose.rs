//! The mismatch diagnoser: "unknown order/1/s", or a feedback that does not verify, turned into
//! one call that tries every way the sender may have signed and says what to change.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::charset::Charset;
use crate::signing::list::{AllowList, ListKind, is_signature_name};
use crate::signing::order::SortOrder;
use crate::signing::params::Params;
use crate::signing::secret::Passphrase;
use crate::signing::signature::HashAlgorithm;
use crate::signing::signer::{Direction, Scheme, Signer};

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
    /// the each-parameter scheme it follows the list (`Out` for the two SHA-OUT lists).
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

/// One finding of [`diagnose`]: what to change when something matched, a likely cause when
/// nothing did. Hints name parameters, never their values. `Display` gives one sentence.
///
/// ```
/// use ogone::{Hint, SortOrder};
/// assert_eq!(
///     Hint::UseOrder(SortOrder::Byte).to_string(),
///     "the sender sorts names by bytes: use SortOrder::Byte"
/// );
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
    UseOrder(SortOrder),
    /// The matches all use this hashing charset, not the default one.
    UseCharset(Charset),
    /// The matches all use this allow-list, neither the SHA-IN nor the SHA-OUT one.
    UseList(ListKind),
    /// The matches all use the legacy "main parameters only" scheme of this direction.
    UseLegacyScheme(Direction),
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

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
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

    /// What to change (when something matches) or the likely causes (when nothing does), in a
    /// fixed order.
    ///
    /// ```
    /// use ogone::{Charset, Hint, HashAlgorithm, Params, Passphrase, Signer, diagnose};
    ///
    /// let key = Passphrase::new("Mysecretsig1875!?");
    /// let params = Params::try_from_pairs([("ORDERID", "1234"), ("COM", "Café crème")])?;
    /// // The sender hashed ISO-8859-1 (a plain, non-_utf8 endpoint).
    /// let signer = Signer::sha_in(key.clone(), HashAlgorithm::Sha1);
    /// let sig = signer.with_charset(Charset::Iso8859_1).sign(&params)?;
    /// let diagnosis = diagnose(&params, &key, &sig.to_string());
    /// assert!(diagnosis.hints().contains(&Hint::UseCharset(Charset::Iso8859_1)));
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
                for combination in &self.matches {
                    write!(f, "\n  {combination}")?;
                }
            }
        }
        if !self.hints.is_empty() {
            f.write_str(if self.is_match() {
                "\nhints:"
            } else {
                "\nlikely causes:"
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
    let mut diagnosis = Diagnosis {
        matches: Vec::new(),
        hints: Vec::new(),
        algorithm: None,
        tried: 0,
        trimmed: false,
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
    if diagnosis.matches.is_empty() {
        likely_causes(params, &mut diagnosis.hints);
    } else {
        changes(&diagnosis.matches, &mut diagnosis.hints);
    }
    diagnosis
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

/// Hints for matches that differ from the defaults (Ingenico order, UTF-8, the SHA-IN or
/// SHA-OUT list, each-parameter scheme): what to change.
fn changes(matches: &[Combination], hints: &mut Vec<Hint>) {
    let each: Vec<&Combination> = matches
        .iter()
        .filter(|c| c.scheme == Scheme::EachParameter)
        .collect();
    if each.is_empty() {
        if let Some(first) = matches.first() {
            hints.push(Hint::UseLegacyScheme(first.direction));
        }
    } else {
        if !each.iter().any(|c| c.order == SortOrder::Ingenico) {
            hints.push(Hint::UseOrder(SortOrder::Byte));
        }
        if !each
            .iter()
            .any(|c| matches!(c.list, ListKind::ShaIn | ListKind::ShaOut))
        {
            // A specific list rather than "all" when one matches.
            let list = each
                .iter()
                .map(|c| c.list)
                .find(|&l| l != ListKind::All)
                .unwrap_or(ListKind::All);
            hints.push(Hint::UseList(list));
        }
    }
    if !matches.iter().any(|c| c.charset == Charset::Utf8) {
        hints.push(Hint::UseCharset(Charset::Iso8859_1));
    }
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
