//! Runs the `actix_shop` example server and drives it over real HTTP/1.1 with the tests
//! `axum_shop` passes (in `common/shop.rs`): valid POST and GET, tampered, duplicated,
//! ISO-8859-1, Windows-1252, oversized, malformed, unsigned and out-of-order feedback, and the
//! checkout page.
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

shop::shop_tests!("actix_shop":
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

/// An oversized query string: actix-web refuses a request head over its buffer limit with 400
/// before the handler runs.
#[test]
fn oversized_query_is_refused_by_actix() {
    let shop = shop::Shop::start("actix_shop");
    let query = format!("/payment/ogone/return?{}", shop::oversized());
    assert_eq!(shop.get(&query).status, 400);
    assert_eq!(shop.order("WEB-8"), None);
}
