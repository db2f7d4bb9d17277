//! Requests to Ogone, built, validated and signed, never sent.

pub(crate) mod direct_link;
pub(crate) mod hosted_page;
pub(crate) mod tokenization;

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::{self, Write as _};
use core::marker::PhantomData;

use crate::charset::TransportCharset;
use crate::error::Error;
use crate::protocol::amount::Amount;
use crate::protocol::credentials::RequestSigner;
use crate::protocol::validate;
use crate::signing::name::is_signature_name;
use crate::signing::params::Params;
use crate::signing::secret::debug_redacted;

/// An operation code (`OPERATION`).
///
/// ```
/// use ogone::Operation;
///
/// assert_eq!(Operation::Sale.code(), "SAL");
/// // SAL is both: a sale on a new order, a capture on an authorised one.
/// assert!(Operation::Sale.starts_payment() && Operation::Sale.is_maintenance());
/// assert!(!Operation::Refund.starts_payment());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// `RES`: authorise only.
    Reservation,
    /// `SAL`: authorise and capture (on an order), or capture, partially (on maintenance).
    Sale,
    /// `SAS`: capture, last or full.
    SaleLast,
    /// `PAU`: pre-authorise.
    PreAuthorisation,
    /// `RFD`: refund, partially.
    Refund,
    /// `RFS`: refund, last or full.
    RefundLast,
    /// `REN`: renew an authorisation.
    Renewal,
    /// `DEL`: delete an authorisation, partially.
    Deletion,
    /// `DES`: delete an authorisation, last or full.
    DeletionLast,
}

impl Operation {
    /// Every operation.
    ///
    /// ```
    /// assert_eq!(ogone::Operation::ALL.len(), 9);
    /// ```
    pub const ALL: [Operation; 9] = [
        Operation::Reservation,
        Operation::Sale,
        Operation::SaleLast,
        Operation::PreAuthorisation,
        Operation::Refund,
        Operation::RefundLast,
        Operation::Renewal,
        Operation::Deletion,
        Operation::DeletionLast,
    ];

    /// The code Ogone takes: `RES`, `SAL`, `SAS`, `PAU`, `RFD`, `RFS`, `REN`, `DEL`, `DES`.
    ///
    /// ```
    /// use ogone::Operation;
    ///
    /// assert_eq!(Operation::Reservation.code(), "RES");
    /// assert_eq!(Operation::RefundLast.code(), "RFS");
    /// ```
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Operation::Reservation => "RES",
            Operation::Sale => "SAL",
            Operation::SaleLast => "SAS",
            Operation::PreAuthorisation => "PAU",
            Operation::Refund => "RFD",
            Operation::RefundLast => "RFS",
            Operation::Renewal => "REN",
            Operation::Deletion => "DEL",
            Operation::DeletionLast => "DES",
        }
    }

    /// Whether it can start a payment (hosted page, DirectLink order): RES, SAL, PAU.
    ///
    /// ```
    /// use ogone::Operation;
    ///
    /// assert!(Operation::PreAuthorisation.starts_payment());
    /// assert!(!Operation::SaleLast.starts_payment());
    /// ```
    #[must_use]
    pub fn starts_payment(self) -> bool {
        matches!(
            self,
            Operation::Reservation | Operation::Sale | Operation::PreAuthorisation
        )
    }

    /// Whether it acts on an existing payment (DirectLink maintenance): SAL, SAS, RFD, RFS,
    /// REN, DEL, DES.
    ///
    /// ```
    /// use ogone::Operation;
    ///
    /// assert!(Operation::DeletionLast.is_maintenance());
    /// assert!(!Operation::Reservation.is_maintenance());
    /// ```
    #[must_use]
    pub fn is_maintenance(self) -> bool {
        !matches!(self, Operation::Reservation | Operation::PreAuthorisation)
    }
}

/// What a request that starts a payment needs beyond its fields' rules: an amount above zero
/// and, if an operation is set, one that starts a payment (RES, SAL, PAU).
pub(crate) fn check_new_payment(amount: Amount, fields: &FieldSet) -> Result<(), Error> {
    if amount.minor_units() == 0 {
        return Err(Error::InvalidField {
            field: "AMOUNT".into(),
            reason: "is zero",
        });
    }
    let starts_payment = |code: &str| {
        Operation::ALL
            .iter()
            .any(|op| op.starts_payment() && op.code() == code)
    };
    match fields.get("OPERATION") {
        Some(code) if !starts_payment(code) => Err(Error::InvalidField {
            field: "OPERATION".into(),
            reason: "is not RES, SAL or PAU",
        }),
        _ => Ok(()),
    }
}

/// The fields of a request being built: names upper case, set in any order, the last value
/// of a name winning. Checked and signed by [`FieldSet::sign`].
#[derive(Clone, Default)]
pub(crate) struct FieldSet {
    fields: Vec<(String, String)>,
    /// Fields that must not be empty.
    required: Vec<&'static str>,
}

impl fmt::Debug for FieldSet {
    /// The fields, secret values (password, card number, CVC, ...) redacted as in
    /// [`crate::Params`]' `Debug`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_redacted(f, self.fields.iter().map(|(n, v)| (n.as_str(), v.as_str())))
    }
}

impl FieldSet {
    pub(crate) fn set(&mut self, name: &str, value: impl Into<String>) {
        let name = name.to_ascii_uppercase();
        let value = value.into();
        match self.fields.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.fields.push((name, value)),
        }
    }

    /// Sets a field that must not be empty.
    pub(crate) fn set_required(&mut self, name: &'static str, value: impl Into<String>) {
        self.set(name, value);
        self.required.push(name);
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Validates every field, signs with `signer` and puts the signature in `signature_name`.
    pub(crate) fn sign<K>(
        self,
        signer: &RequestSigner,
        url: String,
        signature_name: &'static str,
    ) -> Result<SignedRequest<K>, Error> {
        for &name in &self.required {
            if self.get(name).is_none_or(str::is_empty) {
                return Err(Error::MissingField(name));
            }
        }
        let mut params = Params::new();
        for (name, value) in self.fields {
            if is_signature_name(&name) {
                // The builder adds the one signature; a second would make the request ambiguous.
                return Err(Error::InvalidField {
                    field: name.into(),
                    reason: "is a signature field, which the builder adds itself",
                });
            }
            if value.is_empty() {
                continue;
            }
            validate::check(&name, &value)?;
            params.insert(&name, value)?;
        }
        let signature = signer.as_signer().sign(&params)?.to_string();
        params.insert(signature_name, signature)?;
        Ok(SignedRequest {
            url,
            params,
            transport: signer.as_signer().charset().transport(),
            kind: PhantomData,
        })
    }
}

/// Marks a [`SignedRequest`] meant for the customer's browser (hosted payment page, Alias
/// Gateway, FlexCheckout): only such a request can be rendered as an HTML form.
///
/// ```
/// use ogone::{Amount, BrowserForm, HostedPaymentPage, SignedRequest};
///
/// # let creds = ogone::Credentials::new("MyPSPID", ogone::ShaInKey::new("Mysecretsig1875!?"),
/// #     ogone::ShaOutKey::new("Another-secret-for-OUT"), ogone::HashAlgorithm::Sha1);
/// let page: SignedRequest<BrowserForm> =
///     HostedPaymentPage::new("1234", Amount::from_minor_units(1500)?, "EUR").build(&creds)?;
/// assert!(page.to_html_form().starts_with("<form"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BrowserForm {}

/// Marks a [`SignedRequest`] that your server posts itself (DirectLink order, maintenance,
/// query): it carries the API password and possibly card data, so it has no HTML form.
///
/// ```compile_fail
/// use ogone::{Credentials, HashAlgorithm, Query, ShaInKey, ShaOutKey};
///
/// let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"),
///     ShaOutKey::new("Another-secret-for-OUT"), HashAlgorithm::Sha1).with_api_user("api", "password-1");
/// let query = Query::by_pay_id("3014726").build(&creds).unwrap();
/// let html = query.to_html_form(); // does not compile: PSWD would end up in a web page
/// ```
///
/// ```
/// use ogone::{Credentials, HashAlgorithm, Query, ServerToServer, ShaInKey, ShaOutKey, SignedRequest};
///
/// let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"),
///     ShaOutKey::new("Another-secret-for-OUT"), HashAlgorithm::Sha1).with_api_user("api", "password-1");
/// let query: SignedRequest<ServerToServer> = Query::by_pay_id("3014726").build(&creds)?;
/// assert!(query.to_form_body()?.contains("PSWD=password-1"));
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServerToServer {}

/// A signed request: the target URL and the form fields, `SHASIGN` included. `K` says who
/// sends it: [`BrowserForm`] (the customer's browser, through
/// [`SignedRequest::to_html_form`]) or [`ServerToServer`] (your server, through
/// [`SignedRequest::to_form_body`]).
///
/// Its `Debug` redacts the API password, card numbers and verification codes (see
/// [`Params`]).
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
///     .language("en_US")
///     .build(&creds)?;
/// assert_eq!(request.url(), "https://ogone.test.v-psp.com/ncol/test/orderstandard_utf8.asp");
/// for (name, value) in request.fields() {
///     // Render one hidden <input> per field, or post `request.to_form_body()?`.
///     assert!(!name.is_empty() && !value.is_empty());
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequest<K = ServerToServer> {
    url: String,
    params: Params,
    transport: TransportCharset,
    kind: PhantomData<K>,
}

impl<K> SignedRequest<K> {
    /// Where to post the fields.
    ///
    /// ```
    /// use ogone::{Amount, Environment, HostedPaymentPage};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # ).with_environment(Environment::Production);
    /// let request = HostedPaymentPage::new("1234", Amount::from_minor_units(1500)?, "EUR")
    ///     .language("en_US")
    ///     .build(&creds)?;
    /// assert_eq!(request.url(), "https://secure.ogone.com/ncol/prod/orderstandard_utf8.asp");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The form fields, signature included, in Ingenico order.
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
    ///     .language("en_US")
    ///     .build(&creds)?;
    /// let names: Vec<&str> = request.fields().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["AMOUNT", "CURRENCY", "LANGUAGE", "ORDERID", "PSPID", "SHASIGN"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fields(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.params.iter()
    }

    /// One field (name ignoring case).
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
    ///     .language("en_US")
    ///     .build(&creds)?;
    /// assert_eq!(request.get("pspid"), Some("MyPSPID"));
    /// assert_eq!(request.get("SHASIGN"), Some("F4CC376CD7A834D997B91598FA747825A238BE0A"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params.get(name)
    }

    /// The fields as a parameter set.
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
    ///     .language("en_US")
    ///     .build(&creds)?;
    /// // What Ogone checks on its side: the signature the request carries.
    /// creds.ecommerce_signer().as_signer().verify_shasign(request.params())?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The charset the body must travel in: the hashing charset of the page.
    ///
    /// ```
    /// use ogone::{Amount, Charset, HostedPaymentPage, TransportCharset};
    ///
    /// # let creds = ogone::Credentials::new(
    /// #     "MyPSPID",
    /// #     ogone::ShaInKey::new("Mysecretsig1875!?"),
    /// #     ogone::ShaOutKey::new("Another-secret-for-OUT"),
    /// #     ogone::HashAlgorithm::Sha1,
    /// # ).with_charset(Charset::Iso8859_1);
    /// let request = HostedPaymentPage::new("1234", Amount::from_minor_units(1500)?, "EUR")
    ///     .language("en_US")
    ///     .build(&creds)?;
    /// assert_eq!(request.transport(), TransportCharset::Iso8859_1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn transport(&self) -> TransportCharset {
        self.transport
    }

    /// The `application/x-www-form-urlencoded` body, in [`SignedRequest::transport`].
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
    ///     .customer_name("Zoë Martin")
    ///     .build(&creds)?;
    /// let body = request.to_form_body()?;
    /// assert!(body.starts_with("AMOUNT=1500&CN=Zo%C3%AB+Martin&CURRENCY=EUR&"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Unencodable`] for a character the transport charset has no byte for (the
    /// signature would have failed first for ISO-8859-1).
    pub fn to_form_body(&self) -> Result<String, Error> {
        self.params.to_form(self.transport)
    }
}

impl SignedRequest<BrowserForm> {
    /// A complete HTML `<form>` that posts the fields to the URL and submits itself, for
    /// server-rendered checkouts. Every attribute value is escaped. A `<noscript>` button
    /// stays for browsers without JavaScript; with a Content Security Policy that forbids
    /// inline scripts, use [`SignedRequest::to_html_form_with_nonce`].
    ///
    /// # Charsets
    ///
    /// Serve the page that holds the form as UTF-8 (`Content-Type: text/html; charset=utf-8`):
    /// the values are in the HTML, and the browser re-encodes them for the post. The form
    /// says `accept-charset="UTF-8"` on the `_utf8` pages, where every value arrives as signed.
    /// On the plain pages it says `accept-charset="ISO-8859-1"`, which browsers read as
    /// Windows-1252 (the WHATWG Encoding Standard's meaning of that label): `€` is sent as the
    /// byte `0x80`, which the ISO-8859-1 page reads as U+0080, and a character beyond
    /// Windows-1252, such as `Ā`, as the text `&#256;`. Where the two charsets differ the builders
    /// refuse the value before signing, naming the field: the C1 controls U+0080 to U+009F
    /// with [`Error::InvalidField`] (no control characters, on any page), and `€` and the
    /// other Windows-1252 characters (`‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ`) with
    /// [`Error::Unencodable`] (ISO-8859-1 has no byte for them). What remains, ASCII and
    /// U+00A0 to U+00FF, travels as the same bytes in both, so the platform hashes what was
    /// signed. For `€` on a hosted page, use the UTF-8 charset (the default).
    ///
    /// ```
    /// # use ogone::*;
    /// # let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"), ShaOutKey::new("out-0123456789abcdef"), HashAlgorithm::Sha256);
    /// let request = HostedPaymentPage::new("order-1", Amount::from_minor_units(1500)?, "EUR")
    ///     .customer_name("\"><script>alert(1)</script>")
    ///     .build(&creds)?;
    /// let html = request.to_html_form();
    /// assert!(html.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
    /// assert!(!html.contains("<script>alert"));
    ///
    /// // `€` is fine on the `_utf8` page, refused on the ISO-8859-1 one.
    /// let order = HostedPaymentPage::new("order-2", Amount::from_minor_units(1500)?, "EUR")
    ///     .com("Gift card 10 €");
    /// assert!(order.clone().build(&creds)?.to_html_form().contains("accept-charset=\"UTF-8\""));
    /// let latin1 = creds.clone().with_charset(Charset::Iso8859_1);
    /// assert_eq!(
    ///     order.build(&latin1),
    ///     Err(Error::Unencodable { name: "COM".into(), ch: '€' })
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_html_form(&self) -> String {
        self.html_form(None)
    }

    /// [`SignedRequest::to_html_form`] with a `nonce` attribute on the inline script, for a page
    /// served with a Content Security Policy such as `script-src 'nonce-r4nd0m';
    /// form-action https://secure.ogone.com` (`form-action` must allow the platform's origin).
    /// Use a fresh random nonce for each response; the charset notes of
    /// [`SignedRequest::to_html_form`] apply.
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
    ///     .language("en_US")
    ///     .build(&creds)?;
    /// let html = request.to_html_form_with_nonce("r4nd0m");
    /// assert!(html.contains("<script nonce=\"r4nd0m\">"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_html_form_with_nonce(&self, nonce: &str) -> String {
        self.html_form(Some(nonce))
    }

    /// [`SignedRequest::to_html_form`] with your own form `id`, `<noscript>` button text and,
    /// optionally, a CSP nonce: for a page in another language, or with two forms.
    ///
    /// ```
    /// # use ogone::*;
    /// # let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"), ShaOutKey::new("out-0123456789abcdef"), HashAlgorithm::Sha256);
    /// let request = HostedPaymentPage::new("order-1", Amount::from_minor_units(1500)?, "EUR").build(&creds)?;
    /// let options = HtmlFormOptions::new().id("zahlung").noscript_text("Weiter zur Zahlung").nonce("r4nd0m");
    /// let html = request.to_html_form_with(&options)?;
    /// assert!(html.starts_with("<form id=\"zahlung\""));
    /// assert!(html.contains(">Weiter zur Zahlung</button>"));
    /// assert!(html.contains("document.getElementById(\"zahlung\").submit()"));
    /// let bad = HtmlFormOptions::new().id("x\");alert(1);//");
    /// assert!(matches!(request.to_html_form_with(&bad), Err(Error::InvalidField { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidField`] for an id that is not 1 to 64 ASCII letters, digits, `-` or `_`
    /// (it is written into the script as well as the attribute).
    pub fn to_html_form_with(&self, options: &HtmlFormOptions<'_>) -> Result<String, Error> {
        let id_ok = (1..=64).contains(&options.id.len())
            && options
                .id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !id_ok {
            return Err(Error::InvalidField {
                field: "form id".into(),
                reason: "is not 1 to 64 ASCII letters, digits, '-' or '_'",
            });
        }
        Ok(self.render_form(options))
    }

    fn html_form(&self, nonce: Option<&str>) -> String {
        let options = HtmlFormOptions {
            nonce,
            ..HtmlFormOptions::new()
        };
        self.render_form(&options)
    }

    /// Renders the form; `options.id` is already checked.
    fn render_form(&self, options: &HtmlFormOptions<'_>) -> String {
        let nonce = options.nonce;
        let mut html = String::new();
        let charset = match self.transport {
            TransportCharset::Utf8 => "UTF-8",
            TransportCharset::Iso8859_1 => "ISO-8859-1",
            TransportCharset::Windows1252 => "windows-1252",
        };
        html.push_str("<form id=\"");
        html.push_str(options.id);
        html.push_str("\" method=\"post\" action=\"");
        escape_into(&mut html, &self.url);
        let _ = writeln!(html, "\" accept-charset=\"{charset}\">");
        for (name, value) in self.params.iter() {
            html.push_str("  <input type=\"hidden\" name=\"");
            escape_into(&mut html, name);
            html.push_str("\" value=\"");
            escape_into(&mut html, value);
            html.push_str("\">\n");
        }
        html.push_str("  <noscript><button type=\"submit\">");
        escape_into(&mut html, options.noscript_text);
        html.push_str("</button></noscript>\n</form>\n<script");
        if let Some(nonce) = nonce {
            html.push_str(" nonce=\"");
            escape_into(&mut html, nonce);
            html.push('"');
        }
        html.push_str(">document.getElementById(\"");
        html.push_str(options.id);
        html.push_str("\").submit();</script>\n");
        html
    }
}

/// Options of [`SignedRequest::to_html_form_with`]: the form's `id` (`ogone-payment` by
/// default), the text of the button shown without JavaScript (`Continue to payment`), and a CSP
/// nonce for the script (none).
///
/// ```
/// let options = ogone::HtmlFormOptions::new().noscript_text("Continuer vers le paiement");
/// # let _ = options;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct HtmlFormOptions<'a> {
    id: &'a str,
    noscript_text: &'a str,
    nonce: Option<&'a str>,
}

impl Default for HtmlFormOptions<'_> {
    fn default() -> Self {
        HtmlFormOptions::new()
    }
}

impl<'a> HtmlFormOptions<'a> {
    /// The defaults: id `ogone-payment`, button `Continue to payment`, no nonce.
    ///
    /// ```
    /// # use ogone::*;
    /// # let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"), ShaOutKey::new("out-0123456789abcdef"), HashAlgorithm::Sha256);
    /// # let request = HostedPaymentPage::new("order-1", Amount::from_minor_units(1500)?, "EUR").build(&creds)?;
    /// assert_eq!(request.to_html_form_with(&HtmlFormOptions::new())?, request.to_html_form());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const fn new() -> Self {
        HtmlFormOptions {
            id: "ogone-payment",
            noscript_text: "Continue to payment",
            nonce: None,
        }
    }

    /// The form's `id`: 1 to 64 ASCII letters, digits, `-` or `_`.
    ///
    /// ```
    /// let options = ogone::HtmlFormOptions::new().id("checkout-form");
    /// # let _ = options;
    /// ```
    pub const fn id(self, id: &'a str) -> Self {
        HtmlFormOptions { id, ..self }
    }

    /// The text of the `<noscript>` button (escaped when rendered).
    ///
    /// ```
    /// let options = ogone::HtmlFormOptions::new().noscript_text("Zur Zahlung");
    /// # let _ = options;
    /// ```
    pub const fn noscript_text(self, text: &'a str) -> Self {
        HtmlFormOptions {
            noscript_text: text,
            ..self
        }
    }

    /// A CSP nonce for the script (escaped when rendered); see
    /// [`SignedRequest::to_html_form_with_nonce`].
    ///
    /// ```
    /// let options = ogone::HtmlFormOptions::new().nonce("r4nd0m");
    /// # let _ = options;
    /// ```
    pub const fn nonce(self, nonce: &'a str) -> Self {
        HtmlFormOptions {
            nonce: Some(nonce),
            ..self
        }
    }
}

/// Escapes text for an HTML attribute value in double quotes (and for text content).
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}
