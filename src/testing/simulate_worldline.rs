//! A Worldline Direct webhook simulator (feature `worldline`): the events Worldline posts to
//! your webhook endpoint, signed the way it signs them, so a webhook handler can be tested
//! without the platform. It is the Direct counterpart of the legacy
//! [`FeedbackSimulator`](crate::simulate::FeedbackSimulator).
//!
//! Worldline signs the raw body: `X-GCS-Signature` is the padded base64 of HMAC-SHA256 keyed
//! with the UTF-8 bytes of the webhook secret, over the body bytes as sent, and `X-GCS-KeyId`
//! names the key (spec `worldline-direct.md`, section 2.1). The bodies follow the layout of the
//! official SDKs' webhook fixture (`sdk-python3:tests/resources/webhooks/valid-body`: two-space
//! indentation, LF line endings, no trailing newline) and the field names of the SDKs' domain
//! classes (`onlinepayments/sdk/domain/web_hooks_event.py`, `payment_response.py`,
//! `payment_output.py`, `payment_status_output.py`, `refund_response.py`, `refund_output.py`,
//! `order_status_output.py`, `payment_references.py`, sdk-python3 @ f333f4c4).
//!
//! ```
//! use ogone::Amount;
//! use ogone::simulate_worldline::{EventKind, SimulatedEvent, WebhookSimulator};
//! use ogone::worldline::{StatusCode, WebhookVerifier};
//!
//! let simulator = WebhookSimulator::parse("webhook-key-2026", "my-webhook-secret")?;
//! let event = SimulatedEvent::new(EventKind::Captured, "WEB-1001", Amount::from_minor_units(4250)?, "EUR");
//! let webhook = simulator.sign(&event);
//!
//! // Your handler: verify the raw body with the headers as received.
//! let verifier = WebhookVerifier::new(simulator.keys().clone());
//! let received = verifier.verify(&webhook.body, webhook.headers())?;
//! assert_eq!(received.id, event.event_id());
//! assert_eq!(received.kind.as_deref(), Some("payment.captured"));
//! let payment = received.object().ok_or("no payment")?;
//! assert_eq!(payment.merchant_reference.as_deref(), Some("WEB-1001"));
//! assert_eq!(payment.status_code, Some(StatusCode::Legacy(ogone::Status::PaymentRequested)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest as _, Sha256};

use crate::protocol::amount::Amount;
use crate::protocol::status::Status;
use crate::worldline::error::Error;
use crate::worldline::keys::{ApiKey, WebhookKeys};
use crate::worldline::webhook::{KEY_ID_HEADER, SIGNATURE_HEADER};

/// What happened to the payment: the kinds of event the simulator writes.
///
/// Each maps to the event `type`, the object's `status`, `statusOutput.statusCategory` and
/// `statusOutput.statusCode`. Sources:
///
/// - event types: the Worldline Direct webhooks page lists `payment.created`,
///   `payment.authorization_requested` and `payment.pending_capture` (spec section 2.1); the
///   names follow the documented `object.event` pattern, where the object is the resource
///   the event is about (Connect "Webhooks event types" page), so a refund's event is
///   `refund.refunded` with a `refund` object;
/// - `status` values: the Direct statuses page (`CREATED`, `REJECTED`, `PENDING_CAPTURE`,
///   spec section 5) and Odoo's mapping (`AUTHORIZATION_REQUESTED`, `CAPTURED`);
///   `REFUNDED` from the status category of that name;
/// - `statusCategory`: the category that groups each status, as the Connect SDK documents it
///   (`Ingenico-ePayments/connect-sdk-python3:ingenico/connect/sdk/domain/definitions/order_status_output.py`
///   @ 8b4e7612): `CREATED`; `PENDING_MERCHANT` (PENDING_CAPTURE); `PENDING_CONNECT_OR_3RD_PARTY`
///   (AUTHORIZATION_REQUESTED); `COMPLETED` (CAPTURED); `UNSUCCESSFUL` (REJECTED); `REFUNDED`;
/// - `statusCode`, the legacy STATUS: 5 pending capture, 9 captured, 2 authorisation declined,
///   8 refunded (Worldline's Direct Magento plugin, spec section 5). Two are this crate's
///   choice, as no source read gives them: 51 (legacy "authorisation waiting") for
///   AUTHORIZATION_REQUESTED and 0 (legacy "invalid or incomplete", a transaction not yet
///   complete) for CREATED.
///
/// ```
/// use ogone::simulate_worldline::EventKind;
/// assert_eq!(EventKind::Captured.event_type(), "payment.captured");
/// assert_eq!(EventKind::Captured.status(), "CAPTURED");
/// assert_eq!(EventKind::Captured.status_code().code(), 9);
/// assert!(EventKind::Refunded.is_refund());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventKind {
    /// `payment.created`: CREATED, category CREATED, statusCode 0.
    Created,
    /// `payment.authorization_requested`: AUTHORIZATION_REQUESTED, category
    /// PENDING_CONNECT_OR_3RD_PARTY, statusCode 51.
    AuthorizationRequested,
    /// `payment.pending_capture` (authorised, to be captured): PENDING_CAPTURE, category
    /// PENDING_MERCHANT, statusCode 5.
    PendingCapture,
    /// `payment.captured`: CAPTURED, category COMPLETED, statusCode 9.
    Captured,
    /// `payment.rejected`: REJECTED, category UNSUCCESSFUL, statusCode 2.
    Rejected,
    /// `refund.refunded`, a `refund` object: REFUNDED, category REFUNDED, statusCode 8.
    Refunded,
}

impl EventKind {
    /// Every kind, in the order a payment meets them.
    ///
    /// ```
    /// assert_eq!(ogone::simulate_worldline::EventKind::ALL.len(), 6);
    /// ```
    pub const ALL: [EventKind; 6] = [
        EventKind::Created,
        EventKind::AuthorizationRequested,
        EventKind::PendingCapture,
        EventKind::Captured,
        EventKind::Rejected,
        EventKind::Refunded,
    ];

    /// The event's `type`.
    ///
    /// ```
    /// use ogone::simulate_worldline::EventKind;
    /// assert_eq!(EventKind::PendingCapture.event_type(), "payment.pending_capture");
    /// assert_eq!(EventKind::Refunded.event_type(), "refund.refunded");
    /// ```
    #[must_use]
    pub fn event_type(self) -> &'static str {
        match self {
            EventKind::Created => "payment.created",
            EventKind::AuthorizationRequested => "payment.authorization_requested",
            EventKind::PendingCapture => "payment.pending_capture",
            EventKind::Captured => "payment.captured",
            EventKind::Rejected => "payment.rejected",
            EventKind::Refunded => "refund.refunded",
        }
    }

    /// The object's `status`.
    ///
    /// ```
    /// assert_eq!(ogone::simulate_worldline::EventKind::Rejected.status(), "REJECTED");
    /// ```
    #[must_use]
    pub fn status(self) -> &'static str {
        match self {
            EventKind::Created => "CREATED",
            EventKind::AuthorizationRequested => "AUTHORIZATION_REQUESTED",
            EventKind::PendingCapture => "PENDING_CAPTURE",
            EventKind::Captured => "CAPTURED",
            EventKind::Rejected => "REJECTED",
            EventKind::Refunded => "REFUNDED",
        }
    }

    /// `statusOutput.statusCategory`.
    ///
    /// ```
    /// assert_eq!(ogone::simulate_worldline::EventKind::Captured.status_category(), "COMPLETED");
    /// ```
    #[must_use]
    pub fn status_category(self) -> &'static str {
        match self {
            EventKind::Created => "CREATED",
            EventKind::AuthorizationRequested => "PENDING_CONNECT_OR_3RD_PARTY",
            EventKind::PendingCapture => "PENDING_MERCHANT",
            EventKind::Captured => "COMPLETED",
            EventKind::Rejected => "UNSUCCESSFUL",
            EventKind::Refunded => "REFUNDED",
        }
    }

    /// `statusOutput.statusCode`, the legacy STATUS.
    ///
    /// ```
    /// use ogone::Status;
    /// use ogone::simulate_worldline::EventKind;
    /// assert_eq!(EventKind::PendingCapture.status_code(), Status::Authorised);
    /// assert_eq!(EventKind::Refunded.status_code(), Status::Refund);
    /// ```
    #[must_use]
    pub fn status_code(self) -> Status {
        match self {
            EventKind::Created => Status::InvalidOrIncomplete,
            EventKind::AuthorizationRequested => Status::AuthorisationWaiting,
            EventKind::PendingCapture => Status::Authorised,
            EventKind::Captured => Status::PaymentRequested,
            EventKind::Rejected => Status::AuthorisationRefused,
            EventKind::Refunded => Status::Refund,
        }
    }

    /// Whether the event carries a `refund` object (else a `payment`).
    ///
    /// ```
    /// assert!(!ogone::simulate_worldline::EventKind::Captured.is_refund());
    /// ```
    #[must_use]
    pub fn is_refund(self) -> bool {
        matches!(self, EventKind::Refunded)
    }

    /// `statusOutput.isAuthorized` of a payment (a refund's status output has no such field).
    fn is_authorized(self) -> bool {
        matches!(self, EventKind::PendingCapture | EventKind::Captured)
    }

    /// `statusOutput.isCancellable`.
    fn is_cancellable(self) -> bool {
        matches!(self, EventKind::PendingCapture)
    }

    /// `statusOutput.isRefundable` of a payment.
    fn is_refundable(self) -> bool {
        matches!(self, EventKind::Captured)
    }
}

/// An event as Worldline reports it, described by the fields a shop reads. [`SimulatedEvent::to_body`]
/// writes it out as the JSON Worldline posts.
///
/// ```
/// use ogone::Amount;
/// use ogone::simulate_worldline::{EventKind, SimulatedEvent};
///
/// let amount = Amount::from_minor_units(4250)?;
/// let created = SimulatedEvent::new(EventKind::Created, "WEB-1001", amount, "EUR");
/// let captured = created.clone().with_kind(EventKind::Captured);
/// // The same payment, two events: one payment id, two event ids.
/// assert_eq!(created.object_id(), captured.object_id());
/// assert_ne!(created.event_id(), captured.event_id());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulatedEvent {
    /// The event `id` (`None`: derived from the other fields, see
    /// [`SimulatedEvent::event_id`]). Any text, a blank one included, so that a handler's
    /// refusal of a blank id can be tested.
    pub id: Option<String>,
    /// What happened.
    pub kind: EventKind,
    /// `created`, as sent (`yyyy-MM-dd'T'HH:mm:ss.SSSZ`).
    pub created: String,
    /// `merchantId` (the legacy PSPID).
    pub merchant_id: String,
    /// `payment.id` / `refund.id` (`None`: derived from the merchant reference, see
    /// [`SimulatedEvent::object_id`]).
    pub payment_id: Option<String>,
    /// `…Output.references.merchantReference` (the legacy ORDERID).
    pub merchant_reference: String,
    /// `…Output.amountOfMoney.amount`, in minor units.
    pub amount: Amount,
    /// `…Output.amountOfMoney.currencyCode`.
    pub currency: String,
}

impl SimulatedEvent {
    /// An event of `kind` about the payment (or refund) of `amount` for `merchant_reference`,
    /// from merchant `MyPSPID`, created `2026-11-27T10:15:30.040+0100`, paid by card (VISA,
    /// payment product 1).
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::simulate_worldline::{EventKind, SimulatedEvent};
    /// let event = SimulatedEvent::new(EventKind::Rejected, "WEB-1001", Amount::from_minor_units(4250)?, "EUR");
    /// assert_eq!(event.merchant_id, "MyPSPID");
    /// assert!(event.to_body().contains(r#""statusCategory": "UNSUCCESSFUL""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(
        kind: EventKind,
        merchant_reference: impl Into<String>,
        amount: Amount,
        currency: impl Into<String>,
    ) -> Self {
        SimulatedEvent {
            id: None,
            kind,
            created: String::from("2026-11-27T10:15:30.040+0100"),
            merchant_id: String::from("MyPSPID"),
            payment_id: None,
            merchant_reference: merchant_reference.into(),
            amount,
            currency: currency.into(),
        }
    }

    /// The same event with this event id.
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::simulate_worldline::{EventKind, SimulatedEvent};
    /// let event = SimulatedEvent::new(EventKind::Captured, "WEB-1", Amount::from_minor_units(1)?, "EUR")
    ///     .with_id("8ee793f6-4553-4749-85dc-f2ef095c5ab0");
    /// assert_eq!(event.event_id(), "8ee793f6-4553-4749-85dc-f2ef095c5ab0");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The same payment, another event (the event id, if derived, changes with it).
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::simulate_worldline::{EventKind, SimulatedEvent};
    /// let event = SimulatedEvent::new(EventKind::PendingCapture, "WEB-1", Amount::from_minor_units(1)?, "EUR")
    ///     .with_kind(EventKind::Captured);
    /// assert_eq!(event.kind, EventKind::Captured);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_kind(mut self, kind: EventKind) -> Self {
        self.kind = kind;
        self
    }

    /// The same event with this `payment.id` (or `refund.id`), e.g. `4311628069_0`.
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::simulate_worldline::{EventKind, SimulatedEvent};
    /// let event = SimulatedEvent::new(EventKind::Captured, "WEB-1", Amount::from_minor_units(1)?, "EUR")
    ///     .with_payment_id("4311628069_0");
    /// assert_eq!(event.object_id(), "4311628069_0");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_payment_id(mut self, payment_id: impl Into<String>) -> Self {
        self.payment_id = Some(payment_id.into());
        self
    }

    /// The same event from another merchant id (PSPID).
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::simulate_worldline::{EventKind, SimulatedEvent};
    /// let event = SimulatedEvent::new(EventKind::Captured, "WEB-1", Amount::from_minor_units(1)?, "EUR")
    ///     .with_merchant_id("shop42");
    /// assert!(event.to_body().contains(r#""merchantId": "shop42""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_merchant_id(mut self, merchant_id: impl Into<String>) -> Self {
        self.merchant_id = merchant_id.into();
        self
    }

    /// The same event, created at another time (`yyyy-MM-dd'T'HH:mm:ss.SSSZ`, local time and
    /// offset, as in the SDK fixture). `statusCodeChangeDateTime` is its local date and time
    /// as `yyyyMMddHHmmss` (left out when `created` does not start with a date and time).
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::simulate_worldline::{EventKind, SimulatedEvent};
    /// let event = SimulatedEvent::new(EventKind::Captured, "WEB-1", Amount::from_minor_units(1)?, "EUR")
    ///     .with_created("2017-02-02T11:24:14.040+0100");
    /// assert!(event.to_body().contains(r#""statusCodeChangeDateTime": "20170202112414""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_created(mut self, created: impl Into<String>) -> Self {
        self.created = created.into();
        self
    }

    /// The event id: the one given, else a UUID-shaped text made from a SHA-256 of the kind,
    /// merchant id, payment id, merchant reference, amount, currency and creation time, so
    /// that two events differing in any of these get different ids.
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::simulate_worldline::{EventKind, SimulatedEvent};
    /// let id = SimulatedEvent::new(EventKind::Captured, "WEB-1", Amount::from_minor_units(1)?, "EUR").event_id();
    /// assert_eq!(id.len(), 36);
    /// assert_eq!(id.matches('-').count(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn event_id(&self) -> String {
        if let Some(id) = &self.id {
            return id.clone();
        }
        let mut hash = Sha256::new();
        for part in [
            self.kind.event_type(),
            self.merchant_id.as_str(),
            self.object_id().as_str(),
            self.merchant_reference.as_str(),
            format!("{}", self.amount.minor_units()).as_str(),
            self.currency.as_str(),
            self.created.as_str(),
        ] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
        let digest = hash.finalize();
        let mut out = String::with_capacity(36);
        for (i, b) in digest.iter().take(16).enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                out.push('-');
            }
            let _ = write!(out, "{b:02x}");
        }
        out
    }

    /// `payment.id` (or `refund.id`): the one given, else ten digits made from a SHA-256 of the
    /// merchant id and merchant reference, then `_0` for the payment or `_1` for its refund
    /// (Direct gives the payment and each maintenance operation a new id of the form
    /// `<digits>_<n>`, spec section 5).
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::simulate_worldline::{EventKind, SimulatedEvent};
    /// let paid = SimulatedEvent::new(EventKind::Captured, "WEB-1", Amount::from_minor_units(1)?, "EUR");
    /// let refunded = paid.clone().with_kind(EventKind::Refunded);
    /// assert!(paid.object_id().ends_with("_0"));
    /// assert_eq!(refunded.object_id().replace("_1", "_0"), paid.object_id());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn object_id(&self) -> String {
        if let Some(id) = &self.payment_id {
            return id.clone();
        }
        let mut hash = Sha256::new();
        hash.update(self.merchant_id.as_bytes());
        hash.update([0]);
        hash.update(self.merchant_reference.as_bytes());
        let digest = hash.finalize();
        let mut number: u64 = 0;
        for b in digest.iter().take(8) {
            number = (number << 8) | u64::from(*b);
        }
        // Ten digits, the first not 0.
        let digits = 1_000_000_000 + number % 9_000_000_000;
        let suffix = if self.kind.is_refund() { 1 } else { 0 };
        format!("{digits}_{suffix}")
    }

    /// The body Worldline would post for this event: JSON in the SDK fixture's layout (two
    /// spaces, LF, no trailing newline), the envelope (`apiVersion` `v1`, `id`, `created`,
    /// `merchantId`, `type`) then one object, `payment` (with `paymentOutput`) or `refund`
    /// (with `refundOutput`).
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::simulate_worldline::{EventKind, SimulatedEvent};
    /// let body = SimulatedEvent::new(EventKind::Refunded, "WEB-1", Amount::from_minor_units(4250)?, "EUR")
    ///     .with_id("e1")
    ///     .to_body();
    /// assert!(body.starts_with("{\n  \"apiVersion\": \"v1\",\n  \"id\": \"e1\",\n"));
    /// assert!(body.contains("\"refund\": {") && body.contains("\"refundOutput\": {"));
    /// assert!(!body.contains("\"payment\"") && !body.ends_with('\n'));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_body(&self) -> String {
        let kind = self.kind;
        let mut j = Json::default();
        j.open(None);
        j.string("apiVersion", "v1");
        j.string("id", &self.event_id());
        j.string("created", &self.created);
        j.string("merchantId", &self.merchant_id);
        j.string("type", kind.event_type());
        j.open(Some(if kind.is_refund() {
            "refund"
        } else {
            "payment"
        }));
        j.string("id", &self.object_id());
        j.open(Some(if kind.is_refund() {
            "refundOutput"
        } else {
            "paymentOutput"
        }));
        j.open(Some("amountOfMoney"));
        j.number("amount", self.amount.minor_units());
        j.string("currencyCode", &self.currency);
        j.close();
        j.open(Some("references"));
        j.string("merchantReference", &self.merchant_reference);
        j.close();
        j.string("paymentMethod", "card");
        if !kind.is_refund() {
            j.open(Some("cardPaymentMethodSpecificOutput"));
            j.number("paymentProductId", 1);
            j.close();
        }
        j.close();
        j.string("status", kind.status());
        j.open(Some("statusOutput"));
        j.boolean("isCancellable", kind.is_cancellable());
        j.string("statusCategory", kind.status_category());
        j.number("statusCode", u64::from(kind.status_code().code()));
        if let Some(changed) = status_change_time(&self.created) {
            j.string("statusCodeChangeDateTime", &changed);
        }
        if !kind.is_refund() {
            j.boolean("isAuthorized", kind.is_authorized());
            j.boolean("isRefundable", kind.is_refundable());
        }
        j.close();
        j.close();
        j.close();
        j.out
    }
}

/// `yyyyMMddHHmmss` from the start of `yyyy-MM-ddTHH:mm:ss…`.
fn status_change_time(created: &str) -> Option<String> {
    let head = created.get(..19)?;
    let ok = head.char_indices().all(|(i, c)| match i {
        4 | 7 => c == '-',
        10 => c == 'T',
        13 | 16 => c == ':',
        _ => c.is_ascii_digit(),
    });
    ok.then(|| head.chars().filter(char::is_ascii_digit).collect())
}

/// A small writer of pretty-printed JSON objects, in the SDK fixture's layout.
#[derive(Default)]
struct Json {
    out: String,
    depth: usize,
    /// Whether the innermost open object has a member yet.
    first: bool,
}

impl Json {
    fn member(&mut self, name: Option<&str>) {
        if self.depth > 0 {
            if !self.first {
                self.out.push(',');
            }
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
        self.first = false;
        if let Some(name) = name {
            push_json_string(&mut self.out, name);
            self.out.push_str(": ");
        }
    }

    fn open(&mut self, name: Option<&str>) {
        self.member(name);
        self.out.push('{');
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('}');
        self.first = false;
    }

    fn string(&mut self, name: &str, value: &str) {
        self.member(Some(name));
        push_json_string(&mut self.out, value);
    }

    fn number(&mut self, name: &str, value: u64) {
        self.member(Some(name));
        let _ = write!(self.out, "{value}");
    }

    fn boolean(&mut self, name: &str, value: bool) {
        self.member(Some(name));
        self.out.push_str(if value { "true" } else { "false" });
    }
}

/// `text` as a JSON string (RFC 8259: `"` and `\` escaped, control characters as `\uXXXX`
/// or their short escapes; everything else as is, UTF-8).
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A webhook as Worldline posts it: the raw body and the two signature headers.
///
/// ```
/// use ogone::simulate_worldline::WebhookSimulator;
/// let simulator = WebhookSimulator::parse("dummy-key-id", "hello+world")?;
/// let webhook = simulator.sign_body("");
/// // The validateCredentials hash (spec section 2.4, D1): the signature of an empty body.
/// assert_eq!(webhook.headers(), [
///     ("X-GCS-Signature", "FHbwt14Rjkjdn51x5EiyjgVQ7gN6ftgh5Y2l0KpQmLw="),
///     ("X-GCS-KeyId", "dummy-key-id"),
/// ]);
/// # Ok::<(), ogone::worldline::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedWebhook {
    /// The raw body, as signed.
    pub body: Vec<u8>,
    /// The `X-GCS-KeyId` value.
    pub key_id: String,
    /// The `X-GCS-Signature` value: padded base64 of the HMAC-SHA256 of the body.
    pub signature: String,
}

impl SignedWebhook {
    /// The two headers, `X-GCS-Signature` then `X-GCS-KeyId`, as `(name, value)` pairs ready
    /// for [`WebhookVerifier::verify`](crate::worldline::WebhookVerifier::verify).
    ///
    /// ```
    /// use ogone::simulate_worldline::WebhookSimulator;
    /// let webhook = WebhookSimulator::parse("k1", "s1")?.sign_body("{}");
    /// assert_eq!(webhook.headers()[1], ("X-GCS-KeyId", "k1"));
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn headers(&self) -> [(&str, &str); 2] {
        [
            (SIGNATURE_HEADER, self.signature.as_str()),
            (KEY_ID_HEADER, self.key_id.as_str()),
        ]
    }
}

/// Signs webhook bodies as Worldline does, with a webhook key id and secret, and optionally
/// the keys being rotated out.
///
/// The secrets are kept only as keyed HMAC states: `Debug` shows the key ids, never a secret.
///
/// ```
/// use ogone::simulate_worldline::WebhookSimulator;
/// let simulator = WebhookSimulator::parse("key-2026", "new-secret")?.with_rotated("key-2025", "old-secret")?;
/// assert!(!format!("{simulator:?}").contains("secret\""));
/// assert!(!format!("{simulator:?}").contains("new-secret"));
/// assert_eq!(simulator.key_ids().collect::<Vec<_>>(), ["key-2026", "key-2025"]);
/// # Ok::<(), ogone::worldline::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct WebhookSimulator {
    /// The key [`WebhookSimulator::sign`] signs with.
    signing: ApiKey,
    /// The keys being rotated out, in the order given.
    rotated: Vec<ApiKey>,
    /// All of them, for a verifier.
    keys: WebhookKeys,
}

impl WebhookSimulator {
    /// Signs with this key id and secret. The rules are those of
    /// [`WebhookKeys::insert`](crate::worldline::WebhookKeys::insert): a blank id or secret is
    /// refused, and a key id holding anything but visible ASCII or holding `:`.
    ///
    /// ```
    /// use ogone::simulate_worldline::WebhookSimulator;
    /// use ogone::worldline::Error;
    /// assert_eq!(WebhookSimulator::parse("k", " ").unwrap_err(), Error::BlankSecret);
    /// assert_eq!(WebhookSimulator::parse("k\r\n", "s").unwrap_err(), Error::InvalidKeyId);
    /// ```
    pub fn parse(key_id: &str, secret: &str) -> Result<Self, Error> {
        let key = ApiKey::parse(key_id, secret)?;
        let mut keys = WebhookKeys::new();
        keys.insert(key_id, secret)?;
        Ok(WebhookSimulator {
            signing: key,
            rotated: Vec::new(),
            keys,
        })
    }

    /// Also holds a key being rotated out, to sign with it through
    /// [`WebhookSimulator::sign_with`]; [`WebhookSimulator::sign`] keeps signing with the key of
    /// [`WebhookSimulator::parse`]. Which key Worldline signs with while several exist is an open
    /// question for Direct (Connect signs with the oldest, spec section 2.3): test both.
    /// A key id given again replaces its secret (the signing key's too: it keeps signing).
    ///
    /// ```
    /// use ogone::simulate_worldline::WebhookSimulator;
    /// use ogone::worldline::WebhookVerifier;
    /// let simulator = WebhookSimulator::parse("key-2026", "new-secret")?.with_rotated("key-2025", "old-secret")?;
    /// let verifier = WebhookVerifier::new(simulator.keys().clone());
    /// let old = simulator.sign_with("key-2025", br#"{"apiVersion":"v1","id":"e1"}"#.to_vec())?;
    /// assert_eq!(verifier.verify(&old.body, old.headers())?.id, "e1");
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    pub fn with_rotated(mut self, old_key_id: &str, old_secret: &str) -> Result<Self, Error> {
        let key = ApiKey::parse(old_key_id, old_secret)?;
        self.keys.insert(old_key_id, old_secret)?;
        if self.signing.id() == old_key_id {
            self.signing = key;
        } else if let Some(slot) = self.rotated.iter_mut().find(|k| k.id() == old_key_id) {
            *slot = key;
        } else {
            self.rotated.push(key);
        }
        Ok(self)
    }

    /// The key id [`WebhookSimulator::sign`] signs with.
    ///
    /// ```
    /// let simulator = ogone::simulate_worldline::WebhookSimulator::parse("k1", "s1")?;
    /// assert_eq!(simulator.key_id(), "k1");
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn key_id(&self) -> &str {
        self.signing.id()
    }

    /// Every key id held: the signing one first, then the rotated ones in the order given.
    ///
    /// ```
    /// let simulator = ogone::simulate_worldline::WebhookSimulator::parse("k1", "s1")?;
    /// assert_eq!(simulator.key_ids().count(), 1);
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    pub fn key_ids(&self) -> impl Iterator<Item = &str> + '_ {
        core::iter::once(&self.signing)
            .chain(&self.rotated)
            .map(ApiKey::id)
    }

    /// Every key held, as the webhook keys of a verifier
    /// (`WebhookVerifier::new(simulator.keys().clone())`): what your endpoint is configured
    /// with during a rotation.
    ///
    /// ```
    /// let simulator = ogone::simulate_worldline::WebhookSimulator::parse("k1", "s1")?;
    /// assert!(simulator.keys().contains("k1"));
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn keys(&self) -> &WebhookKeys {
        &self.keys
    }

    /// Signs an event with the signing key: its body ([`SimulatedEvent::to_body`]) and
    /// headers.
    ///
    /// ```
    /// use ogone::Amount;
    /// use ogone::simulate_worldline::{EventKind, SimulatedEvent, WebhookSimulator};
    /// let simulator = WebhookSimulator::parse("k1", "s1")?;
    /// let event = SimulatedEvent::new(EventKind::Captured, "WEB-1", Amount::from_minor_units(1)?, "EUR");
    /// let webhook = simulator.sign(&event);
    /// assert_eq!(webhook.body, event.to_body().into_bytes());
    /// assert_eq!(webhook.signature.len(), 44);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sign(&self, event: &SimulatedEvent) -> SignedWebhook {
        self.sign_body(event.to_body())
    }

    /// Signs any body with the signing key, byte for byte: a body of your own (a recorded
    /// delivery, an odd event, a blank id) or one of the SDK fixtures.
    ///
    /// ```
    /// use ogone::simulate_worldline::WebhookSimulator;
    /// use ogone::worldline::WebhookVerifier;
    /// let simulator = WebhookSimulator::parse("k1", "s1")?;
    /// let webhook = simulator.sign_body(r#"{"apiVersion":"v1","id":"e1","type":"payment.paid"}"#);
    /// let event = WebhookVerifier::new(simulator.keys().clone()).verify(&webhook.body, webhook.headers())?;
    /// assert_eq!(event.kind.as_deref(), Some("payment.paid"));
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    #[must_use]
    pub fn sign_body(&self, body: impl Into<Vec<u8>>) -> SignedWebhook {
        signed(&self.signing, body.into())
    }

    /// Signs any body with the key `key_id` (the signing key or a rotated one).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownKeyId`] when the simulator holds no such key.
    ///
    /// ```
    /// use ogone::simulate_worldline::WebhookSimulator;
    /// use ogone::worldline::Error;
    /// let simulator = WebhookSimulator::parse("k1", "s1")?;
    /// assert_eq!(simulator.sign_with("k1", b"{}".to_vec())?, simulator.sign_body("{}"));
    /// assert_eq!(simulator.sign_with("k0", b"{}".to_vec()), Err(Error::UnknownKeyId));
    /// # Ok::<(), ogone::worldline::Error>(())
    /// ```
    pub fn sign_with(
        &self,
        key_id: &str,
        body: impl Into<Vec<u8>>,
    ) -> Result<SignedWebhook, Error> {
        let key = core::iter::once(&self.signing)
            .chain(&self.rotated)
            .find(|k| k.id() == key_id)
            .ok_or(Error::UnknownKeyId)?;
        Ok(signed(key, body.into()))
    }
}

fn signed(key: &ApiKey, body: Vec<u8>) -> SignedWebhook {
    let signature = STANDARD.encode(key.secret().mac(&body));
    SignedWebhook {
        body,
        key_id: String::from(key.id()),
        signature,
    }
}
