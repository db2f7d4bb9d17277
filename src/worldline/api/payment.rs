//! `GET payments/{paymentId}`: the typed request.

use alloc::string::String;

use crate::worldline::api::error::RequestError;
use crate::worldline::api::validate::path_id;

/// `GET /v2/{merchantId}/payments/{paymentId}` (sdk-python3
/// `onlinepayments/sdk/merchant/payments/payments_client.py`). A payment id looks like
/// `4306873688_0` (the legacy PAYID and a suffix).
///
/// ```
/// let get = ogone::worldline::GetPayment::new("4311628069_0")?;
/// assert_eq!(get.path(), "payments/4311628069_0");
/// assert!(ogone::worldline::GetPayment::new("1/refunds").is_err());
/// # Ok::<(), ogone::worldline::RequestError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetPayment {
    id: String,
}

impl GetPayment {
    /// The read of payment `id`.
    ///
    /// ```
    /// assert!(ogone::worldline::GetPayment::new("").is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidId`] for an empty id, `.`, `..`, or one with a character other
    /// than ASCII letters, digits, `-`, `.`, `_` and `~` (`/`, `?`, `#`, `%`, a space, …).
    pub fn new(id: &str) -> Result<Self, RequestError> {
        Ok(GetPayment {
            id: path_id(id, "paymentId")?,
        })
    }

    /// The resource, relative to `/v2/{merchantId}/`.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::GetPayment::new("1_0")?.path(), "payments/1_0");
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    #[must_use]
    pub fn path(&self) -> String {
        alloc::format!("payments/{}", self.id)
    }
}
