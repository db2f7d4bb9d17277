//! A verifier of `GCS v1HMAC` requests for stand-ins of the Worldline Direct API (feature
//! `worldline`): what the server checks, so that a test double of the API can refuse a request
//! that the real one would refuse.
//!
//! It recomputes the string to sign from what was received (method, resource, `Date`,
//! `Content-Type` and every `X-GCS-*` header), chooses the secret by the key id in the
//! `Authorization` header and compares the signatures in constant time.
//!
//! ```
//! use ogone::direct_stand_in::DirectStandIn;
//! use ogone::worldline::{ApiCall, ApiKey, Error, Method, ResourceMode};
//!
//! let key = ApiKey::parse("apiKeyId", "secretApiKey")?;
//! let stand_in = DirectStandIn::new([key.clone()]);
//! let signed = ApiCall::new(Method::Post, "m", "payments")?
//!     .with_json_body(b"{}".to_vec())
//!     .sign(&key, 1_402_061_983, ResourceMode::Strict)?;
//! let headers = signed.headers().map(|(name, value)| (name as &str, value));
//! assert_eq!(stand_in.verify("POST", signed.resource(), headers.clone()), Ok("apiKeyId"));
//! // The same headers on another resource: refused.
//! assert_eq!(stand_in.verify("POST", "/v2/m/payouts", headers), Err(Error::Mismatch));
//! # Ok::<(), Error>(())
//! ```

use alloc::vec::Vec;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use subtle::ConstantTimeEq;

use crate::worldline::error::Error;
use crate::worldline::keys::ApiKey;
use crate::worldline::sink::MacSink;
use crate::worldline::string_to_sign::{RequestToSign, ResourceMode};

const AUTHORIZATION: &str = "Authorization";
const DATE: &str = "Date";
const CONTENT_TYPE: &str = "Content-Type";
const PREFIX: &str = "GCS v1HMAC:";

/// The keys a stand-in of the Direct API knows (key id -> secret, several at once as the
/// platform allows) and the [`ResourceMode`] it recomputes the canonical resource in.
///
/// `Debug` shows no secret.
///
/// ```
/// use ogone::direct_stand_in::DirectStandIn;
/// use ogone::worldline::{ApiKey, Error};
/// let stand_in = DirectStandIn::new([ApiKey::parse("k1", "s1")?, ApiKey::parse("k2", "s2")?]);
/// assert!(stand_in.knows("k2"));
/// assert!(!format!("{stand_in:?}").contains("s1"));
/// # Ok::<(), Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct DirectStandIn {
    keys: Vec<ApiKey>,
    mode: ResourceMode,
}

impl DirectStandIn {
    /// A stand-in that knows `keys` (a later key with the id of an earlier one replaces it)
    /// and recomputes the resource in [`ResourceMode::Raw`], as received: the form Python,
    /// Ruby, PHP and Node sign, and what every SDK signs for a resource
    /// [`ResourceMode::Strict`] accepts. See [`DirectStandIn::with_mode`].
    ///
    /// ```
    /// use ogone::direct_stand_in::DirectStandIn;
    /// let stand_in = DirectStandIn::new([ogone::worldline::ApiKey::parse("k", "s")?]);
    /// assert!(stand_in.knows("k"));
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn new(keys: impl IntoIterator<Item = ApiKey>) -> Self {
        let mut kept: Vec<ApiKey> = Vec::new();
        for key in keys {
            kept.retain(|k| k.id() != key.id());
            kept.push(key);
        }
        DirectStandIn {
            keys: kept,
            mode: ResourceMode::Raw,
        }
    }

    /// The same stand-in, recomputing the canonical resource in `mode` (e.g.
    /// [`ResourceMode::Decoded`] to stand in for a server that expects what Java and .NET
    /// sign).
    ///
    /// ```
    /// use ogone::direct_stand_in::DirectStandIn;
    /// use ogone::worldline::{ApiKey, Error, ResourceMode, RequestToSign};
    /// let key = ApiKey::parse("k", "s")?;
    /// let date = "Fri, 06 Jun 2014 13:39:43 GMT";
    /// let auth = RequestToSign::new("GET", date, "/v2/1/x?q=a%20b").authorization(&key, ResourceMode::Raw)?;
    /// let headers = [("Date", date), ("Authorization", auth.as_str())];
    /// let decoding = DirectStandIn::new([key]).with_mode(ResourceMode::Decoded);
    /// assert_eq!(decoding.verify("GET", "/v2/1/x?q=a%20b", headers), Err(Error::Mismatch));
    /// # Ok::<(), Error>(())
    /// ```
    #[must_use]
    pub fn with_mode(mut self, mode: ResourceMode) -> Self {
        self.mode = mode;
        self
    }

    /// Whether a key with this id is known.
    ///
    /// ```
    /// use ogone::direct_stand_in::DirectStandIn;
    /// assert!(!DirectStandIn::new([]).knows("k"));
    /// ```
    #[must_use]
    pub fn knows(&self, key_id: &str) -> bool {
        self.keys.iter().any(|k| k.id() == key_id)
    }

    /// Checks a received request: its method, its resource (path and query as received) and
    /// its headers (name, value; names in any case). Returns the key id it was signed with.
    ///
    /// The `Authorization` header must be `GCS v1HMAC:<key id>:<signature>` and occur once
    /// ([`Error::MissingHeader`], [`Error::DuplicatedHeader`], [`Error::MalformedAuthorization`]);
    /// the key id must be known ([`Error::UnknownKeyId`]); the signature must be padded base64
    /// of 32 bytes ([`Error::MalformedSignature`]) equal, in constant time, to the HMAC of the
    /// string to sign made from the received `Date` (required, once), `Content-Type` (at most
    /// once; none signs an empty line) and `X-GCS-*` headers ([`Error::Mismatch`]). A request
    /// that cannot be put into a string to sign gives the error that signing it would.
    ///
    /// ```
    /// use ogone::direct_stand_in::DirectStandIn;
    /// use ogone::worldline::{ApiKey, Error};
    /// // Vector R1 (Direct Python, .NET, PHP and Java SDK tests).
    /// let stand_in = DirectStandIn::new([ApiKey::parse("EC36A74A98D21", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1")?]);
    /// let headers = [
    ///     ("date", "Fri, 06 Jun 2014 13:39:43 GMT"),
    ///     ("authorization", "GCS v1HMAC:EC36A74A98D21:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA="),
    /// ];
    /// assert_eq!(stand_in.verify("GET", "/v2/1/tokens/2", headers), Ok("EC36A74A98D21"));
    /// assert_eq!(stand_in.verify("GET", "/v2/1/tokens/3", headers), Err(Error::Mismatch));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn verify<'h, I>(&self, method: &str, resource: &str, headers: I) -> Result<&str, Error>
    where
        I: IntoIterator<Item = (&'h str, &'h str)>,
    {
        let mut authorization = None;
        let mut date = None;
        let mut content_type = None;
        let mut gcs: Vec<(&str, &str)> = Vec::new();
        for (name, value) in headers {
            let slot = if name.eq_ignore_ascii_case(AUTHORIZATION) {
                (&mut authorization, AUTHORIZATION)
            } else if name.eq_ignore_ascii_case(DATE) {
                (&mut date, DATE)
            } else if name.eq_ignore_ascii_case(CONTENT_TYPE) {
                (&mut content_type, CONTENT_TYPE)
            } else {
                gcs.push((name, value));
                continue;
            };
            if slot.0.replace(value).is_some() {
                return Err(Error::DuplicatedHeader(slot.1));
            }
        }
        let authorization = authorization.ok_or(Error::MissingHeader(AUTHORIZATION))?;
        let (key_id, signature) = authorization
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split_once(':'))
            .ok_or(Error::MalformedAuthorization)?;
        let key = self
            .keys
            .iter()
            .find(|k| k.id() == key_id)
            .ok_or(Error::UnknownKeyId)?;
        let mut received = [0u8; 48];
        let len = STANDARD
            .decode_slice(signature, &mut received)
            .map_err(|_| Error::MalformedSignature)?;
        let received = received.get(..len).filter(|r| r.len() == 32);
        let received = received.ok_or(Error::MalformedSignature)?;
        let date = date.ok_or(Error::MissingHeader(DATE))?;
        // Only x-gcs headers are signed; RequestToSign leaves the others out.
        let mut request = RequestToSign::new(method, date, resource);
        if let Some(ct) = content_type {
            request = request.content_type(ct);
        }
        let request = gcs.into_iter().fold(request, |r, (n, v)| r.header(n, v));
        let mut mac = key.secret().keyed();
        let mut sink = MacSink::new(&mut mac);
        request.write_string_to_sign(self.mode, &mut sink)?;
        sink.finish();
        let expected: [u8; 32] = hmac::Mac::finalize(mac).into_bytes().into();
        if bool::from(expected.as_slice().ct_eq(received)) {
            Ok(key.id())
        } else {
            Err(Error::Mismatch)
        }
    }
}
