//! Secrets: the SHA passphrases.

use alloc::string::String;
use core::fmt;

use subtle::ConstantTimeEq;

use crate::error::Error;

/// Names whose values are secrets: redacted in `Debug` and in explanations.
pub(crate) fn is_secret_name(upper: &str) -> bool {
    upper == "PSWD"
}

/// The error for `ch` in the value of `name`, which names the character only when the value is
/// not a secret.
pub(crate) fn unencodable(name: &str, ch: char) -> Error {
    if is_secret_name(&name.to_ascii_uppercase()) {
        Error::SecretUnencodable {
            name: String::from(name),
        }
    } else {
        Error::Unencodable {
            name: String::from(name),
            ch,
        }
    }
}

/// A SHA-IN or SHA-OUT passphrase ("SHA key").
///
/// Its `Debug` is redacted and it has no `Display`: it cannot end up in a log by accident. It is
/// used raw, in the hashing charset, as the back office holds it.
///
/// ```
/// let key = ogone::Passphrase::new("Mysecretsig1875!?");
/// assert_eq!(format!("{key:?}"), "Passphrase(<redacted>)");
/// assert_eq!(key.char_count(), 17);
/// ```
#[derive(Clone)]
pub struct Passphrase(String);

impl Passphrase {
    /// Wraps a passphrase. Any characters are allowed; see [`crate::Signer`] for the charset.
    ///
    /// ```
    /// use ogone::Passphrase;
    ///
    /// let key = Passphrase::new(String::from("Mysecretsig1875!?"));
    /// assert!(key.ct_eq(&Passphrase::new("Mysecretsig1875!?")));
    /// assert!(!format!("{key:?}").contains("Mysecretsig"));
    /// ```
    #[must_use]
    pub fn new(secret: impl Into<String>) -> Self {
        Passphrase(secret.into())
    }

    /// Its length in characters (the back office allows 16 to 32).
    ///
    /// ```
    /// // Characters, not bytes: `é` and `è` are two bytes each in UTF-8.
    /// let key = ogone::Passphrase::new("Clé-secrète-2024");
    /// assert_eq!(key.char_count(), 16);
    /// ```
    #[must_use]
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }

    /// Whether two passphrases are equal, compared in constant time for equal lengths.
    ///
    /// ```
    /// use ogone::Passphrase;
    /// assert!(Passphrase::new("a").ct_eq(&Passphrase::new("a")));
    /// assert!(!Passphrase::new("a").ct_eq(&Passphrase::new("b")));
    /// ```
    #[must_use]
    pub fn ct_eq(&self, other: &Passphrase) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }

    /// The secret itself, for hashing only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}
