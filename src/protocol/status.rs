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

macro_rules! statuses {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $meaning:literal, $outcome:ident; )*) => {
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
    InvalidOrIncomplete = 0, "invalid or incomplete", FailedOrUncertain;
    CancelledByCustomer = 1, "cancelled by customer", Cancelled;
    AuthorisationRefused = 2, "authorisation refused", Declined;
    OrderStored = 4, "order stored", Pending;
    StoredWaitingExternalResult = 40, "stored, waiting external result", Pending;
    WaitingClientPayment = 41, "waiting for client payment", Pending;
    WaitingAuthentication = 46, "waiting authentication (3-D Secure)", Pending;
    Authorised = 5, "authorised", Succeeded;
    AuthorisedWaitingExternalResult = 50, "authorised, waiting external result", Pending;
    AuthorisationWaiting = 51, "authorisation waiting", Pending;
    AuthorisationNotKnown = 52, "authorisation not known", FailedOrUncertain;
    Standby = 55, "standby", Pending;
    OkWithScheduledPayments = 56, "OK with scheduled payments", Pending;
    NotOkWithScheduledPayments = 57, "not OK with scheduled payments", Declined;
    AuthoriseManually = 59, "authorise manually", Pending;
    AuthorisedAndCancelled = 6, "authorised and cancelled", Cancelled;
    DeletionWaiting = 61, "author. deletion waiting", Pending;
    DeletionUncertain = 62, "author. deletion uncertain", FailedOrUncertain;
    DeletionRefused = 63, "author. deletion refused", FailedOrUncertain;
    AuthorisedAndCancelled64 = 64, "authorised and cancelled", Cancelled;
    PaymentDeleted = 7, "payment deleted", Cancelled;
    PaymentDeletionPending = 71, "payment deletion pending", Pending;
    PaymentDeletionUncertain = 72, "payment deletion uncertain", FailedOrUncertain;
    PaymentDeletionRefused = 73, "payment deletion refused", FailedOrUncertain;
    PaymentDeletedNotAccepted = 74, "payment deleted (not accepted)", Cancelled;
    DeletionProcessedByMerchant = 75, "deletion processed by merchant", Cancelled;
    Refund = 8, "refund", Refunded;
    RefundPending = 81, "refund pending", Pending;
    RefundUncertain = 82, "refund uncertain", FailedOrUncertain;
    RefundRefused = 83, "refund refused", FailedOrUncertain;
    RefundDeclinedByAcquirer84 = 84, "refund (declined by the acquirer)", FailedOrUncertain;
    RefundProcessedByMerchant = 85, "refund processed by merchant", Refunded;
    PaymentRequested = 9, "payment requested", Succeeded;
    PaymentProcessing = 91, "payment processing", Pending;
    PaymentUncertain = 92, "payment uncertain", FailedOrUncertain;
    PaymentRefused = 93, "payment refused", Declined;
    RefundDeclinedByAcquirer = 94, "refund declined by the acquirer", FailedOrUncertain;
    PaymentProcessedByMerchant = 95, "payment processed by merchant", Succeeded;
    RefundReversed = 96, "refund reversed", Succeeded;
    BeingProcessed = 99, "being processed", Pending;
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
