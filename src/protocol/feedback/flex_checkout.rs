//! [`FlexCheckoutFeedback`]: the FlexCheckout redirect, verified against the FlexCheckout
//! SHA-OUT list.

use crate::charset::TransportCharset;
use crate::error::Error;
use crate::protocol::credentials::FeedbackVerifier;
use crate::protocol::feedback::alias_status::{AliasStatus, alias_status};
use crate::protocol::feedback::checked::Checked;
use crate::protocol::feedback::fields::{accessors, nc_error, text};
use crate::protocol::feedback::from_request::form_of;
use crate::protocol::status::NcError;
use crate::signing::builtin_lists::ListKind;
use crate::signing::list::AllowList;
use crate::signing::params::Params;
use crate::signing::scan::Rules;
use crate::signing::signer::Scheme;

/// parameter, on its own list.
const FLEX_RULES: Rules<'static> = Rules {
    list: &AllowList::new(ListKind::FlexCheckoutOut),
    scheme: Scheme::EachParameter,
};
/// What a FlexCheckout result must carry, signed.
const FLEX_REQUIRED: &[&str] = &["ALIAS.STATUS"];

/// FlexCheckout redirect feedback (`Alias.AliasId`, `Card.Brand`, `Alias.Status`...) whose
/// signature was checked against the FlexCheckout SHA-OUT list.
///
/// ```
/// use ogone::{AliasStatus, FlexCheckoutFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
///
/// # let verifier = FeedbackVerifier::new(&ShaOutKey::new("k"), HashAlgorithm::Sha256);
/// # let signer = verifier.clone().with_list(ogone::ListKind::FlexCheckoutOut);
/// # let mut p = ogone::Params::parse_form(b"Alias.AliasId=A1&Alias.OrderId=o-7&Alias.Status=0&Card.Brand=VISA&Card.CardNumber=XXXXXXXXXXXX1111", TransportCharset::Utf8)?;
/// # let sig = signer.as_signer().sign(&p)?.to_string();
/// # let query = format!("{}&SHASign={sig}", p.to_form(TransportCharset::Utf8)?);
/// let feedback =
///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
/// assert_eq!(feedback.alias_id(), Some("A1"));
/// assert_eq!(feedback.alias_status()?, AliasStatus::Ok);
/// assert_eq!(feedback.brand(), Some("VISA"));
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlexCheckoutFeedback(Checked);

impl FlexCheckoutFeedback {
    /// Parses the redirect query and verifies it with the FlexCheckout SHA-OUT list (whatever
    /// list `verifier` was set to; its key, algorithm, order and charset are used).
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.alias_id(), Some("A1"));
    /// let forged = query.replace("Card.Brand=VISA", "Card.Brand=AMEX");
    /// let err = FlexCheckoutFeedback::parse(forged.as_bytes(), TransportCharset::Utf8, &verifier);
    /// assert_eq!(err, Err(ogone::Error::Mismatch));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of [`Params::parse_form`], then of [`crate::Signer::verify_shasign`].
    pub fn parse(
        input: &[u8],
        transport: TransportCharset,
        verifier: &FeedbackVerifier,
    ) -> Result<FlexCheckoutFeedback, Error> {
        let checked = Checked::parse(
            input,
            transport,
            verifier.as_signer(),
            FLEX_RULES,
            FLEX_REQUIRED,
        )?;
        checked.require_alias_when_created("ALIAS.STATUS", "ALIAS.ALIASID")?;
        Ok(FlexCheckoutFeedback(checked))
    }

    /// Verifies an already decoded parameter set.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, Params, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let params = Params::parse_form(query.as_bytes(), TransportCharset::Utf8)?;
    /// // `verifier` has the default SHA-OUT list: the FlexCheckout one is used anyway.
    /// let feedback = FlexCheckoutFeedback::verify(params, &verifier)?;
    /// assert_eq!(feedback.order_id(), Some("WEB-1001"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of [`crate::Signer::verify_shasign`].
    pub fn verify(
        params: Params,
        verifier: &FeedbackVerifier,
    ) -> Result<FlexCheckoutFeedback, Error> {
        let checked = Checked::new(params, verifier.as_signer(), FLEX_RULES, FLEX_REQUIRED)
            .map_err(|(e, _)| e)?;
        checked.require_alias_when_created("ALIAS.STATUS", "ALIAS.ALIASID")?;
        Ok(FlexCheckoutFeedback(checked))
    }

    /// Verifies the FlexCheckout redirect of a web request, as
    /// [`VerifiedFeedback::from_request`](crate::VerifiedFeedback::from_request) does.
    ///
    /// ```
    /// use ogone::{FeedbackVerifier, FlexCheckoutFeedback, HashAlgorithm, ListKind, ShaOutKey};
    ///
    /// let key = ShaOutKey::new("Mysecretsig1875!?");
    /// let fields = [("Alias.AliasId", "A1"), ("Alias.Status", "0")]
    ///     .map(|(n, v)| (n.to_string(), v.to_string()));
    /// let query = ogone::simulate::FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
    ///     .with_list(ListKind::FlexCheckoutOut)
    ///     .body_of(&fields)?;
    /// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    /// let f = FlexCheckoutFeedback::from_request("GET", Some(&query), None, b"", &verifier)?;
    /// assert_eq!(f.alias_id(), Some("A1"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`VerifiedFeedback::from_request`](crate::VerifiedFeedback::from_request) for
    /// the request, then those of [`FlexCheckoutFeedback::parse`].
    pub fn from_request(
        method: &str,
        query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
        verifier: &FeedbackVerifier,
    ) -> Result<FlexCheckoutFeedback, Error> {
        let (data, transport) = form_of(method, query, content_type, body, verifier.transport())?;
        FlexCheckoutFeedback::parse(data, transport, verifier)
    }

    /// A parameter the signature covers (name ignoring case).
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.get("card.expirydate"), Some("1229"));
    /// assert_eq!(feedback.get("cart"), None); // not covered by the signature
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.signed(name)
    }

    /// A parameter the signature does not cover: untrusted.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.unsigned("cart"), Some("42"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn unsigned(&self, name: &str) -> Option<&str> {
        self.0.unsigned(name)
    }
}

accessors! {
    FlexCheckoutFeedback, get;

    /// `Alias.AliasId`: the token.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.alias_id(), Some("A1"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn alias_id("ALIAS.ALIASID") -> Option<&str> = text;

    /// `Alias.OrderId`.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.order_id(), Some("WEB-1001"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn order_id("ALIAS.ORDERID") -> Option<&str> = text;

    /// `Alias.Status`, typed.
    ///
    /// ```
    /// use ogone::{AliasStatus, FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.alias_status()?, AliasStatus::Ok);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] or [`Error::InvalidField`] naming `ALIAS.STATUS`.
    fn alias_status("ALIAS.STATUS") -> Result<AliasStatus, Error> = alias_status;

    /// `Alias.NCError`, typed.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert!(feedback.nc_error()?.is_success());
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] or [`Error::InvalidField`] naming `ALIAS.NCERROR`.
    fn nc_error("ALIAS.NCERROR") -> Result<NcError, Error> = nc_error;

    /// `Alias.StorePermanently`: `Y` or `N`.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.store_permanently(), Some("Y"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn store_permanently("ALIAS.STOREPERMANENTLY") -> Option<&str> = text;

    /// `Card.Brand`.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.brand(), Some("VISA"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn brand("CARD.BRAND") -> Option<&str> = text;

    /// `Card.CardNumber`: masked.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.masked_card(), Some("XXXXXXXXXXXX1111"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn masked_card("CARD.CARDNUMBER") -> Option<&str> = text;

    /// `Card.ExpiryDate` (`MMYY`).
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.expiry_date(), Some("1229")); // December 2029
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn expiry_date("CARD.EXPIRYDATE") -> Option<&str> = text;

    /// `Card.CardHolderName`.
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, TransportCharset};
    ///
    /// # let fields = [
    /// #     ("Alias.AliasId", "A1"), ("Alias.OrderId", "WEB-1001"), ("Alias.Status", "0"),
    /// #     ("Alias.NCError", "0"), ("Alias.StorePermanently", "Y"), ("Card.Brand", "VISA"),
    /// #     ("Card.CardNumber", "XXXXXXXXXXXX1111"), ("Card.ExpiryDate", "1229"),
    /// #     ("Card.CardHolderName", "Jane Doe"), ("cart", "42"),
    /// # ]
    /// # .map(|(n, v)| (n.to_string(), v.to_string()));
    /// # let key = ogone::ShaOutKey::new("Mysecretsig1875!?");
    /// # let query = ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512)
    /// #     .with_list(ogone::ListKind::FlexCheckoutOut)
    /// #     .body_of(&fields)?;
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.card_holder_name(), Some("Jane Doe"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    fn card_holder_name("CARD.CARDHOLDERNAME") -> Option<&str> = text;
}
