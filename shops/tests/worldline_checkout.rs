//! Runs the `worldline_checkout` example and drives a whole hosted checkout over loopback
//! against a stand-in of the Direct API (`common/direct_api.rs`) that checks every request's
//! `GCS v1HMAC` signature: create, redirect, return with `RETURNMAC`, the signed GET, the order
//! moved by its answer; and what must not move an order: a forged or repeated `RETURNMAC`, an
//! unknown checkout, an API error answer, a redirect off the payment host, a wrong API secret.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
#[path = "common/direct_api.rs"]
mod direct_api;
#[path = "common/loopback.rs"]
mod loopback;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use direct_api::{DirectApi, KEY_ID, MERCHANT_ID, SECRET};
use loopback::{Response, Server, request};

fn binary() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| common::build_example("worldline_checkout"))
}

/// A stand-in of the API and the shop configured for it, with `secret` as the API secret.
struct Setup {
    api: DirectApi,
    shop: Server,
}

impl Setup {
    fn start() -> Setup {
        Setup::start_with_secret(SECRET)
    }

    fn start_with_secret(secret: &str) -> Setup {
        let api = DirectApi::start();
        let addr = api.addr.to_string();
        let mut command = Command::new(binary());
        command
            .env_remove("SHOP_PUBLIC_URL")
            .env_remove("DIRECT_ENV");
        let shop = Server::spawn(
            command,
            &[
                ("SHOP_ADDR", "127.0.0.1:0"),
                ("DIRECT_MERCHANT_ID", MERCHANT_ID),
                ("DIRECT_API_KEY_ID", KEY_ID),
                ("DIRECT_API_SECRET", secret),
                ("DIRECT_API_ADDR", &addr),
            ],
        );
        Setup { api, shop }
    }

    fn get(&self, target: &str) -> Response {
        request(self.shop.port, "GET", target, &[], b"")
    }

    fn checkout(&self, reference: &str, amount: u64) -> Response {
        let target = format!("/orders/{reference}/checkout?amount={amount}&currency=EUR");
        request(self.shop.port, "POST", &target, &[], b"")
    }

    /// The GETs of hosted checkouts the stand-in received.
    fn status_calls(&self) -> usize {
        self.api
            .received()
            .iter()
            .filter(|r| r.method == "GET")
            .count()
    }
}

fn location(response: &Response) -> &str {
    response
        .headers
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .unwrap_or_else(|| panic!("no location in {response:?}"))
}

#[test]
fn a_paid_checkout_moves_the_order_after_the_signed_get() {
    let s = Setup::start();
    let created = s.checkout("paid-1", 1500);
    assert_eq!(created.status, 303, "{created:?}");
    assert!(
        location(&created)
            .starts_with("https://payment.preprod.direct.worldline-solutions.com/hostedcheckout/"),
        "{created:?}"
    );
    // What the shop asked for, as the stand-in received it.
    let received = s.api.received();
    assert_eq!(received.len(), 1);
    let create = &received[0];
    assert!(create.authentic);
    assert_eq!(create.method, "POST");
    assert_eq!(
        create.resource,
        format!("/v2/{MERCHANT_ID}/hostedcheckouts")
    );
    let body = create.body.as_ref().unwrap();
    assert_eq!(body["order"]["amountOfMoney"]["amount"], 1500);
    assert_eq!(body["order"]["amountOfMoney"]["currencyCode"], "EUR");
    assert_eq!(body["order"]["references"]["merchantReference"], "paid-1");
    let return_url = body["hostedCheckoutSpecificInput"]["returnUrl"]
        .as_str()
        .unwrap();
    assert_eq!(
        return_url,
        format!("http://127.0.0.1:{}/return", s.shop.port)
    );
    assert_eq!(s.get("/orders/paid-1").body, "pending");

    // The customer comes back with what the payment page appends to the return URL.
    let checkout = s.api.created("paid-1");
    let back = s.get(&format!(
        "/return?hostedCheckoutId={}&RETURNMAC={}",
        checkout.id, checkout.return_mac
    ));
    assert_eq!((back.status, back.body.as_str()), (200, "paid"));
    let received = s.api.received();
    assert_eq!(received.len(), 2);
    assert!(received[1].authentic);
    assert_eq!(
        received[1].resource,
        format!("/v2/{MERCHANT_ID}/hostedcheckouts/{}", checkout.id)
    );
    assert_eq!(s.get("/orders/paid-1").body, "9");
}

#[test]
fn a_forged_or_unknown_return_is_refused_without_asking_the_api() {
    let s = Setup::start();
    assert_eq!(s.checkout("paid-2", 990).status, 303);
    let checkout = s.api.created("paid-2");

    let forged = s.get(&format!(
        "/return?hostedCheckoutId={}&RETURNMAC=ab874513-9f40-4ca0-a7c7-8dc14bc4e0ff",
        checkout.id
    ));
    assert_eq!(
        (forged.status, forged.body.as_str()),
        (403, "return not authentic")
    );
    // Another checkout's id with this one's RETURNMAC.
    let unknown = s.get(&format!(
        "/return?hostedCheckoutId=4306873699&RETURNMAC={}",
        checkout.return_mac
    ));
    assert_eq!(unknown.status, 403);
    // RETURNMAC twice (the genuine one and another): refused, not picked from.
    let twice = s.get(&format!(
        "/return?hostedCheckoutId={}&RETURNMAC={}&RETURNMAC=x",
        checkout.id, checkout.return_mac
    ));
    assert_eq!(
        (twice.status, twice.body.as_str()),
        (400, "malformed return")
    );
    let missing = s.get(&format!("/return?hostedCheckoutId={}", checkout.id));
    assert_eq!(missing.status, 400);

    assert_eq!(
        s.status_calls(),
        0,
        "no GET for a return that did not check out"
    );
    assert_eq!(s.get("/orders/paid-2").body, "pending");
}

#[test]
fn declined_cancelled_and_unfinished_checkouts_say_so() {
    let s = Setup::start();
    for (reference, page, order) in [
        ("declined-1", "refused", "2"),
        ("cancelled-1", "cancelled", "pending"),
        ("open-1", "pending", "pending"),
    ] {
        assert_eq!(s.checkout(reference, 100).status, 303, "{reference}");
        let checkout = s.api.created(reference);
        let back = s.get(&format!(
            "/return?hostedCheckoutId={}&RETURNMAC={}",
            checkout.id, checkout.return_mac
        ));
        assert_eq!(
            (back.status, back.body.as_str()),
            (200, page),
            "{reference}"
        );
        assert_eq!(
            s.get(&format!("/orders/{reference}")).body,
            order,
            "{reference}"
        );
    }
    assert!(s.api.received().iter().all(|r| r.authentic));
}

#[test]
fn an_api_error_or_an_off_host_redirect_sends_nobody_anywhere() {
    let s = Setup::start();
    let refused = s.checkout("error-1", 100);
    assert_eq!(
        (refused.status, refused.body.as_str()),
        (502, "payment provider refused")
    );
    assert!(!refused.headers.contains("\r\nlocation:"));
    let off_host = s.checkout("offhost-1", 100);
    assert_eq!(off_host.status, 502, "{off_host:?}");
    assert!(!off_host.headers.contains("\r\nlocation:"));
    // The off-host checkout's RETURNMAC was never stored: its return is refused.
    let checkout = s.api.created("offhost-1");
    let back = s.get(&format!(
        "/return?hostedCheckoutId={}&RETURNMAC={}",
        checkout.id, checkout.return_mac
    ));
    assert_eq!(back.status, 403);
}

#[test]
fn the_stand_in_refuses_a_shop_with_the_wrong_secret() {
    let s = Setup::start_with_secret("not-the-secret-of-this-key-id-00");
    let refused = s.checkout("paid-3", 100);
    assert_eq!(refused.status, 502, "{refused:?}");
    let received = s.api.received();
    assert_eq!(received.len(), 1);
    assert!(!received[0].authentic);
}
