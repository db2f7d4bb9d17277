//! Which way a message goes: SHA-IN or SHA-OUT.

/// Which way a message goes: what the merchant sends (SHA-IN) or what Ogone sends back (SHA-OUT).
///
/// ```
/// use ogone::{Direction, HashAlgorithm, ListKind, Passphrase, Signer};
///
/// let key = Passphrase::new("Mysecretsig1875!?");
/// assert_eq!(Signer::sha_out(key.clone(), HashAlgorithm::Sha1).direction(), Direction::Out);
/// let verifier = Signer::new(key, HashAlgorithm::Sha1, Direction::Out);
/// assert_eq!(verifier.list().kind(), ListKind::ShaOut);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Merchant to Ogone: requests, signed with the SHA-IN passphrase.
    In,
    /// Ogone to merchant: feedback, verified with the SHA-OUT passphrase.
    Out,
}
