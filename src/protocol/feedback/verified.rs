//! [`VerifiedFeedback`]: e-Commerce feedback (redirects and server-to-server) whose SHA-OUT
//! signature was checked, with the amount check and the log summary.

use alloc::string::String;
use core::fmt;

use crate::charset::TransportCharset;
use crate::error::{Error, FieldName};
use crate::protocol::amount::Amount;
use crate::protocol::credentials::FeedbackVerifier;
use crate::protocol::feedback::checked::Checked;
use crate::protocol::feedback::from_request::form_of;
use crate::protocol::feedback::payment_fields::payment_accessors;
use crate::signing::params::Params;
use crate::signing::scan::Rules;
use crate::signing::signer::Scheme;

/// What verified feedback must carry, signed.
const VERIFIED_REQUIRED: &[&str] = &["ORDERID", "STATUS"];

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
    /// allocating, whatever the length of its names and values (a value too long for the
    /// scan's 4 KiB buffer is decoded on the fly from the body as it is hashed). A body of
    /// more parameters is decoded first, with the same answers.
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
    pub(super) fn verify_keeping(
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

payment_accessors!(VerifiedFeedback, get);

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

/// Why [`VerifiedFeedback::check_amount`] refused a feedback (and, feature `worldline`, why
/// `worldline::Event::check_amount` or `ObjectView::check_amount` refused an event or payment).
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
    /// AMOUNT or CURRENCY is missing or malformed (for a Worldline event or payment: missing,
    /// as [`Error::MissingField`]).
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
