//! Feedback from Ogone: parsed, verified, then read through typed accessors. One view a file:
//! [`verified`] (e-Commerce feedback), [`flex_checkout`], [`alias_gateway`] and [`dangerous`]
//! (the unverified view, public as `ogone::dangerous`); [`key`] is the idempotency key and
//! [`alias_status`] the status of a tokenization. Shared by the views: [`checked`] (what a
//! signature covers), [`from_request`] (request parsing), [`fields`] (the one macro that
//! writes every accessor, and the readers that type a field) and [`payment_fields`] (the
//! accessors the verified and unverified payment views have in common).

pub(crate) mod alias_gateway;
pub(crate) mod alias_status;
pub(crate) mod checked;
pub mod dangerous;
pub(crate) mod fields;
pub(crate) mod flex_checkout;
pub(crate) mod from_request;
pub(crate) mod key;
pub(crate) mod payment_fields;
pub(crate) mod verified;
