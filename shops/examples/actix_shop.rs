//! The shop of `axum_shop` on actix-web: a checkout page that posts to Ogone's hosted payment
//! page, and the return URL that verifies what Ogone sends back and records the order's state.
//! actix-web has its own request types (not the `http` crate's), so the handler gives the raw
//! parts to the framework-agnostic [`VerifiedFeedback::from_request`].
//!
//! ```text
//! cargo run -p ogone-shops --example actix_shop
//! SHOP_ADDR=127.0.0.1:8080 cargo run -p ogone-shops --example actix_shop
//! ```
//!
//! Once bound, it prints one line, `listening on http://127.0.0.1:PORT`, to standard output
//! (its log goes to standard error). Configuration, routes, responses and order state are
//! those of `examples/axum_shop.rs` (its module documentation says them in full):
//! `SHOP_ADDR`, `SHOP_PUBLIC_URL`, `OGONE_PSPID`, `OGONE_SHA_IN`, `OGONE_SHA_OUT`,
//! `OGONE_ALGORITHM`, `OGONE_TRANSPORT`; `GET /checkout`, `GET` and `POST
//! /payment/ogone/return`, `GET /orders/{id}`.
//!
//! # Handling feedback
//!
//! The handler takes the request and its raw body (`web::Bytes`, at most
//! [`MAX_FORM_BYTES`]: actix-web answers 413 beyond), not `web::Form` or `web::Query`: those
//! decode in UTF-8 and let a repeated name through. [`VerifiedFeedback::from_request`] picks
//! the GET query or the POST body, decodes it in the `Content-Type`'s charset or else the
//! verifier's transport charset, and verifies it. A refusal answers the status of
//! [`ogone::Error::kind`] with a fixed body naming only the kind; the reason goes to the log.
//!
//! Idempotency ([`VerifiedFeedback::key`]) and the rule that an order's status never moves
//! backwards are those of `axum_shop`, and like it this demo only logs the amount a real shop
//! compares with its order.

use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use actix_web::http::StatusCode;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use ogone::{Amount, ErrorKind, HostedPaymentPage, MAX_FORM_BYTES, Operation, VerifiedFeedback};

#[path = "env/mod.rs"]
mod env;
#[path = "shop/mod.rs"]
mod shop;
use env::env_or;
use shop::{Config, Store};

/// Where Ogone sends the customer and the feedback back to.
const RETURN_PATH: &str = "/payment/ogone/return";

/// The state every handler shares (actix-web wraps it in an `Arc`).
struct Shop {
    config: Config,
    store: Mutex<Store>,
    next_order: AtomicU64,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("actix_shop: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let addr: SocketAddr = env_or("SHOP_ADDR", "127.0.0.1:0")?
        .parse()
        .map_err(|e| format!("SHOP_ADDR: {e}"))?;
    let listener = TcpListener::bind(addr)?;
    let bound = listener.local_addr()?;
    let shop = web::Data::new(Shop {
        config: Config::from_env(bound)?,
        store: Mutex::default(),
        next_order: AtomicU64::new(1001),
    });
    for warning in shop.config.credentials.warnings() {
        eprintln!("actix_shop: warning: {warning}");
    }
    let server = HttpServer::new(move || {
        App::new()
            .app_data(shop.clone())
            // `web::Bytes` stops at this many bytes and answers 413.
            .app_data(web::PayloadConfig::new(MAX_FORM_BYTES))
            .route("/checkout", web::get().to(checkout))
            .service(
                web::resource(RETURN_PATH)
                    .route(web::get().to(feedback))
                    .route(web::post().to(feedback)),
            )
            .route("/orders/{id}", web::get().to(order_status))
    })
    .workers(1)
    .listen(listener)?
    .run();

    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{bound}")?;
    stdout.flush()?;
    actix_web::rt::System::new().block_on(server)?;
    Ok(())
}

/// A plain-text response.
fn text(status: StatusCode, body: &'static str) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/plain; charset=utf-8")
        .body(body)
}

/// `GET /checkout`: the signed form of a demo order.
async fn checkout(shop: web::Data<Shop>) -> HttpResponse {
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
        Ok(request) => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(format!(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
                 <title>Checkout</title></head>\n<body>\n<h1>Order {order_id}: 42.50 EUR</h1>\n\
                 <p>Taking you to the payment page&hellip;</p>\n{}</body>\n</html>\n",
                request.to_html_form()
            )),
        Err(e) => {
            eprintln!("actix_shop: cannot build the checkout form: {e}");
            let status = StatusCode::INTERNAL_SERVER_ERROR;
            text(status, "cannot build the checkout form")
        }
    }
}

/// `GET` and `POST /payment/ogone/return`: the raw query or body, verified, then applied.
async fn feedback(
    request: HttpRequest,
    body: Result<web::Bytes, actix_web::Error>,
    shop: web::Data<Shop>,
) -> HttpResponse {
    let body = match body {
        Ok(body) => body,
        // Over the `PayloadConfig` limit, else the body could not be read.
        Err(e) if e.as_response_error().status_code() == StatusCode::PAYLOAD_TOO_LARGE => {
            return refuse(ErrorKind::TooLarge);
        }
        Err(_) => return refuse(ErrorKind::Malformed),
    };
    // One readable Content-Type or none; actix-web would quietly take the first of two.
    let mut content_types = request.headers().get_all(CONTENT_TYPE);
    let content_type = match (
        content_types.next().map(|v| v.to_str()),
        content_types.next(),
    ) {
        (None, _) => None,
        (Some(Ok(value)), None) => Some(value),
        _ => return refuse(ErrorKind::Malformed),
    };
    let verified = VerifiedFeedback::from_request(
        request.method().as_str(),
        Some(request.query_string()),
        content_type,
        &body,
        &shop.config.verifier,
    );
    match verified.and_then(|feedback| shop.apply(&feedback)) {
        Ok(outcome) => text(StatusCode::OK, outcome),
        Err(e) => {
            eprintln!(
                "actix_shop: feedback refused ({}): {e}",
                e.kind().http_status()
            );
            refuse(e.kind())
        }
    }
}

/// The status of an error kind, and a fixed body naming it: nothing of the input goes back.
fn refuse(kind: ErrorKind) -> HttpResponse {
    let status =
        StatusCode::from_u16(kind.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = match kind {
        ErrorKind::Malformed => "malformed feedback",
        ErrorKind::NotAuthentic => "feedback not authentic",
        ErrorKind::TooLarge => "feedback too large",
        ErrorKind::Unsupported => "unsupported media type",
        _ => "feedback refused",
    };
    text(status, body)
}

impl Shop {
    /// Applies a verified feedback to the store: `ok`, `duplicate` or `ignored`.
    fn apply(&self, feedback: &VerifiedFeedback) -> Result<&'static str, ogone::Error> {
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        store.apply(feedback, "actix_shop")
    }
}

/// `GET /orders/{id}`: the order's STATUS code.
async fn order_status(shop: web::Data<Shop>, id: web::Path<String>) -> HttpResponse {
    let store = shop.store.lock().unwrap_or_else(PoisonError::into_inner);
    match store.status(id.as_str()) {
        Some(status) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body(status.code().to_string()),
        None => text(StatusCode::NOT_FOUND, "no such order"),
    }
}
