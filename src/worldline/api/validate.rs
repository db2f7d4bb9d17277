//! The checks on values put into requests: currency codes, references, ids in paths, return
//! URLs; and the check of the redirect URL an answer carries.

use alloc::string::String;

use crate::protocol::endpoint::check_origin;
use crate::worldline::api::error::RequestError;
use crate::worldline::hosts::DirectHost;

/// The longest `order.references.merchantReference` accepted, in characters.
///
/// The Direct API reference's own limit could not be read for this crate (the SDKs' domain
/// classes state none: sdk-python3 `onlinepayments/sdk/domain/order_references.py`); 30 is the
/// limit Odoo's `payment_worldline` applies (it re-generates longer references), so a reference
/// of at most 30 characters is known to go through.
///
/// ```
/// assert_eq!(ogone::worldline::MAX_MERCHANT_REFERENCE_CHARS, 30);
/// ```
pub const MAX_MERCHANT_REFERENCE_CHARS: usize = 30;

/// The longest `order.references.merchantParameters` accepted, in characters. No source read
/// for this crate states the API's limit; this bound only keeps a request reasonable.
///
/// ```
/// assert_eq!(ogone::worldline::MAX_MERCHANT_PARAMETERS_CHARS, 1000);
/// ```
pub const MAX_MERCHANT_PARAMETERS_CHARS: usize = 1000;

/// Three upper-case ASCII letters.
pub(crate) fn currency(code: &str) -> Result<(), RequestError> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(RequestError::InvalidCurrency)
    }
}

/// Non-empty, at most `max` characters, no control character.
pub(crate) fn text(value: &str, max: usize) -> bool {
    !value.is_empty() && value.chars().count() <= max && !value.chars().any(char::is_control)
}

/// A single token-like value: non-empty, visible ASCII or non-ASCII letters, no `,` (the API
/// joins tokens with commas), no space or control character.
pub(crate) fn word(value: &str, field: &'static str) -> Result<(), RequestError> {
    if value.is_empty()
        || value
            .chars()
            .any(|c| c == ',' || c.is_whitespace() || c.is_control())
    {
        Err(RequestError::InvalidField(field))
    } else {
        Ok(())
    }
}

/// An id to put in a path segment: non-empty, RFC 3986 unreserved characters only (ASCII
/// letters, digits, `-`, `.`, `_`, `~`; the ids the API hands out are digits, letters, `_`
/// and `-`), and not `.` or `..`. So no `/`, `?`, `#`, `%`, space, control or non-ASCII
/// character, and every SDK signs the path alike.
pub(crate) fn path_id(id: &str, what: &'static str) -> Result<String, RequestError> {
    let good = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
    if id.is_empty() || !id.bytes().all(good) || id == "." || id == ".." {
        Err(RequestError::InvalidId(what))
    } else {
        Ok(String::from(id))
    }
}

/// A return URL: `https://` (or `http://` on a loopback host) with a valid authority, by the
/// same rule as [`Platform::custom`](crate::Platform::custom)'s origin; then any path and query,
/// but no space, control character or `\`.
pub(crate) fn return_url(url: &str) -> Result<(), RequestError> {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err(RequestError::InvalidReturnUrl(
            "it holds a space, a control character or '\\'",
        ));
    }
    let after_scheme = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or(RequestError::InvalidReturnUrl("is not an https:// URL"))?;
    let authority_len = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let origin_len = url.len() - after_scheme.len() + authority_len;
    let origin = url.get(..origin_len).unwrap_or(url);
    check_origin(origin).map_err(RequestError::InvalidReturnUrl)
}

/// The host of a Direct environment's API base URL (`payment[.preprod].direct.…`), which is
/// also the host of its hosted pages.
pub(crate) fn payment_host(host: DirectHost) -> &'static str {
    let base = host.base_url();
    let rest = base.strip_prefix("https://").unwrap_or(base);
    rest.split('/').next().unwrap_or(rest)
}

/// Whether `url` is `https://<payment host>/…` exactly: no userinfo, no port, no other host
/// that merely starts or ends like it. The host compares case-insensitively.
pub(crate) fn on_payment_host(url: &str, host: DirectHost) -> bool {
    let Some(rest) = url
        .get(..8)
        .filter(|s| s.eq_ignore_ascii_case("https://"))
        .and(url.get(8..))
    else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or(rest);
    let tail = rest.get(end..).unwrap_or("");
    authority.eq_ignore_ascii_case(payment_host(host))
        && tail.starts_with('/')
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_urls() {
        assert!(return_url("https://shop.example.com/return?x=1").is_ok());
        assert!(return_url("https://shop.example.com").is_ok());
        assert!(return_url("http://127.0.0.1:8080/return").is_ok());
        assert!(return_url("http://localhost/return").is_ok());
        assert!(return_url("http://[::1]:3000/r").is_ok());
        assert!(return_url("http://shop.example.com/return").is_err());
        assert!(return_url("https://user@shop.example.com/return").is_err());
        assert!(return_url("https://shop.example.com/re turn").is_err());
        assert!(return_url("myapp://return").is_err());
        assert!(return_url("https:///x").is_err());
    }

    #[test]
    fn payment_hosts() {
        let t = DirectHost::Test;
        assert_eq!(
            payment_host(t),
            "payment.preprod.direct.worldline-solutions.com"
        );
        assert!(on_payment_host(
            "https://payment.preprod.direct.worldline-solutions.com/hostedcheckout/PaymentMethods/Selection/ca5387a6432e47ed9e2ad17b27bf8385",
            t
        ));
        for bad in [
            "https://payment.preprod.direct.worldline-solutions.com.evil.com/hostedcheckout/x",
            "https://payment.preprod.direct.worldline-solutions.com@evil.com/x",
            "https://evil.com@payment.preprod.direct.worldline-solutions.com/x",
            "https://evil.com/payment.preprod.direct.worldline-solutions.com/x",
            "http://payment.preprod.direct.worldline-solutions.com/x",
            "https://payment.preprod.direct.worldline-solutions.com:8443/x",
            "https://payment.preprod.direct.worldline-solutions.com",
            "https://payment.preprod.direct.worldline-solutions.com?x",
            "https://payment.preprod.direct.worldline-solutions.com\\@evil.com/x",
            "https://payment.direct.worldline-solutions.com/hostedcheckout/x",
            "//payment.preprod.direct.worldline-solutions.com/x",
            "",
        ] {
            assert!(!on_payment_host(bad, t), "{bad}");
        }
    }
}
