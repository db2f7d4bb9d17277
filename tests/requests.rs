//! Request builders: what they emit, what they refuse (each refusal names the field), and HTML
//! that stays inert whatever the values hold.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ogone::{
    AliasGateway, Amount, Charset, Credentials, DirectLinkOrder, Environment, Error, FlexCheckout,
    HashAlgorithm, HostedPaymentPage, ListKind, Maintenance, Operation, Params, Passphrase,
    Platform, Query, ShaInKey, ShaOutKey, Signer, ThreeDSecure, TransportCharset,
};
use proptest::prelude::*;

const KEY: &str = "Mysecretsig1875!?";

fn creds() -> Credentials {
    Credentials::new(
        "MyPSPID",
        ShaInKey::new(KEY),
        ShaOutKey::new("another-out-key-123"),
        HashAlgorithm::Sha1,
    )
    .with_api_user("api_user", "api-password-1")
}

fn amount(minor: u64) -> Amount {
    Amount::from_minor_units(minor).unwrap()
}

fn field_of<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::InvalidField { field, .. }) => field.to_string(),
        Err(Error::MissingField(field)) => field.to_string(),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn hosted_page_signs_the_guide_example() {
    // Spec section 1: the e-Commerce guide's SHA-IN example, SHA-1.
    let request = HostedPaymentPage::new("1234", amount(1500), "EUR")
        .language("en_US")
        .build(&creds())
        .unwrap();
    assert_eq!(
        request.get("SHASIGN"),
        Some("F4CC376CD7A834D997B91598FA747825A238BE0A")
    );
    let names: Vec<&str> = request.fields().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "AMOUNT", "CURRENCY", "LANGUAGE", "ORDERID", "PSPID", "SHASIGN"
        ]
    );
    assert_eq!(
        request.to_form_body().unwrap(),
        "AMOUNT=1500&CURRENCY=EUR&LANGUAGE=en_US&ORDERID=1234&PSPID=MyPSPID&SHASIGN=F4CC376CD7A834D997B91598FA747825A238BE0A"
    );
}

#[test]
fn direct_link_hashes_user_and_password() {
    // Spec section 1: the DirectLink guide's example, with USERID and PSWD added (both hashed).
    let request = DirectLinkOrder::new("1234", amount(1500), "EUR")
        .operation(Operation::Reservation)
        .alias("A1")
        .build(&creds())
        .unwrap();
    assert_eq!(request.get("PSWD"), Some("api-password-1"));
    let explained =
        Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha1).explain(request.params());
    assert!(explained.kept().contains(&"USERID".to_string()));
    assert!(explained.kept().contains(&"PSWD".to_string()));
    assert!(explained.redacted().contains("PSWD=<password><passphrase>"));
    assert!(!format!("{request:?}").contains("api-password-1"));
    // Without the password the signature is another one.
    let mut without = request.params().clone();
    let sig = without.remove("SHASIGN").unwrap();
    Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha1)
        .verify(&without, &sig)
        .unwrap();
    without.remove("PSWD");
    assert!(
        Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha1)
            .verify(&without, &sig)
            .is_err()
    );
}

#[test]
fn direct_link_needs_an_api_user_and_a_means_of_payment() {
    let no_user = Credentials::new(
        "MyPSPID",
        ShaInKey::new(KEY),
        ShaOutKey::new("x-out-key-0123456"),
        HashAlgorithm::Sha1,
    );
    assert_eq!(
        field_of(
            DirectLinkOrder::new("1", amount(1), "EUR")
                .alias("A")
                .build(&no_user)
        ),
        "USERID"
    );
    assert_eq!(
        field_of(DirectLinkOrder::new("1", amount(1), "EUR").build(&creds())),
        "ALIAS"
    );
    assert_eq!(field_of(Query::by_pay_id("12").build(&no_user)), "USERID");
}

#[test]
fn direct_link_has_its_own_sha_in_key_when_given() {
    let both = creds().with_direct_link_sha_in(ShaInKey::new("direct-link-key-1234"));
    let hosted = HostedPaymentPage::new("1234", amount(1500), "EUR")
        .build(&both)
        .unwrap();
    let direct = Query::by_order_id("1234").build(&both).unwrap();
    let mut hosted_params = hosted.params().clone();
    let hosted_sig = hosted_params.remove("SHASIGN").unwrap();
    Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha1)
        .verify(&hosted_params, &hosted_sig)
        .unwrap();
    let mut direct_params = direct.params().clone();
    let direct_sig = direct_params.remove("SHASIGN").unwrap();
    Signer::sha_in(Passphrase::new("direct-link-key-1234"), HashAlgorithm::Sha1)
        .verify(&direct_params, &direct_sig)
        .unwrap();
}

#[test]
fn maintenance_and_query() {
    for op in [
        Operation::Sale,
        Operation::SaleLast,
        Operation::Refund,
        Operation::RefundLast,
        Operation::Renewal,
        Operation::Deletion,
        Operation::DeletionLast,
    ] {
        let r = Maintenance::new("3014726", op)
            .amount(amount(500))
            .build(&creds())
            .unwrap();
        assert_eq!(r.get("OPERATION"), Some(op.code()));
        assert!(r.url().ends_with("/maintenancedirect_utf8.asp"));
    }
    for op in [Operation::Reservation, Operation::PreAuthorisation] {
        assert_eq!(
            field_of(Maintenance::new("3014726", op).build(&creds())),
            "OPERATION"
        );
    }
    assert_eq!(
        field_of(Maintenance::new("30x", Operation::Refund).build(&creds())),
        "PAYID"
    );
    let q = Query::by_pay_id("3014726")
        .pay_id_sub(2)
        .build(&creds())
        .unwrap();
    assert_eq!(q.get("PAYIDSUB"), Some("2"));
    assert_eq!(field_of(Query::by_pay_id("").build(&creds())), "PAYID");
}

#[test]
fn builders_reject_each_invalid_field_by_name() {
    let c = creds();
    let page = || HostedPaymentPage::new("1234", amount(1500), "EUR");
    let cases: Vec<(&str, Result<(), Error>)> = vec![
        (
            "ORDERID",
            HostedPaymentPage::new("x".repeat(41), amount(1500), "EUR")
                .build(&c)
                .map(|_| ()),
        ),
        (
            "ORDERID",
            HostedPaymentPage::new("", amount(1500), "EUR")
                .build(&c)
                .map(|_| ()),
        ),
        (
            "AMOUNT",
            HostedPaymentPage::new("1", amount(0), "EUR")
                .build(&c)
                .map(|_| ()),
        ),
        (
            "CURRENCY",
            HostedPaymentPage::new("1", amount(1), "EURO")
                .build(&c)
                .map(|_| ()),
        ),
        (
            "CURRENCY",
            HostedPaymentPage::new("1", amount(1), "eur")
                .build(&c)
                .map(|_| ()),
        ),
        ("LANGUAGE", page().language("english").build(&c).map(|_| ())),
        (
            "EMAIL",
            page().email("not-an-address").build(&c).map(|_| ()),
        ),
        (
            "EMAIL",
            page()
                .email(format!("{}@example.com", "a".repeat(45)))
                .build(&c)
                .map(|_| ()),
        ),
        (
            "OWNERZIP",
            page().owner_zip("12345678901").build(&c).map(|_| ()),
        ),
        (
            "OWNERTOWN",
            page().owner_town("t".repeat(41)).build(&c).map(|_| ()),
        ),
        (
            "OWNERADDRESS",
            page().owner_address("a".repeat(51)).build(&c).map(|_| ()),
        ),
        (
            "OWNERCTY",
            page().owner_country("Belgium").build(&c).map(|_| ()),
        ),
        ("OWNERCTY", page().owner_country("XX").build(&c).map(|_| ())),
        (
            "OWNERTELNO",
            page().owner_telno("1".repeat(31)).build(&c).map(|_| ()),
        ),
        ("COM", page().com("c".repeat(101)).build(&c).map(|_| ())),
        ("ALIAS", page().alias("a".repeat(51)).build(&c).map(|_| ())),
        (
            "CN",
            page().customer_name("line\r\nbreak").build(&c).map(|_| ()),
        ),
        (
            "ACCEPTURL",
            page()
                .accept_url("javascript:alert(1)")
                .build(&c)
                .map(|_| ()),
        ),
        (
            "DECLINEURL",
            page()
                .decline_url(format!("https://x.example/{}", "p".repeat(190)))
                .build(&c)
                .map(|_| ()),
        ),
        (
            "EXCEPTIONURL",
            page().exception_url("ftp://x").build(&c).map(|_| ()),
        ),
        (
            "CANCELURL",
            page().cancel_url("/relative").build(&c).map(|_| ()),
        ),
        ("BACKURL", page().back_url("x").build(&c).map(|_| ())),
        (
            "OPERATION",
            page().operation(Operation::Refund).build(&c).map(|_| ()),
        ),
        (
            "PSPID",
            HostedPaymentPage::new("1", amount(1), "EUR")
                .build(&Credentials::new(
                    "p".repeat(31),
                    ShaInKey::new(KEY),
                    ShaOutKey::new("o-0123456789abcdef"),
                    HashAlgorithm::Sha1,
                ))
                .map(|_| ()),
        ),
        (
            "USERID",
            Query::by_pay_id("1")
                .build(
                    &Credentials::new(
                        "p",
                        ShaInKey::new(KEY),
                        ShaOutKey::new("o-0123456789abcdef"),
                        HashAlgorithm::Sha1,
                    )
                    .with_api_user("u", "long-enough"),
                )
                .map(|_| ()),
        ),
        (
            "PSWD",
            Query::by_pay_id("1")
                .build(
                    &Credentials::new(
                        "p",
                        ShaInKey::new(KEY),
                        ShaOutKey::new("o-0123456789abcdef"),
                        HashAlgorithm::Sha1,
                    )
                    .with_api_user("user", "short"),
                )
                .map(|_| ()),
        ),
        (
            "ALIAS.ORDERID",
            FlexCheckout::new(
                "o".repeat(41),
                "https://a.example/ok",
                "https://a.example/ko",
            )
            .build(&c)
            .map(|_| ()),
        ),
        (
            "PARAMETERS.ACCEPTURL",
            FlexCheckout::new("o", "nope", "https://a.example/ko")
                .build(&c)
                .map(|_| ()),
        ),
        (
            "LAYOUT.LANGUAGE",
            FlexCheckout::new("o", "https://a.example/ok", "https://a.example/ko")
                .language("EN")
                .build(&c)
                .map(|_| ()),
        ),
        (
            "EXCEPTIONURL",
            AliasGateway::new("o", "https://a.example/ok", "mailto:x")
                .build(&c)
                .map(|_| ()),
        ),
    ];
    for (field, result) in cases {
        assert_eq!(field_of(result), field);
    }
    // A name the platform cannot take.
    assert!(matches!(
        page().param("A=B", "x").build(&c),
        Err(Error::InvalidName { .. })
    ));
}

#[test]
fn html_form_escapes_hostile_values() {
    let hostile = "\"'><script>alert(1)</script>&amp;";
    let request = HostedPaymentPage::new("o<1>", amount(1500), "EUR")
        .customer_name(hostile)
        .com_plus(hostile)
        .param("TITLE", hostile)
        .build(&creds())
        .unwrap();
    let html = request.to_html_form_with_nonce("n\"once");
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("'>"));
    assert_eq!(
        html.matches("&quot;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;")
            .count(),
        3
    );
    assert!(html.contains("value=\"o&lt;1&gt;\""));
    assert!(html.contains("nonce=\"n&quot;once\""));
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(
        html.matches("<input type=\"hidden\"").count(),
        request.fields().count()
    );
    assert!(html.contains(&format!("action=\"{}\"", request.url())));
    // Every value is there, once escaped: unescaping the attribute gives it back.
    let unescape = |s: &str| {
        s.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    for (name, value) in request.fields() {
        let needle = format!("name=\"{name}\" value=\"");
        let start = html.find(&needle).unwrap() + needle.len();
        let end = start + html[start..].find('"').unwrap();
        assert_eq!(unescape(&html[start..end]), value);
    }
}

#[test]
fn iso_8859_1_accounts_use_plain_pages_and_latin1_bodies() {
    let latin = creds()
        .with_charset(Charset::Iso8859_1)
        .with_environment(Environment::Production)
        .with_platform(Platform::PostFinance);
    let request = HostedPaymentPage::new("1234", amount(1500), "CHF")
        .customer_name("Zoë")
        .build(&latin)
        .unwrap();
    assert_eq!(
        request.url(),
        "https://e-payment.postfinance.ch/ncol/prod/orderstandard.asp"
    );
    assert_eq!(request.transport(), TransportCharset::Iso8859_1);
    assert!(request.to_form_body().unwrap().contains("CN=Zo%EB"));
    assert!(
        request
            .to_html_form()
            .contains("accept-charset=\"ISO-8859-1\"")
    );
    assert!(matches!(
        HostedPaymentPage::new("1234", amount(1500), "CHF")
            .customer_name("€")
            .build(&latin),
        Err(Error::Unencodable { .. })
    ));
    // The body decodes back, in its transport charset, to the signed fields.
    let decoded = Params::parse_form(
        request.to_form_body().unwrap().as_bytes(),
        request.transport(),
    )
    .unwrap();
    assert_eq!(&decoded, request.params());
}

#[test]
fn flexcheckout_uses_dotted_names_and_its_own_signature_field() {
    let request = FlexCheckout::new("o-7", "https://a.example/ok", "https://a.example/ko")
        .param("ALIAS_STOREPERMANENTLY", "Y")
        .param("CARD_PAYMENTMETHOD", "CreditCard")
        .param("layout_templatename", "my_template")
        .build(&creds())
        .unwrap();
    assert_eq!(request.get("ALIAS.STOREPERMANENTLY"), Some("Y"));
    assert_eq!(request.get("LAYOUT.TEMPLATENAME"), Some("my_template"));
    assert_eq!(request.get("SHASIGN"), None);
    let mut params = request.params().clone();
    let sig = params.remove("SHASIGNATURE.SHASIGN").unwrap();
    // Every parameter is hashed, in UTF-8.
    Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha1)
        .with_list(ListKind::All)
        .verify(&params, &sig)
        .unwrap();
}

#[test]
fn three_d_secure_fields() {
    let request = DirectLinkOrder::new("1", amount(100), "EUR")
        .card_number("4111111111111111")
        .expiry_date("1230")
        .cvc("123")
        .three_d_secure(ThreeDSecure {
            accept_url: "https://a.example/ok".into(),
            decline_url: "https://a.example/ko".into(),
            exception_url: "https://a.example/ex".into(),
            language: "en_US".into(),
            ..ThreeDSecure::default()
        })
        .build(&creds())
        .unwrap();
    assert_eq!(request.get("FLAG3D"), Some("Y"));
    assert_eq!(request.get("WIN3DS"), Some("MAINW"));
    assert_eq!(request.get("BROWSERJAVAENABLED"), Some("false"));
}

proptest! {
    #[test]
    fn builders_never_panic(order in "\\PC{0,50}", cur in "\\PC{0,4}", v in "\\PC{0,60}", minor in 0u64..=ogone::MAX_MINOR_UNITS) {
        let c = creds();
        let a = amount(minor);
        let _ = HostedPaymentPage::new(order.clone(), a, cur.clone()).customer_name(v.clone()).accept_url(v.clone()).build(&c).map(|r| r.to_html_form());
        let _ = DirectLinkOrder::new(order.clone(), a, cur).alias(v.clone()).build(&c).map(|r| r.to_form_body());
        let _ = Maintenance::new(v.clone(), Operation::Refund).build(&c);
        let _ = Query::by_order_id(order.clone()).build(&c);
        let _ = AliasGateway::new(order.clone(), v.clone(), v.clone()).build(&c);
        let _ = FlexCheckout::new(order, v.clone(), v.clone()).param(&v, "x").build(&c);
    }
}

/// Properties over the parameter sets of `ogone::strategies` (feature `proptest`): every set
/// builds, and the builder signs exactly what a bare signer signs for the same pairs.
#[cfg(feature = "proptest")]
mod strategies {
    use super::*;
    use ogone::strategies::{
        FlowParams, direct_link_params, direct_link_params_in, flexcheckout_params,
        hosted_page_params, hosted_page_params_in,
    };
    use ogone::{RequestSigner, SignedRequest};

    fn any_algorithm() -> impl Strategy<Value = HashAlgorithm> {
        prop::sample::select(&HashAlgorithm::ALL[..])
    }

    fn get<'a>(set: &'a FlowParams, name: &str) -> &'a str {
        set.get(name)
            .unwrap_or_else(|| panic!("{name} missing from {set:?}"))
    }

    /// What every generated set promises: unique names, required fields non-empty, values
    /// encodable in the set's charset.
    fn check_set(set: &FlowParams, required: &[&str]) -> Result<(), TestCaseError> {
        let params = set.to_params()?;
        prop_assert_eq!(params.len(), set.pairs.len());
        for name in required {
            prop_assert!(!get(set, name).is_empty(), "{} is empty", name);
        }
        if set.charset == Charset::Iso8859_1 {
            prop_assert!(
                set.pairs
                    .iter()
                    .all(|(_, v)| v.chars().all(|c| u32::from(c) <= 0xFF))
            );
        }
        Ok(())
    }

    /// The request's signature is the bare signer's over the set (plus what the builder adds
    /// from the credentials, which the set already holds); it survives a form body round trip.
    fn check_signature<K: std::fmt::Debug>(
        request: &SignedRequest<K>,
        set: &FlowParams,
        signer: &Signer,
        signature_name: &str,
    ) -> Result<(), TestCaseError> {
        let expected = signer.sign(&set.to_params()?)?.to_string();
        prop_assert_eq!(request.get(signature_name), Some(expected.as_str()));
        for (name, value) in &set.pairs {
            let sent = request.get(name);
            if value.is_empty() {
                prop_assert_eq!(sent, None, "{}", name);
            } else {
                prop_assert_eq!(sent, Some(value.as_str()), "{}", name);
            }
        }
        let body = request.to_form_body()?;
        let received = Params::parse_form(body.as_bytes(), request.transport())?;
        prop_assert_eq!(&received, request.params());
        signer.verify_shasign(&received)?;
        Ok(())
    }

    fn credentials(pspid: &str, algorithm: HashAlgorithm, charset: Charset) -> Credentials {
        Credentials::new(
            pspid,
            ShaInKey::new(KEY),
            ShaOutKey::new("another-out-key-123"),
            algorithm,
        )
        .with_charset(charset)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn every_hosted_page_set_builds_a_request_whose_shasign_verifies(
            set in prop_oneof![hosted_page_params(), hosted_page_params_in(Charset::Iso8859_1)],
            algorithm in any_algorithm(),
        ) {
            const REQUIRED: [&str; 4] = ["PSPID", "ORDERID", "AMOUNT", "CURRENCY"];
            check_set(&set, &REQUIRED)?;
            prop_assert_eq!(set.list, ListKind::ShaIn);
            let creds = credentials(get(&set, "PSPID"), algorithm, set.charset);
            let amount = Amount::parse_minor_units(get(&set, "AMOUNT")).unwrap();
            let mut page = HostedPaymentPage::new(get(&set, "ORDERID"), amount, get(&set, "CURRENCY"));
            for (name, value) in set.others(&REQUIRED) {
                page = page.param(name, value);
            }
            let request = page.build(&creds)?;
            let signer = Signer::sha_in(Passphrase::new(KEY), algorithm)
                .with_list(set.list)
                .with_charset(set.charset);
            check_signature(&request, &set, &signer, "SHASIGN")?;
            prop_assert_eq!(request.transport(), set.charset.transport());
        }

        #[test]
        fn every_direct_link_set_builds_a_request_whose_shasign_verifies(
            set in prop_oneof![direct_link_params(), direct_link_params_in(Charset::Iso8859_1)],
            algorithm in any_algorithm(),
        ) {
            const REQUIRED: [&str; 6] = ["PSPID", "USERID", "PSWD", "ORDERID", "AMOUNT", "CURRENCY"];
            check_set(&set, &REQUIRED)?;
            prop_assert!(set.get("ALIAS").is_some() || set.get("CARDNO").is_some());
            let creds = credentials(get(&set, "PSPID"), algorithm, set.charset)
                .with_api_user(get(&set, "USERID"), get(&set, "PSWD"));
            let amount = Amount::parse_minor_units(get(&set, "AMOUNT")).unwrap();
            let mut order = DirectLinkOrder::new(get(&set, "ORDERID"), amount, get(&set, "CURRENCY"));
            for (name, value) in set.others(&REQUIRED) {
                order = order.param(name, value);
            }
            let request = order.build(&creds)?;
            let signer = RequestSigner::new(&ShaInKey::new(KEY), algorithm)
                .with_list(set.list)
                .with_charset(set.charset);
            check_signature(&request, &set, signer.as_signer(), "SHASIGN")?;
            // The password is hashed and sent, never shown.
            let shown = format!("{request:?}");
            prop_assert!(shown.contains("\"PSWD\": <redacted>"), "{}", shown);
        }

        #[test]
        fn every_flexcheckout_set_builds_a_request_whose_signature_verifies(
            set in flexcheckout_params(),
            algorithm in any_algorithm(),
        ) {
            const REQUIRED: [&str; 4] = [
                "ACCOUNT.PSPID", "ALIAS.ORDERID", "PARAMETERS.ACCEPTURL", "PARAMETERS.EXCEPTIONURL",
            ];
            check_set(&set, &REQUIRED)?;
            prop_assert_eq!(set.charset, Charset::Utf8);
            let creds = credentials(get(&set, "ACCOUNT.PSPID"), algorithm, Charset::Utf8);
            let mut flex = FlexCheckout::new(
                get(&set, "ALIAS.ORDERID"),
                get(&set, "PARAMETERS.ACCEPTURL"),
                get(&set, "PARAMETERS.EXCEPTIONURL"),
            );
            for (name, value) in set.others(&REQUIRED) {
                flex = flex.param(name, value);
            }
            let request = flex.build(&creds)?;
            // Every name is on the FlexCheckout SHA-IN list: hashing that list or all the
            // parameters (as the builder does) is the same.
            for list in [set.list, ListKind::All] {
                let signer = Signer::sha_in(Passphrase::new(KEY), algorithm).with_list(list);
                check_signature(&request, &set, &signer, "SHASIGNATURE.SHASIGN")?;
            }
        }
    }
}
