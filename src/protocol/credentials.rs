//! The merchant's credentials, with the SHA-IN and SHA-OUT keys kept apart by type.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::charset::{Charset, TransportCharset};
use crate::protocol::endpoint::{Environment, Platform};
use crate::signing::direction::Direction;
use crate::signing::list::AllowList;
use crate::signing::order::SortOrder;
use crate::signing::secret::Passphrase;
use crate::signing::signature::HashAlgorithm;
use crate::signing::signer::{Scheme, Signer};

/// The SHA-IN passphrase ("SHA Key IN"): signs what the merchant sends. It can only make a
/// [`RequestSigner`].
///
/// ```
/// use ogone::{HashAlgorithm, RequestSigner, ShaInKey};
///
/// let key = ShaInKey::new("Mysecretsig1875!?");
/// assert_eq!(format!("{key:?}"), "ShaInKey(Passphrase(<redacted>))");
/// # let params = ogone::Params::try_from_pairs([
/// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
/// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
/// # ])?;
/// let signer = RequestSigner::new(&key, HashAlgorithm::Sha1);
/// let signature = signer.as_signer().sign(&params)?;
/// assert_eq!(signature.to_string(), "F4CC376CD7A834D997B91598FA747825A238BE0A");
/// # Ok::<(), ogone::Error>(())
/// ```
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
    ///
    /// ```
    /// let key = ogone::ShaInKey::new("Mysecretsig1875!?");
    /// assert_eq!(key.as_passphrase().char_count(), 17);
    /// ```
    #[must_use]
    pub fn new(secret: impl Into<String>) -> Self {
        ShaInKey(Passphrase::new(secret))
    }

    /// The passphrase.
    ///
    /// ```
    /// use ogone::{Passphrase, ShaInKey};
    ///
    /// let key = ShaInKey::new("Mysecretsig1875!?");
    /// assert!(key.as_passphrase().ct_eq(&Passphrase::new("Mysecretsig1875!?")));
    /// ```
    #[must_use]
    pub fn as_passphrase(&self) -> &Passphrase {
        &self.0
    }
}

impl ShaOutKey {
    /// Wraps the SHA-OUT passphrase.
    ///
    /// ```
    /// let key = ogone::ShaOutKey::new("Another-secret-for-OUT");
    /// assert_eq!(key.as_passphrase().char_count(), 22);
    /// assert!(!format!("{key:?}").contains("secret"));
    /// ```
    #[must_use]
    pub fn new(secret: impl Into<String>) -> Self {
        ShaOutKey(Passphrase::new(secret))
    }

    /// The passphrase.
    ///
    /// ```
    /// use ogone::{Passphrase, ShaOutKey};
    ///
    /// let key = ShaOutKey::new("Another-secret-for-OUT");
    /// assert!(key.as_passphrase().ct_eq(&Passphrase::new("Another-secret-for-OUT")));
    /// ```
    #[must_use]
    pub fn as_passphrase(&self) -> &Passphrase {
        &self.0
    }
}

/// The password of the API user (DirectLink `PSWD`): redacted `Debug`, no `Display`, wiped
/// (`zeroize`) when dropped.
///
/// ```
/// let password = ogone::ApiPassword::new("api-password-1");
/// assert_eq!(format!("{password:?}"), "ApiPassword(<redacted>)");
/// ```
#[derive(Clone)]
pub struct ApiPassword(String);

impl ApiPassword {
    /// Wraps the password.
    ///
    /// ```
    /// let password = ogone::ApiPassword::new(String::from("api-password-1"));
    /// assert!(!format!("{password:?}").contains("api-password-1"));
    /// ```
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

impl Drop for ApiPassword {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl zeroize::ZeroizeOnDrop for ApiPassword {}

/// Signs requests: made only from a [`ShaInKey`].
///
/// ```
/// use ogone::{HashAlgorithm, RequestSigner, ShaInKey};
///
/// let signer = RequestSigner::new(&ShaInKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
/// # let params = ogone::Params::try_from_pairs([
/// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
/// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
/// # ])?;
/// let signature = signer.as_signer().sign(&params)?;
/// assert_eq!(signature.to_string(), "F4CC376CD7A834D997B91598FA747825A238BE0A");
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct RequestSigner(Signer);

impl RequestSigner {
    /// A SHA-IN signer with the SHA-IN list, Ingenico order and UTF-8.
    ///
    /// ```
    /// use ogone::{Charset, Direction, HashAlgorithm, ListKind, RequestSigner, ShaInKey};
    /// use ogone::SortOrder;
    ///
    /// let signer = RequestSigner::new(&ShaInKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha512);
    /// let inner = signer.as_signer();
    /// assert_eq!((inner.direction(), inner.list().kind()), (Direction::In, ListKind::ShaIn));
    /// assert_eq!((inner.order(), inner.charset()), (SortOrder::Ingenico, Charset::Utf8));
    /// ```
    #[must_use]
    pub fn new(key: &ShaInKey, algorithm: HashAlgorithm) -> Self {
        RequestSigner(Signer::new(key.0.clone(), algorithm, Direction::In))
    }

    /// The underlying signer.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, RequestSigner, ShaInKey};
    ///
    /// let signer = RequestSigner::new(&ShaInKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// signer.as_signer().verify(&params, "f4cc376cd7a834d997b91598fa747825a238be0a")?;
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn as_signer(&self) -> &Signer {
        &self.0
    }

    /// Uses another allow-list; the key and direction stay.
    ///
    /// ```
    /// use ogone::{Direction, HashAlgorithm, ListKind, RequestSigner, ShaInKey};
    ///
    /// let signer = RequestSigner::new(&ShaInKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha512)
    ///     .with_list(ListKind::AliasGatewayIn);
    /// assert_eq!(signer.as_signer().list().kind(), ListKind::AliasGatewayIn);
    /// assert_eq!(signer.as_signer().direction(), Direction::In); // still SHA-IN
    /// ```
    #[must_use]
    pub fn with_list(self, list: impl Into<AllowList>) -> Self {
        RequestSigner(self.0.with_list(list))
    }

    /// Uses another sort order.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, RequestSigner, ShaInKey, SortOrder};
    ///
    /// let signer = RequestSigner::new(&ShaInKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha512)
    ///     .with_order(SortOrder::Byte);
    /// assert_eq!(signer.as_signer().order(), SortOrder::Byte);
    /// ```
    #[must_use]
    pub fn with_order(self, order: SortOrder) -> Self {
        RequestSigner(self.0.with_order(order))
    }

    /// Uses another hashing charset.
    ///
    /// ```
    /// use ogone::{Charset, HashAlgorithm, RequestSigner, ShaInKey};
    ///
    /// let signer = RequestSigner::new(&ShaInKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha512)
    ///     .with_charset(Charset::Iso8859_1);
    /// assert_eq!(signer.as_signer().charset(), Charset::Iso8859_1);
    /// ```
    #[must_use]
    pub fn with_charset(self, charset: Charset) -> Self {
        RequestSigner(self.0.with_charset(charset))
    }

    /// Uses another scheme.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, RequestSigner, Scheme, ShaInKey, hash_bytes};
    ///
    /// let signer = RequestSigner::new(&ShaInKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1)
    ///     .with_scheme(Scheme::LegacyMainParameters);
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// // ORDERID, AMOUNT, CURRENCY and PSPID, then the passphrase once.
    /// let legacy = hash_bytes(HashAlgorithm::Sha1, b"12341500EURMyPSPIDMysecretsig1875!?");
    /// assert_eq!(signer.as_signer().sign(&params)?, legacy);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn with_scheme(self, scheme: Scheme) -> Self {
        RequestSigner(self.0.with_scheme(scheme))
    }
}

/// Verifies feedback: made only from a [`ShaOutKey`].
///
/// ```
/// use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset, VerifiedFeedback};
///
/// let key = ShaOutKey::new("Mysecretsig1875!?");
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha1);
/// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
/// let feedback = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
/// assert_eq!(feedback.pay_id(), Some("32100123"));
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct FeedbackVerifier {
    signer: Signer,
    /// The transport charset set with [`FeedbackVerifier::with_transport`].
    transport: Option<TransportCharset>,
}

impl FeedbackVerifier {
    /// A SHA-OUT verifier with the SHA-OUT list, Ingenico order and UTF-8.
    ///
    /// ```
    /// use ogone::{Direction, FeedbackVerifier, HashAlgorithm, ListKind, ShaOutKey};
    ///
    /// let key = ShaOutKey::new("Mysecretsig1875!?");
    /// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha1);
    /// let inner = verifier.as_signer();
    /// assert_eq!((inner.direction(), inner.list().kind()), (Direction::Out, ListKind::ShaOut));
    /// ```
    #[must_use]
    pub fn new(key: &ShaOutKey, algorithm: HashAlgorithm) -> Self {
        FeedbackVerifier {
            signer: Signer::new(key.0.clone(), algorithm, Direction::Out),
            transport: None,
        }
    }

    /// The underlying signer.
    ///
    /// ```
    /// use ogone::{FeedbackVerifier, HashAlgorithm, Params, ShaOutKey, TransportCharset};
    ///
    /// let key = ShaOutKey::new("Mysecretsig1875!?");
    /// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha1);
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// verifier.as_signer().verify_shasign(&Params::parse_form(body, TransportCharset::Utf8)?)?;
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn as_signer(&self) -> &Signer {
        &self.signer
    }

    /// The charset the escapes of a feedback body or query stand for when the request does not
    /// say (no `charset` in its `Content-Type`): the one set with
    /// [`FeedbackVerifier::with_transport`], else the hashing charset's. A verifier from
    /// [`Credentials::feedback_verifier`] has its platform's (see
    /// [`Platform::feedback_transport`](crate::Platform::feedback_transport)).
    ///
    /// ```
    /// use ogone::{Charset, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    ///
    /// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    /// assert_eq!(verifier.transport(), TransportCharset::Utf8);
    /// let latin1 = verifier.clone().with_charset(Charset::Iso8859_1);
    /// assert_eq!(latin1.transport(), TransportCharset::Iso8859_1);
    /// let epdq = verifier.with_transport(TransportCharset::Windows1252);
    /// assert_eq!(epdq.transport(), TransportCharset::Windows1252);
    /// ```
    #[must_use]
    pub fn transport(&self) -> TransportCharset {
        self.transport
            .unwrap_or_else(|| self.signer.charset().transport())
    }

    /// Decodes feedback in `transport` when the request does not say its charset.
    ///
    /// ```
    /// use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    ///
    /// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1)
    ///     .with_transport(TransportCharset::Windows1252);
    /// assert_eq!(verifier.transport(), TransportCharset::Windows1252);
    /// ```
    #[must_use]
    pub fn with_transport(self, transport: TransportCharset) -> Self {
        FeedbackVerifier {
            transport: Some(transport),
            ..self
        }
    }

    /// Uses another allow-list; the key and direction stay.
    ///
    /// ```
    /// use ogone::{FeedbackVerifier, HashAlgorithm, ListKind, ShaOutKey};
    ///
    /// let key = ShaOutKey::new("Mysecretsig1875!?");
    /// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512)
    ///     .with_list(ListKind::FlexCheckoutOut);
    /// assert_eq!(verifier.as_signer().list().kind(), ListKind::FlexCheckoutOut);
    /// ```
    #[must_use]
    pub fn with_list(self, list: impl Into<AllowList>) -> Self {
        FeedbackVerifier {
            signer: self.signer.with_list(list),
            ..self
        }
    }

    /// Uses another sort order.
    ///
    /// ```
    /// use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, SortOrder};
    ///
    /// let key = ShaOutKey::new("Mysecretsig1875!?");
    /// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512)
    ///     .with_order(SortOrder::Byte);
    /// assert_eq!(verifier.as_signer().order(), SortOrder::Byte);
    /// ```
    #[must_use]
    pub fn with_order(self, order: SortOrder) -> Self {
        FeedbackVerifier {
            signer: self.signer.with_order(order),
            ..self
        }
    }

    /// Uses another hashing charset.
    ///
    /// ```
    /// use ogone::{Charset, FeedbackVerifier, HashAlgorithm, ShaOutKey};
    ///
    /// let key = ShaOutKey::new("Mysecretsig1875!?");
    /// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512)
    ///     .with_charset(Charset::Iso8859_1);
    /// assert_eq!(verifier.as_signer().charset(), Charset::Iso8859_1);
    /// ```
    #[must_use]
    pub fn with_charset(self, charset: Charset) -> Self {
        FeedbackVerifier {
            signer: self.signer.with_charset(charset),
            ..self
        }
    }

    /// Uses another scheme.
    ///
    /// ```
    /// use ogone::{FeedbackVerifier, HashAlgorithm, Params, Scheme, ShaOutKey, TransportCharset};
    ///
    /// let key = ShaOutKey::new("Mysecretsig1875!?");
    /// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha1)
    ///     .with_scheme(Scheme::LegacyMainParameters);
    /// let body = b"orderID=12&currency=EUR&amount=15&STATUS=9";
    /// let params = Params::parse_form(body, TransportCharset::Utf8)?;
    /// // The values of ORDERID CURRENCY AMOUNT PM ACCEPTANCE STATUS CARDNO PAYID NCERROR BRAND
    /// // (missing ones empty), then the passphrase.
    /// let legacy = ogone::hash_bytes(HashAlgorithm::Sha1, b"12EUR159Mysecretsig1875!?");
    /// verifier.as_signer().verify(&params, &legacy.to_string())?;
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn with_scheme(self, scheme: Scheme) -> Self {
        FeedbackVerifier {
            signer: self.signer.with_scheme(scheme),
            ..self
        }
    }
}

/// The DirectLink API user.
///
/// ```
/// # let creds = ogone::Credentials::new(
/// #     "MyPSPID",
/// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
/// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
/// #     ogone::HashAlgorithm::Sha512,
/// # ).with_api_user("api_user", "api-password-1");
/// let user = creds.api_user.as_ref().map(|u| u.user_id.as_str());
/// assert_eq!(user, Some("api_user"));
/// assert!(!format!("{:?}", creds.api_user).contains("api-password-1"));
/// ```
#[derive(Clone, Debug)]
pub struct ApiUser {
    /// USERID.
    pub user_id: String,
    /// PSWD.
    pub password: ApiPassword,
}

/// Which key a [`CredentialWarning`] is about.
///
/// ```
/// use ogone::{CredentialWarning, Credentials, HashAlgorithm, KeyRole, ShaInKey, ShaOutKey};
///
/// let creds = Credentials::new(
///     "MyPSPID",
///     ShaInKey::new("Mysecretsig1875!?"),
///     ShaOutKey::new("Another-secret-for-OUT"),
///     HashAlgorithm::Sha512,
/// )
/// .with_direct_link_sha_in(ShaInKey::new("dl-key"));
/// let short = CredentialWarning::PassphraseLength { key: KeyRole::ShaInDirectLink, chars: 6 };
/// assert_eq!(creds.warnings(), [short]);
/// ```
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
///
/// ```
/// use ogone::{CredentialWarning, Credentials, HashAlgorithm, ShaInKey, ShaOutKey};
///
/// let key = "Mysecretsig1875!?";
/// let (sha_in, sha_out) = (ShaInKey::new(key), ShaOutKey::new(key));
/// let creds = Credentials::new("MyPSPID", sha_in, sha_out, HashAlgorithm::Sha512);
/// assert_eq!(creds.warnings(), [CredentialWarning::SameInAndOutKey]);
/// assert_eq!(
///     CredentialWarning::SameInAndOutKey.to_string(),
///     "SHA-IN and SHA-OUT passphrases are the same"
/// );
/// ```
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
    ///
    /// ```
    /// use ogone::{Charset, Credentials, Environment, HashAlgorithm, Platform};
    /// use ogone::{ShaInKey, ShaOutKey};
    ///
    /// let creds = Credentials::new(
    ///     "MyPSPID",
    ///     ShaInKey::new("Mysecretsig1875!?"),
    ///     ShaOutKey::new("Another-secret-for-OUT"),
    ///     HashAlgorithm::Sha512,
    /// );
    /// assert_eq!((creds.environment, creds.platform), (Environment::Test, Platform::Ogone));
    /// assert_eq!(creds.charset, Charset::Utf8);
    /// assert!(creds.api_user.is_none());
    /// ```
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
    ///
    /// ```
    /// use ogone::{Error, Query};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # );
    /// assert_eq!(Query::by_pay_id("3014726").build(&creds), Err(Error::MissingField("USERID")));
    /// let creds = creds.with_api_user("api_user", "api-password-1");
    /// let query = Query::by_pay_id("3014726").build(&creds)?;
    /// assert_eq!(query.get("USERID"), Some("api_user"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
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
    ///
    /// ```
    /// use ogone::ShaInKey;
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # );
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// let creds = creds.with_direct_link_sha_in(ShaInKey::new("DirectLink-secret-2024"));
    /// let ecommerce = creds.ecommerce_signer().as_signer().sign(&params)?;
    /// assert_ne!(creds.direct_link_signer().as_signer().sign(&params)?, ecommerce);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn with_direct_link_sha_in(mut self, key: ShaInKey) -> Self {
        self.sha_in_direct_link = Some(key);
        self
    }

    /// Sets the hashing charset.
    ///
    /// ```
    /// use ogone::{Amount, Charset, HostedPaymentPage, TransportCharset};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # ).with_charset(Charset::Iso8859_1);
    /// let page = HostedPaymentPage::new("1234", Amount::from_minor_units(1500)?, "EUR");
    /// let request = page.build(&creds)?;
    /// assert_eq!(request.url(), "https://ogone.test.v-psp.com/ncol/test/orderstandard.asp");
    /// assert_eq!(request.transport(), TransportCharset::Iso8859_1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_charset(mut self, charset: Charset) -> Self {
        self.charset = charset;
        self
    }

    /// Sets the environment.
    ///
    /// ```
    /// use ogone::{Amount, Environment, HostedPaymentPage};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # ).with_environment(Environment::Production);
    /// let page = HostedPaymentPage::new("1234", Amount::from_minor_units(1500)?, "EUR");
    /// let request = page.build(&creds)?;
    /// assert_eq!(request.url(), "https://secure.ogone.com/ncol/prod/orderstandard_utf8.asp");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_environment(mut self, environment: Environment) -> Self {
        self.environment = environment;
        self
    }

    /// Sets the platform.
    ///
    /// ```
    /// use ogone::{Amount, HostedPaymentPage, Platform};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # ).with_platform(Platform::BarclaycardEpdq);
    /// let page = HostedPaymentPage::new("1234", Amount::from_minor_units(1500)?, "EUR");
    /// let request = page.build(&creds)?;
    /// assert_eq!(
    ///     request.url(),
    ///     "https://mdepayments.epdq.co.uk/ncol/test/orderstandard_utf8.asp"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }

    /// The signer of e-Commerce (hosted page), Alias Gateway and FlexCheckout requests.
    ///
    /// ```
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// let signature = creds.ecommerce_signer().as_signer().sign(&params)?;
    /// assert_eq!(signature.to_string(), "F4CC376CD7A834D997B91598FA747825A238BE0A");
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn ecommerce_signer(&self) -> RequestSigner {
        let charset = self.charset;
        RequestSigner::new(&self.sha_in, self.algorithm).with_charset(charset)
    }

    /// The signer of DirectLink requests: its own SHA-IN key if set, else the e-Commerce one.
    ///
    /// ```
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// # let params = ogone::Params::try_from_pairs([
    /// #     ("AMOUNT", "1500"), ("CURRENCY", "EUR"), ("LANGUAGE", "en_US"),
    /// #     ("ORDERID", "1234"), ("PSPID", "MyPSPID"),
    /// # ])?;
    /// // No DirectLink key of its own: the e-Commerce one signs.
    /// let signature = creds.direct_link_signer().as_signer().sign(&params)?;
    /// assert_eq!(signature.to_string(), "F4CC376CD7A834D997B91598FA747825A238BE0A");
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn direct_link_signer(&self) -> RequestSigner {
        let key = self.sha_in_direct_link.as_ref().unwrap_or(&self.sha_in);
        let charset = self.charset;
        RequestSigner::new(key, self.algorithm).with_charset(charset)
    }

    /// The verifier of feedback (SHA-OUT).
    ///
    /// ```
    /// use ogone::{Credentials, HashAlgorithm, ShaInKey, ShaOutKey};
    /// use ogone::{TransportCharset, VerifiedFeedback};
    ///
    /// let creds = Credentials::new(
    ///     "MyPSPID",
    ///     ShaInKey::new("Another-secret-for-IN"),
    ///     ShaOutKey::new("Mysecretsig1875!?"),
    ///     HashAlgorithm::Sha1,
    /// );
    /// let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
    ///     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    ///     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    /// let verifier = creds.feedback_verifier();
    /// let feedback = VerifiedFeedback::parse(body, TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.order_id(), Some("12"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn feedback_verifier(&self) -> FeedbackVerifier {
        let charset = self.charset;
        FeedbackVerifier::new(&self.sha_out, self.algorithm)
            .with_charset(charset)
            .with_transport(self.platform.feedback_transport(charset))
    }

    /// The SHA-OUT key, for the simulator.
    pub(crate) fn sha_out_key(&self) -> &ShaOutKey {
        &self.sha_out
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
    ///
    /// ```
    /// use ogone::{CredentialWarning, Credentials, HashAlgorithm, KeyRole, ShaInKey, ShaOutKey};
    ///
    /// let sha_out = ShaOutKey::new("Another-secret-for-OUT");
    /// let good = ShaInKey::new("Mysecretsig1875!?");
    /// let creds = Credentials::new("MyPSPID", good, sha_out.clone(), HashAlgorithm::Sha512);
    /// assert!(creds.warnings().is_empty());
    ///
    /// let short = ShaInKey::new("short");
    /// let creds = Credentials::new("MyPSPID", short, sha_out, HashAlgorithm::Sha512);
    /// let too_short = CredentialWarning::PassphraseLength { key: KeyRole::ShaIn, chars: 5 };
    /// assert_eq!(creds.warnings(), [too_short]);
    /// ```
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
