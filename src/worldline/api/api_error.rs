//! The API's error answer.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::Deserialize;

/// One entry of `errors[]`: fields from sdk-python3 `onlinepayments/sdk/domain/api_error.py`.
///
/// ```
/// use ogone::worldline::{GetPaymentResponse, ResponseError, read_answer};
/// let body = br#"{"errorId":"x","errors":[{"code":"21000020","httpStatusCode":400}]}"#;
/// let Err(ResponseError::Api(e)) = read_answer::<GetPaymentResponse>(400, body) else { panic!() };
/// assert_eq!(e.errors.first().and_then(|e| e.code.as_deref()), Some("21000020"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ApiError {
    /// `category`: `DIRECT_PLATFORM_ERROR`, `PAYMENT_PLATFORM_ERROR` or `IO_ERROR`.
    pub category: Option<String>,
    /// `code` (deprecated by the API in favour of `errorCode`).
    pub code: Option<String>,
    /// `errorCode`.
    pub error_code: Option<String>,
    /// `httpStatusCode`.
    pub http_status_code: Option<u16>,
    /// `id`: a short human-readable name of the error.
    pub id: Option<String>,
    /// `message`: not to be shown to the customer (the API says it may help fraudsters).
    pub message: Option<String>,
    /// `propertyName`: the request field at fault, as a JSONata path.
    pub property_name: Option<String>,
    /// `retriable`: the same request may be sent again, with a new idempotence key.
    pub retriable: Option<bool>,
}

/// The API's error answer (`errorId`, `errors[]`; sdk-python3
/// `onlinepayments/sdk/domain/error_response.py`) with the HTTP status it came with. Its
/// `Display` names the status, `errorId` and the first error's code and id, never a message.
///
/// ```
/// use ogone::worldline::{ApiErrorResponse, GetPaymentResponse, ResponseError};
/// let body = br#"{"errorId":"fbff1179-7ba4-4894-9021-d8a0011d23a7","errors":[{"code":"9999","message":"UNKNOWN_SERVER_ERROR","httpStatusCode":500}]}"#;
/// let Err(ResponseError::Api(e)) = GetPaymentResponse::parse(500, body) else { panic!() };
/// assert_eq!(e.status, 500);
/// assert_eq!(e.to_string(), "the Worldline API answered HTTP 500 (errorId fbff1179-7ba4-4894-9021-d8a0011d23a7, code 9999)");
/// let _: &dyn std::error::Error = &e;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiErrorResponse {
    /// The HTTP status of the answer.
    pub status: u16,
    /// `errorId`: quote it to Worldline's support.
    pub error_id: Option<String>,
    /// `errors`.
    pub errors: Vec<ApiError>,
}

impl fmt::Display for ApiErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the Worldline API answered HTTP {}", self.status)?;
        let first = self.errors.first();
        let code = first.and_then(|e| e.error_code.as_deref().or(e.code.as_deref()));
        let id = first.and_then(|e| e.id.as_deref());
        let mut parts: Vec<(&str, &str)> = Vec::new();
        if let Some(v) = self.error_id.as_deref() {
            parts.push(("errorId", v));
        }
        if let Some(v) = code {
            parts.push(("code", v));
        }
        if let Some(v) = id {
            parts.push(("id", v));
        }
        let printable = |v: &str| {
            v.chars()
                .filter(|c| !c.is_control())
                .take(64)
                .collect::<String>()
        };
        for (i, (name, value)) in parts.iter().enumerate() {
            let sep = if i == 0 { " (" } else { ", " };
            write!(f, "{sep}{name} {}", printable(value))?;
        }
        if !parts.is_empty() {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl core::error::Error for ApiErrorResponse {}
