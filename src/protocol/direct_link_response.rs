//! The DirectLink XML answer (`<ncresponse ...>`), parsed into a typed result (feature `xml`).
//!
//! # This answer is not signed
//!
//! Unlike the feedback Ogone sends to the shop (see [`VerifiedFeedback`](crate::VerifiedFeedback)),
//! the XML that `orderdirect.asp`, `maintenancedirect.asp` and `querydirect.asp` answer with
//! carries **no SHA-OUT signature**. Anyone on the network path between the shop and Ogone
//! could alter it (turn a refusal into `STATUS="9"`, change the amount, ...): it is worth
//! exactly as much as the TLS connection the shop made to get it. Before shipping goods or
//! refunding money on the strength of it, make sure the request went over HTTPS, with
//! certificate validation, to the real Ogone host (see [`Platform`](crate::Platform)), or
//! confirm the result through signed feedback. Parsing here checks that the XML is well
//! formed; it proves nothing about who wrote it.
//!
//! # Format
//!
//! The answer is ISO-8859-1: every byte is taken as the character of the same code, so parsing
//! never fails on encoding. The fields are attributes of the root element `ncresponse`; their
//! names vary in case between operations (`orderID` / `ORDERID`, `amount` / `AMOUNT`), so they
//! are looked up case-insensitively, and two attributes whose names differ only in case are
//! rejected. On 3-D Secure (`STATUS="46"`) a child element `HTML_ANSWER` holds, in base64, the
//! HTML page to show the customer.
//!
//! # std
//!
//! quick-xml, the parser behind this module, has no `no_std` mode: enabling the `xml` feature
//! links the standard library, even though this module itself uses only `core` and `alloc`.

use alloc::string::String;
use alloc::vec::Vec;
use std::collections::HashSet;

use base64::Engine as _;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use crate::error::Error;
use crate::protocol::amount::Amount;
use crate::protocol::status::{NcError, Status};

/// The largest answer [`DirectLinkResponse::parse`] takes, in bytes: 1 MiB.
///
/// A real answer is a few hundred bytes, or a few kilobytes with a 3-D Secure `HTML_ANSWER`.
///
/// ```
/// use ogone::{DirectLinkResponse, Error, MAX_DIRECT_LINK_RESPONSE_BYTES};
///
/// let huge = vec![b' '; MAX_DIRECT_LINK_RESPONSE_BYTES + 1];
/// assert!(matches!(DirectLinkResponse::parse(&huge), Err(Error::TooLarge { .. })));
/// ```
pub const MAX_DIRECT_LINK_RESPONSE_BYTES: usize = 1024 * 1024;

/// The root element's name.
const ROOT: &str = "ncresponse";
/// The child element holding the base64 3-D Secure page.
const HTML_ANSWER: &str = "HTML_ANSWER";

/// A parsed DirectLink answer: the attributes of `<ncresponse>` and the decoded
/// `HTML_ANSWER`, if any (feature `xml`).
///
/// # This answer is not signed
///
/// Unlike feedback (see [`VerifiedFeedback`](crate::VerifiedFeedback)), the XML that
/// DirectLink (`orderdirect.asp`, `maintenancedirect.asp`, `querydirect.asp`) answers with
/// carries **no signature**. Anyone on the network path between the shop and Ogone could alter
/// it (turn a refusal into `STATUS="9"`, change the amount): it is trusted only as much as the
/// TLS connection the shop made to get it. Before shipping goods or moving money on the
/// strength of it, make sure the request went over HTTPS, with the certificate validated, to the
/// real Ogone host (see [`Platform`](crate::Platform)), or confirm the result through signed
/// feedback. Parsing checks that the XML is well formed; it proves nothing about who wrote it.
///
/// # Format
///
/// The answer is ISO-8859-1: every byte is read as the character of the same code, so parsing
/// never fails on encoding (should an answer come in UTF-8, its non-ASCII text would read as
/// mojibake). The fields are the attributes of the root element `ncresponse`; their names vary
/// in case between operations (`orderID` / `ORDERID`, `amount` / `AMOUNT`), so they are looked
/// up ignoring ASCII case, and two attributes whose names differ only in case are rejected. On
/// 3-D Secure (`STATUS="46"`) a child element `HTML_ANSWER` holds, in base64, the HTML page to
/// show the customer: see [`html_answer`](Self::html_answer).
///
/// ```
/// use ogone::{DirectLinkResponse, NcError, Outcome};
///
/// let xml = br#"<?xml version="1.0"?><ncresponse orderID="99999" PAYID="1111111"
///     NCSTATUS="0" NCERROR="0" NCERRORPLUS="!" ACCEPTANCE="12345" STATUS="5" IPCTY="99"
///     CCCTY="99" ECI="7" CVCCheck="NO" AAVCheck="NO" VC="NO" amount="125" currency="EUR"
///     PM="CreditCard" BRAND="VISA"></ncresponse>"#;
/// let answer = DirectLinkResponse::parse(xml)?;
/// assert_eq!(answer.order_id(), Some("99999"));
/// assert_eq!(answer.status()?.outcome(), Outcome::Succeeded);
/// assert!(answer.nc_error()?.is_success());
/// assert_eq!(answer.amount()?.minor_units(), 12500);
/// assert_eq!(answer.get("cvccheck"), Some("NO"));
/// assert_eq!(answer.html_answer(), None);
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DirectLinkResponse {
    /// The root's attributes, names as sent, values unescaped; names unique ignoring ASCII case.
    attributes: Vec<(String, String)>,
    /// The base64-decoded content of `HTML_ANSWER`.
    html_answer: Option<Vec<u8>>,
}

/// The error for anything that is not a well-formed `ncresponse` document.
fn malformed(reason: &'static str) -> Error {
    Error::InvalidField {
        field: ROOT.into(),
        reason,
    }
}

/// Where the reader is in the document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the root element.
    Prolog,
    /// Inside the root, at this depth (1 is the root's own content).
    InRoot(usize),
    /// Inside `HTML_ANSWER` (a direct child of the root), at this depth below it.
    InHtmlAnswer(usize),
    /// After the root element closed.
    Epilog,
}

impl DirectLinkResponse {
    /// Parses the answer's bytes, decoded as ISO-8859-1.
    ///
    /// Attribute values are unescaped (`&amp;` is `&`, `&#233;` is `é`) and normalised as XML
    /// requires (a tab or line break in a value is a space). Other children of the root than
    /// `HTML_ANSWER` are skipped, as are comments and processing instructions.
    ///
    /// ```
    /// use ogone::{DirectLinkResponse, Error};
    ///
    /// let answer = DirectLinkResponse::parse(b"<ncresponse NCERRORPLUS=\"caf\xe9 &amp; co\"/>")?;
    /// assert_eq!(answer.nc_error_plus(), Some("café & co"));
    ///
    /// assert!(matches!(
    ///     DirectLinkResponse::parse(b"<html>Service unavailable</html>"),
    ///     Err(Error::InvalidField { .. })
    /// ));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// - [`Error::TooLarge`] above [`MAX_DIRECT_LINK_RESPONSE_BYTES`];
    /// - [`Error::InvalidField`] naming `ncresponse` when the input is not well-formed XML
    ///   (empty, unbalanced or garbage), has a `DOCTYPE`, has no root element or more than one,
    ///   has a root other than `ncresponse`, two attributes with the same name (ignoring case),
    ///   or more than one `HTML_ANSWER`;
    /// - [`Error::InvalidField`] naming `HTML_ANSWER` when its content is not base64.
    pub fn parse(xml: &[u8]) -> Result<DirectLinkResponse, Error> {
        if xml.len() > MAX_DIRECT_LINK_RESPONSE_BYTES {
            return Err(Error::TooLarge {
                len: xml.len(),
                limit: MAX_DIRECT_LINK_RESPONSE_BYTES,
            });
        }
        // ISO-8859-1: byte n is U+00nn.
        let text: String = xml.iter().map(|&b| char::from(b)).collect();
        let mut reader = Reader::from_str(&text);
        {
            let config = reader.config_mut();
            config.check_end_names = true;
            config.allow_unmatched_ends = false;
            config.check_comments = true;
            config.allow_dangling_amp = false;
            config.expand_empty_elements = false;
        }

        let mut attributes: Option<Vec<(String, String)>> = None;
        let mut html_text: Option<String> = None;
        let mut place = Place::Prolog;
        loop {
            let event = reader
                .read_event()
                .map_err(|_| malformed("is not well-formed XML"))?;
            match (place, event) {
                (_, Event::Eof) => break,
                (_, Event::DocType(_)) => return Err(malformed("has a DOCTYPE")),
                (Place::Prolog, Event::Decl(_)) => {}
                (_, Event::Decl(_)) => {
                    return Err(malformed("has an XML declaration after the start"));
                }
                (_, Event::Comment(_) | Event::PI(_)) => {}

                (Place::Prolog, Event::Start(root)) => {
                    attributes = Some(root_attributes(&root)?);
                    place = Place::InRoot(1);
                }
                (Place::Prolog, Event::Empty(root)) => {
                    attributes = Some(root_attributes(&root)?);
                    place = Place::Epilog;
                }
                (Place::Epilog, Event::Start(_) | Event::Empty(_)) => {
                    return Err(malformed("has more than one root element"));
                }
                (Place::Prolog | Place::Epilog, Event::Text(t)) => {
                    if !is_blank(&t) {
                        return Err(malformed("has text outside the root element"));
                    }
                }
                (Place::Prolog | Place::Epilog, Event::CData(_) | Event::GeneralRef(_)) => {
                    return Err(malformed("has text outside the root element"));
                }
                (Place::Prolog | Place::Epilog, Event::End(_)) => {
                    // The reader rejects unmatched end tags; never reached.
                    return Err(malformed("is not well-formed XML"));
                }

                (Place::InRoot(depth), Event::Start(child)) => {
                    if depth == 1 && is_html_answer(&child) {
                        if html_text.is_some() {
                            return Err(malformed("has more than one HTML_ANSWER"));
                        }
                        html_text = Some(String::new());
                        place = Place::InHtmlAnswer(1);
                    } else {
                        place = Place::InRoot(depth.saturating_add(1));
                    }
                }
                (Place::InRoot(depth), Event::Empty(child)) => {
                    if depth == 1 && is_html_answer(&child) {
                        if html_text.is_some() {
                            return Err(malformed("has more than one HTML_ANSWER"));
                        }
                        html_text = Some(String::new());
                    }
                }
                (Place::InRoot(depth), Event::End(_)) => {
                    place = if depth <= 1 {
                        Place::Epilog
                    } else {
                        Place::InRoot(depth - 1)
                    };
                }
                (Place::InRoot(_), Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)) => {}

                (Place::InHtmlAnswer(depth), Event::Start(_)) => {
                    place = Place::InHtmlAnswer(depth.saturating_add(1));
                }
                (Place::InHtmlAnswer(_), Event::Empty(_)) => {}
                (Place::InHtmlAnswer(depth), Event::End(_)) => {
                    place = if depth <= 1 {
                        Place::InRoot(1)
                    } else {
                        Place::InHtmlAnswer(depth - 1)
                    };
                }
                (Place::InHtmlAnswer(_), Event::Text(t)) => {
                    let decoded = t
                        .decode()
                        .map_err(|_| malformed("is not well-formed XML"))?;
                    push_to(&mut html_text, &decoded);
                }
                (Place::InHtmlAnswer(_), Event::CData(c)) => {
                    let decoded = c
                        .decode()
                        .map_err(|_| malformed("is not well-formed XML"))?;
                    push_to(&mut html_text, &decoded);
                }
                (Place::InHtmlAnswer(_), Event::GeneralRef(r)) => {
                    let mut buf = [0u8; 4];
                    let resolved = resolve_reference(&r, &mut buf)?;
                    push_to(&mut html_text, resolved);
                }
            }
        }
        if !matches!(place, Place::Epilog) {
            return Err(match attributes {
                None => malformed("has no root element"),
                Some(_) => malformed("is not well-formed XML: an element is not closed"),
            });
        }
        let attributes = attributes.ok_or_else(|| malformed("has no root element"))?;
        let html_answer = html_text.map(|t| decode_base64(&t)).transpose()?;
        Ok(DirectLinkResponse {
            attributes,
            html_answer,
        })
    }

    /// Any attribute of `ncresponse`, by name, ignoring ASCII case.
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse ECI="7" CVCCheck="NO"/>"#)?;
    /// assert_eq!(answer.get("ECI"), Some("7"));
    /// assert_eq!(answer.get("CVCCHECK"), Some("NO"));
    /// assert_eq!(answer.get("IPCTY"), None);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The attributes as sent, in document order: names as spelled, values unescaped.
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse orderID="1" STATUS="5"/>"#)?;
    /// let names: Vec<&str> = answer.iter().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["orderID", "STATUS"]);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attributes
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// `orderID`: the merchant's order reference.
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse orderID="99999"/>"#)?;
    /// assert_eq!(answer.order_id(), Some("99999"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn order_id(&self) -> Option<&str> {
        self.get("ORDERID")
    }

    /// `PAYID`: Ogone's transaction reference.
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse PAYID="1111111"/>"#)?;
    /// assert_eq!(answer.pay_id(), Some("1111111"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn pay_id(&self) -> Option<&str> {
        self.get("PAYID")
    }

    /// `PAYIDSUB`: the number of the maintenance operation on the transaction.
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse PAYID="1" PAYIDSUB="2"/>"#)?;
    /// assert_eq!(answer.pay_id_sub(), Some("2"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn pay_id_sub(&self) -> Option<&str> {
        self.get("PAYIDSUB")
    }

    /// `ACCEPTANCE`: the acquirer's authorisation code.
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse ACCEPTANCE="12345"/>"#)?;
    /// assert_eq!(answer.acceptance(), Some("12345"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn acceptance(&self) -> Option<&str> {
        self.get("ACCEPTANCE")
    }

    /// `currency` (ISO 4217).
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse currency="EUR"/>"#)?;
    /// assert_eq!(answer.currency(), Some("EUR"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn currency(&self) -> Option<&str> {
        self.get("CURRENCY")
    }

    /// `PM`: the payment method (`CreditCard`, ...).
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse PM="CreditCard"/>"#)?;
    /// assert_eq!(answer.payment_method(), Some("CreditCard"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn payment_method(&self) -> Option<&str> {
        self.get("PM")
    }

    /// `BRAND`: the card brand (`VISA`, ...).
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse BRAND="VISA"/>"#)?;
    /// assert_eq!(answer.brand(), Some("VISA"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn brand(&self) -> Option<&str> {
        self.get("BRAND")
    }

    /// `STATUS`, typed.
    ///
    /// ```
    /// use ogone::{DirectLinkResponse, Status};
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse STATUS="46"/>"#)?;
    /// assert_eq!(answer.status()?, Status::WaitingAuthentication);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] or [`Error::InvalidField`] naming `STATUS`.
    pub fn status(&self) -> Result<Status, Error> {
        let raw = self.get("STATUS").ok_or(Error::MissingField("STATUS"))?;
        Status::parse(raw).ok_or(Error::InvalidField {
            field: "STATUS".into(),
            reason: "not a known status code",
        })
    }

    /// `NCERROR`, typed.
    ///
    /// ```
    /// use ogone::{DirectLinkResponse, NcErrorClass};
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse NCERROR="30001001"/>"#)?;
    /// assert_eq!(answer.nc_error()?.class(), NcErrorClass::Refused);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] or [`Error::InvalidField`] naming `NCERROR`.
    pub fn nc_error(&self) -> Result<NcError, Error> {
        let raw = self.get("NCERROR").ok_or(Error::MissingField("NCERROR"))?;
        NcError::parse(raw).ok_or(Error::InvalidField {
            field: "NCERROR".into(),
            reason: "not 0 or an 8-digit code",
        })
    }

    /// `NCERRORPLUS`: Ogone's explanation of the error, in words (`!` when there is none).
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse NCERRORPLUS="!"/>"#)?;
    /// assert_eq!(answer.nc_error_plus(), Some("!"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn nc_error_plus(&self) -> Option<&str> {
        self.get("NCERRORPLUS")
    }

    /// `amount` in minor units, parsed from the decimal form (`125` is 12500, `15.1` is 1510).
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let answer = DirectLinkResponse::parse(br#"<ncresponse amount="15.1"/>"#)?;
    /// assert_eq!(answer.amount()?.minor_units(), 1510);
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] or [`Error::InvalidField`] naming `AMOUNT`.
    pub fn amount(&self) -> Result<Amount, Error> {
        let raw = self.get("AMOUNT").ok_or(Error::MissingField("AMOUNT"))?;
        Amount::parse_decimal(raw).map_err(|_| Error::InvalidField {
            field: "AMOUNT".into(),
            reason: "not a decimal amount with at most two decimals",
        })
    }

    /// The decoded content of `HTML_ANSWER`: the HTML page (3-D Secure, `STATUS="46"`) to send
    /// to the customer's browser as it is. Its bytes are in the charset the page declares.
    ///
    /// ```
    /// use ogone::DirectLinkResponse;
    ///
    /// let xml = br#"<ncresponse STATUS="46"><HTML_ANSWER>PGZvcm0+PC9mb3JtPg==</HTML_ANSWER></ncresponse>"#;
    /// let answer = DirectLinkResponse::parse(xml)?;
    /// assert_eq!(answer.html_answer(), Some(&b"<form></form>"[..]));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn html_answer(&self) -> Option<&[u8]> {
        self.html_answer.as_deref()
    }
}

/// The root's attributes, after checking its name; duplicates (ignoring case) are rejected.
///
/// Linear in the number of attributes: names seen are kept in a hash set (quick-xml's own
/// duplicate check, `with_checks`, compares each name with every earlier one, and is off).
fn root_attributes(root: &BytesStart<'_>) -> Result<Vec<(String, String)>, Error> {
    if !root.name().as_ref().eq_ignore_ascii_case(ROOT.as_bytes()) {
        return Err(malformed("has a root element other than ncresponse"));
    }
    let mut attributes: Vec<(String, String)> = Vec::new();
    let mut seen: HashSet<Vec<u8>> = HashSet::new();
    for attribute in root.attributes().with_checks(false) {
        let attribute = attribute.map_err(|_| malformed("has a malformed attribute"))?;
        let name = core::str::from_utf8(attribute.key.as_ref())
            .map_err(|_| malformed("has a malformed attribute"))?;
        if !seen.insert(name.as_bytes().to_ascii_uppercase()) {
            return Err(malformed("has a duplicate attribute"));
        }
        // quick-xml lets a raw `<` through; XML forbids it in an attribute value.
        if attribute.value.contains(&b'<') {
            return Err(malformed("has a `<` in an attribute value"));
        }
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|_| malformed("has an attribute value with a bad escape"))?;
        attributes.push((String::from(name), value.into_owned()));
    }
    Ok(attributes)
}

/// Whether an element is `HTML_ANSWER` (ignoring ASCII case).
fn is_html_answer(element: &BytesStart<'_>) -> bool {
    element
        .name()
        .as_ref()
        .eq_ignore_ascii_case(HTML_ANSWER.as_bytes())
}

/// Whether a text event is only XML white space.
fn is_blank(text: &[u8]) -> bool {
    text.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Appends to the `HTML_ANSWER` text being collected.
fn push_to(target: &mut Option<String>, text: &str) {
    if let Some(t) = target {
        t.push_str(text);
    }
}

/// The text of a character or predefined entity reference (`&#43;`, `&amp;`).
fn resolve_reference<'b>(reference: &BytesRef<'_>, buf: &'b mut [u8; 4]) -> Result<&'b str, Error> {
    let bad = || malformed("has an unknown or malformed entity reference");
    if let Some(ch) = reference.resolve_char_ref().map_err(|_| bad())? {
        return Ok(ch.encode_utf8(buf));
    }
    let name = reference.decode().map_err(|_| bad())?;
    let text = quick_xml::escape::resolve_predefined_entity(&name).ok_or_else(bad)?;
    // Each predefined entity is a single ASCII character.
    let ch = text.chars().next().ok_or_else(bad)?;
    Ok(ch.encode_utf8(buf))
}

/// Decodes the base64 of `HTML_ANSWER`, ignoring the white space of line breaks.
fn decode_base64(text: &str) -> Result<Vec<u8>, Error> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .map_err(|_| Error::InvalidField {
            field: HTML_ANSWER.into(),
            reason: "is not base64",
        })
}
