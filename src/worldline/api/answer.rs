//! Reading an API answer: the size limit, the JSON, and the split between a typed answer and
//! the API's error answer.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Deserialize;

use crate::worldline::api::api_error::{ApiError, ApiErrorResponse};
use crate::worldline::api::error::ResponseError;
use crate::worldline::api::json::{MAX_ANSWER_BYTES, json};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawErrorResponse {
    error_id: Option<String>,
    errors: Option<Vec<ApiError>>,
}

/// The API's error answer in `body`, if it is one (an object with `errorId` or `errors`).
fn api_error(status: u16, body: &[u8]) -> Option<ApiErrorResponse> {
    let raw: RawErrorResponse = json(body).ok()?;
    if raw.error_id.is_none() && raw.errors.is_none() {
        return None;
    }
    Some(ApiErrorResponse {
        status,
        error_id: raw.error_id,
        errors: raw.errors.unwrap_or_default(),
    })
}

mod sealed {
    pub trait Sealed {}
}
pub(crate) use sealed::Sealed;

/// An answer type of the API that [`read_answer`] can produce. Sealed: implemented by this
/// crate's answer types only.
///
/// ```
/// fn read<T: ogone::worldline::ApiResponse>(status: u16, body: &[u8]) -> bool {
///     ogone::worldline::read_answer::<T>(status, body).is_ok()
/// }
/// assert!(read::<ogone::worldline::GetPaymentResponse>(200, br#"{"id":"1_0"}"#));
/// ```
pub trait ApiResponse: Sized + Sealed {
    /// Reads a 2xx answer's body (the size was checked).
    ///
    /// # Errors
    ///
    /// [`ResponseError::InvalidJson`], [`ResponseError::WrongShape`],
    /// [`ResponseError::MissingField`].
    fn from_body(body: &[u8]) -> Result<Self, ResponseError>;
}

/// Reads any answer: a 2xx status gives the typed answer `T`; any other status the API's
/// error answer ([`ResponseError::Api`]) or, if the body is not one,
/// [`ResponseError::UnexpectedStatus`]. A body over [`MAX_ANSWER_BYTES`] is refused before
/// parsing. Unknown fields are tolerated; a known field of another type is refused.
///
/// ```
/// use ogone::worldline::{GetPaymentResponse, ResponseError, read_answer};
/// let ok: GetPaymentResponse = read_answer(200, br#"{"id":"1_0","status":"CAPTURED","newField":[1]}"#)?;
/// assert_eq!(ok.payment.status.as_deref(), Some("CAPTURED"));
/// let bad = read_answer::<GetPaymentResponse>(200, br#"{"id":1}"#);
/// assert_eq!(bad.unwrap_err(), ResponseError::WrongShape);
/// let html = read_answer::<GetPaymentResponse>(502, b"<html>Bad gateway</html>");
/// assert_eq!(html.unwrap_err(), ResponseError::UnexpectedStatus { status: 502 });
/// # Ok::<(), ResponseError>(())
/// ```
///
/// # Errors
///
/// As above.
pub fn read_answer<T: ApiResponse>(status: u16, body: &[u8]) -> Result<T, ResponseError> {
    if body.len() > MAX_ANSWER_BYTES {
        return Err(ResponseError::TooLarge {
            limit: MAX_ANSWER_BYTES,
        });
    }
    if (200..300).contains(&status) {
        T::from_body(body)
    } else {
        match api_error(status, body) {
            Some(e) => Err(ResponseError::Api(e)),
            None => Err(ResponseError::UnexpectedStatus { status }),
        }
    }
}
