//! [`FeedbackKey`]: the key that is the same for each delivery of one feedback.

use alloc::format;
use alloc::string::String;
use core::fmt;

use crate::error::Error;
use crate::protocol::status::Status;

/// A key that is equal for every delivery of the same feedback and differs between feedbacks.
///
/// Ogone can send one feedback twice (online, then deferred when the online call failed), and
/// sends a new one when the status changes (5 authorised, then 9 captured). The key is built
/// from ORDERID, PAYID, PAYIDSUB and STATUS: record the keys you handled (a unique column) and
/// skip a feedback whose key you already have; a new status of the same payment has a new key.
///
/// ```
/// use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset, VerifiedFeedback};
///
/// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let body = b"orderID=12&currency=EUR&amount=15&PM=CreditCard&ACCEPTANCE=1234&STATUS=9\
///              &CARDNO=XXXXXXXXXXXX1111&PAYID=32100123&NCERROR=0&BRAND=VISA\
///              &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
/// let online = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
/// let deferred = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
/// assert_eq!(online.key()?, deferred.key()?);
/// assert_eq!(online.key()?.as_str(), "2:12/8:32100123/1:0/9");
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FeedbackKey(String);

impl FeedbackKey {
    /// The key of a feedback with these ORDERID, PAYID, PAYIDSUB (absent or empty: `0`) and
    /// STATUS.
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] naming `PAYID` when there is neither PAYID nor ORDERID.
    pub(crate) fn of(
        order_id: Option<&str>,
        pay_id: Option<&str>,
        pay_id_sub: Option<&str>,
        status: Status,
    ) -> Result<FeedbackKey, Error> {
        let order_id = order_id.unwrap_or("");
        let pay_id = pay_id.unwrap_or("");
        if order_id.is_empty() && pay_id.is_empty() {
            return Err(Error::MissingField("PAYID"));
        }
        let sub = match pay_id_sub {
            Some(sub) if !sub.is_empty() => sub,
            _ => "0",
        };
        // Every variable part carries its length, so no value can shift into the next.
        Ok(FeedbackKey(format!(
            "{}:{}/{}:{}/{}:{}/{}",
            order_id.len(),
            order_id,
            pay_id.len(),
            pay_id,
            sub.len(),
            sub,
            status.code()
        )))
    }

    /// The key as text: `len:ORDERID/len:PAYID/len:PAYIDSUB/STATUS` (the length prefixes keep
    /// a value holding `/` or `:` from shifting into the next part).
    ///
    /// ```
    /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
    ///
    /// let body = b"orderID=WEB-1001&PAYID=3014726&PAYIDSUB=2&STATUS=8";
    /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
    /// assert_eq!(f.key()?.as_str(), "8:WEB-1001/7:3014726/1:2/8");
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FeedbackKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::str::FromStr for FeedbackKey {
    type Err = Error;

    /// Reads a key back from its text (as stored in your database): the length-prefixed
    /// ORDERID, PAYID and PAYIDSUB and a known STATUS code, exactly as [`FeedbackKey::as_str`]
    /// writes them. Only that text is accepted (no sign, no leading zero in a length or the
    /// status), so one key has one text: `parse(s)` is `Ok` only when `to_string()` of the key
    /// it gives is `s`.
    ///
    /// ```
    /// use ogone::FeedbackKey;
    ///
    /// let key: FeedbackKey = "8:WEB-1001/7:3014726/1:2/8".parse()?;
    /// assert_eq!(key.to_string(), "8:WEB-1001/7:3014726/1:2/8");
    /// assert!("8:WEB-1001/7:3014726/1:2/3".parse::<FeedbackKey>().is_err()); // no status 3
    /// assert!("9:WEB-1001/7:3014726/1:2/8".parse::<FeedbackKey>().is_err()); // lengths
    /// assert!("08:WEB-1001/7:3014726/1:2/8".parse::<FeedbackKey>().is_err()); // not canonical
    /// assert!("+8:WEB-1001/7:3014726/1:2/8".parse::<FeedbackKey>().is_err());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, Error> {
        let invalid = |reason| Error::InvalidField {
            field: "feedback key".into(),
            reason,
        };
        let mut rest = text;
        let mut parts = [""; 3];
        for part in &mut parts {
            let (len, tail) = rest
                .split_once(':')
                .ok_or(invalid("not len:value/len:value/len:value/status"))?;
            // Only the digits `Display` writes: `usize::from_str` would also take `+2` and
            // `02`, another text for the same key (a unique column would hold both).
            let canonical = match len.as_bytes() {
                [b'0'] => true,
                [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
                _ => false,
            };
            if !canonical {
                return Err(invalid("a length is not written as Display writes it"));
            }
            let len: usize = len
                .parse()
                .map_err(|_| invalid("a length is not a number"))?;
            let value = tail
                .get(..len)
                .ok_or(invalid("a length runs past the end"))?;
            rest = tail
                .get(len..)
                .and_then(|t| t.strip_prefix('/'))
                .ok_or(invalid("a part does not end where its length says"))?;
            *part = value;
        }
        let [order_id, pay_id, sub] = parts;
        if order_id.is_empty() && pay_id.is_empty() {
            return Err(invalid("has neither ORDERID nor PAYID"));
        }
        if sub.is_empty() || Status::parse(rest).is_none() {
            return Err(invalid("has no PAYIDSUB or no known status"));
        }
        Ok(FeedbackKey(String::from(text)))
    }
}
