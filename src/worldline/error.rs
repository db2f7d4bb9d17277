//! The errors of the Worldline Direct module.

use alloc::string::String;

use crate::error::ErrorKind;

/// Why a Worldline Direct request could not be signed or a webhook was refused.
///
/// `Display` never contains a secret nor the received signature.
///
/// ```
/// use ogone::worldline::{ApiKey, Error};
/// let err = ApiKey::parse(" ", "secret").unwrap_err();
/// assert_eq!(err, Error::BlankKeyId);
/// assert_eq!(err.kind(), ogone::ErrorKind::Configuration);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A key id is empty or only whitespace.
    #[error("the Worldline key id is blank")]
    BlankKeyId,
    /// A key id holds a byte outside visible ASCII (0x21-0x7E), or a `:`: it cannot be put in
    /// a header as is.
    #[error("the Worldline key id holds a byte that is not visible ASCII, or a ':'")]
    InvalidKeyId,
    /// A secret is empty or only whitespace.
    #[error("the Worldline secret is blank")]
    BlankSecret,
    /// The HMAC implementation refused the secret. HMAC takes keys of any length, so this is
    /// not expected; it exists so that no MAC is ever made without a keyed state.
    #[error("the HMAC-SHA256 implementation refused the Worldline secret")]
    SecretRejected,
    /// The HTTP method is empty or not an HTTP token.
    #[error("the HTTP method is blank or not a token")]
    InvalidMethod,
    /// A header name or value cannot be put on one line of the string to sign.
    #[error("the header {name} cannot be signed (bad name or a control character in its value)")]
    InvalidHeader {
        /// The header's name, lower-cased.
        name: String,
    },
    /// A timestamp outside years 0000-9999 has no IMF-fixdate (four-digit year).
    #[error("the timestamp is outside years 0000-9999, which an IMF-fixdate can show")]
    DateOutOfRange,
    /// The canonical resource does not start with `/`.
    #[error("the canonical resource must start with '/'")]
    ResourceNotAbsolute,
    /// Strict mode: the resource holds a byte on which the SDKs disagree.
    #[error(
        "the canonical resource has a byte at offset {offset} outside the set every SDK signs \
         alike; choose ResourceMode::Raw or ResourceMode::Decoded explicitly"
    )]
    AmbiguousResource {
        /// The byte offset in the resource.
        offset: usize,
    },
    /// The resource holds a control character, or (decoded mode) a bad escape or non-UTF-8.
    #[error("the canonical resource has an invalid byte or escape at offset {offset}")]
    InvalidResource {
        /// The byte offset in the resource.
        offset: usize,
    },
    /// A webhook header is missing.
    #[error("the webhook header {0} is missing")]
    MissingHeader(&'static str),
    /// A webhook header occurs more than once.
    #[error("the webhook header {0} occurs more than once")]
    DuplicatedHeader(&'static str),
    /// No webhook secret is known for the received key id.
    #[error("no webhook secret is known for the received key id")]
    UnknownKeyId,
    /// The received signature is not canonical padded base64 of 32 bytes.
    #[error("the webhook signature is not padded base64 of a 32-byte HMAC-SHA256")]
    MalformedSignature,
    /// The signature does not match the body.
    #[error("the webhook signature does not match the body")]
    Mismatch,
    /// The body is not a JSON webhook event.
    #[error("the webhook body is not a valid event: {0}")]
    InvalidEvent(&'static str),
    /// The event's `apiVersion` is not `v1`.
    #[error("the webhook event's apiVersion is not v1")]
    ApiVersion,
    /// The event's `id`, its de-duplication key, is empty or only whitespace.
    #[error("the webhook event id is blank")]
    BlankEventId,
    /// The event carries two things of which only one can be read: `"payment and refund"`
    /// (both objects), or `"paymentOutput and refundOutput"` (an object with both outputs,
    /// so two amounts and references).
    #[error("the webhook event carries both {0}: which one to read is ambiguous")]
    AmbiguousEvent(&'static str),
    /// The object's `amountOfMoney.amount` is not an [`Amount`](crate::Amount): the reason is
    /// `"negative"`, `"not written as an integer"` or `"above 99999999999 minor units
    /// (999999999.99)"`.
    #[error("the webhook event's amount is {0}")]
    InvalidAmount(&'static str),
    /// A merchant id is blank, or holds a `/`, `?`, `#` or a control character.
    #[error("the merchant id is blank or holds '/', '?', '#' or a control character")]
    InvalidMerchantId,
    /// An API call's path holds a byte a request target cannot carry as sent (a space, `#`, a
    /// control character, non-ASCII, …).
    #[error("the API path has a byte at offset {offset} that a request target cannot carry")]
    InvalidPath {
        /// The byte offset in the path.
        offset: usize,
    },
    /// The `http` crate refused to build the request (feature `http`; e.g. a URL longer than
    /// it takes).
    #[error("the http crate refused to build the request")]
    HttpRequest,
    /// A received `Authorization` header is not `GCS v1HMAC:<key id>:<signature>` (the
    /// stand-in verifier, [`direct_stand_in`](crate::direct_stand_in)).
    #[error("the Authorization header is not GCS v1HMAC:<key id>:<signature>")]
    MalformedAuthorization,
}

impl Error {
    /// How a web framework should answer this error.
    ///
    /// ```
    /// use ogone::{ErrorKind, worldline::Error};
    /// assert_eq!(Error::Mismatch.kind(), ErrorKind::NotAuthentic);
    /// assert_eq!(Error::ApiVersion.kind(), ErrorKind::Malformed);
    /// ```
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::BlankKeyId
            | Error::InvalidKeyId
            | Error::BlankSecret
            | Error::SecretRejected
            | Error::InvalidMethod
            | Error::InvalidHeader { .. }
            | Error::DateOutOfRange
            | Error::ResourceNotAbsolute
            | Error::AmbiguousResource { .. }
            | Error::InvalidResource { .. }
            | Error::InvalidMerchantId
            | Error::InvalidPath { .. }
            | Error::HttpRequest => ErrorKind::Configuration,
            Error::MissingHeader(_)
            | Error::DuplicatedHeader(_)
            | Error::UnknownKeyId
            | Error::MalformedSignature
            | Error::Mismatch
            | Error::MalformedAuthorization => ErrorKind::NotAuthentic,
            Error::InvalidEvent(_)
            | Error::ApiVersion
            | Error::BlankEventId
            | Error::AmbiguousEvent(_)
            | Error::InvalidAmount(_) => ErrorKind::Malformed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Error;

    /// The variant's name. No wildcard: a new variant does not compile until it is named here,
    /// and `VARIANTS` in tests/worldline.rs (which reaches each one through the public API and
    /// checks its kind and HTTP status) must then name it too.
    fn name(e: &Error) -> &'static str {
        match e {
            Error::BlankKeyId => "BlankKeyId",
            Error::InvalidKeyId => "InvalidKeyId",
            Error::BlankSecret => "BlankSecret",
            Error::SecretRejected => "SecretRejected",
            Error::InvalidMethod => "InvalidMethod",
            Error::InvalidHeader { .. } => "InvalidHeader",
            Error::DateOutOfRange => "DateOutOfRange",
            Error::ResourceNotAbsolute => "ResourceNotAbsolute",
            Error::AmbiguousResource { .. } => "AmbiguousResource",
            Error::InvalidResource { .. } => "InvalidResource",
            Error::MissingHeader(_) => "MissingHeader",
            Error::DuplicatedHeader(_) => "DuplicatedHeader",
            Error::UnknownKeyId => "UnknownKeyId",
            Error::MalformedSignature => "MalformedSignature",
            Error::Mismatch => "Mismatch",
            Error::InvalidEvent(_) => "InvalidEvent",
            Error::ApiVersion => "ApiVersion",
            Error::BlankEventId => "BlankEventId",
            Error::AmbiguousEvent(_) => "AmbiguousEvent",
            Error::InvalidAmount(_) => "InvalidAmount",
            Error::InvalidMerchantId => "InvalidMerchantId",
            Error::InvalidPath { .. } => "InvalidPath",
            Error::HttpRequest => "HttpRequest",
            Error::MalformedAuthorization => "MalformedAuthorization",
        }
    }

    #[test]
    fn the_integration_test_lists_every_variant() {
        let listed = include_str!("../../tests/worldline.rs");
        let samples = [
            Error::BlankKeyId,
            Error::InvalidKeyId,
            Error::BlankSecret,
            Error::SecretRejected,
            Error::InvalidMethod,
            Error::InvalidHeader { name: "x".into() },
            Error::DateOutOfRange,
            Error::ResourceNotAbsolute,
            Error::AmbiguousResource { offset: 0 },
            Error::InvalidResource { offset: 0 },
            Error::MissingHeader("x"),
            Error::DuplicatedHeader("x"),
            Error::UnknownKeyId,
            Error::MalformedSignature,
            Error::Mismatch,
            Error::InvalidEvent("x"),
            Error::ApiVersion,
            Error::BlankEventId,
            Error::AmbiguousEvent("x"),
            Error::InvalidAmount("x"),
            Error::InvalidMerchantId,
            Error::InvalidPath { offset: 0 },
            Error::HttpRequest,
            Error::MalformedAuthorization,
        ];
        for sample in &samples {
            let quoted = alloc::format!("    \"{}\",\n", name(sample));
            assert!(
                listed.contains(&quoted),
                "tests/worldline.rs: VARIANTS lacks {quoted}"
            );
        }
        assert!(listed.contains(&alloc::format!("const VARIANTS: [&str; {}]", samples.len())));
    }
}
