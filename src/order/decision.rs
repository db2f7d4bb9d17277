//! Whether an order update is applied: new, already handled, or stale.

use crate::order::update::OrderUpdate;
use crate::protocol::status::Status;

/// What a shop stored when it last applied an update to an order: its status and its
/// [`key`](OrderUpdate::key).
///
/// ```
/// use ogone::Status;
/// use ogone::order::LastApplied;
/// let last = LastApplied { status: Status::from_code(9).unwrap(), key: "2:12/8:32100123/1:0/9" };
/// assert_eq!(last.status.code(), 9);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LastApplied<'a> {
    /// The order's status after that update.
    pub status: Status,
    /// That update's key.
    pub key: &'a str,
}

impl<'a> From<&'a OrderUpdate> for LastApplied<'a> {
    /// What to store once `update` is applied: its status and key.
    ///
    /// ```
    /// # use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset, VerifiedFeedback};
    /// use ogone::order::{Decision, LastApplied, OrderUpdate};
    /// # let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// # let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    /// #     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    /// #     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let update = OrderUpdate::try_from(&VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?)?;
    /// assert_eq!(update.decide(Some(LastApplied::from(&update))), Decision::Duplicate);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from(update: &'a OrderUpdate) -> Self {
        LastApplied {
            status: update.status(),
            key: update.key(),
        }
    }
}

/// What to do with an [`OrderUpdate`], from [`OrderUpdate::decide`].
///
/// ```
/// use ogone::order::Decision;
/// assert_ne!(Decision::Apply, Decision::Duplicate);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Move the order to the update's status (and record its key).
    Apply,
    /// The same message again (its key is the one applied last): answer it as handled, change
    /// nothing.
    Duplicate,
    /// It would move the order backwards ([`Status::supersedes`] says no: a late "authorised"
    /// after "captured"): answer it as handled, change nothing, and keep it for the record.
    Stale {
        /// The order's status, which stays.
        current: Status,
    },
}

impl OrderUpdate {
    /// The decision for this update given what was applied last to its order (`None`: nothing
    /// yet). Pure: the shop stores, this decides. The same rule holds across platforms, since
    /// a Worldline `statusCode` is a legacy STATUS: a Worldline event after a legacy feedback
    /// for the same order is ordered by the same table.
    ///
    /// ```
    /// use ogone::Status;
    /// use ogone::order::{Decision, LastApplied, OrderUpdate};
    /// # use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset, VerifiedFeedback};
    /// # let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// # let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    /// #     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    /// #     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let captured = OrderUpdate::try_from(&VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?)?;
    /// let s = |code| Status::from_code(code).unwrap();
    /// assert_eq!(captured.decide(None), Decision::Apply);
    /// assert_eq!(captured.decide(Some(LastApplied { status: s(5), key: "other" })), Decision::Apply);
    /// assert_eq!(captured.decide(Some(LastApplied { status: s(9), key: captured.key() })), Decision::Duplicate);
    /// // A captured payment refunded since: the capture's feedback, arriving late, is stale.
    /// assert_eq!(captured.decide(Some(LastApplied { status: s(8), key: "refund" })), Decision::Stale { current: s(8) });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn decide(&self, last: Option<LastApplied<'_>>) -> Decision {
        match last {
            None => Decision::Apply,
            Some(last) if last.key == self.key() => Decision::Duplicate,
            Some(last) if !self.status().supersedes(last.status) => Decision::Stale {
                current: last.status,
            },
            Some(_) => Decision::Apply,
        }
    }
}
