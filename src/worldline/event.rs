//! The typed webhook event envelope and the payment or refund it carries.

use alloc::string::String;

use serde::Deserialize;

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
    amount: Option<i64>,
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
    /// `…Output.amountOfMoney.amount`, in minor units.
    pub amount: Option<i64>,
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
    /// The event id (de-duplicate on it).
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

/// The view of a payment or refund object.
pub(crate) fn view(raw: RawObject) -> ObjectView {
    let output = raw.payment_output.or(raw.refund_output);
    let (amount, references) = match output {
        Some(o) => (o.amount_of_money, o.references),
        None => (None, None),
    };
    ObjectView {
        id: raw.id,
        status: raw.status,
        status_code: raw
            .status_output
            .and_then(|s| s.status_code)
            .map(StatusCode::classify),
        merchant_reference: references.and_then(|r| r.merchant_reference),
        amount: amount.as_ref().and_then(|a| a.amount),
        currency: amount.and_then(|a| a.currency_code),
    }
}

impl Event {
    /// Reads an event body whose signature you have verified (use
    /// [`WebhookVerifier::verify`](super::WebhookVerifier::verify) to do both). Unknown fields
    /// and event types are tolerated; `apiVersion` must be `v1` and `id` present.
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
    /// ```
    pub fn parse_verified(body: &[u8]) -> Result<Event, Error> {
        let raw: RawEvent = serde_json::from_slice(body).map_err(|e| {
            Error::InvalidEvent(match e.classify() {
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
        let payload = match (raw.payment, raw.refund) {
            (Some(p), _) => EventObject::Payment(view(p)),
            (None, Some(r)) => EventObject::Refund(view(r)),
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
}
