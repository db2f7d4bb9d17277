//! The diagnosis type: what [`diagnose`](crate::diagnose) answers, and its summary.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use crate::charset::Charset;
use crate::protocol::diagnose::combination::{CHARSETS, Combination, ORDERS, direction_str};
use crate::protocol::diagnose::hint::Hint;
use crate::signing::builtin_lists::ListKind;
use crate::signing::direction::Direction;
use crate::signing::order::SortOrder;
use crate::signing::signature::HashAlgorithm;
use crate::signing::signer::Scheme;

/// The answer of [`diagnose`](crate::diagnose): the combinations that match, and hints.
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
    pub(super) matches: Vec<Combination>,
    pub(super) hints: Vec<Hint>,
    pub(super) algorithm: Option<HashAlgorithm>,
    pub(super) tried: usize,
    pub(super) trimmed: bool,
    pub(super) direction: Direction,
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

    /// The direction the hints are written for: the one given to
    /// [`diagnose_request`](crate::diagnose_request) or
    /// [`diagnose_feedback`](crate::diagnose_feedback), or, from
    /// [`diagnose`](crate::diagnose), the one the matches point to (`Out` when every match on a
    /// directional list or scheme is SHA-OUT, else `In`).
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
