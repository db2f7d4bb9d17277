//! The search: [`diagnose`] and its two directed forms try every [`Combination`], then hand
//! the matches to the findings (or, when nothing matched, to the likely causes).

use alloc::vec::Vec;

use crate::protocol::diagnose::causes::likely_causes;
use crate::protocol::diagnose::combination::{CHARSETS, Combination, ORDERS, list_of};
use crate::protocol::diagnose::diagnosis::Diagnosis;
use crate::protocol::diagnose::findings::differences;
use crate::protocol::diagnose::hint::Hint;
use crate::signing::builtin_lists::ListKind;
use crate::signing::direction::Direction;
use crate::signing::order::SortOrder;
use crate::signing::params::Params;
use crate::signing::secret::Passphrase;
use crate::signing::signature::HashAlgorithm;
use crate::signing::signer::{Scheme, Signer};

/// Finds which ways of signing `params` with `passphrase` give the `received` hex signature
/// (either case), and why none does.
///
/// It tries the algorithm the signature's length points to with every built-in list
/// ([`ListKind::ALL_KINDS`]) × both [`SortOrder`]s × both [`Charset`](crate::Charset)s in the
/// each-parameter scheme (ISO-8859-1 only when every value can be encoded), then the legacy
/// scheme of both directions in both charsets. When nothing matches and the passphrase has
/// surrounding white space, the same again with it trimmed. Every check is [`Signer::verify`] (constant time).
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
