//! The merchant's credentials, with the SHA-IN and SHA-OUT keys kept apart by type.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::charset::Charset;
use crate::endpoint::{Environment, Platform};
use crate::list::AllowList;
use crate::order::SortOrder;
use crate::secret::Passphrase;
use crate::signature::HashAlgorithm;
use crate::signer::{Direction, Scheme, Signer};

/// The SHA-IN passphrase ("SHA Key IN"): signs what the merchant sends. It can only make a
/// [`RequestSigner`].
#[derive(Clone, Debug)]
pub struct ShaInKey(Passphrase);

/// The SHA-OUT passphrase ("SHA Key OUT"): checks what Ogone sends back. It can only make a
/// [`FeedbackVerifier`].
///
/// Swapping the two keys is a bug that shipped in the wild; here it does not compile:
///
/// ```compile_fail
/// use ogone::{FeedbackVerifier, HashAlgorithm, ShaInKey};
/// let verifier = FeedbackVerifier::new(&ShaInKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha512);
/// ```
///
/// ```compile_fail
/// use ogone::{HashAlgorithm, RequestSigner, ShaOutKey};
/// let signer = RequestSigner::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha512);
/// ```
#[derive(Clone, Debug)]
pub struct ShaOutKey(Passphrase);

impl ShaInKey {
    /// Wraps the SHA-IN passphrase.
    #[must_use]
    pub fn new(secret: impl Into<String>) -> Self {
        ShaInKey(Passphrase::new(secret))
    }

    /// The passphrase.
    #[must_use]
    pub fn as_passphrase(&self) -> &Passphrase {
        &self.0
    }
}

impl ShaOutKey {
    /// Wraps the SHA-OUT passphrase.
    #[must_use]
    pub fn new(secret: impl Into<String>) -> Self {
        ShaOutKey(Passphrase::new(secret))
    }

    /// The passphrase.
    #[must_use]
    pub fn as_passphrase(&self) -> &Passphrase {
        &self.0
    }
}

/// The password of the API user (DirectLink `PSWD`): redacted `Debug`, no `Display`.
#[derive(Clone)]
pub struct ApiPassword(String);

impl ApiPassword {
    /// Wraps the password.
    #[must_use]
    pub fn new(secret: impl Into<String>) -> Self {
        ApiPassword(secret.into())
    }

    /// The password, to put in a DirectLink request body.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiPassword(<redacted>)")
    }
}

/// Signs requests: made only from a [`ShaInKey`].
#[derive(Clone, Debug)]
pub struct RequestSigner(Signer);

impl RequestSigner {
    /// A SHA-IN signer with the SHA-IN list, Ingenico order and UTF-8.
    #[must_use]
    pub fn new(key: &ShaInKey, algorithm: HashAlgorithm) -> Self {
        RequestSigner(Signer::new(key.0.clone(), algorithm, Direction::In))
    }

    /// The underlying signer.
    #[must_use]
    pub fn as_signer(&self) -> &Signer {
        &self.0
    }

    /// Uses another allow-list; the key and direction stay.
    #[must_use]
    pub fn with_list(self, list: impl Into<AllowList>) -> Self {
        RequestSigner(self.0.with_list(list))
    }

    /// Uses another sort order.
    #[must_use]
    pub fn with_order(self, order: SortOrder) -> Self {
        RequestSigner(self.0.with_order(order))
    }

    /// Uses another hashing charset.
    #[must_use]
    pub fn with_charset(self, charset: Charset) -> Self {
        RequestSigner(self.0.with_charset(charset))
    }

    /// Uses another scheme.
    #[must_use]
    pub fn with_scheme(self, scheme: Scheme) -> Self {
        RequestSigner(self.0.with_scheme(scheme))
    }
}

/// Verifies feedback: made only from a [`ShaOutKey`].
#[derive(Clone, Debug)]
pub struct FeedbackVerifier(Signer);

impl FeedbackVerifier {
    /// A SHA-OUT verifier with the SHA-OUT list, Ingenico order and UTF-8.
    #[must_use]
    pub fn new(key: &ShaOutKey, algorithm: HashAlgorithm) -> Self {
        FeedbackVerifier(Signer::new(key.0.clone(), algorithm, Direction::Out))
    }

    /// The underlying signer.
    #[must_use]
    pub fn as_signer(&self) -> &Signer {
        &self.0
    }

    /// Uses another allow-list; the key and direction stay.
    #[must_use]
    pub fn with_list(self, list: impl Into<AllowList>) -> Self {
        FeedbackVerifier(self.0.with_list(list))
    }

    /// Uses another sort order.
    #[must_use]
    pub fn with_order(self, order: SortOrder) -> Self {
        FeedbackVerifier(self.0.with_order(order))
    }

    /// Uses another hashing charset.
    #[must_use]
    pub fn with_charset(self, charset: Charset) -> Self {
        FeedbackVerifier(self.0.with_charset(charset))
    }

    /// Uses another scheme.
    #[must_use]
    pub fn with_scheme(self, scheme: Scheme) -> Self {
        FeedbackVerifier(self.0.with_scheme(scheme))
    }
}

/// The DirectLink API user.
#[derive(Clone, Debug)]
pub struct ApiUser {
    /// USERID.
    pub user_id: String,
    /// PSWD.
    pub password: ApiPassword,
}

/// Which key a [`CredentialWarning`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyRole {
    /// The SHA-IN passphrase of e-Commerce (and of DirectLink unless it has its own).
    ShaIn,
    /// The SHA-IN passphrase of DirectLink.
    ShaInDirectLink,
    /// The SHA-OUT passphrase.
    ShaOut,
}

/// Something odd about credentials that is not an error: the caller decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialWarning {
    /// The back office takes passphrases of 16 to 32 characters.
    PassphraseLength {
        /// Which passphrase.
        key: KeyRole,
        /// Its length in characters.
        chars: usize,
    },
    /// The test and production accounts share a passphrase; Ingenico asks for different ones.
    SameTestAndProductionKey {
        /// Which passphrase.
        key: KeyRole,
    },
    /// The SHA-IN and SHA-OUT passphrases are equal, so a leaked request signature teaches an
    /// attacker the key that signs feedback.
    SameInAndOutKey,
}

impl fmt::Display for CredentialWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialWarning::PassphraseLength { key, chars } => write!(
                f,
                "{key:?} passphrase has {chars} characters; the back office takes 16 to 32"
            ),
            CredentialWarning::SameTestAndProductionKey { key } => {
                write!(f, "{key:?} passphrase is the same in test and production")
            }
            CredentialWarning::SameInAndOutKey => {
                f.write_str("SHA-IN and SHA-OUT passphrases are the same")
            }
        }
    }
}

/// Everything a merchant configures for one Ogone account (the five credentials of the Odoo
/// form, the hash function, the charset and the environment).
///
/// ```
/// use ogone::{Credentials, CredentialWarning, Environment, HashAlgorithm, KeyRole, ShaInKey, ShaOutKey};
///
/// let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"), ShaOutKey::new("short"), HashAlgorithm::Sha512)
///     .with_api_user("api_user", "api-password-1")
///     .with_environment(Environment::Test);
/// assert_eq!(
///     creds.warnings(),
///     [CredentialWarning::PassphraseLength { key: KeyRole::ShaOut, chars: 5 }]
/// );
/// assert!(!format!("{creds:?}").contains("Mysecretsig"));
/// ```
#[derive(Clone, Debug)]
pub struct Credentials {
    /// The merchant's PSPID.
    pub pspid: String,
    /// The DirectLink API user, if any.
    pub api_user: Option<ApiUser>,
    sha_in: ShaInKey,
    sha_in_direct_link: Option<ShaInKey>,
    sha_out: ShaOutKey,
    /// The back office's hash algorithm.
    pub algorithm: HashAlgorithm,
    /// The hashing charset (UTF-8 picks the `_utf8` pages).
    pub charset: Charset,
    /// Test or production.
    pub environment: Environment,
    /// Ogone or a white label.
    pub platform: Platform,
}

impl Credentials {
    /// Credentials for the test environment of Ogone, in UTF-8.
    #[must_use]
    pub fn new(
        pspid: impl Into<String>,
        sha_in: ShaInKey,
        sha_out: ShaOutKey,
        algorithm: HashAlgorithm,
    ) -> Self {
        Credentials {
            pspid: pspid.into(),
            api_user: None,
            sha_in,
            sha_in_direct_link: None,
            sha_out,
            algorithm,
            charset: Charset::Utf8,
            environment: Environment::Test,
            platform: Platform::Ogone,
        }
    }

    /// Sets the DirectLink API user.
    #[must_use]
    pub fn with_api_user(
        mut self,
        user_id: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.api_user = Some(ApiUser {
            user_id: user_id.into(),
            password: ApiPassword::new(password),
        });
        self
    }

    /// Gives DirectLink its own SHA-IN passphrase (the back office allows one per channel).
    #[must_use]
    pub fn with_direct_link_sha_in(mut self, key: ShaInKey) -> Self {
        self.sha_in_direct_link = Some(key);
        self
    }

    /// Sets the hashing charset.
    #[must_use]
    pub fn with_charset(mut self, charset: Charset) -> Self {
        self.charset = charset;
        self
    }

    /// Sets the environment.
    #[must_use]
    pub fn with_environment(mut self, environment: Environment) -> Self {
        self.environment = environment;
        self
    }

    /// Sets the platform.
    #[must_use]
    pub fn with_platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }

    /// The signer of e-Commerce (hosted page), Alias Gateway and FlexCheckout requests.
    #[must_use]
    pub fn ecommerce_signer(&self) -> RequestSigner {
        let charset = self.charset;
        RequestSigner::new(&self.sha_in, self.algorithm).with_charset(charset)
    }

    /// The signer of DirectLink requests: its own SHA-IN key if set, else the e-Commerce one.
    #[must_use]
    pub fn direct_link_signer(&self) -> RequestSigner {
        let key = self.sha_in_direct_link.as_ref().unwrap_or(&self.sha_in);
        let charset = self.charset;
        RequestSigner::new(key, self.algorithm).with_charset(charset)
    }

    /// The verifier of feedback (SHA-OUT).
    #[must_use]
    pub fn feedback_verifier(&self) -> FeedbackVerifier {
        let charset = self.charset;
        FeedbackVerifier::new(&self.sha_out, self.algorithm).with_charset(charset)
    }

    fn keys(&self) -> impl Iterator<Item = (KeyRole, &Passphrase)> {
        [
            Some((KeyRole::ShaIn, &self.sha_in.0)),
            self.sha_in_direct_link
                .as_ref()
                .map(|k| (KeyRole::ShaInDirectLink, &k.0)),
            Some((KeyRole::ShaOut, &self.sha_out.0)),
        ]
        .into_iter()
        .flatten()
    }

    /// What looks wrong but is not an error: passphrases outside 16 to 32 characters, the same
    /// passphrase for SHA-IN and SHA-OUT.
    #[must_use]
    pub fn warnings(&self) -> Vec<CredentialWarning> {
        let mut out: Vec<CredentialWarning> = self
            .keys()
            .map(|(key, p)| (key, p.char_count()))
            .filter(|&(_, chars)| !(16..=32).contains(&chars))
            .map(|(key, chars)| CredentialWarning::PassphraseLength { key, chars })
            .collect();
        if self.sha_in.0.ct_eq(&self.sha_out.0) {
            out.push(CredentialWarning::SameInAndOutKey);
        }
        out
    }

    /// [`Credentials::warnings`] of both accounts, plus a warning for each passphrase the test
    /// and production accounts share.
    ///
    /// ```
    /// use ogone::{Credentials, CredentialWarning, HashAlgorithm, KeyRole, ShaInKey, ShaOutKey};
    ///
    /// let test = Credentials::new("shop", ShaInKey::new("in-key-0123456789"), ShaOutKey::new("out-key-0123456789"), HashAlgorithm::Sha512);
    /// let prod = Credentials::new("shop", ShaInKey::new("in-key-0123456789"), ShaOutKey::new("out-key-prod-12345"), HashAlgorithm::Sha512);
    /// assert_eq!(
    ///     Credentials::warnings_for_pair(&test, &prod),
    ///     [CredentialWarning::SameTestAndProductionKey { key: KeyRole::ShaIn }]
    /// );
    /// ```
    #[must_use]
    pub fn warnings_for_pair(
        test: &Credentials,
        production: &Credentials,
    ) -> Vec<CredentialWarning> {
        let mut out = test.warnings();
        for w in production.warnings() {
            if !out.contains(&w) {
                out.push(w);
            }
        }
        for (key, p) in test.keys() {
            let same = production.keys().any(|(k, q)| k == key && p.ct_eq(q));
            if same {
                out.push(CredentialWarning::SameTestAndProductionKey { key });
            }
        }
        out
    }

    /// The API user's password, for request builders.
    pub(crate) fn api_password(&self) -> Option<&str> {
        self.api_user.as_ref().map(|u| u.password.expose())
    }
}
