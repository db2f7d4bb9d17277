//! Worldline Direct webhooks through the framework entry points (issue 18): the `http`
//! adapters (`verified_event` over a `HeaderMap`, `WebhookRequestExt` on `http::Request`) and
//! the axum extractor (`WorldlineEvent`, `EventRejection`, `MAX_EVENT_BYTES`), as legacy
//! feedback has `verified_feedback`, `OgoneFeedback` and `FeedbackRejection`.
//!
//! The signed webhooks are records W1 (valid), W3 (a `v0` event, validly signed) and W4 (W1's
//! signature over another body) of tests/vectors/worldline_direct_sdks.txt, from the official
//! SDKs' tests; other bodies are signed with `ogone::worldline::signature`, which that file's
//! R vectors test.
#![cfg(all(feature = "axum", feature = "worldline"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use axum_core::body::Body;
use axum_core::extract::{FromRef, FromRequest};
use axum_core::response::IntoResponse;
use http::{HeaderMap, HeaderName, HeaderValue, Request};
use http_body_util::{BodyExt, Full, Limited};
use ogone::integrations::axum::{EventRejection, MAX_EVENT_BYTES, OgoneFeedback, WorldlineEvent};
use ogone::integrations::http::{WebhookRequestExt, verified_event};
use ogone::worldline::{
    ApiKey, Error, EventObject, KEY_ID_HEADER, SIGNATURE_HEADER, WebhookKeys, WebhookVerifier,
    signature,
};
use ogone::{ErrorKind, FeedbackVerifier, HashAlgorithm, ShaOutKey};

#[path = "common/worldline_vectors.rs"]
#[allow(dead_code)]
mod vectors;

/// W1's event id.
const EVENT_ID: &str = "8ee793f6-4553-4749-85dc-f2ef095c5ab0";
const KEY_ID: &str = "dummy-key-id";
const SECRET: &str = "hello+world";

/// A record's body and its published signature.
fn vector(id: &str) -> (Vec<u8>, String) {
    let r = vectors::record(id);
    assert_eq!((r.need("key_id"), r.need("secret")), (KEY_ID, SECRET));
    (vectors::body(&r), r.need("signature").to_owned())
}

fn verifier() -> WebhookVerifier {
    let mut keys = WebhookKeys::new();
    keys.insert(KEY_ID, SECRET).unwrap();
    keys.insert("rotated-key-id", "the previous secret")
        .unwrap();
    WebhookVerifier::new(keys)
}

/// A body signed with W1's key.
fn signed(body: &str) -> String {
    signature(&ApiKey::parse(KEY_ID, SECRET).unwrap(), body)
}

/// A header map holding `pairs` in order, repeats kept.
fn headers(pairs: &[(&str, &[u8])]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        let name = HeaderName::from_bytes(name.as_bytes()).unwrap();
        map.append(name, HeaderValue::from_bytes(value).unwrap());
    }
    map
}

/// A POST of `body` with `pairs` as its headers.
fn post(pairs: &[(&str, &[u8])], body: Body) -> Request<Body> {
    let mut request = Request::post("/webhooks/worldline").body(body).unwrap();
    *request.headers_mut() = headers(pairs);
    request
}

/// Both verifiers in one state, as a shop serving both platforms holds them.
#[derive(Clone)]
struct Shop {
    legacy: FeedbackVerifier,
    webhooks: WebhookVerifier,
}

impl FromRef<Shop> for FeedbackVerifier {
    fn from_ref(shop: &Shop) -> FeedbackVerifier {
        shop.legacy.clone()
    }
}

impl FromRef<Shop> for WebhookVerifier {
    fn from_ref(shop: &Shop) -> WebhookVerifier {
        shop.webhooks.clone()
    }
}

fn shop() -> Shop {
    Shop {
        legacy: FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1),
        webhooks: verifier(),
    }
}

fn extract(request: Request<Body>) -> Result<WorldlineEvent, EventRejection> {
    block_on(WorldlineEvent::from_request(request, &shop()))
}

/// Polls `future` to its end: the bodies here are in memory, so it is ready at once.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// The status, `Content-Type` and body a rejection answers with.
fn respond(rejection: EventRejection) -> (u16, String, String) {
    let response = rejection.into_response();
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let bytes = block_on(response.into_body().collect()).unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8(bytes.to_vec()).unwrap(),
    )
}

#[test]
fn a_signed_sdk_webhook_verifies_through_every_entry_point() {
    let (body, sig) = vector("W1");
    let pairs: [(&str, &[u8]); 3] = [
        ("content-type", b"application/json"),
        ("X-GCS-KeyId", KEY_ID.as_bytes()),
        ("X-GCS-Signature", sig.as_bytes()),
    ];
    let direct = verifier()
        .verify(&body, [(KEY_ID_HEADER, KEY_ID), (SIGNATURE_HEADER, &sig)])
        .unwrap();
    assert_eq!(direct.idempotency_key(), EVENT_ID);
    assert_eq!(direct.kind.as_deref(), Some("payment.paid"));
    let EventObject::Payment(payment) = &direct.payload else {
        panic!("W1 carries a payment")
    };
    assert_eq!(payment.id.as_deref(), Some("00000200000143570012"));

    let from_map = verified_event(&headers(&pairs), &body, &verifier()).unwrap();
    assert_eq!(from_map, direct);
    let mut request = Request::post("/webhooks/worldline")
        .body(body.clone())
        .unwrap();
    *request.headers_mut() = headers(&pairs);
    assert_eq!(request.verified_event(&verifier()).unwrap(), direct);
    let text = Request::post("/").body(String::from_utf8(body.clone()).unwrap());
    let mut text = text.unwrap();
    *text.headers_mut() = headers(&pairs);
    assert_eq!(text.verified_event(&verifier()).unwrap(), direct);

    let WorldlineEvent(extracted) = extract(post(&pairs, Body::from(body))).unwrap();
    assert_eq!(extracted, direct);
}

#[test]
fn the_rotated_key_verifies_too() {
    let body = r#"{"apiVersion":"v1","id":"e-rotated","type":"payment.created"}"#;
    let sig = signature(
        &ApiKey::parse("rotated-key-id", "the previous secret").unwrap(),
        body,
    );
    let pairs: [(&str, &[u8]); 2] = [
        ("x-gcs-keyid", b"rotated-key-id"),
        ("x-gcs-signature", sig.as_bytes()),
    ];
    let WorldlineEvent(event) = extract(post(&pairs, Body::from(body))).unwrap();
    assert_eq!(event.idempotency_key(), "e-rotated");
    // The same signature under the other key id is forged.
    let other: [(&str, &[u8]); 2] = [
        ("x-gcs-keyid", KEY_ID.as_bytes()),
        ("x-gcs-signature", sig.as_bytes()),
    ];
    let refused = extract(post(&other, Body::from(body))).unwrap_err();
    assert_eq!(refused, EventRejection::Refused(Error::Mismatch));
}

/// The refusals `verified_event` and the extractor agree on, with the kind each has.
#[test]
fn forged_unknown_missing_and_repeated_are_refused_alike() {
    let (w1, w1_sig) = vector("W1");
    let (w4, w4_sig) = vector("W4");
    let (w3, w3_sig) = vector("W3");
    let key = KEY_ID.as_bytes();
    let other = signed("another body");
    type Case<'a> = (&'a str, Vec<(&'a str, &'a [u8])>, &'a [u8], Error);
    let cases: Vec<Case> = vec![
        (
            "forged (W4)",
            vec![("x-gcs-keyid", key), ("x-gcs-signature", w4_sig.as_bytes())],
            &w4,
            Error::Mismatch,
        ),
        (
            "unknown key id",
            vec![
                ("x-gcs-keyid", b"key-of-another-shop"),
                ("x-gcs-signature", w1_sig.as_bytes()),
            ],
            &w1,
            Error::UnknownKeyId,
        ),
        (
            "no signature",
            vec![("x-gcs-keyid", key)],
            &w1,
            Error::MissingHeader(SIGNATURE_HEADER),
        ),
        (
            "no key id",
            vec![("x-gcs-signature", w1_sig.as_bytes())],
            &w1,
            Error::MissingHeader(KEY_ID_HEADER),
        ),
        (
            "signature twice, the valid one first",
            vec![
                ("x-gcs-keyid", key),
                ("x-gcs-signature", w1_sig.as_bytes()),
                ("x-gcs-signature", other.as_bytes()),
            ],
            &w1,
            Error::DuplicatedHeader(SIGNATURE_HEADER),
        ),
        (
            "signature twice, the valid one last",
            vec![
                ("x-gcs-signature", other.as_bytes()),
                ("x-gcs-keyid", key),
                ("x-gcs-signature", w1_sig.as_bytes()),
            ],
            &w1,
            Error::DuplicatedHeader(SIGNATURE_HEADER),
        ),
        (
            "the same signature twice",
            vec![
                ("x-gcs-keyid", key),
                ("x-gcs-signature", w1_sig.as_bytes()),
                ("x-gcs-signature", w1_sig.as_bytes()),
            ],
            &w1,
            Error::DuplicatedHeader(SIGNATURE_HEADER),
        ),
        (
            "key id twice",
            vec![
                ("x-gcs-keyid", b"rotated-key-id"),
                ("x-gcs-keyid", key),
                ("x-gcs-signature", w1_sig.as_bytes()),
            ],
            &w1,
            Error::DuplicatedHeader(KEY_ID_HEADER),
        ),
        (
            "key id not visible ASCII",
            vec![
                ("x-gcs-keyid", b"dummy-key-id\xA0"),
                ("x-gcs-signature", w1_sig.as_bytes()),
            ],
            &w1,
            Error::UnknownKeyId,
        ),
        (
            "signature not visible ASCII",
            vec![
                ("x-gcs-keyid", key),
                (
                    "x-gcs-signature",
                    b"2S7doBj/GnJnacIjSJzr5fxGM5xmfQyFAwxv1I53ZEk=\xFF",
                ),
            ],
            &w1,
            Error::MalformedSignature,
        ),
        (
            "a v0 event, validly signed (W3)",
            vec![("x-gcs-keyid", key), ("x-gcs-signature", w3_sig.as_bytes())],
            &w3,
            Error::ApiVersion,
        ),
    ];
    for (name, pairs, body, expected) in cases {
        let map = headers(&pairs);
        assert_eq!(
            verified_event(&map, body, &verifier()),
            Err(expected.clone()),
            "{name}"
        );
        let rejection = extract(post(&pairs, Body::from(body.to_vec()))).unwrap_err();
        assert_eq!(
            rejection,
            EventRejection::Refused(expected.clone()),
            "{name}"
        );
        assert_eq!(rejection.error(), Some(&expected), "{name}");
        assert_eq!(rejection.kind(), expected.kind(), "{name}");
        assert_eq!(rejection.status(), expected.kind().http_status(), "{name}");
    }
}

#[test]
fn a_signed_body_that_is_no_event_is_malformed() {
    for body in ["not json", r#"{"apiVersion":"v1"}"#, "[]"] {
        let sig = signed(body);
        let pairs: [(&str, &[u8]); 2] = [
            ("x-gcs-keyid", KEY_ID.as_bytes()),
            ("x-gcs-signature", sig.as_bytes()),
        ];
        let rejection = extract(post(&pairs, Body::from(body))).unwrap_err();
        assert_eq!(
            rejection.kind(),
            ErrorKind::Malformed,
            "{body}: {rejection}"
        );
        assert!(
            rejection.error().is_some(),
            "{body}: a Worldline error, not the body read"
        );
        let (status, _, text) = respond(rejection);
        assert_eq!((status, text.as_str()), (400, "malformed webhook"));
    }
}

#[test]
fn bodies_over_the_limit_are_too_large_with_or_without_a_length() {
    // Exactly at the limit: read and verified (a JSON event padded with spaces).
    let event = r#"{"apiVersion":"v1","id":"e-big"}"#;
    let at_limit = format!("{event}{}", " ".repeat(MAX_EVENT_BYTES - event.len()));
    assert_eq!(at_limit.len(), MAX_EVENT_BYTES);
    let sig = signed(&at_limit);
    let pairs: [(&str, &[u8]); 2] = [
        ("x-gcs-keyid", KEY_ID.as_bytes()),
        ("x-gcs-signature", sig.as_bytes()),
    ];
    let WorldlineEvent(read) = extract(post(&pairs, Body::from(at_limit.clone()))).unwrap();
    assert_eq!(read.idempotency_key(), "e-big");

    // One byte more, streamed without a Content-Length: refused once past the limit.
    let over = format!("{at_limit} ");
    let sig = signed(&over);
    let pairs: [(&str, &[u8]); 2] = [
        ("x-gcs-keyid", KEY_ID.as_bytes()),
        ("x-gcs-signature", sig.as_bytes()),
    ];
    let streamed = extract(post(&pairs, Body::from(over.clone()))).unwrap_err();
    let limit = MAX_EVENT_BYTES;
    assert_eq!(
        streamed,
        EventRejection::TooLarge {
            len: limit + 1,
            limit
        }
    );
    assert_eq!(streamed.error(), None);
    assert_eq!(respond(streamed).0, 413);

    // A Content-Length over the limit: refused before the body is read (here it is empty).
    let declared = (5 * MAX_EVENT_BYTES).to_string();
    let mut with_length = pairs.to_vec();
    with_length.push(("content-length", declared.as_bytes()));
    let refused = extract(post(&with_length, Body::empty())).unwrap_err();
    assert_eq!(
        refused,
        EventRejection::TooLarge {
            len: 5 * MAX_EVENT_BYTES,
            limit
        }
    );
    assert_eq!(refused.kind(), ErrorKind::TooLarge);
    assert_eq!(
        refused.to_string(),
        format!(
            "the webhook body of {} bytes exceeds the limit of {limit} bytes",
            5 * MAX_EVENT_BYTES
        )
    );
    let (status, _, text) = respond(refused);
    assert_eq!((status, text.as_str()), (413, "webhook too large"));
}

#[test]
fn an_unreadable_body_is_a_malformed_request() {
    // A body that fails while it is read: an inner limit that the bytes pass.
    let failing = Body::new(Limited::new(Full::from(b"{}".to_vec()), 1));
    let (_, sig) = vector("W1");
    let pairs: [(&str, &[u8]); 2] = [
        ("x-gcs-keyid", KEY_ID.as_bytes()),
        ("x-gcs-signature", sig.as_bytes()),
    ];
    let rejection = extract(post(&pairs, failing)).unwrap_err();
    assert_eq!(rejection, EventRejection::UnreadableBody);
    assert_eq!(rejection.kind(), ErrorKind::Malformed);
    assert_eq!(rejection.error(), None);
    assert_eq!(rejection.to_string(), "the request body could not be read");
    let (status, _, text) = respond(rejection);
    assert_eq!((status, text.as_str()), (400, "malformed webhook"));
}

#[test]
fn each_rejection_answers_its_status_and_a_fixed_body_that_echoes_nothing() {
    let (w1, w1_sig) = vector("W1");
    let (w4, w4_sig) = vector("W4");
    let key = KEY_ID.as_bytes();
    type Case<'a> = (Vec<(&'a str, &'a [u8])>, Vec<u8>, u16, &'a str);
    let requests: Vec<Case> = vec![
        (
            vec![("x-gcs-keyid", key), ("x-gcs-signature", w4_sig.as_bytes())],
            w4,
            403,
            "webhook not authentic",
        ),
        (
            vec![
                ("x-gcs-keyid", key),
                ("x-gcs-keyid", key),
                ("x-gcs-signature", w1_sig.as_bytes()),
            ],
            w1.clone(),
            403,
            "webhook not authentic",
        ),
        (
            vec![("x-gcs-signature", w1_sig.as_bytes())],
            w1.clone(),
            403,
            "webhook not authentic",
        ),
        (
            vec![
                ("x-gcs-keyid", b"unknown-\xE9"),
                ("x-gcs-signature", w1_sig.as_bytes()),
            ],
            w1.clone(),
            403,
            "webhook not authentic",
        ),
    ];
    for (pairs, body, status, text) in requests {
        let rejection = extract(post(&pairs, Body::from(body))).unwrap_err();
        let logged = format!("{rejection} {rejection:?}");
        assert!(
            !logged.contains(SECRET) && !logged.contains(&w1_sig) && !logged.contains(&w4_sig),
            "{logged}"
        );
        let answered = respond(rejection);
        assert_eq!(
            answered,
            (
                status,
                "text/plain; charset=utf-8".to_owned(),
                text.to_owned()
            )
        );
        // Nothing of the request in the answer.
        for echoed in [
            EVENT_ID,
            KEY_ID,
            "unknown",
            "2S7doBj",
            "apiVersion",
            "payment",
        ] {
            assert!(!answered.2.contains(echoed), "{echoed} in {}", answered.2);
        }
    }
    // The kinds no request above reaches.
    let fixed = [
        (
            EventRejection::Refused(Error::BlankKeyId),
            500,
            "webhook cannot be verified",
        ),
        (
            EventRejection::Refused(Error::ApiVersion),
            400,
            "malformed webhook",
        ),
        (EventRejection::UnreadableBody, 400, "malformed webhook"),
        (
            EventRejection::TooLarge {
                len: MAX_EVENT_BYTES + 1,
                limit: MAX_EVENT_BYTES,
            },
            413,
            "webhook too large",
        ),
    ];
    for (rejection, status, text) in fixed {
        assert_eq!(rejection.status(), status);
        let (answered, _, body) = respond(rejection);
        assert_eq!((answered, body.as_str()), (status, text));
    }
}

#[test]
fn one_state_serves_the_legacy_and_the_worldline_extractor() {
    let (w1, w1_sig) = vector("W1");
    let pairs: [(&str, &[u8]); 2] = [
        ("x-gcs-keyid", KEY_ID.as_bytes()),
        ("x-gcs-signature", w1_sig.as_bytes()),
    ];
    let state = shop();
    let webhook = block_on(WorldlineEvent::from_request(
        post(&pairs, Body::from(w1)),
        &state,
    ));
    assert_eq!(webhook.unwrap().0.idempotency_key(), EVENT_ID);
    // The SHA-OUT example of Ingenico's e-Commerce guide (spec section 1).
    let legacy = Request::get(
        "/return?ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
         &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
         &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355",
    )
    .body(Body::empty())
    .unwrap();
    let OgoneFeedback(feedback) = block_on(OgoneFeedback::from_request(legacy, &state)).unwrap();
    assert_eq!(feedback.pay_id(), Some("32100123"));
}
