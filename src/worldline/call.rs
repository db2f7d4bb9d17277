//! One Direct API call, signed: every header it sends is the one that was signed.

use alloc::borrow::{Cow, ToOwned};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::worldline::date::{FIXDATE_LEN, fixdate_bytes};
use crate::worldline::error::Error;
use crate::worldline::hosts::DirectHost;
use crate::worldline::keys::ApiKey;
use crate::worldline::sink::{MacSink, Sink, authorization_len, finish, push_authorization_tag};
use crate::worldline::string_to_sign::{ResourceMode, canonical_resource_cow, strict_plain_byte};

/// The HTTP methods of the Direct API.
///
/// ```
/// use ogone::worldline::Method;
/// assert_eq!(Method::Post.as_str(), "POST");
/// assert_eq!(Method::Patch.to_string(), "PATCH");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
}

impl Method {
    /// The method as sent and signed (upper case).
    ///
    /// ```
    /// assert_eq!(ogone::worldline::Method::Delete.as_str(), "DELETE");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name of the `Date` header, as [`SignedCall::headers`] gives it.
pub const DATE_HEADER: &str = "Date";
/// The name of the `Content-Type` header, as [`SignedCall::headers`] gives it.
pub const CONTENT_TYPE_HEADER: &str = "Content-Type";
/// The name of the idempotence header, as [`SignedCall::headers`] gives it.
pub const IDEMPOTENCE_KEY_HEADER: &str = "X-GCS-Idempotence-Key";
/// The name of the `Authorization` header, as [`SignedCall::headers`] gives it.
pub const AUTHORIZATION_HEADER: &str = "Authorization";
/// The content type [`ApiCall::with_json_body`] sends (and signs).
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// A byte that may stand in a request target as sent: RFC 3986 unreserved, sub-delims, `:`,
/// `@`, `/`, `?` and `%` (escapes; [`ResourceMode`] decides whether they can be signed). A
/// space, a `#` (a fragment is never sent), a control character or non-ASCII cannot.
const fn uri_byte(b: u8) -> bool {
    matches!(b, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'!' | b'$'
        | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':' | b'@' | b'/' | b'?'
        | b'%')
}

/// For each byte: [`URI`] if [`uri_byte`], [`MERCHANT`] if it may stand in an ASCII merchant
/// id (not a control character, `/`, `?` or `#`), [`PLAIN`] if `strict_plain` takes it
/// (`ResourceMode::Strict` signs it as it is wherever it stands).
const BYTE_CLASS: [u8; 256] = byte_classes();
const URI: u8 = 1;
const MERCHANT: u8 = 2;
const PLAIN: u8 = 4;

#[allow(clippy::indexing_slicing)]
const fn byte_classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        let mut class = 0;
        if uri_byte(byte) {
            class |= URI;
        }
        if !byte.is_ascii_control() && !matches!(byte, b'/' | b'?' | b'#') {
            class |= MERCHANT;
        }
        if strict_plain_byte(byte) {
            class |= PLAIN;
        }
        table[b] = class;
        b += 1;
    }
    table
}

/// The classes every byte of `bytes` has: one table lookup a byte with no early exit, which
/// the compiler unrolls (the common case is that they all have them).
fn classes(bytes: &[u8]) -> u8 {
    bytes.iter().fold(URI | MERCHANT | PLAIN, |all, &b| {
        all & BYTE_CLASS.get(usize::from(b)).copied().unwrap_or(0)
    })
}

/// Whether `id` can be a merchant id (`classes`: its bytes' [`classes`]): non-blank, no
/// control character, `/`, `?` or `#`.
fn valid_merchant_id(id: &str, classes: u8) -> bool {
    if classes & MERCHANT != 0 {
        // ASCII (the common case): blank means only ASCII whitespace.
        !id.bytes().all(|b| b.is_ascii_whitespace())
    } else {
        !id.trim().is_empty()
            && !id
                .chars()
                .any(|c| c.is_control() || matches!(c, '/' | '?' | '#'))
    }
}

/// The longest string to sign [`ApiCall::sign`] writes into a stack buffer (a longer one, with
/// a long resource, is streamed into the HMAC).
const STACK_TEXT: usize = 256;

/// The idempotence key's line of the string to sign, up to its value.
const IDEMPOTENCE_KEY_LINE: &[u8] = b"x-gcs-idempotence-key:";

/// The first two lines of the string to sign: the method, then the content type (empty
/// without a body).
fn method_and_content_type(method: Method, with_body: bool) -> &'static [u8] {
    match (method, with_body) {
        (Method::Get, false) => b"GET\n\n",
        (Method::Post, false) => b"POST\n\n",
        (Method::Put, false) => b"PUT\n\n",
        (Method::Delete, false) => b"DELETE\n\n",
        (Method::Patch, false) => b"PATCH\n\n",
        (Method::Get, true) => b"GET\napplication/json\n",
        (Method::Post, true) => b"POST\napplication/json\n",
        (Method::Put, true) => b"PUT\napplication/json\n",
        (Method::Delete, true) => b"DELETE\napplication/json\n",
        (Method::Patch, true) => b"PATCH\napplication/json\n",
    }
}

/// A Direct API call to sign: method, merchant id, the path below `/v2/{merchantId}/`, and
/// optionally a JSON body and an idempotence key.
///
/// [`ApiCall::sign`] makes the `Date` header from the given time and signs exactly the headers
/// it returns in the [`SignedCall`]: send those, and nothing signed differs from what is sent.
///
/// ```
/// use ogone::worldline::{ApiCall, ApiKey, ResourceMode};
/// let key = ApiKey::parse("EC36A74A98D21", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1")?;
/// let signed = ApiCall::get("1", "tokens/2")?.sign(&key, 1_402_061_983, ResourceMode::Strict)?;
/// assert!(signed.headers().eq([
///     ("Date", "Fri, 06 Jun 2014 13:39:43 GMT"),
///     ("Authorization", "GCS v1HMAC:EC36A74A98D21:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA="),
/// ])); // vector R1 (Direct Python, .NET, PHP and Java SDK tests)
/// # Ok::<(), ogone::worldline::Error>(())
/// ```
#[derive(PartialEq, Eq)]
pub struct ApiCall {
    method: Method,
    /// The resource, then the idempotence key (if any); [`ApiCall::sign`] appends the `Date`
    /// and `Authorization` values into the room [`ApiCall::new`] reserved, so that signing
    /// allocates nothing and the [`SignedCall`] holds every header value in this one String.
    text: String,
    /// Where the resource ends in `text` (the idempotence key runs from there to the end).
    resource_end: usize,
    /// Whether the resource holds only bytes that [`ResourceMode::Strict`] signs as they are
    /// wherever they stand (found once, by [`ApiCall::new`]; then `sign` need not look).
    plain: bool,
    body: Option<Vec<u8>>,
}

/// The room [`ApiCall::new`] reserves after the resource: the idempotence key, the `Date`
/// and the `Authorization` value with a key id of up to 48 bytes (a longer one, or a longer
/// idempotence key, makes the String grow once).
const RESERVED: usize = 48 + FIXDATE_LEN + AUTHORIZATION_ROOM;
/// `GCS v1HMAC:` + key id (up to 48 bytes here) + `:` + 44 base64 characters.
const AUTHORIZATION_ROOM: usize = 11 + 48 + 1 + 44;

impl Clone for ApiCall {
    /// A copy with the same reserved room (a derived clone would drop it, and signing the
    /// copy would then allocate).
    fn clone(&self) -> Self {
        let mut text = String::with_capacity(self.text.capacity());
        text.push_str(&self.text);
        ApiCall {
            method: self.method,
            text,
            resource_end: self.resource_end,
            plain: self.plain,
            body: self.body.clone(),
        }
    }
}

impl fmt::Debug for ApiCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiCall")
            .field("method", &self.method)
            .field("resource", &self.resource())
            .field("idempotence_key", &self.idempotence_key())
            .field("body", &self.body)
            .finish()
    }
}

impl ApiCall {
    /// A call of `method` on `/v2/{merchant_id}/{path}`; `path` may carry a query
    /// (`"products?countryCode=NL"`) and is sent as given (percent-encode it yourself).
    ///
    /// The merchant id must be non-blank and hold no `/`, `?`, `#` or control character
    /// ([`Error::InvalidMerchantId`]). The path may hold only what a request target can carry
    /// as sent: RFC 3986 unreserved characters, sub-delims, `:`, `@`, `/`, `?` and `%`
    /// ([`Error::InvalidPath`] names the offset of any other byte: a space, `#`, a control
    /// character, non-ASCII). Whether it can be signed is the [`ResourceMode`]'s matter.
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, Error, Method};
    /// let call = ApiCall::new(Method::Get, "merchant1", "products?countryCode=NL")?;
    /// assert_eq!(call.resource(), "/v2/merchant1/products?countryCode=NL");
    /// assert_eq!(ApiCall::new(Method::Get, "a/b", "x"), Err(Error::InvalidMerchantId));
    /// assert_eq!(ApiCall::new(Method::Get, "m", "a b"), Err(Error::InvalidPath { offset: 1 }));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn new(method: Method, merchant_id: &str, path: &str) -> Result<Self, Error> {
        let merchant_classes = classes(merchant_id.as_bytes());
        if !valid_merchant_id(merchant_id, merchant_classes) {
            return Err(Error::InvalidMerchantId);
        }
        let path_classes = classes(path.as_bytes());
        if path_classes & URI == 0 {
            let offset = path.bytes().position(|b| !uri_byte(b)).unwrap_or(0);
            return Err(Error::InvalidPath { offset });
        }
        let mut text = String::with_capacity(5 + merchant_id.len() + path.len() + RESERVED);
        text.push_str("/v2/");
        text.push_str(merchant_id);
        text.push('/');
        text.push_str(path);
        Ok(ApiCall {
            method,
            resource_end: text.len(),
            // `/v2/` and `/` are plain.
            plain: merchant_classes & path_classes & PLAIN != 0,
            text,
            body: None,
        })
    }

    /// A `GET` call: [`ApiCall::new`] with [`Method::Get`].
    ///
    /// ```
    /// let call = ogone::worldline::ApiCall::get("m", "hostedcheckouts/123")?;
    /// assert_eq!(call.resource(), "/v2/m/hostedcheckouts/123");
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    pub fn get(merchant_id: &str, path: &str) -> Result<Self, Error> {
        ApiCall::new(Method::Get, merchant_id, path)
    }

    /// Sets a JSON body: the call then sends (and signs) `Content-Type: application/json`.
    /// The body itself is not covered by `GCS v1HMAC`.
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, ApiKey, Method, ResourceMode};
    /// let key = ApiKey::parse("apiKeyId", "secretApiKey")?;
    /// let signed = ApiCall::new(Method::Post, "m", "payments")?
    ///     .with_json_body(br#"{"order":{}}"#.to_vec())
    ///     .sign(&key, 0, ResourceMode::Strict)?;
    /// assert_eq!(signed.headers().nth(1), Some(("Content-Type", "application/json")));
    /// assert_eq!(signed.body(), br#"{"order":{}}"#);
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn with_json_body(mut self, body: Vec<u8>) -> Self {
        self.body = Some(body);
        self
    }

    /// Sets the `X-GCS-Idempotence-Key` header (sent and signed). The key must be non-empty
    /// visible ASCII, with spaces or tabs only inside it (the string to sign trims a header
    /// value, so a value with outer whitespace would not be signed as sent):
    /// [`Error::InvalidHeader`] otherwise.
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, Error};
    /// assert!(ApiCall::get("m", "x")?.with_idempotence_key("order-1 try-2").is_ok());
    /// assert_eq!(
    ///     ApiCall::get("m", "x")?.with_idempotence_key("k\r\nX-Evil: 1"),
    ///     Err(Error::InvalidHeader { name: "x-gcs-idempotence-key".to_owned() })
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    pub fn with_idempotence_key(mut self, key: &str) -> Result<Self, Error> {
        let inner_ok = key
            .bytes()
            .all(|b| b.is_ascii_graphic() || b == b' ' || b == b'\t');
        let trimmed = key.trim_matches(|c| c == ' ' || c == '\t');
        if key.is_empty() || !inner_ok || trimmed.len() != key.len() {
            return Err(Error::InvalidHeader {
                name: "x-gcs-idempotence-key".to_owned(),
            });
        }
        self.text.truncate(self.resource_end);
        self.text.push_str(key);
        Ok(self)
    }

    /// The resource as sent and signed: `/v2/{merchantId}/{path}`.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::ApiCall::get("1", "tokens/2")?.resource(), "/v2/1/tokens/2");
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn resource(&self) -> &str {
        self.text.get(..self.resource_end).unwrap_or_default()
    }

    /// The `X-GCS-Idempotence-Key` value, if the call has one.
    ///
    /// ```
    /// let call = ogone::worldline::ApiCall::get("1", "tokens/2")?.with_idempotence_key("k1")?;
    /// assert_eq!(call.idempotence_key(), Some("k1"));
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn idempotence_key(&self) -> Option<&str> {
        self.text
            .get(self.resource_end..)
            .filter(|key| !key.is_empty())
    }

    /// The method.
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, Method};
    /// assert_eq!(ApiCall::get("1", "tokens/2")?.method(), Method::Get);
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn method(&self) -> Method {
        self.method
    }

    /// Signs the call at `unix_seconds` (the `Date` header, [`imf_fixdate`](super::imf_fixdate)) with `key`,
    /// the resource put into the string to sign in `mode`. The headers of the result are
    /// exactly the ones signed, plus `Authorization`.
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, ApiKey, ResourceMode};
    /// let key = ApiKey::parse("apiKeyId", "secretApiKey")?;
    /// let signed = ApiCall::get("m", "x")?
    ///     .with_idempotence_key("k1")?
    ///     .sign(&key, 1_402_061_983, ResourceMode::Strict)?;
    /// let names: Vec<&str> = signed.headers().map(|(n, _)| n).collect();
    /// assert_eq!(names, ["Date", "X-GCS-Idempotence-Key", "Authorization"]);
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    pub fn sign(
        self,
        key: &ApiKey,
        unix_seconds: i64,
        mode: ResourceMode,
    ) -> Result<SignedCall, Error> {
        let date = fixdate_bytes(unix_seconds)?;
        let with_body = self.body.is_some();
        let tag = {
            let resource = if self.plain && mode == ResourceMode::Strict {
                Cow::Borrowed(self.resource())
            } else {
                canonical_resource_cow(self.resource(), mode)?
            };
            // The string to sign, from the very values the headers carry. The method is
            // upper-case, the content type a constant, the date an IMF-fixdate and the
            // idempotence key checked by `with_idempotence_key` to be its own unfolded form:
            // nothing here needs the general header canonicalisation.
            let head = method_and_content_type(self.method, with_body);
            let idempotence = self.idempotence_key();
            let len = head.len()
                + FIXDATE_LEN
                + 1
                + idempotence.map_or(0, |k| IDEMPOTENCE_KEY_LINE.len() + k.len() + 1)
                + resource.len()
                + 1;
            let mut text = [0u8; STACK_TEXT];
            if let Some(room) = text.get_mut(..len) {
                // Short enough (all but very long resources): written in one pass into a
                // stack buffer, then one HMAC update, as for a string to sign given in clear.
                let mut at = 0;
                let mut put = |bytes: &[u8]| {
                    if let Some(dst) = room.get_mut(at..at + bytes.len()) {
                        dst.copy_from_slice(bytes);
                    }
                    at += bytes.len();
                };
                put(head);
                put(&date);
                put(b"\n");
                if let Some(k) = idempotence {
                    put(IDEMPOTENCE_KEY_LINE);
                    put(k.as_bytes());
                    put(b"\n");
                }
                put(resource.as_bytes());
                put(b"\n");
                key.secret().mac(room)
            } else {
                // Streamed into the HMAC through its buffer.
                let mut hmac = key.secret().keyed();
                let mut mac = MacSink::new(&mut hmac);
                mac.put(head);
                mac.put(&date);
                mac.put(b"\n");
                if let Some(k) = idempotence {
                    mac.put(IDEMPOTENCE_KEY_LINE);
                    mac.put(k.as_bytes());
                    mac.put(b"\n");
                }
                mac.put(resource.as_bytes());
                mac.put(b"\n");
                mac.finish();
                finish(hmac)
            }
        };
        let mut text = self.text;
        let key_end = text.len();
        text.reserve(FIXDATE_LEN + authorization_len(key));
        // An IMF-fixdate is ASCII.
        text.push_str(core::str::from_utf8(&date).unwrap_or_default());
        let date_end = text.len();
        push_authorization_tag(&mut text, key, &tag);
        Ok(SignedCall {
            method: self.method,
            text,
            resource_end: self.resource_end,
            key_end,
            date_end,
            body: self.body,
        })
    }
}

/// A signed Direct API call, ready to send: method, resource, the headers in the order
/// `Date`, `Content-Type` (only with a body), `X-GCS-Idempotence-Key` (only when given),
/// `Authorization`, and the body (empty without one).
///
/// `Debug` shows everything: `Authorization` holds the key id and a signature, no secret.
///
/// ```
/// use ogone::worldline::{ApiCall, ApiKey, DirectHost, Method, ResourceMode};
/// let key = ApiKey::parse("apiKeyId", "secretApiKey")?;
/// let signed = ApiCall::new(Method::Delete, "m", "tokens/2")?.sign(&key, 0, ResourceMode::Strict)?;
/// assert_eq!(signed.method(), Method::Delete);
/// assert_eq!(signed.resource(), "/v2/m/tokens/2");
/// assert_eq!(signed.url(DirectHost::Test), "https://payment.preprod.direct.worldline-solutions.com/v2/m/tokens/2");
/// assert!(signed.body().is_empty());
/// assert!(!format!("{signed:?}").contains("secretApiKey"));
/// # Ok::<(), ogone::worldline::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct SignedCall {
    method: Method,
    /// The resource, the idempotence key (empty without one), the `Date` value and the
    /// `Authorization` value, one after the other.
    text: String,
    resource_end: usize,
    key_end: usize,
    date_end: usize,
    /// The body; `None` without one (then no `Content-Type` is sent).
    body: Option<Vec<u8>>,
}

impl fmt::Debug for SignedCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedCall")
            .field("method", &self.method)
            .field("resource", &self.resource())
            .field("headers", &Headers(self))
            .field("body", &self.body)
            .finish()
    }
}

/// The headers of a [`SignedCall`], shown as a list of pairs.
struct Headers<'c>(&'c SignedCall);

impl fmt::Debug for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.headers()).finish()
    }
}

impl SignedCall {
    /// The method.
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, ApiKey, Method, ResourceMode};
    /// let key = ApiKey::parse("i", "s")?;
    /// assert_eq!(ApiCall::get("m", "x")?.sign(&key, 0, ResourceMode::Strict)?.method(), Method::Get);
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn method(&self) -> Method {
        self.method
    }

    /// The resource as signed: `/v2/{merchantId}/{path}`.
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, ApiKey, ResourceMode};
    /// let key = ApiKey::parse("i", "s")?;
    /// let signed = ApiCall::get("m", "x?a=1")?.sign(&key, 0, ResourceMode::Strict)?;
    /// assert_eq!(signed.resource(), "/v2/m/x?a=1");
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn resource(&self) -> &str {
        self.text.get(..self.resource_end).unwrap_or_default()
    }

    /// The URL to send the call to on `host`.
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, ApiKey, DirectHost, ResourceMode};
    /// let key = ApiKey::parse("i", "s")?;
    /// let signed = ApiCall::get("m", "x?a=1")?.sign(&key, 0, ResourceMode::Strict)?;
    /// assert_eq!(signed.url(DirectHost::Production), "https://payment.direct.worldline-solutions.com/v2/m/x?a=1");
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn url(&self, host: DirectHost) -> String {
        let base = host.base_url();
        // `base_url` ends with `/v2/`; the resource starts with it.
        let resource = self.resource();
        let path = resource.strip_prefix("/v2/").unwrap_or(resource);
        let mut url = String::with_capacity(base.len() + path.len());
        url.push_str(base);
        url.push_str(path);
        url
    }

    /// The headers to send, exactly as signed: `Date`, `Content-Type` (only with a body),
    /// `X-GCS-Idempotence-Key` (only when given), `Authorization`.
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, ApiKey, ResourceMode};
    /// let key = ApiKey::parse("i", "s")?;
    /// let signed = ApiCall::get("m", "x")?.sign(&key, 0, ResourceMode::Strict)?;
    /// assert_eq!(signed.headers().next(), Some(("Date", "Thu, 01 Jan 1970 00:00:00 GMT")));
    /// assert_eq!(signed.headers().len(), 2);
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn headers<'c>(
        &'c self,
    ) -> impl ExactSizeIterator<Item = (&'static str, &'c str)> + DoubleEndedIterator + Clone + 'c
    {
        let span = |from: usize, to: usize| self.text.get(from..to).unwrap_or_default();
        let mut list = [("", ""); 4];
        let mut n = 0;
        let mut push = |header: (&'static str, &'c str)| {
            if let Some(slot) = list.get_mut(n) {
                *slot = header;
                n += 1;
            }
        };
        push((DATE_HEADER, span(self.key_end, self.date_end)));
        if self.body.is_some() {
            push((CONTENT_TYPE_HEADER, JSON_CONTENT_TYPE));
        }
        if self.key_end > self.resource_end {
            push((
                IDEMPOTENCE_KEY_HEADER,
                span(self.resource_end, self.key_end),
            ));
        }
        push((AUTHORIZATION_HEADER, span(self.date_end, self.text.len())));
        list.into_iter().take(n)
    }

    /// The value of the header `name` (any case), if the call sends it.
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, ApiKey, ResourceMode};
    /// let key = ApiKey::parse("i", "s")?;
    /// let signed = ApiCall::get("m", "x")?.sign(&key, 0, ResourceMode::Strict)?;
    /// assert_eq!(signed.header("date"), Some("Thu, 01 Jan 1970 00:00:00 GMT"));
    /// assert_eq!(signed.header("Content-Type"), None);
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// The body (empty without one).
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, ApiKey, Method, ResourceMode};
    /// let key = ApiKey::parse("i", "s")?;
    /// let signed = ApiCall::new(Method::Post, "m", "payments")?
    ///     .with_json_body(b"{}".to_vec())
    ///     .sign(&key, 0, ResourceMode::Strict)?;
    /// assert_eq!(signed.body(), b"{}");
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn body(&self) -> &[u8] {
        self.body.as_deref().unwrap_or_default()
    }

    /// The body, taken out.
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, ApiKey, Method, ResourceMode};
    /// let key = ApiKey::parse("i", "s")?;
    /// let signed = ApiCall::new(Method::Post, "m", "payments")?
    ///     .with_json_body(b"{}".to_vec())
    ///     .sign(&key, 0, ResourceMode::Strict)?;
    /// assert_eq!(signed.into_body(), b"{}".to_vec());
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn into_body(self) -> Vec<u8> {
        self.body.unwrap_or_default()
    }

    /// The call as an [`http::Request`] for `host` (feature `http`): method, URL, the signed
    /// headers and the body, ready for any HTTP client. [`Error::HttpRequest`] if the `http`
    /// crate refuses the URL (e.g. longer than it takes).
    ///
    /// ```
    /// use ogone::worldline::{ApiCall, ApiKey, DirectHost, ResourceMode};
    /// let key = ApiKey::parse("i", "s")?;
    /// let request = ApiCall::get("m", "x")?
    ///     .sign(&key, 0, ResourceMode::Strict)?
    ///     .to_http_request(DirectHost::Test)?;
    /// assert_eq!(request.method(), http::Method::GET);
    /// assert_eq!(request.uri(), "https://payment.preprod.direct.worldline-solutions.com/v2/m/x");
    /// assert_eq!(request.headers()["date"], "Thu, 01 Jan 1970 00:00:00 GMT");
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn to_http_request(&self, host: DirectHost) -> Result<http::Request<Vec<u8>>, Error> {
        let mut builder = http::Request::builder()
            .method(self.method.as_str())
            .uri(self.url(host));
        for (name, value) in self.headers() {
            builder = builder.header(name, value);
        }
        builder
            .body(self.body().to_vec())
            .map_err(|_| Error::HttpRequest)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use alloc::string::ToString;

    use super::*;
    use crate::worldline::string_to_sign::{RequestToSign, strict_plain};

    /// Fri, 06 Jun 2014 13:39:43 GMT, the date of every SDK vector (spec section 3).
    const D: i64 = 1_402_061_983;

    fn k1() -> ApiKey {
        ApiKey::parse("apiKeyId", "secretApiKey").unwrap()
    }
    fn k2() -> ApiKey {
        ApiKey::parse("EC36A74A98D21", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1").unwrap()
    }
    fn k3() -> ApiKey {
        ApiKey::parse(
            "5e45c937b9db33ae",
            "I42Zf4pVnRdroHfuHnRiJjJ2B6+22h0yQt/R3nZR8Xg=",
        )
        .unwrap()
    }

    fn auth(signed: &SignedCall) -> &str {
        signed.headers().last().unwrap().1
    }

    /// Spec section 3.1, the GET vectors without x-gcs headers, through `ApiCall`.
    #[test]
    fn sdk_get_vectors() {
        let cases = [
            // R1: Direct Python MinimalExample; .NET WithMinimalRequest; PHP/Java ...Signature2.
            (
                k2(),
                "1",
                "tokens/2",
                "GCS v1HMAC:EC36A74A98D21:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA=",
            ),
            // R5: Direct Python ForGetRequest.
            (
                k2(),
                "1",
                "tokens/123456789",
                "GCS v1HMAC:EC36A74A98D21:miC7b0pEJ9Hx5yc4ouC54UoHwAhuPEdkwAN6NALo+Ow=",
            ),
            // R7: Direct Node v1hmac.test.ts 'test get'.
            (
                k2(),
                "9991",
                "tokens/123456789",
                "GCS v1HMAC:EC36A74A98D21:Y3E5YaU3oQCt4osEotLGb9W0cMclIzlCpvbaD1KhWxE=",
            ),
            // R8: Direct Node 'minimal'.
            (
                k3(),
                "1",
                "tokens/123456789",
                "GCS v1HMAC:5e45c937b9db33ae:UpOoo/pmmj7tW03IbEcw2WtJURFCKL2/J6hqMc+1h1I=",
            ),
        ];
        for (key, merchant, path, expected) in cases {
            let signed = ApiCall::get(merchant, path)
                .unwrap()
                .sign(&key, D, ResourceMode::Strict)
                .unwrap();
            assert_eq!(auth(&signed), expected, "{merchant}/{path}");
            assert_eq!(
                signed.headers().next().unwrap(),
                (DATE_HEADER, "Fri, 06 Jun 2014 13:39:43 GMT")
            );
            assert_eq!(signed.headers().len(), 2);
        }
    }

    /// The headers sent are the ones signed: the string to sign rebuilt from `headers()`
    /// gives the same Authorization.
    #[test]
    fn headers_are_what_was_signed() {
        let call = ApiCall::new(Method::Post, "m1", "payments?x=1")
            .unwrap()
            .with_json_body(b"{\"a\":1}".to_vec())
            .with_idempotence_key("idem-42")
            .unwrap();
        let signed = call.sign(&k1(), D, ResourceMode::Strict).unwrap();
        let h: Vec<(&str, &str)> = signed.headers().collect();
        let names: Vec<&str> = h.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                DATE_HEADER,
                CONTENT_TYPE_HEADER,
                IDEMPOTENCE_KEY_HEADER,
                AUTHORIZATION_HEADER
            ]
        );
        let request = RequestToSign::new("POST", h[0].1, signed.resource())
            .content_type(h[1].1)
            .header(h[2].0, h[2].1);
        assert_eq!(
            request.to_string_to_sign(ResourceMode::Strict).unwrap(),
            "POST\napplication/json\nFri, 06 Jun 2014 13:39:43 GMT\nx-gcs-idempotence-key:idem-42\n/v2/m1/payments?x=1\n"
        );
        assert_eq!(
            request.authorization(&k1(), ResourceMode::Strict).unwrap(),
            h[3].1
        );
        assert_eq!(signed.body(), b"{\"a\":1}");
        assert_eq!(signed.clone().into_body(), b"{\"a\":1}".to_vec());
    }

    /// A body-less call signs an empty Content-Type line and sends no Content-Type.
    #[test]
    fn no_body_no_content_type() {
        let signed = ApiCall::new(Method::Delete, "1", "tokens/2")
            .unwrap()
            .sign(&k1(), D, ResourceMode::Strict)
            .unwrap();
        let expected =
            RequestToSign::new("DELETE", "Fri, 06 Jun 2014 13:39:43 GMT", "/v2/1/tokens/2")
                .authorization(&k1(), ResourceMode::Strict)
                .unwrap();
        assert_eq!(auth(&signed), expected);
        assert!(signed.headers().all(|(n, _)| n != CONTENT_TYPE_HEADER));
    }

    /// A resource too long for the stack buffer is streamed: the same signature.
    #[test]
    fn long_resources_are_streamed() {
        for n in [STACK_TEXT - 90, STACK_TEXT, 3 * STACK_TEXT] {
            let path = "a/".repeat(n / 2);
            let signed = ApiCall::new(Method::Patch, "m", &path)
                .unwrap()
                .with_json_body(b"{}".to_vec())
                .with_idempotence_key("k 1")
                .unwrap()
                .sign(&k1(), D, ResourceMode::Strict)
                .unwrap();
            let expected =
                RequestToSign::new("PATCH", "Fri, 06 Jun 2014 13:39:43 GMT", signed.resource())
                    .content_type(JSON_CONTENT_TYPE)
                    .header(IDEMPOTENCE_KEY_HEADER, "k 1")
                    .authorization(&k1(), ResourceMode::Strict)
                    .unwrap();
            assert_eq!(auth(&signed), expected, "{n}");
        }
    }

    #[test]
    fn validation() {
        for bad in ["", " ", "a/b", "a?b", "a#b", "a\nb", "a\u{7f}"] {
            assert_eq!(
                ApiCall::get(bad, "x"),
                Err(Error::InvalidMerchantId),
                "{bad:?}"
            );
        }
        for (bad, offset) in [
            ("a b", 1),
            ("a#", 1),
            ("\u{e9}", 0),
            ("x\r", 1),
            ("<", 0),
            ("a\"", 1),
        ] {
            assert_eq!(
                ApiCall::get("m", bad),
                Err(Error::InvalidPath { offset }),
                "{bad:?}"
            );
        }
        assert!(ApiCall::get("m", "a%20b?q=a,b;c:d@e!f$g'h(i)j*k+l").is_ok());
        for bad in ["", " k", "k ", "k\u{e9}", "a\r\nb", "\t"] {
            assert!(
                ApiCall::get("m", "x")
                    .unwrap()
                    .with_idempotence_key(bad)
                    .is_err(),
                "{bad:?}"
            );
        }
        assert_eq!(
            ApiCall::get("m", "x")
                .unwrap()
                .sign(&k1(), i64::MAX, ResourceMode::Strict),
            Err(Error::DateOutOfRange)
        );
        assert_eq!(
            ApiCall::get("m", "a%20b")
                .unwrap()
                .sign(&k1(), D, ResourceMode::Strict),
            Err(Error::AmbiguousResource { offset: 7 }) // the `%` of `/v2/m/a%20b`
        );
        assert_eq!(
            [Method::Get, Method::Put]
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>(),
            ["GET", "PUT"]
        );
    }

    #[cfg(feature = "http")]
    #[test]
    fn http_request_carries_the_signed_headers() {
        let signed = ApiCall::new(Method::Put, "m", "x")
            .unwrap()
            .with_json_body(b"{}".to_vec())
            .with_idempotence_key("k")
            .unwrap()
            .sign(&k1(), D, ResourceMode::Strict)
            .unwrap();
        let request = signed.to_http_request(DirectHost::Production).unwrap();
        assert_eq!(request.method(), http::Method::PUT);
        assert_eq!(
            request.uri(),
            "https://payment.direct.worldline-solutions.com/v2/m/x"
        );
        let got: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), v.to_str().unwrap().to_string()))
            .collect();
        let want: Vec<(String, String)> = signed
            .headers()
            .map(|(n, v)| (n.to_ascii_lowercase(), v.to_string()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(request.body(), b"{}");
    }

    proptest::proptest! {
        /// The table checks of `ApiCall::new` against the plain rules they stand for.
        #[test]
        fn byte_class_checks_equal_the_naive_rules(text in "[ -~\t\n/?#\u{80}-\u{a0}\u{2000}\u{e9}]{0,12}") {
            let naive_merchant = !text.trim().is_empty()
                && !text.chars().any(|c| c.is_control() || matches!(c, '/' | '?' | '#'));
            let found = classes(text.as_bytes());
            proptest::prop_assert_eq!(valid_merchant_id(&text, found), naive_merchant);
            proptest::prop_assert_eq!(found & URI != 0, text.bytes().all(uri_byte));
            proptest::prop_assert_eq!(found & PLAIN != 0, strict_plain(text.as_bytes()));
            // What `new` finds of a whole call equals `strict_plain` of its resource.
            if let Ok(call) = ApiCall::get(&text, &text) {
                proptest::prop_assert_eq!(call.plain, strict_plain(call.resource().as_bytes()));
            }
        }

        /// `ApiCall::sign` (the string to sign written from its own values) against the naive
        /// path: the string to sign built by `RequestToSign` from the headers the SignedCall
        /// sends.
        #[test]
        fn sign_equals_the_naive_string_to_sign_of_its_headers(
            method in proptest::sample::select(&[Method::Get, Method::Post, Method::Put, Method::Delete, Method::Patch][..]),
            merchant in "[A-Za-z0-9_-]{1,8}",
            path in "[a-z0-9/?=&%+,;:@!$'()*]{0,16}",
            body in proptest::option::of(proptest::collection::vec(proptest::num::u8::ANY, 0..8)),
            idem in proptest::option::of("[!-~]([ -~]{0,6}[!-~])?"),
            t in -62_167_219_200i64..=253_402_300_799,
            raw in proptest::bool::ANY,
        ) {
            let mode = if raw { ResourceMode::Raw } else { ResourceMode::Strict };
            let mut call = ApiCall::new(method, &merchant, &path).unwrap();
            if let Some(b) = body {
                call = call.with_json_body(b);
            }
            if let Some(k) = &idem {
                call = call.with_idempotence_key(k).unwrap();
            }
            let Ok(signed) = call.sign(&k1(), t, mode) else {
                proptest::prop_assert!(mode == ResourceMode::Strict);
                return Ok(());
            };
            let h: Vec<(&str, &str)> = signed.headers().collect();
            let (last, rest) = h.split_last().unwrap();
            let mut naive = RequestToSign::new(method.as_str(), rest[0].1, signed.resource());
            for (name, value) in rest.iter().skip(1) {
                naive = if *name == CONTENT_TYPE_HEADER { naive.content_type(value) } else { naive.header(name, value) };
            }
            let text = naive.to_string_to_sign(mode).unwrap();
            proptest::prop_assert_eq!(&last.1, &crate::worldline::request::authorization(&k1(), &text));
        }
    }
}
