//! Runs the `worldline_webhook` example server and drives it over real HTTP/1.1 with the
//! official SDKs' webhook fixtures and their published signatures (records W1-W7 of
//! tests/vectors/worldline_direct_sdks.txt): a valid event is applied once and read back typed;
//! a replay is acknowledged without being applied again; a tampered body, a wrong or malformed
//! signature, an unknown key id, a missing or repeated header and a non-`v1` event are refused
//! with the status of their error kind; the endpoint-verification GET is echoed. Events of the
//! crate's own signing then drive the order book: the status rule, a short amount, an unknown
//! order, a blank event id.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
#[path = "common/loopback.rs"]
mod loopback;
#[path = "../../tests/common/worldline_vectors.rs"]
mod vectors;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use loopback::{Response, Server, request};

const PATH: &str = "/webhooks/worldline";
/// The event id of the SDK fixture `valid-body` (W1) and of its envelope (W2).
const EVENT_ID: &str = "8ee793f6-4553-4749-85dc-f2ef095c5ab0";
const NOT_AUTHENTIC: &str = "webhook not authentic";

/// The example binary, built once with this test's profile and features.
fn binary() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| common::build_example("worldline_webhook"))
}

/// The example's command with no Worldline configuration from the caller's environment.
fn command() -> Command {
    let mut command = Command::new(binary());
    command
        .env("WEBHOOK_ADDR", "127.0.0.1:0")
        .env("SHOP_ORDERS", "WEB-1:4250:EUR,WEB-2:4250:EUR")
        .env_remove("WORLDLINE_WEBHOOK_KEY_ID")
        .env_remove("WORLDLINE_WEBHOOK_SECRET")
        .env_remove("WORLDLINE_WEBHOOK_PREVIOUS_KEY_ID")
        .env_remove("WORLDLINE_WEBHOOK_PREVIOUS_SECRET");
    command
}

/// A webhook vector: the body, its key id and its published signature.
struct Signed {
    body: Vec<u8>,
    key_id: String,
    signature: String,
}

fn signed(id: &str) -> Signed {
    let r = vectors::record(id);
    Signed {
        body: vectors::body(&r),
        key_id: r.need("key_id").to_owned(),
        signature: r.need("signature").to_owned(),
    }
}

/// A running endpoint, killed when dropped.
struct Endpoint {
    _server: Server,
    port: u16,
}

impl Endpoint {
    /// Started with W1's key (`dummy-key-id`) and `env` on top.
    fn start_with(env: &[(&str, &str)]) -> Endpoint {
        let w1 = vectors::record("W1");
        let mut command = command();
        command
            .env("WORLDLINE_WEBHOOK_KEY_ID", w1.need("key_id"))
            .env("WORLDLINE_WEBHOOK_SECRET", w1.need("secret"));
        let server = Server::spawn(command, env);
        Endpoint {
            port: server.port,
            _server: server,
        }
    }

    fn start() -> Endpoint {
        Endpoint::start_with(&[])
    }

    fn get(&self, target: &str, headers: &[(&str, &str)]) -> Response {
        request(self.port, "GET", target, headers, b"")
    }

    /// Posts `body` with these headers and a JSON content type.
    fn post(&self, body: &[u8], headers: &[(&str, &str)]) -> Response {
        let mut all = vec![("Content-Type", "application/json")];
        all.extend_from_slice(headers);
        request(self.port, "POST", PATH, &all, body)
    }

    /// Posts a vector with its key id and signature headers.
    fn deliver(&self, signed: &Signed) -> Response {
        self.post(
            &signed.body,
            &[
                ("X-GCS-Signature", &signed.signature),
                ("X-GCS-KeyId", &signed.key_id),
            ],
        )
    }

    /// `GET /events`: `id type` per applied event.
    fn events(&self) -> String {
        let response = self.get("/events", &[]);
        assert_eq!(response.status, 200, "{response:?}");
        response.body
    }

    /// `GET /orders/{reference}`: the order's state.
    fn order(&self, reference: &str) -> String {
        let response = self.get(&format!("/orders/{reference}"), &[]);
        assert_eq!(response.status, 200, "{response:?}");
        response.body
    }

    /// The order's status line's value (`-` before any update is applied).
    fn status(&self, reference: &str) -> String {
        let state = self.order(reference);
        let line = state.lines().next().unwrap();
        line.strip_prefix("status: ").unwrap().to_owned()
    }
}

fn assert_response(response: &Response, status: u16, body: &str) {
    assert_eq!(
        (response.status, response.body.as_str()),
        (status, body),
        "{response:?}"
    );
}

#[test]
fn the_valid_sdk_fixture_is_applied_and_read_typed() {
    let endpoint = Endpoint::start();
    assert_eq!(endpoint.events(), "");
    assert_response(&endpoint.deliver(&signed("W1")), 200, "ok");
    assert_eq!(endpoint.events(), format!("{EVENT_ID} payment.paid\n"));
    let event = endpoint.get(&format!("/events/{EVENT_ID}"), &[]);
    assert_response(
        &event,
        200,
        "type: payment.paid\n\
         created: 2017-02-02T11:24:14.040+0100\n\
         merchant: 20000\n\
         object: payment\n\
         id: 00000200000143570012\n\
         status: PAID\n\
         statusCode: 1000 (not legacy)\n\
         amount: 1000 EUR\n\
         merchantReference: -\n",
    );
    assert_eq!(endpoint.get("/events/other", &[]).status, 404);
}

#[test]
fn a_replayed_event_is_acknowledged_and_not_applied_again() {
    let endpoint = Endpoint::start();
    let w1 = signed("W1");
    assert_response(&endpoint.deliver(&w1), 200, "ok");
    // The same delivery again, with the header names in another case.
    let again = endpoint.post(
        &w1.body,
        &[
            ("x-gcs-keyid", &w1.key_id),
            ("x-gcs-signature", &w1.signature),
        ],
    );
    assert_response(&again, 200, "duplicate");
    // W2 is another body (the envelope only), validly signed, with the same event id.
    assert_response(&endpoint.deliver(&signed("W2")), 200, "duplicate");
    assert_eq!(endpoint.events(), format!("{EVENT_ID} payment.paid\n"));
}

#[test]
fn the_envelope_alone_is_an_event_without_object() {
    let endpoint = Endpoint::start();
    assert_response(&endpoint.deliver(&signed("W2")), 200, "ok");
    let event = endpoint.get(&format!("/events/{EVENT_ID}"), &[]);
    assert_eq!(event.status, 200, "{event:?}");
    assert!(event.body.ends_with("object: other\n"), "{event:?}");
}

#[test]
fn a_tampered_body_or_a_bad_signature_is_forbidden() {
    let endpoint = Endpoint::start();
    // W4: the invalid-body fixture under valid-body's signature; W5: its envelope; W7: the
    // valid body with CRLF line ends; W6: a signature that is not base64 of 32 bytes.
    for id in ["W4", "W5", "W6", "W7"] {
        let response = endpoint.deliver(&signed(id));
        assert_response(&response, 403, NOT_AUTHENTIC);
        assert!(!response.body.contains("2S7doBj"), "{id}");
    }
    // A signature of the right shape but another MAC.
    let mut w1 = signed("W1");
    w1.signature = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".to_owned();
    assert_response(&endpoint.deliver(&w1), 403, NOT_AUTHENTIC);
    assert_eq!(endpoint.events(), "");
}

#[test]
fn an_unknown_key_id_is_forbidden() {
    let endpoint = Endpoint::start();
    let mut w1 = signed("W1");
    w1.key_id = "another-key".to_owned();
    assert_response(&endpoint.deliver(&w1), 403, NOT_AUTHENTIC);
    assert_eq!(endpoint.events(), "");
}

#[test]
fn a_missing_or_repeated_header_is_forbidden() {
    let endpoint = Endpoint::start();
    let w1 = signed("W1");
    let (sig, key) = (w1.signature.as_str(), w1.key_id.as_str());
    let cases: [&[(&str, &str)]; 5] = [
        &[("X-GCS-Signature", sig)],
        &[("X-GCS-KeyId", key)],
        &[],
        &[
            ("X-GCS-Signature", sig),
            ("X-GCS-KeyId", key),
            ("X-GCS-Signature", sig),
        ],
        &[
            ("X-GCS-KeyId", key),
            ("X-GCS-Signature", sig),
            ("x-gcs-keyid", key),
        ],
    ];
    for headers in cases {
        assert_response(&endpoint.post(&w1.body, headers), 403, NOT_AUTHENTIC);
    }
    assert_eq!(endpoint.events(), "");
}

#[test]
fn a_verified_event_that_is_not_v1_is_a_bad_request() {
    let endpoint = Endpoint::start();
    // W3: the .NET SDK's "apiVersion": "v0" body, validly signed.
    assert_response(&endpoint.deliver(&signed("W3")), 400, "malformed webhook");
    assert_eq!(endpoint.events(), "");
}

#[test]
fn the_previous_key_still_verifies_during_a_rotation() {
    let endpoint = Endpoint::start_with(&[
        ("WORLDLINE_WEBHOOK_KEY_ID", "new-key"),
        ("WORLDLINE_WEBHOOK_SECRET", "a new secret"),
        ("WORLDLINE_WEBHOOK_PREVIOUS_KEY_ID", "dummy-key-id"),
        ("WORLDLINE_WEBHOOK_PREVIOUS_SECRET", "hello+world"),
    ]);
    assert_response(&endpoint.deliver(&signed("W1")), 200, "ok");
    // The signature is checked with the secret of the key id received, no other.
    let mut w1 = signed("W1");
    w1.key_id = "new-key".to_owned();
    assert_response(&endpoint.deliver(&w1), 403, NOT_AUTHENTIC);
}

#[test]
fn an_oversized_body_is_refused() {
    let endpoint = Endpoint::start();
    let mut w1 = signed("W1");
    // The extractor's limit, MAX_EVENT_BYTES (1 MiB), and one byte more.
    w1.body.resize((1 << 20) + 1, b' ');
    assert_response(&endpoint.deliver(&w1), 413, "webhook too large");
    assert_eq!(endpoint.events(), "");
}

#[test]
fn the_endpoint_verification_get_is_echoed() {
    let endpoint = Endpoint::start();
    let header = "X-GCS-Webhooks-Endpoint-Verification";
    let response = endpoint.get(PATH, &[(header, "a1b2c3-verify")]);
    assert_response(&response, 200, "a1b2c3-verify");
    assert!(
        response.headers.contains("content-type: text/plain"),
        "{response:?}"
    );
    assert_eq!(endpoint.get(PATH, &[]).status, 400);
    let twice = [(header, "a"), (header, "b")];
    assert_eq!(endpoint.get(PATH, &twice).status, 400);
}

#[test]
fn the_endpoint_refuses_to_start_without_a_key() {
    let output = command()
        .env("WORLDLINE_WEBHOOK_KEY_ID", "k")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("WORLDLINE_WEBHOOK_SECRET"), "{stderr}");
}

/// A `v1` event of `object` (`payment` or `refund`) for order `WEB-1` (42.50 EUR) with this
/// legacy `statusCode`, signed for W1's key. The signature is the crate's own HMAC-SHA256
/// (`worldline::signature`, which reproduces the SDK vectors in tests/worldline.rs): these
/// events test the example's order rules, not the verification.
fn order_event(id: &str, object: &str, status_code: u8) -> Signed {
    event_for(id, object, status_code, "WEB-1", 4250)
}

/// [`order_event`] for another order or amount.
fn event_for(id: &str, object: &str, status_code: u8, reference: &str, amount: u64) -> Signed {
    let output = if object == "refund" {
        "refundOutput"
    } else {
        "paymentOutput"
    };
    let body = format!(
        r#"{{"apiVersion":"v1","id":"{id}","type":"{object}.x","{object}":{{"id":"{id}-object","{output}":{{"amountOfMoney":{{"amount":{amount},"currencyCode":"EUR"}},"references":{{"merchantReference":"{reference}"}}}},"statusOutput":{{"statusCode":{status_code}}}}}}}"#
    );
    let w1 = vectors::record("W1");
    let key = ogone::worldline::ApiKey::parse(w1.need("key_id"), w1.need("secret")).unwrap();
    Signed {
        signature: ogone::worldline::signature(&key, &body),
        body: body.into_bytes(),
        key_id: key.id().to_owned(),
    }
}

#[test]
fn an_order_follows_the_legacy_status_rules_and_never_goes_backwards() {
    let endpoint = Endpoint::start();
    assert_eq!(endpoint.get("/orders/WEB-9", &[]).status, 404);
    assert_eq!(
        endpoint.order("WEB-1"),
        "status: -\namount: 4250 EUR\nlast: -\nhandled: 0\nflagged: 0\n"
    );
    let order = || endpoint.status("WEB-1");
    assert_response(
        &endpoint.deliver(&order_event("e1", "payment", 5)),
        200,
        "ok",
    );
    assert_eq!(order(), "5");
    assert_response(
        &endpoint.deliver(&order_event("e2", "payment", 9)),
        200,
        "ok",
    );
    assert_eq!(order(), "9");
    // A late "authorised" after the capture is recorded but moves nothing.
    let late = order_event("e3", "payment", 5);
    assert_response(&endpoint.deliver(&late), 200, "ignored");
    assert_response(&endpoint.deliver(&late), 200, "duplicate");
    assert_eq!(order(), "9");
    // A refund moves forward.
    assert_response(
        &endpoint.deliver(&order_event("e4", "refund", 8)),
        200,
        "ok",
    );
    assert_eq!(
        endpoint.order("WEB-1"),
        "status: 8\namount: 4250 EUR\nlast: worldline-event e4\nhandled: 4\nflagged: 0\n"
    );
    let refund = endpoint.get("/events/e4", &[]).body;
    assert!(refund.contains("object: refund\n"), "{refund}");
    assert!(refund.contains("statusCode: 8 (legacy: "), "{refund}");
    assert!(refund.ends_with("merchantReference: WEB-1\n"), "{refund}");
    assert_eq!(endpoint.events().lines().count(), 4);
}

#[test]
fn a_short_amount_is_acknowledged_and_flagged_and_the_order_does_not_move() {
    let endpoint = Endpoint::start();
    assert_response(
        &endpoint.deliver(&order_event("e1", "payment", 5)),
        200,
        "ok",
    );
    // A capture of 42.00 for an order of 42.50: authentic, handled, not the order paid.
    let short = event_for("e2", "payment", 9, "WEB-1", 4200);
    assert_response(&endpoint.deliver(&short), 200, "amount mismatch");
    assert_response(&endpoint.deliver(&short), 200, "duplicate");
    assert_eq!(
        endpoint.order("WEB-1"),
        "status: 5\namount: 4250 EUR\nlast: worldline-event e1\nhandled: 2\nflagged: 1\n"
    );
    // The right amount still moves it.
    let paid = event_for("e3", "payment", 9, "WEB-1", 4250);
    assert_response(&endpoint.deliver(&paid), 200, "ok");
    assert_eq!(endpoint.status("WEB-1"), "9");
}

#[test]
fn an_event_for_an_unknown_order_is_acknowledged_and_changes_nothing() {
    let endpoint = Endpoint::start();
    let stranger = event_for("e1", "payment", 9, "OTHER-SHOP-7", 4250);
    assert_response(&endpoint.deliver(&stranger), 200, "unknown order");
    assert_eq!(endpoint.get("/orders/OTHER-SHOP-7", &[]).status, 404);
    assert_eq!(endpoint.events(), "e1 payment.x\n");
}

/// Issue 18, finding 1 end to end: two signed captures for different orders, both with
/// `"id":""`. Before the fix the second was answered `duplicate` and its order never moved; now
/// both are refused as malformed (the delivery fails visibly) and neither order moves.
#[test]
fn events_with_a_blank_id_are_refused_and_move_no_order() {
    let endpoint = Endpoint::start();
    for (id, reference) in [("", "WEB-1"), ("   ", "WEB-2")] {
        let blank = event_for(id, "payment", 9, reference, 4250);
        assert_response(&endpoint.deliver(&blank), 400, "malformed webhook");
        assert_eq!(endpoint.status(reference), "-");
    }
    assert_eq!(endpoint.events(), "");
}

#[test]
fn the_default_order_book_is_the_demo_list() {
    let w1 = vectors::record("W1");
    let mut command = command();
    command
        .env_remove("SHOP_ORDERS")
        .env("WORLDLINE_WEBHOOK_KEY_ID", w1.need("key_id"))
        .env("WORLDLINE_WEBHOOK_SECRET", w1.need("secret"));
    let server = Server::spawn(command, &[]);
    let order = request(server.port, "GET", "/orders/WEB-3", &[], b"");
    assert_response(
        &order,
        200,
        "status: -\namount: 1999 GBP\nlast: -\nhandled: 0\nflagged: 0\n",
    );
}

#[test]
fn the_endpoint_refuses_to_start_with_a_bad_order_list() {
    let output = command()
        .env("WORLDLINE_WEBHOOK_KEY_ID", "k")
        .env("WORLDLINE_WEBHOOK_SECRET", "s")
        .env("SHOP_ORDERS", "WEB-1:42.50:EUR")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("SHOP_ORDERS"), "{stderr}");
}
