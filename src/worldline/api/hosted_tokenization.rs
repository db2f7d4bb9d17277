//! `POST hostedtokenizations` and `GET hostedtokenizations/{hostedTokenizationId}`: the typed
//! requests.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;

use crate::worldline::api::error::RequestError;
use crate::worldline::api::validate::{path_id, word};

/// `restrictTo` / `exclude` of a hosted tokenization (sdk-python3
/// `onlinepayments/sdk/domain/payment_product_filter_hosted_tokenization.py`: products only).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenizationFilter {
    products: Vec<i32>,
}

/// `paymentProductFilters` (sdk-python3
/// `onlinepayments/sdk/domain/payment_product_filters_hosted_tokenization.py`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenizationFilters {
    #[serde(skip_serializing_if = "Option::is_none")]
    exclude: Option<TokenizationFilter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    restrict_to: Option<TokenizationFilter>,
}

/// The body of `POST /v2/{merchantId}/hostedtokenizations`: fields from sdk-python3
/// `onlinepayments/sdk/domain/create_hosted_tokenization_request.py` (`askConsumerConsent`,
/// `locale`, `paymentProductFilters`, `tokens`, `variant`; not `creditCardSpecificInput`).
/// Fields in the SDK's (alphabetical) order, absent ones left out.
///
/// ```
/// use ogone::worldline::CreateHostedTokenizationRequest;
/// let r = CreateHostedTokenizationRequest::new()
///     .ask_consumer_consent(true)
///     .locale("en_GB")
///     .restrict_to_product(1)
///     .build()?;
/// assert_eq!(
///     r.to_json()?,
///     br#"{"askConsumerConsent":true,"locale":"en_GB","paymentProductFilters":{"restrictTo":{"products":[1]}}}"#
/// );
/// # Ok::<(), ogone::worldline::RequestError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[must_use]
pub struct CreateHostedTokenizationRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    ask_consumer_consent: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_product_filters: Option<TokenizationFilters>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    variant: Option<String>,
    #[serde(skip)]
    token_list: Vec<String>,
}

impl CreateHostedTokenizationRequest {
    /// The resource, relative to `/v2/{merchantId}/`.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::CreateHostedTokenizationRequest::PATH, "hostedtokenizations");
    /// ```
    pub const PATH: &'static str = "hostedtokenizations";

    /// An empty request (every field optional).
    ///
    /// ```
    /// let r = ogone::worldline::CreateHostedTokenizationRequest::new().build()?;
    /// assert_eq!(r.to_json()?, b"{}");
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    pub fn new() -> Self {
        CreateHostedTokenizationRequest::default()
    }

    /// `askConsumerConsent`: show a checkbox asking to store the card (the legacy
    /// ALIAS.STOREPERMANENTLY).
    ///
    /// ```
    /// let r = ogone::worldline::CreateHostedTokenizationRequest::new().ask_consumer_consent(false).build()?;
    /// assert_eq!(r.to_json()?, br#"{"askConsumerConsent":false}"#);
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    pub fn ask_consumer_consent(mut self, ask: bool) -> Self {
        self.ask_consumer_consent = Some(ask);
        self
    }

    /// `locale`, e.g. `en_GB`.
    ///
    /// ```
    /// let r = ogone::worldline::CreateHostedTokenizationRequest::new().locale("fr_FR").build()?;
    /// assert_eq!(r.to_json()?, br#"{"locale":"fr_FR"}"#);
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// `variant`: the template's file name.
    ///
    /// ```
    /// let r = ogone::worldline::CreateHostedTokenizationRequest::new().variant("t.html").build()?;
    /// assert_eq!(r.to_json()?, br#"{"variant":"t.html"}"#);
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    pub fn variant(mut self, variant: impl Into<String>) -> Self {
        self.variant = Some(variant.into());
        self
    }

    /// Adds a token to `tokens` (comma-separated): stored cards to offer.
    ///
    /// ```
    /// let r = ogone::worldline::CreateHostedTokenizationRequest::new().token_to_offer("a").token_to_offer("b").build()?;
    /// assert_eq!(r.to_json()?, br#"{"tokens":"a,b"}"#);
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    pub fn token_to_offer(mut self, token: impl Into<String>) -> Self {
        self.token_list.push(token.into());
        self
    }

    /// Adds a product id to `paymentProductFilters.restrictTo.products`.
    ///
    /// ```
    /// let r = ogone::worldline::CreateHostedTokenizationRequest::new().restrict_to_product(3).build()?;
    /// assert_eq!(r.to_json()?, br#"{"paymentProductFilters":{"restrictTo":{"products":[3]}}}"#);
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    pub fn restrict_to_product(mut self, product_id: i32) -> Self {
        let filters = self
            .payment_product_filters
            .get_or_insert_with(Default::default);
        filters
            .restrict_to
            .get_or_insert_with(Default::default)
            .products
            .push(product_id);
        self
    }

    /// Adds a product id to `paymentProductFilters.exclude.products`.
    ///
    /// ```
    /// let r = ogone::worldline::CreateHostedTokenizationRequest::new().exclude_product(3).build()?;
    /// assert_eq!(r.to_json()?, br#"{"paymentProductFilters":{"exclude":{"products":[3]}}}"#);
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    pub fn exclude_product(mut self, product_id: i32) -> Self {
        let filters = self
            .payment_product_filters
            .get_or_insert_with(Default::default);
        filters
            .exclude
            .get_or_insert_with(Default::default)
            .products
            .push(product_id);
        self
    }

    /// Checks the values (locale, variant and tokens: non-empty, no comma, space or control
    /// character).
    ///
    /// ```
    /// use ogone::worldline::{CreateHostedTokenizationRequest, RequestError};
    /// let r = CreateHostedTokenizationRequest::new().token_to_offer("").build();
    /// assert_eq!(r.unwrap_err(), RequestError::InvalidField("tokens"));
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidField`] naming the field.
    pub fn build(mut self) -> Result<Self, RequestError> {
        if let Some(l) = &self.locale {
            word(l, "locale")?;
        }
        if let Some(v) = &self.variant {
            word(v, "variant")?;
        }
        for t in &self.token_list {
            word(t, "tokens")?;
        }
        if !self.token_list.is_empty() {
            self.tokens = Some(self.token_list.join(","));
        }
        Ok(self)
    }

    /// The JSON body, as sent (call [`build`](Self::build) first: an unbuilt request leaves
    /// its tokens out).
    ///
    /// ```
    /// let r = ogone::worldline::CreateHostedTokenizationRequest::new().build()?;
    /// assert_eq!(r.to_json()?, b"{}");
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::Serialize`], not expected.
    pub fn to_json(&self) -> Result<Vec<u8>, RequestError> {
        serde_json::to_vec(self).map_err(|_| RequestError::Serialize)
    }
}

/// `GET /v2/{merchantId}/hostedtokenizations/{hostedTokenizationId}` (sdk-python3
/// `onlinepayments/sdk/merchant/hostedtokenization/hosted_tokenization_client.py`).
///
/// ```
/// let get = ogone::worldline::GetHostedTokenization::new("08a1b2c3")?;
/// assert_eq!(get.path(), "hostedtokenizations/08a1b2c3");
/// # Ok::<(), ogone::worldline::RequestError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetHostedTokenization {
    id: String,
}

impl GetHostedTokenization {
    /// The read of hosted tokenization session `id`.
    ///
    /// ```
    /// assert!(ogone::worldline::GetHostedTokenization::new("a?b").is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidId`] for an empty id, `.`, `..`, or one with a character other
    /// than ASCII letters, digits, `-`, `.`, `_` and `~` (`/`, `?`, `#`, `%`, a space, …).
    pub fn new(id: &str) -> Result<Self, RequestError> {
        Ok(GetHostedTokenization {
            id: path_id(id, "hostedTokenizationId")?,
        })
    }

    /// The resource, relative to `/v2/{merchantId}/`.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::GetHostedTokenization::new("x")?.path(), "hostedtokenizations/x");
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    #[must_use]
    pub fn path(&self) -> String {
        alloc::format!("hostedtokenizations/{}", self.id)
    }
}
