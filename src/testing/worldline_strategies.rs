//! [proptest](https://docs.rs/proptest) strategies for Worldline Direct webhooks (features
//! `proptest` and `worldline`), the Direct counterpart of the legacy
//! [`strategies`](crate::strategies) of feedback:
//!
//! - events as Worldline reports them, [`simulated_event`]: every [`EventKind`], non-blank
//!   event ids (derived UUID-shaped ones, or free text with `"`, `\`, non-ASCII), merchant
//!   references of up to 30 characters holding the same, amounts from 0 to
//!   [`MAX_MINOR_UNITS`], ISO 4217 currencies;
//! - the same events signed by a [`WebhookSimulator`], with any key it holds (the rotated ones
//!   too), [`signed_webhook`];
//! - signed webhooks tampered with, [`tampered_webhook`], each with the error
//!   [`WebhookVerifier::verify`](crate::worldline::WebhookVerifier::verify) must answer: a body
//!   byte changed, the signature of another body, another secret under the same key id, a key
//!   id the endpoint does not know, a header dropped or repeated, an unpadded signature.
//!
//! ```
//! use ogone::simulate_worldline::WebhookSimulator;
//! use ogone::worldline::{Error, WebhookVerifier};
//! use ogone::worldline_strategies::{signed_webhook, tampered_webhook};
//! use proptest::prelude::*;
//!
//! // Your webhook handler: verify, then act on the order.
//! fn handle(verifier: &WebhookVerifier, body: &[u8], headers: &[(&str, &str)]) -> Result<String, Error> {
//!     let event = verifier.verify(body, headers.iter().copied())?;
//!     Ok(event.id)
//! }
//!
//! let simulator = WebhookSimulator::parse("key-2026", "new-secret")?.with_rotated("key-2025", "old-secret")?;
//! let verifier = WebhookVerifier::new(simulator.keys().clone());
//! proptest!(ProptestConfig::with_cases(32), |(signed in signed_webhook(simulator.clone()))| {
//!     let id = handle(&verifier, &signed.webhook.body, &signed.webhook.headers())?;
//!     prop_assert_eq!(id, signed.event.event_id());
//! });
//! proptest!(ProptestConfig::with_cases(32), |(forged in tampered_webhook(simulator.clone()))| {
//!     let headers: Vec<(&str, &str)> = forged.headers().collect();
//!     prop_assert_eq!(handle(&verifier, &forged.body, &headers), Err(forged.expected.clone()));
//! });
//! # Ok::<(), ogone::worldline::Error>(())
//! ```
//!
//! The strategies shrink towards short ASCII text and the first event kind.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use proptest::collection::vec as vec_of;
use proptest::prelude::*;
use proptest::sample::{Index, select};

use crate::protocol::amount::{Amount, MAX_MINOR_UNITS};
use crate::protocol::validate::CURRENCIES;
use crate::testing::simulate_worldline::{
    EventKind, SignedWebhook, SimulatedEvent, WebhookSimulator,
};
use crate::worldline::error::Error;
use crate::worldline::webhook::{KEY_ID_HEADER, SIGNATURE_HEADER};

/// Any event kind.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let kind = ogone::worldline_strategies::event_kind().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
/// assert!(ogone::simulate_worldline::EventKind::ALL.contains(&kind));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn event_kind() -> impl Strategy<Value = EventKind> {
    select(EventKind::ALL.to_vec())
}

/// Characters of free text: ASCII first (shrinking goes there), then what a JSON writer must
/// escape or keep as UTF-8.
const CHARS: &[char] = &[
    'A', 'B', 'Z', 'a', 'z', '0', '1', '9', '-', '_', '.', ' ', '/', '"', '\\', '\'', '<', '&',
    '{', '}', ':', ',', 'é', 'ß', 'ñ', '€', '中', '😀', '\u{2028}', '\u{feff}',
];

const ALNUM: &[char] = &[
    'A', 'B', 'C', 'X', 'Z', 'a', 'b', 'q', 'z', '0', '1', '4', '7', '9',
];

/// `1 + rest` characters: an ASCII letter or digit, then free text (never blank).
fn non_blank_text(rest: usize) -> BoxedStrategy<String> {
    (select(ALNUM), vec_of(select(CHARS), 0..=rest))
        .prop_map(|(first, tail)| core::iter::once(first).chain(tail).collect())
        .boxed()
}

fn created() -> BoxedStrategy<String> {
    const OFFSETS: &[&str] = &["+0100", "+0200", "+0000", "-0500", "+0530"];
    (
        2017u32..=2030,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
        0u32..1000,
        select(OFFSETS),
    )
        .prop_map(|(y, mo, d, h, mi, s, ms, offset)| {
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}{offset}")
        })
        .boxed()
}

/// Any event a Worldline account may be sent, as the simulator describes it: every kind, an
/// event id that is derived (UUID-shaped) or given (never blank), a payment id derived or
/// given (`<ten digits>_<n>`), a merchant id, a merchant reference of 1 to 30 characters
/// (never blank), an amount from 0 to [`MAX_MINOR_UNITS`] and an ISO 4217 currency.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let event = ogone::worldline_strategies::simulated_event().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
/// assert!(!event.event_id().trim().is_empty());
/// assert!(event.merchant_reference.chars().count() <= 30);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn simulated_event() -> impl Strategy<Value = SimulatedEvent> {
    (
        event_kind(),
        prop::option::of(non_blank_text(40)),
        created(),
        vec_of(select(ALNUM), 1..=20).prop_map(String::from_iter),
        prop::option::of((1_000_000_000u64..=9_999_999_999, 0u8..=3)),
        non_blank_text(29),
        (0..=MAX_MINOR_UNITS).prop_filter_map("an amount", |m| Amount::from_minor_units(m).ok()),
        select(CURRENCIES),
    )
        .prop_map(
            |(kind, id, created, merchant_id, payment_id, reference, amount, currency)| {
                let mut event = SimulatedEvent::new(kind, reference, amount, currency)
                    .with_created(created)
                    .with_merchant_id(merchant_id);
                event.id = id;
                event.payment_id = payment_id.map(|(digits, n)| format!("{digits}_{n}"));
                event
            },
        )
}

/// An event and the webhook that carries it, from [`signed_webhook`].
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let simulator = ogone::simulate_worldline::WebhookSimulator::parse("k1", "s1")?;
/// let signed = ogone::worldline_strategies::signed_webhook(simulator)
///     .new_tree(&mut runner).map_err(|e| e.to_string())?.current();
/// assert_eq!(signed.webhook.body, signed.event.to_body().into_bytes());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedEvent {
    /// What the body reports.
    pub event: SimulatedEvent,
    /// The body and headers.
    pub webhook: SignedWebhook,
}

/// Events from [`simulated_event`], signed by `simulator` with any key it holds (the signing
/// one or a rotated one). Each verifies with a verifier over `simulator.keys()`.
///
/// ```
/// use proptest::prelude::*;
/// use ogone::simulate_worldline::WebhookSimulator;
/// use ogone::worldline::WebhookVerifier;
/// let simulator = WebhookSimulator::parse("key-2026", "new-secret")?.with_rotated("key-2025", "old-secret")?;
/// let verifier = WebhookVerifier::new(simulator.keys().clone());
/// proptest!(ProptestConfig::with_cases(16), |(signed in ogone::worldline_strategies::signed_webhook(simulator.clone()))| {
///     let event = verifier.verify(&signed.webhook.body, signed.webhook.headers())?;
///     prop_assert_eq!(event.kind.as_deref(), Some(signed.event.kind.event_type()));
/// });
/// # Ok::<(), ogone::worldline::Error>(())
/// ```
pub fn signed_webhook(simulator: WebhookSimulator) -> impl Strategy<Value = SignedEvent> {
    (simulated_event(), any::<Index>()).prop_filter_map(
        "a key to sign with",
        move |(event, key)| {
            let ids: Vec<&str> = simulator.key_ids().collect();
            let key_id = *ids.get(key.index(ids.len().max(1)))?;
            let webhook = simulator.sign_with(key_id, event.to_body()).ok()?;
            Some(SignedEvent { event, webhook })
        },
    )
}

/// How a [`TamperedWebhook`] differs from what Worldline signed.
///
/// ```
/// use ogone::worldline_strategies::WebhookTampering;
/// let t = WebhookTampering::BodyByte { at: 3 };
/// assert_eq!(t, WebhookTampering::BodyByte { at: 3 });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookTampering {
    /// One byte of the body changed.
    BodyByte {
        /// Its offset in the body.
        at: usize,
    },
    /// The signature is the genuine one of another body (another event, or this body with a
    /// newline added).
    OtherBodysSignature,
    /// Signed with another secret under the same key id.
    OtherSecret,
    /// `X-GCS-KeyId` names a key the endpoint does not hold.
    UnknownKeyId {
        /// The key id sent.
        key_id: String,
    },
    /// The header is left out.
    DroppedHeader(&'static str),
    /// The header is sent twice (the same value or another).
    DuplicatedHeader(&'static str),
    /// The signature without its base64 padding.
    UnpaddedSignature,
}

/// A webhook changed after Worldline signed it, by [`tampered_webhook`].
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let simulator = ogone::simulate_worldline::WebhookSimulator::parse("k1", "s1")?;
/// let verifier = ogone::worldline::WebhookVerifier::new(simulator.keys().clone());
/// let forged = ogone::worldline_strategies::tampered_webhook(simulator)
///     .new_tree(&mut runner).map_err(|e| e.to_string())?.current();
/// assert_eq!(verifier.verify(&forged.body, forged.headers()), Err(forged.expected.clone()));
/// assert_eq!(forged.expected.kind(), ogone::ErrorKind::NotAuthentic);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TamperedWebhook {
    /// The body sent.
    pub body: Vec<u8>,
    /// The headers sent, in order: the signature headers (names in some case, possibly one
    /// missing or repeated) and a `Content-Type`.
    pub header_pairs: Vec<(String, String)>,
    /// What was changed.
    pub tampering: WebhookTampering,
    /// The error [`WebhookVerifier::verify`](crate::worldline::WebhookVerifier::verify) answers.
    pub expected: Error,
    /// What Worldline signed.
    pub original: SignedEvent,
}

impl TamperedWebhook {
    /// The headers sent, as `(name, value)` pairs for
    /// [`WebhookVerifier::verify`](crate::worldline::WebhookVerifier::verify).
    ///
    /// ```
    /// use proptest::strategy::{Strategy, ValueTree};
    /// let mut runner = proptest::test_runner::TestRunner::deterministic();
    /// let simulator = ogone::simulate_worldline::WebhookSimulator::parse("k1", "s1")?;
    /// let forged = ogone::worldline_strategies::tampered_webhook(simulator)
    ///     .new_tree(&mut runner).map_err(|e| e.to_string())?.current();
    /// assert!(forged.headers().any(|(name, _)| name == "Content-Type"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.header_pairs
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

/// A header name as sent: canonical, lower-case (HTTP/2) or upper-case.
fn cased(name: &str, case: u8) -> String {
    match case % 3 {
        0 => name.to_owned(),
        1 => name.to_ascii_lowercase(),
        _ => name.to_ascii_uppercase(),
    }
}

/// Signed webhooks (as [`signed_webhook`]) changed in one way each: see
/// [`WebhookTampering`]. Each comes with the exact error the verifier answers, all of kind
/// `NotAuthentic`: a changed body or another body's signature or another secret is
/// `Mismatch`, an unknown key id `UnknownKeyId`, a dropped header `MissingHeader`, a repeated
/// one `DuplicatedHeader`, an unpadded signature `MalformedSignature`.
///
/// ```
/// use proptest::prelude::*;
/// use ogone::simulate_worldline::WebhookSimulator;
/// use ogone::worldline::WebhookVerifier;
/// let simulator = WebhookSimulator::parse("k1", "s1")?;
/// let verifier = WebhookVerifier::new(simulator.keys().clone());
/// proptest!(ProptestConfig::with_cases(32), |(forged in ogone::worldline_strategies::tampered_webhook(simulator.clone()))| {
///     prop_assert_eq!(verifier.verify(&forged.body, forged.headers()), Err(forged.expected.clone()));
/// });
/// # Ok::<(), ogone::worldline::Error>(())
/// ```
pub fn tampered_webhook(simulator: WebhookSimulator) -> impl Strategy<Value = TamperedWebhook> {
    (
        signed_webhook(simulator.clone()),
        simulated_event(),
        0u8..7,
        any::<Index>(),
        1u8..=255,
        (any::<u8>(), any::<u8>(), any::<bool>()),
        vec_of(select(ALNUM), 1..=16).prop_map(String::from_iter),
    )
        .prop_filter_map(
            "a tampering the verifier can tell",
            move |(original, other, how, spot, flip, (case_a, case_b, same), word)| {
                tamper(
                    &simulator,
                    original,
                    &other,
                    how,
                    &spot,
                    flip,
                    (case_a, case_b, same),
                    &word,
                )
            },
        )
}

#[allow(clippy::too_many_arguments)]
fn tamper(
    simulator: &WebhookSimulator,
    original: SignedEvent,
    other: &SimulatedEvent,
    how: u8,
    spot: &Index,
    flip: u8,
    (case_a, case_b, same): (u8, u8, bool),
    word: &str,
) -> Option<TamperedWebhook> {
    let genuine = &original.webhook;
    let mut body = genuine.body.clone();
    let mut signature = genuine.signature.clone();
    let mut key_id = genuine.key_id.clone();
    let mut extra: Option<(&'static str, String)> = None;
    let mut dropped: Option<&'static str> = None;
    let (tampering, expected) = match how {
        0 => {
            let at = spot.index(body.len().max(1));
            let byte = body.get_mut(at)?;
            *byte ^= flip;
            (WebhookTampering::BodyByte { at }, Error::Mismatch)
        }
        1 => {
            let mut other_body = other.to_body().into_bytes();
            if other_body == body {
                other_body.push(b'\n');
            }
            signature = simulator.sign_with(&key_id, other_body).ok()?.signature;
            (WebhookTampering::OtherBodysSignature, Error::Mismatch)
        }
        2 => {
            let forger = WebhookSimulator::parse(&key_id, &format!("forged-{word}")).ok()?;
            let forged = forger.sign_body(body.clone()).signature;
            if forged == signature {
                return None;
            }
            signature = forged;
            (WebhookTampering::OtherSecret, Error::Mismatch)
        }
        3 => {
            let unknown = format!("{key_id}-{word}");
            if simulator.keys().contains(&unknown) {
                return None;
            }
            key_id.clone_from(&unknown);
            (
                WebhookTampering::UnknownKeyId { key_id: unknown },
                Error::UnknownKeyId,
            )
        }
        4 => {
            let name = if same {
                SIGNATURE_HEADER
            } else {
                KEY_ID_HEADER
            };
            dropped = Some(name);
            (
                WebhookTampering::DroppedHeader(name),
                Error::MissingHeader(name),
            )
        }
        5 => {
            let (name, value) = if same {
                let value = if case_b % 2 == 0 {
                    signature.clone()
                } else {
                    simulator
                        .sign_with(&key_id, other.to_body())
                        .ok()?
                        .signature
                };
                (SIGNATURE_HEADER, value)
            } else {
                let value = if case_b % 2 == 0 {
                    key_id.clone()
                } else {
                    format!("{key_id}-{word}")
                };
                (KEY_ID_HEADER, value)
            };
            extra = Some((name, value));
            (
                WebhookTampering::DuplicatedHeader(name),
                Error::DuplicatedHeader(name),
            )
        }
        _ => {
            signature = signature.trim_end_matches('=').to_owned();
            (
                WebhookTampering::UnpaddedSignature,
                Error::MalformedSignature,
            )
        }
    };
    let mut header_pairs = Vec::new();
    header_pairs.push((
        String::from("Content-Type"),
        String::from("application/json"),
    ));
    if dropped != Some(SIGNATURE_HEADER) {
        header_pairs.push((cased(SIGNATURE_HEADER, case_a), signature));
    }
    if dropped != Some(KEY_ID_HEADER) {
        header_pairs.push((cased(KEY_ID_HEADER, case_a / 3), key_id));
    }
    if let Some((name, value)) = extra {
        header_pairs.push((cased(name, case_b / 2), value));
    }
    Some(TamperedWebhook {
        body,
        header_pairs,
        tampering,
        expected,
        original,
    })
}
