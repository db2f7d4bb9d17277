//! The return from the hosted checkout: `RETURNMAC`, the return URL's query, and the check
//! against what the shop stored.
//!
//! The redirect back proves nothing by itself: it is a browser request anyone can forge or
//! replay, and neither `hostedCheckoutId` nor `RETURNMAC` is a signature. Matching them with
//! what was stored only tells which checkout the customer claims to come back from; the
//! result of the payment is the answer of the signed `GET hostedcheckouts/{id}` that
//! [`HostedCheckoutReturn::check`] hands back (or a verified webhook).

use alloc::string::String;
use core::fmt;

use percent_encoding::percent_decode_str;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::worldline::api::hosted_checkout::GetHostedCheckout;

/// `RETURNMAC` (sdk-python3 `onlinepayments/sdk/domain/create_hosted_checkout_response.py`: "When
/// the customer is returned to your site we will append this property and value to the
/// query-string. You should store this data, so you can identify the returning customer").
///
/// A secret value: redacted `Debug`, no `Display`, wiped when dropped, compared in constant
/// time (for equal lengths; a length difference shows). It serializes as its string so that
/// it can be stored with the order: **the store must be private** (server-side session or
/// database), never a cookie or a page the customer sees.
///
/// ```
/// use ogone::worldline::ReturnMac;
/// let mac = ReturnMac::new("ab874513-9f40-4ca0-a7c7-8dc14bc4e09d");
/// assert_eq!(format!("{mac:?}"), "ReturnMac(<redacted>)");
/// assert!(mac.matches(&ReturnMac::new("ab874513-9f40-4ca0-a7c7-8dc14bc4e09d")));
/// assert!(!mac.matches(&ReturnMac::new("ab874513-9f40-4ca0-a7c7-8dc14bc4e09e")));
/// let stored = serde_json::to_string(&mac)?;
/// let back: ReturnMac = serde_json::from_str(&stored)?;
/// assert!(back.matches(&mac));
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// ```compile_fail
/// let mac = ogone::worldline::ReturnMac::new("x");
/// let _ = format!("{mac}"); // no Display
/// ```
#[derive(Clone)]
pub struct ReturnMac(String);

impl ReturnMac {
    /// Wraps a `RETURNMAC` value (from storage, or from the create answer).
    ///
    /// ```
    /// let mac = ogone::worldline::ReturnMac::new("v");
    /// assert_eq!(mac.expose(), "v");
    /// ```
    pub fn new(value: impl Into<String>) -> Self {
        ReturnMac(value.into())
    }

    /// Constant-time equality (for values of equal length).
    ///
    /// ```
    /// use ogone::worldline::ReturnMac;
    /// assert!(!ReturnMac::new("a").matches(&ReturnMac::new("ab")));
    /// ```
    #[must_use]
    pub fn matches(&self, other: &ReturnMac) -> bool {
        bool::from(self.0.as_bytes().ct_eq(other.0.as_bytes()))
    }

    /// The value, to store it yourself (prefer the serde implementation).
    ///
    /// ```
    /// assert_eq!(ogone::worldline::ReturnMac::new("v").expose(), "v");
    /// ```
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl Drop for ReturnMac {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl zeroize::ZeroizeOnDrop for ReturnMac {}

impl fmt::Debug for ReturnMac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReturnMac(<redacted>)")
    }
}

impl Serialize for ReturnMac {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ReturnMac {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(ReturnMac)
    }
}

/// Why a return URL's query was refused. Names the parameter, never its value.
///
/// ```
/// use ogone::worldline::{HostedCheckoutReturn, ReturnQueryError};
/// assert_eq!(HostedCheckoutReturn::parse_query("hostedCheckoutId=1").unwrap_err(), ReturnQueryError::Missing("RETURNMAC"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReturnQueryError {
    /// The parameter is absent (or empty).
    #[error("the return query lacks {0}")]
    Missing(&'static str),
    /// The parameter occurs more than once (names compared without case): refused rather than
    /// picking one.
    #[error("the return query has {0} more than once")]
    Duplicate(&'static str),
    /// The parameter's value is not valid percent-encoded UTF-8, or the id could not be put
    /// in a path.
    #[error("the return query's {0} is not a valid value")]
    Invalid(&'static str),
}

impl ReturnQueryError {
    /// How a web framework should answer: 400.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::ReturnQueryError::Missing("RETURNMAC").kind(), ogone::ErrorKind::Malformed);
    /// ```
    #[must_use]
    pub fn kind(&self) -> crate::error::ErrorKind {
        crate::error::ErrorKind::Malformed
    }
}

/// The returning customer's `hostedCheckoutId` or `RETURNMAC` is not the stored one. Says
/// nothing about which, nor about the values.
///
/// ```
/// use ogone::worldline::{HostedCheckoutReturn, ReturnMac};
/// let back = HostedCheckoutReturn::parse_query("hostedCheckoutId=1&RETURNMAC=forged")?;
/// let err = back.check("1", &ReturnMac::new("stored")).unwrap_err();
/// assert_eq!(err.to_string(), "the return does not match the stored hosted checkout");
/// assert_eq!(err.kind(), ogone::ErrorKind::NotAuthentic);
/// # Ok::<(), ogone::worldline::ReturnQueryError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the return does not match the stored hosted checkout")]
pub struct ReturnMismatch;

impl ReturnMismatch {
    /// How a web framework should answer: 403.
    ///
    /// ```
    /// assert_eq!(ogone::worldline::ReturnMismatch.kind().http_status(), 403);
    /// ```
    #[must_use]
    pub fn kind(&self) -> crate::error::ErrorKind {
        crate::error::ErrorKind::NotAuthentic
    }
}

/// The customer back from the hosted checkout: `hostedCheckoutId` and `RETURNMAC` read from the
/// return URL's query. See the module text: this proves nothing until
/// [`check`](Self::check)ed and followed by the signed GET.
///
/// ```
/// use ogone::worldline::{HostedCheckoutReturn, ReturnMac};
/// let back = HostedCheckoutReturn::parse_query(
///     "?order=42&RETURNMAC=dd70af3f-31ed-4366-a5c9-d8e2f8e0fa55&hostedCheckoutId=4306873688",
/// )?;
/// assert_eq!(back.hosted_checkout_id(), "4306873688");
/// let get = back.check("4306873688", &ReturnMac::new("dd70af3f-31ed-4366-a5c9-d8e2f8e0fa55")).unwrap();
/// assert_eq!(get.path(), "hostedcheckouts/4306873688");
/// # Ok::<(), ogone::worldline::ReturnQueryError>(())
/// ```
#[derive(Clone, Debug)]
pub struct HostedCheckoutReturn {
    /// The GET the claimed `hostedCheckoutId` makes (it holds the id, checked once).
    get: GetHostedCheckout,
    return_mac: ReturnMac,
}

const ID: &str = "hostedCheckoutId";
const MAC: &str = "RETURNMAC";

fn decode(raw: &str, name: &'static str) -> Result<String, ReturnQueryError> {
    percent_decode_str(raw)
        .decode_utf8()
        .map(alloc::borrow::Cow::into_owned)
        .map_err(|_| ReturnQueryError::Invalid(name))
}

impl HostedCheckoutReturn {
    /// Reads the raw query (with or without its leading `?`): percent-decoded (`+` is kept
    /// as is), `hostedCheckoutId` and `RETURNMAC` each exactly once (a name differing only in
    /// case counts as a repeat), other parameters ignored.
    ///
    /// ```
    /// use ogone::worldline::{HostedCheckoutReturn, ReturnQueryError};
    /// let twice = HostedCheckoutReturn::parse_query("hostedCheckoutId=1&RETURNMAC=a&returnmac=b");
    /// assert_eq!(twice.unwrap_err(), ReturnQueryError::Duplicate("RETURNMAC"));
    /// let encoded = HostedCheckoutReturn::parse_query("hostedCheckoutId=%34%32&RETURNMAC=a")?;
    /// assert_eq!(encoded.hosted_checkout_id(), "42");
    /// # Ok::<(), ReturnQueryError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReturnQueryError`] naming the parameter missing, repeated or invalid.
    pub fn parse_query(query: &str) -> Result<Self, ReturnQueryError> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut id: Option<String> = None;
        let mut mac: Option<ReturnMac> = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let Ok(name) = percent_decode_str(raw_name).decode_utf8() else {
                continue;
            };
            if name.eq_ignore_ascii_case(ID) {
                if id.is_some() {
                    return Err(ReturnQueryError::Duplicate(ID));
                }
                id = Some(decode(raw_value, ID)?);
            } else if name.eq_ignore_ascii_case(MAC) {
                if mac.is_some() {
                    return Err(ReturnQueryError::Duplicate(MAC));
                }
                mac = Some(ReturnMac(decode(raw_value, MAC)?));
            }
        }
        let hosted_checkout_id = id
            .filter(|v| !v.is_empty())
            .ok_or(ReturnQueryError::Missing(ID))?;
        let return_mac = mac
            .filter(|v| !v.0.is_empty())
            .ok_or(ReturnQueryError::Missing(MAC))?;
        let get = GetHostedCheckout::new(&hosted_checkout_id)
            .map_err(|_| ReturnQueryError::Invalid(ID))?;
        Ok(HostedCheckoutReturn { get, return_mac })
    }

    /// The `hostedCheckoutId` the customer claims (use it to find the stored checkout).
    ///
    /// ```
    /// let back = ogone::worldline::HostedCheckoutReturn::parse_query("hostedCheckoutId=7&RETURNMAC=m")?;
    /// assert_eq!(back.hosted_checkout_id(), "7");
    /// # Ok::<(), ogone::worldline::ReturnQueryError>(())
    /// ```
    #[must_use]
    pub fn hosted_checkout_id(&self) -> &str {
        self.get.id()
    }

    /// Compares with what you stored from the create answer (both in constant time, both
    /// always compared) and hands back the signed GET to make next: its answer, not this
    /// redirect, is the result.
    ///
    /// ```
    /// use ogone::worldline::{HostedCheckoutReturn, ReturnMac, ReturnMismatch};
    /// let back = HostedCheckoutReturn::parse_query("hostedCheckoutId=7&RETURNMAC=m")?;
    /// assert_eq!(back.check("8", &ReturnMac::new("m")).unwrap_err(), ReturnMismatch);
    /// assert!(back.check("7", &ReturnMac::new("m")).is_ok());
    /// # Ok::<(), ogone::worldline::ReturnQueryError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReturnMismatch`] if the id or the `RETURNMAC` differs.
    pub fn check(
        &self,
        stored_hosted_checkout_id: &str,
        stored_return_mac: &ReturnMac,
    ) -> Result<GetHostedCheckout, ReturnMismatch> {
        let same_id = self
            .get
            .id()
            .as_bytes()
            .ct_eq(stored_hosted_checkout_id.as_bytes());
        let same_mac = self
            .return_mac
            .0
            .as_bytes()
            .ct_eq(stored_return_mac.0.as_bytes());
        if bool::from(same_id & same_mac) {
            Ok(self.get.clone())
        } else {
            Err(ReturnMismatch)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_and_missing() {
        assert_eq!(
            HostedCheckoutReturn::parse_query("hostedCheckoutId=1&hostedCheckoutId=1&RETURNMAC=a")
                .unwrap_err(),
            ReturnQueryError::Duplicate(ID)
        );
        assert_eq!(
            HostedCheckoutReturn::parse_query("RETURNMAC=a").unwrap_err(),
            ReturnQueryError::Missing(ID)
        );
        assert_eq!(
            HostedCheckoutReturn::parse_query("hostedCheckoutId=%FF&RETURNMAC=a").unwrap_err(),
            ReturnQueryError::Invalid(ID)
        );
        assert_eq!(
            HostedCheckoutReturn::parse_query("hostedCheckoutId=a%2Fb&RETURNMAC=a").unwrap_err(),
            ReturnQueryError::Invalid(ID)
        );
    }
}
