//! Feedback from the `http` crate's request types (feature `http`): [`http::Request<B>`] and
//! [`http::request::Parts`] with the body's bytes, the types hyper, axum, tower, reqwest and
//! others share.
//!
//! Each adapter takes the method, the raw query of the URI and the `Content-Type` header, and
//! hands them with the raw body to [`VerifiedFeedback::from_request`] (or its
//! [`FlexCheckoutFeedback`] and [`dangerous::UnverifiedFeedback`](crate::dangerous::UnverifiedFeedback)
//! twins): the GET query or the POST form, decoded in the charset the `Content-Type` declares,
//! else in the verifier's [`transport`](FeedbackVerifier::transport). A `Content-Type` that is
//! repeated or not visible ASCII is [`Error::InvalidField`] (a malformed request, 400), never a
//! panic.
//!
//! With the feature `worldline` too, `verified_event` and `WebhookRequestExt` do the same for
//! Worldline Direct webhooks: the headers and the raw body go to `WebhookVerifier::verify`,
//! every value of `X-GCS-Signature` and `X-GCS-KeyId` included, so a repeated one is refused.
//!
//! ```
//! use http::Request;
//! use ogone::integrations::http::FeedbackRequestExt;
//! use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey};
//!
//! let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
//! let body = "ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
//!     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
//!     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
//!
//! // A whole request whose body is bytes (`Vec<u8>`, `Bytes`, `String`, ...).
//! let request = Request::post("/payment/ogone/return")
//!     .header("Content-Type", "application/x-www-form-urlencoded")
//!     .body(body)?;
//! let feedback = request.verified_feedback(&verifier)?;
//! assert_eq!(feedback.pay_id(), Some("32100123"));
//!
//! // Or the head and the body apart, as most servers hand them over.
//! let redirect = Request::get(format!("/payment/ogone/return?{body}")).body(())?;
//! let (parts, ()) = redirect.into_parts();
//! let again = ogone::integrations::http::verified_feedback(&parts, b"", &verifier)?;
//! assert_eq!(again, feedback);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "worldline")]
pub(crate) mod worldline;
#[cfg(feature = "worldline")]
pub use worldline::{WebhookRequestExt, verified_event};

use http::header::CONTENT_TYPE;
use http::request::Parts;
use http::{HeaderMap, Request};

use crate::error::{Error, FieldName};
use crate::protocol::credentials::FeedbackVerifier;
use crate::protocol::feedback::flex_checkout::FlexCheckoutFeedback;
use crate::protocol::feedback::verified::VerifiedFeedback;

/// The `Content-Type` of a request: `None` when absent, an error when repeated or not visible
/// ASCII (which [`http::HeaderValue::to_str`] refuses).
fn content_type(headers: &HeaderMap) -> Result<Option<&str>, Error> {
    let invalid = |reason| Error::InvalidField {
        field: FieldName::new("Content-Type"),
        reason,
    };
    let mut values = headers.get_all(CONTENT_TYPE).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(invalid("repeated"));
    }
    value
        .to_str()
        .map(Some)
        .map_err(|_| invalid("not visible ASCII"))
}

/// Verifies the feedback of a request given as its head and its body's bytes.
///
/// ```
/// use ogone::{Error, ErrorKind, FeedbackVerifier, HashAlgorithm, ShaOutKey};
/// use ogone::integrations::http::verified_feedback;
///
/// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=5\
///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355"; // signed with STATUS=9
/// let (parts, ()) = http::Request::post("/return")
///     .header("Content-Type", "application/x-www-form-urlencoded")
///     .body(())?
///     .into_parts();
/// let refused = verified_feedback(&parts, body, &verifier).unwrap_err();
/// assert_eq!(refused, Error::Mismatch);
/// assert_eq!(refused.kind(), ErrorKind::NotAuthentic);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`Error::InvalidField`] for a repeated or unreadable `Content-Type`, then those of
/// [`VerifiedFeedback::from_request`].
pub fn verified_feedback(
    parts: &Parts,
    body: &[u8],
    verifier: &FeedbackVerifier,
) -> Result<VerifiedFeedback, Error> {
    VerifiedFeedback::from_request(
        parts.method.as_str(),
        parts.uri.query(),
        content_type(&parts.headers)?,
        body,
        verifier,
    )
}

/// Verifies the FlexCheckout redirect of a request given as its head and its body's bytes.
///
/// ```
/// use ogone::{FeedbackVerifier, HashAlgorithm, ListKind, ShaOutKey};
/// use ogone::integrations::http::flex_checkout_feedback;
///
/// let key = ShaOutKey::new("Mysecretsig1875!?");
/// let fields = [("Alias.AliasId", "A1"), ("Alias.Status", "0")]
///     .map(|(n, v)| (n.to_string(), v.to_string()));
/// let query = ogone::simulate::FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
///     .with_list(ListKind::FlexCheckoutOut)
///     .body_of(&fields)?;
/// let (parts, ()) = http::Request::get(format!("/alias?{query}")).body(())?.into_parts();
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
/// let feedback = flex_checkout_feedback(&parts, b"", &verifier)?;
/// assert_eq!(feedback.alias_id(), Some("A1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`Error::InvalidField`] for a repeated or unreadable `Content-Type`, then those of
/// [`FlexCheckoutFeedback::from_request`].
pub fn flex_checkout_feedback(
    parts: &Parts,
    body: &[u8],
    verifier: &FeedbackVerifier,
) -> Result<FlexCheckoutFeedback, Error> {
    FlexCheckoutFeedback::from_request(
        parts.method.as_str(),
        parts.uri.query(),
        content_type(&parts.headers)?,
        body,
        verifier,
    )
}

mod sealed {
    pub trait Sealed {}
    impl<B: AsRef<[u8]>> Sealed for http::Request<B> {}
}

/// Verification of feedback on a whole [`http::Request`] whose body is its bytes (`Vec<u8>`,
/// `Bytes`, `String`, `&[u8]`...). Sealed: implemented for `http::Request<B>` only.
///
/// ```
/// use ogone::integrations::http::FeedbackRequestExt;
/// use ogone::{ErrorKind, FeedbackVerifier, HashAlgorithm, ShaOutKey};
///
/// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let json = http::Request::post("/return")
///     .header("Content-Type", "application/json")
///     .body(b"{}".to_vec())?;
/// let refused = json.verified_feedback(&verifier).unwrap_err();
/// assert_eq!(refused.kind(), ErrorKind::Unsupported);
/// assert_eq!(refused.kind().http_status(), 415);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait FeedbackRequestExt: sealed::Sealed {
    /// [`verified_feedback`] on this request's head and body.
    ///
    /// ```
    /// use ogone::integrations::http::FeedbackRequestExt;
    /// use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey};
    ///
    /// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// let request = http::Request::post("/return")
    ///     .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    ///     .body("ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///         &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///         &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355")?;
    /// assert_eq!(request.verified_feedback(&verifier)?.order_id(), Some("12"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`verified_feedback`].
    fn verified_feedback(&self, verifier: &FeedbackVerifier) -> Result<VerifiedFeedback, Error>;

    /// [`flex_checkout_feedback`] on this request's head and body.
    ///
    /// ```
    /// use ogone::integrations::http::FeedbackRequestExt;
    /// use ogone::{FeedbackVerifier, HashAlgorithm, ListKind, ShaOutKey};
    ///
    /// let key = ShaOutKey::new("Mysecretsig1875!?");
    /// let fields = [("Alias.AliasId", "A1"), ("Alias.Status", "0")]
    ///     .map(|(n, v)| (n.to_string(), v.to_string()));
    /// let query = ogone::simulate::FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
    ///     .with_list(ListKind::FlexCheckoutOut)
    ///     .body_of(&fields)?;
    /// let request = http::Request::get(format!("/alias?{query}")).body(b"")?;
    /// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// assert_eq!(request.flex_checkout_feedback(&verifier)?.alias_id(), Some("A1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`flex_checkout_feedback`].
    fn flex_checkout_feedback(
        &self,
        verifier: &FeedbackVerifier,
    ) -> Result<FlexCheckoutFeedback, Error>;
}

impl<B: AsRef<[u8]>> FeedbackRequestExt for Request<B> {
    fn verified_feedback(&self, verifier: &FeedbackVerifier) -> Result<VerifiedFeedback, Error> {
        VerifiedFeedback::from_request(
            self.method().as_str(),
            self.uri().query(),
            content_type(self.headers())?,
            self.body().as_ref(),
            verifier,
        )
    }

    fn flex_checkout_feedback(
        &self,
        verifier: &FeedbackVerifier,
    ) -> Result<FlexCheckoutFeedback, Error> {
        FlexCheckoutFeedback::from_request(
            self.method().as_str(),
            self.uri().query(),
            content_type(self.headers())?,
            self.body().as_ref(),
            verifier,
        )
    }
}

/// Reading the feedback of a request **without** verifying it, for logs and support only (see
/// [`crate::dangerous`]).
///
/// ```
/// use ogone::TransportCharset;
/// use ogone::integrations::http::dangerous::unverified_feedback;
///
/// let (parts, ()) = http::Request::get("/return?orderID=12&STATUS=9&SHASIGN=00")
///     .body(())?
///     .into_parts();
/// let claimed = unverified_feedback(&parts, b"", TransportCharset::Utf8)?;
/// assert_eq!(claimed.order_id(), Some("12")); // log it; do not act on it
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub mod dangerous {
    use http::request::Parts;

    use crate::charset::TransportCharset;
    use crate::error::Error;
    use crate::protocol::feedback::dangerous::UnverifiedFeedback;

    /// The feedback of a request given as its head and its body's bytes, unverified; `default`
    /// is the transport charset when the `Content-Type` declares none. For a whole
    /// `http::Request<B>`, split it with `into_parts()` first.
    ///
    /// ```
    /// use ogone::TransportCharset;
    /// use ogone::integrations::http::dangerous::unverified_feedback;
    ///
    /// let (parts, body) = http::Request::post("/return")
    ///     .header("Content-Type", "application/x-www-form-urlencoded; charset=windows-1252")
    ///     .body(b"orderID=12&CN=Lef%E8vre&SHASIGN=00".to_vec())?
    ///     .into_parts();
    /// let claimed = unverified_feedback(&parts, &body, TransportCharset::Utf8)?;
    /// assert_eq!(claimed.get("CN"), Some("Lefèvre"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidField`] for a repeated or unreadable `Content-Type`, then those of
    /// [`UnverifiedFeedback::from_request`].
    pub fn unverified_feedback(
        parts: &Parts,
        body: &[u8],
        default: TransportCharset,
    ) -> Result<UnverifiedFeedback, Error> {
        UnverifiedFeedback::from_request(
            parts.method.as_str(),
            parts.uri.query(),
            super::content_type(&parts.headers)?,
            body,
            default,
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::charset::TransportCharset;
    use crate::error::ErrorKind;
    use crate::protocol::amount::Amount;
    use crate::protocol::status::Status;
    use crate::signing::form::MAX_FORM_BYTES;
    use crate::simulate::{FeedbackSimulator, Transaction};
    use crate::{HashAlgorithm, ShaOutKey};
    use http::HeaderValue;

    const FORM: &str = "application/x-www-form-urlencoded";

    fn key() -> ShaOutKey {
        ShaOutKey::new("http-adapter-test-key")
    }

    fn verifier() -> FeedbackVerifier {
        FeedbackVerifier::new(&key(), HashAlgorithm::Sha256)
    }

    fn tx() -> Transaction {
        let mut tx = Transaction::paid(
            "café-1",
            "3014726",
            Amount::from_minor_units(4250).unwrap(),
            "EUR",
        )
        .with_status(Status::PaymentRequested);
        tx.extra.push(("CN".into(), "Zoë Lefèvre".into()));
        tx
    }

    fn body(transport: TransportCharset) -> String {
        FeedbackSimulator::new(&key(), HashAlgorithm::Sha256)
            .with_transport(transport)
            .body(&tx())
            .unwrap()
    }

    fn post(content_type: &[&str], body: &str) -> Request<Vec<u8>> {
        let mut request = Request::post("/return")
            .body(body.as_bytes().to_vec())
            .unwrap();
        for value in content_type {
            request
                .headers_mut()
                .append(CONTENT_TYPE, HeaderValue::from_str(value).unwrap());
        }
        request
    }

    #[test]
    fn post_get_and_parts_agree() {
        let utf8 = body(TransportCharset::Utf8);
        let posted = post(&[FORM], &utf8).verified_feedback(&verifier()).unwrap();
        assert_eq!(posted.order_id(), Some("café-1"));
        assert_eq!(posted.get("CN"), Some("Zoë Lefèvre"));
        let get = Request::get(format!("/return?{utf8}")).body(b"").unwrap();
        assert_eq!(get.verified_feedback(&verifier()).unwrap(), posted);
        let (parts, body) = post(&[], &utf8).into_parts();
        assert_eq!(
            verified_feedback(&parts, &body, &verifier()).unwrap(),
            posted
        );
    }

    #[test]
    fn the_content_type_charset_wins_over_the_verifier_default() {
        let cp1252 = body(TransportCharset::Windows1252);
        let declared = format!("{FORM}; charset=windows-1252");
        let request = post(&[&declared], &cp1252);
        assert!(request.verified_feedback(&verifier()).is_ok());
        // Undeclared: the verifier's transport, UTF-8 here, cannot read `%EB`.
        let undeclared = post(&[FORM], &cp1252);
        let error = undeclared.verified_feedback(&verifier()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Malformed, "{error}");
        let epdq = verifier().with_transport(TransportCharset::Windows1252);
        assert!(undeclared.verified_feedback(&epdq).is_ok());
    }

    #[test]
    fn a_repeated_or_unreadable_content_type_is_malformed() {
        let utf8 = body(TransportCharset::Utf8);
        let twice = post(&[FORM, FORM], &utf8);
        let error = twice.verified_feedback(&verifier()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Malformed);
        assert_eq!(error.to_string(), "invalid Content-Type: repeated");
        let (parts, body) = twice.into_parts();
        assert!(flex_checkout_feedback(&parts, &body, &verifier()).is_err());
        assert!(dangerous::unverified_feedback(&parts, &body, TransportCharset::Utf8).is_err());

        let mut opaque = post(&[], &utf8);
        opaque.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_bytes(b"application/x-www-form-urlencoded; charset=\xE9").unwrap(),
        );
        let error = opaque.verified_feedback(&verifier()).unwrap_err();
        assert_eq!(error.to_string(), "invalid Content-Type: not visible ASCII");
    }

    #[test]
    fn method_media_type_and_size_map_to_their_kinds() {
        let utf8 = body(TransportCharset::Utf8);
        let mut put = post(&[FORM], &utf8);
        *put.method_mut() = http::Method::PUT;
        let kind = put.verified_feedback(&verifier()).unwrap_err().kind();
        assert_eq!(kind, ErrorKind::MethodNotAllowed);
        let json = post(&["application/json"], &utf8);
        let kind = json.verified_feedback(&verifier()).unwrap_err().kind();
        assert_eq!(kind, ErrorKind::Unsupported);
        let huge = format!("{utf8}&PAD={}", "x".repeat(MAX_FORM_BYTES));
        let kind = post(&[FORM], &huge)
            .verified_feedback(&verifier())
            .unwrap_err()
            .kind();
        assert_eq!(kind, ErrorKind::TooLarge);
        let tampered = utf8.replace("STATUS=9", "STATUS=5");
        let kind = post(&[FORM], &tampered)
            .verified_feedback(&verifier())
            .unwrap_err()
            .kind();
        assert_eq!(kind, ErrorKind::NotAuthentic);
    }
}
