//! [`AliasStatus`]: what a tokenization result (FlexCheckout, Alias Gateway) says of the
//! alias, and its reader.

use crate::error::Error;

/// What FlexCheckout says of the alias (`Alias.Status`).
///
/// ```
/// use ogone::{AliasStatus, FeedbackVerifier, FlexCheckoutFeedback, HashAlgorithm, ListKind};
/// use ogone::{ShaOutKey, TransportCharset, simulate::FeedbackSimulator};
///
/// let key = ShaOutKey::new("Mysecretsig1875!?");
/// // The customer left the card form: `Alias.Status=3`.
/// let fields = [("Alias.AliasId", "A1"), ("Alias.Status", "3")]
///     .map(|(name, value)| (name.to_string(), value.to_string()));
/// let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
///     .with_list(ListKind::FlexCheckoutOut)
///     .body_of(&fields)?;
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
/// let feedback =
///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
/// assert_eq!(feedback.alias_status()?, AliasStatus::Cancelled);
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AliasStatus {
    /// `0`: the alias was created.
    Ok,
    /// `1`: the alias was not created (see the `Alias.NCError*` fields).
    NotOk,
    /// `2`: an existing alias was updated.
    Updated,
    /// `3`: the customer cancelled.
    Cancelled,
}

/// The [`AliasStatus`] of a status field's value.
pub(crate) fn alias_status(value: Option<&str>, field: &'static str) -> Result<AliasStatus, Error> {
    match value {
        None => Err(Error::MissingField(field)),
        Some("0") => Ok(AliasStatus::Ok),
        Some("1") => Ok(AliasStatus::NotOk),
        Some("2") => Ok(AliasStatus::Updated),
        Some("3") => Ok(AliasStatus::Cancelled),
        Some(_) => Err(Error::InvalidField {
            field: field.into(),
            reason: "not 0, 1, 2 or 3",
        }),
    }
}
