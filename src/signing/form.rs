//! `application/x-www-form-urlencoded` bodies and query strings, in a transport charset.

use alloc::string::String;
use alloc::vec::Vec;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode};

use crate::charset::TransportCharset;
use crate::error::Error;
use crate::signing::list_index::builtin_mask;
use crate::signing::name::validate_name;
use crate::signing::params::{Params, Span};
use crate::signing::secret::unencodable;

/// The default size limit of [`Params::parse_form`]: 64 KiB. Ogone feedback is a few hundred
/// bytes; a hosted-page form with a 100-item basket stays well under 16 KiB.
///
/// ```
/// use ogone::{Error, MAX_FORM_BYTES, Params, TransportCharset};
///
/// let huge = format!("COM={}", "x".repeat(MAX_FORM_BYTES));
/// let too_large = Error::TooLarge { len: huge.len(), limit: MAX_FORM_BYTES };
/// assert_eq!(Params::parse_form(huge.as_bytes(), TransportCharset::Utf8), Err(too_large));
/// ```
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// The most parameters [`Params::parse_form`] accepts: 1,000.
///
/// ```
/// use ogone::{Error, MAX_FORM_PARAMS, Params, TransportCharset};
///
/// let names: Vec<String> = (0..=MAX_FORM_PARAMS).map(|i| format!("P{i}=1")).collect();
/// let body = names.join("&");
/// let too_many = Error::TooManyParams { limit: MAX_FORM_PARAMS };
/// assert_eq!(Params::parse_form(body.as_bytes(), TransportCharset::Utf8), Err(too_many));
/// ```
pub const MAX_FORM_PARAMS: usize = 1_000;

/// What `to_form` leaves unescaped: ASCII letters, digits and `*-._` (as browsers do).
const FORM_UNESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

impl Params {
    /// Parses a form body or query string (a leading `?` is skipped) whose escapes stand for
    /// bytes in `transport`: `+` is a space, `%XX` a byte, pairs are split on `&`, a pair without
    /// `=` has an empty value, empty pairs are skipped. Limits: [`MAX_FORM_BYTES`] and
    /// [`MAX_FORM_PARAMS`].
    ///
    /// ```
    /// use ogone::{Params, TransportCharset};
    ///
    /// let p = Params::parse_form(b"orderID=12&COM=caf%E9+cr%E8me", TransportCharset::Iso8859_1)?;
    /// assert_eq!(p.get("ORDERID"), Some("12"));
    /// assert_eq!(p.get("com"), Some("café crème"));
    /// assert!(Params::parse_form(b"a=%zz", TransportCharset::Utf8).is_err());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`], [`Error::TooManyParams`], [`Error::MalformedEscape`],
    /// [`Error::InvalidEncoding`], and those of [`Params::insert`] (invalid or duplicate name).
    pub fn parse_form(input: &[u8], transport: TransportCharset) -> Result<Params, Error> {
        Self::parse_form_with_limit(input, transport, MAX_FORM_BYTES)
    }

    /// [`Params::parse_form`] with another size limit, in bytes.
    ///
    /// ```
    /// use ogone::{Error, Params, TransportCharset};
    ///
    /// let body = b"orderID=12&STATUS=9"; // 19 bytes
    /// let small = Params::parse_form_with_limit(body, TransportCharset::Utf8, 16);
    /// assert_eq!(small, Err(Error::TooLarge { len: 19, limit: 16 }));
    /// let params = Params::parse_form_with_limit(body, TransportCharset::Utf8, 1024)?;
    /// assert_eq!(params.get("STATUS"), Some("9"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Params::parse_form`].
    pub fn parse_form_with_limit(
        input: &[u8],
        transport: TransportCharset,
        max_bytes: usize,
    ) -> Result<Params, Error> {
        if input.len() > max_bytes {
            return Err(Error::TooLarge {
                len: input.len(),
                limit: max_bytes,
            });
        }
        let (skipped, body) = match input {
            [b'?', rest @ ..] => (1, rest),
            _ => (0, input),
        };
        // One text buffer for every `NAME=value` (decoding never grows ASCII; Latin-1 may),
        // one span per parameter.
        let mut text = String::with_capacity(body.len());
        let mut spans = Vec::new();
        let mut scratch = Vec::new();
        let mut offset = skipped;
        for pair in body.split(|&b| b == b'&') {
            let start = offset;
            offset += pair.len() + 1;
            if pair.is_empty() {
                continue;
            }
            if spans.len() >= MAX_FORM_PARAMS {
                return Err(Error::TooManyParams {
                    limit: MAX_FORM_PARAMS,
                });
            }
            let (raw_name, raw_value) = match pair.iter().position(|&b| b == b'=') {
                Some(eq) => pair.split_at(eq),
                None => (pair, &b""[..]),
            };
            let raw_value = raw_value.get(1..).unwrap_or_default();
            let piece_start = text.len();
            decode_into(raw_name, start, transport, &mut scratch, &mut text)?;
            let name_len = text.len() - piece_start;
            let lists = match text.get_mut(piece_start..) {
                Some(name) => {
                    validate_name(name)?;
                    name.make_ascii_uppercase();
                    builtin_mask(name)
                }
                None => 0,
            };
            text.push('=');
            decode_into(
                raw_value,
                start + raw_name.len() + 1,
                transport,
                &mut scratch,
                &mut text,
            )?;
            spans.push(Span::new(
                &text,
                piece_start,
                name_len,
                text.len() - piece_start,
                lists,
            ));
        }
        Params::from_unsorted(text, spans, false)
    }

    /// Encodes the set as a form body in `transport`, in Ingenico order: letters, digits and
    /// `*-._` as they are, space as `+`, every other byte as `%XX`.
    ///
    /// ```
    /// use ogone::{Params, TransportCharset};
    ///
    /// let p = Params::try_from_pairs([("COM", "café & co"), ("AMOUNT", "1500")])?;
    /// assert_eq!(p.to_form(TransportCharset::Utf8)?, "AMOUNT=1500&COM=caf%C3%A9+%26+co");
    /// assert_eq!(p.to_form(TransportCharset::Iso8859_1)?, "AMOUNT=1500&COM=caf%E9+%26+co");
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Unencodable`] for a character `transport` has no byte for.
    pub fn to_form(&self, transport: TransportCharset) -> Result<String, Error> {
        encode_form(self.iter(), transport)
    }
}

/// Encodes `(name, value)` pairs, in the order given, as a form body in `transport`: letters,
/// digits and `*-._` as they are, space as `+`, every other byte as `%XX`.
pub(crate) fn encode_form<'a>(
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
    transport: TransportCharset,
) -> Result<String, Error> {
    let mut out = String::new();
    let mut bytes = Vec::new();
    for (i, (name, value)) in pairs.enumerate() {
        if i > 0 {
            out.push('&');
        }
        for (j, text) in [name, value].into_iter().enumerate() {
            if j > 0 {
                out.push('=');
            }
            bytes.clear();
            transport
                .encode(text, &mut bytes)
                .map_err(|ch| unencodable(name, ch))?;
            for (k, chunk) in bytes.split(|&b| b == b' ').enumerate() {
                if k > 0 {
                    out.push('+');
                }
                out.extend(percent_encode(chunk, FORM_UNESCAPED));
            }
        }
    }
    Ok(out)
}

/// Decodes one name or value, appending it to `out`: unescapes it into `scratch`, then decodes
/// the bytes in `transport`. `offset` is where
/// `raw` starts in the input, for errors.
fn decode_into(
    raw: &[u8],
    offset: usize,
    transport: TransportCharset,
    scratch: &mut Vec<u8>,
    out: &mut String,
) -> Result<(), Error> {
    let invalid = Error::InvalidEncoding {
        charset: transport,
        offset,
    };
    if !raw.iter().any(|&b| b == b'%' || b == b'+') {
        return if transport.decode_into(raw, out) {
            Ok(())
        } else {
            Err(invalid)
        };
    }
    scratch.clear();
    unescape(raw, offset, |byte| {
        scratch.push(byte);
        Ok::<(), Error>(())
    })?;
    if transport.decode_into(scratch, out) {
        Ok(())
    } else {
        Err(invalid)
    }
}

/// The value of an ASCII hex digit.
#[inline]
pub(crate) fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    }
}

/// Unescapes the name or value `raw` (at `offset` in the body), handing each byte to `emit`:
/// `+` as a space, `%XX` as its byte, any other byte as it is. A `%` without two hex digits
/// after it is [`Error::MalformedEscape`] at its own offset; `emit` may stop the pass with its
/// own error.
///
/// One checked pass: `percent_encoding::percent_decode` passes a malformed escape through as it
/// is, which a body that is hashed must not.
#[inline]
pub(crate) fn unescape<E: From<Error>>(
    raw: &[u8],
    offset: usize,
    mut emit: impl FnMut(u8) -> Result<(), E>,
) -> Result<(), E> {
    let mut at = 0;
    while let Some(&b) = raw.get(at) {
        let byte = match b {
            b'+' => b' ',
            b'%' => match (
                raw.get(at + 1).copied().and_then(hex_digit),
                raw.get(at + 2).copied().and_then(hex_digit),
            ) {
                (Some(high), Some(low)) => {
                    at += 2;
                    (high << 4) | low
                }
                _ => {
                    return Err(E::from(Error::MalformedEscape {
                        offset: offset + at,
                    }));
                }
            },
            b => b,
        };
        emit(byte)?;
        at += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str, t: TransportCharset) -> Result<Params, Error> {
        Params::parse_form(s.as_bytes(), t)
    }

    #[test]
    fn plus_dot_and_leading_question_mark() {
        let p = parse("?Alias%2EAliasId=a+b%2Bc&x", TransportCharset::Utf8).unwrap();
        assert_eq!(p.get("ALIAS.ALIASID"), Some("a b+c"));
        assert_eq!(p.get("X"), Some(""));
    }

    #[test]
    fn malformed_escapes_report_their_offset() {
        for (input, offset) in [("a=%", 2), ("a=%4", 2), ("ab=1&c=%g1", 7), ("%zz=1", 0)] {
            assert_eq!(
                parse(input, TransportCharset::Utf8).unwrap_err(),
                Error::MalformedEscape { offset },
                "{input}"
            );
        }
    }

    #[test]
    fn charsets() {
        let utf8 = TransportCharset::Utf8;
        assert_eq!(
            parse("a=%E9", utf8).unwrap_err(),
            Error::InvalidEncoding {
                charset: utf8,
                offset: 2
            }
        );
        assert_eq!(parse("a=%C3%A9", utf8).unwrap().get("a"), Some("é"));
        let w = TransportCharset::Windows1252;
        assert_eq!(parse("a=%80%E9", w).unwrap().get("a"), Some("€é"));
        assert_eq!(
            parse("xy=1&a=%81", w).unwrap_err(),
            Error::InvalidEncoding {
                charset: w,
                offset: 7
            }
        );
        let l = TransportCharset::Iso8859_1;
        assert_eq!(parse("a=%80", l).unwrap().get("a"), Some("\u{80}"));
    }

    #[test]
    fn the_limit_itself_is_allowed() {
        let input = b"a=1234";
        assert!(Params::parse_form_with_limit(input, TransportCharset::Utf8, input.len()).is_ok());
        assert_eq!(
            Params::parse_form_with_limit(input, TransportCharset::Utf8, input.len() - 1),
            Err(Error::TooLarge { len: 6, limit: 5 })
        );
    }

    #[test]
    fn limits_and_duplicates() {
        let big = "a=".to_string() + &"x".repeat(MAX_FORM_BYTES);
        assert!(matches!(
            parse(&big, TransportCharset::Utf8),
            Err(Error::TooLarge { .. })
        ));
        let many: Vec<String> = (0..=MAX_FORM_PARAMS).map(|i| format!("P{i}=1")).collect();
        assert_eq!(
            parse(&many.join("&"), TransportCharset::Utf8).unwrap_err(),
            Error::TooManyParams {
                limit: MAX_FORM_PARAMS
            }
        );
        assert_eq!(
            parse("orderID=1&ORDERID=2", TransportCharset::Utf8).unwrap_err(),
            Error::DuplicateName("ORDERID".into())
        );
        assert!(matches!(
            parse("=1", TransportCharset::Utf8),
            Err(Error::InvalidName { .. })
        ));
    }

    #[test]
    fn unencodable_on_encode() {
        let p = Params::try_from_pairs([("COM", "€")]).unwrap();
        assert_eq!(p.to_form(TransportCharset::Windows1252).unwrap(), "COM=%80");
        assert!(matches!(
            p.to_form(TransportCharset::Iso8859_1),
            Err(Error::Unencodable { ch: '€', .. })
        ));
    }
}
