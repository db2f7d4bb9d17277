//! Arbitrary bytes through the Worldline webhook verifier and event reader (feature
//! `worldline`). The first byte splits off the received signature, the rest is the body.
//! Properties: nothing panics; a signature is accepted only if it is the canonical base64 of
//! the body's MAC; the body's own MAC always verifies, and the event then read holds what
//! `Event::parse_verified` promises, checked against an independent reading of the body as a
//! `serde_json::Value`: a non-blank id (the body's), at most one of `payment` / `refund`, at
//! most one of `paymentOutput` / `refundOutput`, an amount from 0 to `MAX_MINOR_UNITS` equal to
//! the body's integer; and a body with both objects (or both outputs) is refused as ambiguous.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogone::MAX_MINOR_UNITS;
use ogone::worldline::{ApiKey, Error, Event, WebhookKeys, WebhookVerifier, signature};
use serde_json::Value;

/// `value[name]`, unless absent or `null` (what the event reader takes for absent).
fn present<'v>(value: &'v Value, name: &str) -> Option<&'v Value> {
    value.get(name).filter(|v| !v.is_null())
}

/// The properties of an event read from a body whose signature verified.
fn check_event(event: &Event, body: &[u8]) {
    assert_eq!(event.idempotency_key(), event.id);
    assert!(!event.id.trim().is_empty(), "blank id {:?}", event.id);
    // An independent reading of the same bytes. The event reader refused any field it reads
    // that occurs twice, so where it accepted, the last-wins map agrees on those fields.
    let Ok(json) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    assert_eq!(
        json.get("id").and_then(Value::as_str),
        Some(event.id.as_str())
    );
    let payment = present(&json, "payment");
    let refund = present(&json, "refund");
    assert!(
        payment.is_none() || refund.is_none(),
        "payment and refund read as one"
    );
    let Some(view) = event.object() else {
        assert!(payment.is_none() && refund.is_none());
        return;
    };
    let Some(object) = payment.or(refund) else {
        panic!("a view without an object in the body");
    };
    let outputs = [
        present(object, "paymentOutput"),
        present(object, "refundOutput"),
    ];
    assert!(
        outputs[0].is_none() || outputs[1].is_none(),
        "two outputs read as one"
    );
    let received = outputs
        .iter()
        .flatten()
        .next()
        .and_then(|o| present(o, "amountOfMoney"))
        .and_then(|m| present(m, "amount"));
    match view.amount {
        Some(amount) => {
            assert!(amount.minor_units() <= MAX_MINOR_UNITS);
            assert_eq!(received.and_then(Value::as_u64), Some(amount.minor_units()));
        }
        None => assert!(received.is_none(), "an amount left out: {received:?}"),
    }
}

/// A body that holds both objects, or an object with both outputs, is refused as ambiguous
/// once its envelope (apiVersion, id) is good.
fn check_refusal(error: &Error, body: &[u8]) {
    let Ok(json) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    // Only an envelope refusal or a duplicated / mistyped field may come before ambiguity.
    let earlier = matches!(
        error,
        Error::ApiVersion | Error::BlankEventId | Error::InvalidEvent(_)
    );
    let (payment, refund) = (present(&json, "payment"), present(&json, "refund"));
    if payment.is_some() && refund.is_some() {
        assert!(
            earlier || *error == Error::AmbiguousEvent("payment and refund"),
            "{error:?}"
        );
    } else if let Some(object) = payment.or(refund) {
        let two =
            present(object, "paymentOutput").is_some() && present(object, "refundOutput").is_some();
        if two {
            assert!(
                earlier || *error == Error::AmbiguousEvent("paymentOutput and refundOutput"),
                "{error:?}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let cut = usize::from(n % 64).min(rest.len());
    let (sig, body) = rest.split_at(cut);
    let sig = String::from_utf8_lossy(sig);
    let mut keys = WebhookKeys::new();
    keys.insert("k", "hello+world").unwrap();
    let verifier = WebhookVerifier::new(keys);
    let got = verifier.verify(body, [("X-GCS-KeyId", "k"), ("x-gcs-signature", &sig)]);
    if let Ok(body_text) = std::str::from_utf8(body) {
        // Signed with the known key: the verifier must get past the MAC and read the event.
        let key = ApiKey::parse("k", "hello+world").unwrap();
        let good = signature(&key, body_text);
        let with_good = verifier.verify(body, [("X-GCS-KeyId", "k"), ("X-GCS-Signature", &good)]);
        match &with_good {
            Ok(event) => check_event(event, body),
            Err(e) => {
                assert!(!matches!(e, Error::Mismatch | Error::MalformedSignature));
                assert_eq!(e.kind(), ogone::ErrorKind::Malformed, "{e:?}");
                check_refusal(e, body);
            }
        }
        assert_eq!(with_good, Event::parse_verified(body));
        if sig != good {
            assert!(matches!(
                got,
                Err(Error::Mismatch | Error::MalformedSignature)
            ));
        }
    }
    if let Ok(event) = Event::parse_verified(body) {
        check_event(&event, body);
    }
    if let Err(e) = got {
        let text = e.to_string();
        assert!(!text.contains("hello+world"));
        let _ = e.kind();
    }
});
