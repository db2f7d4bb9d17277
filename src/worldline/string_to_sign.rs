//! The `GCS v1HMAC` string to sign: header unfolding and the canonical resource.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use crate::signing::form::hex_digit;
use crate::worldline::error::Error;

/// How the canonical resource (path and query, as sent) is put into the string to sign.
///
/// The SDKs differ once a resource holds a percent-escape (spec section 1.6): Python, Ruby,
/// PHP and Node sign it as sent, Java and .NET (since 2026-03-05) decode path and query, the
/// Connect Go SDK decodes the query with `url.QueryUnescape` (`+` becomes a space). Where
/// they all sign the same text, [`ResourceMode::Strict`] signs it; elsewhere the mode must be
/// chosen.
///
/// ```
/// use ogone::worldline::{ResourceMode, canonical_resource};
/// assert_eq!(canonical_resource("/v2/1/products?q=a,b", ResourceMode::Strict).unwrap(), "/v2/1/products?q=a,b");
/// assert!(canonical_resource("/v2/1/x?q=a%20b", ResourceMode::Strict).is_err());
/// assert_eq!(canonical_resource("/v2/1/x?q=a%20b", ResourceMode::Raw).unwrap(), "/v2/1/x?q=a%20b");
/// assert_eq!(canonical_resource("/v2/1/x?q=a%20b", ResourceMode::Decoded).unwrap(), "/v2/1/x?q=a b");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResourceMode {
    /// The default: only resources every SDK signs alike, verbatim; anything else is
    /// [`Error::AmbiguousResource`] (naming the offset of the first byte refused).
    ///
    /// Accepted anywhere: RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`), `/`, `?`,
    /// `=`, `&`, the other sub-delims `! $ ' ( ) * , ;`, and `:` `@`. Accepted in the path
    /// only (before the first `?`): `+`. Refused: `%` (an escape: decoded by Java and .NET,
    /// signed as sent by the others), `+` in the query (Go's `url.QueryUnescape` makes it a
    /// space), and every other byte (space, `#`, `"`, `<`, `>`, `[`, `]`, `\`, `^`, `` ` ``,
    /// `{`, `|`, `}`, non-ASCII; control characters are [`Error::InvalidResource`] in every
    /// mode).
    ///
    /// Why the accepted bytes agree: Python (`urlparse` path + query), Ruby (`URI#path` +
    /// `#query`) and Node (the path string) sign them as sent; Java (`URI.getPath()` +
    /// `getQuery()`) and .NET (`Uri.LocalPath` + `Uri.UnescapeDataString(Query)`) only decode
    /// `%XX` escapes, so a literal sub-delim, `:` or `@` decodes to itself (and `+` is not a
    /// space to them); Go keeps them in `EscapedPath()` (its `validEncoded` allows every
    /// sub-delim, `:` and `@`) and `url.QueryUnescape` changes only `%XX` and `+`.
    ///
    /// ```
    /// use ogone::worldline::{Error, ResourceMode, canonical_resource};
    /// assert!(canonical_resource("/v2/1/a+b/c:d@e!f$g'h(i)j*k,l;m", ResourceMode::Strict).is_ok());
    /// assert_eq!(canonical_resource("/v2/1/x?q=a+b", ResourceMode::Strict), Err(Error::AmbiguousResource { offset: 11 }));
    /// ```
    #[default]
    Strict,
    /// The resource verbatim, as sent on the wire (Python, Ruby, PHP, Node SDKs; the Connect
    /// API-reference examples). Only control characters are refused.
    Raw,
    /// Path and query percent-decoded to UTF-8 (Java and .NET SDKs since 2026-03-05).
    Decoded,
}

/// A byte that [`ResourceMode::Strict`] accepts anywhere in the resource: unreserved, `/`,
/// `?`, sub-delims but `+`, `:`, `@`.
fn strict_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~/?=&!$'()*,;:@".contains(&b)
}

/// The offset of the first byte [`ResourceMode::Strict`] refuses: `+` is accepted only before
/// the first `?` (in the path).
fn strict_refused(resource: &str) -> Option<usize> {
    let mut in_query = false;
    resource.bytes().position(|b| {
        in_query |= b == b'?';
        !(strict_byte(b) || (b == b'+' && !in_query))
    })
}

/// The canonical resource for `resource` (path starting with `/`, with its query, as sent)
/// in the given mode.
///
/// ```
/// use ogone::worldline::{Error, ResourceMode, canonical_resource};
/// assert_eq!(canonical_resource("/v2/1/tokens/2", ResourceMode::Strict).unwrap(), "/v2/1/tokens/2");
/// assert_eq!(
///     canonical_resource("/v1/consumer/ANDR%C3%89E/", ResourceMode::Strict),
///     Err(Error::AmbiguousResource { offset: 17 })
/// );
/// ```
pub fn canonical_resource(resource: &str, mode: ResourceMode) -> Result<String, Error> {
    if !resource.starts_with('/') {
        return Err(Error::ResourceNotAbsolute);
    }
    if let Some(offset) = resource.bytes().position(|b| b.is_ascii_control()) {
        return Err(Error::InvalidResource { offset });
    }
    match mode {
        ResourceMode::Strict => match strict_refused(resource) {
            Some(offset) => Err(Error::AmbiguousResource { offset }),
            None => Ok(resource.to_owned()),
        },
        ResourceMode::Raw => Ok(resource.to_owned()),
        ResourceMode::Decoded => decode(resource),
    }
}

fn decode(resource: &str) -> Result<String, Error> {
    let bytes = resource.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_digit);
            let lo = bytes.get(i + 2).copied().and_then(hex_digit);
            match (hi, lo) {
                (Some(h), Some(l)) => {
                    let v = h * 16 + l;
                    if v.is_ascii_control() {
                        return Err(Error::InvalidResource { offset: i });
                    }
                    out.push(v);
                    i += 3;
                }
                _ => return Err(Error::InvalidResource { offset: i }),
            }
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|e| Error::InvalidResource {
        offset: input_offset(bytes, e.utf8_error().valid_up_to()),
    })
}

/// The offset in `input` (whose escapes are all valid) of the byte that decodes to offset
/// `decoded` of the decoded bytes: the `%` of an escape, or the byte itself.
fn input_offset(input: &[u8], decoded: usize) -> usize {
    let mut i = 0;
    for _ in 0..decoded {
        i += if input.get(i) == Some(&b'%') { 3 } else { 1 };
    }
    i
}

/// Unfolds a header value: every line break (`\r\n` or `\n`) with the spaces and tabs after
/// it becomes one space, then both ends are trimmed. Whitespace inside a line is kept.
///
/// ```
/// use ogone::worldline::unfold;
/// assert_eq!(unfold("aap\nnoot  "), "aap noot");
/// assert_eq!(unfold(" some value  \r\n \n with  some \r\n  spaces "), "some value    with  some  spaces");
/// ```
#[must_use]
pub fn unfold(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    loop {
        let Some(pos) = rest.find('\n') else {
            out.push_str(rest);
            break;
        };
        let (line, after) = rest.split_at(pos);
        out.push_str(line.strip_suffix('\r').unwrap_or(line));
        out.push(' ');
        rest = after
            .get(1..)
            .unwrap_or("")
            .trim_start_matches(|c: char| c.is_whitespace() && c != '\r' && c != '\n');
    }
    out.trim().to_owned()
}

/// The pieces of a request that `GCS v1HMAC` signs; inspectable for debugging a 401.
///
/// ```
/// use ogone::worldline::{RequestToSign, ResourceMode};
/// let s = RequestToSign::new("GET", "Fri, 06 Jun 2014 13:39:43 GMT", "/v2/1/tokens/2")
///     .to_string_to_sign(ResourceMode::Strict)
///     .unwrap();
/// assert_eq!(s, "GET\n\nFri, 06 Jun 2014 13:39:43 GMT\n/v2/1/tokens/2\n");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestToSign {
    method: String,
    content_type: Option<String>,
    date: String,
    headers: Vec<(String, String)>,
    resource: String,
}

impl RequestToSign {
    /// A request: method, the `Date` header value (verbatim, see [`imf_fixdate`](super::imf_fixdate))
    /// and the resource (path with its query, as sent).
    ///
    /// ```
    /// let r = ogone::worldline::RequestToSign::new("get", "Fri, 06 Jun 2014 13:39:43 GMT", "/v2/1");
    /// assert_eq!(r.method(), "get");
    /// ```
    #[must_use]
    pub fn new(method: &str, date: &str, resource: &str) -> Self {
        RequestToSign {
            method: method.to_owned(),
            content_type: None,
            date: date.to_owned(),
            headers: Vec::new(),
            resource: resource.to_owned(),
        }
    }

    /// Sets the `Content-Type` exactly as sent (with its parameters). Send none on GET/DELETE.
    ///
    /// ```
    /// let r = ogone::worldline::RequestToSign::new("POST", "d", "/v2/1/payments")
    ///     .content_type("application/json; charset=utf-8");
    /// assert!(r.to_string_to_sign(Default::default()).unwrap().starts_with("POST\napplication/json; charset=utf-8\n"));
    /// ```
    #[must_use]
    pub fn content_type(mut self, content_type: &str) -> Self {
        self.content_type = Some(content_type.to_owned());
        self
    }

    /// Adds a request header. Only `X-GCS-*` headers (any case) are signed; others are kept
    /// out of the string to sign, as in every SDK.
    ///
    /// ```
    /// let r = ogone::worldline::RequestToSign::new("GET", "d", "/v2/1")
    ///     .header("X-GCS-Idempotence-Key", "k1")
    ///     .header("User-Agent", "ignored");
    /// assert_eq!(r.to_string_to_sign(Default::default()).unwrap(), "GET\n\nd\nx-gcs-idempotence-key:k1\n/v2/1\n");
    /// ```
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The method as given.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::RequestToSign::new("GET", "d", "/").method(), "GET");
    /// ```
    #[must_use]
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The canonical `x-gcs-*` header lines (`name:value`, lower-cased names, unfolded values,
    /// sorted by name in byte order; duplicates kept). A tab inside a value is kept; any other
    /// control character left after unfolding is [`Error::InvalidHeader`].
    ///
    /// ```
    /// let r = ogone::worldline::RequestToSign::new("GET", "d", "/")
    ///     .header("X-GCS-B", " two\r\n  lines ")
    ///     .header("x-gcs-a", "1\t2\t");
    /// assert_eq!(r.canonical_headers().unwrap(), ["x-gcs-a:1\t2", "x-gcs-b:two lines"]);
    /// ```
    pub fn canonical_headers(&self) -> Result<Vec<String>, Error> {
        let mut lines: Vec<(String, String)> = Vec::new();
        for (name, value) in &self.headers {
            let lower = name.to_ascii_lowercase();
            if !lower.starts_with("x-gcs") {
                continue;
            }
            let value = unfold(value);
            let bad_name = lower.bytes().any(|b| !(b.is_ascii_graphic() && b != b':'));
            // A tab inside a value is ordinary HTTP whitespace, signed as is by every SDK
            // (unfolding keeps whitespace inside a line and trims it at both ends).
            if bad_name || value.chars().any(|c| c.is_control() && c != '\t') {
                return Err(Error::InvalidHeader { name: lower });
            }
            lines.push((lower, value));
        }
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(lines
            .into_iter()
            .map(|(n, v)| {
                let mut line = n;
                line.push(':');
                line.push_str(&v);
                line
            })
            .collect())
    }

    /// The string to sign: method (upper-cased), Content-Type (or empty), Date, the canonical
    /// headers and the canonical resource, each followed by `\n`.
    ///
    /// ```
    /// use ogone::worldline::{Error, RequestToSign, ResourceMode};
    /// let r = RequestToSign::new("GET", "d", "/v2/a b");
    /// assert_eq!(r.to_string_to_sign(ResourceMode::Strict), Err(Error::AmbiguousResource { offset: 5 }));
    /// ```
    pub fn to_string_to_sign(&self, mode: ResourceMode) -> Result<String, Error> {
        let method = self.method.to_ascii_uppercase();
        if method.is_empty()
            || !method
                .bytes()
                .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b))
        {
            return Err(Error::InvalidMethod);
        }
        let content_type = self.content_type.as_deref().unwrap_or("");
        if content_type.chars().any(char::is_control) {
            return Err(Error::InvalidHeader {
                name: "content-type".to_owned(),
            });
        }
        if self.date.chars().any(char::is_control) {
            return Err(Error::InvalidHeader {
                name: "date".to_owned(),
            });
        }
        let resource = canonical_resource(&self.resource, mode)?;
        let mut out = String::new();
        for line in [method.as_str(), content_type, self.date.as_str()] {
            out.push_str(line);
            out.push('\n');
        }
        for line in self.canonical_headers()? {
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str(&resource);
        out.push('\n');
        Ok(out)
    }
}
