//! A verified Worldline Direct event, or a get-payment / get-hosted-checkout answer, as an
//! [`OrderUpdate`] (feature `worldline`).

use alloc::format;
use alloc::string::String;

use crate::order::error::OrderUpdateError;
use crate::order::update::{OrderUpdate, Origin, non_blank};
use crate::worldline::api::checkout_answer::GetHostedCheckoutResponse;
use crate::worldline::api::payment_answer::GetPaymentResponse;
use crate::worldline::event::{Event, ObjectView, StatusCode};

/// The parts every Worldline update needs from a payment or refund view.
fn parts(
    view: &ObjectView,
) -> Result<(String, String, crate::protocol::status::Status), OrderUpdateError> {
    let reference =
        non_blank(view.merchant_reference.as_deref()).ok_or(OrderUpdateError::MissingReference)?;
    let id = non_blank(view.id.as_deref()).ok_or(OrderUpdateError::MissingPaymentId)?;
    let status = match view.status_code {
        Some(StatusCode::Legacy(status)) => status,
        Some(StatusCode::Other(code)) => return Err(OrderUpdateError::UnknownStatusCode(code)),
        None => return Err(OrderUpdateError::MissingStatus),
    };
    Ok((String::from(reference), String::from(id), status))
}

/// An answer's update: the key is `answer:<id>:<status code>`.
fn from_answer(view: &ObjectView) -> Result<OrderUpdate, OrderUpdateError> {
    let (reference, id, status) = parts(view)?;
    let key = format!("answer:{id}:{}", status.code());
    Ok(OrderUpdate::new(
        Origin::WorldlineAnswer,
        reference,
        Some(id),
        view.amount,
        view.currency.clone(),
        status,
        key,
    ))
}

impl TryFrom<&Event> for OrderUpdate {
    type Error = OrderUpdateError;

    /// The update a verified event makes: its payment's (or refund's)
    /// `…Output.references.merchantReference`, `id`, `…Output.amountOfMoney` and
    /// `statusOutput.statusCode`, keyed by the event id. An event with no payment or refund
    /// is [`OrderUpdateError::NoPayment`]; a missing or blank (only whitespace) reference or id
    /// [`OrderUpdateError::MissingReference`] / [`OrderUpdateError::MissingPaymentId`]; a status code outside the STATUS table
    /// [`OrderUpdateError::UnknownStatusCode`].
    ///
    /// ```
    /// use ogone::order::{OrderUpdate, Origin};
    /// use ogone::worldline::Event;
    /// let event = Event::parse_verified(br#"{"apiVersion":"v1","id":"ev-1","type":"payment.captured",
    ///     "payment":{"id":"3066019730_0","status":"CAPTURED","statusOutput":{"statusCode":9},
    ///     "paymentOutput":{"amountOfMoney":{"amount":4250,"currencyCode":"EUR"},
    ///     "references":{"merchantReference":"WEB-1"}}}}"#)?;
    /// let update = OrderUpdate::try_from(&event)?;
    /// assert_eq!(update.origin(), Origin::WorldlineEvent);
    /// assert_eq!((update.merchant_reference(), update.key()), ("WEB-1", "ev-1"));
    /// assert_eq!(update.payment_id(), Some("3066019730_0"));
    /// assert_eq!(update.status().code(), 9);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(event: &Event) -> Result<Self, Self::Error> {
        let view = event.object().ok_or(OrderUpdateError::NoPayment)?;
        let (reference, id, status) = parts(view)?;
        Ok(OrderUpdate::new(
            Origin::WorldlineEvent,
            reference,
            Some(id),
            view.amount,
            view.currency.clone(),
            status,
            String::from(event.idempotency_key()),
        ))
    }
}

impl TryFrom<&GetPaymentResponse> for OrderUpdate {
    type Error = OrderUpdateError;

    /// The update a get-payment answer makes, keyed `answer:<payment id>:<status code>`.
    ///
    /// ```
    /// use ogone::order::OrderUpdate;
    /// use ogone::worldline::GetPaymentResponse;
    /// let answer = GetPaymentResponse::parse(200, br#"{"id":"3066019730_0","status":"PENDING_CAPTURE",
    ///     "statusOutput":{"statusCode":5},"paymentOutput":{"amountOfMoney":{"amount":4250,
    ///     "currencyCode":"EUR"},"references":{"merchantReference":"WEB-1"}}}"#)?;
    /// let update = OrderUpdate::try_from(&answer)?;
    /// assert_eq!(update.key(), "answer:3066019730_0:5");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(answer: &GetPaymentResponse) -> Result<Self, Self::Error> {
        from_answer(&answer.payment)
    }
}

impl TryFrom<&GetHostedCheckoutResponse> for OrderUpdate {
    type Error = OrderUpdateError;

    /// The update a get-hosted-checkout answer makes: that of its created payment, keyed
    /// `answer:<payment id>:<status code>`; [`OrderUpdateError::NoPayment`] while no payment
    /// was created (status `IN_PROGRESS`, `CANCELLED_BY_CONSUMER`).
    ///
    /// ```
    /// use ogone::order::{OrderUpdate, OrderUpdateError};
    /// use ogone::worldline::GetHostedCheckoutResponse;
    /// let waiting = GetHostedCheckoutResponse::parse(200, br#"{"status":"IN_PROGRESS"}"#)?;
    /// assert_eq!(OrderUpdate::try_from(&waiting), Err(OrderUpdateError::NoPayment));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(answer: &GetHostedCheckoutResponse) -> Result<Self, Self::Error> {
        answer
            .payment
            .as_ref()
            .ok_or(OrderUpdateError::NoPayment)
            .and_then(from_answer)
    }
}
