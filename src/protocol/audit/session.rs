//! A run of audits that remembers which key verified last, and the names of the last body.

use core::fmt;

use crate::protocol::audit::auditor::Auditor;
use crate::protocol::audit::verdict::{Claimed, Verdict};
use crate::signing::scan::NameMemo;
use crate::signing::scan::replay::{Plan, Room};

/// An [`Auditor`] over a run of bodies (an archive, read in order): each body is audited as
/// [`Auditor::audit`] audits it, with the same verdict, but the key that verified the previous
/// body is tried first. An archive is kept in time order and keys rotate seldom, so most
/// bodies are then hashed once, with the right key, however many keys the auditor holds.
///
/// The verdict cannot change: in each transport charset and list the keys are tried in turn
/// until one verifies, and two keys verify the same body only if they have the same algorithm
/// and hash their passphrases as the same bytes; the auditor never tries such a key (the
/// later of the two) first. Only the transport charsets and lists are still tried in their
/// order, so a body read in the second charset, or signed on the second list, still costs
/// what the earlier ones cost. A body that does not verify costs what it costs
/// [`Auditor::audit`]: every key is tried.
///
/// A session also remembers the names of the last body, as sent, and what they decode to
/// (upper-cased, their lists, their sort keys, their order): the feedback of one account
/// repeats the same names in the same order, so a body whose names are the last one's, as
/// sent, is only split and its values decoded; it is not upper-cased, looked up or sorted
/// again. Only names that need no decoding are remembered (their meaning then depends on their
/// bytes alone, in every charset), and no value: a body with other names is decoded in full,
/// and remembered in their place. The verdict is the same either way.
///
/// Once a body has verified, the session also knows which of those names the key's list
/// hashes, in which order, and which is the signature. The next body with the same names,
/// as sent, is then read in one pass: each name is compared with the last body's, and only the
/// values are split, decoded and hashed with that key. This shortcut answers only a body it
/// verifies (in the first transport charset that decodes it, on the first list: the first
/// configuration the auditor would try); anything else (other names, a value it cannot place,
/// a signature that does not match) is audited the long way, as above.
///
/// A session borrows its auditor and is cheap to make (no allocation: about 24 KB that live
/// where the session lives); make one a thread.
///
/// ```
/// use ogone::audit::{Auditor, Verdict};
/// use ogone::simulate::{FeedbackSimulator, Transaction};
/// use ogone::{Amount, HashAlgorithm, ShaOutKey};
///
/// let keys = [ShaOutKey::new("Key-2019"), ShaOutKey::new("Key-2021"), ShaOutKey::new("Key-2023")];
/// let auditor = keys
///     .iter()
///     .fold(Auditor::new(), |auditor, key| auditor.with_key(key, HashAlgorithm::Sha256));
/// let simulator = FeedbackSimulator::new(&keys[2], HashAlgorithm::Sha256);
/// let mut session = auditor.session();
/// for n in 1..=3 {
///     let tx = Transaction::paid(&format!("WEB-{n}"), "3014726", Amount::from_minor_units(4250)?, "EUR");
///     let body = simulator.body(&tx)?;
///     // After the first body, key 2 is tried first: one hash a body.
///     let verdict = session.audit(body.as_bytes());
///     assert_eq!(verdict, auditor.audit(body.as_bytes()));
///     let Verdict::Verified(found) = verdict else { panic!("not verified") };
///     assert_eq!(found.key, 2);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct AuditSession<'a> {
    auditor: &'a Auditor,
    /// The key that verified the last verified body.
    lead: Option<usize>,
    /// The names of the last body, as sent and as decoded (on the session, not the heap).
    names: NameMemo,
    /// What `lead` hashes of those names, once a body with them has verified.
    plan: Option<Plan>,
    /// Where a replay decodes the values.
    room: Room,
}

impl fmt::Debug for AuditSession<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditSession")
            .field("auditor", &self.auditor)
            .field("lead", &self.lead)
            .field("names_kept", &self.names.len())
            .finish()
    }
}

// Defined beside the session, so that auditor.rs need not import this file (tests/layers.rs
// forbids a cycle between the files of src/).
impl Auditor {
    /// A session over this auditor, for a run of bodies: see [`AuditSession`].
    ///
    /// ```
    /// use ogone::audit::Auditor;
    /// use ogone::{HashAlgorithm, ShaOutKey};
    ///
    /// let auditor = Auditor::new().with_key(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// let mut session = auditor.session();
    /// assert_eq!(session.audit(b"orderID=1&STATUS=9").as_str(), "malformed");
    /// ```
    #[must_use]
    pub fn session(&self) -> AuditSession<'_> {
        AuditSession::new(self)
    }
}

impl<'a> AuditSession<'a> {
    /// A session with no key to try first yet.
    pub(crate) fn new(auditor: &'a Auditor) -> AuditSession<'a> {
        AuditSession {
            auditor,
            lead: None,
            names: NameMemo::new(),
            plan: None,
            room: Room::new(),
        }
    }

    /// The verdict on one stored body: [`Auditor::audit`]'s, the key that verified the
    /// previous body tried first.
    ///
    /// ```
    /// use ogone::audit::Auditor;
    /// use ogone::{HashAlgorithm, ShaOutKey};
    ///
    /// // Ingenico's e-Commerce guide, SHA-OUT example.
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let auditor = Auditor::new()
    ///     .with_key(&ShaOutKey::new("Retired-2019-key"), HashAlgorithm::Sha1)
    ///     .with_key(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// let mut session = auditor.session();
    /// assert_eq!(session.audit(body), auditor.audit(body)); // key 1, after trying key 0
    /// assert_eq!(session.audit(body), auditor.audit(body)); // key 1, tried first
    /// ```
    #[must_use]
    pub fn audit(&mut self, body: &[u8]) -> Verdict {
        // Into a verdict that holds no string: the same verdict, the same allocations.
        let mut verdict = Verdict::NotAuthentic {
            claimed: Claimed::default(),
        };
        self.audit_into(body, &mut verdict);
        verdict
    }

    /// [`AuditSession::audit`] into `verdict`, which it replaces: the same verdict, but a
    /// body replayed after a verified body reuses the strings `verdict` holds for its fields
    /// (order id, PAYID, STATUS, amount, currency), so that a run of such bodies allocates
    /// nothing once the strings are long enough. That needs
    /// [`Auditor::with_signed_pairs`]`(false)`: the list of signed pairs, when kept, is new
    /// strings each time. For a bulk run that reads each verdict and goes on to the next.
    ///
    /// ```
    /// use ogone::audit::{Auditor, Verdict};
    /// use ogone::simulate::{FeedbackSimulator, Transaction};
    /// use ogone::{Amount, HashAlgorithm, ShaOutKey};
    ///
    /// let key = ShaOutKey::new("Key-2023");
    /// let auditor = Auditor::new().with_key(&key, HashAlgorithm::Sha256).with_signed_pairs(false);
    /// let simulator = FeedbackSimulator::new(&key, HashAlgorithm::Sha256);
    /// let mut session = auditor.session();
    /// let mut verdict = Verdict::NotAuthentic { claimed: Default::default() };
    /// for n in 1..=3 {
    ///     let tx = Transaction::paid(&format!("WEB-{n}"), "3014726", Amount::from_minor_units(4250)?, "EUR");
    ///     let body = simulator.body(&tx)?;
    ///     session.audit_into(body.as_bytes(), &mut verdict);
    ///     assert_eq!(verdict, auditor.audit(body.as_bytes()));
    /// }
    /// assert_eq!(verdict.claimed().order_id.as_deref(), Some("WEB-3"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn audit_into(&mut self, body: &[u8], verdict: &mut Verdict) {
        if let (Some(lead), Some(plan)) = (self.lead, &self.plan) {
            let replayed = self.auditor.audit_replay_into(
                body,
                lead,
                &self.names,
                plan,
                &mut self.room,
                verdict,
            );
            if replayed.is_some() {
                return;
            }
        }
        *verdict = self.audit_long(body);
    }

    /// The long way: every transport, list and key, `lead` first; then the key and the plan
    /// for the next body.
    fn audit_long(&mut self, body: &[u8]) -> Verdict {
        let verdict = self
            .auditor
            .audit_first(body, self.lead, Some(&mut self.names));
        // The memo may hold other names now: a plan only for a body just verified with them.
        self.plan = None;
        if let Verdict::Verified(found) = &verdict {
            self.lead = Some(found.key);
            self.plan = self.auditor.plan(found.key, found.list, &self.names);
        }
        verdict
    }

    /// The auditor the session audits with.
    ///
    /// ```
    /// let auditor = ogone::audit::Auditor::new();
    /// assert_eq!(auditor.session().auditor().key_count(), 0);
    /// ```
    #[must_use]
    pub fn auditor(&self) -> &'a Auditor {
        self.auditor
    }
}
