//! The answers of `POST hostedtokenizations` and `GET hostedtokenizations/{id}`.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Deserialize;

use crate::worldline::api::answer::{ApiResponse, Sealed, read_answer};
use crate::worldline::api::error::ResponseError;
use crate::worldline::api::json::json;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCreate {
    hosted_tokenization_id: Option<String>,
    hosted_tokenization_url: Option<String>,
    partial_redirect_url: Option<String>,
    sri: Option<String>,
    invalid_tokens: Option<Vec<String>>,
    expired_card_tokens: Option<Vec<String>>,
}

/// The answer of `POST /v2/{merchantId}/hostedtokenizations`: fields from sdk-python3
/// `onlinepayments/sdk/domain/create_hosted_tokenization_response.py`. The URL is for the
/// JavaScript Tokenizer (an iframe); this crate does not check its host.
///
/// ```
/// use ogone::worldline::CreateHostedTokenizationResponse;
/// let got = CreateHostedTokenizationResponse::parse(200, br#"{"hostedTokenizationId":"h1","hostedTokenizationUrl":"https://payment.preprod.direct.worldline-solutions.com/hostedtokenization/x","sri":"sha384-x"}"#)?;
/// assert_eq!(got.hosted_tokenization_id, "h1");
/// # Ok::<(), ogone::worldline::ResponseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CreateHostedTokenizationResponse {
    /// `hostedTokenizationId`.
    pub hosted_tokenization_id: String,
    /// `hostedTokenizationUrl`.
    pub hosted_tokenization_url: String,
    /// `partialRedirectUrl` (deprecated by the API).
    pub partial_redirect_url: Option<String>,
    /// `sri`: the Subresource Integrity hash of the Tokenizer script.
    pub sri: Option<String>,
    /// `invalidTokens`.
    pub invalid_tokens: Vec<String>,
    /// `expiredCardTokens`.
    pub expired_card_tokens: Vec<String>,
}

impl Sealed for CreateHostedTokenizationResponse {}

impl ApiResponse for CreateHostedTokenizationResponse {
    fn from_body(body: &[u8]) -> Result<Self, ResponseError> {
        let raw: RawCreate = json(body)?;
        Ok(CreateHostedTokenizationResponse {
            hosted_tokenization_id: raw
                .hosted_tokenization_id
                .ok_or(ResponseError::MissingField("hostedTokenizationId"))?,
            hosted_tokenization_url: raw
                .hosted_tokenization_url
                .ok_or(ResponseError::MissingField("hostedTokenizationUrl"))?,
            partial_redirect_url: raw.partial_redirect_url,
            sri: raw.sri,
            invalid_tokens: raw.invalid_tokens.unwrap_or_default(),
            expired_card_tokens: raw.expired_card_tokens.unwrap_or_default(),
        })
    }
}

impl CreateHostedTokenizationResponse {
    /// Reads the answer (see [`read_answer`](crate::worldline::read_answer)).
    ///
    /// ```
    /// use ogone::worldline::{CreateHostedTokenizationResponse, ResponseError};
    /// let e = CreateHostedTokenizationResponse::parse(200, br#"{"hostedTokenizationId":"h1"}"#).unwrap_err();
    /// assert_eq!(e, ResponseError::MissingField("hostedTokenizationUrl"));
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`read_answer`](crate::worldline::read_answer); `MissingField` without the id
    /// or the URL.
    pub fn parse(status: u16, body: &[u8]) -> Result<Self, ResponseError> {
        read_answer(status, body)
    }
}

/// `tokenStatus` (sdk-python3 `onlinepayments/sdk/domain/get_hosted_tokenization_response.py`).
///
/// ```
/// use ogone::worldline::TokenStatus;
/// assert_eq!(TokenStatus::from_api("CREATED"), TokenStatus::Created);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenStatus {
    /// `UNCHANGED`.
    Unchanged,
    /// `CREATED`.
    Created,
    /// `UPDATED`.
    Updated,
    /// Any other value, as received.
    Other(String),
}

impl TokenStatus {
    /// Classifies the API's value.
    ///
    /// ```
    /// use ogone::worldline::TokenStatus;
    /// assert_eq!(TokenStatus::from_api("x"), TokenStatus::Other("x".into()));
    /// ```
    #[must_use]
    pub fn from_api(value: &str) -> Self {
        match value {
            "UNCHANGED" => TokenStatus::Unchanged,
            "CREATED" => TokenStatus::Created,
            "UPDATED" => TokenStatus::Updated,
            other => TokenStatus::Other(String::from(other)),
        }
    }
}

/// The token of a hosted tokenization: fields from sdk-python3
/// `onlinepayments/sdk/domain/token_response.py` (`id`, `paymentProductId`, `isTemporary`;
/// the card details are not read).
///
/// ```
/// let got = ogone::worldline::GetHostedTokenizationResponse::parse(200, br#"{"token":{"id":"t1","isTemporary":false},"tokenStatus":"CREATED"}"#)?;
/// assert_eq!(got.token.unwrap().id.as_deref(), Some("t1"));
/// # Ok::<(), ogone::worldline::ResponseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TokenView {
    /// `id`: use it as `cardPaymentMethodSpecificInput.token`.
    pub id: Option<String>,
    /// `paymentProductId`.
    pub payment_product_id: Option<i32>,
    /// `isTemporary`: a temporary token lives two hours and serves once.
    pub is_temporary: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawGet {
    token: Option<TokenView>,
    token_status: Option<String>,
}

/// The answer of `GET /v2/{merchantId}/hostedtokenizations/{hostedTokenizationId}`: fields
/// from sdk-python3 `onlinepayments/sdk/domain/get_hosted_tokenization_response.py`.
///
/// ```
/// use ogone::worldline::{GetHostedTokenizationResponse, TokenStatus};
/// let got = GetHostedTokenizationResponse::parse(200, br#"{"tokenStatus":"UNCHANGED"}"#)?;
/// assert_eq!(got.token_status, Some(TokenStatus::Unchanged));
/// # Ok::<(), ogone::worldline::ResponseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct GetHostedTokenizationResponse {
    /// `token`.
    pub token: Option<TokenView>,
    /// `tokenStatus`.
    pub token_status: Option<TokenStatus>,
}

impl Sealed for GetHostedTokenizationResponse {}

impl ApiResponse for GetHostedTokenizationResponse {
    fn from_body(body: &[u8]) -> Result<Self, ResponseError> {
        let raw: RawGet = json(body)?;
        Ok(GetHostedTokenizationResponse {
            token: raw.token,
            token_status: raw.token_status.as_deref().map(TokenStatus::from_api),
        })
    }
}

impl GetHostedTokenizationResponse {
    /// Reads the answer (see [`read_answer`](crate::worldline::read_answer)).
    ///
    /// ```
    /// assert!(ogone::worldline::GetHostedTokenizationResponse::parse(200, br#"{"token":{"id":5}}"#).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`read_answer`](crate::worldline::read_answer).
    pub fn parse(status: u16, body: &[u8]) -> Result<Self, ResponseError> {
        read_answer(status, body)
    }
}
