//! Webhook verification: `X-GCS-Signature` over the raw body, secret chosen by `X-GCS-KeyId`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use subtle::ConstantTimeEq;

use crate::worldline::error::Error;
use crate::worldline::event::Event;
use crate::worldline::keys::WebhookKeys;

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "X-GCS-Signature";
/// The header carrying the key id.
pub const KEY_ID_HEADER: &str = "X-GCS-KeyId";
/// The header of the endpoint-verification GET (documented for Connect; whether Direct sends it
/// is not established).
pub const ENDPOINT_VERIFICATION_HEADER: &str = "X-GCS-Webhooks-Endpoint-Verification";

/// The body to answer an endpoint-verification GET with (as `text/plain`): the header's value
/// itself. Nothing is verified; the GET carries no signature.
///
/// ```
/// assert_eq!(ogone::worldline::endpoint_verification_body("abc"), "abc");
/// ```
#[must_use]
pub fn endpoint_verification_body(header_value: &str) -> &str {
    header_value
}

/// Verifies webhooks against a set of webhook keys.
///
/// ```
/// use ogone::worldline::{Error, WebhookKeys, WebhookVerifier};
/// let mut keys = WebhookKeys::new();
/// keys.insert("dummy-key-id", "hello+world").unwrap();
/// let verifier = WebhookVerifier::new(keys);
/// // The validateCredentials hash: the signature of an empty body.
/// let sig = "FHbwt14Rjkjdn51x5EiyjgVQ7gN6ftgh5Y2l0KpQmLw=";
/// assert_eq!(verifier.verify_signature(b"", "dummy-key-id", sig), Ok(()));
/// assert_eq!(verifier.verify_signature(b" ", "dummy-key-id", sig), Err(Error::Mismatch));
/// assert_eq!(verifier.verify_signature(b"", "other", sig), Err(Error::UnknownKeyId));
/// ```
#[derive(Clone, Debug)]
pub struct WebhookVerifier {
    keys: WebhookKeys,
}

impl WebhookVerifier {
    /// A verifier over these keys.
    ///
    /// ```
    /// let v = ogone::worldline::WebhookVerifier::new(ogone::worldline::WebhookKeys::new());
    /// assert!(v.verify_signature(b"", "k", "x").is_err());
    /// ```
    #[must_use]
    pub fn new(keys: WebhookKeys) -> Self {
        WebhookVerifier { keys }
    }

    /// Checks `signature` (the `X-GCS-Signature` value) over the raw `body` with the secret of
    /// `key_id` (the `X-GCS-KeyId` value). The signature must be canonical padded base64 of 32
    /// bytes; the MAC bytes are compared in constant time.
    ///
    /// ```
    /// use ogone::worldline::{Error, WebhookKeys, WebhookVerifier};
    /// let mut keys = WebhookKeys::new();
    /// keys.insert("k", "s").unwrap();
    /// let v = WebhookVerifier::new(keys);
    /// assert_eq!(v.verify_signature(b"{}", "k", "not base64"), Err(Error::MalformedSignature));
    /// ```
    pub fn verify_signature(
        &self,
        body: &[u8],
        key_id: &str,
        signature: &str,
    ) -> Result<(), Error> {
        let secret = self.keys.get(key_id).ok_or(Error::UnknownKeyId)?;
        let received = STANDARD
            .decode(signature)
            .map_err(|_| Error::MalformedSignature)?;
        if received.len() != 32 {
            return Err(Error::MalformedSignature);
        }
        let expected = secret.mac(body);
        if bool::from(expected.as_slice().ct_eq(received.as_slice())) {
            Ok(())
        } else {
            Err(Error::Mismatch)
        }
    }

    /// Finds the two headers (names case-insensitive; each exactly once), verifies the
    /// signature, then reads the event with [`Event::parse_verified`] (which lists what it
    /// refuses: an `apiVersion` other than `v1`, a blank id, an ambiguous event, …).
    ///
    /// ```
    /// use ogone::worldline::{Error, WebhookKeys, WebhookVerifier};
    /// let mut keys = WebhookKeys::new();
    /// keys.insert("k", "s").unwrap();
    /// let v = WebhookVerifier::new(keys);
    /// let headers = [("x-gcs-keyid", "k")];
    /// assert_eq!(v.verify(b"{}", headers).unwrap_err(), Error::MissingHeader("X-GCS-Signature"));
    /// ```
    pub fn verify<'h, I>(&self, body: &[u8], headers: I) -> Result<Event, Error>
    where
        I: IntoIterator<Item = (&'h str, &'h str)>,
    {
        let mut signature = None;
        let mut key_id = None;
        for (name, value) in headers {
            let slot = if name.eq_ignore_ascii_case(SIGNATURE_HEADER) {
                (&mut signature, SIGNATURE_HEADER)
            } else if name.eq_ignore_ascii_case(KEY_ID_HEADER) {
                (&mut key_id, KEY_ID_HEADER)
            } else {
                continue;
            };
            if slot.0.replace(value).is_some() {
                return Err(Error::DuplicatedHeader(slot.1));
            }
        }
        let signature = signature.ok_or(Error::MissingHeader(SIGNATURE_HEADER))?;
        let key_id = key_id.ok_or(Error::MissingHeader(KEY_ID_HEADER))?;
        self.verify_signature(body, key_id, signature)?;
        Event::parse_verified(body)
    }
}
