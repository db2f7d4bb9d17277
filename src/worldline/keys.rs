//! API keys (request signing) and webhook keys.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::worldline::error::Error;

/// A secret (API secret or webhook secret): redacted `Debug`, no `Display`, no equality (a
/// comparison would not be constant-time; compare MACs, as the verifier does).
///
/// It is used as the UTF-8 bytes of the string, never base64-decoded. What is kept is the
/// HMAC-SHA256 state keyed with it, made once by [`Secret::parse`].
///
/// ```
/// let s = ogone::worldline::Secret::parse("secretApiKey").unwrap();
/// assert!(!format!("{s:?}").contains("secretApiKey"));
/// ```
///
/// ```compile_fail
/// let a = ogone::worldline::Secret::parse("secretApiKey").unwrap();
/// let _ = a == a.clone(); // no PartialEq
/// ```
#[derive(Clone)]
pub struct Secret(Hmac<Sha256>);

// The keyed state is the secret in all but name: `Hmac<Sha256>` holds the inner and outer pads'
// SHA-256 block states and a block buffer, and each wipes itself when dropped (the `zeroize`
// features of `sha2` and of `hmac`, which is `digest`'s, reaching `block-buffer`). `hmac` does
// not declare `ZeroizeOnDrop` for the whole, so the parts are checked, at compile time.
const _: fn() = || {
    fn wiped_on_drop<T: zeroize::ZeroizeOnDrop>() {}
    type Core = <Sha256 as digest::block_api::EagerHash>::Core;
    wiped_on_drop::<Core>();
    wiped_on_drop::<digest::block_api::Buffer<Core>>();
};

impl zeroize::ZeroizeOnDrop for Secret {}

impl Secret {
    /// Takes a secret; refuses an empty or whitespace-only one.
    ///
    /// ```
    /// assert!(ogone::worldline::Secret::parse("  ").is_err());
    /// ```
    pub fn parse(secret: &str) -> Result<Self, Error> {
        if secret.trim().is_empty() {
            return Err(Error::BlankSecret);
        }
        // HMAC takes a key of any length; should the implementation ever refuse one, the
        // secret is refused here: there is no MAC without a keyed state.
        match <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()) {
            Ok(mac) => Ok(Secret(mac)),
            Err(_) => Err(Error::SecretRejected),
        }
    }

    /// A copy of the keyed HMAC-SHA256 state, to stream a message into.
    pub(crate) fn keyed(&self) -> Hmac<Sha256> {
        self.0.clone()
    }

    /// HMAC-SHA256 of `message` keyed with this secret.
    pub(crate) fn mac(&self, message: &[u8]) -> [u8; 32] {
        let mut mac = self.0.clone();
        mac.update(message);
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// A key id becomes header text (`Authorization: GCS v1HMAC:<key id>:…`, `X-GCS-KeyId`): only
/// visible ASCII without `:` can neither break the header line nor shift its fields.
fn parse_key_id(id: &str) -> Result<String, Error> {
    if id.trim().is_empty() {
        return Err(Error::BlankKeyId);
    }
    if id.bytes().any(|b| !b.is_ascii_graphic() || b == b':') {
        return Err(Error::InvalidKeyId);
    }
    Ok(id.to_string())
}

/// An API key: the key id (sent in the clear) and the secret API key. No equality, as for
/// [`Secret`]; compare [`ApiKey::id`]s.
///
/// ```
/// let key = ogone::worldline::ApiKey::parse("apiKeyId", "secretApiKey").unwrap();
/// assert_eq!(key.id(), "apiKeyId");
/// assert!(!format!("{key:?}").contains("secretApiKey"));
/// ```
///
/// ```compile_fail
/// let a = ogone::worldline::ApiKey::parse("apiKeyId", "secretApiKey").unwrap();
/// let _ = a == a.clone(); // no PartialEq
/// ```
#[derive(Clone, Debug)]
pub struct ApiKey {
    id: String,
    secret: Secret,
}

impl ApiKey {
    /// Takes a key id and its secret; refuses a blank one, and a key id holding anything but
    /// visible ASCII (0x21-0x7E) or holding `:` (it is sent in the `Authorization` header).
    ///
    /// ```
    /// use ogone::worldline::{ApiKey, Error};
    /// assert_eq!(ApiKey::parse("id", "").unwrap_err(), Error::BlankSecret);
    /// assert_eq!(ApiKey::parse("a\r\nX-Evil: 1", "s").unwrap_err(), Error::InvalidKeyId);
    /// ```
    pub fn parse(id: &str, secret: &str) -> Result<Self, Error> {
        Ok(ApiKey {
            id: parse_key_id(id)?,
            secret: Secret::parse(secret)?,
        })
    }

    /// The API key id, as sent in the `Authorization` header.
    ///
    /// ```
    /// let key = ogone::worldline::ApiKey::parse("apiKeyId", "s").unwrap();
    /// assert_eq!(key.id(), "apiKeyId");
    /// ```
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    pub(crate) fn secret(&self) -> &Secret {
        &self.secret
    }
}

/// Webhook keys: key id -> secret, several for rotation. The secret is chosen by the received
/// `X-GCS-KeyId`; no other key is ever tried.
///
/// ```
/// let mut keys = ogone::worldline::WebhookKeys::new();
/// keys.insert("dummy-key-id", "hello+world").unwrap();
/// assert!(keys.contains("dummy-key-id"));
/// assert!(!format!("{keys:?}").contains("hello+world"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct WebhookKeys {
    keys: Vec<(String, Secret)>,
}

impl WebhookKeys {
    /// An empty store.
    ///
    /// ```
    /// assert!(!ogone::worldline::WebhookKeys::new().contains("x"));
    /// ```
    #[must_use]
    pub fn new() -> Self {
        WebhookKeys::default()
    }

    /// Adds (or replaces) the secret of a key id; refuses a blank id or secret, and a key id
    /// holding anything but visible ASCII (0x21-0x7E) or holding `:`, as [`ApiKey::parse`].
    ///
    /// ```
    /// let mut keys = ogone::worldline::WebhookKeys::new();
    /// assert!(keys.insert("", "s").is_err());
    /// ```
    pub fn insert(&mut self, key_id: &str, secret: &str) -> Result<(), Error> {
        let id = parse_key_id(key_id)?;
        let secret = Secret::parse(secret)?;
        self.keys.retain(|(k, _)| *k != id);
        self.keys.push((id, secret));
        Ok(())
    }

    /// Whether a secret is known for this key id.
    ///
    /// ```
    /// let keys = ogone::worldline::WebhookKeys::new();
    /// assert!(!keys.contains("dummy-key-id"));
    /// ```
    #[must_use]
    pub fn contains(&self, key_id: &str) -> bool {
        self.get(key_id).is_some()
    }

    pub(crate) fn get(&self, key_id: &str) -> Option<&Secret> {
        self.keys.iter().find(|(k, _)| k == key_id).map(|(_, s)| s)
    }
}
