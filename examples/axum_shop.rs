//! A small shop on axum + tokio: a checkout page that posts to Ogone's hosted payment page, and
//! the return URL that verifies what Ogone sends back and records the order's state.
//!
//! ```text
//! cargo run --example axum_shop
//! SHOP_ADDR=127.0.0.1:8080 cargo run --example axum_shop
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
//! | `OGONE_TRANSPORT`  | `utf-8`                   | charset of feedback escapes when the request does not say (`utf-8`, `iso-8859-1`, `windows-1252`) |
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
//! The handlers take the raw query string or the raw body bytes, not axum's `Form` or `Query`
//! extractors: those decode in UTF-8 (so an ISO-8859-1 `%E9` is lost or garbled) and let a
//! repeated name (`STATUS=9&status=5`) through. [`VerifiedFeedback::parse`] decodes in the
//! transport charset and rejects duplicates. The transport charset is the `charset` parameter of
//! the request's `Content-Type` when there is one (`application/x-www-form-urlencoded;
//! charset=ISO-8859-1`), else `OGONE_TRANSPORT`. A POST body is read up to [`MAX_FORM_BYTES`]
//! (axum's `DefaultBodyLimit`); a query string is held to the same limit by the parser, but
//! hyper refuses a request target over 65,534 bytes with 414 before the handler sees it.
//!
//! Responses (plain text; Ogone only looks at the status code, and retries a failed online
//! feedback as a deferred one):
//!
//! | Case                                                                 | Status | Body        |
//! |----------------------------------------------------------------------|--------|-------------|
//! | verified, first delivery of this feedback, order updated             | 200    | `ok`        |
//! | verified, this feedback (same [`VerifiedFeedback::key`]) was handled | 200    | `duplicate` |
//! | verified, new feedback but the order's status would move backwards   | 200    | `ignored`   |
//! | body over [`MAX_FORM_BYTES`]                                         | 413    | the reason  |
//! | POST with a `Content-Type` other than form-urlencoded, or an unknown `charset` | 415 | the reason |
//!
//! and for each [`ogone::Error`] from parsing, verifying and reading the feedback:
//!
//! | `ogone::Error`                                                         | Status |
//! |------------------------------------------------------------------------|--------|
//! | `TooLarge`, `TooManyParams` (over `MAX_FORM_BYTES` / `MAX_FORM_PARAMS`) | 413 |
//! | `MalformedEscape`, `InvalidEncoding`, `InvalidName`, `DuplicateName`, `Unencodable` (malformed input) | 400 |
//! | `MissingField`, `InvalidField` (signed, but no usable ORDERID, PAYID, STATUS or AMOUNT) | 400 |
//! | `MissingSignature`, `Mismatch`, `SignatureLength`, `SignatureNotHex`, `TwoSignatures` (not verified) | 403 |
//! | `PassphraseUnencodable` (the shop's configuration) and any future variant | 500 |
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
//! - **Never backwards**: feedback can arrive out of order (a deferred `5` after the `9`). Each
//!   status has a rank: its stage, from the family of the code (its first digit), then whether
//!   it is settled (a one-digit code) or intermediate (two digits: "processing", "uncertain",
//!   "pending"...):
//!
//!   | Stage | Codes                                  |
//!   |-------|----------------------------------------|
//!   | 0     | 0, 1, 2, 4, 4x: not authorised (settled or not, all equal) |
//!   | 1     | 5x then 5: authorised                  |
//!   | 2     | 6x then 6: authorisation cancelled     |
//!   | 3     | 9x then 9: payment requested (captured) |
//!   | 4     | 7x, 8x then 7, 8: payment deleted, refunded |
//!
//!   A feedback whose rank is below the order's is recorded as handled but does not change the
//!   order (`ignored`): a `5` after a `9`, a `91` after a `9`, a `2` after a `5`. Equal ranks
//!   apply (the later feedback wins). This is a demo rule: a shop with partial captures or
//!   refunds tracks each PAYIDSUB.
//!
//! A real shop also compares [`VerifiedFeedback::amount`] and `currency()` with the order before
//! it ships (a `9` for another amount is not this order paid); this demo has no order book to
//! compare with, so it only logs them.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use ogone::{
    Amount, Credentials, FeedbackKey, FeedbackVerifier, HashAlgorithm, HostedPaymentPage,
    MAX_FORM_BYTES, Operation, ShaInKey, ShaOutKey, Status, TransportCharset, VerifiedFeedback,
};

/// Where Ogone sends the customer and the feedback back to.
const RETURN_PATH: &str = "/payment/ogone/return";

/// What the shop reads from the environment once.
struct Config {
    credentials: Credentials,
    verifier: FeedbackVerifier,
    /// The transport charset when the request's `Content-Type` names none.
    transport: TransportCharset,
    /// `http://host:port`, without a trailing slash.
    public_url: String,
}

/// One order as the feedback left it.
#[derive(Debug, Clone)]
struct OrderState {
    status: Status,
    pay_id: String,
    amount: Amount,
    currency: String,
}

/// The in-memory store: orders by ORDERID and the feedback already handled.
#[derive(Default)]
struct Store {
    orders: HashMap<String, OrderState>,
    handled: HashSet<FeedbackKey>,
}

/// The state every handler shares.
#[derive(Clone)]
struct Shop {
    config: Arc<Config>,
    store: Arc<Mutex<Store>>,
    next_order: Arc<AtomicU64>,
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
        .route(RETURN_PATH, get(feedback_get).post(feedback_post))
        .route("/orders/{id}", get(order_status))
        // The body extractor stops at this many bytes and answers 413.
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .with_state(shop);

    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{bound}")?;
    stdout.flush()?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// An environment variable, or `default` when it is not set.
fn env_or(name: &str, default: &str) -> Result<String, String> {
    match std::env::var(name) {
        Ok(value) => Ok(value),
        Err(std::env::VarError::NotPresent) => Ok(default.to_string()),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{name} is not valid Unicode")),
    }
}

impl Config {
    fn from_env(bound: SocketAddr) -> Result<Config, String> {
        let algorithm = env_or("OGONE_ALGORITHM", "sha512")?;
        let algorithm = HashAlgorithm::parse(&algorithm)
            .ok_or_else(|| format!("OGONE_ALGORITHM: unknown algorithm {algorithm:?}"))?;
        let transport = env_or("OGONE_TRANSPORT", "utf-8")?;
        let transport = TransportCharset::parse(&transport)
            .ok_or_else(|| format!("OGONE_TRANSPORT: unknown charset {transport:?}"))?;
        let credentials = Credentials::new(
            env_or("OGONE_PSPID", "MyPSPID")?,
            ShaInKey::new(env_or("OGONE_SHA_IN", "Mysecretsig1875!?")?),
            ShaOutKey::new(env_or("OGONE_SHA_OUT", "Another-secret-for-OUT")?),
            algorithm,
        );
        let public_url = env_or("SHOP_PUBLIC_URL", &format!("http://{bound}"))?
            .trim_end_matches('/')
            .to_string();
        Ok(Config {
            verifier: credentials.feedback_verifier(),
            credentials,
            transport,
            public_url,
        })
    }
}

/// `GET /checkout`: the signed form of a demo order.
async fn checkout(State(shop): State<Shop>) -> Response {
    let order_id = format!("WEB-{}", shop.next_order.fetch_add(1, Ordering::Relaxed));
    let return_url = format!("{}{RETURN_PATH}", shop.config.public_url);
    let request = Amount::from_minor_units(4250)
        .map_err(|e| e.to_string())
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
                .map_err(|e| e.to_string())
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
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "cannot build the checkout form",
            )
                .into_response()
        }
    }
}

/// `GET /payment/ogone/return?...`: the raw query string, as sent.
async fn feedback_get(
    State(shop): State<Shop>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let transport = match transport_of(&headers, shop.config.transport, false) {
        Ok(transport) => transport,
        Err(rejection) => return rejection.into_response(),
    };
    shop.handle(query.as_deref().unwrap_or("").as_bytes(), transport)
}

/// `POST /payment/ogone/return`: the raw body, at most [`MAX_FORM_BYTES`].
async fn feedback_post(
    State(shop): State<Shop>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        // 413 when over the limit (`DefaultBodyLimit`), 400 when the body could not be read.
        Err(rejection) => return (rejection.status(), rejection.body_text()).into_response(),
    };
    let transport = match transport_of(&headers, shop.config.transport, true) {
        Ok(transport) => transport,
        Err(rejection) => return rejection.into_response(),
    };
    shop.handle(&body, transport)
}

/// The transport charset of a request: the `charset` parameter of its `Content-Type`, else
/// `default`. With `form_only`, a `Content-Type` other than `application/x-www-form-urlencoded`
/// is refused (415); no `Content-Type` at all is taken as a form.
fn transport_of(
    headers: &HeaderMap,
    default: TransportCharset,
    form_only: bool,
) -> Result<TransportCharset, (StatusCode, String)> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(default);
    };
    let unsupported = |what: String| Err((StatusCode::UNSUPPORTED_MEDIA_TYPE, what));
    let Ok(value) = value.to_str() else {
        return unsupported("unreadable Content-Type".to_string());
    };
    let mut parts = value.split(';');
    let media_type = parts.next().unwrap_or_default().trim();
    if form_only && !media_type.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return unsupported(format!("unsupported Content-Type {media_type:?}"));
    }
    for parameter in parts {
        let Some((name, charset)) = parameter.split_once('=') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("charset") {
            let charset = charset.trim().trim_matches('"');
            return TransportCharset::parse(charset).map_or_else(
                || unsupported(format!("unsupported charset {charset:?}")),
                Ok,
            );
        }
    }
    Ok(default)
}

/// The status code for an error of the `ogone` crate (see the module documentation).
fn status_of(error: &ogone::Error) -> StatusCode {
    use ogone::Error as E;
    match error {
        E::TooLarge { .. } | E::TooManyParams { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        E::MalformedEscape { .. }
        | E::InvalidEncoding { .. }
        | E::InvalidName { .. }
        | E::DuplicateName(_)
        | E::Unencodable { .. }
        | E::MissingField(_)
        | E::InvalidField { .. } => StatusCode::BAD_REQUEST,
        E::MissingSignature
        | E::Mismatch
        | E::SignatureLength { .. }
        | E::SignatureNotHex
        | E::TwoSignatures => StatusCode::FORBIDDEN,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The response for an error of the `ogone` crate. Its messages carry no secret.
fn refuse(error: &ogone::Error) -> Response {
    let status = status_of(error);
    eprintln!("axum_shop: feedback refused ({}): {error}", status.as_u16());
    (status, format!("{error}")).into_response()
}

/// A status's rank: stage, then settled (see the module documentation).
fn rank(status: Status) -> (u8, bool) {
    let code = status.code();
    let family = if code >= 10 { code / 10 } else { code };
    let stage = match family {
        5 => 1,
        6 => 2,
        9 => 3,
        7 | 8 => 4,
        _ => 0,
    };
    (stage, stage > 0 && code < 10)
}

impl Shop {
    /// Verifies a feedback and applies it to the store.
    fn handle(&self, input: &[u8], transport: TransportCharset) -> Response {
        let feedback = match VerifiedFeedback::parse(input, transport, &self.config.verifier) {
            Ok(feedback) => feedback,
            Err(e) => return refuse(&e),
        };
        let read = || -> Result<(FeedbackKey, OrderState, String), ogone::Error> {
            let order_id = feedback
                .order_id()
                .filter(|id| !id.is_empty())
                .ok_or(ogone::Error::MissingField("ORDERID"))?;
            let state = OrderState {
                status: feedback.status()?,
                pay_id: feedback.pay_id().unwrap_or_default().to_string(),
                amount: feedback.amount()?,
                currency: feedback.currency().unwrap_or_default().to_string(),
            };
            Ok((feedback.key()?, state, order_id.to_string()))
        };
        let (key, state, order_id) = match read() {
            Ok(read) => read,
            Err(e) => return refuse(&e),
        };

        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        if !store.handled.insert(key.clone()) {
            eprintln!("axum_shop: {key}: duplicate, ignored");
            return (StatusCode::OK, "duplicate").into_response();
        }
        if let Some(current) = store.orders.get(&order_id) {
            if rank(state.status) < rank(current.status) {
                eprintln!(
                    "axum_shop: {key}: order {order_id:?} is at STATUS {}, STATUS {} ignored",
                    current.status.code(),
                    state.status.code()
                );
                return (StatusCode::OK, "ignored").into_response();
            }
        }
        eprintln!(
            "axum_shop: {key}: order {order_id:?} STATUS {} ({}), PAYID {}, {} minor units {}",
            state.status.code(),
            state.status.meaning(),
            state.pay_id,
            state.amount.minor_units(),
            state.currency,
        );
        store.orders.insert(order_id, state);
        (StatusCode::OK, "ok").into_response()
    }
}

/// `GET /orders/{id}`: the order's STATUS code.
async fn order_status(State(shop): State<Shop>, Path(id): Path<String>) -> Response {
    let store = shop.store.lock().unwrap_or_else(PoisonError::into_inner);
    match store.orders.get(&id) {
        Some(order) => format!("{}", order.status.code()).into_response(),
        None => (StatusCode::NOT_FOUND, "no such order").into_response(),
    }
}
