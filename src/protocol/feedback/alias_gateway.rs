//! [`AliasGatewayFeedback`]: the Alias Gateway's result, verified against the Alias Gateway
//! SHA-OUT list.

use crate::charset::TransportCharset;
use crate::error::Error;
use crate::protocol::credentials::FeedbackVerifier;
use crate::protocol::feedback::alias_status::{AliasStatus, alias_status};
use crate::protocol::feedback::checked::Checked;
use crate::protocol::feedback::fields::{accessors, nc_error, text, yes_no};
use crate::protocol::feedback::from_request::form_of;
use crate::protocol::status::NcError;
use crate::signing::builtin_lists::ListKind;
use crate::signing::list::AllowList;
use crate::signing::params::Params;
use crate::signing::scan::Rules;
use crate::signing::signer::Scheme;

/// How an Alias Gateway result is signed.
const ALIAS_RULES: Rules<'static> = Rules {
    list: &AllowList::new(ListKind::AliasGatewayOut),
    scheme: Scheme::EachParameter,
};
/// What an Alias Gateway result must carry, signed.
const ALIAS_REQUIRED: &[&str] = &["STATUS"];

/// The Alias Gateway's result (the redirect after its card form: `ALIAS`, `STATUS`, the
/// masked card, `NCERRORCARDNO`...), verified against the Alias Gateway SHA-OUT list
/// ([`ListKind::AliasGatewayOut`], spec section 2), where the card fields and their `NCERROR*`
/// companions are hashed too. Always the each-parameter scheme, whatever the verifier's.
///
/// Verification requires `STATUS` signed, and `ALIAS` too when the status says the alias was
/// created or updated.
///
/// ```
/// use ogone::simulate::{AliasResult, FeedbackSimulator};
/// use ogone::{AliasGatewayFeedback, AliasStatus, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
///
/// let key = ShaOutKey::new("Mysecretsig1875!?");
/// let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
///     .alias_gateway_body(&AliasResult::ok("customer-42-card", "WEB-1001"))?;
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
/// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
/// assert_eq!(result.status()?, AliasStatus::Ok);
/// assert_eq!(result.alias(), Some("customer-42-card"));
/// assert_eq!(result.store_permanently()?, Some(true));
/// let forged = query.replace("CardNo=XXXXXXXXXXXX1111", "CardNo=XXXXXXXXXXXX4444");
/// assert!(AliasGatewayFeedback::parse(forged.as_bytes(), TransportCharset::Utf8, &verifier).is_err());
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasGatewayFeedback(Checked);

impl AliasGatewayFeedback {
    /// Parses the redirect query and verifies it with the Alias Gateway SHA-OUT list.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
    ///     .alias_gateway_body(&AliasResult::ok("A1", "WEB-1001"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.order_id(), Some("WEB-1001"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of [`Params::parse_form`], then of [`AliasGatewayFeedback::verify`].
    pub fn parse(
        input: &[u8],
        transport: TransportCharset,
        verifier: &FeedbackVerifier,
    ) -> Result<AliasGatewayFeedback, Error> {
        let checked = Checked::parse(
            input,
            transport,
            verifier.as_signer(),
            ALIAS_RULES,
            ALIAS_REQUIRED,
        )?;
        checked.require_alias_when_created("STATUS", "ALIAS")?;
        Ok(AliasGatewayFeedback(checked))
    }

    /// Verifies a decoded parameter set (see
    /// [`VerifiedFeedback::verify`](crate::VerifiedFeedback::verify) on where it may come from).
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, Error, FeedbackVerifier, HashAlgorithm, Params, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// let mut refused = AliasResult::ok("", "WEB-1001");
    /// refused.status = 1;
    /// refused.nc_errors[1] = "31061001".into(); // the card number was refused
    /// let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&refused)?;
    /// let params = Params::parse_form(query.as_bytes(), TransportCharset::Utf8)?;
    /// let result = AliasGatewayFeedback::verify(params, &verifier)?;
    /// assert_eq!(result.nc_error_card_no()?.code(), 31_061_001);
    /// assert_eq!(result.alias(), None);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of [`crate::Signer::verify_shasign`], then [`Error::MissingField`] or
    /// [`Error::UnsignedField`] for `STATUS` (and `ALIAS` when created or updated), and
    /// [`Error::InvalidField`] for a `STATUS` other than 0 to 3.
    pub fn verify(
        params: Params,
        verifier: &FeedbackVerifier,
    ) -> Result<AliasGatewayFeedback, Error> {
        let checked = Checked::new(params, verifier.as_signer(), ALIAS_RULES, ALIAS_REQUIRED)
            .map_err(|(e, _)| e)?;
        checked.require_alias_when_created("STATUS", "ALIAS")?;
        Ok(AliasGatewayFeedback(checked))
    }

    /// Verifies the result of a web request, as
    /// [`VerifiedFeedback::from_request`](crate::VerifiedFeedback::from_request) does.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
    ///     .alias_gateway_body(&AliasResult::ok("A1", "WEB-1001"))?;
    /// let result = AliasGatewayFeedback::from_request("GET", Some(&query), None, b"", &verifier)?;
    /// assert_eq!(result.brand(), Some("VISA"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`VerifiedFeedback::from_request`](crate::VerifiedFeedback::from_request) for
    /// the request, then those of [`AliasGatewayFeedback::parse`].
    pub fn from_request(
        method: &str,
        query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
        verifier: &FeedbackVerifier,
    ) -> Result<AliasGatewayFeedback, Error> {
        let (data, transport) = form_of(method, query, content_type, body, verifier.transport())?;
        AliasGatewayFeedback::parse(data, transport, verifier)
    }

    /// A parameter the signature covers (name ignoring case).
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.get("cn"), Some("Jane Doe"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.signed(name)
    }

    /// A parameter the signature does not cover: treat it as untrusted input.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let query = format!("{query}&cart=42");
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.unsigned("cart"), Some("42"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn unsigned(&self, name: &str) -> Option<&str> {
        self.0.unsigned(name)
    }

    /// The parameters the signature covers, as `(NAME, value)`.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.signed_params().count(), 14);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn signed_params(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.0.iter(true)
    }
}

accessors! {
    AliasGatewayFeedback, get;

    /// `ALIAS`: the alias (token) created or updated; `None` when none came back signed.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.alias(), Some("A1"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn alias("ALIAS") -> Option<&str> = text;

    /// `ORDERID`.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.order_id(), Some("WEB-1"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn order_id("ORDERID") -> Option<&str> = text;

    /// `STATUS`, typed: created, not created, updated, cancelled.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, AliasStatus, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// let mut cancelled = AliasResult::ok("", "WEB-1");
    /// cancelled.status = 3;
    /// let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&cancelled)?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.status()?, AliasStatus::Cancelled);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] or [`Error::InvalidField`] naming `STATUS`.
    fn status("STATUS") -> Result<AliasStatus, Error> = alias_status;

    /// `CARDNO`: the masked card number.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.masked_card(), Some("XXXXXXXXXXXX1111"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn masked_card("CARDNO") -> Option<&str> = text;

    /// `BRAND`.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.brand(), Some("VISA"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn brand("BRAND") -> Option<&str> = text;

    /// `ED`: the expiry date (`MMYY`).
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.expiry_date(), Some("1229"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn expiry_date("ED") -> Option<&str> = text;

    /// `CN`: the card holder's name.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.card_holder_name(), Some("Jane Doe"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn card_holder_name("CN") -> Option<&str> = text;

    /// `STOREPERMANENTLY`: `Some(true)` for `Y`, `Some(false)` for `N`, `None` when absent.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// let mut once = AliasResult::ok("A1", "WEB-1");
    /// once.store_permanently = "N".into(); // a temporary alias, deleted after use
    /// let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&once)?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.store_permanently()?, Some(false));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidField`] naming `STOREPERMANENTLY` for a value other than `Y` or `N`.
    fn store_permanently("STOREPERMANENTLY") -> Result<Option<bool>, Error> = yes_no;

    /// `NCERROR`: the overall result.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert!(result.nc_error()?.is_success());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] or [`Error::InvalidField`] naming the field (the same for the
    /// four per-field errors below).
    fn nc_error("NCERROR") -> Result<NcError, Error> = nc_error;

    /// `NCERRORCARDNO`: what was wrong with the card number.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert!(result.nc_error_card_no()?.is_success());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`AliasGatewayFeedback::nc_error`].
    fn nc_error_card_no("NCERRORCARDNO") -> Result<NcError, Error> = nc_error;

    /// `NCERRORCN`: what was wrong with the card holder's name.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert!(result.nc_error_cn()?.is_success());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`AliasGatewayFeedback::nc_error`].
    fn nc_error_cn("NCERRORCN") -> Result<NcError, Error> = nc_error;

    /// `NCERRORCVC`: what was wrong with the verification code.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert!(result.nc_error_cvc()?.is_success());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`AliasGatewayFeedback::nc_error`].
    fn nc_error_cvc("NCERRORCVC") -> Result<NcError, Error> = nc_error;

    /// `NCERRORED`: what was wrong with the expiry date.
    ///
    /// ```
    /// # use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// # use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// # let key = ShaOutKey::new("Mysecretsig1875!?");
    /// # let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// # let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert!(result.nc_error_ed()?.is_success());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`AliasGatewayFeedback::nc_error`].
    fn nc_error_ed("NCERRORED") -> Result<NcError, Error> = nc_error;
}
