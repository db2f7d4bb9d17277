//! The order update: what a shop needs from a payment message, whichever platform sent it.

use alloc::string::String;

use crate::error::{Error, FieldName};
use crate::protocol::amount::Amount;
use crate::protocol::feedback::verified::AmountCheckError;
use crate::protocol::status::{PaymentState, Status};

/// Where an [`OrderUpdate`] came from.
///
/// ```
/// use ogone::order::Origin;
/// assert_eq!(Origin::LegacyFeedback.as_str(), "legacy-feedback");
/// assert!(Origin::WorldlineEvent.is_worldline());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Origin {
    /// A verified legacy feedback (Ogone, ePDQ and the other white labels: SHA-OUT).
    LegacyFeedback,
    /// A verified Worldline Direct webhook event.
    WorldlineEvent,
    /// A Worldline Direct API answer (get payment, get hosted checkout), read from the
    /// response to a signed call.
    WorldlineAnswer,
}

impl Origin {
    /// `legacy-feedback`, `worldline-event` or `worldline-answer`.
    ///
    /// ```
    /// assert_eq!(ogone::order::Origin::WorldlineAnswer.as_str(), "worldline-answer");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::LegacyFeedback => "legacy-feedback",
            Origin::WorldlineEvent => "worldline-event",
            Origin::WorldlineAnswer => "worldline-answer",
        }
    }

    /// Whether it came from Worldline Direct (an event or an answer).
    ///
    /// ```
    /// assert!(!ogone::order::Origin::LegacyFeedback.is_worldline());
    /// ```
    #[must_use]
    pub fn is_worldline(self) -> bool {
        matches!(self, Origin::WorldlineEvent | Origin::WorldlineAnswer)
    }
}

/// What a payment message says about an order, the same shape for both platforms: made from
/// a [`VerifiedFeedback`](crate::VerifiedFeedback) (legacy) or, with feature `worldline`, a
/// verified [`Event`](crate::worldline::Event), a
/// [`GetPaymentResponse`](crate::worldline::GetPaymentResponse) or a
/// [`GetHostedCheckoutResponse`](crate::worldline::GetHostedCheckoutResponse), with
/// `OrderUpdate::try_from`. Only verified messages convert: an update is as authentic as the
/// message it came from.
///
/// A shop then writes one order-update function for both platforms: look the order up by
/// [`merchant_reference`](OrderUpdate::merchant_reference), check the amount
/// ([`check_amount`](OrderUpdate::check_amount)), and let
/// [`decide`](OrderUpdate::decide) say whether to apply it.
///
/// ```
/// use ogone::order::{Decision, LastApplied, OrderUpdate, Origin};
/// use ogone::{Amount, FeedbackVerifier, HashAlgorithm, PaymentState, ShaOutKey, TransportCharset, VerifiedFeedback};
///
/// // The SHA-OUT example of the Ogone guides (SHA-1, passphrase Mysecretsig1875!?).
/// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
/// let feedback = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
/// let update = OrderUpdate::try_from(&feedback)?;
/// assert_eq!(update.origin(), Origin::LegacyFeedback);
/// assert_eq!(update.merchant_reference(), "12");
/// assert_eq!(update.payment_id(), Some("32100123"));
/// assert_eq!(update.state(), PaymentState::Captured);
/// assert_eq!(update.key(), "2:12/8:32100123/1:0/9");
/// update.check_amount(Amount::from_minor_units(1500)?, "EUR")?;
/// assert_eq!(update.decide(None), Decision::Apply);
/// assert_eq!(update.decide(Some(LastApplied { status: update.status(), key: update.key() })), Decision::Duplicate);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderUpdate {
    origin: Origin,
    merchant_reference: String,
    payment_id: Option<String>,
    amount: Option<Amount>,
    currency: Option<String>,
    status: Status,
    key: String,
}

/// The text, unless it is absent, empty or only whitespace: a blank merchant reference or
/// payment id names no order or payment (and would be one key for all of them).
pub(crate) fn non_blank(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

impl OrderUpdate {
    /// An update from its parts (the conversions' common end).
    pub(crate) fn new(
        origin: Origin,
        merchant_reference: String,
        payment_id: Option<String>,
        amount: Option<Amount>,
        currency: Option<String>,
        status: Status,
        key: String,
    ) -> Self {
        OrderUpdate {
            origin,
            merchant_reference,
            payment_id,
            amount,
            currency,
            status,
            key,
        }
    }

    /// Where it came from.
    ///
    /// See [`OrderUpdate`] for an example.
    #[must_use]
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// The shop's order: the legacy `ORDERID`, or Worldline's
    /// `…Output.references.merchantReference` (the legacy ORDERID carried over by
    /// [`from_legacy`](crate::worldline::CreateHostedCheckoutRequest::from_legacy)).
    ///
    /// See [`OrderUpdate`] for an example.
    #[must_use]
    pub fn merchant_reference(&self) -> &str {
        &self.merchant_reference
    }

    /// The platform's payment id: the legacy `PAYID`, or the Worldline payment's `id` (for a
    /// refund, the refund's `id`).
    ///
    /// See [`OrderUpdate`] for an example.
    #[must_use]
    pub fn payment_id(&self) -> Option<&str> {
        self.payment_id.as_deref()
    }

    /// The amount, when the message carries one.
    ///
    /// See [`OrderUpdate`] for an example.
    #[must_use]
    pub fn amount(&self) -> Option<Amount> {
        self.amount
    }

    /// The currency (ISO 4217 alpha code), when the message carries one.
    ///
    /// See [`OrderUpdate`] for an example.
    #[must_use]
    pub fn currency(&self) -> Option<&str> {
        self.currency.as_deref()
    }

    /// The status: the legacy `STATUS`, or Worldline's `statusOutput.statusCode` (the same
    /// table).
    ///
    /// See [`OrderUpdate`] for an example.
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// [`Status::state`] of the status.
    ///
    /// See [`OrderUpdate`] for an example.
    #[must_use]
    pub fn state(&self) -> PaymentState {
        self.status.state()
    }

    /// The de-duplication key, the same for each delivery of one message: the legacy
    /// [`FeedbackKey`](crate::FeedbackKey) text, the Worldline event id, or for an API answer
    /// `answer:<payment id>:<status code>` (reading the same state twice is one update). Keep
    /// every key applied in a unique column: a redelivery is then refused by the database
    /// too, not only by [`decide`](OrderUpdate::decide), which sees only the last.
    ///
    /// See [`OrderUpdate`] for an example.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Checks that the update is for `expected` in `currency`, as
    /// [`VerifiedFeedback::check_amount`](crate::VerifiedFeedback::check_amount) does: a
    /// missing amount or currency is
    /// [`AmountCheckError::Feedback`] with [`Error::MissingField`] (`AMOUNT` / `CURRENCY`).
    ///
    /// ```
    /// use ogone::order::OrderUpdate;
    /// use ogone::{Amount, AmountCheckError, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset, VerifiedFeedback};
    /// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let update = OrderUpdate::try_from(&VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?)?;
    /// let short = update.check_amount(Amount::from_minor_units(4250)?, "EUR").unwrap_err();
    /// assert!(matches!(short, AmountCheckError::Amount { .. }));
    /// assert!(matches!(update.check_amount(Amount::from_minor_units(1500)?, "GBP"), Err(AmountCheckError::Currency { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AmountCheckError::Currency`], [`AmountCheckError::Amount`], or
    /// [`AmountCheckError::Feedback`] for a missing field.
    pub fn check_amount(&self, expected: Amount, currency: &str) -> Result<(), AmountCheckError> {
        let received_currency = self
            .currency
            .as_deref()
            .ok_or(AmountCheckError::Feedback(Error::MissingField("CURRENCY")))?;
        if received_currency != currency {
            return Err(AmountCheckError::Currency {
                expected: String::from(currency),
                received: FieldName::new(received_currency),
            });
        }
        let received = self
            .amount
            .ok_or(AmountCheckError::Feedback(Error::MissingField("AMOUNT")))?;
        if received != expected {
            return Err(AmountCheckError::Amount { expected, received });
        }
        Ok(())
    }
}
