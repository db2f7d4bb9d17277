//! Feedback from Ogone: parsed, verified, then read through typed accessors.

use alloc::string::String;
use core::fmt;

use crate::charset::TransportCharset;
use crate::error::{Error, FieldName};
use crate::protocol::amount::Amount;
use crate::protocol::credentials::FeedbackVerifier;
use crate::protocol::status::{NcError, Status};
use crate::protocol::validate::CURRENCIES;
use crate::signing::builtin_lists::ListKind;
use crate::signing::entry::Entry;
use crate::signing::list::AllowList;
use crate::signing::order::SortOrder;
use crate::signing::params::Params;
use crate::signing::scan::{Rules, parse_verified, verify_params};
use crate::signing::signer::{Coverage, Scheme, Signer};

/// What verified feedback must carry, signed.
const VERIFIED_REQUIRED: &[&str] = &["ORDERID", "STATUS"];
/// How a FlexCheckout result is signed: it came long after the legacy scheme, so always each
/// parameter, on its own list.
const FLEX_RULES: Rules<'static> = Rules {
    list: &AllowList::new(ListKind::FlexCheckoutOut),
    scheme: Scheme::EachParameter,
};
/// How an Alias Gateway result is signed.
const ALIAS_RULES: Rules<'static> = Rules {
    list: &AllowList::new(ListKind::AliasGatewayOut),
    scheme: Scheme::EachParameter,
};
/// What a FlexCheckout result must carry, signed.
const FLEX_REQUIRED: &[&str] = &["ALIAS.STATUS"];
/// What an Alias Gateway result must carry, signed.
const ALIAS_REQUIRED: &[&str] = &["STATUS"];

/// Parameters checked against a signature. Those whose values were hashed (under the
/// verifier's scheme and list, and never an empty one) are covered by it; the others
/// (PARAMPLUS fields, NCERRORPLUS, everything but the ten main fields in the legacy scheme...)
/// could have been changed by anyone on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Checked {
    params: Params,
    coverage: Coverage,
}

impl Checked {
    /// Verifies `params` with `signer`, then requires each of `required` to be covered. On
    /// failure the parameters come back with the error (once, to the caller: its size is no
    /// concern).
    #[allow(clippy::result_large_err)]
    fn new(
        params: Params,
        signer: &Signer,
        rules: Rules<'_>,
        required: &[&'static str],
    ) -> Result<Checked, (Error, Params)> {
        if let Err(e) = verify_params(&params, signer, rules) {
            return Err((e, params));
        }
        let coverage = Coverage::new(rules.list.clone(), rules.scheme, signer.direction());
        Checked::trusted(params, coverage, required)
    }

    /// Verifies a posted body under `rules` (FlexCheckout and Alias Gateway results impose
    /// theirs): a forged or malformed body is refused by the scan, before anything is
    /// allocated; then each of `required` must be covered.
    fn parse(
        input: &[u8],
        transport: TransportCharset,
        signer: &Signer,
        rules: Rules<'_>,
        required: &[&'static str],
    ) -> Result<Checked, Error> {
        let (params, _) = parse_verified(input, transport, signer, rules)?;
        let coverage = Coverage::new(rules.list.clone(), rules.scheme, signer.direction());
        Checked::trusted(params, coverage, required).map_err(|(e, _)| e)
    }

    /// `params` whose signature (under `coverage`) was verified; each of `required` must be
    /// covered.
    #[allow(clippy::result_large_err)]
    fn trusted(
        params: Params,
        coverage: Coverage,
        required: &[&'static str],
    ) -> Result<Checked, (Error, Params)> {
        let checked = Checked { params, coverage };
        match required
            .iter()
            .try_for_each(|&f| checked.require(f).map(drop))
        {
            Ok(()) => Ok(checked),
            Err(e) => Err((e, checked.params)),
        }
    }

    /// [`Error::MissingField`] when `field` is absent or empty, [`Error::UnsignedField`] when
    /// the signature does not cover it.
    fn require(&self, field: &'static str) -> Result<&str, Error> {
        match self.params.entry(field) {
            Some(entry) if self.is_signed(entry) => Ok(entry.value()),
            Some(entry) if !entry.has_empty_value() => Err(Error::UnsignedField(field)),
            _ => Err(Error::MissingField(field)),
        }
    }

    fn is_signed(&self, entry: Entry<'_>) -> bool {
        self.coverage.covers(entry)
    }

    /// A tokenization result whose status says the alias was created or updated must carry
    /// that alias, signed. (A refused or cancelled one may come back with an empty alias, as a
    /// real FlexCheckout redirect with `Alias.Status=1` and `Alias.AliasId=` does.)
    fn require_alias_when_created(
        &self,
        status: &'static str,
        alias: &'static str,
    ) -> Result<(), Error> {
        match alias_status(self.signed(status), status)? {
            AliasStatus::Ok | AliasStatus::Updated => self.require(alias).map(drop),
            AliasStatus::NotOk | AliasStatus::Cancelled => Ok(()),
        }
    }

    fn signed(&self, name: &str) -> Option<&str> {
        let entry = self.params.entry(name)?;
        self.is_signed(entry).then(|| entry.value())
    }

    /// In the legacy scheme the values are hashed without names, so the boundary between two
    /// fields is not signed (`orderID=WEB-100&currency=1EUR` hashes like `WEB-1001` + `EUR`).
    /// Where a field's shape can tell a shifted boundary, check it: the currency is a known
    /// three-letter code, the amount a decimal, PM starts with a letter, STATUS is a known
    /// code, PAYID is digits and NCERROR a valid code, all of them present (an empty one would
    /// let its neighbours absorb each other: `15` + `` + `9` is also `1` + `59`).
    fn check_legacy_shapes(&self) -> Result<(), Error> {
        let invalid = |field: &'static str, reason: &'static str| Error::InvalidField {
            field: field.into(),
            reason,
        };
        let currency = self.require("CURRENCY")?;
        if CURRENCIES.binary_search(&currency).is_err() {
            return Err(invalid(
                "CURRENCY",
                "not a known ISO 4217 code (legacy scheme)",
            ));
        }
        if Amount::parse_decimal(self.require("AMOUNT")?).is_err() {
            return Err(invalid("AMOUNT", "not a decimal amount (legacy scheme)"));
        }
        if !self
            .require("PM")?
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
        {
            return Err(invalid(
                "PM",
                "does not start with a letter (legacy scheme)",
            ));
        }
        if Status::parse(self.require("STATUS")?).is_none() {
            return Err(invalid("STATUS", "not a known status code (legacy scheme)"));
        }
        if !self.require("PAYID")?.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid("PAYID", "not digits (legacy scheme)"));
        }
        if NcError::parse(self.require("NCERROR")?).is_none() {
            return Err(invalid(
                "NCERROR",
                "not 0 or an 8-digit code (legacy scheme)",
            ));
        }
        Ok(())
    }

    fn unsigned(&self, name: &str) -> Option<&str> {
        let entry = self.params.entry(name)?;
        (!self.is_signed(entry)).then(|| entry.value())
    }

    fn iter(&self, signed: bool) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.params
            .entries_in(SortOrder::Ingenico)
            .filter(move |&e| self.is_signed(e) == signed)
            .map(|e| (e.name(), e.value()))
    }
}

/// The form data of a feedback request and the charset to decode it in: the query of a GET or
/// HEAD, the body of a POST (which must be a form), in the declared charset or `default`.
fn form_of<'a>(
    method: &str,
    query: Option<&'a str>,
    content_type: Option<&str>,
    body: &'a [u8],
    default: TransportCharset,
) -> Result<(&'a [u8], TransportCharset), Error> {
    if method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD") {
        return Ok((query.unwrap_or_default().as_bytes(), default));
    }
    if !method.eq_ignore_ascii_case("POST") {
        return Err(Error::UnsupportedMethod(method.into()));
    }
    let Some(content_type) = content_type else {
        return Ok((body, default));
    };
    let media_type = content_type.split(';').next().unwrap_or_default().trim();
    if !media_type.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(Error::UnsupportedMediaType(media_type.into()));
    }
    match TransportCharset::from_content_type(content_type) {
        Ok(declared) => Ok((body, declared.unwrap_or(default))),
        Err(name) => Err(Error::UnsupportedCharset(name.into())),
    }
}

macro_rules! typed_accessors {
    ($ty:ty, $get:ident) => {
        impl $ty {
            /// `ORDERID`: the merchant's order reference.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"orderID=12&PAYID=32100123";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.order_id(), Some("12"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            pub fn order_id(&self) -> Option<&str> {
                self.$get("ORDERID")
            }

            /// `PAYID`: Ogone's transaction reference.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"orderID=12&PAYID=32100123";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.pay_id(), Some("32100123"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            pub fn pay_id(&self) -> Option<&str> {
                self.$get("PAYID")
            }

            /// `PAYIDSUB`: the number of the maintenance operation on the transaction.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"PAYID=32100123&PAYIDSUB=2&STATUS=8";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.pay_id_sub(), Some("2")); // the second maintenance operation
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            pub fn pay_id_sub(&self) -> Option<&str> {
                self.$get("PAYIDSUB")
            }

            /// `STATUS`, typed.
            ///
            /// ```
            /// use ogone::{Error, Outcome, Status, TransportCharset};
            /// use ogone::dangerous::UnverifiedFeedback;
            ///
            /// let f = UnverifiedFeedback::parse(b"orderID=12&STATUS=9", TransportCharset::Utf8)?;
            /// assert_eq!(f.status()?, Status::PaymentRequested);
            /// assert_eq!(f.status()?.outcome(), Outcome::Succeeded);
            /// let unknown = UnverifiedFeedback::parse(b"STATUS=3", TransportCharset::Utf8)?;
            /// assert!(matches!(unknown.status(), Err(Error::InvalidField { .. })));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// [`Error::MissingField`](crate::Error::MissingField) or [`Error::InvalidField`](crate::Error::InvalidField) naming `STATUS`.
            pub fn status(&self) -> Result<$crate::Status, $crate::Error> {
                let raw = self
                    .$get("STATUS")
                    .ok_or($crate::Error::MissingField("STATUS"))?;
                $crate::Status::parse(raw).ok_or($crate::Error::InvalidField {
                    field: "STATUS".into(),
                    reason: "not a known status code",
                })
            }

            /// `NCERROR`, typed.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let f = UnverifiedFeedback::parse(b"NCERROR=50001184", TransportCharset::Utf8)?;
            /// assert_eq!(f.nc_error()?.code(), 50_001_184);
            /// assert_eq!(f.nc_error()?.description(), Some("SHA signature mismatch"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// [`Error::MissingField`](crate::Error::MissingField) or [`Error::InvalidField`](crate::Error::InvalidField) naming `NCERROR`.
            pub fn nc_error(&self) -> Result<$crate::NcError, $crate::Error> {
                let raw = self
                    .$get("NCERROR")
                    .ok_or($crate::Error::MissingField("NCERROR"))?;
                $crate::NcError::parse(raw).ok_or($crate::Error::InvalidField {
                    field: "NCERROR".into(),
                    reason: "not 0 or an 8-digit code",
                })
            }

            /// `AMOUNT` in minor units, parsed from the decimal feedback form (`15.1` is 1510)
            /// without floating point.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"amount=15.1&currency=EUR";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.amount()?.minor_units(), 1510); // 15.10 EUR, no float on the way
            /// # Ok::<(), ogone::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// [`Error::MissingField`](crate::Error::MissingField) or [`Error::InvalidField`](crate::Error::InvalidField) naming `AMOUNT`.
            pub fn amount(&self) -> Result<$crate::Amount, $crate::Error> {
                let raw = self
                    .$get("AMOUNT")
                    .ok_or($crate::Error::MissingField("AMOUNT"))?;
                $crate::Amount::parse_decimal(raw).map_err(|_| $crate::Error::InvalidField {
                    field: "AMOUNT".into(),
                    reason: "not a decimal amount with at most two decimals",
                })
            }

            /// `CURRENCY` (ISO 4217).
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"amount=15&currency=EUR";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.currency(), Some("EUR"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            pub fn currency(&self) -> Option<&str> {
                self.$get("CURRENCY")
            }

            /// `BRAND`: the card brand (`VISA`, ...).
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"BRAND=VISA&PM=CreditCard";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.brand(), Some("VISA"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            pub fn brand(&self) -> Option<&str> {
                self.$get("BRAND")
            }

            /// `PM`: the payment method (`CreditCard`, ...).
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"BRAND=VISA&PM=CreditCard";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.payment_method(), Some("CreditCard"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            pub fn payment_method(&self) -> Option<&str> {
                self.$get("PM")
            }

            /// `CARDNO`: the masked card number.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"CARDNO=XXXXXXXXXXXX1111";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.masked_card(), Some("XXXXXXXXXXXX1111"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            pub fn masked_card(&self) -> Option<&str> {
                self.$get("CARDNO")
            }

            /// `ACCEPTANCE`: the acquirer's authorisation code.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"ACCEPTANCE=1234&STATUS=9";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.acceptance(), Some("1234"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            pub fn acceptance(&self) -> Option<&str> {
                self.$get("ACCEPTANCE")
            }

            /// `TRXDATE`: the transaction date as sent (`MM/DD/YY`).
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let f = UnverifiedFeedback::parse(b"TRXDATE=11%2F27%2F26", TransportCharset::Utf8)?;
            /// assert_eq!(f.transaction_date(), Some("11/27/26"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            pub fn transaction_date(&self) -> Option<&str> {
                self.$get("TRXDATE")
            }

            /// `ALIAS`: the card alias (token), when one was created or used.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"ALIAS=customer-42-card&STATUS=5";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.alias(), Some("customer-42-card"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            pub fn alias(&self) -> Option<&str> {
                self.$get("ALIAS")
            }

            /// The key that is the same for each delivery of one feedback: see
            /// [`FeedbackKey`](crate::FeedbackKey).
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let captured_body = b"orderID=12&PAYID=32100123&STATUS=9";
            /// let captured = UnverifiedFeedback::parse(captured_body, TransportCharset::Utf8)?;
            /// assert_eq!(captured.key()?.as_str(), "2:12/8:32100123/1:0/9");
            /// let refund_body = b"orderID=12&PAYID=32100123&PAYIDSUB=1&STATUS=8";
            /// let refund = UnverifiedFeedback::parse(refund_body, TransportCharset::Utf8)?;
            /// assert_ne!(refund.key()?, captured.key()?);
            /// # Ok::<(), ogone::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// [`Error::MissingField`](crate::Error::MissingField) when there is neither `PAYID` nor `ORDERID`, and the
            /// errors of [`Self::status`].
            pub fn key(&self) -> Result<$crate::FeedbackKey, $crate::Error> {
                let status = self.status()?;
                let order_id = self.order_id().unwrap_or("");
                let pay_id = self.pay_id().unwrap_or("");
                if order_id.is_empty() && pay_id.is_empty() {
                    return Err($crate::Error::MissingField("PAYID"));
                }
                let sub = match self.pay_id_sub() {
                    Some(sub) if !sub.is_empty() => sub,
                    _ => "0",
                };
                // Every variable part carries its length, so no value can shift into the next.
                Ok($crate::FeedbackKey::new(alloc::format!(
                    "{}:{}/{}:{}/{}:{}/{}",
                    order_id.len(),
                    order_id,
                    pay_id.len(),
                    pay_id,
                    sub.len(),
                    sub,
                    status.code()
                )))
            }
        }
    };
}

/// Feedback whose SHA-OUT signature was checked. It exists only once the check passed.
///
/// Typed accessors read only the parameters the signature covers; the others (PARAMPLUS
/// fields, `NCERRORPLUS`, ...) stay readable through [`VerifiedFeedback::unsigned`], marked as
/// what they are: anyone between Ogone and you could have changed them.
///
/// ```
/// use ogone::{FeedbackVerifier, HashAlgorithm, Outcome, ShaOutKey, TransportCharset, VerifiedFeedback};
///
/// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let query = "orderID=12&currency=EUR&amount=15&PM=CreditCard&ACCEPTANCE=1234&STATUS=9\
///              &CARDNO=XXXXXXXXXXXX1111&PAYID=32100123&NCERROR=0&BRAND=VISA&cart=42\
///              &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
/// let feedback = VerifiedFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
/// assert_eq!(feedback.order_id(), Some("12"));
/// assert_eq!(feedback.amount()?.minor_units(), 1500);
/// assert_eq!(feedback.status()?.outcome(), Outcome::Succeeded);
/// assert_eq!(feedback.unsigned("cart"), Some("42"));
/// assert_eq!(feedback.get("cart"), None);
///
/// let tampered = query.replace("STATUS=9", "STATUS=5");
/// assert!(VerifiedFeedback::parse(tampered.as_bytes(), TransportCharset::Utf8, &verifier).is_err());
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedFeedback(Checked);

impl VerifiedFeedback {
    /// Parses a redirect query string or a server-to-server body (GET query or POST
    /// form) and verifies its `SHASIGN`.
    ///
    /// The borrowed body is verified first, in one scan on the stack (split, decode, sort,
    /// hash, compare in constant time); the owned value is built only once the signature
    /// holds, so a forged or malformed body of up to 64 parameters is refused without
    /// allocating (a larger one is decoded first, with the same answers).
    ///
    /// ```
    /// use ogone::{Error, TransportCharset, VerifiedFeedback};
    ///
    /// # let verifier = ogone::FeedbackVerifier::new(
    /// #     &ogone::ShaOutKey::new("Mysecretsig1875!?"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let feedback = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.pay_id(), Some("32100123"));
    /// let unsigned = b"orderID=12&STATUS=9";
    /// let err = VerifiedFeedback::parse(unsigned, TransportCharset::Utf8, &verifier);
    /// assert_eq!(err, Err(Error::MissingSignature));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of [`Params::parse_form`], then of [`crate::Signer::verify_shasign`], then
    /// those of [`VerifiedFeedback::verify`] for a verified set (a field missing or unsigned,
    /// a legacy field's shape).
    pub fn parse(
        input: &[u8],
        transport: TransportCharset,
        verifier: &FeedbackVerifier,
    ) -> Result<VerifiedFeedback, Error> {
        let signer = verifier.as_signer();
        let checked = Checked::parse(
            input,
            transport,
            signer,
            Rules::of(signer),
            VERIFIED_REQUIRED,
        )?;
        VerifiedFeedback::accept(checked).map_err(|(e, _)| e)
    }

    /// Verifies a parameter set you decoded yourself, with [`Params::parse_form`] or built
    /// from a source you trust to keep every parameter exactly as sent.
    ///
    /// Do not feed it a web framework's form extractor: those decode as UTF-8 whatever the
    /// platform sent (ePDQ posts Windows-1252) and keep one of two duplicate names, so a
    /// genuine feedback fails and a polluted one may pass. Give the raw query or body to
    /// [`VerifiedFeedback::from_request`] or [`VerifiedFeedback::parse`] instead.
    ///
    /// ```
    /// use ogone::{Params, VerifiedFeedback};
    ///
    /// # let verifier = ogone::FeedbackVerifier::new(
    /// #     &ogone::ShaOutKey::new("Mysecretsig1875!?"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// // A feedback read back from your own log of raw requests, say.
    /// let params = Params::try_from_pairs([
    ///     ("ACCEPTANCE", "1234"), ("amount", "15"), ("BRAND", "VISA"),
    ///     ("CARDNO", "XXXXXXXXXXXX1111"), ("currency", "EUR"), ("NCERROR", "0"),
    ///     ("orderID", "12"), ("PAYID", "32100123"), ("PM", "CreditCard"), ("STATUS", "9"),
    ///     ("SHASIGN", "209113288F93A9AB8E474EA78D899AFDBB874355"),
    /// ])?;
    /// let feedback = VerifiedFeedback::verify(params, &verifier)?;
    /// assert!(feedback.nc_error()?.is_success());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of [`crate::Signer::verify_shasign`], then [`Error::MissingField`] or
    /// [`Error::UnsignedField`] when ORDERID or STATUS is not signed, then (legacy scheme) an
    /// [`Error::InvalidField`] for a hashed field whose shape betrays a moved boundary.
    pub fn verify(params: Params, verifier: &FeedbackVerifier) -> Result<VerifiedFeedback, Error> {
        VerifiedFeedback::verify_keeping(params, verifier).map_err(|(e, _)| e)
    }

    /// [`VerifiedFeedback::verify`], giving the parameters back on failure.
    #[allow(clippy::result_large_err)]
    fn verify_keeping(
        params: Params,
        verifier: &FeedbackVerifier,
    ) -> Result<VerifiedFeedback, (Error, Params)> {
        let signer = verifier.as_signer();
        let checked = Checked::new(params, signer, Rules::of(signer), VERIFIED_REQUIRED)?;
        VerifiedFeedback::accept(checked)
    }

    /// Verified parameters become feedback once (legacy scheme) the hashed fields' shapes
    /// show no moved boundary.
    #[allow(clippy::result_large_err)]
    fn accept(checked: Checked) -> Result<VerifiedFeedback, (Error, Params)> {
        if checked.coverage.scheme() == Scheme::LegacyMainParameters {
            if let Err(e) = checked.check_legacy_shapes() {
                return Err((e, checked.params));
            }
        }
        Ok(VerifiedFeedback(checked))
    }

    /// Verifies the feedback of a web request, whatever the framework: the GET (or HEAD) query,
    /// or the POST body, decoded in the charset its `Content-Type` declares, else in the
    /// verifier's [`transport`](FeedbackVerifier::transport) (the platform's, from
    /// [`Credentials::feedback_verifier`](crate::Credentials::feedback_verifier)). Pass the
    /// raw query and body bytes, never what a form extractor made of them.
    ///
    /// ```
    /// use ogone::{Credentials, Error, HashAlgorithm, Platform, ShaInKey, ShaOutKey, VerifiedFeedback};
    ///
    /// let creds = Credentials::new("MyPSPID", ShaInKey::new("Another-secret-for-IN"),
    ///     ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1)
    ///     .with_platform(Platform::BarclaycardEpdq);
    /// let verifier = creds.feedback_verifier(); // ePDQ: Windows-1252 unless the request says
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let form = Some("application/x-www-form-urlencoded");
    /// let posted = VerifiedFeedback::from_request("POST", None, form, body, &verifier)?;
    /// let query = std::str::from_utf8(body)?;
    /// let redirected = VerifiedFeedback::from_request("GET", Some(query), None, b"", &verifier)?;
    /// assert_eq!(posted, redirected);
    /// let json = VerifiedFeedback::from_request("POST", None, Some("application/json"), body, &verifier);
    /// assert!(matches!(json, Err(Error::UnsupportedMediaType(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::UnsupportedMethod`] for a method other than GET, HEAD or POST,
    /// [`Error::UnsupportedMediaType`] for a POST body that is not a form,
    /// [`Error::UnsupportedCharset`] for a declared charset this crate cannot decode, then the
    /// errors of [`VerifiedFeedback::parse`] (the size limits included).
    pub fn from_request(
        method: &str,
        query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
        verifier: &FeedbackVerifier,
    ) -> Result<VerifiedFeedback, Error> {
        let (data, transport) = form_of(method, query, content_type, body, verifier.transport())?;
        VerifiedFeedback::parse(data, transport, verifier)
    }

    /// A parameter the signature covers (name ignoring case).
    ///
    /// ```
    /// use ogone::{TransportCharset, VerifiedFeedback};
    ///
    /// # let verifier = ogone::FeedbackVerifier::new(
    /// #     &ogone::ShaOutKey::new("Mysecretsig1875!?"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&cart=42\
    ///     &currency=EUR&NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let feedback = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.get("brand"), Some("VISA"));
    /// assert_eq!(feedback.get("CART"), None); // not covered by the signature
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.signed(name)
    }

    /// A parameter the signature does not cover (PARAMPLUS fields, `NCERRORPLUS`, `SHASIGN`
    /// itself): treat it as untrusted input.
    ///
    /// ```
    /// use ogone::{TransportCharset, VerifiedFeedback};
    ///
    /// # let verifier = ogone::FeedbackVerifier::new(
    /// #     &ogone::ShaOutKey::new("Mysecretsig1875!?"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&cart=42\
    ///     &currency=EUR&NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let feedback = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.unsigned("cart"), Some("42"));
    /// assert_eq!(feedback.unsigned("STATUS"), None); // signed: read it with `get` or `status`
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn unsigned(&self, name: &str) -> Option<&str> {
        self.0.unsigned(name)
    }

    /// The parameters the signature covers, as `(NAME, value)`.
    ///
    /// ```
    /// use ogone::{TransportCharset, VerifiedFeedback};
    ///
    /// # let verifier = ogone::FeedbackVerifier::new(
    /// #     &ogone::ShaOutKey::new("Mysecretsig1875!?"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&cart=42\
    ///     &currency=EUR&NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let feedback = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
    /// let names: Vec<&str> = feedback.signed_params().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["ACCEPTANCE", "AMOUNT", "BRAND", "CARDNO", "CURRENCY", "NCERROR",
    ///     "ORDERID", "PAYID", "PM", "STATUS"]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn signed_params(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.0.iter(true)
    }

    /// The parameters it does not cover, as `(NAME, value)`.
    ///
    /// ```
    /// use ogone::{TransportCharset, VerifiedFeedback};
    ///
    /// # let verifier = ogone::FeedbackVerifier::new(
    /// #     &ogone::ShaOutKey::new("Mysecretsig1875!?"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&cart=42\
    ///     &currency=EUR&NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let feedback = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
    /// let names: Vec<&str> = feedback.unsigned_params().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["CART", "SHASIGN"]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn unsigned_params(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.0.iter(false)
    }
}

typed_accessors!(VerifiedFeedback, get);

impl VerifiedFeedback {
    /// Checks that the signed AMOUNT and CURRENCY are the ones you asked for. A verified
    /// signature proves the platform sent this feedback, not that the customer paid what the
    /// order costs (a payment page can be posted with another amount, signed with a leaked
    /// SHA-IN key or for another order): check before you ship.
    ///
    /// ```
    /// use ogone::{Amount, AmountCheckError, VerifiedFeedback, TransportCharset};
    ///
    /// # let verifier = ogone::FeedbackVerifier::new(&ogone::ShaOutKey::new("Mysecretsig1875!?"), ogone::HashAlgorithm::Sha1);
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let feedback = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
    /// feedback.check_amount(Amount::from_minor_units(1500)?, "EUR")?;
    /// let short = feedback.check_amount(Amount::from_minor_units(4250)?, "EUR").unwrap_err();
    /// assert_eq!(short.to_string(), "amount 15.00 received, 42.50 expected");
    /// assert!(matches!(feedback.check_amount(Amount::from_minor_units(1500)?, "GBP"),
    ///     Err(AmountCheckError::Currency { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AmountCheckError::Amount`] or [`AmountCheckError::Currency`] naming both values, or
    /// [`AmountCheckError::Feedback`] when AMOUNT or CURRENCY is missing or malformed.
    pub fn check_amount(&self, expected: Amount, currency: &str) -> Result<(), AmountCheckError> {
        let received_currency = self
            .currency()
            .ok_or(AmountCheckError::Feedback(Error::MissingField("CURRENCY")))?;
        if received_currency != currency {
            return Err(AmountCheckError::Currency {
                expected: String::from(currency),
                received: received_currency.into(),
            });
        }
        let received = self.amount().map_err(AmountCheckError::Feedback)?;
        if received != expected {
            return Err(AmountCheckError::Amount { expected, received });
        }
        Ok(())
    }

    /// A one-line summary for logs: order, PAYID, status, amount and currency, brand, each as
    /// signed (or `-`). Nothing secret: no card number, not even the masked one.
    ///
    /// ```
    /// use ogone::{TransportCharset, VerifiedFeedback};
    ///
    /// # let verifier = ogone::FeedbackVerifier::new(&ogone::ShaOutKey::new("Mysecretsig1875!?"), ogone::HashAlgorithm::Sha1);
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let feedback = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(
    ///     feedback.summary().to_string(),
    ///     "order=\"12\" payid=\"32100123\" status=9 (payment requested) amount=15.00 EUR brand=\"VISA\""
    /// );
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn summary(&self) -> FeedbackSummary<'_> {
        FeedbackSummary(self)
    }
}

/// Why [`VerifiedFeedback::check_amount`] refused a feedback.
///
/// ```
/// use ogone::{Amount, AmountCheckError};
///
/// let e = AmountCheckError::Currency { expected: "EUR".into(), received: "GBP".into() };
/// assert_eq!(e.to_string(), "currency \"GBP\" received, \"EUR\" expected");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AmountCheckError {
    /// Another amount than expected.
    #[error("amount {received} received, {expected} expected")]
    Amount {
        /// What the order costs.
        expected: Amount,
        /// What the feedback says was paid.
        received: Amount,
    },
    /// Another currency than expected.
    #[error("currency {received:?} received, {expected:?} expected")]
    Currency {
        /// The order's currency.
        expected: String,
        /// The feedback's (cut to 64 bytes).
        received: FieldName,
    },
    /// AMOUNT or CURRENCY is missing or malformed.
    #[error(transparent)]
    Feedback(Error),
}

/// The one-line log summary of a [`VerifiedFeedback`] (see [`VerifiedFeedback::summary`]).
///
/// ```
/// # use ogone::{TransportCharset, VerifiedFeedback};
/// # let verifier = ogone::FeedbackVerifier::new(&ogone::ShaOutKey::new("Mysecretsig1875!?"), ogone::HashAlgorithm::Sha1);
/// # let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR&NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9&SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
/// let feedback = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
/// let line = format!("feedback {}", feedback.summary());
/// assert!(!line.contains("1111"));
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct FeedbackSummary<'a>(&'a VerifiedFeedback);

impl fmt::Display for FeedbackSummary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let f_ = self.0;
        // Quoted and escaped (and cut): a value cannot break the log line.
        let text = |v: Option<&str>| -> FieldName { v.unwrap_or("-").into() };
        write!(
            f,
            "order={:?} payid={:?}",
            text(f_.order_id()),
            text(f_.pay_id())
        )?;
        match f_.status() {
            Ok(status) => write!(f, " status={status}")?,
            Err(_) => f.write_str(" status=-")?,
        }
        match (f_.amount(), f_.currency()) {
            // A currency code is three letters; anything else is shown quoted and escaped.
            (Ok(amount), Some(c)) if c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()) => {
                write!(f, " amount={amount} {c}")?;
            }
            (Ok(amount), Some(c)) => write!(f, " amount={amount} {:?}", FieldName::from(c))?,
            _ => f.write_str(" amount=-")?,
        }
        write!(f, " brand={:?}", text(f_.brand()))
    }
}

impl fmt::Debug for FeedbackSummary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FeedbackSummary({self})")
    }
}

/// A key that is equal for every delivery of the same feedback and differs between feedbacks.
///
/// Ogone can send one feedback twice (online, then deferred when the online call failed), and
/// sends a new one when the status changes (5 authorised, then 9 captured). The key is built
/// from ORDERID, PAYID, PAYIDSUB and STATUS: record the keys you handled (a unique column) and
/// skip a feedback whose key you already have; a new status of the same payment has a new key.
///
/// ```
/// use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset, VerifiedFeedback};
///
/// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let body = b"orderID=12&currency=EUR&amount=15&PM=CreditCard&ACCEPTANCE=1234&STATUS=9\
///              &CARDNO=XXXXXXXXXXXX1111&PAYID=32100123&NCERROR=0&BRAND=VISA\
///              &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
/// let online = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
/// let deferred = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
/// assert_eq!(online.key()?, deferred.key()?);
/// assert_eq!(online.key()?.as_str(), "2:12/8:32100123/1:0/9");
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FeedbackKey(String);

impl FeedbackKey {
    pub(crate) fn new(key: String) -> Self {
        FeedbackKey(key)
    }

    /// The key as text: `len:ORDERID/len:PAYID/len:PAYIDSUB/STATUS` (the length prefixes keep
    /// a value holding `/` or `:` from shifting into the next part).
    ///
    /// ```
    /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
    ///
    /// let body = b"orderID=WEB-1001&PAYID=3014726&PAYIDSUB=2&STATUS=8";
    /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
    /// assert_eq!(f.key()?.as_str(), "8:WEB-1001/7:3014726/1:2/8");
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FeedbackKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::str::FromStr for FeedbackKey {
    type Err = Error;

    /// Reads a key back from its text (as stored in your database): the length-prefixed
    /// ORDERID, PAYID and PAYIDSUB and a known STATUS code, exactly as [`FeedbackKey::as_str`]
    /// writes them.
    ///
    /// ```
    /// use ogone::FeedbackKey;
    ///
    /// let key: FeedbackKey = "8:WEB-1001/7:3014726/1:2/8".parse()?;
    /// assert_eq!(key.to_string(), "8:WEB-1001/7:3014726/1:2/8");
    /// assert!("8:WEB-1001/7:3014726/1:2/3".parse::<FeedbackKey>().is_err()); // no status 3
    /// assert!("9:WEB-1001/7:3014726/1:2/8".parse::<FeedbackKey>().is_err()); // lengths
    /// # Ok::<(), ogone::Error>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, Error> {
        let invalid = |reason| Error::InvalidField {
            field: "feedback key".into(),
            reason,
        };
        let mut rest = text;
        let mut parts = [""; 3];
        for part in &mut parts {
            let (len, tail) = rest
                .split_once(':')
                .ok_or(invalid("not len:value/len:value/len:value/status"))?;
            let len: usize = len
                .parse()
                .map_err(|_| invalid("a length is not a number"))?;
            let value = tail
                .get(..len)
                .ok_or(invalid("a length runs past the end"))?;
            rest = tail
                .get(len..)
                .and_then(|t| t.strip_prefix('/'))
                .ok_or(invalid("a part does not end where its length says"))?;
            *part = value;
        }
        let [order_id, pay_id, sub] = parts;
        if order_id.is_empty() && pay_id.is_empty() {
            return Err(invalid("has neither ORDERID nor PAYID"));
        }
        if sub.is_empty() || Status::parse(rest).is_none() {
            return Err(invalid("has no PAYIDSUB or no known status"));
        }
        Ok(FeedbackKey(String::from(text)))
    }
}

/// What FlexCheckout says of the alias (`Alias.Status`).
///
/// ```
/// use ogone::{AliasStatus, FeedbackVerifier, FlexCheckoutFeedback, HashAlgorithm, ListKind};
/// use ogone::{ShaOutKey, TransportCharset, simulate::FeedbackSimulator};
///
/// let key = ShaOutKey::new("Mysecretsig1875!?");
/// // The customer left the card form: `Alias.Status=3`.
/// let fields = [("Alias.AliasId", "A1"), ("Alias.Status", "3")]
///     .map(|(name, value)| (name.to_string(), value.to_string()));
/// let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
///     .with_list(ListKind::FlexCheckoutOut)
///     .body_of(&fields)?;
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
/// let feedback =
///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
/// assert_eq!(feedback.alias_status()?, AliasStatus::Cancelled);
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AliasStatus {
    /// `0`: the alias was created.
    Ok,
    /// `1`: the alias was not created (see the `Alias.NCError*` fields).
    NotOk,
    /// `2`: an existing alias was updated.
    Updated,
    /// `3`: the customer cancelled.
    Cancelled,
}

/// The [`AliasStatus`] of a status field's value.
fn alias_status(value: Option<&str>, field: &'static str) -> Result<AliasStatus, Error> {
    match value {
        None => Err(Error::MissingField(field)),
        Some("0") => Ok(AliasStatus::Ok),
        Some("1") => Ok(AliasStatus::NotOk),
        Some("2") => Ok(AliasStatus::Updated),
        Some("3") => Ok(AliasStatus::Cancelled),
        Some(_) => Err(Error::InvalidField {
            field: field.into(),
            reason: "not 0, 1, 2 or 3",
        }),
    }
}

/// FlexCheckout redirect feedback (`Alias.AliasId`, `Card.Brand`, `Alias.Status`...) whose
/// signature was checked against the FlexCheckout SHA-OUT list.
///
/// ```
/// use ogone::{AliasStatus, FlexCheckoutFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
///
/// # let verifier = FeedbackVerifier::new(&ShaOutKey::new("k"), HashAlgorithm::Sha256);
/// # let signer = verifier.clone().with_list(ogone::ListKind::FlexCheckoutOut);
/// # let mut p = ogone::Params::parse_form(b"Alias.AliasId=A1&Alias.OrderId=o-7&Alias.Status=0&Card.Brand=VISA&Card.CardNumber=XXXXXXXXXXXX1111", TransportCharset::Utf8)?;
/// # let sig = signer.as_signer().sign(&p)?.to_string();
/// # let query = format!("{}&SHASign={sig}", p.to_form(TransportCharset::Utf8)?);
/// let feedback =
///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
/// assert_eq!(feedback.alias_id(), Some("A1"));
/// assert_eq!(feedback.alias_status()?, AliasStatus::Ok);
/// assert_eq!(feedback.brand(), Some("VISA"));
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlexCheckoutFeedback(Checked);

impl FlexCheckoutFeedback {
    /// Parses the redirect query and verifies it with the FlexCheckout SHA-OUT list (whatever
    /// list `verifier` was set to; its key, algorithm, order and charset are used).
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.alias_id(), Some("A1"));
    /// let forged = query.replace("Card.Brand=VISA", "Card.Brand=AMEX");
    /// let err = FlexCheckoutFeedback::parse(forged.as_bytes(), TransportCharset::Utf8, &verifier);
    /// assert_eq!(err, Err(ogone::Error::Mismatch));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of [`Params::parse_form`], then of [`crate::Signer::verify_shasign`].
    pub fn parse(
        input: &[u8],
        transport: TransportCharset,
        verifier: &FeedbackVerifier,
    ) -> Result<FlexCheckoutFeedback, Error> {
        let checked = Checked::parse(
            input,
            transport,
            verifier.as_signer(),
            FLEX_RULES,
            FLEX_REQUIRED,
        )?;
        checked.require_alias_when_created("ALIAS.STATUS", "ALIAS.ALIASID")?;
        Ok(FlexCheckoutFeedback(checked))
    }

    /// Verifies an already decoded parameter set.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, Params, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let params = Params::parse_form(query.as_bytes(), TransportCharset::Utf8)?;
    /// // `verifier` has the default SHA-OUT list: the FlexCheckout one is used anyway.
    /// let feedback = FlexCheckoutFeedback::verify(params, &verifier)?;
    /// assert_eq!(feedback.order_id(), Some("WEB-1001"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of [`crate::Signer::verify_shasign`].
    pub fn verify(
        params: Params,
        verifier: &FeedbackVerifier,
    ) -> Result<FlexCheckoutFeedback, Error> {
        let checked = Checked::new(params, verifier.as_signer(), FLEX_RULES, FLEX_REQUIRED)
            .map_err(|(e, _)| e)?;
        checked.require_alias_when_created("ALIAS.STATUS", "ALIAS.ALIASID")?;
        Ok(FlexCheckoutFeedback(checked))
    }

    /// Verifies the FlexCheckout redirect of a web request, as
    /// [`VerifiedFeedback::from_request`] does.
    ///
    /// ```
    /// use ogone::{FeedbackVerifier, FlexCheckoutFeedback, HashAlgorithm, ListKind, ShaOutKey};
    ///
    /// let key = ShaOutKey::new("Mysecretsig1875!?");
    /// let fields = [("Alias.AliasId", "A1"), ("Alias.Status", "0")]
    ///     .map(|(n, v)| (n.to_string(), v.to_string()));
    /// let query = ogone::simulate::FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
    ///     .with_list(ListKind::FlexCheckoutOut)
    ///     .body_of(&fields)?;
    /// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// let f = FlexCheckoutFeedback::from_request("GET", Some(&query), None, b"", &verifier)?;
    /// assert_eq!(f.alias_id(), Some("A1"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`VerifiedFeedback::from_request`] for the request, then those of
    /// [`FlexCheckoutFeedback::parse`].
    pub fn from_request(
        method: &str,
        query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
        verifier: &FeedbackVerifier,
    ) -> Result<FlexCheckoutFeedback, Error> {
        let (data, transport) = form_of(method, query, content_type, body, verifier.transport())?;
        FlexCheckoutFeedback::parse(data, transport, verifier)
    }

    /// A parameter the signature covers (name ignoring case).
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.get("card.expirydate"), Some("1229"));
    /// assert_eq!(feedback.get("cart"), None); // not covered by the signature
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.signed(name)
    }

    /// A parameter the signature does not cover: untrusted.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.unsigned("cart"), Some("42"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn unsigned(&self, name: &str) -> Option<&str> {
        self.0.unsigned(name)
    }

    /// `Alias.AliasId`: the token.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.alias_id(), Some("A1"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn alias_id(&self) -> Option<&str> {
        self.get("ALIAS.ALIASID")
    }

    /// `Alias.OrderId`.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.order_id(), Some("WEB-1001"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn order_id(&self) -> Option<&str> {
        self.get("ALIAS.ORDERID")
    }

    /// `Alias.Status`, typed.
    ///
    /// ```
    /// use ogone::{AliasStatus, FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.alias_status()?, AliasStatus::Ok);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] or [`Error::InvalidField`] naming `ALIAS.STATUS`.
    pub fn alias_status(&self) -> Result<AliasStatus, Error> {
        alias_status(self.get("ALIAS.STATUS"), "ALIAS.STATUS")
    }

    /// `Alias.NCError`, typed.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert!(feedback.nc_error()?.is_success());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] or [`Error::InvalidField`] naming `ALIAS.NCERROR`.
    pub fn nc_error(&self) -> Result<NcError, Error> {
        let raw = self
            .get("ALIAS.NCERROR")
            .ok_or(Error::MissingField("ALIAS.NCERROR"))?;
        NcError::parse(raw).ok_or(Error::InvalidField {
            field: "ALIAS.NCERROR".into(),
            reason: "not 0 or an 8-digit code",
        })
    }

    /// `Alias.StorePermanently`: `Y` or `N`.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.store_permanently(), Some("Y"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn store_permanently(&self) -> Option<&str> {
        self.get("ALIAS.STOREPERMANENTLY")
    }

    /// `Card.Brand`.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.brand(), Some("VISA"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn brand(&self) -> Option<&str> {
        self.get("CARD.BRAND")
    }

    /// `Card.CardNumber`: masked.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.masked_card(), Some("XXXXXXXXXXXX1111"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn masked_card(&self) -> Option<&str> {
        self.get("CARD.CARDNUMBER")
    }

    /// `Card.ExpiryDate` (`MMYY`).
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.expiry_date(), Some("1229")); // December 2029
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn expiry_date(&self) -> Option<&str> {
        self.get("CARD.EXPIRYDATE")
    }

    /// `Card.CardHolderName`.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.card_holder_name(), Some("Jane Doe"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn card_holder_name(&self) -> Option<&str> {
        self.get("CARD.CARDHOLDERNAME")
    }
}

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

    /// Verifies a decoded parameter set (see [`VerifiedFeedback::verify`] on where it may come
    /// from).
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

    /// Verifies the result of a web request, as [`VerifiedFeedback::from_request`] does.
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
    /// Those of [`VerifiedFeedback::from_request`] for the request, then those of
    /// [`AliasGatewayFeedback::parse`].
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
    pub fn alias(&self) -> Option<&str> {
        self.get("ALIAS")
    }

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
    pub fn order_id(&self) -> Option<&str> {
        self.get("ORDERID")
    }

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
    pub fn status(&self) -> Result<AliasStatus, Error> {
        alias_status(self.get("STATUS"), "STATUS")
    }

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
    pub fn masked_card(&self) -> Option<&str> {
        self.get("CARDNO")
    }

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
    pub fn brand(&self) -> Option<&str> {
        self.get("BRAND")
    }

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
    pub fn expiry_date(&self) -> Option<&str> {
        self.get("ED")
    }

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
    pub fn card_holder_name(&self) -> Option<&str> {
        self.get("CN")
    }

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
    pub fn store_permanently(&self) -> Result<Option<bool>, Error> {
        match self.get("STOREPERMANENTLY") {
            None => Ok(None),
            Some("Y") => Ok(Some(true)),
            Some("N") => Ok(Some(false)),
            Some(_) => Err(Error::InvalidField {
                field: "STOREPERMANENTLY".into(),
                reason: "not Y or N",
            }),
        }
    }

    /// The `NCERROR*` field `field`, typed.
    fn nc_error_of(&self, field: &'static str) -> Result<NcError, Error> {
        let raw = self.get(field).ok_or(Error::MissingField(field))?;
        NcError::parse(raw).ok_or(Error::InvalidField {
            field: field.into(),
            reason: "not 0 or an 8-digit code",
        })
    }

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
    pub fn nc_error(&self) -> Result<NcError, Error> {
        self.nc_error_of("NCERROR")
    }

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
    pub fn nc_error_card_no(&self) -> Result<NcError, Error> {
        self.nc_error_of("NCERRORCARDNO")
    }

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
    pub fn nc_error_cn(&self) -> Result<NcError, Error> {
        self.nc_error_of("NCERRORCN")
    }

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
    pub fn nc_error_cvc(&self) -> Result<NcError, Error> {
        self.nc_error_of("NCERRORCVC")
    }

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
    pub fn nc_error_ed(&self) -> Result<NcError, Error> {
        self.nc_error_of("NCERRORED")
    }
}

/// Reading feedback whose signature was **not** checked.
///
/// For logging and support only: every value here may be forged. Nothing in this module should
/// decide whether an order is paid.
///
/// ```
/// use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset, VerifiedFeedback};
/// use ogone::dangerous::UnverifiedFeedback;
///
/// // A forged "paid" feedback reads fine here, so log it, never act on it...
/// let forged = b"orderID=12&amount=15&STATUS=9&SHASIGN=0000";
/// let seen = UnverifiedFeedback::parse(forged, TransportCharset::Utf8)?;
/// assert_eq!(seen.status()?.code(), 9);
/// // ...while the verified view refuses it.
/// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// assert!(VerifiedFeedback::parse(forged, TransportCharset::Utf8, &verifier).is_err());
/// # Ok::<(), ogone::Error>(())
/// ```
pub mod dangerous {
    use super::{Error, FeedbackVerifier, Params, TransportCharset, VerifiedFeedback};

    /// Feedback as received, signature unchecked.
    ///
    /// ```
    /// use ogone::{dangerous::UnverifiedFeedback, TransportCharset};
    ///
    /// let body = b"orderID=12&STATUS=9&SHASIGN=00";
    /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
    /// assert_eq!(f.order_id(), Some("12")); // could be anything: not verified
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct UnverifiedFeedback {
        params: Params,
    }

    impl UnverifiedFeedback {
        /// Parses without verifying.
        ///
        /// ```
        /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
        ///
        /// let body = b"orderID=12&STATUS=9&SHASIGN=00";
        /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
        /// assert_eq!(f.get("SHASIGN"), Some("00")); // not checked
        /// assert!(UnverifiedFeedback::parse(b"orderID=%zz", TransportCharset::Utf8).is_err());
        /// # Ok::<(), ogone::Error>(())
        /// ```
        ///
        /// # Errors
        ///
        /// The errors of [`Params::parse_form`].
        pub fn parse(input: &[u8], transport: TransportCharset) -> Result<Self, Error> {
            Ok(UnverifiedFeedback {
                params: Params::parse_form(input, transport)?,
            })
        }

        /// Reads the feedback of a web request without verifying it, as
        /// [`VerifiedFeedback::from_request`] picks and decodes it; `default` is the transport
        /// charset when the request declares none.
        ///
        /// ```
        /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
        ///
        /// let f = UnverifiedFeedback::from_request(
        ///     "POST", None, Some("application/x-www-form-urlencoded; charset=windows-1252"),
        ///     b"orderID=12&CN=Lef%E8vre&SHASIGN=00", TransportCharset::Utf8,
        /// )?;
        /// assert_eq!(f.get("CN"), Some("Lefèvre"));
        /// # Ok::<(), ogone::Error>(())
        /// ```
        ///
        /// # Errors
        ///
        /// Those of [`VerifiedFeedback::from_request`] for the request, then those of
        /// [`Params::parse_form`].
        pub fn from_request(
            method: &str,
            query: Option<&str>,
            content_type: Option<&str>,
            body: &[u8],
            default: TransportCharset,
        ) -> Result<Self, Error> {
            let (data, transport) = super::form_of(method, query, content_type, body, default)?;
            UnverifiedFeedback::parse(data, transport)
        }

        /// Verifies it. On failure the error comes back with the feedback, so that what the
        /// sender claimed can still be logged (as what it is: unverified).
        ///
        /// ```
        /// use ogone::{Error, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
        /// use ogone::dangerous::UnverifiedFeedback;
        ///
        /// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
        /// let forged = UnverifiedFeedback::parse(b"orderID=12&STATUS=9&SHASIGN=0000", TransportCharset::Utf8)?;
        /// let (error, claimed) = forged.verify(&verifier).unwrap_err();
        /// assert!(matches!(error, Error::SignatureLength { .. }));
        /// assert_eq!(claimed.order_id(), Some("12")); // log it; do not act on it
        /// # Ok::<(), ogone::Error>(())
        /// ```
        ///
        /// # Errors
        ///
        /// Those of [`VerifiedFeedback::verify`], with the unverified feedback.
        #[allow(clippy::result_large_err)]
        pub fn verify(
            self,
            verifier: &FeedbackVerifier,
        ) -> Result<VerifiedFeedback, (Error, UnverifiedFeedback)> {
            VerifiedFeedback::verify_keeping(self.params, verifier)
                .map_err(|(e, params)| (e, UnverifiedFeedback { params }))
        }

        /// Wraps a decoded parameter set without verifying it.
        ///
        /// ```
        /// use ogone::{Params, dangerous::UnverifiedFeedback};
        ///
        /// let params = Params::try_from_pairs([("orderID", "12"), ("STATUS", "5")])?;
        /// let f = UnverifiedFeedback::new(params);
        /// assert_eq!(f.order_id(), Some("12"));
        /// # Ok::<(), ogone::Error>(())
        /// ```
        #[must_use]
        pub fn new(params: Params) -> Self {
            UnverifiedFeedback { params }
        }

        /// Any parameter, unverified.
        ///
        /// ```
        /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
        ///
        /// let body = b"orderID=12&COMPLUS=cart-42&SHASIGN=00";
        /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
        /// assert_eq!(f.get("complus"), Some("cart-42"));
        /// # Ok::<(), ogone::Error>(())
        /// ```
        #[must_use]
        pub fn get(&self, name: &str) -> Option<&str> {
            self.params.get(name)
        }

        /// All parameters, unverified.
        ///
        /// ```
        /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
        ///
        /// let body = b"orderID=12&STATUS=9&SHASIGN=00";
        /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
        /// assert_eq!(f.params().len(), 3);
        /// assert_eq!(f.params().get("status"), Some("9"));
        /// # Ok::<(), ogone::Error>(())
        /// ```
        #[must_use]
        pub fn params(&self) -> &Params {
            &self.params
        }
    }

    typed_accessors!(UnverifiedFeedback, get);
}
