//! Runs the `axum_shop` example server and drives it over real HTTP/1.1 (a tiny client on
//! `std::net::TcpStream`) with feedback made by `ogone::simulate`: valid POST and GET, tampered,
//! duplicated, ISO-8859-1, oversized, malformed, unsigned and out-of-order feedback, and the
//! checkout page.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

use ogone::simulate::{FeedbackSimulator, Transaction};
use ogone::{Amount, HashAlgorithm, MAX_FORM_BYTES, ShaOutKey, Status, TransportCharset};

/// The SHA-OUT passphrase and algorithm the shop is started with (not its defaults, so the
/// environment is known to be read).
const SHA_OUT: &str = "test-sha-out-key-0123456789";
const ALGORITHM: HashAlgorithm = HashAlgorithm::Sha256;

const FORM: &str = "application/x-www-form-urlencoded";

/// The example binary, built once with this test's profile.
fn binary() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| common::build_example("axum_shop"))
}

/// A running shop; killed when dropped, so a failing test leaves no server behind.
struct Shop {
    child: Child,
    port: u16,
}

impl Drop for Shop {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Shop {
    /// Starts a shop on a free port with the test credentials and `env` on top.
    fn start_with(env: &[(&str, &str)]) -> Shop {
        let mut command = Command::new(binary());
        command
            .env("SHOP_ADDR", "127.0.0.1:0")
            .env("OGONE_SHA_OUT", SHA_OUT)
            .env("OGONE_ALGORITHM", ALGORITHM.as_str())
            .env_remove("SHOP_PUBLIC_URL")
            .env_remove("OGONE_PSPID")
            .env_remove("OGONE_SHA_IN")
            .env_remove("OGONE_TRANSPORT")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        // Guard before anything can panic: the child dies with the test.
        let mut shop = Shop { child, port: 0 };

        // Read the first line on a thread, with a timeout, and keep draining stdout there.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let _ = tx.send(line);
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the shop did not print its address in time");
        let port = line
            .trim_end()
            .strip_prefix("listening on http://127.0.0.1:")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        shop.port = port.parse().unwrap();
        shop
    }

    fn start() -> Shop {
        Shop::start_with(&[])
    }

    fn get(&self, target: &str) -> Response {
        http(self.port, "GET", target, None, b"")
    }

    fn post(&self, content_type: &str, body: impl AsRef<[u8]>) -> Response {
        http(
            self.port,
            "POST",
            "/payment/ogone/return",
            Some(content_type),
            body.as_ref(),
        )
    }

    /// The recorded status of `order_id` (percent-encoded as needed), `None` on 404.
    fn order(&self, order_id_in_path: &str) -> Option<String> {
        let response = self.get(&format!("/orders/{order_id_in_path}"));
        match response.status {
            200 => Some(response.body),
            404 => None,
            other => panic!("GET /orders/{order_id_in_path}: {other} {}", response.body),
        }
    }
}

/// What the tiny client gives back.
#[derive(Debug)]
struct Response {
    status: u16,
    headers: String,
    body: String,
}

/// One HTTP/1.1 request with `Connection: close`, reading the response to the end.
fn http(
    port: u16,
    method: &str,
    target: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
    if let Some(content_type) = content_type {
        request.push_str(&format!("Content-Type: {content_type}\r\n"));
    }
    if method != "GET" || !body.is_empty() {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("Connection: close\r\n\r\n");
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body);
    // The server may answer (413) and close before reading all of an oversized body.
    let _ = stream.write_all(&bytes);

    let mut raw = Vec::new();
    let mut chunk = [0_u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
            // A reset after the response arrived (unread request body) ends it too.
            Err(e) if !raw.is_empty() => {
                eprintln!("read ended with {e}");
                break;
            }
            Err(e) => panic!("{method} {target}: no response: {e}"),
        }
    }
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("no end of headers");
    let head = String::from_utf8(raw[..end].to_vec()).unwrap();
    let mut body = raw[end + 4..].to_vec();
    let status_line = head.lines().next().unwrap();
    let mut words = status_line.split(' ');
    assert_eq!(words.next(), Some("HTTP/1.1"), "{status_line}");
    let status = words.next().unwrap().parse().unwrap();
    let headers = head.to_ascii_lowercase();
    if headers.contains("\r\ntransfer-encoding: chunked") {
        body = dechunk(&body);
    } else if let Some(len) = headers
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
    {
        let len: usize = len.trim().parse().unwrap();
        assert!(body.len() >= len, "short body: {} < {len}", body.len());
        body.truncate(len);
    }
    Response {
        status,
        headers,
        body: String::from_utf8(body).unwrap(),
    }
}

/// Decodes a chunked body (no trailers expected).
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = std::str::from_utf8(&raw[..eol]).unwrap();
        let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16).unwrap();
        raw = &raw[eol + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

fn simulator() -> FeedbackSimulator {
    FeedbackSimulator::new(&ShaOutKey::new(SHA_OUT), ALGORITHM)
}

fn tx(order_id: &str, status: Status) -> Transaction {
    Transaction::paid(
        order_id,
        "3014726",
        Amount::from_minor_units(4250).unwrap(),
        "EUR",
    )
    .with_status(status)
}

fn body(tx: &Transaction) -> String {
    simulator().body(tx).unwrap()
}

fn assert_response(response: &Response, status: u16, body: &str) {
    assert_eq!(
        (response.status, response.body.as_str()),
        (status, body),
        "{response:?}"
    );
}

#[test]
fn checkout_page_posts_to_the_hosted_payment_page() {
    let shop = Shop::start();
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

#[test]
fn valid_post_records_the_order() {
    let shop = Shop::start();
    assert_eq!(shop.order("WEB-1"), None);
    let response = shop.post(FORM, body(&tx("WEB-1", Status::PaymentRequested)));
    assert_response(&response, 200, "ok");
    assert_eq!(shop.order("WEB-1").as_deref(), Some("9"));
}

#[test]
fn valid_get_redirect_records_the_order() {
    let shop = Shop::start();
    let query = body(&tx("WEB-2", Status::Authorised));
    let response = shop.get(&format!("/payment/ogone/return?{query}"));
    assert_response(&response, 200, "ok");
    assert_eq!(shop.order("WEB-2").as_deref(), Some("5"));
}

#[test]
fn tampered_feedback_is_forbidden() {
    let shop = Shop::start();
    let signed = body(&tx("WEB-3", Status::AuthorisationRefused));
    let tampered = signed.replace("STATUS=2&", "STATUS=9&");
    assert_ne!(signed, tampered);
    assert_response(&shop.post(FORM, &tampered), 403, "signature mismatch");
    let query = format!("/payment/ogone/return?{tampered}");
    assert_response(&shop.get(&query), 403, "signature mismatch");
    assert_eq!(shop.order("WEB-3"), None);
    // A signature of the wrong length or not hex is refused the same way.
    let cut = &signed[..signed.len() - 2];
    assert_eq!(shop.post(FORM, cut).status, 403);
    assert_eq!(shop.order("WEB-3"), None);
}

#[test]
fn missing_shasign_is_forbidden() {
    let shop = Shop::start();
    let signed = body(&tx("WEB-4", Status::PaymentRequested));
    let (unsigned, _) = signed.split_once("&SHASIGN=").unwrap();
    assert_response(
        &shop.post(FORM, unsigned),
        403,
        "no SHASIGN parameter to verify",
    );
    assert_eq!(shop.order("WEB-4"), None);
}

#[test]
fn the_same_feedback_twice_is_a_duplicate() {
    let shop = Shop::start();
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

#[test]
fn a_status_going_backwards_is_ignored() {
    let shop = Shop::start();
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

#[test]
fn iso_8859_1_feedback_is_decoded_with_the_content_type_charset() {
    let shop = Shop::start();
    let body = latin1_feedback();
    // Decoded as UTF-8 (no charset said, default utf-8), `%E9` is not valid: malformed.
    let response = shop.post(FORM, &body);
    assert_eq!(response.status, 400, "{response:?}");
    assert!(response.body.contains("invalid utf-8"), "{response:?}");
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

#[test]
fn iso_8859_1_feedback_is_decoded_with_the_configured_default() {
    let shop = Shop::start_with(&[("OGONE_TRANSPORT", "iso-8859-1")]);
    let body = latin1_feedback();
    assert_response(&shop.post(FORM, &body), 200, "ok");
    assert_eq!(shop.order("caf%C3%A9-7").as_deref(), Some("9"));
    // The browser redirect carries the same escapes in its query string.
    let query = format!("/payment/ogone/return?{body}");
    assert_response(&shop.get(&query), 200, "duplicate");
}

#[test]
fn oversized_body_is_refused() {
    let shop = Shop::start();
    let mut oversized = body(&tx("WEB-8", Status::PaymentRequested));
    oversized.push_str("&PADDING=");
    let pad = MAX_FORM_BYTES + 1 - oversized.len();
    oversized.push_str(&"x".repeat(pad));
    assert_eq!(oversized.len(), MAX_FORM_BYTES + 1);
    assert_eq!(shop.post(FORM, &oversized).status, 413);
    assert_eq!(shop.order("WEB-8"), None);
    // The same in a query string: hyper (the `http` crate) refuses a URI over 65,534 bytes
    // with 414 before the handler runs; under that, the parser's limit answers 413.
    let query = format!("/payment/ogone/return?{oversized}");
    assert_eq!(shop.get(&query).status, 414);
    // The server is still up.
    assert_eq!(shop.order("WEB-8"), None);
}

#[test]
fn malformed_input_is_a_bad_request() {
    let shop = Shop::start();
    let signed = body(&tx("WEB-9", Status::PaymentRequested));
    let bad_escape = signed.replace("orderID=WEB-9", "orderID=WEB-%zz9");
    let response = shop.post(FORM, &bad_escape);
    assert_eq!(response.status, 400, "{response:?}");
    assert!(
        response.body.contains("malformed percent-escape"),
        "{response:?}"
    );
    let query = format!("/payment/ogone/return?{bad_escape}");
    assert_eq!(shop.get(&query).status, 400);
    // A repeated name (parameter pollution) is refused before any signature check.
    let polluted = format!("{signed}&status=5");
    let response = shop.post(FORM, &polluted);
    assert_eq!(response.status, 400, "{response:?}");
    assert!(
        response.body.contains("duplicate parameter"),
        "{response:?}"
    );
    assert_eq!(shop.order("WEB-9"), None);
}

#[test]
fn unsupported_content_types_are_refused() {
    let shop = Shop::start();
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

#[test]
fn unknown_order_is_not_found() {
    let shop = Shop::start();
    let response = shop.get("/orders/nope");
    assert_eq!(response.status, 404, "{response:?}");
}
