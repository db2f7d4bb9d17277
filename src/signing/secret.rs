//! Secrets: the SHA passphrases.

use alloc::string::String;

use core::fmt;
use zeroize::Zeroize;

use subtle::ConstantTimeEq;

use crate::error::Error;

/// What stands for the passphrase in an [`Explanation`](crate::Explanation).
///
/// ```
/// use ogone::{HashAlgorithm, PASSPHRASE_MARKER, Params, Passphrase, Signer};
///
/// let params = Params::try_from_pairs([("ORDERID", "12"), ("AMOUNT", "1500")])?;
/// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let expected = format!("AMOUNT=1500{PASSPHRASE_MARKER}ORDERID=12{PASSPHRASE_MARKER}");
/// assert_eq!(signer.explain(&params).redacted(), expected);
/// # Ok::<(), ogone::Error>(())
/// ```
pub const PASSPHRASE_MARKER: &str = "<passphrase>";

/// What stands for the value of `PSWD` (the DirectLink API password) in an
/// [`Explanation`](crate::Explanation).
///
/// ```
/// use ogone::{HashAlgorithm, PASSWORD_MARKER, Params, Passphrase, Signer};
///
/// let params = Params::try_from_pairs([("USERID", "api_user"), ("PSWD", "api-password-1")])?;
/// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let explained = signer.explain(&params).to_string();
/// assert!(explained.starts_with(&format!("PSWD={PASSWORD_MARKER}<passphrase>")));
/// assert!(!explained.contains("api-password-1"));
/// # Ok::<(), ogone::Error>(())
/// ```
pub const PASSWORD_MARKER: &str = "<password>";

/// What stands for card data in an [`Explanation`](crate::Explanation): a verification code
/// (`CVC`, ...), a 3-D Secure cryptogram, or a card number that is not masked. See
/// [`Params`](crate::Params)' `Debug` for the full list.
///
/// ```
/// use ogone::{HashAlgorithm, Params, Passphrase, REDACTED_MARKER, Signer};
///
/// let params = Params::try_from_pairs([("CARDNO", "4111111111111111"), ("CVC", "123")])?;
/// let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// let explained = signer.explain(&params).to_string();
/// assert_eq!(explained, format!("CARDNO={REDACTED_MARKER}<passphrase>CVC={REDACTED_MARKER}<passphrase>"));
/// # Ok::<(), ogone::Error>(())
/// ```
pub const REDACTED_MARKER: &str = "<redacted>";

/// Names whose values are always secret: passwords, card verification codes and 3-D Secure
/// cryptograms (sensitive authentication data), in byte order.
const SECRET_NAMES: [&str; 7] = [
    "CARD.CVC",
    "CAVV_3D",
    "CVC",
    "ECOM_PAYMENT_CARD_VERIFICATION",
    "PSWD",
    "UCAF_AUTHENTICATION_DATA",
    "UCAF_PAYMENT_CARD_CVC2",
];

/// Names that hold a card number: secret unless the value is masked as Ogone masks it.
const CARD_NUMBER_NAMES: [&str; 3] = ["CARD.CARDNUMBER", "CARDNO", "UCAF_PAYMENT_CARD_NUMBER"];

/// Whether the value of the upper-case `upper` is always secret.
pub(crate) fn is_secret_name(upper: &str) -> bool {
    SECRET_NAMES.binary_search(&upper).is_ok()
}

/// Whether the upper-case `upper` holds a card number.
fn is_card_number_name(upper: &str) -> bool {
    CARD_NUMBER_NAMES.binary_search(&upper).is_ok()
}

/// Whether a card number is masked as Ogone sends it back (`XXXXXXXXXXXX1111`): at least one
/// masking character (`X`, `x`, `*`) and no more than the ten digits PCI DSS lets one show (the
/// first six and the last four).
fn is_masked_card_number(value: &str) -> bool {
    let masked = value.bytes().any(|b| matches!(b, b'X' | b'x' | b'*'));
    masked && value.bytes().filter(u8::is_ascii_digit).count() <= 10
}

/// The marker that stands for the value of the upper-case `upper` in every view meant for logs
/// (`Debug`, explanations), or `None` when the value may be shown.
pub(crate) fn redaction(upper: &str, value: &str) -> Option<&'static str> {
    if value.is_empty() {
        None // nothing to hide (an empty legacy field, say)
    } else if upper == "PSWD" {
        Some(PASSWORD_MARKER)
    } else if is_secret_name(upper) || (is_card_number_name(upper) && !is_masked_card_number(value))
    {
        Some(REDACTED_MARKER)
    } else {
        None
    }
}

/// Writes upper-case `(name, value)` pairs as a `Debug` map, each value that is secret replaced
/// by `<redacted>`: the one `Debug` of parameters, for [`crate::Params`] and the request
/// builders alike.
pub(crate) fn debug_redacted<'a>(
    f: &mut fmt::Formatter<'_>,
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
) -> fmt::Result {
    let mut map = f.debug_map();
    for (name, value) in pairs {
        if redaction(name, value).is_some() {
            map.entry(&name, &format_args!("{REDACTED_MARKER}"));
        } else {
            map.entry(&name, &value);
        }
    }
    map.finish()
}

/// The error for `ch` in the value of `name`, which names the character only when the value is
/// not secret (card numbers included, masked or not: the error cannot tell).
pub(crate) fn unencodable(name: &str, ch: char) -> Error {
    let upper = name.to_ascii_uppercase();
    if is_secret_name(&upper) || is_card_number_name(&upper) {
        Error::SecretUnencodable { name: name.into() }
    } else {
        Error::Unencodable {
            name: name.into(),
            ch,
        }
    }
}

/// A SHA-IN or SHA-OUT passphrase ("SHA key").
///
/// Its `Debug` is redacted and it has no `Display`: it cannot end up in a log by accident. Its
/// bytes are wiped (`zeroize`) when it is dropped, and so are the hash states that absorbed it
/// (`sha1`/`sha2` with their `zeroize` feature). It is used raw, in the hashing charset, as the
/// back office holds it.
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

impl Drop for Passphrase {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl zeroize::ZeroizeOnDrop for Passphrase {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_tables_are_sorted_for_binary_search() {
        assert!(SECRET_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(CARD_NUMBER_NAMES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn what_is_redacted() {
        for (name, value, marker) in [
            ("PSWD", "x", Some(PASSWORD_MARKER)),
            ("CVC", "123", Some(REDACTED_MARKER)),
            ("CARD.CVC", "123", Some(REDACTED_MARKER)),
            ("CAVV_3D", "AAABBB", Some(REDACTED_MARKER)),
            ("CARDNO", "4111111111111111", Some(REDACTED_MARKER)),
            ("CARDNO", "4111 1111 1111 1111", Some(REDACTED_MARKER)),
            ("CARDNO", "XXXXXXXXXXXX1111", None),
            ("CARDNO", "xxxxxxxxxxxx1111", None),
            ("CARDNO", "411111XXXXXX1111", None),
            ("CARDNO", "4111111X11111111", Some(REDACTED_MARKER)),
            ("CARD.CARDNUMBER", "************1111", None),
            ("ED", "1229", None),
            ("CN", "Jane Doe", None),
            ("CVCCHECK", "OK", None),
            ("CARDNO", "", None),
            ("PSWD", "", None),
        ] {
            assert_eq!(redaction(name, value), marker, "{name}={value}");
        }
    }
}
