//! The Worldline webhook simulator (`ogone::simulate_worldline`) and its strategies
//! (`ogone::worldline_strategies`): what it signs verifies through `WebhookVerifier::verify`
//! and reads back, its signing path reproduces the official SDKs' webhook vectors
//! (tests/vectors/worldline_direct_sdks.txt, spec section 3.2), rotation, and every tampering
//! is refused with the error announced.
#![cfg(feature = "worldline")]
// Test helpers read the vector file and fail loudly on a bad record.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ogone::simulate_worldline::{EventKind, SignedWebhook, SimulatedEvent, WebhookSimulator};
use ogone::worldline::{
    Error, EventObject, KEY_ID_HEADER, SIGNATURE_HEADER, StatusCode, WebhookKeys, WebhookVerifier,
};
use ogone::{Amount, ErrorKind};
use serde_json::Value;

#[path = "common/worldline_vectors.rs"]
mod vectors;
use vectors::{body, record, records};

/// The amount of an event's object in minor units, whatever integer type the view gives it.
trait MinorUnits {
    fn minor(&self) -> u64;
}
impl MinorUnits for i64 {
    fn minor(&self) -> u64 {
        u64::try_from(*self).expect("a non-negative amount")
    }
}
impl MinorUnits for Amount {
    fn minor(&self) -> u64 {
        self.minor_units()
    }
}

fn simulator() -> WebhookSimulator {
    WebhookSimulator::parse("key-2026", "new-webhook-secret").unwrap()
}

fn event(kind: EventKind) -> SimulatedEvent {
    SimulatedEvent::new(
        kind,
        "WEB-1001",
        Amount::from_minor_units(4250).unwrap(),
        "EUR",
    )
}

/// Reads the event back through the verifier and checks every field the simulator described.
fn reads_back(verifier: &WebhookVerifier, webhook: &SignedWebhook, sent: &SimulatedEvent) {
    let got = verifier.verify(&webhook.body, webhook.headers()).unwrap();
    assert_eq!(got.id, sent.event_id());
    assert_eq!(got.idempotency_key(), sent.event_id());
    assert_eq!(got.kind.as_deref(), Some(sent.kind.event_type()));
    assert_eq!(got.created.as_deref(), Some(sent.created.as_str()));
    assert_eq!(got.merchant_id.as_deref(), Some(sent.merchant_id.as_str()));
    let object = match (&got.payload, sent.kind.is_refund()) {
        (EventObject::Payment(p), false) | (EventObject::Refund(p), true) => p,
        (other, refund) => panic!("{other:?} for a refund: {refund}"),
    };
    assert_eq!(object.id.as_deref(), Some(sent.object_id().as_str()));
    assert_eq!(object.status.as_deref(), Some(sent.kind.status()));
    assert_eq!(
        object.status_code,
        Some(StatusCode::classify(i64::from(
            sent.kind.status_code().code()
        )))
    );
    assert_eq!(
        object.merchant_reference.as_deref(),
        Some(sent.merchant_reference.as_str())
    );
    assert_eq!(
        object.amount.as_ref().map(MinorUnits::minor),
        Some(sent.amount.minor_units())
    );
    assert_eq!(object.currency.as_deref(), Some(sent.currency.as_str()));
}

#[test]
fn every_kind_verifies_and_reads_back() {
    let simulator = simulator();
    let verifier = WebhookVerifier::new(simulator.keys().clone());
    for kind in EventKind::ALL {
        let sent = event(kind);
        let webhook = simulator.sign(&sent);
        assert_eq!(webhook.key_id, "key-2026");
        reads_back(&verifier, &webhook, &sent);
    }
}

/// The status a legacy table gives each kind: what a shop's order rule sees.
#[test]
fn each_kind_carries_the_legacy_status_of_its_meaning() {
    use ogone::PaymentState;
    let states: Vec<(EventKind, PaymentState)> = EventKind::ALL
        .iter()
        .map(|k| (*k, k.status_code().state()))
        .collect();
    assert!(states.contains(&(EventKind::PendingCapture, PaymentState::Authorised)));
    assert!(states.contains(&(EventKind::Captured, PaymentState::Captured)));
    assert!(states.contains(&(EventKind::Rejected, PaymentState::Declined)));
    assert!(states.contains(&(EventKind::Refunded, PaymentState::Refunded)));
    assert!(states.contains(&(EventKind::AuthorizationRequested, PaymentState::Pending)));
    // A late "authorised" never moves a captured order back.
    assert!(
        !EventKind::PendingCapture
            .status_code()
            .supersedes(EventKind::Captured.status_code())
    );
    assert!(
        EventKind::Refunded
            .status_code()
            .supersedes(EventKind::Captured.status_code())
    );
}

/// The body's shape, read with serde_json rather than with the crate's own reader: the SDK
/// domain classes' field names (`web_hooks_event.py`, `payment_response.py`,
/// `payment_output.py`, `payment_status_output.py`, `refund_response.py`, `refund_output.py`).
#[test]
fn the_body_has_the_fields_and_nesting_of_the_sdk_domain() {
    let simulator = simulator();
    for kind in EventKind::ALL {
        let webhook = simulator.sign(&event(kind));
        let json: Value = serde_json::from_slice(&webhook.body).unwrap();
        let (object, output) = if kind.is_refund() {
            ("refund", "refundOutput")
        } else {
            ("payment", "paymentOutput")
        };
        let envelope: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = vec!["apiVersion", "created", "id", "merchantId", object, "type"];
        expected.sort_unstable();
        assert_eq!(envelope, expected, "{kind:?}: one object only");
        let o = &json[object];
        assert_eq!(o[output]["amountOfMoney"]["amount"], 4250);
        assert_eq!(o[output]["amountOfMoney"]["currencyCode"], "EUR");
        assert_eq!(o[output]["references"]["merchantReference"], "WEB-1001");
        assert_eq!(o["status"], kind.status());
        assert_eq!(o["statusOutput"]["statusCategory"], kind.status_category());
        assert_eq!(
            o["statusOutput"]["statusCode"],
            u64::from(kind.status_code().code())
        );
        assert!(o["statusOutput"]["isCancellable"].is_boolean());
        // A refund's status output is an OrderStatusOutput: no isAuthorized.
        assert_eq!(
            o["statusOutput"].get("isAuthorized").is_some(),
            !kind.is_refund()
        );
        assert_eq!(json["apiVersion"], "v1");
    }
}

/// The layout of the official fixture: the first lines of the SDKs' `valid-body` (indentation,
/// order of the envelope, spacing, LF) come out the same for the same id, time and merchant.
#[test]
fn the_envelope_is_laid_out_as_the_sdk_fixture() {
    let w1 = body(&record("W1"));
    let w1 = String::from_utf8(w1).unwrap();
    let ours = event(EventKind::Captured)
        .with_id("8ee793f6-4553-4749-85dc-f2ef095c5ab0")
        .with_created("2017-02-02T11:24:14.040+0100")
        .with_merchant_id("20000")
        .to_body();
    let head = |text: &str| text.split('\n').take(5).collect::<Vec<_>>().join("\n");
    assert_eq!(head(&ours), head(&w1));
    assert!(!ours.ends_with('\n') && !w1.ends_with('\n'));
    // statusCodeChangeDateTime as the fixture writes it for that creation time.
    assert!(w1.contains(r#""statusCodeChangeDateTime": "20170202112414""#));
    assert!(ours.contains(r#""statusCodeChangeDateTime": "20170202112414""#));
}

/// The outside vectors: each webhook record of the SDKs' tests, signed by the simulator with the
/// record's key, gets the record's signature when the record says it is genuine (W1-W3), and
/// another when the record is a forgery (W4-W7).
#[test]
fn the_signing_path_reproduces_the_sdk_webhook_vectors() {
    let mut checked = 0;
    for r in records().into_iter().filter(|r| r.id.starts_with('W')) {
        let simulator = WebhookSimulator::parse(r.need("key_id"), r.need("secret")).unwrap();
        let signed = simulator.sign_body(body(&r));
        let genuine = matches!(
            r.need("expect").split(' ').next(),
            Some("ok" | "apiversion")
        );
        assert_eq!(signed.signature == r.need("signature"), genuine, "{}", r.id);
        assert_eq!(signed.key_id, r.need("key_id"));
        checked += 1;
    }
    assert_eq!(checked, 7);
}

#[test]
fn the_headers_are_the_ones_the_verifier_looks_for() {
    let webhook = simulator().sign_body("{}");
    let names: Vec<&str> = webhook.headers().iter().map(|(n, _)| *n).collect();
    assert_eq!(names, [SIGNATURE_HEADER, KEY_ID_HEADER]);
}

/// Rotation: while both keys are configured, a webhook signed with either verifies; once the
/// old key is removed from the endpoint, one signed with it is refused as `UnknownKeyId`.
#[test]
fn both_keys_verify_during_rotation_and_the_removed_one_fails() {
    let simulator = simulator()
        .with_rotated("key-2025", "old-webhook-secret")
        .unwrap();
    assert_eq!(
        simulator.key_ids().collect::<Vec<_>>(),
        ["key-2026", "key-2025"]
    );
    let during = WebhookVerifier::new(simulator.keys().clone());
    let sent = event(EventKind::Captured);
    let new = simulator.sign(&sent);
    let old = simulator.sign_with("key-2025", sent.to_body()).unwrap();
    assert_eq!(old.key_id, "key-2025");
    assert_ne!(old.signature, new.signature);
    reads_back(&during, &new, &sent);
    reads_back(&during, &old, &sent);

    let mut only_new = WebhookKeys::new();
    only_new.insert("key-2026", "new-webhook-secret").unwrap();
    let after = WebhookVerifier::new(only_new);
    reads_back(&after, &new, &sent);
    assert_eq!(
        after.verify(&old.body, old.headers()),
        Err(Error::UnknownKeyId)
    );
    // The old key's signature under the new key id is a mismatch, not a pass.
    let relabelled = [
        (SIGNATURE_HEADER, old.signature.as_str()),
        (KEY_ID_HEADER, "key-2026"),
    ];
    assert_eq!(after.verify(&old.body, relabelled), Err(Error::Mismatch));
    assert_eq!(
        simulator.sign_with("key-2024", sent.to_body()),
        Err(Error::UnknownKeyId)
    );
}

#[test]
fn a_rotated_key_id_given_again_replaces_its_secret() {
    let simulator = simulator()
        .with_rotated("key-2025", "first")
        .unwrap()
        .with_rotated("key-2025", "second")
        .unwrap();
    assert_eq!(simulator.key_ids().count(), 2);
    let mut second = WebhookKeys::new();
    second.insert("key-2025", "second").unwrap();
    let webhook = simulator.sign_with("key-2025", b"{}".to_vec()).unwrap();
    assert_eq!(
        WebhookVerifier::new(second).verify_signature(
            &webhook.body,
            "key-2025",
            &webhook.signature
        ),
        Ok(())
    );
    // The signing key's id: its secret is replaced, it keeps signing, no second entry.
    let replaced = simulator.with_rotated("key-2026", "third").unwrap();
    assert_eq!(
        replaced.key_ids().collect::<Vec<_>>(),
        ["key-2026", "key-2025"]
    );
    let mut third = WebhookKeys::new();
    third.insert("key-2026", "third").unwrap();
    let webhook = replaced.sign_body("{}");
    assert_eq!(
        WebhookVerifier::new(third).verify_signature(&webhook.body, "key-2026", &webhook.signature),
        Ok(())
    );
}

#[test]
fn no_secret_in_debug() {
    let simulator = simulator()
        .with_rotated("key-2025", "old-webhook-secret")
        .unwrap();
    let text = format!("{simulator:?} {:?}", simulator.keys());
    assert!(!text.contains("new-webhook-secret") && !text.contains("old-webhook-secret"));
    assert!(text.contains("key-2026") && text.contains("key-2025"));
}

#[test]
fn bad_keys_are_refused_as_the_verifier_refuses_them() {
    assert_eq!(
        WebhookSimulator::parse(" ", "s").unwrap_err(),
        Error::BlankKeyId
    );
    assert_eq!(
        WebhookSimulator::parse("k", "").unwrap_err(),
        Error::BlankSecret
    );
    assert_eq!(
        WebhookSimulator::parse("k:1", "s").unwrap_err(),
        Error::InvalidKeyId
    );
    assert_eq!(
        simulator().with_rotated("k\n", "s").unwrap_err(),
        Error::InvalidKeyId
    );
    for e in [Error::BlankKeyId, Error::BlankSecret, Error::InvalidKeyId] {
        assert_eq!(e.kind(), ErrorKind::Configuration);
    }
}

/// Text a JSON writer must escape comes back as it was: `"`, `\`, a line break, a control
/// character, U+2028, non-ASCII.
#[test]
fn text_is_escaped_and_reads_back() {
    let simulator = simulator();
    let verifier = WebhookVerifier::new(simulator.keys().clone());
    let sent = SimulatedEvent::new(
        EventKind::Captured,
        "Café \"7\" \\ a\nb\u{1}\u{2028}😀",
        Amount::from_minor_units(0).unwrap(),
        "EUR",
    )
    .with_id("e\"1\\\t");
    let webhook = simulator.sign(&sent);
    let json: Value = serde_json::from_slice(&webhook.body).unwrap();
    assert_eq!(json["id"], "e\"1\\\t");
    reads_back(&verifier, &webhook, &sent);
}

/// The simulator signs what it is given, a blank event id included, so that a handler's
/// refusal of one can be tested; the strategies never generate one.
#[test]
fn a_blank_id_is_signed_as_given() {
    let sent = event(EventKind::Captured).with_id("");
    let webhook = simulator().sign(&sent);
    let json: Value = serde_json::from_slice(&webhook.body).unwrap();
    assert_eq!(json["id"], "");
    assert_eq!(sent.event_id(), "");
}

#[test]
fn derived_ids_differ_between_events_and_stay_with_the_payment() {
    let created = event(EventKind::Created);
    let ids: Vec<String> = EventKind::ALL
        .iter()
        .map(|k| created.clone().with_kind(*k).event_id())
        .collect();
    for (i, a) in ids.iter().enumerate() {
        assert!(!a.trim().is_empty());
        assert!(ids[i + 1..].iter().all(|b| b != a), "{ids:?}");
    }
    let payments: Vec<String> = EventKind::ALL
        .iter()
        .filter(|k| !k.is_refund())
        .map(|k| created.clone().with_kind(*k).object_id())
        .collect();
    assert!(payments.iter().all(|p| *p == payments[0]));
    let other_order = SimulatedEvent::new(
        EventKind::Created,
        "WEB-1002",
        Amount::from_minor_units(4250).unwrap(),
        "EUR",
    );
    assert_ne!(other_order.object_id(), created.object_id());
    assert_ne!(other_order.event_id(), created.event_id());
}

#[cfg(feature = "proptest")]
mod properties {
    use super::*;
    use ogone::worldline_strategies::{
        WebhookTampering, signed_webhook, simulated_event, tampered_webhook,
    };
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn rotating() -> WebhookSimulator {
        simulator()
            .with_rotated("key-2025", "old-webhook-secret")
            .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn every_signed_webhook_verifies_and_reads_back(signed in signed_webhook(rotating())) {
            let verifier = WebhookVerifier::new(rotating().keys().clone());
            reads_back(&verifier, &signed.webhook, &signed.event);
        }

        #[test]
        fn every_tampered_webhook_is_refused_as_announced(forged in tampered_webhook(rotating())) {
            let verifier = WebhookVerifier::new(rotating().keys().clone());
            let got = verifier.verify(&forged.body, forged.headers());
            prop_assert_eq!(&got, &Err(forged.expected.clone()), "{:?}", forged.tampering);
            prop_assert_eq!(forged.expected.kind(), ErrorKind::NotAuthentic);
            // The original, untouched, verifies.
            prop_assert!(verifier.verify(&forged.original.webhook.body, forged.original.webhook.headers()).is_ok());
        }

        #[test]
        fn generated_events_have_non_blank_ids_and_references(event in simulated_event()) {
            prop_assert!(!event.event_id().trim().is_empty());
            prop_assert!(!event.merchant_reference.trim().is_empty());
            prop_assert!(event.merchant_reference.chars().count() <= 30);
            let json: Value = serde_json::from_str(&event.to_body()).unwrap();
            let id = event.event_id();
            prop_assert_eq!(json["id"].as_str(), Some(id.as_str()));
        }
    }

    /// Every tampering and every event kind is generated, so a property above cannot pass by
    /// never meeting one.
    #[test]
    fn the_strategies_cover_every_tampering_and_kind() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let strategy = tampered_webhook(rotating());
        let mut seen = BTreeSet::new();
        let mut kinds = BTreeSet::new();
        let mut keys = BTreeSet::new();
        for _ in 0..400 {
            let forged = strategy.new_tree(&mut runner).unwrap().current();
            let name = match &forged.tampering {
                WebhookTampering::BodyByte { .. } => "body byte",
                WebhookTampering::OtherBodysSignature => "other body",
                WebhookTampering::OtherSecret => "other secret",
                WebhookTampering::UnknownKeyId { .. } => "unknown key id",
                WebhookTampering::DroppedHeader(h) => {
                    if *h == SIGNATURE_HEADER {
                        "dropped signature"
                    } else {
                        "dropped key id"
                    }
                }
                WebhookTampering::DuplicatedHeader(h) => {
                    if *h == SIGNATURE_HEADER {
                        "two signatures"
                    } else {
                        "two key ids"
                    }
                }
                WebhookTampering::UnpaddedSignature => "unpadded",
                other => panic!("{other:?}"),
            };
            seen.insert(name);
            kinds.insert(format!("{:?}", forged.original.event.kind));
            keys.insert(forged.original.webhook.key_id.clone());
        }
        assert_eq!(seen.len(), 9, "{seen:?}");
        assert_eq!(kinds.len(), EventKind::ALL.len(), "{kinds:?}");
        assert_eq!(keys.len(), 2, "{keys:?}");
    }
}
