//! The `GCS v1HMAC` string to sign: header unfolding and the canonical resource.

use alloc::borrow::{Cow, ToOwned};
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

use crate::signing::form::hex_digit;
use crate::worldline::error::Error;
use crate::worldline::sink::Sink;

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
    /// `=`, `&`, the sub-delims `! $ ' ( ) * ,`, and `:` `@`. Accepted in the path only
    /// (before the first `?`): `+`. Accepted everywhere but in the last segment of the path
    /// (after its last `/`): `;`. Refused: `%` (an escape: decoded by Java and .NET, signed as
    /// sent by the others), `+` in the query (Go's `url.QueryUnescape` makes it a space), `;`
    /// in the last path segment (Python's `urlparse` moves it and what follows into `params`,
    /// which it does not sign), a `.` or `..` path segment (.NET's `Uri` and the `url` crate
    /// behind reqwest remove it), and every other byte (space, `#`, `"`, `<`, `>`, `[`, `]`, `\`, `^`, `` ` ``,
    /// `{`, `|`, `}`, non-ASCII; control characters are [`Error::InvalidResource`] in every
    /// mode).
    ///
    /// Why the accepted bytes agree: Python (`urlparse` path + query), Ruby (`URI#path` +
    /// `#query`) and Node (the path string) sign them as sent (Python's `urlparse` keeps a
    /// `;` of an earlier segment or of the query where it is); Java (`URI.getPath()` +
    /// `getQuery()`) and .NET (`Uri.LocalPath` + `Uri.UnescapeDataString(Query)`) only decode
    /// `%XX` escapes, so a literal sub-delim, `:` or `@` decodes to itself (and `+` is not a
    /// space to them); Go keeps them in `EscapedPath()` (its `validEncoded` allows every
    /// sub-delim, `:` and `@`) and `url.QueryUnescape` changes only `%XX` and `+`.
    ///
    /// ```
    /// use ogone::worldline::{Error, ResourceMode, canonical_resource};
    /// assert!(canonical_resource("/v2/1/a+b;c/d:e@f!g$h'i(j)k*l,m?n=o;p", ResourceMode::Strict).is_ok());
    /// assert_eq!(canonical_resource("/v2/1/x;y", ResourceMode::Strict), Err(Error::AmbiguousResource { offset: 7 }));
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

/// A set of ASCII bytes as a 128-bit mask: bit `b` for byte `b`.
const fn ascii_set(mut bytes: &[u8]) -> u128 {
    let mut set = 0u128;
    while let [b, rest @ ..] = bytes {
        set |= 1u128 << *b;
        bytes = rest;
    }
    set
}

const ALPHANUMERIC: u128 =
    ascii_set(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

/// What [`ResourceMode::Strict`] accepts in the query: unreserved, `/`, `?`, the sub-delims
/// but `+`, `:`, `@`.
const STRICT_QUERY: u128 = ALPHANUMERIC | ascii_set(b"-._~/?=&!$'()*,;:@");
/// What [`ResourceMode::Strict`] accepts in the path (before the first `?`): `+` too.
const STRICT_PATH: u128 = STRICT_QUERY | ascii_set(b"+");
/// What [`ResourceMode::Strict`] accepts in the last segment of the path: no `;`.
const STRICT_LAST_SEGMENT: u128 = STRICT_PATH & !ascii_set(b";");
/// Visible ASCII, 0x21-0x7E.
const GRAPHIC: u128 = (u128::MAX >> 1) ^ ((1u128 << 0x21) - 1);
/// The bytes of an HTTP token (a method).
const TOKEN: u128 = GRAPHIC & !ascii_set(b"()<>@,;:\\\"/[]?={}");

/// Whether `b` is in `set` (never, for a byte past ASCII).
pub(crate) fn in_set(set: u128, b: u8) -> bool {
    // Two 64-bit words: a variable 128-bit shift is several dependent instructions a byte.
    let word = match b >> 6 {
        0 => set as u64,
        1 => (set >> 64) as u64,
        _ => 0,
    };
    (word >> (b & 63)) & 1 == 1
}

/// Whether `bytes` holds an ASCII control character (C0 or DEL), in one branch-free pass.
fn has_ascii_control(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .fold(false, |seen, &b| seen | (b < 0x20) | (b == 0x7f))
}

/// `text.chars().any(char::is_control)`, `tab_allowed` leaving tabs out: a byte pass for ASCII.
pub(crate) fn has_control(text: &str, tab_allowed: bool) -> bool {
    if text.is_ascii() {
        text.bytes().fold(false, |seen, b| {
            seen | ((b < 0x20 && !(tab_allowed && b == b'\t')) | (b == 0x7f))
        })
    } else {
        text.chars()
            .any(|c| c.is_control() && !(tab_allowed && c == '\t'))
    }
}

/// The offset of the first byte [`ResourceMode::Strict`] refuses: `+` is accepted only in the
/// path (before the first `?`), `;` everywhere but in the last segment of the path (Python's
/// `urlparse` takes a `;` there and what follows as `params`, out of the signed `path`).
fn strict_refused(resource: &str) -> Option<usize> {
    let bytes = resource.as_bytes();
    let q = resource.find('?').unwrap_or(bytes.len());
    let (path, query) = bytes.split_at_checked(q).unwrap_or((bytes, &[]));
    let last = path.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    let (head, tail) = path.split_at_checked(last).unwrap_or((path, &[]));
    // First a pass without an early exit, which the compiler vectorises (most resources
    // pass); the offset is looked for only when something is refused.
    let all = |bytes: &[u8], plus: bool, semicolon: bool| {
        bytes.iter().fold(true, |ok, &b| {
            let alnum = b.is_ascii_alphanumeric();
            let mark = matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b'?' | b'=' | b'&');
            let sub = matches!(
                b,
                b'!' | b'$' | b'\'' | b'(' | b')' | b'*' | b',' | b':' | b'@'
            );
            ok & (alnum | mark | sub | (plus & (b == b'+')) | (semicolon & (b == b';')))
        })
    };
    let dots = dot_segment(path);
    if dots.is_none() && all(head, true, true) && all(tail, true, false) && all(query, false, true)
    {
        return None;
    }
    let find = |bytes: &[u8], set: u128, at: usize| {
        bytes.iter().position(|&b| !in_set(set, b)).map(|i| i + at)
    };
    let byte = find(head, STRICT_PATH, 0)
        .or_else(|| find(tail, STRICT_LAST_SEGMENT, last))
        .or_else(|| find(query, STRICT_QUERY, q));
    match (byte, dots) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Per byte, where [`ResourceMode::Strict`] accepts it: [`IN_HEAD`] (the path before its
/// last segment), [`IN_TAIL`] (the last segment of the path), [`IN_QUERY`]; [`IS_DOT`] marks
/// `.`, [`IS_PLAIN`] a byte accepted everywhere but `.`. A control character or non-ASCII
/// byte has no bit.
const STRICT_TABLE: [u8; 256] = strict_table();

/// Built at compile time (an index out of range would fail the build, not a call).
#[allow(clippy::indexing_slicing)]
const fn strict_table() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let bit = 1u128 << b;
        let mut class = 0;
        if STRICT_PATH & bit != 0 {
            class |= IN_HEAD;
        }
        if STRICT_LAST_SEGMENT & bit != 0 {
            class |= IN_TAIL;
        }
        if STRICT_QUERY & bit != 0 {
            class |= IN_QUERY;
        }
        if b == b'.' as usize {
            class |= IS_DOT;
        }
        if STRICT_QUERY & STRICT_LAST_SEGMENT & bit != 0 && b != b'.' as usize {
            class |= IS_PLAIN;
        }
        table[b] = class;
        b += 1;
    }
    table
}
const IN_HEAD: u8 = 1;
const IN_TAIL: u8 = 2;
const IN_QUERY: u8 = 4;
const IS_DOT: u8 = 8;
/// Accepted in every part of a resource, and no `.`: see [`strict_plain`].
const IS_PLAIN: u8 = 16;

/// Whether [`strict_plain`] takes `b`: one byte of its rule, for tables built elsewhere.
#[allow(clippy::indexing_slicing)]
pub(crate) const fn strict_plain_byte(b: u8) -> bool {
    STRICT_TABLE[b as usize] & IS_PLAIN != 0
}

/// Whether every byte of `resource` is one that [`ResourceMode::Strict`] accepts wherever it
/// stands (path, last segment, query) and that makes no dot segment: alphanumerics and
/// `-_~/?=&!$'()*,:@`, no `.`, `%`, `+` or `;`. Then it is signed as it is, with no look at where
/// the query or the last segment begins. A pass without an early exit, which the compiler
/// vectorises; most resources (`/v2/{merchantId}/payments/{id}`) pass.
pub(crate) fn strict_plain(resource: &[u8]) -> bool {
    let plain = |b: &u8| STRICT_TABLE.get(usize::from(*b)).copied().unwrap_or(0) & IS_PLAIN;
    resource.iter().fold(IS_PLAIN, |ok, b| ok & plain(b)) != 0
}

/// Whether [`ResourceMode::Strict`] signs `resource` as it is (no control character either):
/// one table lookup a byte, the common case; [`strict_refused`] finds what is refused.
fn strict_accepts(resource: &[u8]) -> bool {
    let class = |b: &u8| STRICT_TABLE.get(usize::from(*b)).copied().unwrap_or(0);
    let q = resource
        .iter()
        .position(|&b| b == b'?')
        .unwrap_or(resource.len());
    let (path, query) = resource.split_at_checked(q).unwrap_or((resource, &[]));
    let last = path.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    let (head, tail) = path.split_at_checked(last).unwrap_or((path, &[]));
    let (mut all, mut dot) = (IN_HEAD | IN_TAIL | IN_QUERY, 0);
    for b in head {
        all &= class(b) | !IN_HEAD;
        dot |= class(b);
    }
    for b in tail {
        all &= class(b) | !IN_TAIL;
        dot |= class(b);
    }
    for b in query {
        all &= class(b) | !IN_QUERY;
    }
    all == IN_HEAD | IN_TAIL | IN_QUERY && (dot & IS_DOT == 0 || dot_segment(path).is_none())
}

/// The offset of the first `.` or `..` segment of `path`: .NET's `Uri` and the `url` crate
/// (reqwest) remove them before the request is signed or sent, the others keep them.
fn dot_segment(path: &[u8]) -> Option<usize> {
    let mut start = 0;
    for segment in path.split(|&b| b == b'/') {
        if segment == b"." || segment == b".." {
            return Some(start);
        }
        start += segment.len() + 1;
    }
    None
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
    canonical_resource_cow(resource, mode).map(Cow::into_owned)
}

/// [`canonical_resource`], borrowing `resource` unless it is decoded.
pub(crate) fn canonical_resource_cow(
    resource: &str,
    mode: ResourceMode,
) -> Result<Cow<'_, str>, Error> {
    if !resource.starts_with('/') {
        return Err(Error::ResourceNotAbsolute);
    }
    if mode == ResourceMode::Strict
        && (strict_plain(resource.as_bytes()) || strict_accepts(resource.as_bytes()))
    {
        return Ok(Cow::Borrowed(resource));
    }
    if has_ascii_control(resource.as_bytes()) {
        let offset = resource
            .bytes()
            .position(|b| b.is_ascii_control())
            .unwrap_or(0);
        return Err(Error::InvalidResource { offset });
    }
    match mode {
        ResourceMode::Strict => match strict_refused(resource) {
            Some(offset) => Err(Error::AmbiguousResource { offset }),
            None => Ok(Cow::Borrowed(resource)),
        },
        ResourceMode::Raw => Ok(Cow::Borrowed(resource)),
        ResourceMode::Decoded => decode(resource).map(Cow::Owned),
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

/// [`unfold`] without the String: calls `f` with each piece of the unfolded value in order
/// (the lines and the single spaces that join them). Trimming the value first and then
/// replacing each line break gives the same text as replacing and then trimming: the breaks
/// and what they swallow are whitespace, and a trimmed value starts and ends with neither.
pub(crate) fn unfolded_pieces<'v>(value: &'v str, mut f: impl FnMut(&'v str)) {
    let mut rest = value.trim();
    loop {
        let Some(pos) = rest.find('\n') else {
            f(rest);
            return;
        };
        let (line, after) = rest.split_at(pos);
        f(line.strip_suffix('\r').unwrap_or(line));
        f(" ");
        rest = after
            .get(1..)
            .unwrap_or("")
            .trim_start_matches(|c: char| c.is_whitespace() && c != '\r' && c != '\n');
    }
}

/// Whether a header name is an `x-gcs*` one (any case), without lower-casing it.
fn is_gcs(name: &str) -> bool {
    name.as_bytes()
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"x-gcs"))
}

/// Names compared as lower-cased, without lower-casing them.
fn cmp_lower(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|b| b.to_ascii_lowercase())
        .cmp(b.bytes().map(|b| b.to_ascii_lowercase()))
}

/// A method byte that may stand in the (upper-cased) method: an HTTP token byte.
fn method_byte(b: u8) -> bool {
    in_set(TOKEN, b)
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

    /// The string to sign streamed into `sink`, checked as [`RequestToSign::to_string_to_sign`]
    /// checks it (the same errors, in the same order) and written as it writes it, with no
    /// intermediate String (except for the decoded resource in [`ResourceMode::Decoded`]).
    pub(crate) fn write_string_to_sign<S: Sink>(
        &self,
        mode: ResourceMode,
        sink: &mut S,
    ) -> Result<(), Error> {
        if self.method.is_empty()
            || !self
                .method
                .bytes()
                .all(|b| method_byte(b.to_ascii_uppercase()))
        {
            return Err(Error::InvalidMethod);
        }
        let content_type = self.content_type.as_deref().unwrap_or("");
        if has_control(content_type, false) {
            return Err(Error::InvalidHeader {
                name: "content-type".to_owned(),
            });
        }
        if has_control(&self.date, false) {
            return Err(Error::InvalidHeader {
                name: "date".to_owned(),
            });
        }
        let resource = canonical_resource_cow(&self.resource, mode)?;
        for (name, value) in &self.headers {
            if !is_gcs(name) {
                continue;
            }
            let bad_name = name.bytes().any(|b| !(b.is_ascii_graphic() && b != b':'));
            let mut bad_value = false;
            unfolded_pieces(value, |piece| {
                bad_value |= has_control(piece, true);
            });
            if bad_name || bad_value {
                return Err(Error::InvalidHeader {
                    name: name.to_ascii_lowercase(),
                });
            }
        }
        sink.put_mapped(&self.method, u8::to_ascii_uppercase);
        sink.put(b"\n");
        sink.put(content_type.as_bytes());
        sink.put(b"\n");
        sink.put(self.date.as_bytes());
        sink.put(b"\n");
        // The x-gcs headers by lower-cased name, ties in the order given (a stable sort),
        // chosen one after the other: no list is built.
        let mut last: Option<(&str, usize)> = None;
        loop {
            let mut next: Option<(&str, usize)> = None;
            for (i, (name, _)) in self.headers.iter().enumerate() {
                if !is_gcs(name) {
                    continue;
                }
                let after_last = last.is_none_or(|(ln, li)| {
                    cmp_lower(name, ln).then(i.cmp(&li)) == Ordering::Greater
                });
                let before_next = next
                    .is_none_or(|(nn, ni)| cmp_lower(name, nn).then(i.cmp(&ni)) == Ordering::Less);
                if after_last && before_next {
                    next = Some((name, i));
                }
            }
            let Some((name, i)) = next else { break };
            sink.put_mapped(name, u8::to_ascii_lowercase);
            sink.put(b":");
            if let Some((_, value)) = self.headers.get(i) {
                unfolded_pieces(value, |piece| sink.put(piece.as_bytes()));
            }
            sink.put(b"\n");
            last = next;
        }
        sink.put(resource.as_bytes());
        sink.put(b"\n");
        Ok(())
    }

    /// The string to sign: method (upper-cased), Content-Type (or empty), Date, the canonical
    /// headers and the canonical resource, each followed by `\n`.
    ///
    /// Signing does not build this text (it streams the same bytes into the HMAC); it is
    /// here to read, e.g. when the server answers 401.
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod streaming_tests {
    use alloc::string::String;
    use alloc::vec::Vec;

    use proptest::prelude::*;

    use super::{RequestToSign, ResourceMode};
    use crate::worldline::keys::ApiKey;
    use crate::worldline::request::authorization;

    fn mode() -> impl Strategy<Value = ResourceMode> {
        prop_oneof![
            Just(ResourceMode::Strict),
            Just(ResourceMode::Raw),
            Just(ResourceMode::Decoded)
        ]
    }

    /// Header names: x-gcs ones in any case (some colliding), others, and bad ones.
    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            "[xX]-[gG][cC][sS][-a-zA-Z_]{0,6}",
            "[xX]-[gG][cC][sS]-[a-z]",
            "[A-Za-z-]{1,8}",
            "[xX]-[gG][cC][sS][ :\u{e9}a]{0,3}",
        ]
    }

    /// Values with folds, outer and inner whitespace, tabs, CRs, non-ASCII, controls.
    fn value() -> impl Strategy<Value = String> {
        "[ \\t\\r\\na-c\u{e9}\u{85}\u{a0}\u{7}]{0,16}"
    }

    fn request() -> impl Strategy<Value = RequestToSign> {
        (
            prop_oneof!["[A-Za-z]{1,7}", "[A-Za-z (\u{e9}]{0,4}"],
            proptest::option::of("[a-z/;= \u{7}]{0,12}"),
            prop_oneof![
                Just(String::from("Fri, 06 Jun 2014 13:39:43 GMT")),
                "[A-Za-z0-9 ,:\u{7}]{0,12}"
            ],
            proptest::collection::vec((name(), value()), 0..6),
            "/?[a-z0-9/?=&%+,;:@!$'()* #\u{e9}]{0,16}",
        )
            .prop_map(|(method, content_type, date, headers, resource)| {
                let mut r = RequestToSign::new(&method, &date, &resource);
                if let Some(ct) = content_type {
                    r = r.content_type(&ct);
                }
                headers.iter().fold(r, |r, (n, v)| r.header(n, v))
            })
    }

    /// The byte masks against the lists they replace.
    #[test]
    fn masks_match_their_lists() {
        for b in 0..=255u8 {
            let token = b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b);
            assert_eq!(super::in_set(super::TOKEN, b), token, "{b}");
            let query = b.is_ascii_alphanumeric() || b"-._~/?=&!$'()*,;:@".contains(&b);
            assert_eq!(super::in_set(super::STRICT_QUERY, b), query, "{b}");
            assert_eq!(
                super::in_set(super::STRICT_LAST_SEGMENT, b),
                (query || b == b'+') && b != b';',
                "{b}"
            );
            assert_eq!(
                super::in_set(super::STRICT_PATH, b),
                query || b == b'+',
                "{b}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn has_control_is_chars_any_is_control(text in "[ -~\t\r\n\u{7f}-\u{a0}\u{e9}]{0,12}", tab in any::<bool>()) {
            let naive = text.chars().any(|c| c.is_control() && !(tab && c == '\t'));
            prop_assert_eq!(super::has_control(&text, tab), naive);
        }

        /// Fast (streamed into the HMAC) against naive (the text, then its HMAC): the same
        /// bytes, the same errors, the same Authorization.
        #[test]
        fn streamed_equals_the_string_to_sign(r in request(), mode in mode()) {
            let key = ApiKey::parse("apiKeyId", "secretApiKey").unwrap();
            let naive = r.to_string_to_sign(mode);
            let mut streamed = Vec::new();
            let fast = r.write_string_to_sign(mode, &mut streamed);
            match (&naive, fast) {
                (Ok(text), Ok(())) => {
                    prop_assert_eq!(text.as_bytes(), streamed.as_slice());
                    prop_assert_eq!(r.authorization(&key, mode).unwrap(), authorization(&key, text));
                }
                (Err(a), Err(b)) => {
                    prop_assert_eq!(a, &b);
                    prop_assert_eq!(r.authorization(&key, mode), Err(b));
                }
                (n, f) => prop_assert!(false, "naive {n:?}, streamed {f:?}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{
        STRICT_LAST_SEGMENT, STRICT_QUERY, has_ascii_control, in_set, strict_accepts, strict_plain,
        strict_refused,
    };

    /// A byte that passes the plain pass is accepted in every part of a resource and is no
    /// `.`: what is made of such bytes only is accepted as it is.
    #[test]
    fn plain_bytes_are_accepted_everywhere() {
        for b in 0..=u8::MAX {
            if strict_plain(&[b]) {
                assert!(
                    in_set(STRICT_QUERY & STRICT_LAST_SEGMENT, b) && b != b'.',
                    "{b:#x}"
                );
            }
        }
        assert!(strict_plain(
            b"/v2/m/products?countryCode=NL&currencyCode=EUR"
        ));
        assert!(!strict_plain(b"/v2/m/a%20b"));
    }

    proptest! {
        /// The table pass accepts exactly what the byte-offset search finds nothing in.
        #[test]
        fn the_table_agrees_with_the_search(resource in "/[ -~\u{0}-\u{1f}é]{0,40}", dots in "(/\\.{1,3}){0,2}") {
            let resource = alloc::format!("{dots}{resource}");
            let slow = !has_ascii_control(resource.as_bytes()) && strict_refused(&resource).is_none();
            prop_assert_eq!(strict_accepts(resource.as_bytes()), slow, "{:?}", resource);
            prop_assert!(!strict_plain(resource.as_bytes()) || slow, "{:?}", resource);
        }
    }
}
