//! Worldline Direct webhooks from the `http` crate's types (features `http` and `worldline`),
//! the twins of [`verified_feedback`](super::verified_feedback) and
//! [`FeedbackRequestExt`](super::FeedbackRequestExt).

use http::{HeaderMap, Request};

use crate::worldline::error::Error;
use crate::worldline::event::Event;
use crate::worldline::webhook::{KEY_ID_HEADER, SIGNATURE_HEADER, WebhookVerifier};

/// Every value of `X-GCS-Signature` and `X-GCS-KeyId` in `headers`, in order, as the
/// `(name, value)` pairs [`WebhookVerifier::verify`] reads: it refuses a repeated one rather
/// than pick one. A value that is not visible ASCII ([`http::HeaderValue::to_str`] refuses it)
/// is handed over as `""`, which is no key id (a blank one cannot be registered: the error is
/// [`Error::UnknownKeyId`]) and no base64 signature of 32 bytes ([`Error::MalformedSignature`]),
/// so it fails where the same header with another unusable value would, and nothing of it is
/// read further.
fn webhook_headers(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    let values = |name: &'static str| {
        headers
            .get_all(name)
            .into_iter()
            .map(move |value| (name, value.to_str().unwrap_or("")))
    };
    values(SIGNATURE_HEADER).chain(values(KEY_ID_HEADER))
}

/// Verifies a Worldline Direct webhook given as its headers (`parts.headers`, or axum's
/// `HeaderMap` extractor) and its raw body's bytes, with [`WebhookVerifier::verify`], and
/// returns the [`Event`] it carries.
///
/// Every value of `X-GCS-Signature` and `X-GCS-KeyId` is handed to the verifier, so a repeated
/// one is [`Error::DuplicatedHeader`], never one of them picked. A value that is not visible
/// ASCII cannot be a key id or a base64 signature and fails as one: [`Error::UnknownKeyId`]
/// for the key id, [`Error::MalformedSignature`] for the signature (kind `NotAuthentic`, 403,
/// like any other unusable value of those headers). The method and the `Content-Type` are not
/// looked at: the signature covers the body alone. Nothing limits the body's size here (it is
/// already in memory); the axum extractor reads at most
/// [`MAX_EVENT_BYTES`](crate::integrations::axum::MAX_EVENT_BYTES) (feature `axum`).
///
/// ```
/// use ogone::integrations::http::verified_event;
/// use ogone::worldline::{ApiKey, Error, WebhookKeys, WebhookVerifier, signature};
///
/// let mut keys = WebhookKeys::new();
/// keys.insert("key-2026", "a webhook secret")?;
/// let verifier = WebhookVerifier::new(keys);
/// let body = r#"{"apiVersion":"v1","id":"e1","type":"payment.captured"}"#;
/// let signed = signature(&ApiKey::parse("key-2026", "a webhook secret")?, body);
/// let (parts, ()) = http::Request::post("/webhooks/worldline")
///     .header("X-GCS-KeyId", "key-2026")
///     .header("X-GCS-Signature", signed.as_str())
///     .body(())?
///     .into_parts();
/// let event = verified_event(&parts.headers, body.as_bytes(), &verifier)?;
/// assert_eq!(event.idempotency_key(), "e1");
///
/// // One more X-GCS-Signature: refused, not picked from.
/// let mut twice = parts.headers.clone();
/// twice.append("X-GCS-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".parse()?);
/// let refused = verified_event(&twice, body.as_bytes(), &verifier).unwrap_err();
/// assert_eq!(refused, Error::DuplicatedHeader("X-GCS-Signature"));
/// assert_eq!(refused.kind().http_status(), 403);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// Those of [`WebhookVerifier::verify`]: a missing or repeated header, an unknown key id, a
/// malformed or wrong signature (kind `NotAuthentic`), then a body that is not a `v1` event
/// (kind `Malformed`).
#[cfg_attr(docsrs, doc(cfg(feature = "worldline")))]
pub fn verified_event(
    headers: &HeaderMap,
    body: &[u8],
    verifier: &WebhookVerifier,
) -> Result<Event, Error> {
    verifier.verify(body, webhook_headers(headers))
}

mod sealed {
    pub trait Sealed {}
    impl<B: AsRef<[u8]>> Sealed for http::Request<B> {}
}

/// Verification of a Worldline Direct webhook on a whole [`http::Request`] whose body is its
/// bytes (`Vec<u8>`, `Bytes`, `String`, `&[u8]`...). Sealed: implemented for `http::Request<B>`
/// only.
///
/// ```
/// use ogone::integrations::http::WebhookRequestExt;
/// use ogone::worldline::{Error, WebhookKeys, WebhookVerifier};
///
/// let mut keys = WebhookKeys::new();
/// keys.insert("key-2026", "a webhook secret")?;
/// let verifier = WebhookVerifier::new(keys);
/// let unsigned = http::Request::post("/webhooks/worldline")
///     .header("X-GCS-KeyId", "key-2026")
///     .body(r#"{"apiVersion":"v1","id":"e1"}"#)?;
/// let refused = unsigned.verified_event(&verifier).unwrap_err();
/// assert_eq!(refused, Error::MissingHeader("X-GCS-Signature"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "worldline")))]
pub trait WebhookRequestExt: sealed::Sealed {
    /// [`verified_event`] on this request's headers and body.
    ///
    /// ```
    /// use ogone::integrations::http::WebhookRequestExt;
    /// use ogone::worldline::{ApiKey, WebhookKeys, WebhookVerifier, signature};
    ///
    /// let mut keys = WebhookKeys::new();
    /// keys.insert("key-2026", "a webhook secret")?;
    /// let verifier = WebhookVerifier::new(keys);
    /// let body = r#"{"apiVersion":"v1","id":"e2","type":"payment.refunded"}"#;
    /// let signed = signature(&ApiKey::parse("key-2026", "a webhook secret")?, body);
    /// let request = http::Request::post("/webhooks/worldline")
    ///     .header("x-gcs-keyid", "key-2026")
    ///     .header("x-gcs-signature", signed)
    ///     .body(body.as_bytes().to_vec())?;
    /// let event = request.verified_event(&verifier)?;
    /// assert_eq!(event.kind.as_deref(), Some("payment.refunded"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`verified_event`].
    fn verified_event(&self, verifier: &WebhookVerifier) -> Result<Event, Error>;
}

impl<B: AsRef<[u8]>> WebhookRequestExt for Request<B> {
    fn verified_event(&self, verifier: &WebhookVerifier) -> Result<Event, Error> {
        verified_event(self.headers(), self.body().as_ref(), verifier)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::worldline::{ApiKey, WebhookKeys, signature};
    use http::HeaderValue;

    const BODY: &str = r#"{"apiVersion":"v1","id":"e1","type":"payment.created"}"#;

    fn verifier() -> WebhookVerifier {
        let mut keys = WebhookKeys::new();
        keys.insert("k1", "s1").unwrap();
        WebhookVerifier::new(keys)
    }

    fn signed() -> String {
        signature(&ApiKey::parse("k1", "s1").unwrap(), BODY)
    }

    fn headers(pairs: &[(&str, &[u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            let name = http::HeaderName::from_bytes(name.as_bytes()).unwrap();
            map.append(name, HeaderValue::from_bytes(value).unwrap());
        }
        map
    }

    #[test]
    fn signed_headers_verify_and_others_are_ignored() {
        let sig = signed();
        let map = headers(&[
            ("content-type", b"application/json"),
            ("x-gcs-keyid", b"k1"),
            ("X-GCS-Signature", sig.as_bytes()),
        ]);
        assert_eq!(
            verified_event(&map, BODY.as_bytes(), &verifier())
                .unwrap()
                .idempotency_key(),
            "e1"
        );
    }

    #[test]
    fn an_opaque_value_fails_as_an_unusable_one() {
        let sig = signed();
        let key = headers(&[
            ("x-gcs-keyid", b"k\xE91"),
            ("x-gcs-signature", sig.as_bytes()),
        ]);
        assert_eq!(
            verified_event(&key, BODY.as_bytes(), &verifier()),
            Err(Error::UnknownKeyId)
        );
        let mut opaque = sig.into_bytes();
        opaque.push(0xFF);
        let sig = headers(&[("x-gcs-keyid", b"k1"), ("x-gcs-signature", &opaque)]);
        assert_eq!(
            verified_event(&sig, BODY.as_bytes(), &verifier()),
            Err(Error::MalformedSignature)
        );
        // Repeated and opaque: the repetition is what is refused.
        let both = headers(&[("x-gcs-keyid", b"\x80"), ("x-gcs-keyid", b"k1")]);
        assert_eq!(
            verified_event(&both, BODY.as_bytes(), &verifier()),
            Err(Error::DuplicatedHeader(KEY_ID_HEADER))
        );
    }
}
