//! The `GCS v1HMAC` signature and `Authorization` header value.

use alloc::string::String;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::worldline::error::Error;
use crate::worldline::keys::ApiKey;
use crate::worldline::sink::{MacSink, authorization_header};
use crate::worldline::string_to_sign::{RequestToSign, ResourceMode};

/// The signature of a string to sign: standard padded base64 of HMAC-SHA256 keyed with the
/// UTF-8 bytes of the secret API key.
///
/// ```
/// use ogone::worldline::{ApiKey, signature};
/// let key = ApiKey::parse("EC36A74A98D21", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1").unwrap();
/// assert_eq!(
///     signature(&key, "GET\n\nFri, 06 Jun 2014 13:39:43 GMT\n/v2/1/tokens/2\n"),
///     "vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA="
/// );
/// ```
#[must_use]
pub fn signature(key: &ApiKey, string_to_sign: &str) -> String {
    STANDARD.encode(key.secret().mac(string_to_sign.as_bytes()))
}

/// The `Authorization` header value for a string to sign:
/// `GCS v1HMAC:<key id>:<signature>`.
///
/// ```
/// use ogone::worldline::{ApiKey, authorization};
/// let key = ApiKey::parse("EC36A74A98D21", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1").unwrap();
/// assert_eq!(
///     authorization(&key, "GET\n\nFri, 06 Jun 2014 13:39:43 GMT\n/v2/1/tokens/2\n"),
///     "GCS v1HMAC:EC36A74A98D21:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA="
/// );
/// ```
#[must_use]
pub fn authorization(key: &ApiKey, string_to_sign: &str) -> String {
    let mut out = String::from("GCS v1HMAC:");
    out.push_str(key.id());
    out.push(':');
    out.push_str(&signature(key, string_to_sign));
    out
}

impl RequestToSign {
    /// Builds the string to sign in `mode` and returns the `Authorization` header value.
    ///
    /// ```
    /// use ogone::worldline::{ApiKey, RequestToSign, ResourceMode};
    /// let key = ApiKey::parse("EC36A74A98D21", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1").unwrap();
    /// let auth = RequestToSign::new("GET", "Fri, 06 Jun 2014 13:39:43 GMT", "/v2/1/tokens/2")
    ///     .authorization(&key, ResourceMode::Strict)
    ///     .unwrap();
    /// assert_eq!(auth, "GCS v1HMAC:EC36A74A98D21:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA=");
    /// ```
    ///
    /// The string to sign is streamed into the HMAC as it is made (no intermediate String);
    /// [`RequestToSign::to_string_to_sign`] gives the same text, for debugging.
    pub fn authorization(&self, key: &ApiKey, mode: ResourceMode) -> Result<String, Error> {
        let mut mac = key.secret().keyed();
        let mut sink = MacSink::new(&mut mac);
        self.write_string_to_sign(mode, &mut sink)?;
        sink.finish();
        Ok(authorization_header(key, mac))
    }
}
