//! Feedback handling as a web service does it (issue 11): one entry point for a request, error
//! kinds, order states that do not go backwards, the amount check, keys that round-trip through
//! text, the log summary, and the unverified view handed back on failure.
//!
//! The feedback is the SHA-OUT example of Ingenico's e-Commerce guide (spec section 1) or made
//! by the simulator.
#![allow(clippy::unwrap_used)]

use ogone::dangerous::UnverifiedFeedback;
use ogone::simulate::{FeedbackSimulator, Transaction};
use ogone::{
    Amount, AmountCheckError, Credentials, Error, ErrorKind, FeedbackKey, FeedbackVerifier,
    HashAlgorithm, MAX_FORM_BYTES, Platform, ShaInKey, ShaOutKey, Status, TransportCharset,
    VerifiedFeedback,
};
use proptest::prelude::*;

const KEY: &str = "Mysecretsig1875!?";
const GUIDE_BODY: &str = "ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111\
    &currency=EUR&NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

fn verifier() -> FeedbackVerifier {
    FeedbackVerifier::new(&ShaOutKey::new(KEY), HashAlgorithm::Sha1)
}

fn creds(platform: Platform) -> Credentials {
    Credentials::new(
        "MyPSPID",
        ShaInKey::new("Another-secret-for-IN"),
        ShaOutKey::new(KEY),
        HashAlgorithm::Sha256,
    )
    .with_platform(platform)
}

fn lefevre() -> Transaction {
    Transaction::paid(
        "Lefèvre-1",
        "3014726",
        Amount::from_minor_units(4250).unwrap(),
        "EUR",
    )
}

#[test]
fn get_query_and_post_body_verify_alike() {
    let v = verifier();
    let get = VerifiedFeedback::from_request("GET", Some(GUIDE_BODY), None, b"", &v).unwrap();
    let head = VerifiedFeedback::from_request("head", Some(GUIDE_BODY), None, b"", &v).unwrap();
    let post =
        VerifiedFeedback::from_request("POST", None, FORM, GUIDE_BODY.as_bytes(), &v).unwrap();
    let untyped =
        VerifiedFeedback::from_request("post", None, None, GUIDE_BODY.as_bytes(), &v).unwrap();
    assert_eq!(get, post);
    assert_eq!(head, post);
    assert_eq!(untyped, post);
    // A GET reads its query, never its body; a POST its body, never its query.
    assert_eq!(
        VerifiedFeedback::from_request("GET", None, FORM, GUIDE_BODY.as_bytes(), &v),
        Err(Error::MissingSignature)
    );
    assert_eq!(
        VerifiedFeedback::from_request("POST", Some(GUIDE_BODY), FORM, b"", &v),
        Err(Error::MissingSignature)
    );
}

#[test]
fn the_declared_charset_wins_then_the_platform_default() {
    // ePDQ posts Windows-1252 and hashes UTF-8 (spec section 3).
    let epdq = creds(Platform::BarclaycardEpdq);
    let body = FeedbackSimulator::for_credentials(&epdq)
        .body(&lefevre())
        .unwrap();
    assert!(body.contains("Lef%E8vre"), "{body}");
    let verifier = epdq.feedback_verifier();
    assert_eq!(verifier.transport(), TransportCharset::Windows1252);
    let f = VerifiedFeedback::from_request("POST", None, FORM, body.as_bytes(), &verifier).unwrap();
    assert_eq!(f.order_id(), Some("Lefèvre-1"));
    // Declared UTF-8, the Windows-1252 bytes are invalid.
    let utf8 = Some("application/x-www-form-urlencoded; charset=UTF-8");
    assert!(matches!(
        VerifiedFeedback::from_request("POST", None, utf8, body.as_bytes(), &verifier),
        Err(Error::InvalidEncoding { .. })
    ));
    // An Ogone account: UTF-8 by default, Windows-1252 when declared.
    let ogone = creds(Platform::Ogone).feedback_verifier();
    assert!(matches!(
        VerifiedFeedback::from_request("POST", None, FORM, body.as_bytes(), &ogone),
        Err(Error::InvalidEncoding { .. })
    ));
    let declared = Some("application/x-www-form-urlencoded;charset=\"windows-1252\"");
    let f =
        VerifiedFeedback::from_request("POST", None, declared, body.as_bytes(), &ogone).unwrap();
    assert_eq!(f.order_id(), Some("Lefèvre-1"));
    // PostFinance: ISO-8859-1.
    let postfinance = creds(Platform::PostFinance);
    let body = FeedbackSimulator::for_credentials(&postfinance)
        .body(&lefevre())
        .unwrap();
    let f = VerifiedFeedback::from_request(
        "POST",
        None,
        FORM,
        body.as_bytes(),
        &postfinance.feedback_verifier(),
    )
    .unwrap();
    assert_eq!(f.order_id(), Some("Lefèvre-1"));
}

#[test]
fn requests_that_are_not_feedback_get_their_own_error_and_status() {
    let v = verifier();
    let body = GUIDE_BODY.as_bytes();
    let cases = [
        (
            VerifiedFeedback::from_request("PUT", None, FORM, body, &v),
            ErrorKind::MethodNotAllowed,
            405,
        ),
        (
            VerifiedFeedback::from_request("POST", None, Some("application/json"), body, &v),
            ErrorKind::Unsupported,
            415,
        ),
        (
            VerifiedFeedback::from_request(
                "POST",
                None,
                Some("application/x-www-form-urlencoded; charset=koi8-r"),
                body,
                &v,
            ),
            ErrorKind::Unsupported,
            415,
        ),
        (
            VerifiedFeedback::from_request(
                "POST",
                None,
                FORM,
                "a=1&".repeat(MAX_FORM_BYTES / 4 + 1).as_bytes(),
                &v,
            ),
            ErrorKind::TooLarge,
            413,
        ),
        (
            VerifiedFeedback::from_request(
                "POST",
                None,
                FORM,
                &GUIDE_BODY.replace("STATUS=9", "STATUS=5").into_bytes(),
                &v,
            ),
            ErrorKind::NotAuthentic,
            403,
        ),
        (
            VerifiedFeedback::from_request("POST", None, FORM, b"orderID=%zz", &v),
            ErrorKind::Malformed,
            400,
        ),
    ];
    for (result, kind, status) in cases {
        let error = result.unwrap_err();
        assert_eq!(error.kind(), kind, "{error:?}");
        assert_eq!(error.kind().http_status(), status);
    }
    // The error names the method or media type, cut: nothing else of the request.
    let long = "X".repeat(500);
    let e = VerifiedFeedback::from_request(&long, None, None, b"", &v).unwrap_err();
    assert!(e.to_string().len() < 120);
}

#[test]
fn every_error_has_a_kind() {
    use ogone::Params;
    let samples = [
        Params::parse_form(b"a=%zz", TransportCharset::Utf8).unwrap_err(),
        Params::parse_form(b"a=1&A=2", TransportCharset::Utf8).unwrap_err(),
        Error::Mismatch,
        Error::NothingSigned,
        Error::MissingSignature,
        Error::TwoSignatures,
        Error::SignatureNotHex,
        Error::MissingField("STATUS"),
        Error::UnsignedField("STATUS"),
        Error::PassphraseUnencodable,
        Error::TooManyParams { limit: 1 },
        Platform::custom("javascript:x").unwrap_err(),
    ];
    let kinds: Vec<ErrorKind> = samples.iter().map(Error::kind).collect();
    assert_eq!(
        kinds,
        [
            ErrorKind::Malformed,
            ErrorKind::Malformed,
            ErrorKind::NotAuthentic,
            ErrorKind::NotAuthentic,
            ErrorKind::NotAuthentic,
            ErrorKind::NotAuthentic,
            ErrorKind::NotAuthentic,
            ErrorKind::Malformed,
            ErrorKind::NotAuthentic,
            ErrorKind::Configuration,
            ErrorKind::TooLarge,
            ErrorKind::Configuration,
        ]
    );
}

#[test]
fn a_failed_verification_hands_the_claim_back() {
    let forged = GUIDE_BODY.replace("STATUS=9", "STATUS=5");
    let unverified = UnverifiedFeedback::from_request(
        "POST",
        None,
        FORM,
        forged.as_bytes(),
        TransportCharset::Utf8,
    )
    .unwrap();
    let (error, claimed) = unverified.verify(&verifier()).unwrap_err();
    assert_eq!(error, Error::Mismatch);
    assert_eq!(claimed.status().unwrap().code(), 5);
    let genuine = UnverifiedFeedback::parse(GUIDE_BODY.as_bytes(), TransportCharset::Utf8)
        .unwrap()
        .verify(&verifier())
        .unwrap();
    assert_eq!(genuine.pay_id(), Some("32100123"));
}

#[test]
fn the_amount_check_names_what_differs() {
    let f = VerifiedFeedback::parse(GUIDE_BODY.as_bytes(), TransportCharset::Utf8, &verifier())
        .unwrap();
    let eur = |minor| Amount::from_minor_units(minor).unwrap();
    assert_eq!(f.check_amount(eur(1500), "EUR"), Ok(()));
    assert_eq!(
        f.check_amount(eur(1501), "EUR"),
        Err(AmountCheckError::Amount {
            expected: eur(1501),
            received: eur(1500)
        })
    );
    assert!(matches!(
        f.check_amount(eur(1500), "eur"),
        Err(AmountCheckError::Currency { .. })
    ));
    let no_amount = FeedbackSimulator::new(&ShaOutKey::new(KEY), HashAlgorithm::Sha1)
        .body_of(&[
            ("orderID".into(), "12".into()),
            ("STATUS".into(), "9".into()),
            ("currency".into(), "EUR".into()),
        ])
        .unwrap();
    let f =
        VerifiedFeedback::parse(no_amount.as_bytes(), TransportCharset::Utf8, &verifier()).unwrap();
    assert_eq!(
        f.check_amount(eur(1500), "EUR"),
        Err(AmountCheckError::Feedback(Error::MissingField("AMOUNT")))
    );
}

#[test]
fn the_summary_holds_no_card_number_and_one_line() {
    let body = FeedbackSimulator::new(&ShaOutKey::new(KEY), HashAlgorithm::Sha1)
        .body_of(&[
            ("orderID".into(), "WEB-1\nforged: line".into()),
            ("STATUS".into(), "5".into()),
            ("CARDNO".into(), "XXXXXXXXXXXX4242".into()),
            ("amount".into(), "42.5".into()),
            ("currency".into(), "EUR".into()),
        ])
        .unwrap();
    let f = VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier()).unwrap();
    let line = f.summary().to_string();
    assert_eq!(
        line,
        "order=\"WEB-1\\nforged: line\" payid=\"-\" status=5 (authorised) amount=42.50 EUR brand=\"-\""
    );
    assert!(!line.contains('\n') && !line.contains("4242"));
}

#[test]
fn a_late_status_never_moves_an_order_backwards() {
    let s = |code| Status::from_code(code).unwrap();
    // The issue's case, and the other late arrivals of one payment's life.
    for (late, after) in [(5, 9), (91, 9), (46, 5), (51, 5), (81, 8), (5, 6), (9, 8)] {
        assert!(!s(late).supersedes(s(after)), "{late} after {after}");
    }
    for (next, previous) in [
        (9, 5),
        (9, 91),
        (9, 2),
        (8, 81),
        (83, 81),
        (6, 5),
        (5, 46),
        (7, 9),
    ] {
        assert!(s(next).supersedes(s(previous)), "{next} after {previous}");
    }
}

proptest! {
    /// `supersedes` is a total preorder: reflexive, total, transitive.
    #[test]
    fn supersedes_is_a_total_preorder(
        a in prop::sample::select(Status::ALL),
        b in prop::sample::select(Status::ALL),
        c in prop::sample::select(Status::ALL),
    ) {
        prop_assert!(a.supersedes(a));
        prop_assert!(a.supersedes(b) || b.supersedes(a));
        if a.supersedes(b) && b.supersedes(c) {
            prop_assert!(a.supersedes(c));
        }
    }

    /// Keys read back from their text, whatever the values hold.
    #[test]
    fn feedback_keys_round_trip_through_text(
        // Verified feedback needs its ORDERID (issue 7).
        order in "[A-Za-z0-9/:_\\-][A-Za-z0-9/:_\\- ]{0,11}",
        pay_id in "[0-9/:]{0,11}",
        sub in prop::option::of(0_u32..100),
        status in prop::sample::select(Status::ALL),
    ) {
        let mut fields = vec![
            ("orderID".to_string(), order),
            ("PAYID".to_string(), pay_id),
            ("STATUS".to_string(), status.code().to_string()),
        ];
        if let Some(sub) = sub {
            fields.push(("PAYIDSUB".to_string(), sub.to_string()));
        }
        let body = FeedbackSimulator::new(&ShaOutKey::new(KEY), HashAlgorithm::Sha1).body_of(&fields)?;
        let f = VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier())?;
        let key = f.key()?;
        let back: FeedbackKey = key.as_str().parse()?;
        prop_assert_eq!(back, key);
    }

    /// Nothing but a key's own text parses as a key: a changed length, part or status fails.
    #[test]
    fn altered_keys_do_not_parse(cut in 1_usize..20) {
        let text = "8:WEB-1001/7:3014726/1:2/8";
        let altered = &text[..text.len().saturating_sub(cut).max(1)];
        if altered != text {
            prop_assert!(altered.parse::<FeedbackKey>().is_err(), "{}", altered);
        }
    }
}
