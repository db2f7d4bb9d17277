//! The errors of building an API request and of reading an API answer.

use crate::error::ErrorKind;
use crate::worldline::api::api_error::ApiErrorResponse;
use crate::worldline::event::ObjectProblem;

/// Why a request to the Worldline Direct API could not be built. The refused value is never
/// part of the error (it may be a token or a customer's data).
///
/// ```
/// use ogone::Amount;
/// use ogone::worldline::{CreateHostedCheckoutRequest, RequestError};
/// let err = CreateHostedCheckoutRequest::builder(Amount::from_minor_units(100)?, "eur").build();
/// assert_eq!(err.unwrap_err(), RequestError::InvalidCurrency);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// The currency is not three upper-case ASCII letters (ISO 4217 alphabetic code).
    #[error("the currency code is not three upper-case letters")]
    InvalidCurrency,
    /// `order.references.merchantReference` is empty, too long, or holds a control character.
    #[error(
        "the merchant reference is empty, longer than {max} characters, or holds a control character"
    )]
    InvalidMerchantReference {
        /// The limit applied, in characters.
        max: usize,
    },
    /// `order.references.merchantParameters` holds a control character or is too long.
    #[error("the merchant parameters are longer than {max} characters or hold a control character")]
    InvalidMerchantParameters {
        /// The limit applied, in characters.
        max: usize,
    },
    /// The return URL is not `https://` (or `http://` on a loopback host), has no valid
    /// host, carries credentials, or holds a space or control character.
    #[error(
        "the return URL is not an https URL (http only on a loopback host) with a valid host: {0}"
    )]
    InvalidReturnUrl(&'static str),
    /// A locale, variant, token or payment product group is empty, or holds a character the
    /// API's comma-separated or single-value field cannot carry.
    #[error("the field {0} is empty or holds a character it cannot carry")]
    InvalidField(&'static str),
    /// An id to put in a path (`hostedcheckouts/{id}`, …) is empty, `.`/`..`, or holds
    /// anything but ASCII letters, digits, `-`, `.`, `_` and `~` (so no `/`, `?`, `#`, `%`,
    /// space, control or non-ASCII character); or the merchant id is refused by
    /// [`ApiCall::new`](crate::worldline::ApiCall::new) (then the name is `merchantId`).
    #[error(
        "the {0} to put in the path is empty or holds a character other than ASCII letters, \
         digits, '-', '.', '_', '~'"
    )]
    InvalidId(&'static str),
    /// The JSON body could not be written (not expected for these types).
    #[error("the JSON body could not be written")]
    Serialize,
}

impl RequestError {
    /// How a web framework should answer this error: it is always your input's fault.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::RequestError::InvalidCurrency.kind(), ogone::ErrorKind::Configuration);
    /// ```
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::Configuration
    }
}

/// Why an answer of the Worldline Direct API could not be read. Nothing of the body is ever
/// part of the error but the API's own error answer ([`ResponseError::Api`]).
///
/// ```
/// use ogone::worldline::{GetPaymentResponse, ResponseError};
/// assert!(matches!(GetPaymentResponse::parse(200, b"{"), Err(ResponseError::InvalidJson)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseError {
    /// The body is over the size limit ([`MAX_ANSWER_BYTES`](crate::worldline::MAX_ANSWER_BYTES)).
    #[error("the answer body is over {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The body is not JSON.
    #[error("the answer body is not JSON")]
    InvalidJson,
    /// The body is JSON, but not an object, or a field this crate reads has another type than
    /// the API reference gives it.
    #[error("the answer is not the object the API describes (a field has another type)")]
    WrongShape,
    /// A field the answer must have is missing.
    #[error("the answer lacks the field {0}")]
    MissingField(&'static str),
    /// A non-2xx status with a body that is not the API's error answer.
    #[error("the API answered HTTP {status} without an error object")]
    UnexpectedStatus {
        /// The HTTP status.
        status: u16,
    },
    /// The API's error answer.
    #[error(transparent)]
    Api(ApiErrorResponse),
    /// The payment carries both `paymentOutput` and `refundOutput`, so two amounts and
    /// references: which one holds is ambiguous.
    #[error("the answer's payment carries both paymentOutput and refundOutput")]
    AmbiguousPayment,
    /// The payment's `amountOfMoney.amount` is not an [`Amount`](crate::Amount): the reason is
    /// `"negative"`, `"not written as an integer"` or `"above 99999999999 minor units
    /// (999999999.99)"`.
    #[error("the answer's amount is {0}")]
    InvalidAmount(&'static str),
    /// The hosted checkout's `redirectUrl` is not an `https://` URL on the payment host of
    /// the [`DirectHost`](crate::worldline::DirectHost) used: do not send a customer there.
    #[error("the redirect URL is not on the Worldline payment host of the environment used")]
    RedirectOffHost,
}

impl From<ObjectProblem> for ResponseError {
    fn from(problem: ObjectProblem) -> ResponseError {
        match problem {
            ObjectProblem::TwoOutputs => ResponseError::AmbiguousPayment,
            ObjectProblem::Amount(reason) => ResponseError::InvalidAmount(reason),
        }
    }
}

impl ResponseError {
    /// How a web framework should answer this error (your server talked to Worldline: the
    /// customer should see a 5xx whatever went wrong).
    ///
    /// ```
    /// use ogone::{ErrorKind, worldline::ResponseError};
    /// assert_eq!(ResponseError::InvalidJson.kind(), ErrorKind::Malformed);
    /// assert_eq!(ResponseError::TooLarge { limit: 1 }.kind(), ErrorKind::TooLarge);
    /// assert_eq!(ResponseError::RedirectOffHost.kind(), ErrorKind::NotAuthentic);
    /// ```
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            ResponseError::TooLarge { .. } => ErrorKind::TooLarge,
            ResponseError::RedirectOffHost => ErrorKind::NotAuthentic,
            ResponseError::InvalidJson
            | ResponseError::WrongShape
            | ResponseError::MissingField(_)
            | ResponseError::AmbiguousPayment
            | ResponseError::InvalidAmount(_)
            | ResponseError::UnexpectedStatus { .. }
            | ResponseError::Api(_) => ErrorKind::Malformed,
        }
    }
}
