//! Arbitrary bytes through the Worldline webhook verifier and event reader (feature
//! `worldline`). The first byte splits off the received signature, the rest is the body.
//! Properties: nothing panics; a signature is accepted only if it is the canonical base64 of
//! the body's MAC; an accepted body is a v1 event with an id.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogone::worldline::{ApiKey, Error, Event, WebhookKeys, WebhookVerifier, signature};

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
        let key = ApiKey::parse("k", "hello+world").unwrap();
        let good = signature(&key, body_text);
        let with_good = verifier.verify(body, [("X-GCS-KeyId", "k"), ("X-GCS-Signature", &good)]);
        assert!(!matches!(
            with_good,
            Err(Error::Mismatch | Error::MalformedSignature)
        ));
        if sig != good {
            assert!(matches!(
                got,
                Err(Error::Mismatch | Error::MalformedSignature)
            ));
        }
    }
    if let Ok(event) = Event::parse_verified(body) {
        assert_eq!(event.idempotency_key(), event.id);
    }
    if let Err(e) = got {
        let text = e.to_string();
        assert!(!text.contains("hello+world"));
        let _ = e.kind();
    }
});
