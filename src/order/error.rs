//! Why a verified message could not become an [`OrderUpdate`](super::update::OrderUpdate).

use crate::error::{Error, ErrorKind};

/// Why a verified message could not become an [`OrderUpdate`](super::update::OrderUpdate).
/// None of them carries a secret; none carries text of the message either (a merchant
/// reference or a payment id would be the caller's to log).
///
/// ```
/// use ogone::ErrorKind;
/// use ogone::order::OrderUpdateError;
/// assert_eq!(OrderUpdateError::MissingReference.kind(), ErrorKind::Malformed);
/// assert_eq!(OrderUpdateError::MissingReference.to_string(), "the message names no order (no ORDERID or merchantReference)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OrderUpdateError {
    /// No `ORDERID` (legacy) or `merchantReference` (Worldline), or one of only whitespace:
    /// the update cannot be routed to an order.
    #[error("the message names no order (no ORDERID or merchantReference)")]
    MissingReference,
    /// No payment or refund id, or one of only whitespace (Worldline; a legacy feedback may
    /// lack its PAYID).
    #[error("the message carries no payment or refund id")]
    MissingPaymentId,
    /// No status (`statusOutput.statusCode`).
    #[error("the message carries no status code")]
    MissingStatus,
    /// A `statusOutput.statusCode` outside the legacy STATUS table, which
    /// [`Status::supersedes`](crate::Status::supersedes) cannot order.
    #[error("the status code {0} is not one of the STATUS table")]
    UnknownStatusCode(i64),
    /// The event or answer carries no payment or refund (an event of another object, a hosted
    /// checkout still in progress).
    #[error("the message carries no payment or refund")]
    NoPayment,
    /// A legacy feedback field (STATUS, AMOUNT) could not be read.
    #[error(transparent)]
    Feedback(Error),
}

impl OrderUpdateError {
    /// The kind of failure: [`ErrorKind::Malformed`] (the message is signed but does not say
    /// what an order update needs), or the feedback error's kind.
    ///
    /// ```
    /// use ogone::{Error, ErrorKind};
    /// use ogone::order::OrderUpdateError;
    /// assert_eq!(OrderUpdateError::NoPayment.kind(), ErrorKind::Malformed);
    /// assert_eq!(OrderUpdateError::Feedback(Error::MissingField("STATUS")).kind(), ErrorKind::Malformed);
    /// ```
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            OrderUpdateError::Feedback(e) => e.kind(),
            OrderUpdateError::MissingReference
            | OrderUpdateError::MissingPaymentId
            | OrderUpdateError::MissingStatus
            | OrderUpdateError::UnknownStatusCode(_)
            | OrderUpdateError::NoPayment => ErrorKind::Malformed,
        }
    }
}
