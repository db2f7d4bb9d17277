//! Tokenisation pages: the Alias Gateway and FlexCheckout.

use alloc::borrow::Cow;
use alloc::string::String;

use super::hosted_page::field_setters;
use super::{BrowserForm, FieldSet, SignedRequest};
use crate::error::Error;
use crate::protocol::credentials::Credentials;
use crate::protocol::endpoint::Page;
use crate::signing::builtin_lists::ListKind;

/// An Alias Gateway request (`alias_gateway.asp`): the customer's card form posts to Ogone with
/// these hidden fields. The card fields (CARDNO, CN, CVC, ED) are typed by the customer and
/// never hashed.
///
/// ```
/// use ogone::{AliasGateway, Credentials, HashAlgorithm, ShaInKey, ShaOutKey};
///
/// let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"), ShaOutKey::new("out-0123456789abcdef"), HashAlgorithm::Sha256);
/// let request = AliasGateway::new("order-7", "https://shop.example.com/alias/ok", "https://shop.example.com/alias/ko")
///     .alias("customer-42")
///     .build(&creds)?;
/// assert_eq!(request.url(), "https://ogone.test.v-psp.com/ncol/test/alias_gateway_utf8.asp");
/// assert_eq!(request.get("SHASIGN").map(str::len), Some(64));
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct AliasGateway {
    fields: FieldSet,
}

impl AliasGateway {
    /// A request for `order_id` with its two return URLs.
    ///
    /// ```
    /// use ogone::AliasGateway;
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha256,
    /// # );
    /// let (ok, ko) = ("https://shop.example.com/ok", "https://shop.example.com/ko");
    /// let request = AliasGateway::new("order-7", ok, ko)
    ///     .build(&creds)?;
    /// assert_eq!(request.get("ORDERID"), Some("order-7"));
    /// assert_eq!(request.get("EXCEPTIONURL"), Some("https://shop.example.com/ko"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn new(
        order_id: impl Into<String>,
        accept_url: impl Into<String>,
        exception_url: impl Into<String>,
    ) -> Self {
        let mut fields = FieldSet::default();
        fields.set_required("ORDERID", order_id);
        fields.set_required("ACCEPTURL", accept_url);
        fields.set_required("EXCEPTIONURL", exception_url);
        AliasGateway { fields }
    }

    field_setters! {
        /// The alias to create or update.
        alias => "ALIAS";
        /// The card brand.
        brand => "BRAND";
        /// The page's language.
        language => "LANGUAGE";
        /// Merchant data returned in the feedback.
        param_plus => "PARAMPLUS";
        /// `Y` or `N`: keep the alias after its first use.
        alias_persisted_after_use => "ALIASPERSISTEDAFTERUSE";
    }

    /// Validates, adds PSPID, signs with the Alias Gateway list.
    ///
    /// ```
    /// use ogone::{AliasGateway, ListKind};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha256,
    /// # );
    /// let (ok, ko) = ("https://shop.example.com/ok", "https://shop.example.com/ko");
    /// let request = AliasGateway::new("order-7", ok, ko)
    ///     .alias("customer-42")
    ///     .build(&creds)?;
    /// // Signed with the Alias Gateway list, not the e-Commerce one.
    /// let signer = creds.ecommerce_signer().with_list(ListKind::AliasGatewayIn);
    /// signer.as_signer().verify_shasign(request.params())?;
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidField`] naming the first invalid field.
    pub fn build(self, credentials: &Credentials) -> Result<SignedRequest<BrowserForm>, Error> {
        let mut fields = self.fields;
        fields.set_required("PSPID", credentials.pspid.as_str());
        credentials.platform.check()?;
        let url = credentials.platform.url(
            credentials.environment,
            Page::AliasGateway,
            credentials.charset,
        );
        let signer = credentials
            .ecommerce_signer()
            .with_list(ListKind::AliasGatewayIn);
        fields.sign(&signer, url, "SHASIGN")
    }
}

/// The FlexCheckout groups whose fields Odoo-style code spells with `_`.
const FLEXCHECKOUT_GROUPS: [&str; 5] = ["ACCOUNT", "ALIAS", "CARD", "LAYOUT", "PARAMETERS"];

/// Turns an Odoo-style FlexCheckout key (`ACCOUNT_PSPID`) into the dotted name FlexCheckout
/// takes (`ACCOUNT.PSPID`): only the `_` right after a FlexCheckout group (ACCOUNT, ALIAS, CARD,
/// LAYOUT, PARAMETERS) changes, so real underscores stay.
///
/// ```
/// use ogone::flexcheckout_dotted_name;
/// assert_eq!(flexcheckout_dotted_name("ACCOUNT_PSPID"), "ACCOUNT.PSPID");
/// assert_eq!(flexcheckout_dotted_name("parameters_accepturl"), "PARAMETERS.ACCEPTURL");
/// assert_eq!(flexcheckout_dotted_name("ALIAS_STORE_PERMANENTLY"), "ALIAS.STORE_PERMANENTLY");
/// assert_eq!(flexcheckout_dotted_name("SCO_CATEGORY"), "SCO_CATEGORY");
/// assert_eq!(flexcheckout_dotted_name("ALIAS.ALIASID"), "ALIAS.ALIASID");
/// ```
#[must_use]
pub fn flexcheckout_dotted_name(name: &str) -> Cow<'_, str> {
    for group in FLEXCHECKOUT_GROUPS {
        let matches = name
            .get(..group.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(group));
        if let (true, Some(rest)) = (matches, name.get(group.len()..)) {
            if let Some(field) = rest.strip_prefix('_') {
                if !field.is_empty() {
                    return Cow::Owned(alloc::format!("{group}.{}", field.to_ascii_uppercase()));
                }
            }
        }
    }
    Cow::Owned(name.to_ascii_uppercase())
}

/// A FlexCheckout request (`/Tokenization/HostedPage`): a redirect to Ogone's hosted card form
/// that creates an alias. The signature goes in `SHASIGNATURE.SHASIGN`; every input parameter is
/// hashed, as the FlexCheckout guide says.
///
/// ```
/// use ogone::{Credentials, FlexCheckout, HashAlgorithm, ShaInKey, ShaOutKey};
///
/// let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"), ShaOutKey::new("out-0123456789abcdef"), HashAlgorithm::Sha512);
/// let request = FlexCheckout::new("order-7", "https://shop.example.com/flex/ok", "https://shop.example.com/flex/ko")
///     .payment_method("CreditCard")
///     .param("LAYOUT_LANGUAGE", "en_US")
///     .build(&creds)?;
/// assert_eq!(request.url(), "https://ogone.test.v-psp.com/Tokenization/HostedPage");
/// assert_eq!(request.get("ACCOUNT.PSPID"), Some("MyPSPID"));
/// assert_eq!(request.get("LAYOUT.LANGUAGE"), Some("en_US"));
/// assert_eq!(request.get("SHASIGNATURE.SHASIGN").map(str::len), Some(128));
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct FlexCheckout {
    fields: FieldSet,
}

impl FlexCheckout {
    /// A request for `order_id` with its two return URLs.
    ///
    /// ```
    /// use ogone::FlexCheckout;
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # );
    /// let (ok, ko) = ("https://shop.example.com/ok", "https://shop.example.com/ko");
    /// let request = FlexCheckout::new("order-7", ok, ko)
    ///     .build(&creds)?;
    /// assert_eq!(request.get("ALIAS.ORDERID"), Some("order-7"));
    /// assert_eq!(request.get("PARAMETERS.ACCEPTURL"), Some("https://shop.example.com/ok"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn new(
        order_id: impl Into<String>,
        accept_url: impl Into<String>,
        exception_url: impl Into<String>,
    ) -> Self {
        let mut fields = FieldSet::default();
        fields.set_required("ALIAS.ORDERID", order_id);
        fields.set_required("PARAMETERS.ACCEPTURL", accept_url);
        fields.set_required("PARAMETERS.EXCEPTIONURL", exception_url);
        FlexCheckout { fields }
    }

    field_setters! {
        /// `Card.PaymentMethod` (`CreditCard`).
        payment_method => "CARD.PAYMENTMETHOD";
        /// `Card.Brand`.
        brand => "CARD.BRAND";
        /// `Alias.AliasId`: the alias to create or update.
        alias_id => "ALIAS.ALIASID";
        /// `Alias.StorePermanently`: `Y` or `N`.
        store_permanently => "ALIAS.STOREPERMANENTLY";
        /// `Layout.Language` (`en_US`).
        language => "LAYOUT.LANGUAGE";
        /// `Layout.TemplateName`.
        template_name => "LAYOUT.TEMPLATENAME";
        /// `Parameters.ParamPlus`.
        param_plus => "PARAMETERS.PARAMPLUS";
    }

    /// Any other field; an Odoo-style `GROUP_FIELD` key is turned into `GROUP.FIELD` (see
    /// [`flexcheckout_dotted_name`]).
    ///
    /// ```
    /// use ogone::FlexCheckout;
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # );
    /// let (ok, ko) = ("https://shop.example.com/ok", "https://shop.example.com/ko");
    /// let request = FlexCheckout::new("order-7", ok, ko)
    ///     .param("layout_templatename", "shop-template.htm") // Odoo style
    ///     .param("Card.Brand", "VISA")
    ///     .build(&creds)?;
    /// assert_eq!(request.get("LAYOUT.TEMPLATENAME"), Some("shop-template.htm"));
    /// assert_eq!(request.get("CARD.BRAND"), Some("VISA"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.fields.set(&flexcheckout_dotted_name(name), value);
        self
    }

    /// Validates, adds `ACCOUNT.PSPID`, signs every field in UTF-8.
    ///
    /// ```
    /// use ogone::{FlexCheckout, ListKind};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # );
    /// let (ok, ko) = ("https://shop.example.com/ok", "https://shop.example.com/ko");
    /// let request = FlexCheckout::new("order-7", ok, ko)
    ///     .build(&creds)?;
    /// // Every field is hashed; the signature travels in SHASIGNATURE.SHASIGN.
    /// let signer = creds.ecommerce_signer().with_list(ListKind::All);
    /// signer.as_signer().verify_shasign(request.params())?;
    /// assert_eq!(request.get("SHASIGN"), None);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidField`] naming the first invalid field.
    pub fn build(self, credentials: &Credentials) -> Result<SignedRequest<BrowserForm>, Error> {
        let mut fields = self.fields;
        fields.set_required("ACCOUNT.PSPID", credentials.pspid.as_str());
        credentials.platform.check()?;
        let url = credentials.platform.url(
            credentials.environment,
            Page::FlexCheckout,
            crate::charset::Charset::Utf8,
        );
        let signer = credentials
            .ecommerce_signer()
            .with_list(ListKind::All)
            .with_charset(crate::charset::Charset::Utf8);
        fields.sign(&signer, url, "SHASIGNATURE.SHASIGN")
    }
}
