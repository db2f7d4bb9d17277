//! Request parsing: the form data of a feedback request (the GET query or the POST form body)
//! and the charset to decode it in, for every view's `from_request`.

use crate::charset::TransportCharset;
use crate::error::Error;

/// The form data of a feedback request and the charset to decode it in: the query of a GET or
/// HEAD, the body of a POST (which must be a form), in the declared charset or `default`.
pub(crate) fn form_of<'a>(
    method: &str,
    query: Option<&'a str>,
    content_type: Option<&str>,
    body: &'a [u8],
    default: TransportCharset,
) -> Result<(&'a [u8], TransportCharset), Error> {
    if method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD") {
        return Ok((query.unwrap_or_default().as_bytes(), default));
    }
    if !method.eq_ignore_ascii_case("POST") {
        return Err(Error::UnsupportedMethod(method.into()));
    }
    let Some(content_type) = content_type else {
        return Ok((body, default));
    };
    let media_type = content_type.split(';').next().unwrap_or_default().trim();
    if !media_type.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(Error::UnsupportedMediaType(media_type.into()));
    }
    match TransportCharset::from_content_type(content_type) {
        Ok(declared) => Ok((body, declared.unwrap_or(default))),
        Err(name) => Err(Error::UnsupportedCharset(name.into())),
    }
}
