//! The combinations tried: every way a sender may have signed ([`Combination`]), and the
//! charsets and orders the search goes through.

use core::fmt;

use crate::charset::Charset;
use crate::signing::builtin_lists::ListKind;
use crate::signing::direction::Direction;
use crate::signing::order::SortOrder;
use crate::signing::secret::Passphrase;
use crate::signing::signature::HashAlgorithm;
use crate::signing::signer::{Scheme, Signer};

/// Both hashing charsets, the default first.
pub(super) const CHARSETS: [Charset; 2] = [Charset::Utf8, Charset::Iso8859_1];
/// Both sort orders, the default first.
pub(super) const ORDERS: [SortOrder; 2] = [SortOrder::Ingenico, SortOrder::Byte];

/// One way of signing: everything a [`Signer`] is configured with but the passphrase.
///
/// `Display` names it the way the `shasign` tool's options do:
///
/// ```
/// use ogone::{Params, Passphrase, diagnose};
///
/// // Ingenico's e-Commerce guide, SHA-OUT example.
/// let feedback = Params::try_from_pairs([
///     ("ACCEPTANCE", "1234"), ("amount", "15"), ("BRAND", "VISA"),
///     ("CARDNO", "XXXXXXXXXXXX1111"), ("currency", "EUR"), ("NCERROR", "0"),
///     ("orderID", "12"), ("PAYID", "32100123"), ("PM", "CreditCard"), ("STATUS", "9"),
/// ])?;
/// let key = Passphrase::new("Mysecretsig1875!?");
/// let diagnosis = diagnose(&feedback, &key, "209113288F93A9AB8E474EA78D899AFDBB874355");
/// let first = diagnosis.matches()[0];
/// assert_eq!(first.to_string(), "sha1, sha-out list, ingenico order, utf-8");
/// // Turn it back into a signer.
/// first.signer(key).verify(&feedback, "209113288F93A9AB8E474EA78D899AFDBB874355")?;
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Combination {
    /// The hash function.
    pub algorithm: HashAlgorithm,
    /// SHA-IN or SHA-OUT. It only matters to the legacy scheme (which fields are hashed); for
    /// the each-parameter scheme it follows the list ([`ListKind::direction`]).
    pub direction: Direction,
    /// The allow-list. For the legacy scheme, which has none, the default list of the direction.
    pub list: ListKind,
    /// The sort order. For the legacy scheme, which does not sort, [`SortOrder::Ingenico`].
    pub order: SortOrder,
    /// The hashing charset.
    pub charset: Charset,
    /// The scheme.
    pub scheme: Scheme,
}

impl Combination {
    /// A signer configured this way.
    ///
    /// ```
    /// use ogone::diagnose;
    ///
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// # let key = ogone::Passphrase::new("Mysecretsig1875!?");
    /// # let sig = "F4CC376CD7A834D997B91598FA747825A238BE0A";
    /// let diagnosis = diagnose(&params, &key, sig);
    /// let signer = diagnosis.matches()[0].signer(key);
    /// assert_eq!(signer.sign(&params)?.to_string(), sig);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn signer(&self, passphrase: Passphrase) -> Signer {
        Signer::new(passphrase, self.algorithm, self.direction)
            .with_list(self.list)
            .with_order(self.order)
            .with_charset(self.charset)
            .with_scheme(self.scheme)
    }
}

/// `sha-in` or `sha-out`.
pub(super) fn direction_str(direction: Direction) -> &'static str {
    match direction {
        Direction::In => "sha-in",
        Direction::Out => "sha-out",
    }
}

/// The default list of a direction.
pub(super) fn list_of(direction: Direction) -> ListKind {
    match direction {
        Direction::In => ListKind::ShaIn,
        Direction::Out => ListKind::ShaOut,
    }
}

impl fmt::Display for Combination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.scheme {
            Scheme::EachParameter => write!(
                f,
                "{}, {} list, {} order, {}",
                self.algorithm,
                self.list.as_str(),
                self.order.as_str(),
                self.charset
            ),
            Scheme::LegacyMainParameters => write!(
                f,
                "{}, legacy {} main parameters, {}",
                self.algorithm,
                direction_str(self.direction),
                self.charset
            ),
        }
    }
}
