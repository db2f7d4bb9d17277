//! The crate's error type.

use alloc::string::String;
use core::fmt;
use core::ops::Deref;

use crate::charset::TransportCharset;

/// The most bytes of a name (or origin) an error keeps: enough for any real Ogone parameter name.
const KEPT: usize = 64;

/// A name as an error reports it: at most 64 bytes, kept inline (building an error never
/// allocates). A longer name, which no real Ogone parameter has, is cut at a character boundary
/// and shown with a trailing `…`, so a hostile 60 KB name is not echoed into logs.
///
/// It reads as a `&str` and compares with one.
///
/// ```
/// use ogone::{Error, Params, TransportCharset};
///
/// let body = format!("{}=1&{}=2", "A".repeat(40), "a".repeat(40));
/// let Err(Error::DuplicateName(name)) = Params::parse_form(body.as_bytes(), TransportCharset::Utf8)
/// else { panic!("a duplicate") };
/// assert_eq!(name, "A".repeat(40).as_str());
/// assert!(!name.is_cut());
///
/// let long = "X".repeat(100);
/// let cut = ogone::FieldName::new(&long);
/// assert_eq!(cut.len(), 64);
/// assert!(cut.is_cut());
/// assert_eq!(cut.to_string(), format!("{}…", "X".repeat(64)));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldName {
    bytes: [u8; KEPT],
    len: u8,
    cut: bool,
}

impl FieldName {
    /// Keeps `name`, cut to 64 bytes at a character boundary.
    ///
    /// ```
    /// let name = ogone::FieldName::new("ORDERID");
    /// assert_eq!(name, "ORDERID");
    /// assert_eq!(format!("{name:?}"), "\"ORDERID\"");
    /// ```
    #[must_use]
    pub fn new(name: &str) -> Self {
        let mut end = name.len().min(KEPT);
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        let mut bytes = [0u8; KEPT];
        let kept = name.as_bytes().get(..end).unwrap_or_default();
        for (slot, byte) in bytes.iter_mut().zip(kept) {
            *slot = *byte;
        }
        FieldName {
            bytes,
            len: u8::try_from(end).unwrap_or(0),
            cut: end < name.len(),
        }
    }

    /// The name as kept (without the `…` of a cut one).
    ///
    /// ```
    /// assert_eq!(ogone::FieldName::new("CN").as_str(), "CN");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        let kept = self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        // Cut at a character boundary of a `str`: always valid UTF-8.
        core::str::from_utf8(kept).unwrap_or_default()
    }

    /// Whether the name was longer than 64 bytes and has been cut.
    ///
    /// ```
    /// assert!(ogone::FieldName::new(&"é".repeat(40)).is_cut());
    /// assert!(!ogone::FieldName::new("ORDERID").is_cut());
    /// ```
    #[must_use]
    pub fn is_cut(&self) -> bool {
        self.cut
    }
}

impl Deref for FieldName {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for FieldName {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for FieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())?;
        if self.cut {
            f.write_str("…")?;
        }
        Ok(())
    }
}

impl fmt::Debug for FieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.cut {
            write!(f, "\"{}…\"", self.as_str().escape_debug())
        } else {
            fmt::Debug::fmt(self.as_str(), f)
        }
    }
}

impl From<&str> for FieldName {
    fn from(name: &str) -> Self {
        FieldName::new(name)
    }
}

impl From<String> for FieldName {
    fn from(name: String) -> Self {
        FieldName::new(&name)
    }
}

impl From<&String> for FieldName {
    fn from(name: &String) -> Self {
        FieldName::new(name)
    }
}

impl PartialEq<str> for FieldName {
    fn eq(&self, other: &str) -> bool {
        !self.cut && self.as_str() == other
    }
}

impl PartialEq<&str> for FieldName {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

/// Everything that can go wrong, as a value. No variant carries a passphrase, a password or the
/// string that was hashed.
///
/// ```
/// use ogone::{Error, Params, TransportCharset};
///
/// // Parameter pollution: the same name twice, in another case.
/// let polluted = Params::parse_form(b"orderID=12&ORDERID=13", TransportCharset::Utf8);
/// assert_eq!(polluted, Err(Error::DuplicateName("ORDERID".into())));
/// assert_eq!(Error::Mismatch.to_string(), "signature mismatch");
/// let boxed: Box<dyn std::error::Error> = Box::new(Error::MissingSignature);
/// assert_eq!(boxed.to_string(), "no SHASIGN parameter to verify");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter name is empty, not ASCII, or holds a control character, `=` or `&`.
    #[error("invalid parameter name {name:?}: {reason}")]
    InvalidName {
        /// The name as given, cut to 64 bytes (its characters escaped when printed).
        name: FieldName,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Two parameters have the same name once upper-cased (parameter pollution).
    #[error("duplicate parameter {0:?}")]
    DuplicateName(FieldName),
    /// A value holds a character the hashing charset (ISO-8859-1) cannot encode.
    #[error("parameter {name:?} holds {ch:?} (U+{code:04X}), which ISO-8859-1 cannot encode", code = u32::from(*ch))]
    Unencodable {
        /// The parameter whose value holds the character.
        name: FieldName,
        /// The character.
        ch: char,
    },
    /// The value of a secret parameter (`PSWD`) holds a character the charset cannot encode.
    /// Which character is not said: it would be a piece of the password.
    #[error("parameter {name:?} holds a character the charset cannot encode")]
    SecretUnencodable {
        /// The parameter.
        name: FieldName,
    },
    /// The passphrase holds a character the hashing charset (ISO-8859-1) cannot encode.
    #[error("the passphrase holds a character ISO-8859-1 cannot encode")]
    PassphraseUnencodable,
    /// A `%` is not followed by two hexadecimal digits.
    #[error("malformed percent-escape at byte {offset}")]
    MalformedEscape {
        /// Byte offset of the `%` in the input.
        offset: usize,
    },
    /// A decoded byte sequence is not valid in the transport charset.
    #[error("invalid {charset} byte sequence in the name or value at byte {offset}")]
    InvalidEncoding {
        /// The transport charset the bytes were decoded with.
        charset: TransportCharset,
        /// Byte offset in the input of the name or value holding the sequence.
        offset: usize,
    },
    /// The input exceeds the size limit.
    #[error("input of {len} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// The input's length in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The input holds more parameters than the limit.
    #[error("input holds more than {limit} parameters")]
    TooManyParams {
        /// The limit.
        limit: usize,
    },
    /// A received signature has the wrong number of hex digits for the algorithm.
    #[error("signature has {found} characters, {expected} expected")]
    SignatureLength {
        /// Hex digits the algorithm produces (40, 64 or 128).
        expected: usize,
        /// Characters received.
        found: usize,
    },
    /// A received signature holds a character that is not a hex digit.
    #[error("signature is not hexadecimal")]
    SignatureNotHex,
    /// The parameter set carries no `SHASIGN` (nor `SHASIGNATURE.SHASIGN`) to verify.
    #[error("no SHASIGN parameter to verify")]
    MissingSignature,
    /// The parameter set carries both `SHASIGN` and `SHASIGNATURE.SHASIGN`: which one counts
    /// would be a guess.
    #[error("both SHASIGN and SHASIGNATURE.SHASIGN are present")]
    TwoSignatures,
    /// A field a feedback or request needs is missing.
    #[error("missing field {0}")]
    MissingField(&'static str),
    /// A field's value is not valid.
    #[error("invalid {field}: {reason}")]
    InvalidField {
        /// The field's name, as Ogone spells it.
        field: FieldName,
        /// What is wrong.
        reason: &'static str,
    },
    /// No parameter of the set would be hashed: none is on the list (or every such value is
    /// empty). The string to sign is then empty (in the legacy scheme, the passphrase alone) and
    /// its digest a constant, no proof of anything: such a set is never verified.
    #[error("no parameter is covered by the signature")]
    NothingSigned,
    /// A field a verified feedback cannot be without is present but not covered by the
    /// signature (not on the verifier's list, or not a field of the legacy scheme).
    #[error("field {0} is not covered by the signature")]
    UnsignedField(&'static str),
    /// A [`Platform::Custom`](crate::Platform::Custom) origin that is not a plain `https://host`
    /// origin (or `http://` on a loopback host).
    #[error("custom platform origin {origin:?} {reason}")]
    InvalidOrigin {
        /// The origin as configured, cut to 64 bytes.
        origin: FieldName,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A feedback request with another method than GET, HEAD or POST (cut to 64 bytes, quoted
    /// and escaped when printed, as the media type is: a method cannot break a log line).
    ///
    /// ```
    /// let e = ogone::Error::UnsupportedMethod("PUT\r\nINFO forged".into());
    /// assert_eq!(e.to_string(), r#"feedback comes as GET or POST, not "PUT\r\nINFO forged""#);
    /// ```
    #[error("feedback comes as GET or POST, not {0:?}")]
    UnsupportedMethod(FieldName),
    /// A feedback POST whose body is not `application/x-www-form-urlencoded`.
    #[error("feedback body of type {0:?}, application/x-www-form-urlencoded expected")]
    UnsupportedMediaType(FieldName),
    /// A `charset` this crate cannot decode (UTF-8, ISO-8859-1 and Windows-1252 it can).
    #[error("unsupported charset {0:?}")]
    UnsupportedCharset(FieldName),
    /// The signature does not match. Deliberately says nothing more.
    #[error("signature mismatch")]
    Mismatch,
}

/// What kind of failure an [`Error`] is, with the HTTP status a web handler should answer:
/// map every error of the crate in one line.
///
/// ```
/// use ogone::{Error, ErrorKind};
///
/// assert_eq!(Error::Mismatch.kind(), ErrorKind::NotAuthentic);
/// assert_eq!(Error::Mismatch.kind().http_status(), 403);
/// assert_eq!(Error::TooLarge { len: 70_000, limit: 65_536 }.kind().http_status(), 413);
/// assert_eq!(Error::MalformedEscape { offset: 3 }.kind().http_status(), 400);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not well formed (bad escape, encoding or name, duplicate, missing or invalid
    /// field): 400 Bad Request.
    Malformed,
    /// The input is not proven to come from the platform (no, two, malformed or wrong
    /// signature; nothing or not the needed fields signed): 403 Forbidden.
    NotAuthentic,
    /// The input is over a size or count limit: 413 Content Too Large.
    TooLarge,
    /// The request's method is not GET, HEAD or POST: 405 Method Not Allowed.
    MethodNotAllowed,
    /// The body's media type or charset is one this crate does not read: 415 Unsupported Media
    /// Type.
    Unsupported,
    /// The fault is in your configuration, not in the input (a passphrase or custom origin
    /// that cannot work): 500 Internal Server Error.
    Configuration,
}

impl ErrorKind {
    /// The HTTP status code to answer with: 400, 403, 413, 405, 415 or 500.
    ///
    /// ```
    /// assert_eq!(ogone::ErrorKind::Configuration.http_status(), 500);
    /// ```
    #[must_use]
    pub fn http_status(self) -> u16 {
        match self {
            ErrorKind::Malformed => 400,
            ErrorKind::NotAuthentic => 403,
            ErrorKind::TooLarge => 413,
            ErrorKind::MethodNotAllowed => 405,
            ErrorKind::Unsupported => 415,
            ErrorKind::Configuration => 500,
        }
    }
}

impl Error {
    /// The kind of failure, with its suggested HTTP status.
    ///
    /// ```
    /// use ogone::{Error, ErrorKind};
    ///
    /// assert_eq!(Error::NothingSigned.kind(), ErrorKind::NotAuthentic);
    /// assert_eq!(Error::MissingField("STATUS").kind(), ErrorKind::Malformed);
    /// assert_eq!(Error::PassphraseUnencodable.kind(), ErrorKind::Configuration);
    /// ```
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidName { .. }
            | Error::DuplicateName(_)
            | Error::Unencodable { .. }
            | Error::SecretUnencodable { .. }
            | Error::MalformedEscape { .. }
            | Error::InvalidEncoding { .. }
            | Error::MissingField(_)
            | Error::InvalidField { .. } => ErrorKind::Malformed,
            Error::SignatureLength { .. }
            | Error::SignatureNotHex
            | Error::MissingSignature
            | Error::TwoSignatures
            | Error::NothingSigned
            | Error::UnsignedField(_)
            | Error::Mismatch => ErrorKind::NotAuthentic,
            Error::TooLarge { .. } | Error::TooManyParams { .. } => ErrorKind::TooLarge,
            Error::UnsupportedMethod(_) => ErrorKind::MethodNotAllowed,
            Error::UnsupportedMediaType(_) | Error::UnsupportedCharset(_) => ErrorKind::Unsupported,
            Error::PassphraseUnencodable | Error::InvalidOrigin { .. } => ErrorKind::Configuration,
        }
    }

    /// [`Error::DuplicateName`] for the upper-case `name`. Every construction goes through here
    /// so that how a name is kept in an error is decided in one place.
    pub(crate) fn duplicate_name(name: &str) -> Error {
        Error::DuplicateName(FieldName::new(name))
    }

    /// [`Error::InvalidName`] for `name`, with the reason.
    pub(crate) fn invalid_name(name: &str, reason: &'static str) -> Error {
        Error::InvalidName {
            name: FieldName::new(name),
            reason,
        }
    }
}

#[cfg(feature = "std")]
impl From<Error> for std::io::Error {
    /// An [`std::io::ErrorKind::InvalidData`] error carrying this one, for handlers that speak
    /// `std::io` (feature `std`).
    ///
    /// ```
    /// let e: std::io::Error = ogone::Error::Mismatch.into();
    /// assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
    /// assert_eq!(e.to_string(), "signature mismatch");
    /// ```
    fn from(error: Error) -> Self {
        std::io::Error::new(std::io::ErrorKind::InvalidData, error)
    }
}
