//! A small shop on axum + tokio: a checkout page that posts to Ogone's hosted payment page, and
//! the return URL that verifies what Ogone sends back and records the order's state.
//!
//! ```text
//! cargo run -p ogone-shops --example axum_shop
//! SHOP_ADDR=127.0.0.1:8080 cargo run -p ogone-shops --example axum_shop
//! ```
//!
//! Once bound, it prints one line, `listening on http://127.0.0.1:PORT`, to standard output
//! (its log goes to standard error).
//!
//! # Configuration (environment)
//!
//! | Variable           | Default                   | Meaning                                        |
//! |--------------------|---------------------------|------------------------------------------------|
//! | `SHOP_ADDR`        | `127.0.0.1:0`             | address to bind (port 0: any free port)        |
//! | `SHOP_PUBLIC_URL`  | `http://` + bound address | the shop's URL as Ogone and browsers see it    |
//! | `OGONE_PSPID`      | `MyPSPID`                 | the PSPID                                      |
//! | `OGONE_SHA_IN`     | `Mysecretsig1875!?`       | SHA-IN passphrase (signs the checkout form)    |
//! | `OGONE_SHA_OUT`    | `Another-secret-for-OUT`  | SHA-OUT passphrase (verifies feedback)         |
//! | `OGONE_ALGORITHM`  | `sha512`                  | `sha1`, `sha256` or `sha512`                   |
//! | `OGONE_TRANSPORT`  | the platform's (`utf-8`)  | charset of feedback escapes when the request does not say (`utf-8`, `iso-8859-1`, `windows-1252`) |
//!
//! The defaults are test values (the SHA-IN key is the one of Ingenico's guide): never use them
//! for a real account. The account is Ogone's test environment, hashing in UTF-8.
//!
//! # Routes
//!
//! - `GET /checkout`: an HTML page with the signed, auto-submitting form of a demo order (42.50
//!   EUR, a new `WEB-n` order ID each time) for the hosted payment page; ACCEPTURL, DECLINEURL,
//!   EXCEPTIONURL and CANCELURL point at `/payment/ogone/return` on this shop.
//! - `GET /payment/ogone/return?...`: the browser redirect (and GET server-to-server feedback).
//! - `POST /payment/ogone/return`: the server-to-server feedback, an
//!   `application/x-www-form-urlencoded` body.
//! - `GET /orders/{id}`: the recorded STATUS code of an order as plain text (`9`), 404 if none.
//!
//! # Handling feedback
//!
//! The return URL takes [`OgoneFeedback`] (feature `axum`), the crate's extractor: it reads the
//! raw query string or the raw body (at most [`ogone::MAX_FORM_BYTES`]), decodes it in the
//! `charset` of the request's `Content-Type` or else the verifier's transport charset
//! (`OGONE_TRANSPORT`, else the platform's), refuses duplicate names and verifies SHASIGN. Not
//! axum's `Form` or `Query`: those decode in UTF-8 (an ISO-8859-1 `%E9` is lost) and let a
//! repeated name (`STATUS=9&status=5`) through. hyper refuses a request target over 65,534
//! bytes with 414 before the extractor sees it.
//!
//! Responses (plain text; Ogone only looks at the status code, and retries a failed online
//! feedback as a deferred one):
//!
//! | Case                                                                 | Status | Body        |
//! |----------------------------------------------------------------------|--------|-------------|
//! | verified, first delivery of this feedback, order updated             | 200    | `ok`        |
//! | verified, this feedback (same [`VerifiedFeedback::key`]) was handled | 200    | `duplicate` |
//! | verified, new feedback but the order's status would move backwards   | 200    | `ignored`   |
//! | refused: the status of the error's [`ogone::ErrorKind`]               | 400, 403, 413, 415, 500 | fixed, by kind |
//!
//! The extractor's [`FeedbackRejection`] answers 400 for malformed input (a bad escape or
//! encoding, a duplicate name; and here a signed feedback without a usable ORDERID, PAYID,
//! STATUS or AMOUNT), 403 when it is not authentic (no, malformed or wrong SHASIGN), 413 over
//! the size limits, 415 for a POST that is not a form or names an unknown charset, 500 for the
//! shop's own configuration; its body names only that class (`feedback not authentic`). The
//! reason goes to the log.
//!
//! Nothing is recorded unless the signature checked out.
//!
//! # Order state
//!
//! The store is in memory (`Arc<Mutex<..>>`): the order's status by ORDERID, and the keys of the
//! feedback already handled. A real shop keeps both in its database, the keys under a unique
//! constraint, in the same transaction as the order update.
//!
//! - **Idempotency**: a feedback whose key ([`VerifiedFeedback::key`]: ORDERID, PAYID, PAYIDSUB,
//!   STATUS) was handled before is answered `duplicate` and changes nothing. Ogone sends one
//!   feedback twice when the online call failed or timed out after the shop processed it.
//! - **Never backwards**: feedback can arrive out of order (a deferred `5` after the `9`). A
//!   feedback whose status does not [`supersede`](ogone::Status::supersedes) the order's is recorded as
//!   handled but does not change the order (`ignored`): a `5` after a `9`, a `91` after a `9`, a
//!   `2` after a `5`. Statuses of the same stage apply (the later feedback wins). A shop with
//!   partial captures or refunds also tracks each PAYIDSUB.
//!
//! A real shop also compares [`VerifiedFeedback::amount`] and `currency()` with the order before
//! it ships (a `9` for another amount is not this order paid); this demo has no order book to
//! compare with, so it only logs them.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use ogone::integrations::axum::{FeedbackRejection, OgoneFeedback};
use ogone::{Amount, FeedbackVerifier, HostedPaymentPage, Operation, VerifiedFeedback};

#[path = "env/mod.rs"]
mod env;
#[path = "shop/mod.rs"]
mod shop;
use env::env_or;
use shop::{Config, Store};

/// Where Ogone sends the customer and the feedback back to.
const RETURN_PATH: &str = "/payment/ogone/return";

/// The state every handler shares.
#[derive(Clone)]
struct Shop {
    config: Arc<Config>,
    store: Arc<Mutex<Store>>,
    next_order: Arc<AtomicU64>,
}

/// The extractor takes its verifier from the state.
impl FromRef<Shop> for FeedbackVerifier {
    fn from_ref(shop: &Shop) -> FeedbackVerifier {
        shop.config.verifier.clone()
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("axum_shop: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let addr: SocketAddr = env_or("SHOP_ADDR", "127.0.0.1:0")?
        .parse()
        .map_err(|e| format!("SHOP_ADDR: {e}"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    runtime.block_on(serve(addr))
}

async fn serve(addr: SocketAddr) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let config = Config::from_env(bound)?;
    for warning in config.credentials.warnings() {
        eprintln!("axum_shop: warning: {warning}");
    }
    let shop = Shop {
        config: Arc::new(config),
        store: Arc::new(Mutex::new(Store::default())),
        next_order: Arc::new(AtomicU64::new(1001)),
    };
    let app = Router::new()
        .route("/checkout", get(checkout))
        .route(RETURN_PATH, get(feedback).post(feedback))
        .route("/orders/{id}", get(order_status))
        .with_state(shop);

    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{bound}")?;
    stdout.flush()?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// `GET /checkout`: the signed form of a demo order.
async fn checkout(State(shop): State<Shop>) -> Response {
    let order_id = format!("WEB-{}", shop.next_order.fetch_add(1, Ordering::Relaxed));
    let return_url = format!("{}{RETURN_PATH}", shop.config.public_url);
    let request = Amount::from_minor_units(4250)
        .map_err(ogone::Error::from)
        .and_then(|amount| {
            HostedPaymentPage::new(order_id.as_str(), amount, "EUR")
                .language("en_US")
                .operation(Operation::Sale)
                .com("Demo order")
                .accept_url(return_url.as_str())
                .decline_url(return_url.as_str())
                .exception_url(return_url.as_str())
                .cancel_url(return_url.as_str())
                .build(&shop.config.credentials)
        });
    match request {
        Ok(request) => Html(format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
             <title>Checkout</title></head>\n<body>\n<h1>Order {order_id}: 42.50 EUR</h1>\n\
             <p>Taking you to the payment page&hellip;</p>\n{}</body>\n</html>\n",
            request.to_html_form()
        ))
        .into_response(),
        Err(e) => {
            eprintln!("axum_shop: cannot build the checkout form: {e}");
            let status = StatusCode::INTERNAL_SERVER_ERROR;
            (status, "cannot build the checkout form").into_response()
        }
    }
}

/// `GET` and `POST /payment/ogone/return`: only verified feedback gets past the extractor.
async fn feedback(
    State(shop): State<Shop>,
    feedback: Result<OgoneFeedback, FeedbackRejection>,
) -> Result<&'static str, FeedbackRejection> {
    let outcome = feedback
        .and_then(|OgoneFeedback(feedback)| Ok(shop.apply(&feedback)?))
        .inspect_err(|e| eprintln!("axum_shop: feedback refused ({}): {e}", e.status()))?;
    Ok(outcome)
}

impl Shop {
    /// Applies a verified feedback to the store: `ok`, `duplicate` or `ignored`.
    fn apply(&self, feedback: &VerifiedFeedback) -> Result<&'static str, ogone::Error> {
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        store.apply(feedback, "axum_shop")
    }
}

/// `GET /orders/{id}`: the order's STATUS code.
async fn order_status(State(shop): State<Shop>, Path(id): Path<String>) -> Response {
    let store = shop.store.lock().unwrap_or_else(PoisonError::into_inner);
    match store.status(&id) {
        Some(status) => format!("{}", status.code()).into_response(),
        None => (StatusCode::NOT_FOUND, "no such order").into_response(),
    }
}
