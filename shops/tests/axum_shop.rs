//! Runs the `axum_shop` example server and drives it over real HTTP/1.1 with feedback made by
//! `ogone::simulate`: valid POST and GET, tampered, duplicated, ISO-8859-1, Windows-1252,
//! oversized, malformed, unsigned and out-of-order feedback, and the checkout page (the tests
//! are in `common/shop.rs`, shared with `actix_shop`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
#[path = "common/loopback.rs"]
mod loopback;
#[path = "common/shop.rs"]
mod shop;

shop::shop_tests!("axum_shop":
    checkout_page_posts_to_the_hosted_payment_page,
    valid_post_records_the_order,
    valid_get_redirect_records_the_order,
    tampered_feedback_is_forbidden,
    missing_shasign_is_forbidden,
    the_same_feedback_twice_is_a_duplicate,
    a_status_going_backwards_is_ignored,
    iso_8859_1_feedback_is_decoded_with_the_content_type_charset,
    iso_8859_1_feedback_is_decoded_with_the_configured_default,
    windows_1252_feedback_is_decoded,
    oversized_body_is_refused,
    malformed_input_is_a_bad_request,
    unsupported_content_types_are_refused,
    unknown_order_is_not_found,
);

/// An oversized query string: hyper (the `http` crate) refuses a request target over 65,534
/// bytes with 414 before the handler runs (under that, the extractor's limit would answer 413,
/// but MAX_FORM_BYTES is 65,536).
#[test]
fn oversized_query_is_refused_by_hyper() {
    let shop = shop::Shop::start("axum_shop");
    let query = format!("/payment/ogone/return?{}", shop::oversized());
    assert_eq!(shop.get(&query).status, 414);
    assert_eq!(shop.order("WEB-8"), None);
}
