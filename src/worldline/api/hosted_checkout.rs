//! `POST hostedcheckouts` and `GET hostedcheckouts/{hostedCheckoutId}`: the typed requests.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;

use crate::protocol::amount::Amount;
use crate::worldline::api::error::RequestError;
use crate::worldline::api::validate::{
    MAX_MERCHANT_PARAMETERS_CHARS, MAX_MERCHANT_REFERENCE_CHARS, currency, path_id, return_url,
    text, word,
};

/// `cardPaymentMethodSpecificInput.authorizationMode`: the values listed in sdk-python3
/// `onlinepayments/sdk/domain/card_payment_method_specific_input_base.py`. Left out, the
/// platform authorises (Direct docs, "Transfer Back Office settings").
///
/// ```
/// use ogone::worldline::AuthorizationMode;
/// assert_eq!(AuthorizationMode::Sale.as_str(), "SALE");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum AuthorizationMode {
    /// `FINAL_AUTHORIZATION`: ready for capture, for the full amount, within 7 days.
    #[serde(rename = "FINAL_AUTHORIZATION")]
    FinalAuthorization,
    /// `PRE_AUTHORIZATION`: can be captured for less, within 30 days, or reversed.
    #[serde(rename = "PRE_AUTHORIZATION")]
    PreAuthorization,
    /// `SALE`: captured at approval.
    #[serde(rename = "SALE")]
    Sale,
}

impl AuthorizationMode {
    /// The value as the API spells it.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::AuthorizationMode::PreAuthorization.as_str(), "PRE_AUTHORIZATION");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorizationMode::FinalAuthorization => "FINAL_AUTHORIZATION",
            AuthorizationMode::PreAuthorization => "PRE_AUTHORIZATION",
            AuthorizationMode::Sale => "SALE",
        }
    }
}

/// `amountOfMoney` (sdk-python3 `onlinepayments/sdk/domain/amount_of_money.py`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AmountOfMoney {
    pub(crate) amount: u64,
    pub(crate) currency_code: String,
}

/// `order.references` (sdk-python3 `onlinepayments/sdk/domain/order_references.py`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OrderReferences {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) merchant_parameters: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) merchant_reference: Option<String>,
}

/// `order` (sdk-python3 `onlinepayments/sdk/domain/order.py`; only these two of its fields).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Order {
    pub(crate) amount_of_money: AmountOfMoney,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) references: Option<OrderReferences>,
}

/// `restrictTo` / `exclude` (sdk-python3 `onlinepayments/sdk/domain/payment_product_filter.py`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ProductFilter {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) groups: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) products: Vec<i32>,
}

impl ProductFilter {
    fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.products.is_empty()
    }
}

/// `paymentProductFilters` (sdk-python3
/// `onlinepayments/sdk/domain/payment_product_filters_hosted_checkout.py`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ProductFilters {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) exclude: Option<ProductFilter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) restrict_to: Option<ProductFilter>,
}

/// `hostedCheckoutSpecificInput` (sdk-python3
/// `onlinepayments/sdk/domain/hosted_checkout_specific_input.py`; these of its fields).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct HostedCheckoutSpecificInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) locale: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) payment_product_filters: Option<ProductFilters>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) return_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) show_result_page: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tokens: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) variant: Option<String>,
}

/// `cardPaymentMethodSpecificInput` (sdk-python3
/// `onlinepayments/sdk/domain/card_payment_method_specific_input_base.py`; these of its fields).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CardInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) authorization_mode: Option<AuthorizationMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tokenize: Option<bool>,
}

/// The body of `POST /v2/{merchantId}/hostedcheckouts`: fields from sdk-python3
/// `onlinepayments/sdk/domain/create_hosted_checkout_request.py` and the classes it names
/// (`order.py`, `amount_of_money.py`, `order_references.py`,
/// `hosted_checkout_specific_input.py`, `payment_product_filters_hosted_checkout.py`,
/// `card_payment_method_specific_input_base.py`), the subset a hosted page needs. The JSON
/// is deterministic: fields in the SDK's (alphabetical) order, absent ones left out.
///
/// ```
/// use ogone::Amount;
/// use ogone::worldline::{AuthorizationMode, CreateHostedCheckoutRequest};
/// let request = CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1500)?, "EUR")
///     .merchant_reference("order-1234")
///     .return_url("https://shop.example.com/return")
///     .authorization_mode(AuthorizationMode::Sale)
///     .build()?;
/// assert_eq!(
///     String::from_utf8(request.to_json()?)?,
///     r#"{"cardPaymentMethodSpecificInput":{"authorizationMode":"SALE"},"hostedCheckoutSpecificInput":{"returnUrl":"https://shop.example.com/return"},"order":{"amountOfMoney":{"amount":1500,"currencyCode":"EUR"},"references":{"merchantReference":"order-1234"}}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateHostedCheckoutRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    card_payment_method_specific_input: Option<CardInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hosted_checkout_specific_input: Option<HostedCheckoutSpecificInput>,
    order: Order,
}

impl CreateHostedCheckoutRequest {
    /// Starts a request for `amount` (minor units, as the API's `amount`) in `currency`.
    ///
    /// ```
    /// use ogone::Amount;
    /// let b = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR");
    /// assert!(b.build().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(amount: Amount, currency: impl Into<String>) -> HostedCheckoutBuilder {
        HostedCheckoutBuilder {
            amount,
            currency: currency.into(),
            merchant_reference: None,
            merchant_parameters: None,
            hosted: HostedCheckoutSpecificInput::default(),
            tokens: Vec::new(),
            restrict_to: ProductFilter::default(),
            exclude: ProductFilter::default(),
            card: CardInput::default(),
        }
    }

    /// The JSON body, as sent.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR").build()?;
    /// assert_eq!(r.to_json()?, br#"{"order":{"amountOfMoney":{"amount":1,"currencyCode":"EUR"}}}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::Serialize`], not expected.
    pub fn to_json(&self) -> Result<Vec<u8>, RequestError> {
        serde_json::to_vec(self).map_err(|_| RequestError::Serialize)
    }

    /// The resource, relative to `/v2/{merchantId}/`.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::CreateHostedCheckoutRequest::PATH, "hostedcheckouts");
    /// ```
    pub const PATH: &'static str = "hostedcheckouts";

    /// `order.amountOfMoney.amount`, in minor units.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(7)?, "EUR").build()?;
    /// assert_eq!(r.amount(), 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn amount(&self) -> u64 {
        self.order.amount_of_money.amount
    }

    /// `order.references.merchantReference`, if set.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(7)?, "EUR")
    ///     .merchant_reference("o-1").build()?;
    /// assert_eq!(r.merchant_reference(), Some("o-1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn merchant_reference(&self) -> Option<&str> {
        self.order
            .references
            .as_ref()
            .and_then(|r| r.merchant_reference.as_deref())
    }

    /// `hostedCheckoutSpecificInput.returnUrl`, if set.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(7)?, "EUR").build()?;
    /// assert_eq!(r.return_url(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn return_url(&self) -> Option<&str> {
        self.hosted_checkout_specific_input
            .as_ref()
            .and_then(|h| h.return_url.as_deref())
    }
}

/// Builds a [`CreateHostedCheckoutRequest`]; [`build`](Self::build) checks every value.
/// Setting a field again replaces it.
///
/// ```
/// use ogone::Amount;
/// use ogone::worldline::{CreateHostedCheckoutRequest, RequestError};
/// let r = CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1500)?, "EUR")
///     .return_url("http://shop.example.com/return") // plain http off loopback
///     .build();
/// assert!(matches!(r, Err(RequestError::InvalidReturnUrl(_))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct HostedCheckoutBuilder {
    amount: Amount,
    currency: String,
    merchant_reference: Option<String>,
    merchant_parameters: Option<String>,
    hosted: HostedCheckoutSpecificInput,
    tokens: Vec<String>,
    restrict_to: ProductFilter,
    exclude: ProductFilter,
    card: CardInput,
}

impl HostedCheckoutBuilder {
    /// `order.references.merchantReference` (the legacy ORDERID): non-empty, at most
    /// [`MAX_MERCHANT_REFERENCE_CHARS`](crate::worldline::MAX_MERCHANT_REFERENCE_CHARS)
    /// characters, no control character. Left out, the platform makes one up.
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::worldline::{CreateHostedCheckoutRequest, RequestError};
    /// let r = CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .merchant_reference("x".repeat(31)).build();
    /// assert_eq!(r.unwrap_err(), RequestError::InvalidMerchantReference { max: 30 });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merchant_reference(mut self, reference: impl Into<String>) -> Self {
        self.merchant_reference = Some(reference.into());
        self
    }

    /// `order.references.merchantParameters` (the legacy COMPLUS / PARAMPLUS): echoed back in
    /// GET answers and webhooks; the API forbids personal data in it.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .merchant_parameters("cart=42").build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""references":{"merchantParameters":"cart=42"}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merchant_parameters(mut self, parameters: impl Into<String>) -> Self {
        self.merchant_parameters = Some(parameters.into());
        self
    }

    /// `hostedCheckoutSpecificInput.returnUrl`: `https://`, or `http://` on a loopback host
    /// (`127.0.0.0/8` as `127.0.0.1`, `[::1]`, `localhost`), the rule of
    /// [`Platform::custom`](crate::Platform::custom). The API would also take an app's custom
    /// scheme; this crate does not.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .return_url("http://localhost:8080/return").build()?;
    /// assert_eq!(r.return_url(), Some("http://localhost:8080/return"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn return_url(mut self, url: impl Into<String>) -> Self {
        self.hosted.return_url = Some(url.into());
        self
    }

    /// `hostedCheckoutSpecificInput.locale` (the legacy LANGUAGE, e.g. `en_GB`).
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .locale("nl_NL").build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""locale":"nl_NL""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.hosted.locale = Some(locale.into());
        self
    }

    /// `hostedCheckoutSpecificInput.variant`: the file name of a template or customisation
    /// (the legacy TP / LAYOUT.TEMPLATENAME).
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .variant("shop.html").build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""variant":"shop.html""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn variant(mut self, variant: impl Into<String>) -> Self {
        self.hosted.variant = Some(variant.into());
        self
    }

    /// `hostedCheckoutSpecificInput.showResultPage`: `false` sends the customer straight back
    /// to the return URL when possible.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .show_result_page(false).build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""showResultPage":false"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn show_result_page(mut self, show: bool) -> Self {
        self.hosted.show_result_page = Some(show);
        self
    }

    /// Adds a token to `hostedCheckoutSpecificInput.tokens` (comma-separated, no spaces): the
    /// customer's stored cards to offer.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .token_to_offer("t1").token_to_offer("t2").build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""tokens":"t1,t2""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn token_to_offer(mut self, token: impl Into<String>) -> Self {
        self.tokens.push(token.into());
        self
    }

    /// Adds a payment product id to `paymentProductFilters.restrictTo.products`.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .restrict_to_product(1).restrict_to_product(3).build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""paymentProductFilters":{"restrictTo":{"products":[1,3]}}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn restrict_to_product(mut self, product_id: i32) -> Self {
        self.restrict_to.products.push(product_id);
        self
    }

    /// Adds a payment product group (the SDK names one: `cards`) to
    /// `paymentProductFilters.restrictTo.groups`.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .restrict_to_group("cards").build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""restrictTo":{"groups":["cards"]}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn restrict_to_group(mut self, group: impl Into<String>) -> Self {
        self.restrict_to.groups.push(group.into());
        self
    }

    /// Adds a payment product id to `paymentProductFilters.exclude.products`.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .exclude_product(117).build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""exclude":{"products":[117]}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn exclude_product(mut self, product_id: i32) -> Self {
        self.exclude.products.push(product_id);
        self
    }

    /// Adds a payment product group to `paymentProductFilters.exclude.groups`.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .exclude_group("cards").build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""exclude":{"groups":["cards"]}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn exclude_group(mut self, group: impl Into<String>) -> Self {
        self.exclude.groups.push(group.into());
        self
    }

    /// `cardPaymentMethodSpecificInput.authorizationMode` (the legacy OPERATION).
    ///
    /// ```
    /// use ogone::{Amount, worldline::AuthorizationMode};
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .authorization_mode(AuthorizationMode::FinalAuthorization).build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""authorizationMode":"FINAL_AUTHORIZATION""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn authorization_mode(mut self, mode: AuthorizationMode) -> Self {
        self.card.authorization_mode = Some(mode);
        self
    }

    /// `cardPaymentMethodSpecificInput.token`: the stored card to pay with (the legacy ALIAS).
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .card_token("0a1b2c").build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""cardPaymentMethodSpecificInput":{"token":"0a1b2c"}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn card_token(mut self, token: impl Into<String>) -> Self {
        self.card.token = Some(token.into());
        self
    }

    /// `cardPaymentMethodSpecificInput.tokenize`: store the card as a token. The SDK marks it
    /// deprecated for hosted checkouts (in favour of
    /// `hostedCheckoutSpecificInput.cardPaymentMethodSpecificInput.tokenizationMode`), but
    /// still sends it.
    ///
    /// ```
    /// use ogone::Amount;
    /// let r = ogone::worldline::CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .tokenize(true).build()?;
    /// assert!(String::from_utf8(r.to_json()?)?.contains(r#""tokenize":true"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tokenize(mut self, tokenize: bool) -> Self {
        self.card.tokenize = Some(tokenize);
        self
    }

    /// Checks every value and makes the request.
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::worldline::{CreateHostedCheckoutRequest, RequestError};
    /// let r = CreateHostedCheckoutRequest::builder(Amount::from_minor_units(1)?, "EUR")
    ///     .token_to_offer("a,b").build();
    /// assert_eq!(r.unwrap_err(), RequestError::InvalidField("hostedCheckoutSpecificInput.tokens"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first [`RequestError`] found: currency, merchant reference, merchant parameters,
    /// return URL, locale, variant, tokens, product groups, card token.
    pub fn build(self) -> Result<CreateHostedCheckoutRequest, RequestError> {
        currency(&self.currency)?;
        if let Some(r) = &self.merchant_reference {
            if !text(r, MAX_MERCHANT_REFERENCE_CHARS) {
                return Err(RequestError::InvalidMerchantReference {
                    max: MAX_MERCHANT_REFERENCE_CHARS,
                });
            }
        }
        if let Some(p) = &self.merchant_parameters {
            if !text(p, MAX_MERCHANT_PARAMETERS_CHARS) {
                return Err(RequestError::InvalidMerchantParameters {
                    max: MAX_MERCHANT_PARAMETERS_CHARS,
                });
            }
        }
        let mut hosted = self.hosted;
        if let Some(url) = &hosted.return_url {
            return_url(url)?;
        }
        if let Some(l) = &hosted.locale {
            word(l, "hostedCheckoutSpecificInput.locale")?;
        }
        if let Some(v) = &hosted.variant {
            word(v, "hostedCheckoutSpecificInput.variant")?;
        }
        for t in &self.tokens {
            word(t, "hostedCheckoutSpecificInput.tokens")?;
        }
        for g in self.restrict_to.groups.iter().chain(&self.exclude.groups) {
            word(g, "hostedCheckoutSpecificInput.paymentProductFilters")?;
        }
        if let Some(t) = &self.card.token {
            word(t, "cardPaymentMethodSpecificInput.token")?;
        }
        if !self.tokens.is_empty() {
            hosted.tokens = Some(self.tokens.join(","));
        }
        if !self.restrict_to.is_empty() || !self.exclude.is_empty() {
            hosted.payment_product_filters = Some(ProductFilters {
                exclude: Some(self.exclude).filter(|f| !f.is_empty()),
                restrict_to: Some(self.restrict_to).filter(|f| !f.is_empty()),
            });
        }
        let references = (self.merchant_reference.is_some() || self.merchant_parameters.is_some())
            .then_some(OrderReferences {
                merchant_parameters: self.merchant_parameters,
                merchant_reference: self.merchant_reference,
            });
        Ok(CreateHostedCheckoutRequest {
            card_payment_method_specific_input: Some(self.card)
                .filter(|c| *c != CardInput::default()),
            hosted_checkout_specific_input: Some(hosted)
                .filter(|h| *h != HostedCheckoutSpecificInput::default()),
            order: Order {
                amount_of_money: AmountOfMoney {
                    amount: self.amount.minor_units(),
                    currency_code: self.currency,
                },
                references,
            },
        })
    }
}

/// `GET /v2/{merchantId}/hostedcheckouts/{hostedCheckoutId}` (sdk-python3
/// `onlinepayments/sdk/merchant/hostedcheckout/hosted_checkout_client.py`): the signed read
/// that says how the checkout ended.
///
/// ```
/// let get = ogone::worldline::GetHostedCheckout::new("4306873688")?;
/// assert_eq!(get.path(), "hostedcheckouts/4306873688");
/// assert!(ogone::worldline::GetHostedCheckout::new("../payments").is_err());
/// # Ok::<(), ogone::worldline::RequestError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetHostedCheckout {
    id: String,
}

impl GetHostedCheckout {
    /// The read of hosted checkout `id`.
    ///
    /// ```
    /// assert!(ogone::worldline::GetHostedCheckout::new("a b").is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`RequestError::InvalidId`] for an empty id, `.`, `..`, or one with a character other
    /// than ASCII letters, digits, `-`, `.`, `_` and `~` (`/`, `?`, `#`, `%`, a space, …).
    pub fn new(id: &str) -> Result<Self, RequestError> {
        Ok(GetHostedCheckout {
            id: path_id(id, "hostedCheckoutId")?,
        })
    }

    /// The hosted checkout id.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::GetHostedCheckout::new("42")?.id(), "42");
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The resource, relative to `/v2/{merchantId}/`.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::GetHostedCheckout::new("42")?.path(), "hostedcheckouts/42");
    /// # Ok::<(), ogone::worldline::RequestError>(())
    /// ```
    #[must_use]
    pub fn path(&self) -> String {
        alloc::format!("hostedcheckouts/{}", self.id)
    }
}
