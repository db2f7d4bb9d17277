//! Runs the `migration_shop` example and drives it over real HTTP/1.1 with both platforms'
//! messages: legacy ePDQ feedback made by `ogone::simulate` (escaped in Windows-1252, as ePDQ
//! posts it) and Worldline Direct webhooks signed with `ogone::worldline::signature` (the
//! HMAC-SHA256 that reproduces the official SDKs' webhook vectors in tests/worldline.rs).
//! Valid, forged, duplicated and late (5 after 9) legacy feedback; valid, forged, duplicated,
//! late, short-amount and blank-id webhooks; a webhook and a legacy feedback for the same
//! order, in both orders of arrival. Each step checks the answer and the order's state.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
#[path = "common/loopback.rs"]
mod loopback;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use loopback::{Response, Server, request};
use ogone::simulate::{FeedbackSimulator, Transaction};
use ogone::worldline::{ApiKey, signature};
use ogone::{Amount, HashAlgorithm, ShaOutKey, Status, TransportCharset};

/// The SHA-OUT passphrase and algorithm the shop is started with.
const SHA_OUT: &str = "epdq-sha-out-for-the-migration";
const ALGORITHM: HashAlgorithm = HashAlgorithm::Sha256;
/// The webhook key of the Merchant Portal the shop is started with.
const KEY_ID: &str = "key-2026";
const SECRET: &str = "the webhook secret of 2026";
/// The orders the shop is started with.
const ORDERS: &str = "WEB-1:4250:EUR,WEB-2:4250:EUR,WEB-3:4250:EUR,WEB-4:4250:EUR";

const FORM: &str = "application/x-www-form-urlencoded";
const RETURN_PATH: &str = "/payment/ogone/return";
const WEBHOOK_PATH: &str = "/webhooks/worldline";
/// The PAYID of every simulated legacy payment.
const PAY_ID: &str = "3014726";

fn binary() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| common::build_example("migration_shop"))
}

/// The shop's command with the test configuration and nothing of the caller's.
fn command() -> Command {
    let mut command = Command::new(binary());
    command
        .env("SHOP_ADDR", "127.0.0.1:0")
        .env("OGONE_SHA_OUT", SHA_OUT)
        .env("OGONE_ALGORITHM", ALGORITHM.as_str())
        .env("WORLDLINE_WEBHOOK_KEY_ID", KEY_ID)
        .env("WORLDLINE_WEBHOOK_SECRET", SECRET)
        .env("SHOP_ORDERS", ORDERS)
        .env_remove("OGONE_TRANSPORT")
        .env_remove("WORLDLINE_WEBHOOK_PREVIOUS_KEY_ID")
        .env_remove("WORLDLINE_WEBHOOK_PREVIOUS_SECRET");
    command
}

/// A running shop, killed when dropped.
struct Shop {
    _server: Server,
    port: u16,
}

impl Shop {
    fn start() -> Shop {
        let server = Server::spawn(command(), &[]);
        Shop {
            port: server.port,
            _server: server,
        }
    }

    /// Posts a legacy feedback body as ePDQ does: a form, no charset said.
    fn feedback(&self, body: &str) -> Response {
        self.feedback_as(FORM, body)
    }

    fn feedback_as(&self, content_type: &str, body: &str) -> Response {
        let headers = [("Content-Type", content_type)];
        request(self.port, "POST", RETURN_PATH, &headers, body.as_bytes())
    }

    /// Posts a webhook with its key id and signature headers.
    fn webhook(&self, event: &Signed) -> Response {
        let headers = [
            ("Content-Type", "application/json"),
            ("X-GCS-Signature", event.signature.as_str()),
            ("X-GCS-KeyId", event.key_id.as_str()),
        ];
        request(
            self.port,
            "POST",
            WEBHOOK_PATH,
            &headers,
            event.body.as_bytes(),
        )
    }

    /// `GET /orders/{reference}`: the order's whole state.
    fn order(&self, reference: &str) -> String {
        let response = request(self.port, "GET", &format!("/orders/{reference}"), &[], b"");
        assert_eq!(response.status, 200, "{response:?}");
        response.body
    }
}

/// The state `GET /orders/{ref}` shows for an order of 42.50 EUR.
fn state(status: &str, last: &str, handled: usize, flagged: usize) -> String {
    format!(
        "status: {status}\namount: 4250 EUR\nlast: {last}\nhandled: {handled}\nflagged: {flagged}\n"
    )
}

/// An order no message reached yet.
fn untouched() -> String {
    state("-", "-", 0, 0)
}

fn assert_response(response: &Response, status: u16, body: &str) {
    assert_eq!(
        (response.status, response.body.as_str()),
        (status, body),
        "{response:?}"
    );
}

/// The legacy feedback key of a simulated payment of `reference` in `status`, written out
/// from the format `FeedbackKey` documents (`len:ORDERID/len:PAYID/len:PAYIDSUB/STATUS`, no
/// PAYIDSUB read as `0`), not computed by the crate.
fn legacy_key(reference: &str, status: u8) -> String {
    format!(
        "legacy-feedback {}:{reference}/{}:{PAY_ID}/1:0/{status}",
        reference.len(),
        PAY_ID.len()
    )
}

/// A payment of `reference` for `minor` cents in `status`, the card holder's name with `Œ`,
/// `è` and `€`: characters Windows-1252 escapes otherwise than ISO-8859-1 or UTF-8.
fn tx(reference: &str, status: u8, minor: u64) -> Transaction {
    let mut tx = Transaction::paid(
        reference,
        PAY_ID,
        Amount::from_minor_units(minor).unwrap(),
        "EUR",
    )
    .with_status(Status::from_code(status).unwrap());
    tx.extra
        .push(("CN".to_string(), "Œuvre Lefèvre €".to_string()));
    tx
}

/// ePDQ's feedback for `tx`: signed with the shop's SHA-OUT, hashed in UTF-8, escaped in
/// Windows-1252.
fn epdq(tx: &Transaction) -> String {
    let body = FeedbackSimulator::new(&ShaOutKey::new(SHA_OUT), ALGORITHM)
        .with_transport(TransportCharset::Windows1252)
        .body(tx)
        .unwrap();
    assert!(body.contains("&CN=%8Cuvre+Lef%E8vre+%80&"), "{body}");
    body
}

/// A webhook: the body, its key id and its signature.
struct Signed {
    body: String,
    key_id: String,
    signature: String,
}

/// A `v1` event `id` of `object` (`payment` or `refund`) for `reference`, `minor` cents in EUR
/// and this legacy `statusCode`, signed with the shop's webhook key.
fn event(id: &str, object: &str, status_code: u8, reference: &str, minor: u64) -> Signed {
    let output = if object == "refund" {
        "refundOutput"
    } else {
        "paymentOutput"
    };
    let body = format!(
        r#"{{"apiVersion":"v1","id":"{id}","created":"2026-03-02T10:00:00.000+0100","merchantId":"MyPSPID","type":"{object}.captured","{object}":{{"id":"4311628069_0","status":"CAPTURED","statusOutput":{{"statusCode":{status_code},"statusCategory":"COMPLETED"}},"{output}":{{"amountOfMoney":{{"amount":{minor},"currencyCode":"EUR"}},"references":{{"merchantReference":"{reference}"}}}}}}}}"#
    );
    signed_with(body, KEY_ID, SECRET)
}

fn signed_with(body: String, key_id: &str, secret: &str) -> Signed {
    let key = ApiKey::parse(key_id, secret).unwrap();
    Signed {
        signature: signature(&key, &body),
        body,
        key_id: key_id.to_owned(),
    }
}

// Legacy feedback.

#[test]
fn a_valid_legacy_feedback_moves_the_order() {
    let shop = Shop::start();
    assert_eq!(shop.order("WEB-1"), untouched());
    let paid = epdq(&tx("WEB-1", 9, 4250));
    assert_response(&shop.feedback(&paid), 200, "ok");
    assert_eq!(
        shop.order("WEB-1"),
        state("9", &legacy_key("WEB-1", 9), 1, 0)
    );
    // The body really is Windows-1252: read as UTF-8, `%80` is no character.
    let utf8 = format!("{FORM}; charset=utf-8");
    assert_response(&shop.feedback_as(&utf8, &paid), 400, "malformed feedback");
    assert_eq!(shop.order("WEB-2"), untouched());
}

#[test]
fn a_forged_legacy_feedback_is_forbidden_and_moves_nothing() {
    let shop = Shop::start();
    let refused = epdq(&tx("WEB-1", 2, 4250));
    let forged = refused.replace("STATUS=2&", "STATUS=9&");
    assert_ne!(forged, refused);
    assert_response(&shop.feedback(&forged), 403, "feedback not authentic");
    // Signed with another passphrase (a shop that guessed wrong, or an attacker).
    let other = FeedbackSimulator::new(&ShaOutKey::new("not the shop's"), ALGORITHM)
        .with_transport(TransportCharset::Windows1252)
        .body(&tx("WEB-1", 9, 4250))
        .unwrap();
    assert_response(&shop.feedback(&other), 403, "feedback not authentic");
    let (unsigned, _) = refused.split_once("&SHASIGN=").unwrap();
    assert_response(&shop.feedback(unsigned), 403, "feedback not authentic");
    assert_eq!(shop.order("WEB-1"), untouched());
}

#[test]
fn a_duplicated_legacy_feedback_is_acknowledged_once() {
    let shop = Shop::start();
    let paid = epdq(&tx("WEB-1", 9, 4250));
    assert_response(&shop.feedback(&paid), 200, "ok");
    // Online, then deferred: the same feedback by POST, and by the browser redirect's GET.
    assert_response(&shop.feedback(&paid), 200, "duplicate");
    let redirect = request(shop.port, "GET", &format!("{RETURN_PATH}?{paid}"), &[], b"");
    assert_response(&redirect, 200, "duplicate");
    assert_eq!(
        shop.order("WEB-1"),
        state("9", &legacy_key("WEB-1", 9), 1, 0)
    );
}

#[test]
fn a_late_legacy_authorisation_after_the_capture_is_ignored() {
    let shop = Shop::start();
    let authorised = epdq(&tx("WEB-1", 5, 4250));
    let paid = epdq(&tx("WEB-1", 9, 4250));
    assert_response(&shop.feedback(&paid), 200, "ok");
    assert_response(&shop.feedback(&authorised), 200, "ignored");
    assert_eq!(
        shop.order("WEB-1"),
        state("9", &legacy_key("WEB-1", 9), 2, 0)
    );
    // Handled, so its redelivery is a duplicate; forward still moves (a refund).
    assert_response(&shop.feedback(&authorised), 200, "duplicate");
    assert_response(&shop.feedback(&epdq(&tx("WEB-1", 8, 4250))), 200, "ok");
    assert_eq!(
        shop.order("WEB-1"),
        state("8", &legacy_key("WEB-1", 8), 3, 0)
    );
}

#[test]
fn a_short_legacy_amount_is_flagged_and_moves_nothing() {
    let shop = Shop::start();
    let short = epdq(&tx("WEB-1", 9, 4200));
    assert_response(&shop.feedback(&short), 200, "amount mismatch");
    assert_response(&shop.feedback(&short), 200, "duplicate");
    assert_eq!(shop.order("WEB-1"), state("-", "-", 1, 1));
}

#[test]
fn a_signed_feedback_without_an_order_id_is_malformed() {
    let shop = Shop::start();
    let fields: Vec<(String, String)> = tx("WEB-1", 9, 4250)
        .fields()
        .into_iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("orderID"))
        .collect();
    let body = FeedbackSimulator::new(&ShaOutKey::new(SHA_OUT), ALGORITHM)
        .with_transport(TransportCharset::Windows1252)
        .body_of(&fields)
        .unwrap();
    assert_response(&shop.feedback(&body), 400, "malformed feedback");
}

// Worldline webhooks.

#[test]
fn a_valid_webhook_moves_the_order() {
    let shop = Shop::start();
    assert_response(
        &shop.webhook(&event("ev-1", "payment", 9, "WEB-1", 4250)),
        200,
        "ok",
    );
    assert_eq!(
        shop.order("WEB-1"),
        state("9", "worldline-event ev-1", 1, 0)
    );
    assert_eq!(shop.order("WEB-2"), untouched());
}

#[test]
fn a_forged_webhook_is_forbidden_and_moves_nothing() {
    let shop = Shop::start();
    let valid = event("ev-1", "payment", 9, "WEB-1", 4250);
    // Signed with another secret under the shop's key id.
    let wrong_secret = signed_with(valid.body.clone(), KEY_ID, "a guessed secret");
    assert_response(&shop.webhook(&wrong_secret), 403, "webhook not authentic");
    // The valid signature over a body changed after signing.
    let tampered = Signed {
        body: valid.body.replace(r#""statusCode":9"#, r#""statusCode":8"#),
        key_id: valid.key_id.clone(),
        signature: valid.signature.clone(),
    };
    assert_ne!(tampered.body, valid.body);
    assert_response(&shop.webhook(&tampered), 403, "webhook not authentic");
    // A key id the shop does not have.
    let unknown = signed_with(valid.body.clone(), "key-2025", SECRET);
    assert_response(&shop.webhook(&unknown), 403, "webhook not authentic");
    // No signature at all.
    let headers = [("X-GCS-KeyId", KEY_ID)];
    let unsigned = request(
        shop.port,
        "POST",
        WEBHOOK_PATH,
        &headers,
        valid.body.as_bytes(),
    );
    assert_response(&unsigned, 403, "webhook not authentic");
    assert_eq!(shop.order("WEB-1"), untouched());
}

#[test]
fn a_duplicated_webhook_is_acknowledged_once() {
    let shop = Shop::start();
    let captured = event("ev-1", "payment", 9, "WEB-1", 4250);
    assert_response(&shop.webhook(&captured), 200, "ok");
    assert_response(&shop.webhook(&captured), 200, "duplicate");
    // Another body with the same event id (a redelivery re-serialised) is the same event.
    let again = event("ev-1", "payment", 9, "WEB-1", 4250);
    let again = signed_with(
        again.body.replace("2026-03-02", "2026-03-03"),
        KEY_ID,
        SECRET,
    );
    assert_response(&shop.webhook(&again), 200, "duplicate");
    assert_eq!(
        shop.order("WEB-1"),
        state("9", "worldline-event ev-1", 1, 0)
    );
}

#[test]
fn a_late_webhook_authorisation_after_the_capture_is_ignored() {
    let shop = Shop::start();
    assert_response(
        &shop.webhook(&event("ev-2", "payment", 9, "WEB-1", 4250)),
        200,
        "ok",
    );
    let late = event("ev-1", "payment", 5, "WEB-1", 4250);
    assert_response(&shop.webhook(&late), 200, "ignored");
    assert_response(&shop.webhook(&late), 200, "duplicate");
    assert_eq!(
        shop.order("WEB-1"),
        state("9", "worldline-event ev-2", 2, 0)
    );
    assert_response(
        &shop.webhook(&event("ev-3", "refund", 8, "WEB-1", 4250)),
        200,
        "ok",
    );
    assert_eq!(
        shop.order("WEB-1"),
        state("8", "worldline-event ev-3", 3, 0)
    );
}

#[test]
fn a_short_amount_webhook_is_flagged_and_moves_nothing() {
    let shop = Shop::start();
    assert_response(
        &shop.webhook(&event("ev-1", "payment", 5, "WEB-1", 4250)),
        200,
        "ok",
    );
    let short = event("ev-2", "payment", 9, "WEB-1", 4200);
    assert_response(&shop.webhook(&short), 200, "amount mismatch");
    assert_response(&shop.webhook(&short), 200, "duplicate");
    assert_eq!(
        shop.order("WEB-1"),
        state("5", "worldline-event ev-1", 2, 1)
    );
}

/// Issue 18, finding 1 end to end: two signed captures for different orders, both with a
/// blank id. Were a blank id accepted, the second would be a `duplicate` of the first and its
/// order would never move; both are refused and neither order moves.
#[test]
fn blank_id_webhooks_are_refused_and_move_nothing() {
    let shop = Shop::start();
    for (id, reference) in [("", "WEB-1"), ("   ", "WEB-2"), ("", "WEB-3")] {
        let blank = event(id, "payment", 9, reference, 4250);
        assert_response(&shop.webhook(&blank), 400, "malformed webhook");
        assert_eq!(shop.order(reference), untouched());
    }
}

#[test]
fn webhooks_that_are_no_order_update_or_for_another_shop_are_acknowledged() {
    let shop = Shop::start();
    let token = signed_with(
        r#"{"apiVersion":"v1","id":"ev-t","type":"token.created"}"#.to_string(),
        KEY_ID,
        SECRET,
    );
    assert_response(&shop.webhook(&token), 200, "no order update");
    let stranger = event("ev-s", "payment", 9, "OTHER-7", 4250);
    assert_response(&shop.webhook(&stranger), 200, "unknown order");
    let feedback = epdq(&tx("OTHER-7", 9, 4250));
    assert_response(&shop.feedback(&feedback), 200, "unknown order");
    let missing = request(shop.port, "GET", "/orders/OTHER-7", &[], b"");
    assert_eq!(missing.status, 404, "{missing:?}");
}

// Both platforms, one order.

#[test]
fn a_legacy_authorisation_then_a_webhook_capture_and_late_copies_of_either() {
    let shop = Shop::start();
    assert_response(&shop.feedback(&epdq(&tx("WEB-1", 5, 4250))), 200, "ok");
    assert_eq!(
        shop.order("WEB-1"),
        state("5", &legacy_key("WEB-1", 5), 1, 0)
    );
    assert_response(
        &shop.webhook(&event("ev-9", "payment", 9, "WEB-1", 4250)),
        200,
        "ok",
    );
    assert_eq!(
        shop.order("WEB-1"),
        state("9", "worldline-event ev-9", 2, 0)
    );
    // The legacy 5 again is a duplicate (its key was handled); a new 5 from Direct is stale.
    assert_response(
        &shop.feedback(&epdq(&tx("WEB-1", 5, 4250))),
        200,
        "duplicate",
    );
    assert_response(
        &shop.webhook(&event("ev-5", "payment", 5, "WEB-1", 4250)),
        200,
        "ignored",
    );
    assert_eq!(
        shop.order("WEB-1"),
        state("9", "worldline-event ev-9", 3, 0)
    );
}

#[test]
fn a_webhook_capture_then_a_late_legacy_authorisation() {
    let shop = Shop::start();
    assert_response(
        &shop.webhook(&event("ev-9", "payment", 9, "WEB-2", 4250)),
        200,
        "ok",
    );
    assert_response(&shop.feedback(&epdq(&tx("WEB-2", 5, 4250))), 200, "ignored");
    assert_eq!(
        shop.order("WEB-2"),
        state("9", "worldline-event ev-9", 2, 0)
    );
    // A legacy refund moves it on: the table orders both platforms' codes alike.
    assert_response(&shop.feedback(&epdq(&tx("WEB-2", 8, 4250))), 200, "ok");
    assert_eq!(
        shop.order("WEB-2"),
        state("8", &legacy_key("WEB-2", 8), 3, 0)
    );
}

// The shop itself.

#[test]
fn the_endpoint_verification_get_is_echoed() {
    let shop = Shop::start();
    let header = [("X-GCS-Webhooks-Endpoint-Verification", "a1b2c3-verify")];
    let response = request(shop.port, "GET", WEBHOOK_PATH, &header, b"");
    assert_response(&response, 200, "a1b2c3-verify");
    assert!(
        response.headers.contains("content-type: text/plain"),
        "{response:?}"
    );
}

#[test]
fn the_shop_refuses_to_start_without_either_secret() {
    for missing in ["OGONE_SHA_OUT", "WORLDLINE_WEBHOOK_SECRET"] {
        let output = command().env_remove(missing).output().unwrap();
        assert!(!output.status.success(), "{missing}");
        assert!(output.stdout.is_empty(), "{missing}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(missing), "{stderr}");
    }
}

#[test]
fn a_signed_feedback_with_an_empty_order_id_is_malformed() {
    let shop = Shop::start();
    let blank = epdq(&tx("", 9, 4250));
    assert!(blank.starts_with("orderID=&"), "{blank}");
    assert_response(&shop.feedback(&blank), 400, "malformed feedback");
}

/// A webhook whose `merchantReference` is empty or only whitespace names no order, as a
/// legacy feedback with an empty ORDERID does not (found here: `OrderUpdate::try_from` on an
/// event took it as the order `""`; the library now refuses it, `MissingReference`).
#[test]
fn a_webhook_with_a_blank_merchant_reference_is_no_order_update() {
    let shop = Shop::start();
    for (id, reference) in [("ev-1", ""), ("ev-2", "   ")] {
        let event = event(id, "payment", 9, reference, 4250);
        assert_response(&shop.webhook(&event), 200, "no order update");
    }
}
