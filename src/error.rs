//! The crate's error type.

use alloc::string::String;

use crate::charset::TransportCharset;

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
        /// The name as given (with its characters escaped when printed).
        name: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Two parameters have the same name once upper-cased (parameter pollution).
    #[error("duplicate parameter {0:?}")]
    DuplicateName(String),
    /// A value holds a character the hashing charset (ISO-8859-1) cannot encode.
    #[error("parameter {name:?} holds {ch:?} (U+{code:04X}), which ISO-8859-1 cannot encode", code = u32::from(*ch))]
    Unencodable {
        /// The parameter whose value holds the character.
        name: String,
        /// The character.
        ch: char,
    },
    /// The value of a secret parameter (`PSWD`) holds a character the charset cannot encode.
    /// Which character is not said: it would be a piece of the password.
    #[error("parameter {name:?} holds a character the charset cannot encode")]
    SecretUnencodable {
        /// The parameter.
        name: String,
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
        field: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// The signature does not match. Deliberately says nothing more.
    #[error("signature mismatch")]
    Mismatch,
}

impl Error {
    /// [`Error::DuplicateName`] for the upper-case `name`. Every construction goes through here
    /// so that how a name is kept in an error is decided in one place.
    pub(crate) fn duplicate_name(name: &str) -> Error {
        Error::DuplicateName(String::from(name))
    }

    /// [`Error::InvalidName`] for `name`, with the reason.
    pub(crate) fn invalid_name(name: &str, reason: &'static str) -> Error {
        Error::InvalidName {
            name: String::from(name),
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
