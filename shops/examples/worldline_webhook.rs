//! A Worldline Direct webhook endpoint on axum + tokio: the [`WorldlineEvent`] extractor
//! verifies each webhook, each event is applied once, an order moves only for the amount it
//! costs and never backwards ([`OrderUpdate`] and [`OrderUpdate::decide`]), and the
//! endpoint-verification GET is answered.
//!
//! ```text
//! WORLDLINE_WEBHOOK_KEY_ID=... WORLDLINE_WEBHOOK_SECRET=... \
//!     cargo run -p ogone-shops --example worldline_webhook
//! ```
//!
//! Once bound, it prints one line, `listening on http://127.0.0.1:PORT`, to standard output
//! (its log goes to standard error). `tests/worldline_webhook.rs` drives it over loopback with
//! the official SDKs' webhook fixtures.
//!
//! # Configuration (environment)
//!
//! | Variable                             | Default       | Meaning                                   |
//! |--------------------------------------|---------------|-------------------------------------------|
//! | `WEBHOOK_ADDR`                       | `127.0.0.1:0` | address to bind (port 0: any free port)   |
//! | `WORLDLINE_WEBHOOK_KEY_ID`           | (required)    | the webhook key id (Merchant Portal)      |
//! | `WORLDLINE_WEBHOOK_SECRET`           | (required)    | its secret                                |
//! | `WORLDLINE_WEBHOOK_PREVIOUS_KEY_ID`  | none          | the key being rotated out, still accepted |
//! | `WORLDLINE_WEBHOOK_PREVIOUS_SECRET`  | none          | its secret                                |
//! | `SHOP_ORDERS`                        | `WEB-1:4250:EUR,WEB-2:4250:EUR,WEB-3:1999:GBP` | the orders, `REFERENCE:AMOUNT:CURRENCY` (minor units) |
//!
//! # Routes
//!
//! - `POST /webhooks/worldline`: a webhook. The handler takes [`WorldlineEvent`], which reads
//!   the raw body (at most [`MAX_EVENT_BYTES`](ogone::integrations::axum::MAX_EVENT_BYTES); a parsed-and-reserialised JSON value would not
//!   verify) and hands it with every `X-GCS-Signature` and `X-GCS-KeyId` header to the
//!   [`WebhookVerifier`] it takes from the state ([`FromRef`]): either one missing or repeated
//!   is refused.
//! - `GET /webhooks/worldline`: the endpoint-verification handshake: the value of
//!   `X-GCS-Webhooks-Endpoint-Verification` echoed as a `text/plain` body
//!   ([`endpoint_verification_body`](ogone::worldline::endpoint_verification_body)). It
//!   carries no signature. Worldline documents it for Connect; whether Direct sends it is not
//!   established, so the route is kept cheap and inert.
//! - `GET /events`: the ids and types of the events received, one per line, oldest first.
//! - `GET /events/{id}`: what was read from one event (type, object, status, amount), 404 if
//!   none.
//! - `GET /orders/{merchantReference}`: the order's state (`status: 9`, `amount: 4250 EUR`,
//!   `last:` origin and key of the update applied last, `handled:` and `flagged:` counts; see
//!   `orders/mod.rs`), 404 for a reference not in `SHOP_ORDERS`.
//!
//! Responses to a webhook (plain text; Worldline looks only at the status code and retries
//! anything but a 2xx):
//!
//! | Case                                                              | Status | Body        |
//! |-------------------------------------------------------------------|--------|-------------|
//! | verified, first delivery of this event id, order moved            | 200    | `ok`        |
//! | verified, not an order update (no payment or refund, no `merchantReference`, a code outside the STATUS table): recorded | 200 | `ok` |
//! | verified, this event id was received before (a retry or a replay) | 200    | `duplicate` |
//! | verified, new event but the order's status would move backwards   | 200    | `ignored`   |
//! | verified, but not the order's amount or currency: flagged, order not moved | 200 | `amount mismatch` |
//! | verified, for a `merchantReference` not in the order book         | 200    | `unknown order` |
//! | refused by the extractor: the status of [`EventRejection::kind`]  | 403, 400, 413 | fixed, by kind |
//!
//! A wrong signature, an unknown key id, a missing, repeated or malformed header are
//! [`ErrorKind::NotAuthentic`](ogone::ErrorKind::NotAuthentic) (403, `webhook not
//! authentic`); a verified body that is not a `v1` event, or whose id is blank, is
//! [`ErrorKind::Malformed`](ogone::ErrorKind::Malformed) (400, `malformed webhook`); a body
//! over [`MAX_EVENT_BYTES`](ogone::integrations::axum::MAX_EVENT_BYTES) is 413 `webhook too large`. The body names only that class; the
//! reason goes to the log. Nothing is recorded unless the signature checked out.
//!
//! **A short amount.** An authentic event for less (or another currency) than the order costs
//! is answered 200 `amount mismatch`: the order does not move and is flagged for a person to
//! look at, and the event counts as handled (a redelivery is a `duplicate`). Not a 4xx: the
//! event is what Worldline says happened, and refusing it would only make Worldline deliver it
//! again and again; not `ok` either: a `9` for less than the order costs is not the order paid.
//!
//! # Applying an event once
//!
//! Nothing in the signature stops a replay, and Worldline delivers an event again when it did
//! not see a 2xx in time: the event id ([`Event::idempotency_key`]) is the key. An event whose
//! id was received before is acknowledged with 200 `duplicate` and changes nothing. A real
//! shop keeps the ids under a unique constraint, in the same transaction as the order update.
//!
//! An event whose payment or refund carries a `merchantReference` (the legacy ORDERID) and a
//! code of the legacy STATUS table becomes an [`OrderUpdate`]; the order book
//! (`orders/mod.rs`, shared with `migration_shop`) checks it with
//! [`OrderUpdate::check_amount`] against the order's amount and lets [`OrderUpdate::decide`]
//! say whether it moves the order (it does only when its status
//! [supersedes](ogone::Status::supersedes) the order's). An event that does not convert (the
//! SDK fixture carries `statusCode` 1000, a Connect code, and no merchant reference) is
//! recorded and logged, and the order book is left alone: decide yourself what such a code
//! means.
//!
//! # Changed (issue 18)
//!
//! The hand-made verification glue (a `HeaderMap` and `Bytes` handed to
//! [`WebhookVerifier::verify`]) and the hand-written order rule are gone: the handler takes
//! [`WorldlineEvent`], and the rule is [`OrderUpdate::decide`] with
//! [`OrderUpdate::check_amount`]. What that changed for a client: orders are seeded
//! (`SHOP_ORDERS`) instead of created by the first event, and `GET /orders/{ref}` gives the
//! order's whole state; an event for another amount is `amount mismatch` and one for an
//! unknown order `unknown order`; the body limit is the extractor's [`MAX_EVENT_BYTES`](ogone::integrations::axum::MAX_EVENT_BYTES)
//! (1 MiB, was 256 KiB here), answered 413 `webhook too large`.

#[path = "env/mod.rs"]
mod env;
#[path = "orders/mod.rs"]
mod orders;
#[path = "webhook/mod.rs"]
mod webhook;
use env::env_or;
use orders::OrderBook;
use webhook::{WEBHOOK_PATH, endpoint_verification, verifier_from_env};

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use ogone::integrations::axum::{EventRejection, WorldlineEvent};
use ogone::order::OrderUpdate;
use ogone::worldline::{Event, EventObject, WebhookVerifier};

/// The events received, by id, and the order book.
struct Store {
    events: HashMap<String, Event>,
    /// Event ids in the order they were received.
    arrival: Vec<String>,
    orders: OrderBook,
}

/// The state every handler shares.
#[derive(Clone)]
struct App {
    verifier: WebhookVerifier,
    store: Arc<Mutex<Store>>,
}

/// The extractor takes its verifier from the state.
impl FromRef<App> for WebhookVerifier {
    fn from_ref(app: &App) -> WebhookVerifier {
        app.verifier.clone()
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("worldline_webhook: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let addr: SocketAddr = env_or("WEBHOOK_ADDR", "127.0.0.1:0")?
        .parse()
        .map_err(|e| format!("WEBHOOK_ADDR: {e}"))?;
    let verifier = verifier_from_env()?;
    let orders = OrderBook::from_env()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    runtime.block_on(serve(addr, verifier, orders))
}

async fn serve(
    addr: SocketAddr,
    verifier: WebhookVerifier,
    orders: OrderBook,
) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let app = App {
        verifier,
        store: Arc::new(Mutex::new(Store {
            events: HashMap::new(),
            arrival: Vec::new(),
            orders,
        })),
    };
    let router = Router::new()
        .route(WEBHOOK_PATH, get(endpoint_verification).post(webhook))
        .route("/events", get(events))
        .route("/events/{id}", get(event))
        .route("/orders/{reference}", get(order))
        .with_state(app);

    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{bound}")?;
    stdout.flush()?;
    axum::serve(listener, router).await?;
    Ok(())
}

/// `POST /webhooks/worldline`: only a verified event gets past the extractor.
async fn webhook(
    State(app): State<App>,
    event: Result<WorldlineEvent, EventRejection>,
) -> Response {
    match event {
        Ok(WorldlineEvent(event)) => app.apply(event).into_response(),
        Err(rejection) => {
            eprintln!(
                "worldline_webhook: webhook refused ({}): {rejection}",
                rejection.status()
            );
            rejection.into_response()
        }
    }
}

impl App {
    /// Applies a verified event once: the body of the answer (status 200).
    fn apply(&self, event: Event) -> &'static str {
        let id = event.idempotency_key().to_string();
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        if store.events.contains_key(&id) {
            eprintln!("worldline_webhook: event {id:?}: duplicate, acknowledged");
            return "duplicate";
        }
        let outcome = match OrderUpdate::try_from(&event) {
            Ok(update) => store.orders.apply(&update, "worldline_webhook").as_str(),
            Err(e) => {
                eprintln!(
                    "worldline_webhook: event {id:?} ({:?}): recorded, no order update: {e}",
                    event.kind.as_deref().unwrap_or("no type")
                );
                "ok"
            }
        };
        store.arrival.push(id.clone());
        store.events.insert(id, event);
        outcome
    }
}

/// `GET /events`: `id type` per line, oldest first.
async fn events(State(app): State<App>) -> String {
    let store = app.store.lock().unwrap_or_else(PoisonError::into_inner);
    let mut text = String::new();
    for id in &store.arrival {
        let kind = store.events.get(id).and_then(|e| e.kind.as_deref());
        let _ = writeln!(text, "{id} {}", kind.unwrap_or("-"));
    }
    text
}

/// `GET /events/{id}`: what was read from the event.
async fn event(State(app): State<App>, Path(id): Path<String>) -> Response {
    let store = app.store.lock().unwrap_or_else(PoisonError::into_inner);
    let Some(event) = store.events.get(&id) else {
        return (StatusCode::NOT_FOUND, "no such event").into_response();
    };
    let or_dash = |value: Option<&str>| value.unwrap_or("-").to_string();
    let mut text = String::new();
    let _ = writeln!(text, "type: {}", or_dash(event.kind.as_deref()));
    let _ = writeln!(text, "created: {}", or_dash(event.created.as_deref()));
    let _ = writeln!(text, "merchant: {}", or_dash(event.merchant_id.as_deref()));
    let (name, object) = match &event.payload {
        EventObject::Payment(object) => ("payment", Some(object)),
        EventObject::Refund(object) => ("refund", Some(object)),
        _ => ("other", None),
    };
    let _ = writeln!(text, "object: {name}");
    if let Some(object) = object {
        let code = match object.status_code {
            Some(ogone::worldline::StatusCode::Legacy(status)) => {
                format!("{} (legacy: {})", status.code(), status.meaning())
            }
            Some(ogone::worldline::StatusCode::Other(code)) => format!("{code} (not legacy)"),
            _ => "-".to_string(),
        };
        let amount = object.amount.map(|a| a.minor_units().to_string());
        let _ = writeln!(text, "id: {}", or_dash(object.id.as_deref()));
        let _ = writeln!(text, "status: {}", or_dash(object.status.as_deref()));
        let _ = writeln!(text, "statusCode: {code}");
        let _ = writeln!(
            text,
            "amount: {} {}",
            or_dash(amount.as_deref()),
            or_dash(object.currency.as_deref())
        );
        let reference = object.merchant_reference.as_deref();
        let _ = writeln!(text, "merchantReference: {}", or_dash(reference));
    }
    text.into_response()
}

/// `GET /orders/{reference}`: the order's state.
async fn order(State(app): State<App>, Path(reference): Path<String>) -> Response {
    let store = app.store.lock().unwrap_or_else(PoisonError::into_inner);
    match store.orders.describe(&reference) {
        Some(text) => text.into_response(),
        None => (StatusCode::NOT_FOUND, "no such order").into_response(),
    }
}
