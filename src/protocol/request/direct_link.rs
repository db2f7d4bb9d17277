//! DirectLink: server-to-server orders, maintenance and queries.

use alloc::format;
use alloc::string::String;

use super::hosted_page::field_setters;
use super::{FieldSet, Operation, SignedRequest, check_new_payment};
use crate::error::Error;
use crate::protocol::amount::Amount;
use crate::protocol::credentials::Credentials;
use crate::protocol::endpoint::Page;

/// Adds PSPID, USERID and PSWD (all three hashed) and signs with the DirectLink SHA-IN key.
fn sign_direct_link(
    mut fields: FieldSet,
    credentials: &Credentials,
    page: Page,
) -> Result<SignedRequest, Error> {
    let user = credentials
        .api_user
        .as_ref()
        .ok_or(Error::MissingField("USERID"))?;
    fields.set_required("PSPID", credentials.pspid.as_str());
    fields.set_required("USERID", user.user_id.as_str());
    fields.set_required("PSWD", credentials.api_password().unwrap_or_default());
    credentials.platform.check()?;
    let url = credentials
        .platform
        .url(credentials.environment, page, credentials.charset);
    fields.sign(&credentials.direct_link_signer(), url, "SHASIGN")
}

/// The browser data 3-D Secure v2 asks for.
///
/// ```
/// use ogone::{Amount, BrowserData, DirectLinkOrder, ThreeDSecure};
///
/// # let creds = ogone::Credentials::new(
/// #     "MyPSPID",
/// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
/// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
/// #     ogone::HashAlgorithm::Sha512,
/// # )
/// # .with_api_user("api_user", "api-password-1");
/// let browser = BrowserData {
///     user_agent: "Mozilla/5.0 (X11; Linux x86_64)".into(),
///     language: "en-US".into(),
///     color_depth: 24,
///     screen_width: 1920,
///     screen_height: 1080,
///     ..BrowserData::default()
/// };
/// let tds = ThreeDSecure { browser, ..ThreeDSecure::default() };
/// let request = DirectLinkOrder::new("1234", Amount::from_minor_units(1500)?, "EUR")
///     .alias("customer-42-card")
///     .three_d_secure(tds)
///     .build(&creds)?;
/// assert_eq!(request.get("BROWSERSCREENWIDTH"), Some("1920"));
/// assert_eq!(request.get("BROWSERLANGUAGE"), Some("en-US"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowserData {
    /// The `Accept` header of the customer's browser.
    pub accept_header: String,
    /// Its `User-Agent` header.
    pub user_agent: String,
    /// `navigator.language` (`en-US`).
    pub language: String,
    /// `screen.colorDepth`.
    pub color_depth: u8,
    /// `screen.height`.
    pub screen_height: u32,
    /// `screen.width`.
    pub screen_width: u32,
    /// `new Date().getTimezoneOffset()`, in minutes.
    pub time_zone: i32,
    /// `navigator.javaEnabled()`.
    pub java_enabled: bool,
}

/// 3-D Secure for a DirectLink order: where the customer returns after authentication.
///
/// ```
/// use ogone::{Amount, DirectLinkOrder, ThreeDSecure};
///
/// # let creds = ogone::Credentials::new(
/// #     "MyPSPID",
/// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
/// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
/// #     ogone::HashAlgorithm::Sha512,
/// # )
/// # .with_api_user("api_user", "api-password-1");
/// let tds = ThreeDSecure {
///     accept_url: "https://shop.example.com/3ds/accept".into(),
///     decline_url: "https://shop.example.com/3ds/decline".into(),
///     exception_url: "https://shop.example.com/3ds/exception".into(),
///     language: "en_US".into(),
///     ..ThreeDSecure::default()
/// };
/// let request = DirectLinkOrder::new("1234", Amount::from_minor_units(1500)?, "EUR")
///     .alias("customer-42-card")
///     .three_d_secure(tds)
///     .build(&creds)?;
/// assert_eq!(request.get("ACCEPTURL"), Some("https://shop.example.com/3ds/accept"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThreeDSecure {
    /// ACCEPTURL.
    pub accept_url: String,
    /// DECLINEURL.
    pub decline_url: String,
    /// EXCEPTIONURL.
    pub exception_url: String,
    /// `MAINW` (the default), `POPUP` or `POPIX`.
    pub window: String,
    /// The page's language (`en_US`).
    pub language: String,
    /// The browser data of 3-D Secure v2.
    pub browser: BrowserData,
}

/// A DirectLink new order (`orderdirect.asp`), with an alias or card data.
///
/// ```
/// use ogone::{Amount, Credentials, DirectLinkOrder, HashAlgorithm, Operation, ShaInKey, ShaOutKey};
///
/// let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"), ShaOutKey::new("out-0123456789abcdef"), HashAlgorithm::Sha512)
///     .with_api_user("api-user", "api-password");
/// let request = DirectLinkOrder::new("1234", Amount::from_minor_units(1500)?, "EUR")
///     .operation(Operation::Reservation)
///     .alias("customer-42-card")
///     .build(&creds)?;
/// assert_eq!(request.url(), "https://ogone.test.v-psp.com/ncol/test/orderdirect_utf8.asp");
/// assert_eq!(request.get("USERID"), Some("api-user"));
/// assert!(!format!("{request:?}").contains("api-password"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct DirectLinkOrder {
    fields: FieldSet,
    amount: Amount,
}

impl DirectLinkOrder {
    /// An order: its ID, amount and currency.
    ///
    /// ```
    /// use ogone::{Amount, DirectLinkOrder, Error};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let request = DirectLinkOrder::new("1234", Amount::from_minor_units(1500)?, "EUR")
    ///     .alias("customer-42-card")
    ///     .build(&creds)?;
    /// assert_eq!((request.get("ORDERID"), request.get("AMOUNT")), (Some("1234"), Some("1500")));
    /// let free = DirectLinkOrder::new("1235", Amount::from_minor_units(0)?, "EUR").alias("a1");
    /// let zero = free.build(&creds);
    /// assert!(matches!(zero, Err(Error::InvalidField { field, .. }) if field == "AMOUNT"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(order_id: impl Into<String>, amount: Amount, currency: impl Into<String>) -> Self {
        let mut fields = FieldSet::default();
        fields.set_required("ORDERID", order_id);
        fields.set("AMOUNT", format!("{}", amount.minor_units()));
        fields.set_required("CURRENCY", currency);
        DirectLinkOrder { fields, amount }
    }

    field_setters! {
        /// The alias (token) of a stored card.
        alias => "ALIAS";
        /// The card number (only for PCI DSS compliant merchants; prefer an alias).
        card_number => "CARDNO";
        /// The card's expiry date, `MMYY`.
        expiry_date => "ED";
        /// The card's verification code.
        cvc => "CVC";
        /// The card holder's name.
        customer_name => "CN";
        /// The customer's e-mail address.
        email => "EMAIL";
        /// The customer's street and number.
        owner_address => "OWNERADDRESS";
        /// The customer's postcode.
        owner_zip => "OWNERZIP";
        /// The customer's town.
        owner_town => "OWNERTOWN";
        /// The customer's country, ISO 3166-1 alpha-2.
        owner_country => "OWNERCTY";
        /// The customer's telephone number.
        owner_telno => "OWNERTELNO";
        /// Electronic Commerce Indicator.
        eci => "ECI";
        /// The order description.
        com => "COM";
        /// The customer's IP address.
        remote_addr => "REMOTE_ADDR";
    }

    /// The operation: RES, SAL or PAU.
    ///
    /// ```
    /// use ogone::{Amount, DirectLinkOrder, Operation};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let order = DirectLinkOrder::new("1234", Amount::from_minor_units(1500)?, "EUR")
    ///     .alias("customer-42-card");
    /// let sale = order.clone().operation(Operation::Sale).build(&creds)?;
    /// assert_eq!(sale.get("OPERATION"), Some("SAL"));
    /// assert!(order.operation(Operation::Refund).build(&creds).is_err()); // maintenance only
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn operation(mut self, operation: Operation) -> Self {
        self.fields.set("OPERATION", operation.code());
        self
    }

    /// Asks for 3-D Secure (`FLAG3D=Y`) with its return URLs and browser data.
    ///
    /// ```
    /// use ogone::{Amount, DirectLinkOrder, ThreeDSecure};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let request = DirectLinkOrder::new("1234", Amount::from_minor_units(1500)?, "EUR")
    ///     .alias("customer-42-card")
    ///     .three_d_secure(ThreeDSecure::default())
    ///     .build(&creds)?;
    /// assert_eq!(request.get("FLAG3D"), Some("Y"));
    /// assert_eq!(request.get("WIN3DS"), Some("MAINW")); // the default window
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn three_d_secure(mut self, tds: ThreeDSecure) -> Self {
        let f = &mut self.fields;
        f.set("FLAG3D", "Y");
        f.set("ACCEPTURL", tds.accept_url);
        f.set("DECLINEURL", tds.decline_url);
        f.set("EXCEPTIONURL", tds.exception_url);
        let window = if tds.window.is_empty() {
            String::from("MAINW")
        } else {
            tds.window
        };
        f.set("WIN3DS", window);
        f.set("LANGUAGE", tds.language);
        let b = tds.browser;
        f.set("HTTP_ACCEPT", b.accept_header.clone());
        f.set("HTTP_USER_AGENT", b.user_agent.clone());
        f.set("BROWSERACCEPTHEADER", b.accept_header);
        f.set("BROWSERUSERAGENT", b.user_agent);
        f.set("BROWSERLANGUAGE", b.language);
        f.set("BROWSERCOLORDEPTH", format!("{}", b.color_depth));
        f.set("BROWSERSCREENHEIGHT", format!("{}", b.screen_height));
        f.set("BROWSERSCREENWIDTH", format!("{}", b.screen_width));
        f.set("BROWSERTIMEZONE", format!("{}", b.time_zone));
        f.set(
            "BROWSERJAVAENABLED",
            if b.java_enabled { "true" } else { "false" },
        );
        self
    }

    /// Any other field.
    ///
    /// ```
    /// use ogone::{Amount, DirectLinkOrder};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let request = DirectLinkOrder::new("1234", Amount::from_minor_units(1500)?, "EUR")
    ///     .alias("customer-42-card")
    ///     .param("orig", "ogone-rs")
    ///     .build(&creds)?;
    /// assert_eq!(request.get("ORIG"), Some("ogone-rs"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.fields.set(name, value);
        self
    }

    /// Validates, adds PSPID, USERID and PSWD, signs with the DirectLink SHA-IN key.
    ///
    /// ```
    /// use ogone::{Amount, DirectLinkOrder, Error};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let order = DirectLinkOrder::new("1234", Amount::from_minor_units(1500)?, "EUR");
    /// assert_eq!(order.clone().build(&creds).err(), Some(Error::MissingField("ALIAS")));
    /// let request = order.alias("customer-42-card").build(&creds)?;
    /// assert_eq!(request.get("PSPID"), Some("MyPSPID"));
    /// assert_eq!(request.get("SHASIGN").map(str::len), Some(128));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] `USERID` without an API user, `ALIAS` with neither alias nor
    /// card number; [`Error::InvalidField`] naming the first invalid field.
    pub fn build(self, credentials: &Credentials) -> Result<SignedRequest, Error> {
        check_new_payment(self.amount, &self.fields)?;
        let has = |name| self.fields.get(name).is_some_and(|v| !v.is_empty());
        if !has("ALIAS") && !has("CARDNO") {
            return Err(Error::MissingField("ALIAS"));
        }
        sign_direct_link(self.fields, credentials, Page::DirectLinkOrder)
    }
}

/// A DirectLink maintenance request (`maintenancedirect.asp`) on an existing payment.
///
/// ```
/// use ogone::{Amount, Credentials, HashAlgorithm, Maintenance, Operation, ShaInKey, ShaOutKey};
///
/// let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"), ShaOutKey::new("out-0123456789abcdef"), HashAlgorithm::Sha512)
///     .with_api_user("api-user", "api-password");
/// let refund = Maintenance::new("3014726", Operation::Refund)
///     .amount(Amount::from_minor_units(500)?)
///     .build(&creds)?;
/// assert_eq!(refund.get("OPERATION"), Some("RFD"));
/// assert!(Maintenance::new("3014726", Operation::Reservation).build(&creds).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Maintenance {
    fields: FieldSet,
    operation: Operation,
}

impl Maintenance {
    /// An operation on the payment `pay_id`.
    ///
    /// ```
    /// use ogone::{Maintenance, Operation};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let capture = Maintenance::new("3014726", Operation::SaleLast).build(&creds)?;
    /// assert_eq!(capture.get("PAYID"), Some("3014726"));
    /// assert_eq!(capture.get("OPERATION"), Some("SAS"));
    /// assert_eq!(capture.get("AMOUNT"), None); // the full amount
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn new(pay_id: impl Into<String>, operation: Operation) -> Self {
        let mut fields = FieldSet::default();
        fields.set_required("PAYID", pay_id);
        fields.set("OPERATION", operation.code());
        Maintenance { fields, operation }
    }

    /// A partial amount (the full amount when not set).
    ///
    /// ```
    /// use ogone::{Amount, Maintenance, Operation};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let partial = Maintenance::new("3014726", Operation::Sale)
    ///     .amount(Amount::from_minor_units(500)?)
    ///     .build(&creds)?;
    /// assert_eq!(partial.get("AMOUNT"), Some("500"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn amount(mut self, amount: Amount) -> Self {
        self.fields
            .set("AMOUNT", format!("{}", amount.minor_units()));
        self
    }

    /// Any other field.
    ///
    /// ```
    /// use ogone::{Maintenance, Operation};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let refund = Maintenance::new("3014726", Operation::RefundLast)
    ///     .param("orig", "ogone-rs")
    ///     .build(&creds)?;
    /// assert_eq!(refund.get("ORIG"), Some("ogone-rs"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.fields.set(name, value);
        self
    }

    /// Validates and signs.
    ///
    /// ```
    /// use ogone::{Error, Maintenance, Operation};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let deletion = Maintenance::new("3014726", Operation::DeletionLast).build(&creds)?;
    /// assert_eq!(deletion.get("OPERATION"), Some("DES"));
    /// let by_order = Maintenance::new("WEB-1001", Operation::Refund).build(&creds);
    /// assert!(matches!(by_order, Err(Error::InvalidField { field, .. }) if field == "PAYID"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidField`] `OPERATION` for RES or PAU, `PAYID` when it is not digits;
    /// [`Error::MissingField`] `USERID` without an API user.
    pub fn build(self, credentials: &Credentials) -> Result<SignedRequest, Error> {
        if !self.operation.is_maintenance() {
            return Err(Error::InvalidField {
                field: "OPERATION".into(),
                reason: "is not a maintenance operation",
            });
        }
        check_pay_id(self.fields.get("PAYID"))?;
        sign_direct_link(self.fields, credentials, Page::DirectLinkMaintenance)
    }
}

fn check_pay_id(pay_id: Option<&str>) -> Result<(), Error> {
    match pay_id {
        Some(id) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => Ok(()),
        _ => Err(Error::InvalidField {
            field: "PAYID".into(),
            reason: "is not a number",
        }),
    }
}

/// A DirectLink status query (`querydirect.asp`), by PAYID or by ORDERID.
///
/// ```
/// use ogone::{Credentials, HashAlgorithm, Query, ShaInKey, ShaOutKey};
///
/// let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"), ShaOutKey::new("out-0123456789abcdef"), HashAlgorithm::Sha512)
///     .with_api_user("api-user", "api-password");
/// let q = Query::by_order_id("1234").build(&creds)?;
/// assert_eq!(q.url(), "https://ogone.test.v-psp.com/ncol/test/querydirect_utf8.asp");
/// assert_eq!(q.get("ORDERID"), Some("1234"));
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Query {
    fields: FieldSet,
}

impl Query {
    /// Asks for the payment `pay_id`.
    ///
    /// ```
    /// use ogone::Query;
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let query = Query::by_pay_id("3014726").build(&creds)?;
    /// assert_eq!(query.get("PAYID"), Some("3014726"));
    /// assert_eq!(query.get("ORDERID"), None);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn by_pay_id(pay_id: impl Into<String>) -> Self {
        let mut fields = FieldSet::default();
        fields.set_required("PAYID", pay_id);
        Query { fields }
    }

    /// Asks for the last payment of the order `order_id`.
    ///
    /// ```
    /// use ogone::Query;
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let query = Query::by_order_id("WEB-1001").build(&creds)?;
    /// assert_eq!(query.get("ORDERID"), Some("WEB-1001"));
    /// assert_eq!(query.get("PAYID"), None);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn by_order_id(order_id: impl Into<String>) -> Self {
        let mut fields = FieldSet::default();
        fields.set_required("ORDERID", order_id);
        Query { fields }
    }

    /// Asks for one maintenance operation of the payment (`PAYIDSUB`).
    ///
    /// ```
    /// use ogone::Query;
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let query = Query::by_pay_id("3014726").pay_id_sub(2).build(&creds)?;
    /// assert_eq!(query.get("PAYIDSUB"), Some("2"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn pay_id_sub(mut self, sub: u32) -> Self {
        self.fields.set("PAYIDSUB", format!("{sub}"));
        self
    }

    /// Validates and signs.
    ///
    /// ```
    /// use ogone::{Error, Query};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha512,
    /// # )
    /// # .with_api_user("api_user", "api-password-1");
    /// let query = Query::by_pay_id("3014726").build(&creds)?;
    /// assert_eq!(query.url(), "https://ogone.test.v-psp.com/ncol/test/querydirect_utf8.asp");
    /// let bad = Query::by_pay_id("32100123x").build(&creds);
    /// assert!(matches!(bad, Err(Error::InvalidField { field, .. }) if field == "PAYID"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidField`] for a PAYID that is not digits or an invalid ORDERID,
    /// [`Error::MissingField`] `USERID` without an API user.
    pub fn build(self, credentials: &Credentials) -> Result<SignedRequest, Error> {
        if self.fields.get("ORDERID").is_none() {
            check_pay_id(self.fields.get("PAYID"))?;
        }
        sign_direct_link(self.fields, credentials, Page::DirectLinkQuery)
    }
}
