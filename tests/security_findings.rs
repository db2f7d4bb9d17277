//! Regression tests for the findings of the outside attack suites (issue 7). Each test names
//! the item it covers; each failed before its fix (what it used to do is said in its comment).
//!
//! Vectors: the legacy SHA-OUT feedback is marlon-ogone's (`tests/vectors/marlon_ogone.txt`,
//! LegacyShaComposerTest, SHA-1 digest `66BF34D8...`); the each-parameter feedback is the SHA-OUT
//! example of Ingenico's e-Commerce guide (spec section 1, SHA-1 `20911328...`).

use ogone::dangerous::UnverifiedFeedback;
use ogone::{
    Amount, Credentials, DirectLinkOrder, Error, FeedbackVerifier, FlexCheckoutFeedback,
    HashAlgorithm, HostedPaymentPage, ListKind, MAX_NAME_BYTES, NcError, Operation,
    PASSPHRASE_MARKER, Params, Passphrase, Platform, Scheme, ShaInKey, ShaOutKey, Signer,
    TransportCharset, VerifiedFeedback, hash_bytes,
};

const GUIDE_KEY: &str = "Mysecretsig1875!?";
/// Ingenico's e-Commerce guide, SHA-OUT example (spec section 1).
const GUIDE_BODY: &str = "ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111\
    &currency=EUR&NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";

const LEGACY_KEY: &str = "passphrase-set-in-ogone-interface";
/// marlon-ogone's LegacyShaComposerTest feedback, with its SHA-1 digest.
const LEGACY_BODY: &str = "ACCEPTANCE=test123&AMOUNT=19.08&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111\
    &CN=Marlon&CURRENCY=EUR&ED=0113&IP=81.82.214.142&NCERROR=0&ORDERID=2101947639\
    &PAYID=10673859&PM=CreditCard&STATUS=5&TRXDATE=07%2F05%2F11\
    &SHASIGN=66BF34D8B3EF2136E0C267BDBC1F708B8D75A8AA";

const UTF8: TransportCharset = TransportCharset::Utf8;

fn guide_verifier() -> FeedbackVerifier {
    FeedbackVerifier::new(&ShaOutKey::new(GUIDE_KEY), HashAlgorithm::Sha1)
}

fn legacy_verifier() -> FeedbackVerifier {
    FeedbackVerifier::new(&ShaOutKey::new(LEGACY_KEY), HashAlgorithm::Sha1)
        .with_scheme(Scheme::LegacyMainParameters)
}

fn too_long(result: &Result<impl std::fmt::Debug, Error>) -> bool {
    matches!(result, Err(Error::InvalidName { reason, .. }) if reason.contains("100 bytes"))
}

// ---- Item 1: CPU exhaustion before verification -------------------------------------------

/// A 64 KiB name made of digit runs (`A1A1...`) took seconds in `parse_form` (the list lookup
/// re-hashed the whole name once per run) and was then accepted. Now the name is refused for its
/// length, and the error keeps 64 bytes of it.
#[test]
fn item1_a_64_kib_name_is_refused_and_not_echoed() {
    let name = "A1".repeat(32 * 1024 - 8);
    let body = format!("{name}=x");
    assert!(body.len() <= ogone::MAX_FORM_BYTES);
    let parsed = Params::parse_form(body.as_bytes(), UTF8);
    assert!(too_long(&parsed), "{parsed:?}");
    let Err(Error::InvalidName { name: kept, .. }) = parsed else {
        unreachable!()
    };
    assert_eq!(kept.len(), 64);
    assert!(kept.is_cut());
    assert!(
        Error::InvalidName {
            name: kept,
            reason: ""
        }
        .to_string()
        .len()
            < 120
    );
    let verified = VerifiedFeedback::parse(body.as_bytes(), UTF8, &guide_verifier());
    assert!(too_long(&verified), "{verified:?}");
}

/// The worst body under the cap (as many names of `MAX_NAME_BYTES` digit runs as fit) still
/// parses: the cap refuses noise, not real work. Its cost next to a normal body is in
/// `benches/hostile.rs`.
#[test]
fn item1_the_worst_body_under_the_cap_parses() {
    let body = hostile_names_body();
    assert!(body.len() <= ogone::MAX_FORM_BYTES);
    let params = Params::parse_form(body.as_bytes(), UTF8).unwrap();
    assert!(params.len() > 500);
    assert_eq!(
        VerifiedFeedback::parse(body.as_bytes(), UTF8, &guide_verifier()),
        Err(Error::MissingSignature)
    );
}

/// Names of `MAX_NAME_BYTES` bytes, each a run of `A1` pairs with a distinct tail.
fn hostile_names_body() -> String {
    let mut body = String::new();
    let mut i = 0;
    loop {
        let tail = format!("Z{i}");
        let stem = "A1".repeat((MAX_NAME_BYTES - tail.len()) / 2);
        let pair = format!("{stem}{tail}=1&");
        if body.len() + pair.len() > ogone::MAX_FORM_BYTES || i >= ogone::MAX_FORM_PARAMS {
            break;
        }
        body.push_str(&pair);
        i += 1;
    }
    body
}

// ---- Item 2: legacy scheme, verified types must return only what was hashed ---------------

/// Appended `ALIAS`, `PAYIDSUB` and `IP` kept the legacy signature (only ten fields are hashed)
/// and came back from `get`, the accessors and `signed_params` as signed; the new PAYIDSUB
/// changed the `FeedbackKey`. Now they read as unsigned and the key is the genuine one.
#[test]
fn item2_legacy_extras_are_not_signed() {
    let genuine = VerifiedFeedback::parse(LEGACY_BODY.as_bytes(), UTF8, &legacy_verifier())
        .expect("marlon-ogone's legacy vector verifies");
    let forged_body = format!("{LEGACY_BODY}&ALIAS=attacker&PAYIDSUB=7&COMPLUS=x");
    let forged = VerifiedFeedback::parse(forged_body.as_bytes(), UTF8, &legacy_verifier())
        .expect("the signature still holds: extras are not hashed");
    assert_eq!(forged.alias(), None);
    assert_eq!(forged.pay_id_sub(), None);
    assert_eq!(forged.get("IP"), None); // on the SHA-OUT list, but not a legacy field
    assert_eq!(forged.unsigned("IP"), Some("81.82.214.142"));
    assert_eq!(forged.unsigned("ALIAS"), Some("attacker"));
    assert_eq!(forged.key().unwrap(), genuine.key().unwrap());
    let signed: Vec<&str> = forged.signed_params().map(|(n, _)| n).collect();
    assert_eq!(
        signed,
        [
            "ACCEPTANCE",
            "AMOUNT",
            "BRAND",
            "CARDNO",
            "CURRENCY",
            "NCERROR",
            "ORDERID",
            "PAYID",
            "PM",
            "STATUS"
        ]
    );
}

/// A verifier set to the legacy scheme made `FlexCheckoutFeedback::verify` hash nothing but
/// the passphrase, so `SHASIGNATURE.SHASIGN=<hash of the passphrase>` verified any alias. Now
/// FlexCheckout is always each-parameter.
#[test]
fn item2_flexcheckout_ignores_the_legacy_scheme() {
    let key = ShaOutKey::new(GUIDE_KEY);
    let passphrase_only = hash_bytes(HashAlgorithm::Sha512, GUIDE_KEY.as_bytes());
    let body =
        format!("Alias.AliasId=stolen&Alias.Status=0&SHASIGNATURE.SHASIGN={passphrase_only}");
    let legacy = FeedbackVerifier::new(&key, HashAlgorithm::Sha512)
        .with_scheme(Scheme::LegacyMainParameters);
    assert_eq!(
        FlexCheckoutFeedback::parse(body.as_bytes(), UTF8, &legacy),
        Err(Error::Mismatch)
    );
    // A genuine FlexCheckout redirect, signed over its fields, verifies with that verifier.
    let fields = [("Alias.AliasId", "A1"), ("Alias.Status", "0")]
        .map(|(n, v)| (n.to_string(), v.to_string()));
    let genuine = ogone::simulate::FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
        .with_list(ListKind::FlexCheckoutOut)
        .body_of(&fields)
        .unwrap();
    let f = FlexCheckoutFeedback::parse(genuine.as_bytes(), UTF8, &legacy).unwrap();
    assert_eq!(f.alias_id(), Some("A1"));
}

// ---- Item 3: card data in Debug and explain -----------------------------------------------

/// A full card number and CVC appeared in `Debug` of `DirectLinkOrder`, `SignedRequest` and
/// `Params`, and in `explain().redacted()`.
#[test]
fn item3_card_data_is_redacted_in_every_view_for_logs() {
    const PAN: &str = "4111111111111111";
    const CVC: &str = "737";
    let creds = Credentials::new(
        "MyPSPID",
        ShaInKey::new(GUIDE_KEY),
        ShaOutKey::new("Another-secret-for-OUT"),
        HashAlgorithm::Sha512,
    )
    .with_api_user("api-user", "api-password-1");
    let order = DirectLinkOrder::new("o-1", Amount::from_minor_units(1500).unwrap(), "EUR")
        .operation(Operation::Sale)
        .card_number(PAN)
        .expiry_date("1229")
        .cvc(CVC);
    let request = order.clone().build(&creds).unwrap();
    let signer = creds.direct_link_signer();
    let explained = signer.as_signer().explain(request.params());
    for view in [
        format!("{order:?}"),
        format!("{request:?}"),
        format!("{:?}", request.params()),
        explained.redacted().to_string(),
        format!("{explained:?}"),
    ] {
        assert!(!view.contains(PAN), "{view}");
        assert!(!view.contains("737<"), "{view}");
        assert!(!view.contains("\"737\""), "{view}");
        assert!(!view.contains("api-password-1"), "{view}");
    }
    assert!(explained.redacted().contains("CARDNO=<redacted>"));
    assert!(explained.redacted().contains("CVC=<redacted>"));
    // The body that is posted still carries them.
    assert!(request.to_form_body().unwrap().contains(PAN));
    // Ogone's masked form stays readable.
    let masked = Params::try_from_pairs([("CARDNO", "XXXXXXXXXXXX1111")]).unwrap();
    assert!(format!("{masked:?}").contains("XXXXXXXXXXXX1111"));
}

/// The legacy scheme hashes CARDNO as a bare value: its explanation redacts it too.
#[test]
fn item3_legacy_explanations_redact_card_numbers() {
    let params =
        Params::try_from_pairs([("ORDERID", "1"), ("CARDNO", "4111111111111111")]).unwrap();
    let signer = Signer::sha_out(Passphrase::new(GUIDE_KEY), HashAlgorithm::Sha1)
        .with_scheme(Scheme::LegacyMainParameters);
    assert_eq!(
        signer.explain(&params).redacted(),
        "1<redacted><passphrase>"
    );
}

// ---- Item 4: a signature over nothing -----------------------------------------------------

/// When nothing is on the list, the each-parameter string to sign is empty and its digest a
/// public constant (SHA-1 `DA39A3EE...0709`): `SHASIGN=<that>` alone, with only unsigned
/// extras, or with only empty values, verified. In the legacy scheme the constant is the digest
/// of the passphrase alone. Now both are refused before any hashing.
#[test]
fn item4_nothing_signed_is_refused() {
    let constant = hash_bytes(HashAlgorithm::Sha1, b"");
    assert_eq!(
        constant.to_string(),
        "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709" // FIPS 180-1, SHA-1 of ""
    );
    for body in [
        format!("SHASIGN={constant}"),
        format!("CART=42&PARAMPLUS=x&SHASIGN={constant}"),
        format!("orderID=&STATUS=&SHASIGN={constant}"),
    ] {
        assert_eq!(
            VerifiedFeedback::parse(body.as_bytes(), UTF8, &guide_verifier()),
            Err(Error::NothingSigned),
            "{body}"
        );
    }
    let flex = format!("cart=1&SHASIGNATURE.SHASIGN={constant}");
    assert_eq!(
        FlexCheckoutFeedback::parse(flex.as_bytes(), UTF8, &guide_verifier()),
        Err(Error::NothingSigned)
    );
    let legacy_constant = hash_bytes(HashAlgorithm::Sha1, LEGACY_KEY.as_bytes());
    assert_eq!(
        VerifiedFeedback::parse(
            format!("IP=1.2.3.4&SHASIGN={legacy_constant}").as_bytes(),
            UTF8,
            &legacy_verifier()
        ),
        Err(Error::NothingSigned)
    );
}

/// Feedback that verifies but lacks the order reference or the status is no feedback; a
/// verifier whose list does not cover them (here, by mistake, the SHA-IN list) says so.
#[test]
fn item4_order_and_status_must_be_signed() {
    let key = ShaOutKey::new(GUIDE_KEY);
    let simulator = ogone::simulate::FeedbackSimulator::new(&key, HashAlgorithm::Sha1);
    let fields = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    };
    let no_status = simulator
        .body_of(&fields(&[("orderID", "12"), ("PAYID", "1")]))
        .unwrap();
    assert_eq!(
        VerifiedFeedback::parse(no_status.as_bytes(), UTF8, &guide_verifier()),
        Err(Error::MissingField("STATUS"))
    );
    let no_order = simulator
        .body_of(&fields(&[("STATUS", "9"), ("PAYID", "1")]))
        .unwrap();
    assert_eq!(
        VerifiedFeedback::parse(no_order.as_bytes(), UTF8, &guide_verifier()),
        Err(Error::MissingField("ORDERID"))
    );
    let sha_in_list = guide_verifier().with_list(ListKind::ShaIn);
    let signed_in =
        Signer::sha_out(Passphrase::new(GUIDE_KEY), HashAlgorithm::Sha1).with_list(ListKind::ShaIn);
    let mut params = Params::try_from_pairs([("ORDERID", "12"), ("STATUS", "9")]).unwrap();
    params
        .insert("SHASIGN", signed_in.sign(&params).unwrap().to_string())
        .unwrap();
    assert_eq!(
        VerifiedFeedback::verify(params, &sha_in_list),
        Err(Error::UnsignedField("STATUS"))
    );
    let flex_no_alias = simulator
        .clone()
        .with_list(ListKind::FlexCheckoutOut)
        .body_of(&fields(&[("Alias.Status", "0"), ("Card.Brand", "VISA")]))
        .unwrap();
    assert_eq!(
        FlexCheckoutFeedback::parse(flex_no_alias.as_bytes(), UTF8, &guide_verifier()),
        Err(Error::MissingField("ALIAS.ALIASID"))
    );
}

// ---- Item 5: legacy scheme, moved field boundaries ----------------------------------------

/// The legacy string is the bare values: moving a boundary keeps the signature. Each shift
/// below verified before; now the field whose shape gives it away is named.
#[test]
fn item5_legacy_boundary_shifts_are_refused() {
    let shifts = [
        // 2101947639 | EUR -> 210194763 | 9EUR
        (
            "ORDERID=2101947639&PAYID",
            "ORDERID=210194763&PAYID",
            "CURRENCY=EUR",
            "CURRENCY=9EUR",
            "CURRENCY",
        ),
        // 19.08 | CreditCard -> 19.0 | 8CreditCard
        (
            "AMOUNT=19.08",
            "AMOUNT=19.0",
            "PM=CreditCard",
            "PM=8CreditCard",
            "PM",
        ),
        // test123 | 5 -> test12 | 35
        (
            "ACCEPTANCE=test123",
            "ACCEPTANCE=test12",
            "STATUS=5",
            "STATUS=35",
            "STATUS",
        ),
        // 10673859 | 0 -> 106738590 | (empty)
        (
            "PAYID=10673859",
            "PAYID=106738590",
            "NCERROR=0",
            "NCERROR=",
            "NCERROR",
        ),
        // EUR | 19.08 -> EUR1 | 9.08
        (
            "CURRENCY=EUR",
            "CURRENCY=EUR1",
            "AMOUNT=19.08",
            "AMOUNT=9.08",
            "CURRENCY",
        ),
    ];
    for (from_a, to_a, from_b, to_b, field) in shifts {
        let body = LEGACY_BODY.replace(from_a, to_a).replace(from_b, to_b);
        assert_ne!(body, LEGACY_BODY);
        // The signature still holds...
        let params = Params::parse_form(body.as_bytes(), UTF8).unwrap();
        legacy_verifier()
            .as_signer()
            .verify_shasign(&params)
            .expect("a moved boundary keeps the legacy signature");
        // ...but the verified type refuses it.
        let refused = VerifiedFeedback::parse(body.as_bytes(), UTF8, &legacy_verifier());
        let named = match &refused {
            Err(Error::InvalidField { field, .. }) => field.to_string(),
            Err(Error::MissingField(field)) => (*field).to_string(),
            other => panic!("{body}: {other:?}"),
        };
        assert_eq!(named, field, "{body}");
    }
}

// ---- Item 6: server-to-server requests as browser forms -----------------------------------
// By type: `SignedRequest<ServerToServer>` has no `to_html_form` (a `compile_fail` doctest on
// `ogone::ServerToServer` proves it). Here, that the browser builders still render.

#[test]
fn item6_browser_requests_render_forms() {
    let creds = Credentials::new(
        "MyPSPID",
        ShaInKey::new(GUIDE_KEY),
        ShaOutKey::new("Another-secret-for-OUT"),
        HashAlgorithm::Sha256,
    );
    let page = HostedPaymentPage::new("o-1", Amount::from_minor_units(1).unwrap(), "EUR")
        .build(&creds)
        .unwrap();
    assert!(page.to_html_form().contains("orderstandard_utf8.asp"));
}

// ---- Item 8: custom platform origins ------------------------------------------------------

/// `Platform::Custom("javascript:...")` became the form's `action`.
#[test]
fn item8_custom_origins_are_checked_by_the_builders() {
    let page = || HostedPaymentPage::new("o-1", Amount::from_minor_units(1).unwrap(), "EUR");
    let creds = |origin: &str| {
        Credentials::new(
            "MyPSPID",
            ShaInKey::new(GUIDE_KEY),
            ShaOutKey::new("Another-secret-for-OUT"),
            HashAlgorithm::Sha256,
        )
        .with_platform(Platform::Custom(origin.into()))
    };
    for bad in [
        "javascript:alert(document.cookie)",
        "http://psp.example.com",
        "https://user:secret@psp.example.com",
        "https://psp.example.com/evil?x=",
        "https://psp.example.com#frag",
        "https://psp example.com",
        "https://psp.example.com:99999",
        "data:text/html,x",
        "",
    ] {
        let refused = page().build(&creds(bad));
        assert!(
            matches!(&refused, Err(Error::InvalidOrigin { origin, .. }) if *origin == bad),
            "{bad}: {refused:?}"
        );
        assert!(
            ogone::Query::by_pay_id("1")
                .build(&creds(bad).with_api_user("api", "password-1"))
                .is_err()
        );
    }
    for good in [
        "https://psp.example.com",
        "https://psp.example.com/",
        "https://psp.example.com:8443",
        "http://127.0.0.1:8080",
        "http://localhost:3000/",
        "http://[::1]:9000",
    ] {
        let page = page().build(&creds(good)).unwrap();
        assert!(page.url().starts_with(good.trim_end_matches('/')), "{good}");
    }
    let shown = Error::InvalidOrigin {
        origin: "javascript:x".into(),
        reason: "is not an https:// origin",
    }
    .to_string();
    assert_eq!(
        shown,
        "custom platform origin \"javascript:x\" is not an https:// origin"
    );
}

// ---- Item 9: appended empty values --------------------------------------------------------

/// `&PAYIDSUB=&ALIAS=&COMPLUS=` appended to genuine feedback kept the signature (empty values
/// are not hashed) and turned the accessors from `None` into `Some("")`.
#[test]
fn item9_empty_values_read_as_absent() {
    let body = format!("{GUIDE_BODY}&PAYIDSUB=&ALIAS=&COMPLUS=");
    let f = VerifiedFeedback::parse(body.as_bytes(), UTF8, &guide_verifier()).unwrap();
    assert_eq!(f.pay_id_sub(), None);
    assert_eq!(f.alias(), None);
    assert_eq!(f.get("COMPLUS"), None);
    assert_eq!(f.unsigned("COMPLUS"), Some(""));
    assert!(f.signed_params().all(|(_, v)| !v.is_empty()));
    let plain = VerifiedFeedback::parse(GUIDE_BODY.as_bytes(), UTF8, &guide_verifier()).unwrap();
    assert_eq!(f.key().unwrap(), plain.key().unwrap());
}

// ---- Item 10: smaller findings ------------------------------------------------------------

/// `NCERROR=00000000` counted as success.
#[test]
fn item10_padded_nc_error_is_not_success() {
    assert_eq!(NcError::parse("00000000"), None);
    assert_eq!(NcError::parse("00001184"), None);
    let f = UnverifiedFeedback::parse(b"NCERROR=00000000", UTF8).unwrap();
    assert!(matches!(f.nc_error(), Err(Error::InvalidField { .. })));
}

/// A value holding the literal `<passphrase>` gave the same explanation as two parameters.
#[test]
fn item10_values_cannot_imitate_the_passphrase_marker() {
    let signer = Signer::sha_in(Passphrase::new(GUIDE_KEY), HashAlgorithm::Sha1);
    let imitation =
        Params::try_from_pairs([("COM", format!("x{PASSPHRASE_MARKER}ORDERID=1"))]).unwrap();
    let real = Params::try_from_pairs([("COM", "x"), ("ORDERID", "1")]).unwrap();
    let (a, b) = (signer.explain(&imitation), signer.explain(&real));
    assert_ne!(a.redacted(), b.redacted());
    assert_eq!(a.redacted(), "COM=x\\<passphrase>ORDERID=1<passphrase>");
    assert_eq!(a.redacted().matches(PASSPHRASE_MARKER).count(), 2); // one of them escaped
    assert_eq!(b.redacted().matches(PASSPHRASE_MARKER).count(), 2);
    // Every unescaped `<` starts a marker.
    let backslash = Params::try_from_pairs([("COM", "a\\<b")]).unwrap();
    assert_eq!(
        signer.explain(&backslash).redacted(),
        "COM=a\\\\\\<b<passphrase>"
    );
}

/// An error for a 60 KB invalid name echoed all of it.
#[test]
fn item10_names_in_errors_are_cut() {
    let name = format!("{}\u{7}", "N".repeat(60_000));
    let mut params = Params::new();
    let err = params.insert(&name, "x").unwrap_err();
    let shown = err.to_string();
    assert!(shown.len() < 150, "{} bytes", shown.len());
    assert!(shown.contains('…'));
    let body = format!("{}=1&{}=2", "D".repeat(90), "d".repeat(90));
    match Params::parse_form(body.as_bytes(), UTF8) {
        Err(Error::DuplicateName(kept)) => {
            assert_eq!(kept.len(), 64);
            assert!(kept.is_cut());
        }
        other => panic!("{other:?}"),
    }
}
