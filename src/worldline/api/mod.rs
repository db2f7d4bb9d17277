//! Typed Worldline Direct API messages (feature `worldline`): the hosted checkout and hosted
//! tokenization requests and answers, the payment read, the API's error answer, the conversion
//! from the legacy hosted-page fields, and the return from the hosted checkout. Re-exported
//! from [`ogone::worldline`](crate::worldline); one concern a file.

pub(crate) mod answer;
pub(crate) mod api_error;
pub(crate) mod checkout_answer;
pub(crate) mod error;
pub(crate) mod hosted_checkout;
pub(crate) mod hosted_tokenization;
pub(crate) mod json;
pub(crate) mod legacy;
pub(crate) mod payment;
pub(crate) mod payment_answer;
pub(crate) mod return_mac;
pub(crate) mod to_call;
pub(crate) mod tokenization_answer;
pub(crate) mod validate;
