//! A Worldline Direct webhook endpoint on axum + tokio: it verifies each webhook with
//! [`WebhookVerifier`], applies each event once, and answers the endpoint-verification GET.
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
//!
//! # Routes
//!
//! - `POST /webhooks/worldline`: a webhook. The handler takes the raw body bytes (at most
//!   [`MAX_WEBHOOK_BYTES`]; a parsed-and-reserialised JSON value would not verify) and every
//!   header: [`WebhookVerifier::verify`] finds `X-GCS-Signature` and `X-GCS-KeyId` itself and
//!   refuses either one missing or repeated.
//! - `GET /webhooks/worldline`: the endpoint-verification handshake: the value of
//!   `X-GCS-Webhooks-Endpoint-Verification` echoed as a `text/plain` body
//!   ([`endpoint_verification_body`]). It carries no signature. Worldline documents it for
//!   Connect; whether Direct sends it is not established, so the route is kept cheap and inert.
//! - `GET /events`: the ids and types of the events applied, one per line, oldest first.
//! - `GET /events/{id}`: what was read from one event (type, object, status, amount), 404 if
//!   none.
//! - `GET /orders/{merchantReference}`: the order's legacy STATUS code (`9`), 404 if none.
//!
//! Responses to a webhook (plain text; Worldline looks only at the status code and retries
//! anything but a 2xx):
//!
//! | Case                                                              | Status | Body        |
//! |-------------------------------------------------------------------|--------|-------------|
//! | verified, first delivery of this event id, applied                | 200    | `ok`        |
//! | verified, this event id was applied before (a retry or a replay)  | 200    | `duplicate` |
//! | verified, new event but the order's status would move backwards   | 200    | `ignored`   |
//! | refused: the status of [`ogone::worldline::Error::kind`]          | 403, 400 | fixed, by kind |
//! | over [`MAX_WEBHOOK_BYTES`]                                        | 413    | axum's      |
//!
//! A wrong signature, an unknown key id, a missing, repeated or malformed header are
//! [`ErrorKind::NotAuthentic`] (403, `webhook not authentic`); a verified body that is not a
//! `v1` event is [`ErrorKind::Malformed`] (400, `malformed webhook`). The body names only that
//! class; the reason goes to the log. Nothing is recorded unless the signature checked out.
//!
//! # Applying an event once
//!
//! Nothing in the signature stops a replay, and Worldline delivers an event again when it did
//! not see a 2xx in time: the event id ([`Event::idempotency_key`]) is the key. An event whose
//! id was applied is acknowledged with 200 `duplicate` and changes nothing. A real shop keeps
//! the ids under a unique constraint, in the same transaction as the order update.
//!
//! The order's state follows the rules of the legacy feedback (`examples/axum_shop.rs`), since
//! `statusOutput.statusCode` is the legacy STATUS: an event whose payment or refund carries a
//! `merchantReference` (the legacy ORDERID) and a code of the legacy table updates that order
//! only when its status [supersedes](ogone::Status::supersedes) the order's. An event without
//! both (the SDK fixture carries `statusCode` 1000, a Connect code, and no merchant reference)
//! is recorded and logged, and the order book is left alone: decide yourself what such a code
//! means.

#[path = "env/mod.rs"]
mod env;
use env::{env_or, optional_env};

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use ogone::worldline::{
    ENDPOINT_VERIFICATION_HEADER, Event, EventObject, WebhookKeys, WebhookVerifier,
    endpoint_verification_body,
};
use ogone::{ErrorKind, Status};

/// Where Worldline posts webhooks (the URL configured in the Merchant Portal).
const WEBHOOK_PATH: &str = "/webhooks/worldline";

/// The largest webhook body read; a larger one is answered 413 by axum. Webhook events are a few
/// kilobytes.
const MAX_WEBHOOK_BYTES: usize = 256 * 1024;

/// The events applied, by id, and the orders' legacy status by merchant reference.
#[derive(Default)]
struct Store {
    events: HashMap<String, Event>,
    /// Event ids in the order they were applied.
    arrival: Vec<String>,
    orders: HashMap<String, Status>,
}

/// The state every handler shares.
#[derive(Clone)]
struct App {
    verifier: Arc<WebhookVerifier>,
    store: Arc<Mutex<Store>>,
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
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    runtime.block_on(serve(addr, verifier))
}

async fn serve(
    addr: SocketAddr,
    verifier: WebhookVerifier,
) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let app = App {
        verifier: Arc::new(verifier),
        store: Arc::new(Mutex::new(Store::default())),
    };
    let router = Router::new()
        .route(WEBHOOK_PATH, get(endpoint_verification).post(webhook))
        .route("/events", get(events))
        .route("/events/{id}", get(event))
        .route("/orders/{reference}", get(order_status))
        .layer(DefaultBodyLimit::max(MAX_WEBHOOK_BYTES))
        .with_state(app);

    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{bound}")?;
    stdout.flush()?;
    axum::serve(listener, router).await?;
    Ok(())
}

/// The current webhook key and, during a rotation, the previous one.
fn verifier_from_env() -> Result<WebhookVerifier, String> {
    let mut keys = WebhookKeys::new();
    for (id_var, secret_var, required) in [
        ("WORLDLINE_WEBHOOK_KEY_ID", "WORLDLINE_WEBHOOK_SECRET", true),
        (
            "WORLDLINE_WEBHOOK_PREVIOUS_KEY_ID",
            "WORLDLINE_WEBHOOK_PREVIOUS_SECRET",
            false,
        ),
    ] {
        match (optional_env(id_var)?, optional_env(secret_var)?) {
            (Some(id), Some(secret)) => keys
                .insert(&id, &secret)
                .map_err(|e| format!("{id_var} / {secret_var}: {e}"))?,
            (None, None) if !required => {}
            _ => return Err(format!("set both {id_var} and {secret_var}")),
        }
    }
    Ok(WebhookVerifier::new(keys))
}

/// `POST /webhooks/worldline`: only a verified event is applied.
async fn webhook(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    // Every header, so that the verifier sees a repeated X-GCS-Signature or X-GCS-KeyId. A value
    // that is not UTF-8 cannot be a valid key id or base64 signature: the replacement characters
    // make it fail as one.
    let headers: Vec<(&str, Cow<'_, str>)> = headers
        .iter()
        .map(|(name, value)| (name.as_str(), String::from_utf8_lossy(value.as_bytes())))
        .collect();
    let verified = app.verifier.verify(
        &body,
        headers.iter().map(|(name, value)| (*name, value.as_ref())),
    );
    match verified {
        Ok(event) => app.apply(event).into_response(),
        Err(e) => {
            let kind = e.kind();
            let status = StatusCode::from_u16(kind.http_status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            eprintln!("worldline_webhook: webhook refused ({status}): {e}");
            let text = match kind {
                ErrorKind::NotAuthentic => "webhook not authentic",
                ErrorKind::Malformed => "malformed webhook",
                _ => "webhook refused",
            };
            (status, text).into_response()
        }
    }
}

impl App {
    /// Applies a verified event: `ok`, `duplicate` or `ignored`.
    fn apply(&self, event: Event) -> &'static str {
        let id = event.idempotency_key().to_string();
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        if store.events.contains_key(&id) {
            eprintln!("worldline_webhook: event {id}: duplicate, acknowledged");
            return "duplicate";
        }
        let mut outcome = "ok";
        match legacy_update(&event) {
            Some((reference, status)) => match store.orders.get(reference) {
                Some(&current) if !status.supersedes(current) => {
                    eprintln!(
                        "worldline_webhook: event {id}: order {reference:?} is at STATUS {}, \
                         STATUS {} ignored",
                        current.code(),
                        status.code()
                    );
                    outcome = "ignored";
                }
                _ => {
                    eprintln!(
                        "worldline_webhook: event {id}: order {reference:?} STATUS {} ({})",
                        status.code(),
                        status.meaning()
                    );
                    store.orders.insert(reference.to_string(), status);
                }
            },
            None => eprintln!(
                "worldline_webhook: event {id} ({}): recorded, no legacy order update",
                event.kind.as_deref().unwrap_or("no type")
            ),
        }
        store.arrival.push(id.clone());
        store.events.insert(id, event);
        outcome
    }
}

/// The merchant reference and legacy status an event moves an order to, if it carries both.
fn legacy_update(event: &Event) -> Option<(&str, Status)> {
    let object = event.object()?;
    let reference = object.merchant_reference.as_deref()?;
    match object.status_code? {
        ogone::worldline::StatusCode::Legacy(status) => Some((reference, status)),
        _ => None,
    }
}

/// `GET /webhooks/worldline`: the endpoint-verification handshake.
async fn endpoint_verification(headers: HeaderMap) -> Response {
    let mut values = headers.get_all(ENDPOINT_VERIFICATION_HEADER).iter();
    let value = match (values.next(), values.next()) {
        (Some(value), None) => value.to_str().ok(),
        _ => None,
    };
    match value {
        Some(value) => (
            [
                (header::CONTENT_TYPE, "text/plain"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            endpoint_verification_body(value).to_string(),
        )
            .into_response(),
        None => (
            StatusCode::BAD_REQUEST,
            "one visible-ASCII X-GCS-Webhooks-Endpoint-Verification header expected",
        )
            .into_response(),
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

/// `GET /orders/{reference}`: the order's legacy STATUS code.
async fn order_status(State(app): State<App>, Path(reference): Path<String>) -> Response {
    let store = app.store.lock().unwrap_or_else(PoisonError::into_inner);
    match store.orders.get(&reference) {
        Some(status) => status.code().to_string().into_response(),
        None => (StatusCode::NOT_FOUND, "no such order").into_response(),
    }
}
