//! The accessors of a payment feedback (ORDERID, PAYID, STATUS, AMOUNT...), shared by the
//! verified view ([`VerifiedFeedback`](crate::VerifiedFeedback), which reads only what the
//! signature covers) and the unverified one
//! ([`UnverifiedFeedback`](crate::dangerous::UnverifiedFeedback), which reads anything): one
//! list, written with [`accessors!`](super::fields::accessors), for both.

/// Implements the payment feedback accessors on `$view`, each reading its field through
/// `$view::$get`.
macro_rules! payment_accessors {
    ($view:ty, $get:ident) => {
        $crate::protocol::feedback::fields::accessors! {
            $view, $get;

            /// `ORDERID`: the merchant's order reference.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"orderID=12&PAYID=32100123";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.order_id(), Some("12"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            fn order_id("ORDERID") -> Option<&str> = $crate::protocol::feedback::fields::text;

            /// `PAYID`: Ogone's transaction reference.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"orderID=12&PAYID=32100123";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.pay_id(), Some("32100123"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            fn pay_id("PAYID") -> Option<&str> = $crate::protocol::feedback::fields::text;

            /// `PAYIDSUB`: the number of the maintenance operation on the transaction.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"PAYID=32100123&PAYIDSUB=2&STATUS=8";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.pay_id_sub(), Some("2")); // the second maintenance operation
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            fn pay_id_sub("PAYIDSUB") -> Option<&str> = $crate::protocol::feedback::fields::text;

            /// `STATUS`, typed.
            ///
            /// ```
            /// use ogone::{Error, Outcome, Status, TransportCharset};
            /// use ogone::dangerous::UnverifiedFeedback;
            ///
            /// let f = UnverifiedFeedback::parse(b"orderID=12&STATUS=9", TransportCharset::Utf8)?;
            /// assert_eq!(f.status()?, Status::PaymentRequested);
            /// assert_eq!(f.status()?.outcome(), Outcome::Succeeded);
            /// let unknown = UnverifiedFeedback::parse(b"STATUS=3", TransportCharset::Utf8)?;
            /// assert!(matches!(unknown.status(), Err(Error::InvalidField { .. })));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// [`Error::MissingField`](crate::Error::MissingField) or [`Error::InvalidField`](crate::Error::InvalidField) naming `STATUS`.
            fn status("STATUS") -> Result<$crate::protocol::status::Status, $crate::error::Error> = $crate::protocol::feedback::fields::status;

            /// `NCERROR`, typed.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let f = UnverifiedFeedback::parse(b"NCERROR=50001184", TransportCharset::Utf8)?;
            /// assert_eq!(f.nc_error()?.code(), 50_001_184);
            /// assert_eq!(f.nc_error()?.description(), Some("SHA signature mismatch"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// [`Error::MissingField`](crate::Error::MissingField) or [`Error::InvalidField`](crate::Error::InvalidField) naming `NCERROR`.
            fn nc_error("NCERROR") -> Result<$crate::protocol::status::NcError, $crate::error::Error> = $crate::protocol::feedback::fields::nc_error;

            /// `AMOUNT` in minor units, parsed from the decimal feedback form (`15.1` is 1510)
            /// without floating point.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"amount=15.1&currency=EUR";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.amount()?.minor_units(), 1510); // 15.10 EUR, no float on the way
            /// # Ok::<(), ogone::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// [`Error::MissingField`](crate::Error::MissingField) or [`Error::InvalidField`](crate::Error::InvalidField) naming `AMOUNT`.
            fn amount("AMOUNT") -> Result<$crate::protocol::amount::Amount, $crate::error::Error> = $crate::protocol::feedback::fields::amount;

            /// `CURRENCY` (ISO 4217).
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"amount=15&currency=EUR";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.currency(), Some("EUR"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            fn currency("CURRENCY") -> Option<&str> = $crate::protocol::feedback::fields::text;

            /// `BRAND`: the card brand (`VISA`, ...).
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"BRAND=VISA&PM=CreditCard";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.brand(), Some("VISA"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            fn brand("BRAND") -> Option<&str> = $crate::protocol::feedback::fields::text;

            /// `PM`: the payment method (`CreditCard`, ...).
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"BRAND=VISA&PM=CreditCard";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.payment_method(), Some("CreditCard"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            fn payment_method("PM") -> Option<&str> = $crate::protocol::feedback::fields::text;

            /// `CARDNO`: the masked card number.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"CARDNO=XXXXXXXXXXXX1111";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.masked_card(), Some("XXXXXXXXXXXX1111"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            fn masked_card("CARDNO") -> Option<&str> = $crate::protocol::feedback::fields::text;

            /// `ACCEPTANCE`: the acquirer's authorisation code.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"ACCEPTANCE=1234&STATUS=9";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.acceptance(), Some("1234"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            fn acceptance("ACCEPTANCE") -> Option<&str> = $crate::protocol::feedback::fields::text;

            /// `TRXDATE`: the transaction date as sent (`MM/DD/YY`).
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let f = UnverifiedFeedback::parse(b"TRXDATE=11%2F27%2F26", TransportCharset::Utf8)?;
            /// assert_eq!(f.transaction_date(), Some("11/27/26"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            fn transaction_date("TRXDATE") -> Option<&str> = $crate::protocol::feedback::fields::text;

            /// `ALIAS`: the card alias (token), when one was created or used.
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let body = b"ALIAS=customer-42-card&STATUS=5";
            /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
            /// assert_eq!(f.alias(), Some("customer-42-card"));
            /// # Ok::<(), ogone::Error>(())
            /// ```
            #[must_use]
            fn alias("ALIAS") -> Option<&str> = $crate::protocol::feedback::fields::text;
        }

        impl $view {
            /// The key that is the same for each delivery of one feedback: see
            /// [`FeedbackKey`](crate::FeedbackKey).
            ///
            /// ```
            /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
            ///
            /// let captured_body = b"orderID=12&PAYID=32100123&STATUS=9";
            /// let captured = UnverifiedFeedback::parse(captured_body, TransportCharset::Utf8)?;
            /// assert_eq!(captured.key()?.as_str(), "2:12/8:32100123/1:0/9");
            /// let refund_body = b"orderID=12&PAYID=32100123&PAYIDSUB=1&STATUS=8";
            /// let refund = UnverifiedFeedback::parse(refund_body, TransportCharset::Utf8)?;
            /// assert_ne!(refund.key()?, captured.key()?);
            /// # Ok::<(), ogone::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// [`Error::MissingField`](crate::Error::MissingField) when there is neither `PAYID` nor `ORDERID`, and the
            /// errors of [`Self::status`].
            pub fn key(&self) -> Result<$crate::protocol::feedback::key::FeedbackKey, $crate::error::Error> {
                let status = self.status()?;
                $crate::protocol::feedback::key::FeedbackKey::of(
                    self.order_id(),
                    self.pay_id(),
                    self.pay_id_sub(),
                    status,
                )
            }
        }
    };
}
pub(crate) use payment_accessors;
