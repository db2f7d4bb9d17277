//! The typed webhook event envelope and the payment or refund it carries.

use alloc::string::String;
use core::fmt;

use serde::Deserialize;
use serde_json::Number;

use crate::error::Error as FeedbackError;
use crate::protocol::amount::Amount;
use crate::protocol::feedback::verified::AmountCheckError;
use crate::protocol::status::Status;
use crate::worldline::error::Error;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEvent {
    api_version: Option<String>,
    id: Option<String>,
    created: Option<String>,
    merchant_id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    payment: Option<RawObject>,
    refund: Option<RawObject>,
}

/// A payment or refund object as the API sends it (webhook events, `GET payments/{id}`,
/// `createdPaymentOutput.payment`), read only as far as [`ObjectView`] needs.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RawObject {
    id: Option<String>,
    status: Option<String>,
    status_output: Option<RawStatusOutput>,
    payment_output: Option<RawOutput>,
    refund_output: Option<RawOutput>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawStatusOutput {
    status_code: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawOutput {
    amount_of_money: Option<RawAmount>,
    references: Option<RawReferences>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAmount {
    // Any JSON number, so that a fractional, negative or huge one is refused with its reason
    // rather than as "another type".
    amount: Option<Number>,
    currency_code: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawReferences {
    merchant_reference: Option<String>,
}

/// `statusOutput.statusCode`: a legacy Ogone STATUS when the crate's table knows it, else the
/// number as received (the SDK fixtures carry 1000, a Connect code).
///
/// ```
/// use ogone::worldline::StatusCode;
/// assert_eq!(StatusCode::classify(9), StatusCode::Legacy(ogone::Status::from_code(9).unwrap()));
/// assert_eq!(StatusCode::classify(1000), StatusCode::Other(1000));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StatusCode {
    /// A code of the legacy STATUS table.
    Legacy(Status),
    /// Any other code, kept as a number.
    Other(i64),
}

impl StatusCode {
    /// Classifies a received code with the legacy STATUS table.
    ///
    /// ```
    /// assert!(matches!(ogone::worldline::StatusCode::classify(5), ogone::worldline::StatusCode::Legacy(_)));
    /// ```
    #[must_use]
    pub fn classify(code: i64) -> Self {
        u8::try_from(code)
            .ok()
            .and_then(Status::from_code)
            .map_or(StatusCode::Other(code), StatusCode::Legacy)
    }
}

/// The payment or refund an event carries.
///
/// ```
/// let e = ogone::worldline::Event::parse_verified(
///     br#"{"apiVersion":"v1","id":"e1","type":"refund.refunded","refund":{"id":"r1","statusOutput":{"statusCode":8}}}"#,
/// ).unwrap();
/// assert_eq!(e.object().unwrap().id.as_deref(), Some("r1"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ObjectView {
    /// `payment.id` / `refund.id`.
    pub id: Option<String>,
    /// `status` (e.g. `CAPTURED`).
    pub status: Option<String>,
    /// `statusOutput.statusCode`, classified.
    pub status_code: Option<StatusCode>,
    /// `…Output.references.merchantReference` (the legacy ORDERID).
    pub merchant_reference: Option<String>,
    /// `…Output.amountOfMoney.amount`, in minor units. The object was refused if it is
    /// negative, not written as an integer, or above [`MAX_MINOR_UNITS`](crate::MAX_MINOR_UNITS).
    pub amount: Option<Amount>,
    /// `…Output.amountOfMoney.currencyCode`.
    pub currency: Option<String>,
}

/// Which object the event carries.
///
/// ```
/// use ogone::worldline::{Event, EventObject};
/// let e = Event::parse_verified(br#"{"apiVersion":"v1","id":"e","payment":{"id":"p"}}"#).unwrap();
/// assert!(matches!(e.payload, EventObject::Payment(_)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventObject {
    /// A `payment` object.
    Payment(ObjectView),
    /// A `refund` object.
    Refund(ObjectView),
    /// Another object (payout, token, …) or none.
    Other,
}

/// A webhook event, read after its signature was verified.
///
/// ```
/// let e = ogone::worldline::Event::parse_verified(br#"{"apiVersion":"v1","id":"e1","type":"x.y"}"#).unwrap();
/// assert_eq!(e.idempotency_key(), "e1");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Event {
    /// The event id (de-duplicate on it); never empty nor only whitespace.
    pub id: String,
    /// `type`, e.g. `payment.paid`.
    pub kind: Option<String>,
    /// `created`, as received.
    pub created: Option<String>,
    /// `merchantId` (the legacy PSPID).
    pub merchant_id: Option<String>,
    /// The payment or refund.
    pub payload: EventObject,
}

/// Why a payment or refund object (of an event or of an API answer) is refused; it becomes an
/// [`Error`] for an event and a [`ResponseError`](crate::worldline::ResponseError) for an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ObjectProblem {
    /// Both `paymentOutput` and `refundOutput`: which amount and reference hold is ambiguous.
    TwoOutputs,
    /// `amountOfMoney.amount` is not an [`Amount`]: one of the `AMOUNT_*` reasons.
    Amount(&'static str),
}

/// The reasons of [`ObjectProblem::Amount`], completing "the amount is …".
const AMOUNT_NEGATIVE: &str = "negative";
const AMOUNT_TOO_LARGE: &str = "above 99999999999 minor units (999999999.99)";
const AMOUNT_NOT_INTEGER: &str = "not written as an integer";

/// `amount` as an [`Amount`]: a JSON integer from 0 to [`MAX_MINOR_UNITS`](crate::MAX_MINOR_UNITS).
fn amount_of(number: &Number) -> Result<Amount, &'static str> {
    if let Some(minor) = number.as_u64() {
        return Amount::from_minor_units(minor).map_err(|_| AMOUNT_TOO_LARGE);
    }
    if number.is_i64() {
        return Err(AMOUNT_NEGATIVE);
    }
    // A float (`10.5`, `1e3`, `10.0`) or an integer past 64 bits, which serde_json reads as one.
    match number.as_f64() {
        Some(f) if f < 0.0 => Err(AMOUNT_NEGATIVE),
        Some(f) if f > 99_999_999_999.0 => Err(AMOUNT_TOO_LARGE),
        _ => Err(AMOUNT_NOT_INTEGER),
    }
}

/// The view of a payment or refund object.
pub(crate) fn view(raw: RawObject) -> Result<ObjectView, ObjectProblem> {
    let output = match (raw.payment_output, raw.refund_output) {
        (Some(_), Some(_)) => return Err(ObjectProblem::TwoOutputs),
        (payment, refund) => payment.or(refund),
    };
    let (money, references) = match output {
        Some(o) => (o.amount_of_money, o.references),
        None => (None, None),
    };
    let (amount, currency) = match money {
        Some(m) => (m.amount, m.currency_code),
        None => (None, None),
    };
    let amount = amount
        .map(|n| amount_of(&n))
        .transpose()
        .map_err(ObjectProblem::Amount)?;
    Ok(ObjectView {
        id: raw.id,
        status: raw.status,
        status_code: raw
            .status_output
            .and_then(|s| s.status_code)
            .map(StatusCode::classify),
        merchant_reference: references.and_then(|r| r.merchant_reference),
        amount,
        currency,
    })
}

impl From<ObjectProblem> for Error {
    fn from(problem: ObjectProblem) -> Error {
        match problem {
            ObjectProblem::TwoOutputs => Error::AmbiguousEvent("paymentOutput and refundOutput"),
            ObjectProblem::Amount(reason) => Error::InvalidAmount(reason),
        }
    }
}

/// Whether serde_json's error is serde's "duplicate field `…`" (the derived `Deserialize`
/// reports a field it reads that occurs twice so, as a data error); checked on the text
/// without allocating.
fn is_duplicate_field(error: &serde_json::Error) -> bool {
    /// Compares what is written with a prefix, keeping only whether it still matches.
    struct Prefix {
        rest: &'static str,
        matches: bool,
    }
    impl fmt::Write for Prefix {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            if !self.matches || self.rest.is_empty() {
                return Ok(());
            }
            let n = s.len().min(self.rest.len());
            match (s.get(..n), self.rest.get(..n), self.rest.get(n..)) {
                (Some(written), Some(expected), Some(rest)) if written == expected => {
                    self.rest = rest;
                }
                _ => self.matches = false,
            }
            Ok(())
        }
    }
    let mut prefix = Prefix {
        rest: "duplicate field `",
        matches: true,
    };
    error.classify() == serde_json::error::Category::Data
        && fmt::write(&mut prefix, format_args!("{error}")).is_ok()
        && prefix.matches
        && prefix.rest.is_empty()
}

impl ObjectView {
    /// Checks that the amount and currency are the ones you expect, as
    /// [`VerifiedFeedback::check_amount`](crate::VerifiedFeedback::check_amount) does for
    /// legacy feedback (and with its error type). A verified webhook proves Worldline sent it,
    /// not that the customer paid what the order costs: check before you ship.
    ///
    /// ```
    /// use ogone::{Amount, AmountCheckError};
    /// use ogone::worldline::GetPaymentResponse;
    ///
    /// let body = br#"{"id":"1_0","paymentOutput":{"amountOfMoney":{"amount":4250,"currencyCode":"EUR"}}}"#;
    /// let payment = GetPaymentResponse::parse(200, body)?.payment;
    /// payment.check_amount(Amount::from_minor_units(4250)?, "EUR")?;
    /// let short = payment.check_amount(Amount::from_minor_units(5000)?, "EUR").unwrap_err();
    /// assert_eq!(short.to_string(), "amount 42.50 received, 50.00 expected");
    /// assert!(matches!(payment.check_amount(Amount::from_minor_units(4250)?, "GBP"),
    ///     Err(AmountCheckError::Currency { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AmountCheckError::Amount`] or [`AmountCheckError::Currency`] naming both values, or
    /// [`AmountCheckError::Feedback`] holding [`ogone::Error::MissingField`](crate::Error::MissingField)
    /// (`"amountOfMoney.currencyCode"` or `"amountOfMoney.amount"`) when one is missing. The
    /// currency is compared first, as for legacy feedback.
    pub fn check_amount(&self, expected: Amount, currency: &str) -> Result<(), AmountCheckError> {
        let missing = |name| AmountCheckError::Feedback(FeedbackError::MissingField(name));
        let received_currency = self
            .currency
            .as_deref()
            .ok_or_else(|| missing("amountOfMoney.currencyCode"))?;
        if received_currency != currency {
            return Err(AmountCheckError::Currency {
                expected: String::from(currency),
                received: received_currency.into(),
            });
        }
        let received = self.amount.ok_or_else(|| missing("amountOfMoney.amount"))?;
        if received != expected {
            return Err(AmountCheckError::Amount { expected, received });
        }
        Ok(())
    }
}

impl Event {
    /// Reads an event body whose signature you have verified (use
    /// [`WebhookVerifier::verify`](super::WebhookVerifier::verify) to do both). Unknown fields
    /// and event types are tolerated. Refused, each with its own error (all of kind
    /// `Malformed`, HTTP 400), even under a valid signature:
    ///
    /// - an `apiVersion` other than `v1`: [`Error::ApiVersion`];
    /// - no `id`: [`Error::InvalidEvent`]; an `id` that is empty or only whitespace:
    ///   [`Error::BlankEventId`] (it is the de-duplication key: two events with a blank id
    ///   would be taken for one);
    /// - both `payment` and `refund`, or an object with both `paymentOutput` and
    ///   `refundOutput`: [`Error::AmbiguousEvent`] naming the pair (reading one of them would
    ///   be a guess);
    /// - an `amountOfMoney.amount` that is negative, not written as an integer, or above
    ///   [`MAX_MINOR_UNITS`](crate::MAX_MINOR_UNITS): [`Error::InvalidAmount`] with the reason;
    /// - a field this view reads that occurs twice: [`Error::InvalidEvent`]`("a field it reads
    ///   occurs twice")`;
    /// - a field this view reads of another type than the API's, or a body that is not a JSON
    ///   object: [`Error::InvalidEvent`], see below.
    ///
    /// A field this view reads must have the type the API reference gives it (strings, and
    /// integers for `amount` and `statusCode`); otherwise the whole event is
    /// [`Error::InvalidEvent`] (kind `Malformed`, HTTP 400), even with a valid signature. This
    /// is deliberate: `"amount": 10.5` or `"statusCode": "9"` means the body is not what the
    /// API describes, and reading such a field as absent would let an order move on a
    /// half-read event (a payment with no amount, a status left out); refusing it makes the
    /// delivery fail visibly and Worldline retry it. Fields this view does not read may hold
    /// anything.
    ///
    /// ```
    /// use ogone::worldline::{Error, Event};
    /// assert_eq!(Event::parse_verified(br#"{"apiVersion":"v0","id":"e"}"#), Err(Error::ApiVersion));
    /// assert!(matches!(Event::parse_verified(b"not json"), Err(Error::InvalidEvent(_))));
    /// assert_eq!(Event::parse_verified(br#"{"apiVersion":"v1","id":" "}"#), Err(Error::BlankEventId));
    /// let both = br#"{"apiVersion":"v1","id":"e","payment":{"id":"p"},"refund":{"id":"r"}}"#;
    /// assert_eq!(Event::parse_verified(both), Err(Error::AmbiguousEvent("payment and refund")));
    /// let negative = br#"{"apiVersion":"v1","id":"e","payment":{"paymentOutput":{"amountOfMoney":{"amount":-5}}}}"#;
    /// assert_eq!(Event::parse_verified(negative), Err(Error::InvalidAmount("negative")));
    /// let twice = br#"{"apiVersion":"v1","id":"e","id":"f"}"#;
    /// assert_eq!(Event::parse_verified(twice), Err(Error::InvalidEvent("a field it reads occurs twice")));
    /// ```
    pub fn parse_verified(body: &[u8]) -> Result<Event, Error> {
        let raw: RawEvent = serde_json::from_slice(body).map_err(|e| {
            Error::InvalidEvent(match e.classify() {
                serde_json::error::Category::Data if is_duplicate_field(&e) => {
                    "a field it reads occurs twice"
                }
                serde_json::error::Category::Data => {
                    "not a JSON object, or a field it reads has another type than the API's"
                }
                _ => "not a JSON event",
            })
        })?;
        if raw.api_version.as_deref() != Some("v1") {
            return Err(Error::ApiVersion);
        }
        let id = raw.id.ok_or(Error::InvalidEvent("no event id"))?;
        if id.trim().is_empty() {
            return Err(Error::BlankEventId);
        }
        let payload = match (raw.payment, raw.refund) {
            (Some(_), Some(_)) => return Err(Error::AmbiguousEvent("payment and refund")),
            (Some(p), None) => EventObject::Payment(view(p)?),
            (None, Some(r)) => EventObject::Refund(view(r)?),
            (None, None) => EventObject::Other,
        };
        Ok(Event {
            id,
            kind: raw.kind,
            created: raw.created,
            merchant_id: raw.merchant_id,
            payload,
        })
    }

    /// The key to de-duplicate deliveries on: the event id.
    ///
    /// ```
    /// let e = ogone::worldline::Event::parse_verified(br#"{"apiVersion":"v1","id":"e1"}"#).unwrap();
    /// assert_eq!(e.idempotency_key(), "e1");
    /// ```
    #[must_use]
    pub fn idempotency_key(&self) -> &str {
        &self.id
    }

    /// The payment or refund view, if the event carries one.
    ///
    /// ```
    /// let e = ogone::worldline::Event::parse_verified(br#"{"apiVersion":"v1","id":"e1"}"#).unwrap();
    /// assert!(e.object().is_none());
    /// ```
    #[must_use]
    pub fn object(&self) -> Option<&ObjectView> {
        match &self.payload {
            EventObject::Payment(v) | EventObject::Refund(v) => Some(v),
            EventObject::Other => None,
        }
    }

    /// Checks the amount and currency of the event's payment or refund
    /// ([`ObjectView::check_amount`]), as
    /// [`VerifiedFeedback::check_amount`](crate::VerifiedFeedback::check_amount) does for
    /// legacy feedback, with the same error type.
    ///
    /// ```
    /// use ogone::{Amount, AmountCheckError, Error as FieldError};
    /// use ogone::worldline::Event;
    ///
    /// let body = br#"{"apiVersion":"v1","id":"e1","type":"payment.captured","payment":{"id":"p1","paymentOutput":{"amountOfMoney":{"amount":1000,"currencyCode":"EUR"}}}}"#;
    /// let event = Event::parse_verified(body)?;
    /// event.check_amount(Amount::from_minor_units(1000)?, "EUR")?;
    /// assert!(matches!(event.check_amount(Amount::from_minor_units(4250)?, "EUR"),
    ///     Err(AmountCheckError::Amount { .. })));
    /// let bare = Event::parse_verified(br#"{"apiVersion":"v1","id":"e2","type":"token.created"}"#)?;
    /// assert_eq!(bare.check_amount(Amount::from_minor_units(1000)?, "EUR"),
    ///     Err(AmountCheckError::Feedback(FieldError::MissingField("payment or refund"))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`ObjectView::check_amount`]; an event with no payment or refund fails with
    /// [`AmountCheckError::Feedback`] holding
    /// [`ogone::Error::MissingField`](crate::Error::MissingField)`("payment or refund")`.
    pub fn check_amount(&self, expected: Amount, currency: &str) -> Result<(), AmountCheckError> {
        match self.object() {
            Some(object) => object.check_amount(expected, currency),
            None => Err(AmountCheckError::Feedback(FeedbackError::MissingField(
                "payment or refund",
            ))),
        }
    }
}
