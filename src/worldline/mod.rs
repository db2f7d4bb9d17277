//! Worldline Direct (feature `worldline`): sign API requests with `GCS v1HMAC` and verify
//! webhooks (`X-GCS-Signature` / `X-GCS-KeyId`). No I/O: the caller supplies the time, the
//! headers and the raw body.
//!
//! # Signing a request
//!
//! ```
//! use ogone::worldline::{ApiKey, RequestToSign, ResourceMode, imf_fixdate};
//! let key = ApiKey::parse("apiKeyId", "secretApiKey")?;
//! let date = imf_fixdate(1_402_061_983)?; // Fri, 06 Jun 2014 13:39:43 GMT
//! let request = RequestToSign::new("DELETE", &date, "/v2/1/tokens/2")
//!     .content_type("application/json")
//!     .header("X-GCS-ServerMetaInfo", "processed header value")
//!     .header("X-GCS-ClientMetaInfo", "processed header value")
//!     .header("X-GCS-CustomerHeader", "processed header value");
//! // The string to sign, for debugging a 401:
//! let text = request.to_string_to_sign(ResourceMode::Strict)?;
//! assert!(text.ends_with("x-gcs-servermetainfo:processed header value\n/v2/1/tokens/2\n"));
//! assert_eq!(
//!     request.authorization(&key, ResourceMode::Strict)?,
//!     "GCS v1HMAC:apiKeyId:jXG/ESTtRWawO4OOyxOrtWcQA8XkrZKeoHeGGIj4jws="
//! );
//! # Ok::<(), ogone::worldline::Error>(())
//! ```
//!
//! The canonical resource differs between the official SDKs once the path or query needs
//! percent-encoding. [`ResourceMode::Strict`] (the default) refuses any byte outside the set on
//! which they all agree (naming its offset; the set is listed there); [`ResourceMode::Raw`] signs the resource as sent
//! (Python, Ruby, PHP, Node; the Connect API-reference examples); [`ResourceMode::Decoded`]
//! decodes path and query (Java and .NET since 2026-03-05). Which one the server accepts for
//! such resources is not documented.
//!
//! # One call, every header
//!
//! [`ApiCall`] signs one call and returns a [`SignedCall`] whose headers are exactly the ones
//! signed (the Date made from your timestamp, `Content-Type` with a body, the idempotence key):
//!
//! ```
//! use ogone::worldline::{ApiCall, ApiKey, ResourceMode};
//! let key = ApiKey::parse("EC36A74A98D21", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1")?;
//! let signed = ApiCall::get("1", "products?q=a,b")?.sign(&key, 1_402_061_983, ResourceMode::Strict)?;
//! assert_eq!(signed.header("Authorization"), Some("GCS v1HMAC:EC36A74A98D21:TfFdsdMghHLxtkoGuk5+HVG8o8jATFAGjSOIegBCh7o="));
//! # Ok::<(), ogone::worldline::Error>(())
//! ```
//!
//! # Verifying a webhook
//!
//! ```
//! use ogone::worldline::{Error, WebhookKeys, WebhookVerifier};
//! let mut keys = WebhookKeys::new();
//! keys.insert("dummy-key-id", "hello+world")?; // several keys for rotation
//! let verifier = WebhookVerifier::new(keys);
//! let body = br#"{"apiVersion":"v1","id":"e1","type":"payment.paid"}"#;
//! let headers = [("X-GCS-KeyId", "dummy-key-id"), ("X-GCS-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")];
//! assert_eq!(verifier.verify(body, headers), Err(Error::Mismatch));
//! # Ok::<(), ogone::worldline::Error>(())
//! ```
//!
//! After a valid signature, [`WebhookVerifier::verify`] returns an [`Event`]: its id (the
//! idempotency key, never blank: de-duplicate on it, as nothing in the signature prevents
//! replays), type, and the payment or refund with `statusOutput.statusCode` classified by the
//! legacy [`Status`](crate::Status) table and its amount an [`Amount`](crate::Amount), to check
//! with [`Event::check_amount`]. What it still refuses under a valid signature (a blank id, an
//! ambiguous or negative-amount event, …) is listed at [`Event::parse_verified`].
//!
//! The endpoint-verification GET (`X-GCS-Webhooks-Endpoint-Verification`, echoed as the body)
//! is documented for Worldline Connect; whether Direct sends it is not established
//! ([`endpoint_verification_body`]).

pub(crate) mod api;
mod call;
mod date;
pub(crate) mod error;
pub(crate) mod event;
mod hosts;
pub(crate) mod keys;
mod request;
pub(crate) mod sink;
pub(crate) mod string_to_sign;
pub(crate) mod webhook;

pub use api::answer::{ApiResponse, read_answer};
pub use api::api_error::{ApiError, ApiErrorResponse};
pub use api::checkout_answer::{
    CreateHostedCheckoutResponse, GetHostedCheckoutResponse, HostedCheckoutStatus,
};
pub use api::error::{RequestError, ResponseError};
pub use api::hosted_checkout::{
    AuthorizationMode, CreateHostedCheckoutRequest, GetHostedCheckout, HostedCheckoutBuilder,
};
pub use api::hosted_tokenization::{CreateHostedTokenizationRequest, GetHostedTokenization};
pub use api::json::MAX_ANSWER_BYTES;
pub use api::legacy::LegacyConversionError;
pub use api::payment::GetPayment;
pub use api::payment_answer::GetPaymentResponse;
pub use api::return_mac::{HostedCheckoutReturn, ReturnMac, ReturnMismatch, ReturnQueryError};
pub use api::tokenization_answer::{
    CreateHostedTokenizationResponse, GetHostedTokenizationResponse, TokenStatus, TokenView,
};
pub use api::validate::{MAX_MERCHANT_PARAMETERS_CHARS, MAX_MERCHANT_REFERENCE_CHARS};
pub use call::{
    AUTHORIZATION_HEADER, ApiCall, CONTENT_TYPE_HEADER, DATE_HEADER, IDEMPOTENCE_KEY_HEADER,
    JSON_CONTENT_TYPE, Method, SignedCall,
};
pub use date::imf_fixdate;
pub use error::Error;
pub use event::{Event, EventObject, ObjectView, StatusCode};
pub use hosts::DirectHost;
pub use keys::{ApiKey, Secret, WebhookKeys};
pub use request::{authorization, signature};
pub use string_to_sign::{RequestToSign, ResourceMode, canonical_resource, unfold};
pub use webhook::{
    ENDPOINT_VERIFICATION_HEADER, KEY_ID_HEADER, SIGNATURE_HEADER, WebhookVerifier,
    endpoint_verification_body,
};
