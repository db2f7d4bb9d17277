//! A shop in the middle of the move from Barclaycard ePDQ (legacy Ogone) to Worldline Direct,
//! on axum + tokio: it takes the legacy feedback and the Direct webhooks side by side, and both
//! end in one order-update function ([`apply`]).
//!
//! ```text
//! OGONE_SHA_OUT=... WORLDLINE_WEBHOOK_KEY_ID=... WORLDLINE_WEBHOOK_SECRET=... \
//!     cargo run -p ogone-shops --example migration_shop
//! ```
//!
//! Once bound, it prints one line, `listening on http://127.0.0.1:PORT`, to standard output
//! (its log goes to standard error). `tests/migration_shop.rs` drives it over loopback.
//!
//! # Configuration (environment)
//!
//! | Variable                             | Default        | Meaning                                   |
//! |--------------------------------------|----------------|-------------------------------------------|
//! | `SHOP_ADDR`                          | `127.0.0.1:0`  | address to bind (port 0: any free port)   |
//! | `OGONE_SHA_OUT`                      | (required)     | the ePDQ SHA-OUT passphrase               |
//! | `OGONE_ALGORITHM`                    | `sha512`       | `sha1`, `sha256` or `sha512`              |
//! | `OGONE_TRANSPORT`                    | `windows-1252` | charset of feedback escapes when the request does not say (`utf-8`, `iso-8859-1`, `windows-1252`) |
//! | `WORLDLINE_WEBHOOK_KEY_ID`           | (required)     | the webhook key id (Merchant Portal)      |
//! | `WORLDLINE_WEBHOOK_SECRET`           | (required)     | its secret                                |
//! | `WORLDLINE_WEBHOOK_PREVIOUS_KEY_ID`  | none           | the key being rotated out, still accepted |
//! | `WORLDLINE_WEBHOOK_PREVIOUS_SECRET`  | none           | its secret                                |
//! | `SHOP_ORDERS`                        | `WEB-1:4250:EUR,WEB-2:4250:EUR,WEB-3:1999:GBP` | the orders, `REFERENCE:AMOUNT:CURRENCY` (minor units) |
//!
//! The transport default is ePDQ's: it escapes its feedback in Windows-1252 while hashing UTF-8
//! ([`Platform::BarclaycardEpdq`]`.feedback_transport`); a `charset` in the request's
//! `Content-Type` wins. The hashing charset is UTF-8.
//!
//! # Routes
//!
//! - `POST /payment/ogone/return` (and `GET`, the browser redirect): the legacy feedback,
//!   through the [`OgoneFeedback`] extractor (its [`FeedbackVerifier`] from the state).
//! - `POST /webhooks/worldline`: a Direct webhook, through the [`WorldlineEvent`] extractor (its
//!   [`WebhookVerifier`] from the state); `GET /webhooks/worldline` answers the
//!   endpoint-verification handshake.
//! - `GET /orders/{merchantReference}`: the order's state (`status:`, `amount:`, `last:` origin
//!   and key of the update applied last, `handled:` and `flagged:` counts), 404 for a reference
//!   not in `SHOP_ORDERS`.
//!
//! # One order update
//!
//! Each route turns its verified message into an [`OrderUpdate`] (`OrderUpdate::try_from`) and
//! calls [`apply`], which hands it to the order book (`orders/mod.rs`, shared with
//! `worldline_webhook`): [`OrderUpdate::check_amount`] against what the order costs, then
//! [`OrderUpdate::decide`] with what was applied last to it, then the record (the order's
//! status and last key, and the key in the set of keys handled). Since a Direct `statusCode` is
//! the legacy STATUS, a webhook after a legacy feedback for the same order (or the other way
//! round) is ordered by the same table: a late `5` after a `9` is `ignored` whichever platform
//! sent either.
//!
//! Responses (plain text; both platforms look only at the status code and deliver again after
//! anything but a 2xx):
//!
//! | Case                                                              | Status | Body        |
//! |-------------------------------------------------------------------|--------|-------------|
//! | verified, new, the order moves                                    | 200    | `ok`        |
//! | verified, handled before (the same feedback key or event id)      | 200    | `duplicate` |
//! | verified, new, but the order's status would move backwards        | 200    | `ignored`   |
//! | verified, not the order's amount or currency: flagged, not moved  | 200    | `amount mismatch` |
//! | verified, for a reference not in the order book                   | 200    | `unknown order` |
//! | a verified webhook that is no order update (no payment or refund, no `merchantReference`, a code outside the STATUS table) | 200 | `no order update` |
//! | a verified feedback without a usable ORDERID, STATUS or AMOUNT    | 400    | `malformed feedback` |
//! | refused by an extractor: the status of its error's kind           | 403, 400, 413, 415 | fixed, by kind (`feedback not authentic`, `webhook not authentic`, `malformed webhook`, ...) |
//!
//! A short amount is answered 200: the message is authentic and says what happened, and a
//! refusal would only make the platform deliver it again and again; the order does not move and
//! is flagged for a person to look at. A webhook with a blank event id is refused by the
//! verifier (400 `malformed webhook`): its id is the de-duplication key. Nothing is recorded
//! unless the signature checked out; the reason of a refusal goes to the log, never to the
//! answer.

#[path = "env/mod.rs"]
mod env;
#[path = "orders/mod.rs"]
mod orders;
#[path = "webhook/mod.rs"]
mod webhook;
use env::{env_or, optional_env, required_env};
use orders::OrderBook;
use webhook::{WEBHOOK_PATH, endpoint_verification, verifier_from_env};

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use ogone::integrations::axum::{EventRejection, FeedbackRejection, OgoneFeedback, WorldlineEvent};
use ogone::order::OrderUpdate;
use ogone::worldline::WebhookVerifier;
use ogone::{
    Charset, ErrorKind, FeedbackVerifier, HashAlgorithm, Platform, ShaOutKey, TransportCharset,
};

/// Where ePDQ sends the customer and the feedback back to.
const RETURN_PATH: &str = "/payment/ogone/return";

/// The state every handler shares.
#[derive(Clone)]
struct Shop {
    feedback: FeedbackVerifier,
    webhooks: WebhookVerifier,
    orders: Arc<Mutex<OrderBook>>,
}

/// The legacy extractor takes its verifier from the state...
impl FromRef<Shop> for FeedbackVerifier {
    fn from_ref(shop: &Shop) -> FeedbackVerifier {
        shop.feedback.clone()
    }
}

/// ... and so does the webhook extractor.
impl FromRef<Shop> for WebhookVerifier {
    fn from_ref(shop: &Shop) -> WebhookVerifier {
        shop.webhooks.clone()
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("migration_shop: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let addr: SocketAddr = env_or("SHOP_ADDR", "127.0.0.1:0")?
        .parse()
        .map_err(|e| format!("SHOP_ADDR: {e}"))?;
    let shop = Shop {
        feedback: feedback_verifier_from_env()?,
        webhooks: verifier_from_env()?,
        orders: Arc::new(Mutex::new(OrderBook::from_env()?)),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    runtime.block_on(serve(addr, shop))
}

/// The ePDQ SHA-OUT passphrase, algorithm and transport charset.
fn feedback_verifier_from_env() -> Result<FeedbackVerifier, String> {
    let key = ShaOutKey::new(required_env("OGONE_SHA_OUT")?);
    let algorithm = env_or("OGONE_ALGORITHM", "sha512")?;
    let algorithm = HashAlgorithm::parse(&algorithm)
        .ok_or_else(|| format!("OGONE_ALGORITHM: unknown algorithm {algorithm:?}"))?;
    let transport = match optional_env("OGONE_TRANSPORT")? {
        Some(name) => TransportCharset::parse(&name)
            .ok_or_else(|| format!("OGONE_TRANSPORT: unknown charset {name:?}"))?,
        None => Platform::BarclaycardEpdq.feedback_transport(Charset::Utf8),
    };
    Ok(FeedbackVerifier::new(&key, algorithm).with_transport(transport))
}

async fn serve(addr: SocketAddr, shop: Shop) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let app = Router::new()
        .route(RETURN_PATH, get(legacy_feedback).post(legacy_feedback))
        .route(
            WEBHOOK_PATH,
            get(endpoint_verification).post(worldline_webhook),
        )
        .route("/orders/{reference}", get(order))
        .with_state(shop);

    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{bound}")?;
    stdout.flush()?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// `GET` and `POST /payment/ogone/return`: a verified legacy feedback, as an order update.
async fn legacy_feedback(
    State(shop): State<Shop>,
    feedback: Result<OgoneFeedback, FeedbackRejection>,
) -> Response {
    let feedback = match feedback {
        Ok(OgoneFeedback(feedback)) => feedback,
        Err(rejection) => {
            eprintln!(
                "migration_shop: feedback refused ({}): {rejection}",
                rejection.status()
            );
            return rejection.into_response();
        }
    };
    match OrderUpdate::try_from(&feedback) {
        Ok(update) => apply(&shop, &update),
        Err(e) => {
            // Signed, but it does not say which order or what happened.
            eprintln!("migration_shop: feedback is no order update: {e}");
            let status = http_status(e.kind());
            (status, "malformed feedback").into_response()
        }
    }
}

/// `POST /webhooks/worldline`: a verified Direct event, as an order update.
async fn worldline_webhook(
    State(shop): State<Shop>,
    event: Result<WorldlineEvent, EventRejection>,
) -> Response {
    let event = match event {
        Ok(WorldlineEvent(event)) => event,
        Err(rejection) => {
            eprintln!(
                "migration_shop: webhook refused ({}): {rejection}",
                rejection.status()
            );
            return rejection.into_response();
        }
    };
    match OrderUpdate::try_from(&event) {
        Ok(update) => apply(&shop, &update),
        Err(e) => {
            // Authentic, and not about an order this shop moves (a token event, a Connect
            // status code): acknowledged, so that Worldline does not deliver it again.
            eprintln!(
                "migration_shop: event {:?} ({:?}) is no order update: {e}",
                event.idempotency_key(),
                event.kind.as_deref().unwrap_or("no type")
            );
            "no order update".into_response()
        }
    }
}

/// The one order-update function, whichever platform the update came from: the order book
/// checks the amount against the order's, decides (apply, duplicate, stale) and records.
fn apply(shop: &Shop, update: &OrderUpdate) -> Response {
    let mut orders = shop.orders.lock().unwrap_or_else(PoisonError::into_inner);
    orders
        .apply(update, "migration_shop")
        .as_str()
        .into_response()
}

/// The status of an [`ErrorKind`].
fn http_status(kind: ErrorKind) -> StatusCode {
    StatusCode::from_u16(kind.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// `GET /orders/{reference}`: the order's state.
async fn order(State(shop): State<Shop>, Path(reference): Path<String>) -> Response {
    let orders = shop.orders.lock().unwrap_or_else(PoisonError::into_inner);
    match orders.describe(&reference) {
        Some(text) => text.into_response(),
        None => (StatusCode::NOT_FOUND, "no such order").into_response(),
    }
}
