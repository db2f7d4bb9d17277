//! A Worldline Direct hosted checkout on axum + tokio, whole: create the checkout, send the
//! customer to the payment page, take the return (`RETURNMAC`), ask the API for the result with
//! a signed GET, and move the order by what that answer says.
//!
//! ```text
//! DIRECT_MERCHANT_ID=... DIRECT_API_KEY_ID=... DIRECT_API_SECRET=... \
//!     DIRECT_API_ADDR=127.0.0.1:8443 cargo run -p ogone-shops --example worldline_checkout
//! ```
//!
//! Once bound, it prints one line, `listening on http://127.0.0.1:PORT`, to standard output
//! (its log goes to standard error). `tests/worldline_checkout.rs` drives it over loopback
//! against a stand-in of the Direct API that checks every request's `Authorization` with
//! [`ogone::direct_stand_in::DirectStandIn`] and answers with the SDKs' fixture JSON.
//!
//! The crate builds, signs and parses; this file does the I/O. Its HTTP client ([`send`]) is
//! hyper's HTTP/1.1 over plain TCP, enough for the stand-in on loopback. The Direct API itself
//! is HTTPS only: for it, put a TLS client (reqwest, hyper-rustls) in [`send`]; nothing else
//! changes, because [`SignedCall::to_http_request`] is an ordinary `http::Request`.
//!
//! # Configuration (environment)
//!
//! | Variable             | Default       | Meaning                                                 |
//! |----------------------|---------------|---------------------------------------------------------|
//! | `SHOP_ADDR`          | `127.0.0.1:0` | address to bind (port 0: any free port)                 |
//! | `SHOP_PUBLIC_URL`    | the bound URL | the shop's URL as the customer's browser sees it        |
//! | `DIRECT_MERCHANT_ID` | (required)    | the PSPID, `{merchantId}` of every path                 |
//! | `DIRECT_API_KEY_ID`  | (required)    | the API key id (Merchant Portal)                        |
//! | `DIRECT_API_SECRET`  | (required)    | its secret                                              |
//! | `DIRECT_API_ADDR`    | (required)    | `host:port` the HTTP client connects to                 |
//! | `DIRECT_ENV`         | `test`        | `test` or `production`: where `redirectUrl` must point  |
//!
//! # Routes
//!
//! - `POST /orders/{reference}/checkout?amount=1500&currency=EUR`: records the order (pending),
//!   creates the hosted checkout ([`CreateHostedCheckoutRequest`], signed [`ApiCall`]), keeps
//!   `hostedCheckoutId` and [`ReturnMac`] with the order and answers `303 See Other` to the
//!   `redirectUrl` (checked to be on the environment's payment host). An API error answer is a
//!   `502`; its `errorId` goes to the log.
//! - `GET /return?hostedCheckoutId=…&RETURNMAC=…`: where the payment page sends the customer
//!   back ([`HostedCheckoutReturn`]). A query without both, or with either twice, is `400`; an
//!   unknown checkout or a `RETURNMAC` other than the stored one is `403` and no API call is
//!   made. Otherwise the shop makes the signed GET the check hands back and moves the order by
//!   its answer ([`GetHostedCheckoutResponse`]): the page says `paid`, `pending`, `cancelled`
//!   or `refused`.
//! - `GET /orders/{reference}`: the order's legacy STATUS code (`9`), `pending` if none yet,
//!   404 if no such order.
//!
//! # What proves a payment
//!
//! The redirect proves nothing: anybody can open `/return` with any query. `RETURNMAC` (a value
//! only the shop and Worldline know, compared in constant time) ties the return to the checkout
//! the shop created, and the signed GET's answer is the result. The webhooks
//! (`examples/worldline_webhook.rs`) tell the same result to the server directly, even when the
//! customer never comes back; an order moves only forwards ([`Status::supersedes`]), whichever
//! arrives first.

#[path = "env/mod.rs"]
mod env;
use env::{env_or, required_env};

use std::collections::HashMap;
use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http_body_util::{BodyExt as _, Full, Limited};
use hyper_util::rt::TokioIo;
use ogone::worldline::{
    ApiKey, CreateHostedCheckoutRequest, CreateHostedCheckoutResponse, DirectHost,
    GetHostedCheckoutResponse, HostedCheckoutReturn, HostedCheckoutStatus, MAX_ANSWER_BYTES,
    ResourceMode, ResponseError, ReturnMac, SignedCall, StatusCode as DirectStatusCode,
};
use ogone::{Amount, PaymentState, Status};

/// An order of the shop, and the hosted checkout made for it.
struct Order {
    /// The legacy STATUS the order is in; `None` until an answer gave one.
    status: Option<Status>,
    /// `hostedCheckoutId` and `RETURNMAC` of its checkout, once created.
    checkout: Option<(String, ReturnMac)>,
}

/// Orders by merchant reference, and the reference of each hosted checkout id.
#[derive(Default)]
struct Store {
    orders: HashMap<String, Order>,
    checkouts: HashMap<String, String>,
}

/// The state every handler shares.
#[derive(Clone)]
struct App {
    merchant_id: Arc<str>,
    key: Arc<ApiKey>,
    api_addr: Arc<str>,
    host: DirectHost,
    public_url: Arc<str>,
    store: Arc<Mutex<Store>>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("worldline_checkout: {e}");
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
    let key = ApiKey::parse(
        &required_env("DIRECT_API_KEY_ID")?,
        &required_env("DIRECT_API_SECRET")?,
    )
    .map_err(|e| format!("DIRECT_API_KEY_ID / DIRECT_API_SECRET: {e}"))?;
    let host = match env_or("DIRECT_ENV", "test")?.as_str() {
        "test" => DirectHost::Test,
        "production" => DirectHost::Production,
        other => {
            return Err(format!("DIRECT_ENV: {other:?} is neither test nor production").into());
        }
    };
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let public_url = env_or("SHOP_PUBLIC_URL", &format!("http://{bound}"))?;
    let app = App {
        merchant_id: required_env("DIRECT_MERCHANT_ID")?.into(),
        key: Arc::new(key),
        api_addr: required_env("DIRECT_API_ADDR")?.into(),
        host,
        public_url: public_url.trim_end_matches('/').into(),
        store: Arc::new(Mutex::new(Store::default())),
    };
    let router = Router::new()
        .route("/orders/{reference}/checkout", post(checkout))
        .route("/return", get(return_from_checkout))
        .route("/orders/{reference}", get(order_status))
        .with_state(app);

    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{bound}")?;
    stdout.flush()?;
    axum::serve(listener, router).await?;
    Ok(())
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn text(status: StatusCode, body: &'static str) -> Response {
    (status, body).into_response()
}

/// `POST /orders/{reference}/checkout?amount=…&currency=…`.
async fn checkout(
    State(app): State<App>,
    Path(reference): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let (mut amount, mut currency) = (None, None);
    for pair in query.as_deref().unwrap_or("").split('&') {
        match pair.split_once('=') {
            Some(("amount", v)) => amount = Amount::parse_minor_units(v).ok(),
            Some(("currency", v)) => currency = Some(v.to_string()),
            _ => {}
        }
    }
    let (Some(amount), Some(currency)) = (amount, currency) else {
        return text(StatusCode::BAD_REQUEST, "amount and currency, please");
    };
    let request = CreateHostedCheckoutRequest::builder(amount, currency)
        .merchant_reference(reference.clone())
        .return_url(format!("{}/return", app.public_url))
        .build();
    let call = match request.and_then(|r| r.to_call(&app.merchant_id)) {
        Ok(call) => call,
        Err(e) => {
            eprintln!("checkout {reference}: not created: {e}");
            return text(StatusCode::BAD_REQUEST, "order not accepted");
        }
    };
    let signed = match call.sign(&app.key, now(), ResourceMode::Strict) {
        Ok(signed) => signed,
        Err(e) => {
            eprintln!("checkout {reference}: not signed: {e}");
            return text(StatusCode::INTERNAL_SERVER_ERROR, "checkout failed");
        }
    };
    let created = match send(&app, &signed).await {
        Ok((status, body)) => CreateHostedCheckoutResponse::parse(status, &body, app.host),
        Err(e) => {
            eprintln!("checkout {reference}: the API is unreachable: {e}");
            return text(StatusCode::BAD_GATEWAY, "payment provider unreachable");
        }
    };
    let created = match created {
        Ok(created) => created,
        Err(e) => return provider_refused(&reference, &e),
    };
    let Ok(location) = HeaderValue::from_str(&created.redirect_url) else {
        return text(StatusCode::BAD_GATEWAY, "payment provider refused");
    };
    {
        let mut store = app.store.lock().unwrap_or_else(PoisonError::into_inner);
        let order = store.orders.entry(reference.clone()).or_insert(Order {
            status: None,
            checkout: None,
        });
        order.checkout = Some((created.hosted_checkout_id.clone(), created.return_mac));
        store
            .checkouts
            .insert(created.hosted_checkout_id.clone(), reference.clone());
    }
    eprintln!(
        "checkout {reference}: hosted checkout {} created",
        created.hosted_checkout_id
    );
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// An answer that is not what was asked: the API's error object (its `errorId` to the log),
/// another status, or a body that is not the documented object.
fn provider_refused(reference: &str, e: &ResponseError) -> Response {
    match e {
        ResponseError::Api(api) => eprintln!(
            "order {reference}: the API refused (errorId {}): {e}",
            api.error_id.as_deref().unwrap_or("none")
        ),
        _ => eprintln!("order {reference}: unusable answer: {e}"),
    }
    text(StatusCode::BAD_GATEWAY, "payment provider refused")
}

/// `GET /return?hostedCheckoutId=…&RETURNMAC=…`.
async fn return_from_checkout(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    let back = match HostedCheckoutReturn::parse_query(query.as_deref().unwrap_or("")) {
        Ok(back) => back,
        Err(e) => {
            eprintln!("return refused: {e}");
            return text(StatusCode::BAD_REQUEST, "malformed return");
        }
    };
    // What was stored for the checkout the query names; the check compares id and RETURNMAC.
    let stored = {
        let store = app.store.lock().unwrap_or_else(PoisonError::into_inner);
        store
            .checkouts
            .get(back.hosted_checkout_id())
            .and_then(|reference| {
                let order = store.orders.get(reference)?;
                let (id, mac) = order.checkout.as_ref()?;
                Some((reference.clone(), id.clone(), mac.clone()))
            })
    };
    let Some((reference, id, mac)) = stored else {
        eprintln!("return refused: unknown hosted checkout");
        return text(StatusCode::FORBIDDEN, "return not authentic");
    };
    let Ok(get) = back.check(&id, &mac) else {
        eprintln!("return for {reference} refused: RETURNMAC mismatch");
        return text(StatusCode::FORBIDDEN, "return not authentic");
    };
    let signed = match get
        .to_call(&app.merchant_id)
        .map_err(|e| e.to_string())
        .and_then(|call| {
            call.sign(&app.key, now(), ResourceMode::Strict)
                .map_err(|e| e.to_string())
        }) {
        Ok(signed) => signed,
        Err(e) => {
            eprintln!("return for {reference}: GET not signed: {e}");
            return text(StatusCode::INTERNAL_SERVER_ERROR, "result unknown");
        }
    };
    let answer = match send(&app, &signed).await {
        Ok((status, body)) => GetHostedCheckoutResponse::parse(status, &body),
        Err(e) => {
            eprintln!("return for {reference}: the API is unreachable: {e}");
            return text(StatusCode::BAD_GATEWAY, "payment provider unreachable");
        }
    };
    let answer = match answer {
        Ok(answer) => answer,
        Err(e) => return provider_refused(&reference, &e),
    };
    let legacy = answer
        .payment
        .as_ref()
        .filter(|p| {
            p.merchant_reference
                .as_deref()
                .is_none_or(|r| r == reference)
        })
        .and_then(|p| match p.status_code {
            Some(DirectStatusCode::Legacy(status)) => Some(status),
            _ => None,
        });
    let page = match (&answer.status, legacy) {
        (_, Some(status)) => {
            let mut store = app.store.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(order) = store.orders.get_mut(&reference) {
                if order
                    .status
                    .is_none_or(|previous| status.supersedes(previous))
                {
                    order.status = Some(status);
                }
            }
            match status.state() {
                PaymentState::Authorised
                | PaymentState::CapturePending
                | PaymentState::Captured => "paid",
                PaymentState::Declined | PaymentState::Cancelled | PaymentState::Invalid => {
                    "refused"
                }
                _ => "pending",
            }
        }
        (HostedCheckoutStatus::CancelledByConsumer, None) => "cancelled",
        _ => "pending",
    };
    eprintln!("return for {reference}: {page}");
    text(StatusCode::OK, page)
}

/// `GET /orders/{reference}`.
async fn order_status(State(app): State<App>, Path(reference): Path<String>) -> Response {
    let store = app.store.lock().unwrap_or_else(PoisonError::into_inner);
    match store.orders.get(&reference) {
        Some(Order {
            status: Some(status),
            ..
        }) => (StatusCode::OK, status.code().to_string()).into_response(),
        Some(_) => text(StatusCode::OK, "pending"),
        None => text(StatusCode::NOT_FOUND, "no such order"),
    }
}

/// The one I/O of the flow: sends a signed call and reads the answer (status and body, at most
/// [`MAX_ANSWER_BYTES`]). HTTP/1.1 over plain TCP to `DIRECT_API_ADDR`; the Direct API needs a
/// TLS client here instead (see the module docs). The URL's authority is the configured
/// address: the signature covers the method, the signed headers and the resource, not the host.
async fn send(app: &App, signed: &SignedCall) -> Result<(u16, Vec<u8>), String> {
    let mut request = signed
        .to_http_request(app.host)
        .map_err(|e| e.to_string())?;
    *request.uri_mut() = format!("http://{}{}", app.api_addr, signed.resource())
        .parse()
        .map_err(|e| format!("DIRECT_API_ADDR: {e}"))?;
    let authority = HeaderValue::from_str(&app.api_addr).map_err(|e| e.to_string())?;
    request.headers_mut().insert(header::HOST, authority);
    let stream = tokio::net::TcpStream::connect(&*app.api_addr)
        .await
        .map_err(|e| e.to_string())?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    let response = sender
        .send_request(request.map(|body| Full::new(Bytes::from(body))))
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = Limited::new(response.into_body(), MAX_ANSWER_BYTES)
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok((status, body.to_vec()))
}
