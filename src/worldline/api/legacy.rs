//! From the legacy hosted payment page's fields to a [`CreateHostedCheckoutRequest`].
//!
//! Input: the name/value pairs of a legacy `orderstandard` form (what a shop gave
//! [`HostedPaymentPage`](crate::HostedPaymentPage) or posted itself), names without case as
//! Ogone reads them. Pairs rather than the builder: the builder's fields are private and signed,
//! while a shop migrating has its fields as pairs (its own form, a config, a database row).

use alloc::string::String;
use alloc::vec::Vec;

use crate::protocol::amount::Amount;
use crate::worldline::api::error::RequestError;
use crate::worldline::api::hosted_checkout::{AuthorizationMode, CreateHostedCheckoutRequest};

/// Why legacy hosted-page fields have no Worldline Direct hosted checkout. Names the field,
/// never its value.
///
/// ```
/// use ogone::worldline::{CreateHostedCheckoutRequest, LegacyConversionError};
/// let e = CreateHostedCheckoutRequest::from_legacy([("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("BGCOLOR", "white")]);
/// assert_eq!(e.unwrap_err(), LegacyConversionError::NoDirectEquivalent { name: "BGCOLOR".into() });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LegacyConversionError {
    /// A field with no Direct equivalent on the hosted checkout (look & feel fields,
    /// `HOMEURL`, `CATALOGURL`, `PM`/`BRAND`, `OWNER*`, …): decide yourself whether to drop it
    /// or map it by hand.
    #[error("the legacy field {name} has no Worldline Direct hosted checkout equivalent")]
    NoDirectEquivalent {
        /// The field's name, upper-cased.
        name: String,
    },
    /// A field occurs twice.
    #[error("the legacy field {name} occurs more than once")]
    Duplicate {
        /// The field's name, upper-cased.
        name: String,
    },
    /// `AMOUNT` or `CURRENCY` is missing.
    #[error("the legacy field {0} is missing")]
    Missing(&'static str),
    /// `AMOUNT` is not a whole number of minor units within the crate's limit.
    #[error("the legacy AMOUNT is not a whole number of minor units")]
    InvalidAmount,
    /// `OPERATION` is not `RES`, `SAL` or `PAU` (maintenance operations are no new payment).
    #[error("the legacy OPERATION is not RES, SAL or PAU")]
    UnsupportedOperation,
    /// `DECLINEURL`, `EXCEPTIONURL` or `CANCELURL` is given and differs from `ACCEPTURL`, or is
    /// given without `ACCEPTURL`: Direct has one `returnUrl` for every outcome.
    #[error(
        "the legacy {0} differs from ACCEPTURL (or comes without it): Direct has one returnUrl"
    )]
    ConflictingReturnUrl(&'static str),
    /// `TP` (or `LAYOUT.TEMPLATENAME`) is a URL: the dynamic template has no Direct
    /// equivalent; `variant` names a template file uploaded to the platform.
    #[error("the legacy {0} is a URL (dynamic template); Direct's variant is a template file name")]
    TemplateUrl(&'static str),
    /// `TP` and `LAYOUT.TEMPLATENAME` are both given and differ.
    #[error("the legacy TP and LAYOUT.TEMPLATENAME differ")]
    ConflictingTemplate,
    /// `COMPLUS` and `PARAMPLUS` are both given: Direct has one `merchantParameters`.
    #[error("the legacy COMPLUS and PARAMPLUS are both given; Direct has one merchantParameters")]
    ConflictingMerchantParameters,
    /// A value breaks the Direct request's rule (currency, reference length, return URL, …).
    #[error("the legacy {name} cannot become a Direct value: {reason}")]
    Invalid {
        /// The legacy field's name.
        name: &'static str,
        /// The Direct rule it breaks.
        reason: RequestError,
    },
}

impl LegacyConversionError {
    /// How a web framework should answer this error: the legacy fields are your
    /// configuration, so 500.
    ///
    /// ```
    /// use ogone::worldline::LegacyConversionError;
    /// assert_eq!(LegacyConversionError::UnsupportedOperation.kind(), ogone::ErrorKind::Configuration);
    /// ```
    #[must_use]
    pub fn kind(&self) -> crate::error::ErrorKind {
        crate::error::ErrorKind::Configuration
    }
}

/// The legacy fields read, in the order the result is built.
const READ: [&str; 14] = [
    "ORDERID",
    "AMOUNT",
    "CURRENCY",
    "LANGUAGE",
    "ACCEPTURL",
    "DECLINEURL",
    "EXCEPTIONURL",
    "CANCELURL",
    "TP",
    "LAYOUT.TEMPLATENAME",
    "OPERATION",
    "ALIAS",
    "COMPLUS",
    "PARAMPLUS",
];

/// Legacy fields dropped because Direct covers them otherwise: `PSPID` is the `{merchantId}`
/// of the path, `SHASIGN` is replaced by the request signature.
const COVERED: [&str; 2] = ["PSPID", "SHASIGN"];

/// Which Direct rule is broken, mapped to the legacy field it came from.
fn legacy_name(reason: RequestError, has_reference: bool) -> &'static str {
    match reason {
        RequestError::InvalidCurrency => "CURRENCY",
        RequestError::InvalidMerchantReference { .. } if has_reference => "ORDERID",
        RequestError::InvalidMerchantParameters { .. } => "COMPLUS/PARAMPLUS",
        RequestError::InvalidReturnUrl(_) => "ACCEPTURL",
        RequestError::InvalidField("hostedCheckoutSpecificInput.locale") => "LANGUAGE",
        RequestError::InvalidField("hostedCheckoutSpecificInput.variant") => "TP",
        RequestError::InvalidField("cardPaymentMethodSpecificInput.token") => "ALIAS",
        _ => "fields",
    }
}

impl CreateHostedCheckoutRequest {
    /// A hosted checkout from the legacy hosted payment page's fields, by the mapping of the
    /// README's "Migrating to Worldline Direct" table:
    ///
    /// - `ORDERID` → `order.references.merchantReference` (at most
    ///   [`MAX_MERCHANT_REFERENCE_CHARS`](crate::worldline::MAX_MERCHANT_REFERENCE_CHARS));
    ///   `AMOUNT` (minor units) / `CURRENCY` → `order.amountOfMoney` (both required);
    /// - `LANGUAGE` → `hostedCheckoutSpecificInput.locale`;
    /// - `ACCEPTURL` → `hostedCheckoutSpecificInput.returnUrl`. `DECLINEURL`, `EXCEPTIONURL` and
    ///   `CANCELURL` are accepted only when equal to `ACCEPTURL`: Direct sends the customer to
    ///   one URL whatever the outcome, and the outcome is what the signed GET answers, so a
    ///   shop with four pages must route on that answer, not on the URL. A decline URL alone is
    ///   refused: a successful payment would land on it;
    /// - `TP` / `LAYOUT.TEMPLATENAME` → `hostedCheckoutSpecificInput.variant` (a file name; a
    ///   URL — the dynamic template — is refused);
    /// - `OPERATION` → `cardPaymentMethodSpecificInput.authorizationMode`: `SAL` → `SALE`,
    ///   `RES` → `FINAL_AUTHORIZATION` (capture the full amount within 7 days; for partial or
    ///   later captures set `PRE_AUTHORIZATION` yourself), `PAU` → `PRE_AUTHORIZATION`;
    /// - `ALIAS` → `cardPaymentMethodSpecificInput.token`;
    /// - `COMPLUS` or `PARAMPLUS` → `order.references.merchantParameters` (not both);
    /// - `PSPID` and `SHASIGN` are dropped (the merchant id of the path, the request
    ///   signature); empty values are absent, as Ogone reads them; any other field is refused.
    ///
    /// ```
    /// use ogone::worldline::CreateHostedCheckoutRequest;
    /// let r = CreateHostedCheckoutRequest::from_legacy([
    ///     ("PSPID", "MyPSPID"), ("ORDERID", "1234"), ("AMOUNT", "1500"), ("CURRENCY", "EUR"),
    ///     ("LANGUAGE", "en_US"), ("OPERATION", "SAL"),
    ///     ("ACCEPTURL", "https://shop.example.com/return"), ("DECLINEURL", "https://shop.example.com/return"),
    /// ])?;
    /// assert_eq!(
    ///     String::from_utf8(r.to_json().unwrap()).unwrap(),
    ///     r#"{"cardPaymentMethodSpecificInput":{"authorizationMode":"SALE"},"hostedCheckoutSpecificInput":{"locale":"en_US","returnUrl":"https://shop.example.com/return"},"order":{"amountOfMoney":{"amount":1500,"currencyCode":"EUR"},"references":{"merchantReference":"1234"}}}"#
    /// );
    /// # Ok::<(), ogone::worldline::LegacyConversionError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first [`LegacyConversionError`] found, in the pairs' order for unknown or repeated
    /// names, then in the order of the list above.
    pub fn from_legacy<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, LegacyConversionError> {
        let mut values: [Option<&'a str>; READ.len()] = [None; READ.len()];
        let mut seen: Vec<String> = Vec::new();
        for (name, value) in pairs {
            let upper = name.to_ascii_uppercase();
            if seen.contains(&upper) {
                return Err(LegacyConversionError::Duplicate { name: upper });
            }
            if value.is_empty() {
                seen.push(upper);
                continue;
            }
            if let Some(slot) = READ
                .iter()
                .position(|n| *n == upper)
                .and_then(|i| values.get_mut(i))
            {
                *slot = Some(value);
            } else if !COVERED.contains(&upper.as_str()) {
                return Err(LegacyConversionError::NoDirectEquivalent { name: upper });
            }
            seen.push(upper);
        }
        let get = |name: &str| {
            READ.iter()
                .position(|n| *n == name)
                .and_then(|i| values.get(i).copied().flatten())
        };
        let amount = get("AMOUNT").ok_or(LegacyConversionError::Missing("AMOUNT"))?;
        let amount =
            Amount::parse_minor_units(amount).map_err(|_| LegacyConversionError::InvalidAmount)?;
        let currency = get("CURRENCY").ok_or(LegacyConversionError::Missing("CURRENCY"))?;
        let mut builder = CreateHostedCheckoutRequest::builder(amount, currency);
        if let Some(order_id) = get("ORDERID") {
            builder = builder.merchant_reference(order_id);
        }
        if let Some(language) = get("LANGUAGE") {
            builder = builder.locale(language);
        }
        let accept = get("ACCEPTURL");
        for name in ["DECLINEURL", "EXCEPTIONURL", "CANCELURL"] {
            if let Some(url) = get(name) {
                if accept != Some(url) {
                    return Err(LegacyConversionError::ConflictingReturnUrl(name));
                }
            }
        }
        if let Some(url) = accept {
            builder = builder.return_url(url);
        }
        let template = match (get("TP"), get("LAYOUT.TEMPLATENAME")) {
            (Some(a), Some(b)) if a != b => return Err(LegacyConversionError::ConflictingTemplate),
            (Some(a), _) => Some(("TP", a)),
            (None, Some(b)) => Some(("LAYOUT.TEMPLATENAME", b)),
            (None, None) => None,
        };
        if let Some((name, template)) = template {
            if template.contains("://") || template.starts_with("//") {
                return Err(LegacyConversionError::TemplateUrl(name));
            }
            builder = builder.variant(template);
        }
        if let Some(operation) = get("OPERATION") {
            let mode = match operation.to_ascii_uppercase().as_str() {
                "SAL" => AuthorizationMode::Sale,
                "RES" => AuthorizationMode::FinalAuthorization,
                "PAU" => AuthorizationMode::PreAuthorization,
                _ => return Err(LegacyConversionError::UnsupportedOperation),
            };
            builder = builder.authorization_mode(mode);
        }
        if let Some(alias) = get("ALIAS") {
            builder = builder.card_token(alias);
        }
        match (get("COMPLUS"), get("PARAMPLUS")) {
            (Some(_), Some(_)) => return Err(LegacyConversionError::ConflictingMerchantParameters),
            (Some(p), None) | (None, Some(p)) => builder = builder.merchant_parameters(p),
            (None, None) => {}
        }
        let has_reference = get("ORDERID").is_some();
        builder
            .build()
            .map_err(|reason| LegacyConversionError::Invalid {
                name: legacy_name(reason, has_reference),
                reason,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_without_case() {
        let r = CreateHostedCheckoutRequest::from_legacy([("amount", "1"), ("Currency", "EUR")]);
        assert!(r.is_ok());
        let d = CreateHostedCheckoutRequest::from_legacy([
            ("AMOUNT", "1"),
            ("amount", "2"),
            ("CURRENCY", "EUR"),
        ]);
        assert_eq!(
            d.unwrap_err(),
            LegacyConversionError::Duplicate {
                name: String::from("AMOUNT")
            }
        );
    }
}
