//! Transaction status codes and NCERROR codes (spec section 6).

use core::fmt;

/// What a status means for an order, coarsely: what a shop does next.
///
/// ```
/// use ogone::{Outcome, Status};
///
/// assert_eq!(Status::from_code(5).map(Status::outcome), Some(Outcome::Succeeded));
/// assert_eq!(Status::from_code(8).map(Status::outcome), Some(Outcome::Refunded));
/// assert_eq!(Status::from_code(92).map(Status::outcome), Some(Outcome::FailedOrUncertain));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum Outcome {
    /// The money is (or will be) captured or authorised: ship the order.
    Succeeded,
    /// No final answer yet: wait for deferred feedback or query the transaction.
    Pending,
    /// The customer cancelled, or the authorisation was cancelled or deleted.
    Cancelled,
    /// The payment was refused.
    Declined,
    /// The payment was refunded (fully or in part).
    Refunded,
    /// Invalid, incomplete, or in an uncertain state that needs a person to look.
    FailedOrUncertain,
}

/// The state of an order's payment after a status: what [`Outcome`] says, split where a shop
/// acts differently (authorised or captured, a pending refund or a done one).
///
/// Sources: the meaning of each code is the spec's status table (Ingenico's list); where a code
/// is "pending" in Odoo `payment_ogone` (41 46 50 51 55 56 81 91 99) it is pending here too,
/// split into [`PaymentState::Pending`] (before an authorisation), [`PaymentState::CapturePending`]
/// and [`PaymentState::RefundPending`]. Odoo's "done" (5 8 9) is split into
/// [`PaymentState::Authorised`], [`PaymentState::Captured`] and [`PaymentState::Refunded`]. Where
/// Odoo waits on an "uncertain" code (52 62 72 82 92) as pending, this crate says
/// [`PaymentState::Uncertain`]: a person or a DirectLink query must decide. A refused maintenance
/// leaves the payment where it was: 63 (deletion refused) is still authorised, 73, 83, 84 and 94
/// (deletion or refund refused) and 96 (refund reversed) still captured.
///
/// | state | codes |
/// |---|---|
/// | `Invalid` | 0 |
/// | `Pending` | 4 40 41 46 50 51 55 56 59 99 |
/// | `Uncertain` | 52 62 72 82 92 |
/// | `Authorised` | 5 63 |
/// | `CancellationPending` | 61 71 |
/// | `CapturePending` | 91 |
/// | `Captured` | 9 95 73 83 84 94 96 |
/// | `RefundPending` | 81 |
/// | `Refunded` | 8 85 |
/// | `Declined` | 2 57 93 |
/// | `Cancelled` | 1 6 64 7 74 75 |
///
/// Whether a new status may move an order is [`Status::supersedes`].
///
/// ```
/// use ogone::{PaymentState, Status};
///
/// let authorised = Status::from_code(5).unwrap();
/// assert_eq!(authorised.state(), PaymentState::Authorised);
/// assert!(authorised.state().is_paid());
/// assert!(!Status::from_code(46).unwrap().state().is_paid()); // waiting for 3-D Secure
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum PaymentState {
    /// Invalid or incomplete (0).
    Invalid,
    /// Waiting for the customer, the 3-D Secure check or an authorisation.
    Pending,
    /// Not known: a person or a query must decide.
    Uncertain,
    /// Authorised, not captured: the money is reserved.
    Authorised,
    /// A deletion (cancellation) was asked and is under way.
    CancellationPending,
    /// The capture is under way.
    CapturePending,
    /// Captured (paid).
    Captured,
    /// A refund is under way.
    RefundPending,
    /// Refunded, fully or in part.
    Refunded,
    /// Refused.
    Declined,
    /// Cancelled by the customer, or the authorisation or payment deleted.
    Cancelled,
}

impl PaymentState {
    /// `invalid`, `pending`, `uncertain`, `authorised`, `cancellation-pending`,
    /// `capture-pending`, `captured`, `refund-pending`, `refunded`, `declined` or `cancelled`.
    ///
    /// ```
    /// assert_eq!(ogone::PaymentState::CapturePending.as_str(), "capture-pending");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentState::Invalid => "invalid",
            PaymentState::Pending => "pending",
            PaymentState::Uncertain => "uncertain",
            PaymentState::Authorised => "authorised",
            PaymentState::CancellationPending => "cancellation-pending",
            PaymentState::CapturePending => "capture-pending",
            PaymentState::Captured => "captured",
            PaymentState::RefundPending => "refund-pending",
            PaymentState::Refunded => "refunded",
            PaymentState::Declined => "declined",
            PaymentState::Cancelled => "cancelled",
        }
    }

    /// Whether the money is authorised or captured: the order can be shipped (for the amount
    /// you checked).
    ///
    /// ```
    /// use ogone::PaymentState;
    /// assert!(PaymentState::Captured.is_paid());
    /// assert!(!PaymentState::Refunded.is_paid());
    /// ```
    #[must_use]
    pub fn is_paid(self) -> bool {
        matches!(
            self,
            PaymentState::Authorised
                | PaymentState::CapturePending
                | PaymentState::Captured
                | PaymentState::CancellationPending
        )
    }
}

impl fmt::Display for PaymentState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! statuses {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $meaning:literal, $outcome:ident, $state:ident, $stage:literal; )*) => {
        /// A transaction `STATUS` code, with its meaning and [`Outcome`].
        ///
        /// The outcomes follow Odoo `payment_ogone` (done: 5 and 9; pending: 41, 46, 50, 51,
        /// 55, 56, 81, 91, 99; cancelled: 1; declined: 2) except where a finer class exists:
        /// 8 and 85 are [`Outcome::Refunded`], and the "uncertain" / "not known" codes 52, 62,
        /// 72, 82, 92 are [`Outcome::FailedOrUncertain`] (Odoo waits on them as pending):
        /// they need a person or a query, not a shipment.
        ///
        /// ```
        /// use ogone::{Outcome, Status};
        ///
        /// let status = Status::from_code(9).unwrap();
        /// assert_eq!(status, Status::PaymentRequested);
        /// assert_eq!(status.outcome(), Outcome::Succeeded);
        /// assert_eq!(status.meaning(), "payment requested");
        /// assert_eq!(Status::parse("46").unwrap().outcome(), Outcome::Pending);
        /// assert_eq!(Status::from_code(3), None);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Status {
            $( $(#[$doc])* #[doc = $meaning] $variant = $code, )*
        }

        impl Status {
            /// Every status code the spec lists, in declaration order: the codes sorted as text
            /// (0, 1, 2, 4, 40, 41, 46, 5, 50, ...), not by value.
            ///
            /// ```
            /// use ogone::Status;
            ///
            /// assert!(Status::ALL.iter().all(|&s| Status::from_code(s.code()) == Some(s)));
            /// assert!(Status::ALL.contains(&Status::PaymentRequested));
            /// assert_eq!(Status::ALL[7], Status::Authorised); // 5 comes after 46
            /// ```
            pub const ALL: &'static [Status] = &[$(Status::$variant),*];

            /// The status of a numeric code, if it is one Ogone defines.
            ///
            /// ```
            /// use ogone::Status;
            ///
            /// assert_eq!(Status::from_code(46), Some(Status::WaitingAuthentication));
            /// assert_eq!(Status::from_code(3), None);
            /// ```
            #[must_use]
            pub fn from_code(code: u8) -> Option<Status> {
                match code {
                    $( $code => Some(Status::$variant), )*
                    _ => None,
                }
            }

            /// The numeric code.
            ///
            /// ```
            /// assert_eq!(ogone::Status::Authorised.code(), 5);
            /// ```
            #[must_use]
            pub fn code(self) -> u8 {
                self as u8
            }

            /// What the code means, in the words of Ingenico's status list.
            ///
            /// ```
            /// use ogone::Status;
            ///
            /// assert_eq!(Status::AuthorisationRefused.meaning(), "authorisation refused");
            /// assert_eq!(Status::PaymentRequested.to_string(), "9 (payment requested)");
            /// ```
            #[must_use]
            pub fn meaning(self) -> &'static str {
                match self {
                    $( Status::$variant => $meaning, )*
                }
            }

            /// The state an order is in after this status: finer than [`Status::outcome`]
            /// (see [`PaymentState`] for the table and its sources).
            ///
            /// ```
            /// use ogone::{PaymentState, Status};
            ///
            /// assert_eq!(Status::Authorised.state(), PaymentState::Authorised);
            /// assert_eq!(Status::PaymentRequested.state(), PaymentState::Captured);
            /// assert_eq!(Status::RefundPending.state(), PaymentState::RefundPending);
            /// ```
            #[must_use]
            pub fn state(self) -> PaymentState {
                match self {
                    $( Status::$variant => PaymentState::$state, )*
                }
            }

            /// How far along the life of a payment this status is (0: refused or never
            /// started, up to 10: refunded); [`Status::supersedes`] compares them.
            fn stage(self) -> u8 {
                match self {
                    $( Status::$variant => $stage, )*
                }
            }

            /// The coarse outcome.
            ///
            /// ```
            /// use ogone::{Outcome, Status};
            ///
            /// assert_eq!(Status::CancelledByCustomer.outcome(), Outcome::Cancelled);
            /// assert_eq!(Status::PaymentUncertain.outcome(), Outcome::FailedOrUncertain);
            /// ```
            #[must_use]
            pub fn outcome(self) -> Outcome {
                match self {
                    $( Status::$variant => Outcome::$outcome, )*
                }
            }
        }
    };
}

statuses! {
    InvalidOrIncomplete = 0, "invalid or incomplete", FailedOrUncertain, Invalid, 0;
    CancelledByCustomer = 1, "cancelled by customer", Cancelled, Cancelled, 0;
    AuthorisationRefused = 2, "authorisation refused", Declined, Declined, 0;
    OrderStored = 4, "order stored", Pending, Pending, 1;
    StoredWaitingExternalResult = 40, "stored, waiting external result", Pending, Pending, 1;
    WaitingClientPayment = 41, "waiting for client payment", Pending, Pending, 1;
    WaitingAuthentication = 46, "waiting authentication (3-D Secure)", Pending, Pending, 1;
    Authorised = 5, "authorised", Succeeded, Authorised, 3;
    AuthorisedWaitingExternalResult = 50, "authorised, waiting external result", Pending, Pending, 1;
    AuthorisationWaiting = 51, "authorisation waiting", Pending, Pending, 1;
    AuthorisationNotKnown = 52, "authorisation not known", FailedOrUncertain, Uncertain, 2;
    Standby = 55, "standby", Pending, Pending, 1;
    OkWithScheduledPayments = 56, "OK with scheduled payments", Pending, Pending, 1;
    NotOkWithScheduledPayments = 57, "not OK with scheduled payments", Declined, Declined, 0;
    AuthoriseManually = 59, "authorise manually", Pending, Pending, 1;
    AuthorisedAndCancelled = 6, "authorised and cancelled", Cancelled, Cancelled, 5;
    DeletionWaiting = 61, "author. deletion waiting", Pending, CancellationPending, 4;
    DeletionUncertain = 62, "author. deletion uncertain", FailedOrUncertain, Uncertain, 4;
    DeletionRefused = 63, "author. deletion refused", FailedOrUncertain, Authorised, 4;
    AuthorisedAndCancelled64 = 64, "authorised and cancelled", Cancelled, Cancelled, 5;
    PaymentDeleted = 7, "payment deleted", Cancelled, Cancelled, 8;
    PaymentDeletionPending = 71, "payment deletion pending", Pending, CancellationPending, 7;
    PaymentDeletionUncertain = 72, "payment deletion uncertain", FailedOrUncertain, Uncertain, 7;
    PaymentDeletionRefused = 73, "payment deletion refused", FailedOrUncertain, Captured, 7;
    PaymentDeletedNotAccepted = 74, "payment deleted (not accepted)", Cancelled, Cancelled, 8;
    DeletionProcessedByMerchant = 75, "deletion processed by merchant", Cancelled, Cancelled, 8;
    Refund = 8, "refund", Refunded, Refunded, 10;
    RefundPending = 81, "refund pending", Pending, RefundPending, 9;
    RefundUncertain = 82, "refund uncertain", FailedOrUncertain, Uncertain, 9;
    RefundRefused = 83, "refund refused", FailedOrUncertain, Captured, 9;
    RefundDeclinedByAcquirer84 = 84, "refund (declined by the acquirer)", FailedOrUncertain, Captured, 9;
    RefundProcessedByMerchant = 85, "refund processed by merchant", Refunded, Refunded, 10;
    PaymentRequested = 9, "payment requested", Succeeded, Captured, 6;
    PaymentProcessing = 91, "payment processing", Pending, CapturePending, 4;
    PaymentUncertain = 92, "payment uncertain", FailedOrUncertain, Uncertain, 4;
    PaymentRefused = 93, "payment refused", Declined, Declined, 4;
    RefundDeclinedByAcquirer = 94, "refund declined by the acquirer", FailedOrUncertain, Captured, 9;
    PaymentProcessedByMerchant = 95, "payment processed by merchant", Succeeded, Captured, 6;
    RefundReversed = 96, "refund reversed", Succeeded, Captured, 10;
    BeingProcessed = 99, "being processed", Pending, Pending, 1;
}

impl Status {
    /// Parses a decimal status code as Ogone sends it (`"9"`, `"46"`; no sign, space or
    /// leading zero).
    ///
    /// ```
    /// use ogone::Status;
    ///
    /// assert_eq!(Status::parse("9"), Some(Status::PaymentRequested));
    /// assert_eq!(Status::parse("09"), None);
    /// assert_eq!(Status::parse(" 9"), None);
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Option<Status> {
        let canonical = match text.as_bytes() {
            [d] => d.is_ascii_digit(),
            [first, second] => (b'1'..=b'9').contains(first) && second.is_ascii_digit(),
            _ => false,
        };
        if !canonical {
            return None;
        }
        text.parse().ok().and_then(Status::from_code)
    }
}

impl Status {
    /// Whether feedback with this status may move an order whose last recorded status is
    /// `previous`: feedback arrives out of order (an online call that failed is retried as a
    /// deferred one, later), and a late one must not move an order backwards.
    ///
    /// Each status has a stage in the life of a payment, and a status supersedes `previous`
    /// when its stage is not earlier:
    ///
    /// | stage | codes |
    /// |---|---|
    /// | 0 refused or never started | 0 1 2 57 |
    /// | 1 pending | 4 40 41 46 50 51 55 56 59 99 |
    /// | 2 authorisation not known | 52 |
    /// | 3 authorised | 5 |
    /// | 4 after the authorisation: deletion or capture under way, uncertain or refused | 61 62 63 91 92 93 |
    /// | 5 authorised and cancelled | 6 64 |
    /// | 6 captured | 9 95 |
    /// | 7 payment deletion under way, uncertain or refused | 71 72 73 |
    /// | 8 payment deleted | 7 74 75 |
    /// | 9 refund under way, uncertain or refused | 81 82 83 84 94 |
    /// | 10 refunded (or refund reversed) | 8 85 96 |
    ///
    /// So a late 5 after a 9, or a 91 after a 9, is refused; a 9 after a 2 (the customer tried
    /// another card on the payment page) is taken. Statuses of the same stage supersede each
    /// other (61 then 62, 81 then 83). Each partial capture or refund (`PAYIDSUB`) has its own
    /// feedback: record them by [`FeedbackKey`](crate::FeedbackKey), and keep the order's state
    /// with this rule.
    ///
    /// ```
    /// use ogone::Status;
    ///
    /// let s = |code| Status::from_code(code).unwrap();
    /// assert!(!s(5).supersedes(s(9)));  // a late "authorised" after "captured"
    /// assert!(s(9).supersedes(s(5)));
    /// assert!(s(9).supersedes(s(2)));   // paid with another card after a refusal
    /// assert!(s(8).supersedes(s(81)));
    /// assert!(!s(81).supersedes(s(8)));
    /// assert!(s(9).supersedes(s(9)));   // the same status again: not backwards
    /// ```
    #[must_use]
    pub fn supersedes(self, previous: Status) -> bool {
        self.stage() >= previous.stage()
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code(), self.meaning())
    }
}

/// The class of an NCERROR code: its first digit.
///
/// ```
/// use ogone::{NcError, NcErrorClass};
///
/// assert_eq!(NcError::parse("30001001").map(NcError::class), Some(NcErrorClass::Refused));
/// assert_eq!(NcError::parse("0").map(NcError::class), Some(NcErrorClass::Success));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NcErrorClass {
    /// `0`: no error.
    Success,
    /// `2xxxxxxx`: the result is uncertain.
    Uncertain,
    /// `3xxxxxxx`: refused (by the acquirer or the fraud rules).
    Refused,
    /// `4xxxxxxx`: a technical or 3-D Secure problem.
    Technical,
    /// `5xxxxxxx`: wrong data or configuration (a SHA mismatch is 50001184).
    DataOrConfiguration,
    /// `6xxxxxxx`: direct debit.
    DirectDebit,
    /// Any other first digit.
    Other,
}

/// An NCERROR code.
///
/// ```
/// use ogone::{NcError, NcErrorClass};
///
/// let e = NcError::parse("50001184").unwrap();
/// assert_eq!(e.class(), NcErrorClass::DataOrConfiguration);
/// assert_eq!(e.description(), Some("SHA signature mismatch"));
/// assert!(NcError::parse("0").unwrap().is_success());
/// assert_eq!(NcError::parse("5000118X"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NcError(u32);

impl NcError {
    /// Parses `0` or an 8-digit code whose first digit (its class) is not `0` (spec section 6:
    /// "NCERROR `0` is success; otherwise 8 digits, the first giving the class"). `00000000` or
    /// `00001184` are no form the platform sends: refusing them keeps a padded zero from
    /// passing for success.
    ///
    /// ```
    /// use ogone::NcError;
    ///
    /// assert_eq!(NcError::parse("50001184").map(NcError::code), Some(50_001_184));
    /// assert_eq!(NcError::parse("5000118"), None); // seven digits
    /// assert_eq!(NcError::parse("-1"), None);
    /// assert_eq!(NcError::parse("00000000"), None); // not a padded success
    /// assert!(NcError::parse("0").is_some_and(NcError::is_success));
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Option<NcError> {
        let digits = text.bytes().all(|b| b.is_ascii_digit());
        let classed = text.len() == 8 && !text.starts_with('0');
        if !digits || !(text == "0" || classed) {
            return None;
        }
        text.parse().ok().map(NcError)
    }

    /// The error of a numeric code: `0`, or eight digits whose first is not `0`.
    ///
    /// ```
    /// use ogone::NcError;
    ///
    /// assert_eq!(NcError::from_code(50_001_184), NcError::parse("50001184"));
    /// assert_eq!(NcError::from_code(1184), None);
    /// ```
    #[must_use]
    pub fn from_code(code: u32) -> Option<NcError> {
        (code == 0 || (10_000_000..=99_999_999).contains(&code)).then_some(NcError(code))
    }

    /// The numeric code.
    ///
    /// ```
    /// assert_eq!(ogone::NcError::parse("50001113").map(ogone::NcError::code), Some(50_001_113));
    /// ```
    #[must_use]
    pub fn code(self) -> u32 {
        self.0
    }

    /// Whether this is `0`, no error.
    ///
    /// ```
    /// use ogone::NcError;
    ///
    /// assert_eq!(NcError::parse("0").map(NcError::is_success), Some(true));
    /// assert_eq!(NcError::parse("30001001").map(NcError::is_success), Some(false));
    /// ```
    #[must_use]
    pub fn is_success(self) -> bool {
        self.0 == 0
    }

    /// The class, from the first digit.
    ///
    /// ```
    /// use ogone::{NcError, NcErrorClass};
    ///
    /// assert_eq!(NcError::parse("20002001").map(NcError::class), Some(NcErrorClass::Uncertain));
    /// let sha_mismatch = NcError::parse("50001184").map(NcError::class);
    /// assert_eq!(sha_mismatch, Some(NcErrorClass::DataOrConfiguration));
    /// ```
    #[must_use]
    pub fn class(self) -> NcErrorClass {
        match self.0 {
            0 => NcErrorClass::Success,
            20_000_000..=29_999_999 => NcErrorClass::Uncertain,
            30_000_000..=39_999_999 => NcErrorClass::Refused,
            40_000_000..=49_999_999 => NcErrorClass::Technical,
            50_000_000..=59_999_999 => NcErrorClass::DataOrConfiguration,
            60_000_000..=69_999_999 => NcErrorClass::DirectDebit,
            _ => NcErrorClass::Other,
        }
    }

    /// What the best-known codes mean (the rest: look them up in the back office).
    ///
    /// ```
    /// use ogone::NcError;
    ///
    /// let wrong_password = NcError::parse("50001119").and_then(NcError::description);
    /// assert_eq!(wrong_password, Some("wrong API user password"));
    /// assert_eq!(NcError::parse("30001001").and_then(NcError::description), None);
    /// ```
    #[must_use]
    pub fn description(self) -> Option<&'static str> {
        match self.0 {
            0 => Some("no error"),
            50_001_184 => Some("SHA signature mismatch"),
            50_001_113 => Some("order already processed"),
            50_001_118 => Some("unknown or inactive PSPID"),
            50_001_119 => Some("wrong API user password"),
            _ => None,
        }
    }
}

impl fmt::Display for NcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
