//! Reading feedback whose signature was **not** checked.
//!
//! For logging and support only: every value here may be forged. Nothing in this module should
//! decide whether an order is paid.
//!
//! ```
//! use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset, VerifiedFeedback};
//! use ogone::dangerous::UnverifiedFeedback;
//!
//! // A forged "paid" feedback reads fine here, so log it, never act on it...
//! let forged = b"orderID=12&amount=15&STATUS=9&SHASIGN=0000";
//! let seen = UnverifiedFeedback::parse(forged, TransportCharset::Utf8)?;
//! assert_eq!(seen.status()?.code(), 9);
//! // ...while the verified view refuses it.
//! let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
//! assert!(VerifiedFeedback::parse(forged, TransportCharset::Utf8, &verifier).is_err());
//! # Ok::<(), ogone::Error>(())
//! ```

use crate::charset::TransportCharset;
use crate::error::Error;
use crate::protocol::credentials::FeedbackVerifier;
use crate::protocol::feedback::from_request::form_of;
use crate::protocol::feedback::payment_fields::payment_accessors;
use crate::protocol::feedback::verified::VerifiedFeedback;
use crate::signing::params::Params;

/// Feedback as received, signature unchecked.
///
/// ```
/// use ogone::{dangerous::UnverifiedFeedback, TransportCharset};
///
/// let body = b"orderID=12&STATUS=9&SHASIGN=00";
/// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
/// assert_eq!(f.order_id(), Some("12")); // could be anything: not verified
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnverifiedFeedback {
    params: Params,
}

impl UnverifiedFeedback {
    /// Parses without verifying.
    ///
    /// ```
    /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
    ///
    /// let body = b"orderID=12&STATUS=9&SHASIGN=00";
    /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
    /// assert_eq!(f.get("SHASIGN"), Some("00")); // not checked
    /// assert!(UnverifiedFeedback::parse(b"orderID=%zz", TransportCharset::Utf8).is_err());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of [`Params::parse_form`].
    pub fn parse(input: &[u8], transport: TransportCharset) -> Result<Self, Error> {
        Ok(UnverifiedFeedback {
            params: Params::parse_form(input, transport)?,
        })
    }

    /// Reads the feedback of a web request without verifying it, as
    /// [`VerifiedFeedback::from_request`] picks and decodes it; `default` is the transport
    /// charset when the request declares none.
    ///
    /// ```
    /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
    ///
    /// let f = UnverifiedFeedback::from_request(
    ///     "POST", None, Some("application/x-www-form-urlencoded; charset=windows-1252"),
    ///     b"orderID=12&CN=Lef%E8vre&SHASIGN=00", TransportCharset::Utf8,
    /// )?;
    /// assert_eq!(f.get("CN"), Some("Lefèvre"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`VerifiedFeedback::from_request`] for the request, then those of
    /// [`Params::parse_form`].
    pub fn from_request(
        method: &str,
        query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
        default: TransportCharset,
    ) -> Result<Self, Error> {
        let (data, transport) = form_of(method, query, content_type, body, default)?;
        UnverifiedFeedback::parse(data, transport)
    }

    /// Verifies it. On failure the error comes back with the feedback, so that what the
    /// sender claimed can still be logged (as what it is: unverified).
    ///
    /// ```
    /// use ogone::{Error, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    /// use ogone::dangerous::UnverifiedFeedback;
    ///
    /// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// let forged = UnverifiedFeedback::parse(b"orderID=12&STATUS=9&SHASIGN=0000", TransportCharset::Utf8)?;
    /// let (error, claimed) = forged.verify(&verifier).unwrap_err();
    /// assert!(matches!(error, Error::SignatureLength { .. }));
    /// assert_eq!(claimed.order_id(), Some("12")); // log it; do not act on it
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`VerifiedFeedback::verify`], with the unverified feedback.
    #[allow(clippy::result_large_err)]
    pub fn verify(
        self,
        verifier: &FeedbackVerifier,
    ) -> Result<VerifiedFeedback, (Error, UnverifiedFeedback)> {
        VerifiedFeedback::verify_keeping(self.params, verifier)
            .map_err(|(e, params)| (e, UnverifiedFeedback { params }))
    }

    /// Wraps a decoded parameter set without verifying it.
    ///
    /// ```
    /// use ogone::{Params, dangerous::UnverifiedFeedback};
    ///
    /// let params = Params::try_from_pairs([("orderID", "12"), ("STATUS", "5")])?;
    /// let f = UnverifiedFeedback::new(params);
    /// assert_eq!(f.order_id(), Some("12"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn new(params: Params) -> Self {
        UnverifiedFeedback { params }
    }

    /// Any parameter, unverified.
    ///
    /// ```
    /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
    ///
    /// let body = b"orderID=12&COMPLUS=cart-42&SHASIGN=00";
    /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
    /// assert_eq!(f.get("complus"), Some("cart-42"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params.get(name)
    }

    /// All parameters, unverified.
    ///
    /// ```
    /// use ogone::{TransportCharset, dangerous::UnverifiedFeedback};
    ///
    /// let body = b"orderID=12&STATUS=9&SHASIGN=00";
    /// let f = UnverifiedFeedback::parse(body, TransportCharset::Utf8)?;
    /// assert_eq!(f.params().len(), 3);
    /// assert_eq!(f.params().get("status"), Some("9"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn params(&self) -> &Params {
        &self.params
    }
}

payment_accessors!(UnverifiedFeedback, get);
