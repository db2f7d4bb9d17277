//! What the auditor says of one stored body: the lists it tries, the verdict, the fields.

use alloc::string::String;
use alloc::vec::Vec;

use crate::charset::TransportCharset;
use crate::error::Error;
use crate::signing::signature::HashAlgorithm;

/// A way a stored feedback may have been signed, as the auditor tries it.
///
/// ```
/// use ogone::audit::AuditList;
///
/// assert_eq!(AuditList::FlexCheckout.as_str(), "flexcheckout-out");
/// assert_eq!(AuditList::parse("legacy"), Some(AuditList::LegacyShaOut));
/// assert_eq!(AuditList::parse("sha-in"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuditList {
    /// e-Commerce feedback: each parameter of the SHA-OUT list (`sha-out`).
    ShaOut,
    /// FlexCheckout redirects: each parameter of the FlexCheckout SHA-OUT list
    /// (`flexcheckout-out`).
    FlexCheckout,
    /// Alias Gateway results: each parameter of the Alias Gateway SHA-OUT list
    /// (`alias-gateway-out`).
    AliasGateway,
    /// The legacy "main parameters only" scheme of SHA-OUT: the values of ORDERID CURRENCY
    /// AMOUNT PM ACCEPTANCE STATUS CARDNO PAYID NCERROR BRAND, then the passphrase (`legacy`).
    LegacyShaOut,
}

impl AuditList {
    /// Every list, in declaration order.
    ///
    /// ```
    /// use ogone::audit::AuditList;
    ///
    /// for list in AuditList::ALL {
    ///     assert_eq!(AuditList::parse(list.as_str()), Some(list));
    /// }
    /// ```
    pub const ALL: [AuditList; 4] = [
        AuditList::ShaOut,
        AuditList::FlexCheckout,
        AuditList::AliasGateway,
        AuditList::LegacyShaOut,
    ];

    /// The short name: `sha-out`, `flexcheckout-out`, `alias-gateway-out` (as
    /// [`ListKind::as_str`](crate::ListKind::as_str) names those lists) or `legacy`.
    ///
    /// ```
    /// assert_eq!(ogone::audit::AuditList::ShaOut.as_str(), "sha-out");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            AuditList::ShaOut => "sha-out",
            AuditList::FlexCheckout => "flexcheckout-out",
            AuditList::AliasGateway => "alias-gateway-out",
            AuditList::LegacyShaOut => "legacy",
        }
    }

    /// Parses a short name as printed by [`AuditList::as_str`].
    ///
    /// ```
    /// use ogone::audit::AuditList;
    ///
    /// assert_eq!(AuditList::parse("alias-gateway-out"), Some(AuditList::AliasGateway));
    /// assert_eq!(AuditList::parse("SHA-OUT"), None);
    /// ```
    #[must_use]
    pub fn parse(s: &str) -> Option<AuditList> {
        AuditList::ALL.into_iter().find(|list| list.as_str() == s)
    }
}

/// The fields an auditor reports of a body: order id, PAYID, STATUS, amount and currency, as
/// sent. In a [`Verdict::Verified`] they are read from the signed fields only; otherwise they
/// are what the body *claims*, unverified: log them, never act on them.
///
/// ```
/// use ogone::audit::{Auditor, Claimed};
///
/// let verdict = Auditor::new().audit(b"orderID=12&STATUS=9&amount=15&SHASIGN=00");
/// assert_eq!(verdict.claimed().order_id.as_deref(), Some("12"));
/// assert_eq!(verdict.claimed().amount.as_deref(), Some("15"));
/// assert_eq!(Claimed::default().status, None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Claimed {
    /// `ORDERID` (or, for FlexCheckout, `ALIAS.ORDERID`).
    pub order_id: Option<String>,
    /// `PAYID`.
    pub pay_id: Option<String>,
    /// `STATUS`, the code as sent.
    pub status: Option<String>,
    /// `AMOUNT`, as sent (`15.5`, not minor units).
    pub amount: Option<String>,
    /// `CURRENCY`.
    pub currency: Option<String>,
}

impl Claimed {
    /// The fields, each looked up by its upper-case name with `get`.
    pub(crate) fn read(mut get: impl FnMut(&str) -> Option<String>) -> Claimed {
        Claimed {
            order_id: get("ORDERID").or_else(|| get("ALIAS.ORDERID")),
            pay_id: get("PAYID"),
            status: get("STATUS"),
            amount: get("AMOUNT"),
            currency: get("CURRENCY"),
        }
    }

    /// Whether `upper` (an upper-case name) is the name of one of the fields: a name that
    /// [`Claimed::from_pairs`] reads, by the same rule.
    pub(crate) fn is_field(upper: &str) -> bool {
        first_values([(upper, "-")]).iter().any(Option::is_some)
    }

    /// The fields of `pairs` (upper-case names, values), in one pass: the first non-empty
    /// value of each field's name, the order id from `ORDERID` or else `ALIAS.ORDERID`.
    pub(crate) fn from_pairs<'p>(pairs: impl IntoIterator<Item = (&'p str, &'p str)>) -> Claimed {
        let [order_id, pay_id, status, amount, currency] = first_values(pairs);
        Claimed {
            order_id: order_id.map(String::from),
            pay_id: pay_id.map(String::from),
            status: status.map(String::from),
            amount: amount.map(String::from),
            currency: currency.map(String::from),
        }
    }

    /// [`Claimed::from_pairs`] into these fields: a field that had a value and has one again
    /// keeps its string (no allocation when the new value fits in it).
    pub(crate) fn assign_pairs<'p>(&mut self, pairs: impl IntoIterator<Item = (&'p str, &'p str)>) {
        let [order_id, pay_id, status, amount, currency] = first_values(pairs);
        assign(&mut self.order_id, order_id);
        assign(&mut self.pay_id, pay_id);
        assign(&mut self.status, status);
        assign(&mut self.amount, amount);
        assign(&mut self.currency, currency);
    }
}

/// The values of the fields in `pairs`: order id, PAYID, STATUS, amount, currency (see
/// [`Claimed::from_pairs`]).
fn first_values<'p>(pairs: impl IntoIterator<Item = (&'p str, &'p str)>) -> [Option<&'p str>; 5] {
    let (mut order_id, mut alias_order_id) = (None, None);
    let (mut pay_id, mut status, mut amount, mut currency) = (None, None, None, None);
    for (name, value) in pairs {
        let field = match name {
            "ORDERID" => &mut order_id,
            "ALIAS.ORDERID" => &mut alias_order_id,
            "PAYID" => &mut pay_id,
            "STATUS" => &mut status,
            "AMOUNT" => &mut amount,
            "CURRENCY" => &mut currency,
            _ => continue,
        };
        if field.is_none() && !value.is_empty() {
            *field = Some(value);
        }
    }
    [
        order_id.or(alias_order_id),
        pay_id,
        status,
        amount,
        currency,
    ]
}

/// Sets `field` to `value`, in the string it holds when it holds one.
fn assign(field: &mut Option<String>, value: Option<&str>) {
    match (field.as_mut(), value) {
        (Some(held), Some(value)) => {
            held.clear();
            held.push_str(value);
        }
        (None, Some(value)) => *field = Some(String::from(value)),
        (_, None) => *field = None,
    }
}

/// A body whose signature one of the auditor's configurations verifies.
///
/// ```
/// use ogone::audit::{AuditList, Auditor};
/// use ogone::simulate::{FeedbackSimulator, Transaction};
/// use ogone::{Amount, HashAlgorithm, ShaOutKey, TransportCharset};
///
/// let key = ShaOutKey::new("Another-secret-for-OUT");
/// let tx = Transaction::paid("WEB-1", "3014726", Amount::from_minor_units(4250)?, "EUR");
/// let body = FeedbackSimulator::new(&key, HashAlgorithm::Sha256).body(&tx)?;
/// let auditor = Auditor::new().with_key(&key, HashAlgorithm::Sha256);
/// let ogone::audit::Verdict::Verified(found) = auditor.audit(body.as_bytes()) else {
///     panic!("not verified");
/// };
/// assert_eq!((found.key, found.list), (0, AuditList::ShaOut));
/// assert_eq!(found.transport, TransportCharset::Utf8);
/// assert_eq!(found.fields.amount.as_deref(), Some("42.5"));
/// assert!(found.signed.iter().any(|(name, value)| name == "PAYID" && value == "3014726"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditedFeedback {
    /// The index of the key that verified it, in the order the keys were added (from 0).
    pub key: usize,
    /// That key's algorithm.
    pub algorithm: HashAlgorithm,
    /// The transport charset its escapes were read in.
    pub transport: TransportCharset,
    /// The list (or legacy scheme) it was signed with.
    pub list: AuditList,
    /// The order id, PAYID, STATUS, amount and currency, from the signed fields only.
    pub fields: Claimed,
    /// Every signed parameter, upper-case name and decoded value, in the order they were
    /// hashed.
    pub signed: Vec<(String, String)>,
}

/// What the auditor says of one stored body.
///
/// ```
/// use ogone::audit::{Auditor, Verdict};
/// use ogone::{Error, HashAlgorithm, ShaOutKey};
///
/// let auditor = Auditor::new().with_key(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let forged = auditor.audit(b"orderID=12&STATUS=9&SHASIGN=0000000000000000000000000000000000000000");
/// assert_eq!(forged.as_str(), "not-authentic");
/// assert_eq!(forged.claimed().order_id.as_deref(), Some("12"));
/// let broken = auditor.audit(b"orderID=%zz&STATUS=9");
/// assert_eq!(broken.as_str(), "malformed");
/// assert_eq!(broken.error(), Some(&Error::MalformedEscape { offset: 8 }));
/// assert_eq!(broken.claimed().status.as_deref(), Some("9"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A key, a transport charset and a list verify the body.
    Verified(AuditedFeedback),
    /// The body reads, but none of the configurations verifies its signature.
    NotAuthentic {
        /// What the body claims (unverified), read in the first transport charset that
        /// decodes it.
        claimed: Claimed,
    },
    /// No transport charset reads the body as signed feedback.
    Malformed {
        /// Why, as the first transport charset tried found it.
        error: Error,
        /// Whatever fields can still be read (unverified).
        claimed: Claimed,
    },
}

impl Verdict {
    /// `verified`, `not-authentic` or `malformed`.
    ///
    /// ```
    /// let verdict = ogone::audit::Auditor::new().audit(b"orderID=12");
    /// assert_eq!(verdict.as_str(), "malformed"); // no SHASIGN
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Verified(_) => "verified",
            Verdict::NotAuthentic { .. } => "not-authentic",
            Verdict::Malformed { .. } => "malformed",
        }
    }

    /// The fields: the signed ones of a verified body, the claimed ones otherwise.
    ///
    /// ```
    /// let verdict = ogone::audit::Auditor::new().audit(b"PAYID=7&SHASIGN=zz");
    /// assert_eq!(verdict.claimed().pay_id.as_deref(), Some("7"));
    /// ```
    #[must_use]
    pub fn claimed(&self) -> &Claimed {
        match self {
            Verdict::Verified(feedback) => &feedback.fields,
            Verdict::NotAuthentic { claimed } | Verdict::Malformed { claimed, .. } => claimed,
        }
    }

    /// The error of a malformed body.
    ///
    /// ```
    /// use ogone::Error;
    ///
    /// let verdict = ogone::audit::Auditor::new().audit(b"orderID=12");
    /// assert_eq!(verdict.error(), Some(&Error::MissingSignature));
    /// ```
    #[must_use]
    pub fn error(&self) -> Option<&Error> {
        match self {
            Verdict::Malformed { error, .. } => Some(error),
            Verdict::Verified(_) | Verdict::NotAuthentic { .. } => None,
        }
    }
}
