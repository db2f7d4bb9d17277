//! `DirectLinkResponse`: the DirectLink XML answer, parsed (feature `xml`).
//!
//! Samples of the answers Ogone sends (authorisation, refusal, maintenance, query, 3-D Secure),
//! ISO-8859-1 values, malformed documents, and a property: no input makes the parser panic.

#![cfg(feature = "xml")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ogone::{
    DirectLinkResponse, Error, MAX_DIRECT_LINK_RESPONSE_BYTES, NcErrorClass, Outcome, Status,
};
use proptest::prelude::*;

/// An authorisation answer (orderdirect.asp), as in Ingenico's DirectLink guide.
const AUTHORISED: &[u8] = br#"<?xml version="1.0"?><ncresponse orderID="99999" PAYID="1111111" NCSTATUS="0" NCERROR="0" NCERRORPLUS="!" ACCEPTANCE="12345" STATUS="5" IPCTY="99" CCCTY="99" ECI="7" CVCCheck="NO" AAVCheck="NO" VC="NO" amount="125" currency="EUR" PM="CreditCard" BRAND="VISA"></ncresponse>"#;

/// The 3-D Secure page sent base64 in `HTML_ANSWER`.
const HTML_FORM: &[u8] = br#"<form name="downloadform3D" action="https://acs.example/3ds" method="post"><input type="hidden" name="PaReq" value="eJxVUk1"></form>"#;

/// Base64 of [`HTML_FORM`], produced once with
/// `python3 -c "import base64;print(base64.b64encode(b'...').decode())"`.
const HTML_FORM_BASE64: &str = "PGZvcm0gbmFtZT0iZG93bmxvYWRmb3JtM0QiIGFjdGlvbj0iaHR0cHM6Ly9hY3MuZXhhbXBsZS8zZHMiIG1ldGhvZD0icG9zdCI+PGlucHV0IHR5cGU9ImhpZGRlbiIgbmFtZT0iUGFSZXEiIHZhbHVlPSJlSnhWVWsxIj48L2Zvcm0+";

/// The `reason` of an `InvalidField` error naming `field`, or a panic.
fn invalid_reason(result: Result<DirectLinkResponse, Error>, field: &str) -> &'static str {
    match result {
        Err(Error::InvalidField { field: f, reason }) if f == field => reason,
        other => panic!("expected InvalidField {{ field: {field:?} }}, got {other:?}"),
    }
}

#[test]
fn authorisation_answer() {
    let answer = DirectLinkResponse::parse(AUTHORISED).unwrap();
    assert_eq!(answer.order_id(), Some("99999"));
    assert_eq!(answer.pay_id(), Some("1111111"));
    assert_eq!(answer.pay_id_sub(), None);
    assert_eq!(answer.acceptance(), Some("12345"));
    assert_eq!(answer.currency(), Some("EUR"));
    assert_eq!(answer.payment_method(), Some("CreditCard"));
    assert_eq!(answer.brand(), Some("VISA"));
    assert_eq!(answer.status().unwrap(), Status::Authorised);
    assert_eq!(answer.status().unwrap().outcome(), Outcome::Succeeded);
    assert!(answer.nc_error().unwrap().is_success());
    assert_eq!(answer.nc_error_plus(), Some("!"));
    assert_eq!(answer.amount().unwrap().minor_units(), 12500);
    assert_eq!(answer.get("NCSTATUS"), Some("0"));
    assert_eq!(answer.get("eci"), Some("7"));
    assert_eq!(answer.get("CVCCHECK"), Some("NO"));
    assert_eq!(answer.get("Missing"), None);
    assert_eq!(answer.html_answer(), None);
    assert_eq!(answer.iter().count(), 17);
    assert_eq!(answer.iter().next(), Some(("orderID", "99999")));
}

#[test]
fn refused_answer() {
    let xml = br#"<?xml version="1.0"?>
<ncresponse orderID="ORD-7" PAYID="3011111" NCSTATUS="3" NCERROR="30001001" NCERRORPLUS="Payment refused by the acquirer" ACCEPTANCE="" STATUS="2" amount="10.5" currency="GBP" PM="CreditCard" BRAND="MasterCard">
</ncresponse>
"#;
    let answer = DirectLinkResponse::parse(xml).unwrap();
    assert_eq!(answer.status().unwrap(), Status::AuthorisationRefused);
    assert_eq!(answer.status().unwrap().outcome(), Outcome::Declined);
    let error = answer.nc_error().unwrap();
    assert_eq!(error.code(), 30_001_001);
    assert_eq!(error.class(), NcErrorClass::Refused);
    assert_eq!(
        answer.nc_error_plus(),
        Some("Payment refused by the acquirer")
    );
    assert_eq!(answer.acceptance(), Some(""));
    assert_eq!(answer.amount().unwrap().minor_units(), 1050);
    assert_eq!(answer.brand(), Some("MasterCard"));
}

#[test]
fn maintenance_answer_with_payidsub() {
    // maintenancedirect.asp: upper-case ORDERID / AMOUNT, and PAYIDSUB.
    let xml = br#"<?xml version="1.0"?><ncresponse ORDERID="99999" PAYID="1111111" PAYIDSUB="3" NCSTATUS="0" NCERROR="0" NCERRORPLUS="!" ACCEPTANCE="12345" STATUS="91" AMOUNT="12.34" CURRENCY="EUR"></ncresponse>"#;
    let answer = DirectLinkResponse::parse(xml).unwrap();
    assert_eq!(answer.order_id(), Some("99999"));
    assert_eq!(answer.pay_id_sub(), Some("3"));
    assert_eq!(answer.status().unwrap(), Status::PaymentProcessing);
    assert_eq!(answer.amount().unwrap().minor_units(), 1234);
    assert_eq!(answer.currency(), Some("EUR"));
    assert_eq!(answer.get("payidsub"), Some("3"));
}

#[test]
fn query_answer() {
    // querydirect.asp: same attributes, self-closing root, single quotes.
    let xml = b"<?xml version='1.0'?>\r\n<ncresponse orderID='Q-1' PAYID='42' PAYIDSUB='0' NCSTATUS='0' NCERROR='0' NCERRORPLUS='!' ACCEPTANCE='A1' STATUS='9' ECI='7' amount='582.42' currency='CHF' PM='PostFinance Card' BRAND='PostFinance Card'/>\r\n";
    let answer = DirectLinkResponse::parse(xml).unwrap();
    assert_eq!(answer.status().unwrap(), Status::PaymentRequested);
    assert_eq!(answer.amount().unwrap().minor_units(), 58242);
    assert_eq!(answer.payment_method(), Some("PostFinance Card"));
    assert_eq!(answer.pay_id(), Some("42"));
    assert_eq!(answer.pay_id_sub(), Some("0"));
}

#[test]
fn three_d_secure_answer_with_html_answer() {
    let xml = format!(
        r#"<?xml version="1.0"?><ncresponse orderID="3DS-1" PAYID="555" NCSTATUS="5" NCERROR="0" NCERRORPLUS="!" ACCEPTANCE="" STATUS="46" amount="20" currency="EUR" PM="CreditCard" BRAND="VISA"><HTML_ANSWER>{HTML_FORM_BASE64}</HTML_ANSWER></ncresponse>"#
    );
    let answer = DirectLinkResponse::parse(xml.as_bytes()).unwrap();
    assert_eq!(answer.status().unwrap(), Status::WaitingAuthentication);
    assert_eq!(answer.status().unwrap().outcome(), Outcome::Pending);
    assert_eq!(answer.html_answer(), Some(HTML_FORM));
    // HTML_ANSWER is a child, not an attribute.
    assert_eq!(answer.get("HTML_ANSWER"), None);
}

#[test]
fn html_answer_with_line_breaks_and_lower_case_name() {
    let (first, second) = HTML_FORM_BASE64.split_at(40);
    let xml = format!(
        "<ncresponse STATUS=\"46\">\n  <html_answer>\n{first}\r\n{second}\n</html_answer>\n</ncresponse>"
    );
    let answer = DirectLinkResponse::parse(xml.as_bytes()).unwrap();
    assert_eq!(answer.html_answer(), Some(HTML_FORM));
}

#[test]
fn html_answer_in_cdata_and_with_char_reference() {
    // "PHA+Y2Fm6TwvcD4=" is base64 of b"<p>caf\xe9</p>" (python3, as above); `&#43;` is `+`.
    let xml =
        b"<ncresponse><HTML_ANSWER><![CDATA[PHA]]>&#43;Y2Fm6TwvcD4=</HTML_ANSWER></ncresponse>";
    let answer = DirectLinkResponse::parse(xml).unwrap();
    assert_eq!(answer.html_answer(), Some(&b"<p>caf\xe9</p>"[..]));
}

#[test]
fn empty_html_answer_is_empty_page() {
    let answer = DirectLinkResponse::parse(b"<ncresponse><HTML_ANSWER/></ncresponse>").unwrap();
    assert_eq!(answer.html_answer(), Some(&b""[..]));
}

#[test]
fn iso_8859_1_values() {
    // Byte 0xE9 is 'é' in ISO-8859-1; it is not valid UTF-8 on its own.
    let xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><ncresponse NCERROR=\"50001111\" NCERRORPLUS=\"Donn\xe9es invalides\" STATUS=\"0\"></ncresponse>";
    let answer = DirectLinkResponse::parse(xml).unwrap();
    assert_eq!(answer.nc_error_plus(), Some("Données invalides"));
    assert_eq!(answer.status().unwrap(), Status::InvalidOrIncomplete);
    assert_eq!(
        answer.nc_error().unwrap().class(),
        NcErrorClass::DataOrConfiguration
    );
}

#[test]
fn attribute_values_are_unescaped() {
    let xml = br#"<ncresponse orderID="a&amp;b&lt;c&gt;d&quot;e&apos;f&#233;&#xE9;" NCERRORPLUS="line1&#10;line2	tab"/>"#;
    let answer = DirectLinkResponse::parse(xml).unwrap();
    assert_eq!(answer.order_id(), Some("a&b<c>d\"e'féé"));
    // A character reference survives normalisation; a literal tab becomes a space.
    assert_eq!(answer.nc_error_plus(), Some("line1\nline2 tab"));
}

#[test]
fn comments_and_other_children_are_skipped() {
    let xml = br#"<?xml version="1.0"?><!-- answer --><ncresponse STATUS="5"><other a="1"><deeper/></other><!-- x --></ncresponse><!-- end -->"#;
    let answer = DirectLinkResponse::parse(xml).unwrap();
    assert_eq!(answer.status().unwrap(), Status::Authorised);
    assert_eq!(answer.html_answer(), None);
}

#[test]
fn root_name_matches_case_insensitively() {
    let answer = DirectLinkResponse::parse(br#"<NCRESPONSE STATUS="5"/>"#).unwrap();
    assert_eq!(answer.status().unwrap(), Status::Authorised);
}

#[test]
fn typed_accessors_report_missing_and_invalid_fields() {
    let answer = DirectLinkResponse::parse(b"<ncresponse/>").unwrap();
    assert_eq!(answer.status(), Err(Error::MissingField("STATUS")));
    assert_eq!(answer.nc_error(), Err(Error::MissingField("NCERROR")));
    assert_eq!(answer.amount(), Err(Error::MissingField("AMOUNT")));
    assert_eq!(answer.order_id(), None);

    let answer =
        DirectLinkResponse::parse(br#"<ncresponse STATUS="3" NCERROR="5000" amount="1,5"/>"#)
            .unwrap();
    assert!(matches!(answer.status(), Err(Error::InvalidField { field, .. }) if field == "STATUS"));
    assert!(
        matches!(answer.nc_error(), Err(Error::InvalidField { field, .. }) if field == "NCERROR")
    );
    assert!(matches!(answer.amount(), Err(Error::InvalidField { field, .. }) if field == "AMOUNT"));
}

#[test]
fn rejects_empty_input() {
    assert_eq!(
        invalid_reason(DirectLinkResponse::parse(b""), "ncresponse"),
        "has no root element"
    );
    assert_eq!(
        invalid_reason(DirectLinkResponse::parse(b" \r\n\t"), "ncresponse"),
        "has no root element"
    );
    assert_eq!(
        invalid_reason(
            DirectLinkResponse::parse(b"<?xml version=\"1.0\"?><!-- nothing -->"),
            "ncresponse"
        ),
        "has no root element"
    );
}

#[test]
fn rejects_non_xml() {
    for input in [
        &b"Service Unavailable"[..],
        b"STATUS=5&PAYID=1",
        b"{\"STATUS\":5}",
        b"\x00\x01\x02\xff",
        b"<",
        b"<>",
        b"</ncresponse>",
        b"<ncresponse STATUS=5/>",
        b"<ncresponse STATUS=\"5/>",
        b"<ncresponse STATUS=\"a&b\"/>",
        b"<ncresponse STATUS=\"&unknown;\"/>",
        b"<ncresponse STATUS=\"a<b\"/>",
        b"<ncresponse/> trailing garbage",
    ] {
        assert_malformed(input);
    }
}

/// Asserts that `input` is refused as a malformed `ncresponse`.
fn assert_malformed(input: &[u8]) {
    let result = DirectLinkResponse::parse(input);
    assert!(
        matches!(&result, Err(Error::InvalidField { field, .. }) if field == "ncresponse"),
        "{:?}: {result:?}",
        String::from_utf8_lossy(input)
    );
}

#[test]
fn rejects_wrong_root() {
    for input in [
        &b"<html><body>Error</body></html>"[..],
        b"<?xml version=\"1.0\"?><response STATUS=\"5\"/>",
        b"<ncresponses STATUS=\"5\"/>",
        b"<x:ncresponse xmlns:x=\"urn:x\" STATUS=\"5\"/>",
    ] {
        assert_eq!(
            invalid_reason(DirectLinkResponse::parse(input), "ncresponse"),
            "has a root element other than ncresponse",
            "{:?}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn rejects_unclosed_and_unbalanced_tags() {
    for input in [
        &b"<ncresponse STATUS=\"5\">"[..],
        b"<ncresponse STATUS=\"5\"><HTML_ANSWER>PGZvcm0+</ncresponse>",
        b"<ncresponse STATUS=\"5\"></ncresponsex>",
        b"<ncresponse STATUS=\"5\"><a></b></ncresponse>",
        b"<ncresponse STATUS=\"5\"></ncresponse></ncresponse>",
        b"<ncresponse STATUS=\"5\"",
        b"<ncresponse STATUS=\"5\"><!-- unclosed comment </ncresponse>",
    ] {
        assert_malformed(input);
    }
}

#[test]
fn rejects_two_roots_and_doctype() {
    assert_eq!(
        invalid_reason(
            DirectLinkResponse::parse(b"<ncresponse STATUS=\"5\"/><ncresponse STATUS=\"9\"/>"),
            "ncresponse"
        ),
        "has more than one root element"
    );
    assert_eq!(
        invalid_reason(
            DirectLinkResponse::parse(
                b"<!DOCTYPE ncresponse [<!ENTITY x \"9\">]><ncresponse STATUS=\"&x;\"/>"
            ),
            "ncresponse"
        ),
        "has a DOCTYPE"
    );
}

#[test]
fn rejects_duplicate_attributes() {
    // Exactly the same name, and the same name in another case.
    for input in [
        &br#"<ncresponse STATUS="2" STATUS="9"/>"#[..],
        br#"<ncresponse orderID="1" ORDERID="2"/>"#,
        br#"<ncresponse amount="1" AMOUNT="1000"/>"#,
    ] {
        let reason = invalid_reason(DirectLinkResponse::parse(input), "ncresponse");
        assert!(
            reason == "has a duplicate attribute" || reason == "has a malformed attribute",
            "{reason}"
        );
    }
    assert_eq!(
        invalid_reason(
            DirectLinkResponse::parse(br#"<ncresponse orderID="1" ORDERID="2"/>"#),
            "ncresponse"
        ),
        "has a duplicate attribute"
    );
}

#[test]
fn rejects_two_html_answers() {
    let xml = b"<ncresponse><HTML_ANSWER>PGZvcm0+</HTML_ANSWER><HTML_ANSWER>PGZvcm0+</HTML_ANSWER></ncresponse>";
    assert_eq!(
        invalid_reason(DirectLinkResponse::parse(xml), "ncresponse"),
        "has more than one HTML_ANSWER"
    );
}

#[test]
fn rejects_bad_base64() {
    for content in [
        "not base64!",
        "PGZvcm0",
        "PGZv*cm0+",
        "====",
        "PGZvcm0+\u{e9}",
    ] {
        let xml =
            format!("<ncresponse STATUS=\"46\"><HTML_ANSWER>{content}</HTML_ANSWER></ncresponse>");
        assert_eq!(
            invalid_reason(DirectLinkResponse::parse(xml.as_bytes()), "HTML_ANSWER"),
            "is not base64",
            "{content:?}"
        );
    }
}

#[test]
fn rejects_huge_input() {
    let mut xml = b"<ncresponse NCERRORPLUS=\"".to_vec();
    xml.resize(MAX_DIRECT_LINK_RESPONSE_BYTES - 3, b'x');
    xml.extend_from_slice(b"\"/>");
    assert_eq!(xml.len(), MAX_DIRECT_LINK_RESPONSE_BYTES);
    let answer = DirectLinkResponse::parse(&xml).unwrap();
    assert_eq!(
        answer.nc_error_plus().map(str::len),
        Some(MAX_DIRECT_LINK_RESPONSE_BYTES - 28)
    );

    xml.insert(1, b' ');
    assert_eq!(
        DirectLinkResponse::parse(&xml),
        Err(Error::TooLarge {
            len: MAX_DIRECT_LINK_RESPONSE_BYTES + 1,
            limit: MAX_DIRECT_LINK_RESPONSE_BYTES,
        })
    );
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut xml = b"<ncresponse STATUS=\"5\">".to_vec();
    for _ in 0..50_000 {
        xml.extend_from_slice(b"<a>");
    }
    for _ in 0..50_000 {
        xml.extend_from_slice(b"</a>");
    }
    xml.extend_from_slice(b"</ncresponse>");
    let answer = DirectLinkResponse::parse(&xml).unwrap();
    assert_eq!(answer.status().unwrap(), Status::Authorised);
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = DirectLinkResponse::parse(&bytes);
    }

    #[test]
    fn xml_like_input_never_panics(
        pieces in proptest::collection::vec(
            prop_oneof![
                Just("<ncresponse".to_owned()),
                Just("</ncresponse>".to_owned()),
                Just("<HTML_ANSWER>".to_owned()),
                Just("</HTML_ANSWER>".to_owned()),
                Just("<![CDATA[".to_owned()),
                Just("]]>".to_owned()),
                Just("<!--".to_owned()),
                Just("-->".to_owned()),
                Just("<?xml version=\"1.0\"?>".to_owned()),
                Just("<!DOCTYPE x>".to_owned()),
                Just(" STATUS=\"5\"".to_owned()),
                Just(" status='9'".to_owned()),
                Just("&amp;".to_owned()),
                Just("&#x0;".to_owned()),
                Just("&#99999999;".to_owned()),
                Just("/>".to_owned()),
                Just(">".to_owned()),
                Just("<".to_owned()),
                Just("\"".to_owned()),
                "[A-Za-z0-9+/=]{0,12}",
            ],
            0..24,
        )
    ) {
        let xml = pieces.concat();
        let _ = DirectLinkResponse::parse(xml.as_bytes());
    }

    #[test]
    fn attribute_values_round_trip(value in "[ -~\u{a0}-\u{ff}]{0,40}") {
        // Escape the value as XML, encode it as ISO-8859-1, and read it back.
        let escaped = value
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;");
        let xml: Vec<u8> = format!("<ncresponse NCERRORPLUS=\"{escaped}\"/>")
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect();
        let answer = DirectLinkResponse::parse(&xml).unwrap();
        prop_assert_eq!(answer.nc_error_plus(), Some(value.as_str()));
    }
}
