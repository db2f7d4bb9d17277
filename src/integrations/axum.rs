//! An axum extractor of verified feedback (feature `axum`, built on `axum-core`, not on the
//! framework).
//!
//! [`OgoneFeedback`] reads the raw query (GET, HEAD) or the raw body (POST, at most
//! [`MAX_FORM_BYTES`]) and verifies it with the [`FeedbackVerifier`] it takes from the router's
//! state through [`FromRef`], as [`VerifiedFeedback::from_request`] does: the transport charset
//! is the `Content-Type`'s, else the verifier's. Do not use axum's `Form` or `Query` for
//! feedback: they decode as UTF-8 and keep one of two duplicate names.
//!
//! When it fails, the handler is not called and [`FeedbackRejection`] answers with the status
//! of the error's [`kind`](Error::kind) (400 malformed, 403 not authentic, 405, 413 too large,
//! 415 unsupported, 500 configuration) and a short fixed body that says nothing of the input.
//! Take a `Result<OgoneFeedback, FeedbackRejection>` to log why before answering.
//!
//! ```
//! use std::sync::{Arc, Mutex};
//!
//! use axum_core::extract::{FromRef, FromRequest};
//! use ogone::integrations::axum::{FeedbackRejection, OgoneFeedback};
//! use ogone::{Credentials, FeedbackVerifier, HashAlgorithm, Platform, ShaInKey, ShaOutKey};
//!
//! #[derive(Clone)]
//! struct Shop {
//!     verifier: FeedbackVerifier,
//!     paid: Arc<Mutex<Vec<String>>>,
//! }
//!
//! impl FromRef<Shop> for FeedbackVerifier {
//!     fn from_ref(shop: &Shop) -> FeedbackVerifier {
//!         shop.verifier.clone()
//!     }
//! }
//!
//! // Only verified feedback reaches the handler: with axum, route it as
//! // `Router::new().route("/payment/ogone/return", get(feedback).post(feedback)).with_state(shop)`
//! // and take the shop as `State(shop): State<Shop>`.
//! async fn feedback(shop: Shop, OgoneFeedback(feedback): OgoneFeedback) -> &'static str {
//!     if feedback.status().is_ok_and(|s| s.code() == 9) {
//!         if let Some(order) = feedback.order_id() {
//!             shop.paid.lock().unwrap().push(order.to_string());
//!         }
//!     }
//!     "ok"
//! }
//!
//! // The same, logging refusals first.
//! async fn logged(feedback: Result<OgoneFeedback, FeedbackRejection>) -> Result<&'static str, FeedbackRejection> {
//!     let OgoneFeedback(feedback) = feedback.inspect_err(|e| eprintln!("feedback refused: {e}"))?;
//!     println!("feedback for {:?}", feedback.order_id());
//!     Ok("ok")
//! }
//!
//! let credentials = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"),
//!     ShaOutKey::new("Another-secret-for-OUT"), HashAlgorithm::Sha512)
//!     .with_platform(Platform::BarclaycardEpdq);
//! let shop = Shop {
//!     verifier: credentials.feedback_verifier(), // ePDQ: Windows-1252 unless the request says
//!     paid: Arc::default(),
//! };
//! // What axum does for each request: extract with the router's state, then call the handler.
//! let request = http::Request::get("/payment/ogone/return?orderID=12&STATUS=9")
//!     .body(axum_core::body::Body::empty())?;
//! let refused = block_on(OgoneFeedback::from_request(request, &shop));
//! assert_eq!(block_on(logged(refused)).unwrap_err().status(), 403); // not signed
//! # let _ = feedback;
//! # fn block_on<F: std::future::Future>(future: F) -> F::Output {
//! #     let mut future = std::pin::pin!(future);
//! #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
//! #     loop {
//! #         if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) { return out; }
//! #     }
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The whole shop, on axum's `Router` and served over loopback by its tests, is
//! `shops/examples/axum_shop.rs` in the repository.
//!
//! With the feature `worldline` too, `WorldlineEvent` extracts a verified Worldline Direct
//! webhook event the same way (raw body up to `MAX_EVENT_BYTES`, every `X-GCS-Signature` and
//! `X-GCS-KeyId` header, the `WebhookVerifier` from the state through [`FromRef`]), and
//! `EventRejection` answers a refusal as [`FeedbackRejection`] does: the kind's status and a
//! fixed body (`webhook not authentic`, `malformed webhook`, `webhook too large`).

pub(crate) mod body;
#[cfg(feature = "worldline")]
pub(crate) mod worldline;
#[cfg(feature = "worldline")]
pub use worldline::{EventRejection, MAX_EVENT_BYTES, WorldlineEvent};

use alloc::vec::Vec;
use core::fmt;

use axum_core::extract::{FromRef, FromRequest, Request};
use axum_core::response::{IntoResponse, Response};
use http::header::ALLOW;
use http::{Method, StatusCode};
use http_body_util::LengthLimitError;

use crate::error::{Error, ErrorKind};
use crate::protocol::credentials::FeedbackVerifier;
use crate::protocol::feedback::flex_checkout::FlexCheckoutFeedback;
use crate::protocol::feedback::verified::VerifiedFeedback;
use crate::signing::form::MAX_FORM_BYTES;

/// Extracts a [`VerifiedFeedback`] from a GET, HEAD or POST request, with the
/// [`FeedbackVerifier`] of the router's state; a [`FeedbackRejection`] when it cannot (see the
/// [module documentation](self)).
///
/// ```
/// use ogone::integrations::axum::OgoneFeedback;
/// use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey};
/// use axum_core::extract::FromRequest;
///
/// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let request = http::Request::post("/payment/ogone/return")
///     .header("Content-Type", "application/x-www-form-urlencoded")
///     .body(axum_core::body::Body::from("ACCEPTANCE=1234&amount=15&BRAND=VISA\
///         &CARDNO=XXXXXXXXXXXX1111&currency=EUR&NCERROR=0&orderID=12&PAYID=32100123\
///         &PM=CreditCard&STATUS=9&SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355"))?;
/// let OgoneFeedback(feedback) = block_on(OgoneFeedback::from_request(request, &verifier))?;
/// assert_eq!(feedback.pay_id(), Some("32100123"));
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     // Any executor does (the body is in memory: the future is ready at once).
/// #     let mut future = std::pin::pin!(future);
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     loop {
/// #         if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) { return out; }
/// #     }
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OgoneFeedback(pub VerifiedFeedback);

/// Extracts a [`FlexCheckoutFeedback`] (the FlexCheckout redirect, usually a GET) as
/// [`OgoneFeedback`] extracts a feedback.
///
/// ```
/// use ogone::integrations::axum::OgoneFlexCheckout;
/// use ogone::{FeedbackVerifier, HashAlgorithm, ListKind, ShaOutKey};
/// use axum_core::extract::FromRequest;
///
/// let key = ShaOutKey::new("Mysecretsig1875!?");
/// let fields = [("Alias.AliasId", "A1"), ("Alias.Status", "0")]
///     .map(|(n, v)| (n.to_string(), v.to_string()));
/// let query = ogone::simulate::FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
///     .with_list(ListKind::FlexCheckoutOut)
///     .body_of(&fields)?;
/// let request = http::Request::get(format!("/alias?{query}")).body(axum_core::body::Body::empty())?;
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
/// let OgoneFlexCheckout(alias) = block_on(OgoneFlexCheckout::from_request(request, &verifier))?;
/// assert_eq!(alias.alias_id(), Some("A1"));
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     // Any executor does (the body is in memory: the future is ready at once).
/// #     let mut future = std::pin::pin!(future);
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     loop {
/// #         if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) { return out; }
/// #     }
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OgoneFlexCheckout(pub FlexCheckoutFeedback);

/// Why [`OgoneFeedback`] or [`OgoneFlexCheckout`] refused a request. As a response: the status
/// of its [`kind`](FeedbackRejection::kind) and a fixed plain-text body naming only that kind.
/// Its `Display` (for your logs) is the [`Error`]'s, which carries no secret.
///
/// ```
/// use axum_core::response::IntoResponse;
/// use ogone::Error;
/// use ogone::integrations::axum::FeedbackRejection;
///
/// let rejection = FeedbackRejection::Refused(Error::Mismatch);
/// assert_eq!(rejection.status(), 403);
/// assert_eq!(rejection.to_string(), "signature mismatch");
/// let response = rejection.into_response();
/// assert_eq!(response.status(), 403);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FeedbackRejection {
    /// The request is refused for this reason (a body over [`MAX_FORM_BYTES`] is
    /// [`Error::TooLarge`], with the `Content-Length` as its length when there was one, else
    /// `MAX_FORM_BYTES + 1`).
    Refused(Error),
    /// The body could not be read (the connection broke, say): 400, as a malformed request.
    UnreadableBody,
}

impl FeedbackRejection {
    /// The kind of failure: [`Error::kind`], and [`ErrorKind::Malformed`] for an unreadable
    /// body.
    ///
    /// ```
    /// use ogone::{Error, ErrorKind};
    /// use ogone::integrations::axum::FeedbackRejection;
    ///
    /// let too_large = Error::TooLarge { len: 70_000, limit: 65_536 };
    /// assert_eq!(FeedbackRejection::Refused(too_large).kind(), ErrorKind::TooLarge);
    /// assert_eq!(FeedbackRejection::UnreadableBody.kind(), ErrorKind::Malformed);
    /// ```
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            FeedbackRejection::Refused(error) => error.kind(),
            FeedbackRejection::UnreadableBody => ErrorKind::Malformed,
        }
    }

    /// The HTTP status it answers with: [`ErrorKind::http_status`] of its kind.
    ///
    /// ```
    /// use ogone::Error;
    /// use ogone::integrations::axum::FeedbackRejection;
    ///
    /// assert_eq!(FeedbackRejection::Refused(Error::PassphraseUnencodable).status(), 500);
    /// ```
    #[must_use]
    pub fn status(&self) -> u16 {
        self.kind().http_status()
    }

    /// The crate's error, when the request was refused for one.
    ///
    /// ```
    /// use ogone::Error;
    /// use ogone::integrations::axum::FeedbackRejection;
    ///
    /// assert_eq!(FeedbackRejection::Refused(Error::Mismatch).error(), Some(&Error::Mismatch));
    /// assert_eq!(FeedbackRejection::UnreadableBody.error(), None);
    /// ```
    #[must_use]
    pub fn error(&self) -> Option<&Error> {
        match self {
            FeedbackRejection::Refused(error) => Some(error),
            FeedbackRejection::UnreadableBody => None,
        }
    }
}

impl From<Error> for FeedbackRejection {
    /// [`FeedbackRejection::Refused`].
    ///
    /// ```
    /// use ogone::Error;
    /// use ogone::integrations::axum::FeedbackRejection;
    ///
    /// let rejection = FeedbackRejection::from(Error::MissingSignature);
    /// assert_eq!(rejection.status(), 403);
    /// ```
    fn from(error: Error) -> Self {
        FeedbackRejection::Refused(error)
    }
}

impl fmt::Display for FeedbackRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedbackRejection::Refused(error) => fmt::Display::fmt(error, f),
            FeedbackRejection::UnreadableBody => f.write_str("the request body could not be read"),
        }
    }
}

impl std::error::Error for FeedbackRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FeedbackRejection::Refused(error) => Some(error),
            FeedbackRejection::UnreadableBody => None,
        }
    }
}

impl IntoResponse for FeedbackRejection {
    /// The status of [`FeedbackRejection::kind`], a fixed `text/plain` body naming the kind
    /// (`malformed feedback`, `feedback not authentic`, ...), and for 405 an `Allow` header.
    ///
    /// ```
    /// use axum_core::response::IntoResponse;
    /// use ogone::Error;
    /// use ogone::integrations::axum::FeedbackRejection;
    ///
    /// let response = FeedbackRejection::Refused(Error::UnsupportedMethod("PUT".into())).into_response();
    /// assert_eq!(response.status(), 405);
    /// assert_eq!(response.headers()["allow"], "GET, HEAD, POST");
    /// ```
    fn into_response(self) -> Response {
        let kind = self.kind();
        let status =
            StatusCode::from_u16(kind.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = match kind {
            ErrorKind::Malformed => "malformed feedback",
            ErrorKind::NotAuthentic => "feedback not authentic",
            ErrorKind::TooLarge => "feedback too large",
            ErrorKind::MethodNotAllowed => "method not allowed",
            ErrorKind::Unsupported => "unsupported media type",
            ErrorKind::Configuration => "feedback cannot be verified",
        };
        if kind == ErrorKind::MethodNotAllowed {
            (status, [(ALLOW, "GET, HEAD, POST")], body).into_response()
        } else {
            (status, body).into_response()
        }
    }
}

/// The head of the request and the bytes of its body: none for GET and HEAD (the feedback is
/// in the query), at most [`MAX_FORM_BYTES`] for any other method.
async fn read(request: Request) -> Result<(http::request::Parts, Vec<u8>), FeedbackRejection> {
    let (parts, body) = request.into_parts();
    if parts.method == Method::GET || parts.method == Method::HEAD {
        return Ok((parts, Vec::new()));
    }
    let declared = body::declared_length(&parts.headers);
    let too_large = |len: Option<usize>| {
        FeedbackRejection::Refused(Error::TooLarge {
            len: len.unwrap_or(MAX_FORM_BYTES.saturating_add(1)),
            limit: MAX_FORM_BYTES,
        })
    };
    if declared.is_some_and(|len| len > MAX_FORM_BYTES) {
        return Err(too_large(declared));
    }
    let body = body::collect(body, MAX_FORM_BYTES).await.map_err(|e| {
        if e.is::<LengthLimitError>() {
            too_large(declared)
        } else {
            FeedbackRejection::UnreadableBody
        }
    })?;
    Ok((parts, body))
}

/// Reads `request` and verifies it with `check`, under the verifier the state holds: what
/// both extractors do.
async fn verify<S, T>(
    request: Request,
    state: &S,
    check: fn(&http::request::Parts, &[u8], &FeedbackVerifier) -> Result<T, Error>,
) -> Result<T, FeedbackRejection>
where
    FeedbackVerifier: FromRef<S>,
{
    let verifier = FeedbackVerifier::from_ref(state);
    let (parts, body) = read(request).await?;
    Ok(check(&parts, &body, &verifier)?)
}

impl<S> FromRequest<S> for OgoneFeedback
where
    FeedbackVerifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = FeedbackRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        verify(request, state, super::http::verified_feedback)
            .await
            .map(OgoneFeedback)
    }
}

impl<S> FromRequest<S> for OgoneFlexCheckout
where
    FeedbackVerifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = FeedbackRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        verify(request, state, super::http::flex_checkout_feedback)
            .await
            .map(OgoneFlexCheckout)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use axum_core::body::Body;
    use http_body_util::BodyExt;

    use crate::protocol::amount::Amount;
    use crate::simulate::{FeedbackSimulator, Transaction};
    use crate::{HashAlgorithm, ShaOutKey, TransportCharset};

    const FORM: &str = "application/x-www-form-urlencoded";

    fn verifier() -> FeedbackVerifier {
        FeedbackVerifier::new(&ShaOutKey::new("axum-extractor-key"), HashAlgorithm::Sha256)
    }

    fn body(transport: TransportCharset) -> String {
        let mut tx = Transaction::paid(
            "Zoë-1",
            "3014726",
            Amount::from_minor_units(4250).unwrap(),
            "EUR",
        );
        tx.extra.push(("CN".into(), "Lefèvre".into()));
        FeedbackSimulator::new(&ShaOutKey::new("axum-extractor-key"), HashAlgorithm::Sha256)
            .with_transport(transport)
            .body(&tx)
            .unwrap()
    }

    /// Extracts from a request; the body has no `Content-Length` unless `headers` says one.
    fn extract(
        method: &str,
        uri: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Result<OgoneFeedback, FeedbackRejection> {
        let mut request = http::Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Body::from(body.to_string())).unwrap();
        block_on(OgoneFeedback::from_request(request, &verifier()))
    }

    /// Polls `future` to its end: what is polled here (bodies in memory) is ready at once, so
    /// no runtime is needed (nor wanted: the library's tests compile none).
    fn block_on<F: core::future::Future>(future: F) -> F::Output {
        let mut future = core::pin::pin!(future);
        let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
        loop {
            if let core::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) {
                return out;
            }
        }
    }

    async fn response_body(response: Response) -> String {
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn respond(rejection: FeedbackRejection) -> (u16, String) {
        let response = rejection.into_response();
        let status = response.status().as_u16();
        let body = block_on(response_body(response));
        (status, body)
    }

    #[test]
    fn get_and_post_in_the_declared_charset() {
        let utf8 = body(TransportCharset::Utf8);
        let OgoneFeedback(got) = extract("GET", &format!("/r?{utf8}"), &[], "ignored").unwrap();
        assert_eq!(got.order_id(), Some("Zoë-1"));
        let OgoneFeedback(posted) =
            extract("POST", "/r", &[("content-type", FORM)], &utf8).unwrap();
        assert_eq!(posted, got);
        let latin1 = body(TransportCharset::Iso8859_1);
        let declared = format!("{FORM}; charset=ISO-8859-1");
        let OgoneFeedback(latin) =
            extract("POST", "/r", &[("content-type", &declared)], &latin1).unwrap();
        assert_eq!(latin.get("CN"), Some("Lefèvre"));
        let refused = extract("POST", "/r", &[("content-type", FORM)], &latin1).unwrap_err();
        assert_eq!(refused.status(), 400, "{refused}");
    }

    #[test]
    fn oversized_bodies_are_refused_with_or_without_a_length() {
        let oversized = format!(
            "{}&PAD={}",
            body(TransportCharset::Utf8),
            "x".repeat(MAX_FORM_BYTES)
        );
        let streamed = extract("POST", "/r", &[("content-type", FORM)], &oversized).unwrap_err();
        let limit = MAX_FORM_BYTES;
        let at_least = Error::TooLarge {
            len: limit + 1,
            limit,
        };
        assert_eq!(streamed, FeedbackRejection::Refused(at_least));
        let len = oversized.len().to_string();
        let headers = [("content-type", FORM), ("content-length", len.as_str())];
        let declared = extract("POST", "/r", &headers, &oversized).unwrap_err();
        let exact = Error::TooLarge {
            len: oversized.len(),
            limit,
        };
        assert_eq!(declared, FeedbackRejection::Refused(exact));
        assert_eq!(respond(declared), (413, "feedback too large".to_string()));
    }

    #[test]
    fn each_kind_answers_its_status_and_a_fixed_body() {
        let signed = body(TransportCharset::Utf8);
        let tampered = signed.replace("STATUS=9", "STATUS=5");
        let form = [("content-type", FORM)];
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str, u16, &'a str);
        let cases: [Case; 5] = [
            ("POST", &form, &tampered, 403, "feedback not authentic"),
            ("POST", &form, "orderID=%zz", 400, "malformed feedback"),
            (
                "POST",
                &[("content-type", "application/json")],
                "{}",
                415,
                "unsupported media type",
            ),
            ("PUT", &form, &signed, 405, "method not allowed"),
            (
                "POST",
                &[("content-type", FORM), ("content-type", FORM)],
                &signed,
                400,
                "malformed feedback",
            ),
        ];
        for (method, headers, input, status, text) in cases {
            let rejection = extract(method, "/r", headers, input).unwrap_err();
            assert_eq!(rejection.status(), status, "{rejection}");
            let (answered, body) = respond(rejection);
            assert_eq!((answered, body.as_str()), (status, text));
            // Nothing of the input in the body.
            assert!(
                !body.contains("STATUS") && !body.contains("SHASIGN"),
                "{body}"
            );
        }
        let (status, body) = respond(FeedbackRejection::Refused(Error::PassphraseUnencodable));
        assert_eq!(
            (status, body.as_str()),
            (500, "feedback cannot be verified")
        );
        assert_eq!(respond(FeedbackRejection::UnreadableBody).0, 400);
    }
}
