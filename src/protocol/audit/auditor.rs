//! The auditor: several SHA-OUT keys, lists and transport charsets, one verdict a body.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::charset::{Charset, TransportCharset};
use crate::error::Error;
use crate::protocol::audit::verdict::{AuditList, AuditedFeedback, Claimed, Verdict};
use crate::protocol::credentials::ShaOutKey;
use crate::signing::builtin_lists::ListKind;
use crate::signing::direction::Direction;
use crate::signing::list::AllowList;
use crate::signing::params::Params;
use crate::signing::scan::replay::{Plan, Replay, Replayed, Room, replay};
use crate::signing::scan::{Decoded, NameMemo, Rules, with_decoded, with_decoded_memo};
use crate::signing::signature::{HashAlgorithm, Signature};
use crate::signing::signer::{Scheme, Signer, legacy_fields};

/// Re-verifies stored feedback bodies with several SHA-OUT keys (rotation), lists and
/// transport charsets, and gives each body a [`Verdict`]; it never fails as a whole.
///
/// For a body it tries each transport charset in order; for each, each list in order; for
/// each, each key in the order added whose algorithm's digest has the length of the body's
/// signature (the others are skipped). The first that verifies wins. The body is decoded,
/// sorted and checked once per transport charset, then only hashed per key; a body whose
/// decoded text is ASCII reads the same in every transport charset and is decoded once.
///
/// - [`Verdict::Verified`]: the key's index, the transport, the list, the signed fields.
/// - [`Verdict::NotAuthentic`]: some transport reads the body and its signature is hex of a
///   SHA-1, SHA-256 or SHA-512 length, but no key verifies it (also when no key has that
///   algorithm, or the auditor has no key); the claimed fields from the first transport
///   charset that reads it.
/// - [`Verdict::Malformed`]: no transport reads it as signed feedback: bad escapes, bytes the
///   charset does not have, a name twice, no `SHASIGN` (or both signature fields), a
///   signature that is not hex of a SHA length, or no parameter any list signs
///   ([`Error::NothingSigned`]); the error of the first transport charset tried, and whatever
///   fields can still be read.
///
/// Keys hash UTF-8 (the hashing charset of `_utf8` accounts), or the charset given with
/// [`Auditor::with_key_charset`]; the escapes are read in the transport charsets.
///
/// ```
/// use ogone::audit::{AuditList, Auditor, Verdict};
/// use ogone::simulate::{FeedbackSimulator, Transaction};
/// use ogone::{Amount, HashAlgorithm, ShaOutKey, TransportCharset};
///
/// let (old, new) = (ShaOutKey::new("Old-secret-2019"), ShaOutKey::new("New-secret-2023"));
/// let auditor = Auditor::new()
///     .with_key(&old, HashAlgorithm::Sha1)
///     .with_key(&new, HashAlgorithm::Sha512);
/// // An ePDQ feedback, posted in Windows-1252, signed with the new key.
/// let tx = Transaction::paid("Lefèvre-1", "3014726", Amount::from_minor_units(4250)?, "EUR");
/// let body = FeedbackSimulator::new(&new, HashAlgorithm::Sha512)
///     .with_transport(TransportCharset::Windows1252)
///     .body(&tx)?;
/// match auditor.audit(body.as_bytes()) {
///     Verdict::Verified(found) => {
///         assert_eq!((found.key, found.transport), (1, TransportCharset::Windows1252));
///         assert_eq!(found.fields.order_id.as_deref(), Some("Lefèvre-1"));
///     }
///     other => panic!("{other:?}"),
/// }
/// let tampered = body.replace("STATUS=9", "STATUS=5");
/// assert_eq!(auditor.audit(tampered.as_bytes()).as_str(), "not-authentic");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Auditor {
    /// One SHA-OUT signer a key, in the order added.
    keys: Vec<Signer>,
    lists: Vec<(AuditList, AllowList, Scheme)>,
    transports: Vec<TransportCharset>,
    /// Whether a verified verdict lists every signed pair.
    signed_pairs: bool,
    /// For each key, whether an earlier key has its algorithm and hashes its passphrase as the
    /// same bytes (so that both could verify one body): such a key is never tried first.
    twinned: Vec<bool>,
}

impl fmt::Debug for Auditor {
    /// The keys' algorithms, never their passphrases.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let algorithms: Vec<(HashAlgorithm, Charset)> = self
            .keys
            .iter()
            .map(|signer| (signer.algorithm(), signer.charset()))
            .collect();
        let lists: Vec<AuditList> = self.lists.iter().map(|(list, ..)| *list).collect();
        f.debug_struct("Auditor")
            .field("keys", &algorithms)
            .field("lists", &lists)
            .field("transports", &self.transports)
            .field("signed_pairs", &self.signed_pairs)
            .finish()
    }
}

impl Default for Auditor {
    fn default() -> Self {
        Auditor::new()
    }
}

/// The allow-list and scheme of `list`.
fn rules_of(list: AuditList) -> (AuditList, AllowList, Scheme) {
    let (kind, scheme) = match list {
        AuditList::ShaOut => (ListKind::ShaOut, Scheme::EachParameter),
        AuditList::FlexCheckout => (ListKind::FlexCheckoutOut, Scheme::EachParameter),
        AuditList::AliasGateway => (ListKind::AliasGatewayOut, Scheme::EachParameter),
        AuditList::LegacyShaOut => (ListKind::ShaOut, Scheme::LegacyMainParameters),
    };
    (list, AllowList::new(kind), scheme)
}

/// What one transport charset made of a body.
enum Outcome {
    Verified(AuditedFeedback),
    /// Read, but not verified: `None` when signatures were compared (or no key has the
    /// signature's algorithm), else why nothing could be compared. `ascii`: every transport
    /// reads it alike.
    Unverified {
        error: Option<Error>,
        ascii: bool,
    },
}

impl Auditor {
    /// An auditor with no key yet, the SHA-OUT list, and the transports UTF-8 then
    /// Windows-1252.
    ///
    /// ```
    /// use ogone::audit::Auditor;
    ///
    /// let auditor = Auditor::new();
    /// assert_eq!(auditor.key_count(), 0);
    /// assert_eq!(auditor.audit(b"orderID=1&SHASIGN=").as_str(), "malformed");
    /// ```
    #[must_use]
    pub fn new() -> Auditor {
        Auditor {
            keys: Vec::new(),
            lists: alloc::vec![rules_of(AuditList::ShaOut)],
            transports: alloc::vec![TransportCharset::Utf8, TransportCharset::Windows1252],
            signed_pairs: true,
            twinned: Vec::new(),
        }
    }

    /// Adds a SHA-OUT key and its algorithm; keys are numbered in the order added, from 0.
    ///
    /// ```
    /// use ogone::audit::Auditor;
    /// use ogone::{HashAlgorithm, ShaOutKey};
    ///
    /// let auditor = Auditor::new()
    ///     .with_key(&ShaOutKey::new("first"), HashAlgorithm::Sha1)
    ///     .with_key(&ShaOutKey::new("second"), HashAlgorithm::Sha256);
    /// assert_eq!(auditor.key_count(), 2);
    /// assert!(!format!("{auditor:?}").contains("second")); // passphrases are not shown
    /// ```
    #[must_use]
    pub fn with_key(self, key: &ShaOutKey, algorithm: HashAlgorithm) -> Auditor {
        self.with_signer(Signer::new(
            key.as_passphrase().clone(),
            algorithm,
            Direction::Out,
        ))
    }

    /// Adds a key's signer, noting whether an earlier key could verify what it verifies.
    fn with_signer(mut self, signer: Signer) -> Auditor {
        let twinned = self
            .keys
            .iter()
            .any(|earlier| earlier.hashes_passphrase_as(&signer));
        self.keys.push(signer);
        self.twinned.push(twinned);
        self
    }

    /// Adds a SHA-OUT key of an account that hashes in `charset` ([`Charset::Iso8859_1`] for
    /// accounts on the non-`_utf8` pages); [`Auditor::with_key`] hashes UTF-8. Numbered with
    /// the other keys, in the order added.
    ///
    /// ```
    /// use ogone::audit::Auditor;
    /// use ogone::simulate::{FeedbackSimulator, Transaction};
    /// use ogone::{Amount, Charset, HashAlgorithm, ShaOutKey};
    ///
    /// let key = ShaOutKey::new("Latin-1-account-key");
    /// let tx = Transaction::paid("Café-1", "3014726", Amount::from_minor_units(4250)?, "EUR");
    /// let body = FeedbackSimulator::new(&key, HashAlgorithm::Sha256)
    ///     .with_charset(Charset::Iso8859_1)
    ///     .body(&tx)?;
    /// let utf8 = Auditor::new().with_key(&key, HashAlgorithm::Sha256);
    /// assert_eq!(utf8.audit(body.as_bytes()).as_str(), "not-authentic");
    /// let latin1 = utf8.with_key_charset(&key, HashAlgorithm::Sha256, Charset::Iso8859_1);
    /// let ogone::audit::Verdict::Verified(found) = latin1.audit(body.as_bytes()) else {
    ///     panic!("not verified");
    /// };
    /// assert_eq!(found.key, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_key_charset(
        self,
        key: &ShaOutKey,
        algorithm: HashAlgorithm,
        charset: Charset,
    ) -> Auditor {
        self.with_signer(
            Signer::new(key.as_passphrase().clone(), algorithm, Direction::Out)
                .with_charset(charset),
        )
    }

    /// The lists to try, in order, in place of the default (SHA-OUT alone).
    ///
    /// ```
    /// use ogone::audit::{AuditList, Auditor};
    ///
    /// let auditor = Auditor::new().with_lists([AuditList::ShaOut, AuditList::LegacyShaOut]);
    /// assert!(format!("{auditor:?}").contains("LegacyShaOut"));
    /// ```
    #[must_use]
    pub fn with_lists(mut self, lists: impl IntoIterator<Item = AuditList>) -> Auditor {
        self.lists = lists.into_iter().map(rules_of).collect();
        self
    }

    /// The transport charsets to read the escapes in, in order, in place of the default
    /// (UTF-8 then Windows-1252).
    ///
    /// ```
    /// use ogone::audit::Auditor;
    /// use ogone::TransportCharset;
    ///
    /// let auditor = Auditor::new().with_transports([TransportCharset::Iso8859_1]);
    /// assert!(format!("{auditor:?}").contains("Iso8859_1"));
    /// ```
    #[must_use]
    pub fn with_transports(
        mut self,
        transports: impl IntoIterator<Item = TransportCharset>,
    ) -> Auditor {
        self.transports = transports.into_iter().collect();
        self
    }

    /// Whether a verified verdict lists every signed pair in [`AuditedFeedback::signed`] (the
    /// default). Off, `signed` stays empty and a verified verdict allocates only its fields
    /// (order id, PAYID, STATUS, amount, currency, still read from the signed fields only):
    /// for a bulk run that reports those alone.
    ///
    /// ```
    /// use ogone::audit::{Auditor, Verdict};
    /// use ogone::{HashAlgorithm, ShaOutKey};
    ///
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let auditor = Auditor::new()
    ///     .with_key(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1)
    ///     .with_signed_pairs(false);
    /// let Verdict::Verified(found) = auditor.audit(body) else { panic!("not verified") };
    /// assert!(found.signed.is_empty());
    /// assert_eq!(found.fields.pay_id.as_deref(), Some("32100123"));
    /// ```
    #[must_use]
    pub fn with_signed_pairs(mut self, keep: bool) -> Auditor {
        self.signed_pairs = keep;
        self
    }

    /// How many keys were added.
    ///
    /// ```
    /// assert_eq!(ogone::audit::Auditor::new().key_count(), 0);
    /// ```
    #[must_use]
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// The verdict on one stored body (a POST body or a query string, as received). Never
    /// panics. Verifying allocates nothing for a body of up to 64 parameters; the verdict's
    /// strings are the only allocations.
    ///
    /// ```
    /// use ogone::audit::Auditor;
    /// use ogone::{HashAlgorithm, ShaOutKey};
    ///
    /// // Ingenico's e-Commerce guide, SHA-OUT example.
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let auditor = Auditor::new().with_key(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// let verdict = auditor.audit(body);
    /// assert_eq!(verdict.as_str(), "verified");
    /// assert_eq!(verdict.claimed().pay_id.as_deref(), Some("32100123"));
    /// ```
    #[must_use]
    pub fn audit(&self, body: &[u8]) -> Verdict {
        self.audit_first(body, None, None)
    }

    /// Whether key `index` may be tried first: an earlier key that hashes its passphrase as
    /// the same bytes with the same algorithm would verify whatever it verifies, and the
    /// earlier one wins.
    pub(crate) fn may_lead(&self, index: usize) -> bool {
        self.twinned.get(index) == Some(&false)
    }

    /// [`Auditor::audit`], trying key `lead` first in each transport charset and list (the
    /// verdict is the same: of the keys, only `lead` can verify what it verifies), the names
    /// decoded through `memo` (the same names, decoded once for a run of bodies).
    pub(crate) fn audit_first(
        &self,
        body: &[u8],
        lead: Option<usize>,
        mut memo: Option<&mut NameMemo>,
    ) -> Verdict {
        let lead = lead.filter(|&index| self.may_lead(index));
        let mut first_error: Option<Error> = None;
        let mut first_read: Option<TransportCharset> = None;
        let mut compared = false;
        for &transport in &self.transports {
            let outcome = match with_decoded_memo(body, transport, memo.as_deref_mut(), |decoded| {
                self.audit_decoded(decoded, transport, lead)
            }) {
                Ok(Some(outcome)) => outcome,
                // More parameters than the scan holds: the allocating path.
                Ok(None) => match Params::parse_form(body, transport) {
                    Ok(params) => self.audit_params(&params, transport, lead),
                    Err(error) => {
                        first_error.get_or_insert(error);
                        continue;
                    }
                },
                Err(error) => {
                    first_error.get_or_insert(error);
                    continue;
                }
            };
            match outcome {
                Outcome::Verified(found) => return Verdict::Verified(found),
                Outcome::Unverified { error, ascii } => {
                    first_read.get_or_insert(transport);
                    match error {
                        None => compared = true,
                        Some(error) => {
                            first_error.get_or_insert(error);
                        }
                    }
                    if ascii {
                        break;
                    }
                }
            }
        }
        let claimed = match first_read {
            Some(transport) => read_claimed(body, transport),
            None => lenient_claimed(body, &self.transports),
        };
        match first_error {
            Some(error) if !compared => Verdict::Malformed { error, claimed },
            _ => Verdict::NotAuthentic { claimed },
        }
    }

    /// The plan of the memo's names for key `lead` under the first list, for
    /// [`Auditor::audit_replay_into`], after a body verified on `list`: `None` when `lead` may not
    /// be tried first, `list` is not the first list (a replay would not verify), or the first
    /// list is of the legacy scheme.
    pub(crate) fn plan(&self, lead: usize, list: AuditList, memo: &NameMemo) -> Option<Plan> {
        let signer = self.keys.get(lead).filter(|_| self.may_lead(lead))?;
        let (_, allow, scheme) = self.lists.first().filter(|(first, ..)| *first == list)?;
        let rules = Rules {
            list: allow,
            scheme: *scheme,
        };
        Some(Plan::new(memo, signer, rules)?.select(memo, Claimed::is_field))
    }

    /// [`Auditor::audit_first`] of a body whose names are the memo's, by a replay (see
    /// [`replay`]) with key `lead` under the first list, into `verdict`: `Some` when the replay
    /// can tell the verdict (the same as [`Auditor::audit_first`] would give), `None` when only
    /// the long way can. The transports are tried in order: a transport that cannot decode a
    /// value fails the long way too, so the next is tried; a replay verified in a transport is
    /// the first candidate of the long way in it (`lead`, first list), and so its verdict. A
    /// verified `verdict` keeps its strings for the new fields (allocating nothing when they
    /// fit) unless every signed pair is listed.
    pub(crate) fn audit_replay_into(
        &self,
        body: &[u8],
        lead: usize,
        memo: &NameMemo,
        plan: &Plan,
        room: &mut Room,
        verdict: &mut Verdict,
    ) -> Option<()> {
        let signer = self.keys.get(lead).filter(|_| self.may_lead(lead))?;
        let (list, ..) = self.lists.first()?;
        let replayed = replay(
            body,
            &self.transports,
            memo,
            plan,
            signer,
            room,
            |replayed, transport| match verdict {
                Verdict::Verified(held) if !self.signed_pairs => {
                    held.key = lead;
                    held.algorithm = signer.algorithm();
                    held.transport = transport;
                    held.list = *list;
                    held.fields.assign_pairs(replayed.selected_pairs());
                    held.signed.clear();
                }
                _ => {
                    let (fields, signed) = self.replayed_fields(replayed);
                    *verdict =
                        Verdict::Verified(found(lead, signer, transport, *list, fields, signed));
                }
            },
        );
        match replayed {
            Replay::Verified(()) => Some(()),
            Replay::Unsure => None,
        }
    }

    /// The fields and signed pairs of a verified replay, as [`Auditor::audit_decoded`] gives
    /// them.
    fn replayed_fields(&self, replayed: &Replayed<'_>) -> (Claimed, Vec<(String, String)>) {
        if self.signed_pairs {
            // One allocation for the vector, as `Decoded::to_signed` makes.
            let mut signed = Vec::with_capacity(replayed.pairs().count());
            signed.extend(
                replayed
                    .pairs()
                    .map(|(name, value)| (String::from(name), String::from(value))),
            );
            (fields_of(&signed), signed)
        } else {
            // Each name is in a body once: the fields' pairs alone give the same fields.
            (Claimed::from_pairs(replayed.selected_pairs()), Vec::new())
        }
    }

    /// The keys that could have made a signature of `hex_len` hex digits, in the order added,
    /// but `lead` first.
    fn candidates(
        &self,
        hex_len: usize,
        lead: Option<usize>,
    ) -> impl Iterator<Item = (usize, &Signer)> + '_ {
        let first = lead.and_then(|index| Some((index, self.keys.get(index)?)));
        first
            .into_iter()
            .chain(
                self.keys
                    .iter()
                    .enumerate()
                    .filter(move |&(index, _)| Some(index) != lead),
            )
            .filter(move |(_, signer)| signer.algorithm().hex_len() == hex_len)
    }

    /// Why the signature `hex` cannot be compared: `None` when it is hex of a SHA-1, SHA-256 or
    /// SHA-512 length, else the error of reading it (`None` for `hex`: too long to be one).
    fn unmatched(&self, hex: Option<&str>) -> Option<Error> {
        let Some(hex) = hex else {
            // Longer than the scan's text: no signature of any algorithm.
            return Some(self.length_error(usize::MAX));
        };
        let algorithm = HashAlgorithm::ALL
            .into_iter()
            .find(|algorithm| algorithm.hex_len() == hex.len());
        match algorithm {
            Some(algorithm) => Signature::parse_hex(algorithm, hex).err(),
            None => Some(self.length_error(hex.chars().count())),
        }
    }

    /// [`Error::SignatureLength`] against the first key's algorithm (SHA-512 when none).
    fn length_error(&self, found: usize) -> Error {
        let expected = self
            .keys
            .first()
            .map_or(HashAlgorithm::Sha512, Signer::algorithm)
            .hex_len();
        Error::SignatureLength { expected, found }
    }

    /// Tries every list and key on the set the scan decoded.
    fn audit_decoded(
        &self,
        decoded: &Decoded<'_, '_>,
        transport: TransportCharset,
        lead: Option<usize>,
    ) -> Outcome {
        let ascii = decoded.is_ascii();
        let unverified = |error| Outcome::Unverified { error, ascii };
        let signature = match decoded.signature_slot() {
            Ok(slot) => slot,
            Err(error) => return unverified(Some(error)),
        };
        let hex = decoded.signature_text(signature);
        if let Some(error) = self.unmatched(hex) {
            return unverified(Some(error));
        }
        let hex_len = hex.map_or(usize::MAX, str::len);
        if self.candidates(hex_len, lead).next().is_none() {
            return unverified(None);
        }
        let mut nothing_signed = true;
        for (list, allow, scheme) in &self.lists {
            let rules = Rules {
                list: allow,
                scheme: *scheme,
            };
            // What the list hashes, gathered once for every key (the keys' signers differ in
            // passphrase and algorithm only).
            let pieces = self
                .candidates(hex_len, lead)
                .next()
                .and_then(|(_, signer)| decoded.pieces(signer, rules));
            for (index, signer) in self.candidates(hex_len, lead) {
                let checked = match &pieces {
                    Some(pieces) => decoded.check_pieces(pieces, signature, signer),
                    None => decoded.check_with(signature, signer, rules),
                };
                match checked {
                    Ok(verified) if self.signed_pairs => {
                        let signed = decoded
                            .to_signed(signer, rules, verified)
                            .unwrap_or_default();
                        let fields = fields_of(&signed);
                        return Outcome::Verified(found(
                            index, signer, transport, *list, fields, signed,
                        ));
                    }
                    Ok(_) => {
                        let fields = match &pieces {
                            Some(pieces) => Claimed::from_pairs(decoded.pairs(pieces)),
                            None => Claimed::read(|name| decoded.signed_value(signer, rules, name)),
                        };
                        let signed = Vec::new();
                        return Outcome::Verified(found(
                            index, signer, transport, *list, fields, signed,
                        ));
                    }
                    Err(Error::NothingSigned) => break,
                    Err(_) => nothing_signed = false,
                }
            }
        }
        unverified(nothing_signed.then_some(Error::NothingSigned))
    }

    /// [`Auditor::audit_decoded`] for a body of more parameters than the scan holds.
    fn audit_params(
        &self,
        params: &Params,
        transport: TransportCharset,
        lead: Option<usize>,
    ) -> Outcome {
        let ascii = params
            .iter()
            .all(|(name, value)| name.is_ascii() && value.is_ascii());
        let unverified = |error| Outcome::Unverified { error, ascii };
        let hex = match (params.get("SHASIGN"), params.get("SHASIGNATURE.SHASIGN")) {
            (Some(_), Some(_)) => return unverified(Some(Error::TwoSignatures)),
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => return unverified(Some(Error::MissingSignature)),
        };
        if let Some(error) = self.unmatched(Some(hex)) {
            return unverified(Some(error));
        }
        if self.candidates(hex.len(), lead).next().is_none() {
            return unverified(None);
        }
        let mut nothing_signed = true;
        for (list, allow, scheme) in &self.lists {
            for (index, signer) in self.candidates(hex.len(), lead) {
                let signer = signer.clone().with_list(allow.clone()).with_scheme(*scheme);
                match signer.verify_shasign(params) {
                    Ok(()) => {
                        let mut signed = signed_params(&signer, params);
                        let fields = fields_of(&signed);
                        if !self.signed_pairs {
                            signed = Vec::new();
                        }
                        return Outcome::Verified(found(
                            index, &signer, transport, *list, fields, signed,
                        ));
                    }
                    Err(Error::NothingSigned) => break,
                    Err(_) => nothing_signed = false,
                }
            }
        }
        unverified(nothing_signed.then_some(Error::NothingSigned))
    }
}

/// The verdict's record of a verified body.
fn found(
    key: usize,
    signer: &Signer,
    transport: TransportCharset,
    list: AuditList,
    fields: Claimed,
    signed: Vec<(String, String)>,
) -> AuditedFeedback {
    AuditedFeedback {
        key,
        algorithm: signer.algorithm(),
        transport,
        list,
        fields,
        signed,
    }
}

/// The fields, read from the signed pairs.
fn fields_of(signed: &[(String, String)]) -> Claimed {
    Claimed::from_pairs(
        signed
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
    )
}

/// What `signer` hashed of `params`, in hash order (the legacy scheme's empty fields left out).
fn signed_params(signer: &Signer, params: &Params) -> Vec<(String, String)> {
    let pair = |name: &str, value: &str| (String::from(name), String::from(value));
    match signer.scheme() {
        Scheme::EachParameter => params
            .entries_in(signer.order())
            .filter(|&entry| signer.covers(entry))
            .map(|entry| pair(entry.name(), entry.value()))
            .collect(),
        Scheme::LegacyMainParameters => legacy_fields(signer.direction())
            .iter()
            .filter_map(|&name| {
                params
                    .get(name)
                    .filter(|v| !v.is_empty())
                    .map(|v| pair(name, v))
            })
            .collect(),
    }
}

/// The claimed fields of a body `transport` reads (decoded again: only bodies that do not
/// verify get here).
fn read_claimed(body: &[u8], transport: TransportCharset) -> Claimed {
    match with_decoded(body, transport, |decoded| {
        Claimed::read(|name| decoded.value_of(name))
    }) {
        Ok(Some(claimed)) => claimed,
        Ok(None) => match Params::parse_form(body, transport) {
            Ok(params) => Claimed::read(|name| params.get(name).map(String::from)),
            Err(_) => Claimed::default(),
        },
        Err(_) => Claimed::default(),
    }
}

/// The claimed fields of a body no transport reads: each pair on its own, its value in the
/// first transport charset that decodes it. A field given twice with two values is left out
/// (which one would it claim?).
fn lenient_claimed(body: &[u8], transports: &[TransportCharset]) -> Claimed {
    let body = body.strip_prefix(b"?").unwrap_or(body);
    Claimed::read(|upper| {
        let mut found: Option<String> = None;
        for pair in body.split(|&b| b == b'&') {
            let name = pair.split(|&b| b == b'=').next().unwrap_or_default();
            if !name.eq_ignore_ascii_case(upper.as_bytes()) {
                continue;
            }
            let Some(value) = transports.iter().find_map(|&transport| {
                with_decoded(pair, transport, |decoded| decoded.value_of(upper))
                    .ok()
                    .flatten()
                    .flatten()
            }) else {
                continue;
            };
            match &found {
                Some(earlier) if *earlier != value => return None,
                _ => found = Some(value),
            }
        }
        found
    })
}
