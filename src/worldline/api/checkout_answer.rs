//! The answers of `POST hostedcheckouts` and `GET hostedcheckouts/{id}`.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Deserialize;

use crate::worldline::api::answer::{ApiResponse, Sealed, read_answer};
use crate::worldline::api::error::ResponseError;
use crate::worldline::api::json::json;
use crate::worldline::api::return_mac::ReturnMac;
use crate::worldline::api::validate::on_payment_host;
use crate::worldline::event::{ObjectView, RawObject, view};
use crate::worldline::hosts::DirectHost;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCreate {
    hosted_checkout_id: Option<String>,
    #[serde(rename = "RETURNMAC")]
    returnmac: Option<ReturnMac>,
    redirect_url: Option<String>,
    partial_redirect_url: Option<String>,
    merchant_reference: Option<String>,
    invalid_tokens: Option<Vec<String>>,
}

/// The answer of `POST /v2/{merchantId}/hostedcheckouts`: fields from sdk-python3
/// `onlinepayments/sdk/domain/create_hosted_checkout_response.py`. Store
/// `hosted_checkout_id` and `return_mac` with the order (privately), then send the customer to
/// `redirect_url`.
///
/// ```
/// use ogone::worldline::{CreateHostedCheckoutResponse, DirectHost};
/// let body = br#"{"RETURNMAC":"ab874513-9f40-4ca0-a7c7-8dc14bc4e09d","hostedCheckoutId":"4306873688","merchantReference":"1234","partialRedirectUrl":"preprod.direct.worldline-solutions.com/hostedcheckout/PaymentMethods/Selection/ca5387a6432e47ed9e2ad17b27bf8385","redirectUrl":"https://payment.preprod.direct.worldline-solutions.com/hostedcheckout/PaymentMethods/Selection/ca5387a6432e47ed9e2ad17b27bf8385"}"#;
/// let created = CreateHostedCheckoutResponse::parse(201, body, DirectHost::Test)?;
/// assert_eq!(created.hosted_checkout_id, "4306873688");
/// assert!(CreateHostedCheckoutResponse::parse(201, body, DirectHost::Production).is_err());
/// # Ok::<(), ogone::worldline::ResponseError>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CreateHostedCheckoutResponse {
    /// `hostedCheckoutId`.
    pub hosted_checkout_id: String,
    /// `RETURNMAC`: store it; it comes back in the return URL's query.
    pub return_mac: ReturnMac,
    /// `redirectUrl`: where to send the customer. [`parse`](Self::parse) checked its host.
    pub redirect_url: String,
    /// `partialRedirectUrl` (without `https://payment.`), as received; not checked.
    pub partial_redirect_url: Option<String>,
    /// `merchantReference`.
    pub merchant_reference: Option<String>,
    /// `invalidTokens`: tokens of the request that cannot be used in this session.
    pub invalid_tokens: Vec<String>,
}

impl Sealed for CreateHostedCheckoutResponse {}

impl ApiResponse for CreateHostedCheckoutResponse {
    fn from_body(body: &[u8]) -> Result<Self, ResponseError> {
        let raw: RawCreate = json(body)?;
        Ok(CreateHostedCheckoutResponse {
            hosted_checkout_id: raw
                .hosted_checkout_id
                .ok_or(ResponseError::MissingField("hostedCheckoutId"))?,
            return_mac: raw
                .returnmac
                .ok_or(ResponseError::MissingField("RETURNMAC"))?,
            redirect_url: raw
                .redirect_url
                .ok_or(ResponseError::MissingField("redirectUrl"))?,
            partial_redirect_url: raw.partial_redirect_url,
            merchant_reference: raw.merchant_reference,
            invalid_tokens: raw.invalid_tokens.unwrap_or_default(),
        })
    }
}

impl CreateHostedCheckoutResponse {
    /// Reads the answer (see [`read_answer`](crate::worldline::read_answer)) and checks that
    /// `redirectUrl` is `https://` on the payment host of `host`
    /// (`payment[.preprod].direct.worldline-solutions.com`, the form the hosted pages are
    /// served from): exactly that host, no userinfo, no port, a path.
    ///
    /// ```
    /// use ogone::worldline::{CreateHostedCheckoutResponse, DirectHost, ResponseError};
    /// let body = br#"{"RETURNMAC":"m","hostedCheckoutId":"1","redirectUrl":"https://payment.preprod.direct.worldline-solutions.com.evil.com/x"}"#;
    /// let err = CreateHostedCheckoutResponse::parse(200, body, DirectHost::Test).unwrap_err();
    /// assert_eq!(err, ResponseError::RedirectOffHost);
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`read_answer`](crate::worldline::read_answer);
    /// [`ResponseError::MissingField`] without `hostedCheckoutId`, `RETURNMAC` or
    /// `redirectUrl`; [`ResponseError::RedirectOffHost`].
    pub fn parse(status: u16, body: &[u8], host: DirectHost) -> Result<Self, ResponseError> {
        let created: CreateHostedCheckoutResponse = read_answer(status, body)?;
        if on_payment_host(&created.redirect_url, host) {
            Ok(created)
        } else {
            Err(ResponseError::RedirectOffHost)
        }
    }
}

/// `status` of a hosted checkout (sdk-python3
/// `onlinepayments/sdk/domain/get_hosted_checkout_response.py`).
///
/// ```
/// use ogone::worldline::HostedCheckoutStatus;
/// assert_eq!(HostedCheckoutStatus::from_api("PAYMENT_CREATED"), HostedCheckoutStatus::PaymentCreated);
/// assert_eq!(HostedCheckoutStatus::from_api("NEW"), HostedCheckoutStatus::Other("NEW".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HostedCheckoutStatus {
    /// `IN_PROGRESS`: the checkout has not finished.
    InProgress,
    /// `PAYMENT_CREATED`: a payment was created (see its own status).
    PaymentCreated,
    /// `CANCELLED_BY_CONSUMER`: cancelled by the customer, or expired.
    CancelledByConsumer,
    /// Any other value, as received.
    Other(String),
}

impl HostedCheckoutStatus {
    /// Classifies the API's value.
    ///
    /// ```
    /// use ogone::worldline::HostedCheckoutStatus;
    /// assert_eq!(HostedCheckoutStatus::from_api("IN_PROGRESS"), HostedCheckoutStatus::InProgress);
    /// ```
    #[must_use]
    pub fn from_api(value: &str) -> Self {
        match value {
            "IN_PROGRESS" => HostedCheckoutStatus::InProgress,
            "PAYMENT_CREATED" => HostedCheckoutStatus::PaymentCreated,
            "CANCELLED_BY_CONSUMER" => HostedCheckoutStatus::CancelledByConsumer,
            other => HostedCheckoutStatus::Other(String::from(other)),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCreatedPaymentOutput {
    payment: Option<RawObject>,
    payment_status_category: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawGet {
    status: Option<String>,
    created_payment_output: Option<RawCreatedPaymentOutput>,
}

/// The answer of `GET /v2/{merchantId}/hostedcheckouts/{hostedCheckoutId}`: fields from
/// sdk-python3 `onlinepayments/sdk/domain/get_hosted_checkout_response.py` and
/// `created_payment_output.py`; the payment is read into the same [`ObjectView`] as a webhook
/// event's (`payment_response.py`, `payment_output.py`, `payment_status_output.py`).
///
/// ```
/// use ogone::worldline::{GetHostedCheckoutResponse, HostedCheckoutStatus, StatusCode};
/// let body = br#"{"status":"PAYMENT_CREATED","createdPaymentOutput":{"payment":{"id":"4311628069_0","status":"CAPTURED","statusOutput":{"statusCode":9}},"paymentStatusCategory":"SUCCESSFUL"}}"#;
/// let got = GetHostedCheckoutResponse::parse(200, body)?;
/// assert_eq!(got.status, HostedCheckoutStatus::PaymentCreated);
/// let payment = got.payment.unwrap();
/// assert_eq!(payment.status_code, Some(StatusCode::classify(9)));
/// # Ok::<(), ogone::worldline::ResponseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct GetHostedCheckoutResponse {
    /// `status`.
    pub status: HostedCheckoutStatus,
    /// `createdPaymentOutput.payment`, when a payment was created.
    pub payment: Option<ObjectView>,
    /// `createdPaymentOutput.paymentStatusCategory` (e.g. `SUCCESSFUL`), as received.
    pub payment_status_category: Option<String>,
}

impl Sealed for GetHostedCheckoutResponse {}

impl ApiResponse for GetHostedCheckoutResponse {
    fn from_body(body: &[u8]) -> Result<Self, ResponseError> {
        let raw: RawGet = json(body)?;
        let status = raw.status.ok_or(ResponseError::MissingField("status"))?;
        let (payment, payment_status_category) = match raw.created_payment_output {
            Some(o) => (o.payment.map(view).transpose()?, o.payment_status_category),
            None => (None, None),
        };
        Ok(GetHostedCheckoutResponse {
            status: HostedCheckoutStatus::from_api(&status),
            payment,
            payment_status_category,
        })
    }
}

impl GetHostedCheckoutResponse {
    /// Reads the answer (see [`read_answer`](crate::worldline::read_answer)).
    ///
    /// ```
    /// use ogone::worldline::{GetHostedCheckoutResponse, ResponseError};
    /// assert_eq!(GetHostedCheckoutResponse::parse(200, b"{}").unwrap_err(), ResponseError::MissingField("status"));
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`read_answer`](crate::worldline::read_answer); `MissingField("status")`; for
    /// the payment, those of [`GetPaymentResponse::parse`](crate::worldline::GetPaymentResponse::parse)
    /// (`AmbiguousPayment`, `InvalidAmount`).
    pub fn parse(status: u16, body: &[u8]) -> Result<Self, ResponseError> {
        read_answer(status, body)
    }
}
