//! The answer of `GET payments/{paymentId}`.

use crate::worldline::api::answer::{ApiResponse, Sealed, read_answer};
use crate::worldline::api::error::ResponseError;
use crate::worldline::api::json::json;
use crate::worldline::event::{ObjectView, RawObject, view};

/// The answer of `GET /v2/{merchantId}/payments/{paymentId}`: a payment (sdk-python3
/// `onlinepayments/sdk/domain/payment_response.py`, `payment_output.py`,
/// `payment_status_output.py`), read into the same [`ObjectView`] as a webhook event's.
///
/// ```
/// use ogone::worldline::{GetPaymentResponse, StatusCode};
/// let body = br#"{"id":"4311628069_0","status":"PENDING_CAPTURE","statusOutput":{"statusCode":5},"paymentOutput":{"amountOfMoney":{"amount":10,"currencyCode":"EUR"},"references":{"merchantReference":"o-1"}}}"#;
/// let got = GetPaymentResponse::parse(200, body)?;
/// assert_eq!(got.payment.amount, Some(ogone::Amount::from_minor_units(10)?));
/// assert_eq!(got.payment.status_code, Some(StatusCode::classify(5)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct GetPaymentResponse {
    /// The payment.
    pub payment: ObjectView,
}

impl Sealed for GetPaymentResponse {}

impl ApiResponse for GetPaymentResponse {
    fn from_body(body: &[u8]) -> Result<Self, ResponseError> {
        let raw: RawObject = json(body)?;
        Ok(GetPaymentResponse {
            payment: view(raw)?,
        })
    }
}

impl GetPaymentResponse {
    /// Reads the answer (see [`read_answer`](crate::worldline::read_answer)).
    ///
    /// ```
    /// use ogone::worldline::{GetPaymentResponse, ResponseError};
    /// assert!(GetPaymentResponse::parse(200, br#"{"statusOutput":{"statusCode":"9"}}"#).is_err());
    /// let negative = br#"{"paymentOutput":{"amountOfMoney":{"amount":-5,"currencyCode":"EUR"}}}"#;
    /// assert_eq!(GetPaymentResponse::parse(200, negative), Err(ResponseError::InvalidAmount("negative")));
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`read_answer`](crate::worldline::read_answer);
    /// [`ResponseError::AmbiguousPayment`] for a payment with both `paymentOutput` and
    /// `refundOutput`; [`ResponseError::InvalidAmount`] for an amount that is negative, not
    /// written as an integer or above [`MAX_MINOR_UNITS`](crate::MAX_MINOR_UNITS).
    pub fn parse(status: u16, body: &[u8]) -> Result<Self, ResponseError> {
        read_answer(status, body)
    }
}

impl From<GetPaymentResponse> for ObjectView {
    fn from(answer: GetPaymentResponse) -> ObjectView {
        answer.payment
    }
}
