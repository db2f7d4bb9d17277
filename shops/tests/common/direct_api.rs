//! A stand-in of the Worldline Direct API for the checkout tests, run in the test process on a
//! thread of its own: it checks every request's `Authorization` the way the platform does
//! ([`DirectStandIn`]) and answers hosted checkout calls with JSON shaped as the API's,
//! built from the fixtures in `tests/vectors/worldline/` (their sources are in its README).
//!
//! What a checkout ends in is chosen by the prefix of its merchant reference: `paid-` (payment
//! CAPTURED, statusCode 9), `declined-` (REJECTED, statusCode 2), `cancelled-` (the consumer
//! cancelled: no payment), `error-` (the create call is answered with the API's HTTP 400 error
//! object), `offhost-` (the create answer's `redirectUrl` is on another host); anything else
//! stays IN_PROGRESS.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ogone::direct_stand_in::DirectStandIn;
use ogone::worldline::ApiKey;
use serde_json::{Value, json};

/// The key the stand-in knows (the API key id and secret of the SDKs' vectors).
pub const KEY_ID: &str = "EC36A74A98D21";
pub const SECRET: &str = "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1";
pub const MERCHANT_ID: &str = "shop42";

/// One request the stand-in received.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    pub resource: String,
    /// Whether its `Authorization` checked out.
    pub authentic: bool,
    pub body: Option<Value>,
}

/// A hosted checkout the stand-in created.
#[derive(Clone, Debug)]
pub struct Created {
    pub id: String,
    pub return_mac: String,
    pub merchant_reference: String,
    pub amount: u64,
    pub currency: String,
}

#[derive(Default)]
struct Book {
    received: Vec<Received>,
    created: Vec<Created>,
}

#[derive(Clone)]
struct Api {
    verifier: Arc<DirectStandIn>,
    book: Arc<Mutex<Book>>,
}

/// The running stand-in (its thread ends with the test process).
pub struct DirectApi {
    pub addr: SocketAddr,
    book: Arc<Mutex<Book>>,
}

impl DirectApi {
    pub fn start() -> DirectApi {
        let key = ApiKey::parse(KEY_ID, SECRET).unwrap();
        let book = Arc::new(Mutex::new(Book::default()));
        let api = Api {
            verifier: Arc::new(DirectStandIn::new([key])),
            book: Arc::clone(&book),
        };
        let router = Router::new()
            .route("/v2/{merchant}/hostedcheckouts", post(create))
            .route("/v2/{merchant}/hostedcheckouts/{id}", get(status))
            .with_state(api);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                axum::serve(listener, router).await.unwrap();
            });
        });
        DirectApi {
            addr: rx.recv().unwrap(),
            book,
        }
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        self.book.lock().unwrap().received.clone()
    }

    /// The checkout created for `merchant_reference`.
    pub fn created(&self, merchant_reference: &str) -> Created {
        let book = self.book.lock().unwrap();
        book.created
            .iter()
            .find(|c| c.merchant_reference == merchant_reference)
            .cloned()
            .unwrap_or_else(|| panic!("no checkout for {merchant_reference}"))
    }
}

fn fixture(name: &str) -> Value {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/worldline");
    serde_json::from_slice(&std::fs::read(dir.join(name)).unwrap()).unwrap()
}

/// Checks the request as the platform would and records it.
fn check(api: &Api, method: &Method, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> bool {
    let resource = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    let pairs = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.to_str().unwrap_or("\u{fffd}")));
    let authentic = api
        .verifier
        .verify(method.as_str(), resource, pairs)
        .is_ok();
    api.book.lock().unwrap().received.push(Received {
        method: method.to_string(),
        resource: resource.to_string(),
        authentic,
        body: serde_json::from_slice(body).ok(),
    });
    authentic
}

/// The API's answer to a request whose signature does not check out: HTTP 401 with an error
/// object of the SDK fixture's shape.
fn unauthorised() -> Response {
    let mut error = fixture("sdk-python3_postWithBadRequestResponse.json");
    error["errors"][0]["code"] = json!("9002");
    error["errors"][0]["message"] = json!("MISSING_OR_INVALID_AUTHORIZATION");
    error["errors"][0]["httpStatusCode"] = json!(401);
    (StatusCode::UNAUTHORIZED, error.to_string()).into_response()
}

fn json_answer(status: StatusCode, value: &Value) -> Response {
    (
        status,
        [("content-type", "application/json")],
        value.to_string(),
    )
        .into_response()
}

async fn create(
    State(api): State<Api>,
    Path(_merchant): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !check(&api, &method, &uri, &headers, &body) {
        return unauthorised();
    }
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let order = &request["order"];
    let reference = order["references"]["merchantReference"]
        .as_str()
        .unwrap_or("")
        .to_string();
    if reference.starts_with("error-") {
        let error = fixture("sdk-python3_postWithBadRequestResponse.json");
        return json_answer(StatusCode::BAD_REQUEST, &error);
    }
    let mut book = api.book.lock().unwrap();
    let n = book.created.len();
    let created = Created {
        id: format!("43068736{n:02}"),
        return_mac: format!("ab874513-9f40-4ca0-a7c7-8dc14bc4e0{n:02}"),
        merchant_reference: reference.clone(),
        amount: order["amountOfMoney"]["amount"].as_u64().unwrap_or(0),
        currency: order["amountOfMoney"]["currencyCode"]
            .as_str()
            .unwrap_or("")
            .to_string(),
    };
    let mut answer = fixture("eopayment_test_worldline_HOSTEDCHECKOUTS_RESPONSE.json");
    answer["hostedCheckoutId"] = json!(created.id);
    answer["RETURNMAC"] = json!(created.return_mac);
    answer["merchantReference"] = json!(reference);
    if reference.starts_with("offhost-") {
        answer["redirectUrl"] =
            json!("https://payment.preprod.direct.worldline-solutions.com.example.net/pay");
    }
    book.created.push(created);
    json_answer(StatusCode::CREATED, &answer)
}

async fn status(
    State(api): State<Api>,
    Path((_merchant, id)): Path<(String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if !check(&api, &method, &uri, &headers, b"") {
        return unauthorised();
    }
    let created = {
        let book = api.book.lock().unwrap();
        book.created.iter().find(|c| c.id == id).cloned()
    };
    let Some(created) = created else {
        let error = fixture("sdk-python3_postWithBadRequestResponse.json");
        return json_answer(StatusCode::NOT_FOUND, &error);
    };
    let mut answer = fixture("eopayment_test_worldline_hosted_checkout_status.json");
    let reference = created.merchant_reference.as_str();
    let outcome: Option<(&str, u64)> = if reference.starts_with("paid-") {
        Some(("CAPTURED", 9))
    } else if reference.starts_with("declined-") {
        Some(("REJECTED", 2))
    } else {
        None
    };
    match outcome {
        Some((status, code)) => {
            let payment = &mut answer["createdPaymentOutput"]["payment"];
            payment["id"] = json!(format!("{}_0", created.id));
            payment["hostedCheckoutSpecificOutput"]["hostedCheckoutId"] = json!(created.id);
            payment["status"] = json!(status);
            payment["statusOutput"]["statusCode"] = json!(code);
            if code == 2 {
                payment["statusOutput"]["statusCategory"] = json!("UNSUCCESSFUL");
                answer["createdPaymentOutput"]["paymentStatusCategory"] = json!("REJECTED");
            }
            let payment = &mut answer["createdPaymentOutput"]["payment"];
            let output = &mut payment["paymentOutput"];
            output["references"]["merchantReference"] = json!(reference);
            for field in ["amountOfMoney", "acquiredAmount"] {
                output[field]["amount"] = json!(created.amount);
                output[field]["currencyCode"] = json!(created.currency);
            }
        }
        None => {
            let status = if reference.starts_with("cancelled-") {
                "CANCELLED_BY_CONSUMER"
            } else {
                "IN_PROGRESS"
            };
            answer = json!({ "status": status });
        }
    }
    json_answer(StatusCode::OK, &answer)
}
