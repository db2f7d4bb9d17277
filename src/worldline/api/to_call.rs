//! Each typed request as the [`ApiCall`] to sign: method, `/v2/{merchantId}/…` path, and for a
//! POST its JSON body.

use crate::worldline::api::error::RequestError;
use crate::worldline::api::hosted_checkout::{CreateHostedCheckoutRequest, GetHostedCheckout};
use crate::worldline::api::hosted_tokenization::{
    CreateHostedTokenizationRequest, GetHostedTokenization,
};
use crate::worldline::api::payment::GetPayment;
use crate::worldline::call::{ApiCall, Method};
use crate::worldline::error::Error;

/// [`ApiCall::new`]'s refusal as a [`RequestError`]: the paths built here hold only checked
/// ids, so what it can refuse is the merchant id.
fn call(method: Method, merchant_id: &str, path: &str) -> Result<ApiCall, RequestError> {
    ApiCall::new(method, merchant_id, path).map_err(|e| match e {
        Error::InvalidMerchantId => RequestError::InvalidId("merchantId"),
        _ => RequestError::InvalidId("path"),
    })
}

impl CreateHostedCheckoutRequest {
    /// `POST /v2/{merchant_id}/hostedcheckouts` with this JSON body, to sign. Add an
    /// idempotence key with [`ApiCall::with_idempotence_key`] if you retry.
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::worldline::{ApiKey, CreateHostedCheckoutRequest, Method, ResourceMode};
    /// let call = CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1500)?, "EUR")
    ///     .build()?
    ///     .to_call("MyPSPID")?;
    /// assert_eq!((call.method(), call.resource()), (Method::Post, "/v2/MyPSPID/hostedcheckouts"));
    /// let signed = call.sign(&ApiKey::parse("apiKeyId", "secretApiKey")?, 1_402_061_983, ResourceMode::Strict)?;
    /// assert_eq!(signed.body(), br#"{"order":{"amountOfMoney":{"amount":1500,"currencyCode":"EUR"}}}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidId`]`("merchantId")` for a merchant id [`ApiCall::new`] refuses.
    pub fn to_call(&self, merchant_id: &str) -> Result<ApiCall, RequestError> {
        Ok(call(Method::Post, merchant_id, Self::PATH)?.with_json_body(self.to_json()?))
    }
}

impl CreateHostedTokenizationRequest {
    /// `POST /v2/{merchant_id}/hostedtokenizations` with this JSON body, to sign.
    ///
    /// ```
    /// use ogone::worldline::{CreateHostedTokenizationRequest, Method};
    /// let call = CreateHostedTokenizationRequest::new().locale("en_GB").build()?.to_call("m1")?;
    /// assert_eq!((call.method(), call.resource()), (Method::Post, "/v2/m1/hostedtokenizations"));
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidId`]`("merchantId")` for a merchant id [`ApiCall::new`] refuses.
    pub fn to_call(&self, merchant_id: &str) -> Result<ApiCall, RequestError> {
        Ok(call(Method::Post, merchant_id, Self::PATH)?.with_json_body(self.to_json()?))
    }
}

impl GetHostedCheckout {
    /// `GET /v2/{merchant_id}/hostedcheckouts/{hostedCheckoutId}`, to sign.
    ///
    /// ```
    /// let call = ogone::worldline::GetHostedCheckout::new("4306873688")?.to_call("m1")?;
    /// assert_eq!(call.resource(), "/v2/m1/hostedcheckouts/4306873688");
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidId`]`("merchantId")` for a merchant id [`ApiCall::new`] refuses.
    pub fn to_call(&self, merchant_id: &str) -> Result<ApiCall, RequestError> {
        call(Method::Get, merchant_id, &self.path())
    }
}

impl GetHostedTokenization {
    /// `GET /v2/{merchant_id}/hostedtokenizations/{hostedTokenizationId}`, to sign.
    ///
    /// ```
    /// let call = ogone::worldline::GetHostedTokenization::new("h1")?.to_call("m1")?;
    /// assert_eq!(call.resource(), "/v2/m1/hostedtokenizations/h1");
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidId`]`("merchantId")` for a merchant id [`ApiCall::new`] refuses.
    pub fn to_call(&self, merchant_id: &str) -> Result<ApiCall, RequestError> {
        call(Method::Get, merchant_id, &self.path())
    }
}

impl GetPayment {
    /// `GET /v2/{merchant_id}/payments/{paymentId}`, to sign.
    ///
    /// ```
    /// use ogone::worldline::{GetPayment, RequestError};
    /// let call = GetPayment::new("4311628069_0")?.to_call("m1")?;
    /// assert_eq!(call.resource(), "/v2/m1/payments/4311628069_0");
    /// assert_eq!(GetPayment::new("1_0")?.to_call("a/b").unwrap_err(), RequestError::InvalidId("merchantId"));
    /// # Ok::<(), RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidId`]`("merchantId")` for a merchant id [`ApiCall::new`] refuses.
    pub fn to_call(&self, merchant_id: &str) -> Result<ApiCall, RequestError> {
        call(Method::Get, merchant_id, &self.path())
    }
}
