//! The hosted payment page (e-Commerce).

use alloc::string::String;

use super::{BrowserForm, FieldSet, Operation, SignedRequest, check_new_payment};
use crate::error::Error;
use crate::protocol::amount::Amount;
use crate::protocol::credentials::Credentials;
use crate::protocol::endpoint::Page;

/// Declares builder methods that set one field each.
macro_rules! field_setters {
    ($( $(#[$doc:meta])* $method:ident => $field:literal; )*) => {
        $(
            $(#[$doc])*
            #[doc = concat!(
                "\n\nSets `", $field, "`. Setting it again replaces the value; an empty value \
                 leaves the field out. The value is checked by [`build`](Self::build): see the \
                 type's example."
            )]
            pub fn $method(mut self, value: impl Into<String>) -> Self {
                self.fields.set($field, value);
                self
            }
        )*
    };
}
pub(crate) use field_setters;

/// A hosted payment page request (`orderstandard.asp`): the form the customer's browser posts.
///
/// ```
/// use ogone::{Amount, Credentials, HashAlgorithm, HostedPaymentPage, Operation, ShaInKey, ShaOutKey};
///
/// let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"), ShaOutKey::new("out-0123456789abcdef"), HashAlgorithm::Sha1);
/// let request = HostedPaymentPage::new("1234", Amount::from_minor_units(1500)?, "EUR")
///     .language("en_US")
///     .operation(Operation::Sale)
///     .accept_url("https://shop.example.com/payment/ogone/return")
///     .build(&creds)?;
/// assert_eq!(request.url(), "https://ogone.test.v-psp.com/ncol/test/orderstandard_utf8.asp");
/// assert_eq!(request.get("AMOUNT"), Some("1500"));
/// assert_eq!(request.get("SHASIGN").map(str::len), Some(40));
///
/// let too_long = HostedPaymentPage::new("x".repeat(41), Amount::from_minor_units(1500)?, "EUR").build(&creds);
/// assert!(matches!(too_long, Err(ogone::Error::InvalidField { field, .. }) if field == "ORDERID"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct HostedPaymentPage {
    fields: FieldSet,
    amount: Amount,
}

impl HostedPaymentPage {
    /// An order: its ID (at most 40 characters), amount and ISO 4217 currency.
    ///
    /// ```
    /// use ogone::{Amount, HostedPaymentPage};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// let page = HostedPaymentPage::new("1234", Amount::parse_decimal("15")?, "EUR");
    /// let request = page.build(&creds)?;
    /// let names: Vec<&str> = request.fields().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["AMOUNT", "CURRENCY", "ORDERID", "PSPID", "SHASIGN"]);
    /// assert_eq!(request.get("AMOUNT"), Some("1500"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(order_id: impl Into<String>, amount: Amount, currency: impl Into<String>) -> Self {
        let mut fields = FieldSet::default();
        fields.set_required("ORDERID", order_id);
        fields.set("AMOUNT", alloc::format!("{}", amount.minor_units()));
        fields.set_required("CURRENCY", currency);
        HostedPaymentPage { fields, amount }
    }

    field_setters! {
        /// The page's language, like `en_US`.
        language => "LANGUAGE";
        /// The customer's name.
        customer_name => "CN";
        /// The customer's e-mail address.
        email => "EMAIL";
        /// The customer's street and number.
        owner_address => "OWNERADDRESS";
        /// The customer's postcode.
        owner_zip => "OWNERZIP";
        /// The customer's town.
        owner_town => "OWNERTOWN";
        /// The customer's country, ISO 3166-1 alpha-2 (`BE`).
        owner_country => "OWNERCTY";
        /// The customer's telephone number.
        owner_telno => "OWNERTELNO";
        /// Where the browser goes after an accepted payment.
        accept_url => "ACCEPTURL";
        /// Where it goes after a declined payment.
        decline_url => "DECLINEURL";
        /// Where it goes when the result is uncertain.
        exception_url => "EXCEPTIONURL";
        /// Where it goes when the customer cancels.
        cancel_url => "CANCELURL";
        /// The page behind the payment page's "back" button.
        back_url => "BACKURL";
        /// The shop's home page.
        home_url => "HOMEURL";
        /// The shop's catalogue.
        catalog_url => "CATALOGURL";
        /// The order description shown to the customer.
        com => "COM";
        /// Merchant data returned, unsigned, in the feedback (`PARAMPLUS`, form-encoded).
        param_plus => "PARAMPLUS";
        /// Merchant data returned in the feedback (`COMPLUS`).
        com_plus => "COMPLUS";
        /// A dynamic template's URL (`TP`).
        template => "TP";
        /// The page title.
        title => "TITLE";
        /// Background colour.
        bg_color => "BGCOLOR";
        /// Text colour.
        txt_color => "TXTCOLOR";
        /// Table background colour.
        tbl_bg_color => "TBLBGCOLOR";
        /// Table text colour.
        tbl_txt_color => "TBLTXTCOLOR";
        /// Button background colour.
        button_bg_color => "BUTTONBGCOLOR";
        /// Button text colour.
        button_txt_color => "BUTTONTXTCOLOR";
        /// Font family.
        font_type => "FONTTYPE";
        /// The logo's URL or file name.
        logo => "LOGO";
        /// The payment method (`CreditCard`, ...).
        payment_method => "PM";
        /// The card brand (`VISA`, ...).
        brand => "BRAND";
        /// The alias (token) to create or use.
        alias => "ALIAS";
        /// Why the alias is stored, shown to the customer.
        alias_usage => "ALIASUSAGE";
        /// `BYMERCHANT` or `BYPSP`: who names the alias.
        alias_operation => "ALIASOPERATION";
    }

    /// The operation: RES, SAL or PAU.
    ///
    /// ```
    /// use ogone::{Amount, HostedPaymentPage, Operation};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// let page = HostedPaymentPage::new("1234", Amount::from_minor_units(1500)?, "EUR");
    /// let request = page.clone().operation(Operation::Reservation).build(&creds)?;
    /// assert_eq!(request.get("OPERATION"), Some("RES"));
    /// assert!(page.operation(Operation::Refund).build(&creds).is_err()); // not on a new payment
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn operation(mut self, operation: Operation) -> Self {
        self.fields.set("OPERATION", operation.code());
        self
    }

    /// Any other field (on the SHA-IN list it is signed, else it is sent unsigned).
    ///
    /// ```
    /// use ogone::{Amount, HostedPaymentPage};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// let request = HostedPaymentPage::new("1234", Amount::from_minor_units(1500)?, "EUR")
    ///     .param("orig", "ogone-rs")
    ///     .build(&creds)?;
    /// assert_eq!(request.get("ORIG"), Some("ogone-rs"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.fields.set(name, value);
        self
    }

    /// Validates the fields, adds PSPID, signs with the e-Commerce SHA-IN key.
    ///
    /// ```
    /// use ogone::{Amount, HostedPaymentPage};
    ///
    /// // Ingenico's e-Commerce guide, SHA-IN example: PSPID MyPSPID, SHA-1.
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # );
    /// let request = HostedPaymentPage::new("1234", Amount::from_minor_units(1500)?, "EUR")
    ///     .language("en_US")
    ///     .build(&creds)?;
    /// assert_eq!(request.get("SHASIGN"), Some("F4CC376CD7A834D997B91598FA747825A238BE0A"));
    /// let unknown = HostedPaymentPage::new("1235", Amount::from_minor_units(1500)?, "EUX");
    /// assert!(unknown.build(&creds).is_err()); // EUX is no ISO 4217 currency
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidField`] naming the first field that breaks its rule (spec section 7: an
    /// amount of zero, a too long ORDERID, an unknown currency, ...), and the signing errors.
    pub fn build(self, credentials: &Credentials) -> Result<SignedRequest<BrowserForm>, Error> {
        check_new_payment(self.amount, &self.fields)?;
        let mut fields = self.fields;
        fields.set_required("PSPID", credentials.pspid.as_str());
        credentials.platform.check()?;
        let url = credentials.platform.url(
            credentials.environment,
            Page::ECommerce,
            credentials.charset,
        );
        fields.sign(&credentials.ecommerce_signer(), url, "SHASIGN")
    }
}
