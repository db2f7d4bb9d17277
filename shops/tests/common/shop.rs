//! The loopback tests both shop examples (`axum_shop`, `actix_shop`) pass: the example is run
//! as a child process and driven over real HTTP/1.1 (`common/loopback.rs`) with feedback made
//! by `ogone::simulate`. A test file includes this module with
//! `#[path = "common/shop.rs"] mod shop;` next to `mod common;` and
//! `#[path = "common/loopback.rs"] mod loopback;`, and lists the tests with [`shop_tests!`].

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use ogone::simulate::{FeedbackSimulator, Transaction};
use ogone::{Amount, HashAlgorithm, MAX_FORM_BYTES, ShaOutKey, Status, TransportCharset};

use super::loopback::{Response, Server, request};

/// `#[test]` functions calling the tests of this module of the same names with `$example`.
macro_rules! shop_tests {
    ($example:literal: $($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                shop::$name($example);
            }
        )*
    };
}
pub(crate) use shop_tests;

/// The SHA-OUT passphrase and algorithm the shop is started with (not its defaults, so the
/// environment is known to be read).
pub const SHA_OUT: &str = "test-sha-out-key-0123456789";
pub const ALGORITHM: HashAlgorithm = HashAlgorithm::Sha256;

pub const FORM: &str = "application/x-www-form-urlencoded";

/// The fixed bodies of the extractor's rejection: the class of the error, nothing of the input.
pub const NOT_AUTHENTIC: &str = "feedback not authentic";
pub const MALFORMED: &str = "malformed feedback";

/// The example binary, built once with this test's profile (a test binary drives one shop).
fn binary(example: &str) -> &'static PathBuf {
    static BINARY: OnceLock<(String, PathBuf)> = OnceLock::new();
    let (built, path) =
        BINARY.get_or_init(|| (example.to_string(), super::common::build_example(example)));
    assert_eq!(built, example, "one shop per test binary");
    path
}

/// A running shop; killed when dropped.
pub struct Shop {
    _server: Server,
    pub port: u16,
}

impl Shop {
    /// Starts a shop on a free port with the test credentials and `env` on top.
    pub fn start_with(example: &str, env: &[(&str, &str)]) -> Shop {
        let mut command = Command::new(binary(example));
        command
            .env("SHOP_ADDR", "127.0.0.1:0")
            .env("OGONE_SHA_OUT", SHA_OUT)
            .env("OGONE_ALGORITHM", ALGORITHM.as_str())
            .env_remove("SHOP_PUBLIC_URL")
            .env_remove("OGONE_PSPID")
            .env_remove("OGONE_SHA_IN")
            .env_remove("OGONE_TRANSPORT");
        let server = Server::spawn(command, env);
        Shop {
            port: server.port,
            _server: server,
        }
    }

    pub fn start(example: &str) -> Shop {
        Shop::start_with(example, &[])
    }

    pub fn get(&self, target: &str) -> Response {
        request(self.port, "GET", target, &[], b"")
    }

    pub fn post(&self, content_type: &str, body: impl AsRef<[u8]>) -> Response {
        request(
            self.port,
            "POST",
            "/payment/ogone/return",
            &[("Content-Type", content_type)],
            body.as_ref(),
        )
    }

    /// The recorded status of `order_id` (percent-encoded as needed), `None` on 404.
    pub fn order(&self, order_id_in_path: &str) -> Option<String> {
        let response = self.get(&format!("/orders/{order_id_in_path}"));
        match response.status {
            200 => Some(response.body),
            404 => None,
            other => panic!("GET /orders/{order_id_in_path}: {other} {}", response.body),
        }
    }
}

pub fn simulator() -> FeedbackSimulator {
    FeedbackSimulator::new(&ShaOutKey::new(SHA_OUT), ALGORITHM)
}

pub fn tx(order_id: &str, status: Status) -> Transaction {
    Transaction::paid(
        order_id,
        "3014726",
        Amount::from_minor_units(4250).unwrap(),
        "EUR",
    )
    .with_status(status)
}

pub fn body(tx: &Transaction) -> String {
    simulator().body(tx).unwrap()
}

pub fn assert_response(response: &Response, status: u16, body: &str) {
    assert_eq!(
        (response.status, response.body.as_str()),
        (status, body),
        "{response:?}"
    );
}

/// A test both shops pass.
pub fn checkout_page_posts_to_the_hosted_payment_page(example: &str) {
    let shop = Shop::start(example);
    let response = shop.get("/checkout");
    assert_eq!(response.status, 200, "{response:?}");
    assert!(
        response.headers.contains("content-type: text/html"),
        "{response:?}"
    );
    let html = &response.body;
    assert!(html.contains("<form"), "{html}");
    assert!(
        html.contains("action=\"https://ogone.test.v-psp.com/ncol/test/orderstandard_utf8.asp\""),
        "{html}"
    );
    let return_url = format!("http://127.0.0.1:{}/payment/ogone/return", shop.port);
    assert!(
        html.contains(&format!("name=\"ACCEPTURL\" value=\"{return_url}\"")),
        "{html}"
    );
    assert!(html.contains("name=\"PSPID\" value=\"MyPSPID\""), "{html}");
    // The default SHA-IN algorithm was replaced by OGONE_ALGORITHM: SHA-256, 64 hex digits.
    let shasign = html.split("name=\"SHASIGN\" value=\"").nth(1).unwrap();
    assert_eq!(shasign.find('"'), Some(64), "{html}");
    // Each checkout is a new order.
    let again = shop.get("/checkout").body;
    assert!(
        html.contains("WEB-1001") && again.contains("WEB-1002"),
        "{again}"
    );
}

/// A test both shops pass.
pub fn valid_post_records_the_order(example: &str) {
    let shop = Shop::start(example);
    assert_eq!(shop.order("WEB-1"), None);
    let response = shop.post(FORM, body(&tx("WEB-1", Status::PaymentRequested)));
    assert_response(&response, 200, "ok");
    assert_eq!(shop.order("WEB-1").as_deref(), Some("9"));
}

/// A test both shops pass.
pub fn valid_get_redirect_records_the_order(example: &str) {
    let shop = Shop::start(example);
    let query = body(&tx("WEB-2", Status::Authorised));
    let response = shop.get(&format!("/payment/ogone/return?{query}"));
    assert_response(&response, 200, "ok");
    assert_eq!(shop.order("WEB-2").as_deref(), Some("5"));
}

/// A test both shops pass.
pub fn tampered_feedback_is_forbidden(example: &str) {
    let shop = Shop::start(example);
    let signed = body(&tx("WEB-3", Status::AuthorisationRefused));
    let tampered = signed.replace("STATUS=2&", "STATUS=9&");
    assert_ne!(signed, tampered);
    assert_response(&shop.post(FORM, &tampered), 403, NOT_AUTHENTIC);
    let query = format!("/payment/ogone/return?{tampered}");
    assert_response(&shop.get(&query), 403, NOT_AUTHENTIC);
    assert_eq!(shop.order("WEB-3"), None);
    // A signature of the wrong length or not hex is refused the same way.
    let cut = &signed[..signed.len() - 2];
    assert_eq!(shop.post(FORM, cut).status, 403);
    assert_eq!(shop.order("WEB-3"), None);
}

/// A test both shops pass.
pub fn missing_shasign_is_forbidden(example: &str) {
    let shop = Shop::start(example);
    let signed = body(&tx("WEB-4", Status::PaymentRequested));
    let (unsigned, _) = signed.split_once("&SHASIGN=").unwrap();
    assert_response(&shop.post(FORM, unsigned), 403, NOT_AUTHENTIC);
    assert_eq!(shop.order("WEB-4"), None);
}

/// A test both shops pass.
pub fn the_same_feedback_twice_is_a_duplicate(example: &str) {
    let shop = Shop::start(example);
    let authorised = body(&tx("WEB-5", Status::Authorised));
    let paid = body(&tx("WEB-5", Status::PaymentRequested));
    assert_response(&shop.post(FORM, &authorised), 200, "ok");
    assert_response(&shop.post(FORM, &paid), 200, "ok");
    // Online, then deferred: the same feedback again, by POST and by GET.
    assert_response(&shop.post(FORM, &paid), 200, "duplicate");
    let query = format!("/payment/ogone/return?{paid}");
    assert_response(&shop.get(&query), 200, "duplicate");
    // A late copy of the earlier feedback changes nothing either.
    assert_response(&shop.post(FORM, &authorised), 200, "duplicate");
    assert_eq!(shop.order("WEB-5").as_deref(), Some("9"));
}

/// A test both shops pass.
pub fn a_status_going_backwards_is_ignored(example: &str) {
    let shop = Shop::start(example);
    assert_response(
        &shop.post(FORM, body(&tx("WEB-6", Status::PaymentRequested))),
        200,
        "ok",
    );
    // A 5 (authorised) delivered after the 9 (captured), a "processing" after the 9: ignored.
    for late in [Status::Authorised, Status::PaymentProcessing] {
        assert_response(&shop.post(FORM, body(&tx("WEB-6", late))), 200, "ignored");
        assert_eq!(shop.order("WEB-6").as_deref(), Some("9"));
    }
    // Forward still moves: a refund after the capture.
    assert_response(
        &shop.post(FORM, body(&tx("WEB-6", Status::Refund))),
        200,
        "ok",
    );
    assert_eq!(shop.order("WEB-6").as_deref(), Some("8"));
}

/// ORDERID and CN with `é`, percent-escaped in ISO-8859-1 (`%E9`), hashed in UTF-8.
fn latin1_feedback() -> String {
    let mut tx = tx("café-7", Status::PaymentRequested);
    tx.extra.push(("CN".to_string(), "Zoé Dupré".to_string()));
    let body = simulator()
        .with_transport(TransportCharset::Iso8859_1)
        .body(&tx)
        .unwrap();
    assert!(body.starts_with("orderID=caf%E9-7&"), "{body}");
    assert!(body.contains("&CN=Zo%E9+Dupr%E9&"), "{body}");
    body
}

/// A test both shops pass.
pub fn iso_8859_1_feedback_is_decoded_with_the_content_type_charset(example: &str) {
    let shop = Shop::start(example);
    let body = latin1_feedback();
    // Decoded as UTF-8 (no charset said, default utf-8), `%E9` is not valid: malformed.
    assert_response(&shop.post(FORM, &body), 400, MALFORMED);
    assert_eq!(shop.order("caf%C3%A9-7"), None);

    let latin1 = format!("{FORM}; charset=ISO-8859-1");
    assert_response(&shop.post(&latin1, &body), 200, "ok");
    assert_eq!(shop.order("caf%C3%A9-7").as_deref(), Some("9"));
    // The charset parameter may be quoted and in any case.
    assert_response(
        &shop.post(&format!("{FORM};Charset=\"latin1\""), &body),
        200,
        "duplicate",
    );
}

/// A test both shops pass.
pub fn iso_8859_1_feedback_is_decoded_with_the_configured_default(example: &str) {
    let shop = Shop::start_with(example, &[("OGONE_TRANSPORT", "iso-8859-1")]);
    let body = latin1_feedback();
    assert_response(&shop.post(FORM, &body), 200, "ok");
    assert_eq!(shop.order("caf%C3%A9-7").as_deref(), Some("9"));
    // The browser redirect carries the same escapes in its query string.
    let query = format!("/payment/ogone/return?{body}");
    assert_response(&shop.get(&query), 200, "duplicate");
}

/// A test both shops pass.
pub fn oversized_body_is_refused(example: &str) {
    let shop = Shop::start(example);
    let oversized = oversized();
    assert_response(&shop.post(FORM, &oversized), 413, "feedback too large");
    // The server is still up.
    assert_eq!(shop.order("WEB-8"), None);
}

/// A signed feedback padded to one byte over [`MAX_FORM_BYTES`].
pub fn oversized() -> String {
    let mut oversized = body(&tx("WEB-8", Status::PaymentRequested));
    oversized.push_str("&PADDING=");
    let pad = MAX_FORM_BYTES + 1 - oversized.len();
    oversized.push_str(&"x".repeat(pad));
    assert_eq!(oversized.len(), MAX_FORM_BYTES + 1);
    oversized
}

/// CN with `€` and `Œ`, percent-escaped in Windows-1252 (`%80`, `%8C`) as ePDQ posts them,
/// hashed in UTF-8.
fn cp1252_feedback() -> String {
    let mut tx = tx("WEB-11", Status::PaymentRequested);
    tx.extra
        .push(("CN".to_string(), "Œuvre Lefèvre €".to_string()));
    let body = simulator()
        .with_transport(TransportCharset::Windows1252)
        .body(&tx)
        .unwrap();
    assert!(body.contains("&CN=%8Cuvre+Lef%E8vre+%80&"), "{body}");
    body
}

/// A test both shops pass.
pub fn windows_1252_feedback_is_decoded(example: &str) {
    let shop = Shop::start(example);
    let body = cp1252_feedback();
    // `%80` is not valid UTF-8 (the default here); ISO-8859-1 reads it as U+0080, which the
    // signature did not cover.
    assert_response(&shop.post(FORM, &body), 400, MALFORMED);
    let latin1 = format!("{FORM}; charset=iso-8859-1");
    assert_response(&shop.post(&latin1, &body), 403, NOT_AUTHENTIC);
    assert_eq!(shop.order("WEB-11"), None);
    let cp1252 = format!("{FORM}; charset=windows-1252");
    assert_response(&shop.post(&cp1252, &body), 200, "ok");
    assert_eq!(shop.order("WEB-11").as_deref(), Some("9"));

    // An ePDQ-like shop whose default is Windows-1252: the same body, no charset said.
    let epdq = Shop::start_with(example, &[("OGONE_TRANSPORT", "windows-1252")]);
    assert_response(&epdq.post(FORM, &body), 200, "ok");
    let query = format!("/payment/ogone/return?{body}");
    assert_response(&epdq.get(&query), 200, "duplicate");
}

/// A test both shops pass.
pub fn malformed_input_is_a_bad_request(example: &str) {
    let shop = Shop::start(example);
    let signed = body(&tx("WEB-9", Status::PaymentRequested));
    let bad_escape = signed.replace("orderID=WEB-9", "orderID=WEB-%zz9");
    assert_response(&shop.post(FORM, &bad_escape), 400, MALFORMED);
    let query = format!("/payment/ogone/return?{bad_escape}");
    assert_eq!(shop.get(&query).status, 400);
    // A repeated name (parameter pollution) is refused before any signature check.
    let polluted = format!("{signed}&status=5");
    assert_response(&shop.post(FORM, &polluted), 400, MALFORMED);
    assert_eq!(shop.order("WEB-9"), None);
}

/// A test both shops pass.
pub fn unsupported_content_types_are_refused(example: &str) {
    let shop = Shop::start(example);
    let signed = body(&tx("WEB-10", Status::PaymentRequested));
    assert_eq!(shop.post("application/json", &signed).status, 415);
    assert_eq!(
        shop.post(&format!("{FORM}; charset=koi8-r"), &signed)
            .status,
        415
    );
    assert_eq!(shop.order("WEB-10"), None);
    // Windows-1252 is a transport charset the crate knows (ePDQ).
    let response = shop.post(&format!("{FORM}; charset=windows-1252"), &signed);
    assert_response(&response, 200, "ok");
}

/// A test both shops pass.
pub fn unknown_order_is_not_found(example: &str) {
    let shop = Shop::start(example);
    let response = shop.get("/orders/nope");
    assert_eq!(response.status, 404, "{response:?}");
}
