//! Amounts in minor units, without floating point (spec section 3).

use core::fmt;

use crate::error::Error;

/// An amount in minor units (cents): `1500` is 15.00.
///
/// Requests carry it as the integer (`AMOUNT=1500`); feedback as a decimal without trailing zeros
/// (`amount=15`, `15.1`, `582.42`). Both are parsed digit by digit, never through a float, so
/// `582.42` is exactly 58242 minor units. Every currency is taken to have two decimals, as
/// Ogone's AMOUNT field does.
///
/// ```
/// use ogone::Amount;
///
/// assert_eq!(Amount::parse_decimal("582.42")?.minor_units(), 58242);
/// assert_eq!(Amount::parse_decimal("15.1")?.minor_units(), 1510);
/// assert_eq!(Amount::parse_minor_units("1500")?.to_string(), "15.00");
/// assert!(Amount::parse_decimal("15.123").is_err());
/// # Ok::<(), ogone::AmountError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(u64);

/// The largest amount Ogone takes: 999,999,999.99 (the AMOUNT field holds at most 11 digits).
///
/// ```
/// use ogone::{Amount, AmountError, MAX_MINOR_UNITS};
///
/// assert_eq!(Amount::parse_decimal("999999999.99")?.minor_units(), MAX_MINOR_UNITS);
/// assert_eq!(Amount::from_minor_units(MAX_MINOR_UNITS + 1), Err(AmountError::TooLarge));
/// # Ok::<(), ogone::AmountError>(())
/// ```
pub const MAX_MINOR_UNITS: u64 = 99_999_999_999;

/// Why an amount does not parse.
///
/// ```
/// use ogone::{Amount, AmountError};
///
/// assert_eq!(Amount::parse_decimal("15,10"), Err(AmountError::Malformed));
/// assert_eq!(Amount::parse_decimal("1000000000"), Err(AmountError::TooLarge));
/// assert_eq!(AmountError::TooLarge.to_string(), "amount is above 999999999.99");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// Not digits with at most one `.` followed by one or two digits.
    #[error("amount is not a decimal number with at most two decimals")]
    Malformed,
    /// Above [`MAX_MINOR_UNITS`].
    #[error("amount is above 999999999.99")]
    TooLarge,
}

impl From<AmountError> for Error {
    /// An [`Error::InvalidField`] naming `AMOUNT`, so that `?` works in a handler that parses
    /// an amount and verifies feedback.
    ///
    /// ```
    /// use ogone::{Amount, Error};
    ///
    /// fn expected(text: &str) -> Result<Amount, Error> {
    ///     Ok(Amount::parse_decimal(text)?)
    /// }
    /// assert!(matches!(expected("15,10"), Err(Error::InvalidField { field, .. }) if field == "AMOUNT"));
    /// ```
    fn from(error: AmountError) -> Self {
        Error::InvalidField {
            field: "AMOUNT".into(),
            reason: match error {
                AmountError::Malformed => "not a decimal number with at most two decimals",
                AmountError::TooLarge => "above 999999999.99",
            },
        }
    }
}

impl Amount {
    /// An amount of `minor` minor units.
    ///
    /// ```
    /// use ogone::{Amount, AmountError};
    ///
    /// assert_eq!(Amount::from_minor_units(1500)?.to_string(), "15.00");
    /// assert_eq!(Amount::from_minor_units(100_000_000_000), Err(AmountError::TooLarge));
    /// # Ok::<(), ogone::AmountError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AmountError::TooLarge`] above [`MAX_MINOR_UNITS`].
    pub fn from_minor_units(minor: u64) -> Result<Amount, AmountError> {
        if minor > MAX_MINOR_UNITS {
            Err(AmountError::TooLarge)
        } else {
            Ok(Amount(minor))
        }
    }

    /// The amount in minor units.
    ///
    /// ```
    /// assert_eq!(ogone::Amount::parse_decimal("15.1")?.minor_units(), 1510);
    /// # Ok::<(), ogone::AmountError>(())
    /// ```
    #[must_use]
    pub fn minor_units(self) -> u64 {
        self.0
    }

    /// Parses a decimal amount as feedback carries it: `15`, `15.1`, `15.12`, `0.01`.
    ///
    /// ```
    /// use ogone::{Amount, AmountError};
    ///
    /// assert_eq!(Amount::parse_decimal("15")?.minor_units(), 1500);
    /// assert_eq!(Amount::parse_decimal("0.01")?.minor_units(), 1);
    /// assert_eq!(Amount::parse_decimal("1e3"), Err(AmountError::Malformed));
    /// assert_eq!(Amount::parse_decimal("-15"), Err(AmountError::Malformed));
    /// # Ok::<(), ogone::AmountError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AmountError::Malformed`] for anything else (signs, spaces, exponents, `,`, three
    /// decimals, a lone `.`), [`AmountError::TooLarge`] above [`MAX_MINOR_UNITS`].
    pub fn parse_decimal(text: &str) -> Result<Amount, AmountError> {
        let (units, decimals) = text.split_once('.').unwrap_or((text, ""));
        if text.ends_with('.') || decimals.len() > 2 || !all_digits(decimals) {
            return Err(AmountError::Malformed);
        }
        let mut minor = parse_integer(units)?
            .checked_mul(100)
            .ok_or(AmountError::TooLarge)?;
        let mut scale = 100;
        for d in decimals.bytes() {
            scale /= 10;
            minor = minor
                .checked_add(u64::from(d - b'0') * scale)
                .ok_or(AmountError::TooLarge)?;
        }
        Amount::from_minor_units(minor)
    }

    /// Parses the integer minor units a request carries: `1500`.
    ///
    /// ```
    /// use ogone::{Amount, AmountError};
    ///
    /// assert_eq!(Amount::parse_minor_units("1500")?.to_feedback_string(), "15");
    /// assert_eq!(Amount::parse_minor_units("15.00"), Err(AmountError::Malformed));
    /// # Ok::<(), ogone::AmountError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AmountError::Malformed`] unless all digits, [`AmountError::TooLarge`] above
    /// [`MAX_MINOR_UNITS`].
    pub fn parse_minor_units(text: &str) -> Result<Amount, AmountError> {
        Amount::from_minor_units(parse_integer(text)?)
    }
}

impl Amount {
    /// The decimal form feedback carries: no trailing zeros (`15`, `15.1`, `15.12`, `0.01`).
    ///
    /// ```
    /// use ogone::Amount;
    /// assert_eq!(Amount::from_minor_units(1500)?.to_feedback_string(), "15");
    /// assert_eq!(Amount::from_minor_units(1510)?.to_feedback_string(), "15.1");
    /// assert_eq!(Amount::from_minor_units(1)?.to_feedback_string(), "0.01");
    /// # Ok::<(), ogone::AmountError>(())
    /// ```
    #[must_use]
    pub fn to_feedback_string(self) -> alloc::string::String {
        let (units, cents) = (self.0 / 100, self.0 % 100);
        match cents {
            0 => alloc::format!("{units}"),
            c if c % 10 == 0 => alloc::format!("{units}.{}", c / 10),
            c => alloc::format!("{units}.{c:02}"),
        }
    }
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// Parses a non-empty run of digits, at most [`MAX_MINOR_UNITS`].
fn parse_integer(text: &str) -> Result<u64, AmountError> {
    if text.is_empty() || !all_digits(text) {
        return Err(AmountError::Malformed);
    }
    let mut value: u64 = 0;
    for d in text.bytes() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d - b'0')))
            .filter(|&v| v <= MAX_MINOR_UNITS)
            .ok_or(AmountError::TooLarge)?;
    }
    Ok(value)
}

impl fmt::Display for Amount {
    /// Two decimals: `15.00`, `0.01`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_amounts() {
        for (text, minor) in [
            ("15", 1500),
            ("15.1", 1510),
            ("15.12", 1512),
            ("582.42", 58242),
            ("0.01", 1),
            ("7.5", 750),
            ("0", 0),
            ("999999999.99", MAX_MINOR_UNITS),
        ] {
            assert_eq!(Amount::parse_decimal(text), Ok(Amount(minor)), "{text}");
        }
        for bad in [
            "", ".", "15.", ".5", "15.123", "-1", "+1", "1e3", "15,10", " 15", "15 ", "1.2.3",
            "NaN", "١٥",
        ] {
            assert_eq!(
                Amount::parse_decimal(bad),
                Err(AmountError::Malformed),
                "{bad:?}"
            );
        }
        assert_eq!(
            Amount::parse_decimal("1000000000"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            Amount::parse_decimal("99999999999999999999999"),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn request_amounts() {
        assert_eq!(Amount::parse_minor_units("1500"), Ok(Amount(1500)));
        assert_eq!(
            Amount::parse_minor_units("15.00"),
            Err(AmountError::Malformed)
        );
        assert_eq!(
            Amount::parse_minor_units("100000000000"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(Amount(58242).to_string(), "582.42");
        assert_eq!(Amount(1).to_string(), "0.01");
    }
}
