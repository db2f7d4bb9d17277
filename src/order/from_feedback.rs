//! A verified legacy feedback as an [`OrderUpdate`].

use alloc::string::{String, ToString};

use crate::error::Error;
use crate::order::error::OrderUpdateError;
use crate::order::update::{OrderUpdate, Origin, non_blank};
use crate::protocol::feedback::verified::VerifiedFeedback;

impl TryFrom<&VerifiedFeedback> for OrderUpdate {
    type Error = OrderUpdateError;

    /// The update a verified feedback makes: `ORDERID`, `PAYID`, `AMOUNT`, `CURRENCY`,
    /// `STATUS` (all signed under SHA-OUT) and the [`FeedbackKey`](crate::FeedbackKey) as the
    /// key. No `ORDERID` (or one of only whitespace) is [`OrderUpdateError::MissingReference`]; a missing or unreadable
    /// `STATUS`, or an unreadable `AMOUNT`, is [`OrderUpdateError::Feedback`]. A missing (or
    /// blank) `PAYID`, a missing `AMOUNT` or `CURRENCY` is left empty (a status 0 feedback may lack them), and
    /// [`OrderUpdate::check_amount`] then fails.
    ///
    /// ```
    /// use ogone::order::{OrderUpdate, OrderUpdateError};
    /// use ogone::simulate::{FeedbackSimulator, Transaction};
    /// use ogone::{Amount, FeedbackVerifier, HashAlgorithm, ShaOutKey, Status, TransportCharset, VerifiedFeedback};
    ///
    /// let key = ShaOutKey::new("Mysecretsig1875!?");
    /// let simulator = FeedbackSimulator::new(&key, HashAlgorithm::Sha256);
    /// let tx = Transaction::paid("WEB-1", "3210", Amount::from_minor_units(4250)?, "EUR")
    ///     .with_status(Status::from_code(5).unwrap());
    /// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha256);
    /// let feedback = VerifiedFeedback::parse(simulator.body(&tx)?.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// let update = OrderUpdate::try_from(&feedback)?;
    /// assert_eq!((update.merchant_reference(), update.status().code()), ("WEB-1", 5));
    /// assert_eq!(update.amount(), Some(Amount::from_minor_units(4250)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(feedback: &VerifiedFeedback) -> Result<Self, Self::Error> {
        let reference = non_blank(feedback.order_id()).ok_or(OrderUpdateError::MissingReference)?;
        let status = feedback.status().map_err(OrderUpdateError::Feedback)?;
        let amount = match feedback.amount() {
            Ok(amount) => Some(amount),
            Err(Error::MissingField(_)) => None,
            Err(e) => return Err(OrderUpdateError::Feedback(e)),
        };
        let key = feedback.key().map_err(OrderUpdateError::Feedback)?;
        Ok(OrderUpdate::new(
            Origin::LegacyFeedback,
            String::from(reference),
            non_blank(feedback.pay_id()).map(String::from),
            amount,
            feedback.currency().map(String::from),
            status,
            key.as_str().to_string(),
        ))
    }
}
