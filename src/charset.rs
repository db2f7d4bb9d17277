//! Charsets: the one the signed string is hashed in, and the one a form body travels in.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The charset the string to sign is encoded in before hashing (spec section 1, step 6).
///
/// UTF-8 for the `_utf8` endpoints and FlexCheckout; ISO-8859-1 for the plain endpoints
/// (`orderstandard.asp`, ...).
///
/// ```
/// use ogone::{Charset, Error, HashAlgorithm, Params, Passphrase, Signer};
///
/// let key = Passphrase::new("Mysecretsig1875!?");
/// let utf8 = Signer::sha_in(key.clone(), HashAlgorithm::Sha256);
/// let latin1 = utf8.clone().with_charset(Charset::Iso8859_1);
/// // `é` is two bytes in UTF-8 and one in ISO-8859-1: the signatures differ.
/// let params = Params::try_from_pairs([("ORDERID", "café-1")])?;
/// assert_ne!(utf8.sign(&params)?, latin1.sign(&params)?);
/// // ISO-8859-1 has no `€`: an error, never a silent `?`.
/// let euro = Params::try_from_pairs([("COM", "10 €")])?;
/// assert_eq!(latin1.sign(&euro), Err(Error::Unencodable { name: "COM".into(), ch: '€' }));
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Charset {
    /// UTF-8 (the default).
    #[default]
    Utf8,
    /// ISO-8859-1 (Latin-1): characters above U+00FF are an error, never replaced by `?`.
    Iso8859_1,
}

impl Charset {
    /// The name the `shasign` tool and this crate's messages use: `utf-8` or `iso-8859-1`.
    ///
    /// ```
    /// use ogone::Charset;
    ///
    /// assert_eq!(Charset::Iso8859_1.as_str(), "iso-8859-1");
    /// assert_eq!(Charset::parse(Charset::Utf8.as_str()), Some(Charset::Utf8));
    /// assert_eq!(Charset::Utf8.to_string(), "utf-8");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Iso8859_1 => "iso-8859-1",
        }
    }

    /// Parses `utf-8` or `iso-8859-1` (ASCII case-insensitive; `utf8`, `latin1` also accepted).
    ///
    /// ```
    /// assert_eq!(ogone::Charset::parse("UTF-8"), Some(ogone::Charset::Utf8));
    /// assert_eq!(ogone::Charset::parse("latin1"), Some(ogone::Charset::Iso8859_1));
    /// ```
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        match TransportCharset::parse(name)? {
            TransportCharset::Utf8 => Some(Charset::Utf8),
            TransportCharset::Iso8859_1 => Some(Charset::Iso8859_1),
            TransportCharset::Windows1252 => None,
        }
    }

    /// The transport charset of the same name: what a form body is decoded with when nothing
    /// else is said.
    ///
    /// ```
    /// use ogone::{Charset, TransportCharset};
    ///
    /// assert_eq!(Charset::Iso8859_1.transport(), TransportCharset::Iso8859_1);
    /// assert_eq!(Charset::Utf8.transport(), TransportCharset::Utf8);
    /// ```
    #[must_use]
    pub fn transport(self) -> TransportCharset {
        match self {
            Charset::Utf8 => TransportCharset::Utf8,
            Charset::Iso8859_1 => TransportCharset::Iso8859_1,
        }
    }
}

impl fmt::Display for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The charset percent-escapes of a form body or query string stand for (spec section 3).
///
/// It can differ from the hashing [`Charset`]: Barclaycard ePDQ sends Windows-1252 while hashing
/// UTF-8, PostFinance sends ISO-8859-1 even on UTF-8 accounts.
///
/// ```
/// use ogone::{Params, TransportCharset};
///
/// // Barclaycard ePDQ escapes `€` as its Windows-1252 byte, 0x80.
/// let p = Params::parse_form(b"COM=10+%80", TransportCharset::Windows1252)?;
/// assert_eq!(p.get("COM"), Some("10 €"));
/// // 0x81 is undefined in Windows-1252, and %80 alone is not UTF-8.
/// assert!(Params::parse_form(b"COM=%81", TransportCharset::Windows1252).is_err());
/// assert!(Params::parse_form(b"COM=%80", TransportCharset::Utf8).is_err());
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TransportCharset {
    /// UTF-8 (the default). Invalid sequences are an error.
    #[default]
    Utf8,
    /// ISO-8859-1: every byte is the character of the same code.
    Iso8859_1,
    /// Windows-1252: ISO-8859-1 with printable characters in 0x80..=0x9F. The five bytes it
    /// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are an error.
    Windows1252,
}

impl TransportCharset {
    /// `utf-8`, `iso-8859-1` or `windows-1252`.
    ///
    /// ```
    /// use ogone::TransportCharset;
    ///
    /// assert_eq!(TransportCharset::Windows1252.as_str(), "windows-1252");
    /// let latin1 = TransportCharset::Iso8859_1;
    /// assert_eq!(TransportCharset::parse(latin1.as_str()), Some(latin1));
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            TransportCharset::Utf8 => "utf-8",
            TransportCharset::Iso8859_1 => "iso-8859-1",
            TransportCharset::Windows1252 => "windows-1252",
        }
    }

    /// Parses a charset name, ASCII case-insensitive: `utf-8`/`utf8`,
    /// `iso-8859-1`/`iso8859-1`/`iso_8859-1`/`latin1`/`latin-1`/`l1`,
    /// `windows-1252`/`windows1252`/`cp1252`/`x-cp1252`, and `us-ascii`/`ascii` (ASCII is read
    /// as ISO-8859-1, its superset, so a stray high byte decodes rather than fails).
    ///
    /// ```
    /// use ogone::TransportCharset;
    /// assert_eq!(TransportCharset::parse("Windows-1252"), Some(TransportCharset::Windows1252));
    /// assert_eq!(TransportCharset::parse("koi8-r"), None);
    /// ```
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        const NAMES: [(&str, TransportCharset); 14] = [
            ("utf-8", TransportCharset::Utf8),
            ("utf8", TransportCharset::Utf8),
            ("iso-8859-1", TransportCharset::Iso8859_1),
            ("iso8859-1", TransportCharset::Iso8859_1),
            ("iso_8859-1", TransportCharset::Iso8859_1),
            ("latin1", TransportCharset::Iso8859_1),
            ("latin-1", TransportCharset::Iso8859_1),
            ("l1", TransportCharset::Iso8859_1),
            ("us-ascii", TransportCharset::Iso8859_1),
            ("ascii", TransportCharset::Iso8859_1),
            ("windows-1252", TransportCharset::Windows1252),
            ("cp1252", TransportCharset::Windows1252),
            ("windows1252", TransportCharset::Windows1252),
            ("x-cp1252", TransportCharset::Windows1252),
        ];
        NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, c)| c)
    }

    /// The charset a `Content-Type` header value declares in its `charset` parameter (names as
    /// [`TransportCharset::parse`] takes them, optionally quoted), or `None` when it declares
    /// none. `Err` carries the declared name when it is one this crate cannot decode.
    ///
    /// ```
    /// use ogone::TransportCharset;
    ///
    /// let t = |v| TransportCharset::from_content_type(v);
    /// assert_eq!(t("application/x-www-form-urlencoded; charset=windows-1252"), Ok(Some(TransportCharset::Windows1252)));
    /// assert_eq!(t("application/x-www-form-urlencoded;Charset=\"UTF-8\""), Ok(Some(TransportCharset::Utf8)));
    /// assert_eq!(t("application/x-www-form-urlencoded"), Ok(None));
    /// assert_eq!(t("text/plain; charset=koi8-r"), Err("koi8-r"));
    /// ```
    ///
    /// # Errors
    ///
    /// The declared charset's name, when it is not one of the three.
    pub fn from_content_type(value: &str) -> Result<Option<TransportCharset>, &str> {
        for parameter in value.split(';').skip(1) {
            let Some((name, declared)) = parameter.split_once('=') else {
                continue;
            };
            if !name.trim().eq_ignore_ascii_case("charset") {
                continue;
            }
            let declared = declared.trim();
            let declared = declared
                .strip_prefix('"')
                .and_then(|d| d.strip_suffix('"'))
                .unwrap_or(declared);
            return TransportCharset::parse(declared).map(Some).ok_or(declared);
        }
        Ok(None)
    }

    /// Decodes bytes in this charset, appending to `out`; `false` (and `out` partly written)
    /// for invalid UTF-8 or a byte Windows-1252 leaves undefined.
    pub(crate) fn decode_into(self, bytes: &[u8], out: &mut String) -> bool {
        if bytes.is_ascii() {
            // ASCII is the same in all three; from_utf8 cannot fail here.
            return core::str::from_utf8(bytes).is_ok_and(|s| {
                out.push_str(s);
                true
            });
        }
        match self {
            TransportCharset::Utf8 => core::str::from_utf8(bytes).is_ok_and(|s| {
                out.push_str(s);
                true
            }),
            TransportCharset::Iso8859_1 => {
                out.extend(bytes.iter().map(|&b| char::from(b)));
                true
            }
            TransportCharset::Windows1252 => bytes.iter().all(|&b| match windows1252_char(b) {
                Some(c) => {
                    out.push(c);
                    true
                }
                None => false,
            }),
        }
    }

    /// Encodes `text` in this charset, appending to `out`.
    ///
    /// # Errors
    ///
    /// The first character the charset has no byte for.
    pub(crate) fn encode(self, text: &str, out: &mut Vec<u8>) -> Result<(), char> {
        if self == TransportCharset::Utf8 {
            out.extend_from_slice(text.as_bytes());
            return Ok(());
        }
        for ch in text.chars() {
            let byte = match self {
                TransportCharset::Windows1252 => windows1252_byte(ch),
                _ => u8::try_from(u32::from(ch)).ok(),
            };
            out.push(byte.ok_or(ch)?);
        }
        Ok(())
    }
}

impl fmt::Display for TransportCharset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Windows-1252 characters for bytes 0x80..=0x9F (`None`: undefined), from the Unicode
/// consortium's mapping table `cp1252.txt`.
const WINDOWS_1252_HIGH: [Option<char>; 32] = [
    Some('\u{20AC}'),
    None,
    Some('\u{201A}'),
    Some('\u{0192}'),
    Some('\u{201E}'),
    Some('\u{2026}'),
    Some('\u{2020}'),
    Some('\u{2021}'),
    Some('\u{02C6}'),
    Some('\u{2030}'),
    Some('\u{0160}'),
    Some('\u{2039}'),
    Some('\u{0152}'),
    None,
    Some('\u{017D}'),
    None,
    None,
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201C}'),
    Some('\u{201D}'),
    Some('\u{2022}'),
    Some('\u{2013}'),
    Some('\u{2014}'),
    Some('\u{02DC}'),
    Some('\u{2122}'),
    Some('\u{0161}'),
    Some('\u{203A}'),
    Some('\u{0153}'),
    None,
    Some('\u{017E}'),
    Some('\u{0178}'),
];

/// The character a Windows-1252 byte stands for; `None` for the five bytes it leaves undefined.
pub(crate) fn windows1252_char(byte: u8) -> Option<char> {
    match byte {
        0x80..=0x9F => WINDOWS_1252_HIGH
            .get(usize::from(byte - 0x80))
            .copied()
            .flatten(),
        _ => Some(char::from(byte)),
    }
}

fn windows1252_byte(ch: char) -> Option<u8> {
    let code = u32::from(ch);
    if code < 0x80 || (0xA0..=0xFF).contains(&code) {
        return u8::try_from(code).ok();
    }
    let at = WINDOWS_1252_HIGH.iter().position(|&c| c == Some(ch))?;
    u8::try_from(at).ok().map(|i| 0x80 + i)
}

/// Feeds `text` to `sink` encoded in `charset`, without allocating: runs of characters that are
/// the same in both charsets go through as one slice.
///
/// Returns the first character ISO-8859-1 cannot encode.
pub(crate) fn encode_into(
    charset: Charset,
    text: &str,
    sink: &mut impl FnMut(&[u8]),
) -> Result<(), char> {
    if charset == Charset::Utf8 || text.is_ascii() {
        sink(text.as_bytes());
        return Ok(());
    }
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().take_while(u8::is_ascii).count();
        let (run, tail) = rest.split_at(ascii);
        if !run.is_empty() {
            sink(run.as_bytes());
        }
        let mut chars = tail.chars();
        if let Some(ch) = chars.next() {
            let byte = u8::try_from(u32::from(ch)).map_err(|_| ch)?;
            sink(&[byte]);
        }
        rest = chars.as_str();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows1252_round_trip_and_gaps() {
        for b in 0u8..=255 {
            match windows1252_char(b) {
                Some(c) => assert_eq!(windows1252_byte(c), Some(b)),
                None => assert!([0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(&b)),
            }
        }
        assert_eq!(windows1252_char(0x80), Some('€'));
        assert_eq!(windows1252_char(0x9F), Some('Ÿ'));
        assert_eq!(windows1252_byte('\u{0081}'), None);
        // C1 controls are not Windows-1252 characters: U+0080 is not the byte 0x80 (that is €).
        for code in 0x80..0xA0 {
            assert_eq!(
                windows1252_byte(char::from_u32(code).unwrap()),
                None,
                "U+{code:04X}"
            );
        }
        assert_eq!(windows1252_byte('\u{7F}'), Some(0x7F));
        assert_eq!(windows1252_byte('\u{A0}'), Some(0xA0));
    }

    #[test]
    fn latin1_encoding() {
        let mut out = Vec::new();
        encode_into(Charset::Iso8859_1, "aé€", &mut |b| {
            out.extend_from_slice(b)
        })
        .unwrap_err();
        out.clear();
        encode_into(Charset::Iso8859_1, "aéÿb", &mut |b| {
            out.extend_from_slice(b)
        })
        .unwrap();
        assert_eq!(out, b"a\xE9\xFFb");
    }
}
