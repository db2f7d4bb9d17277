//! Verified feedback: status codes, amounts, GET and POST forms, tampering, FlexCheckout,
//! idempotency keys, the unverified view, and parsers fed arbitrary bytes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ogone::dangerous::UnverifiedFeedback;
use ogone::{
    AliasStatus, Amount, Error, FeedbackVerifier, FlexCheckoutFeedback, HashAlgorithm, ListKind,
    NcError, NcErrorClass, Outcome, Params, RequestSigner, ShaInKey, ShaOutKey, Status,
    TransportCharset, VerifiedFeedback,
};
use proptest::prelude::*;

const KEY: &str = "Mysecretsig1875!?";

/// The SHA-OUT example of Ingenico's e-Commerce guide (spec section 1), SHA-1, as a redirect
/// query in the order a browser receives it.
const GUIDE_QUERY: &str = "orderID=12&currency=EUR&amount=15&PM=CreditCard&ACCEPTANCE=1234\
    &STATUS=9&CARDNO=XXXXXXXXXXXX1111&PAYID=32100123&NCERROR=0&BRAND=VISA\
    &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";

fn verifier(algorithm: HashAlgorithm) -> FeedbackVerifier {
    FeedbackVerifier::new(&ShaOutKey::new(KEY), algorithm)
}

/// Signs `body` as Ogone would (SHA-OUT key, `list`) and appends `SHASIGN`.
fn signed(body: &str, list: ListKind, signature_name: &str) -> String {
    let params = Params::parse_form(body.as_bytes(), TransportCharset::Utf8).unwrap();
    // The simulator of Ogone signs feedback with the SHA-OUT passphrase; the core signer is
    // checked against the published vectors in tests/vectors.rs.
    let sig = ogone::Signer::sha_out(ogone::Passphrase::new(KEY), HashAlgorithm::Sha256)
        .with_list(list)
        .sign(&params)
        .unwrap();
    format!("{body}&{signature_name}={sig}")
}

#[test]
fn guide_feedback_as_get_query() {
    let f = VerifiedFeedback::parse(
        GUIDE_QUERY.as_bytes(),
        TransportCharset::Utf8,
        &verifier(HashAlgorithm::Sha1),
    )
    .unwrap();
    assert_eq!(f.order_id(), Some("12"));
    assert_eq!(f.pay_id(), Some("32100123"));
    assert_eq!(f.status().unwrap(), Status::PaymentRequested);
    assert_eq!(f.status().unwrap().outcome(), Outcome::Succeeded);
    assert_eq!(f.nc_error().unwrap(), NcError::parse("0").unwrap());
    assert_eq!(f.amount().unwrap(), Amount::from_minor_units(1500).unwrap());
    assert_eq!(f.currency(), Some("EUR"));
    assert_eq!(f.brand(), Some("VISA"));
    assert_eq!(f.payment_method(), Some("CreditCard"));
    assert_eq!(f.masked_card(), Some("XXXXXXXXXXXX1111"));
    assert_eq!(f.acceptance(), Some("1234"));
    assert_eq!(f.transaction_date(), None);
    assert_eq!(
        f.unsigned("SHASIGN"),
        Some("209113288F93A9AB8E474EA78D899AFDBB874355")
    );
}

#[test]
fn guide_feedback_as_post_body_with_leading_question_mark_and_encoded_dots() {
    // A POST body as Ogone's server-to-server call sends it: upper-case names, `.` as %2E.
    let body = "?ORDERID=12&CURRENCY=EUR&AMOUNT=15&PM=CreditCard&ACCEPTANCE=1234&STATUS=9\
        &CARDNO=XXXXXXXXXXXX1111&PAYID=32100123&NCERROR=0&BRAND=VISA\
        &SHASIGN=209113288f93a9ab8e474ea78d899afdbb874355";
    let f = VerifiedFeedback::parse(
        body.as_bytes(),
        TransportCharset::Iso8859_1,
        &verifier(HashAlgorithm::Sha1),
    )
    .unwrap();
    assert_eq!(f.get("orderid"), Some("12"));
}

#[test]
fn tampered_feedback_is_rejected() {
    let v = verifier(HashAlgorithm::Sha1);
    for (from, to) in [
        ("STATUS=9", "STATUS=5"),
        ("amount=15", "amount=1"),
        ("amount=15", "amount=15.00"),
        ("orderID=12", "orderID=13"),
        ("PAYID=32100123", "PAYID=32100124"),
        ("SHASIGN=2", "SHASIGN=3"),
    ] {
        let tampered = GUIDE_QUERY.replacen(from, to, 1);
        assert_eq!(
            VerifiedFeedback::parse(tampered.as_bytes(), TransportCharset::Utf8, &v).unwrap_err(),
            Error::Mismatch,
            "{from} -> {to}"
        );
    }
    // An extra hashed parameter, a missing one, a second signature.
    for tampered in [
        format!("{GUIDE_QUERY}&IP=1.2.3.4"),
        GUIDE_QUERY.replacen("&BRAND=VISA", "", 1),
    ] {
        assert_eq!(
            VerifiedFeedback::parse(tampered.as_bytes(), TransportCharset::Utf8, &v).unwrap_err(),
            Error::Mismatch
        );
    }
    let doubled = format!("{GUIDE_QUERY}&SHASIGN=00");
    assert_eq!(
        VerifiedFeedback::parse(doubled.as_bytes(), TransportCharset::Utf8, &v).unwrap_err(),
        Error::DuplicateName("SHASIGN".into())
    );
    let none = GUIDE_QUERY.split("&SHASIGN").next().unwrap();
    assert_eq!(
        VerifiedFeedback::parse(none.as_bytes(), TransportCharset::Utf8, &v).unwrap_err(),
        Error::MissingSignature
    );
    // The right digest of another algorithm has the wrong length.
    assert!(matches!(
        VerifiedFeedback::parse(
            GUIDE_QUERY.as_bytes(),
            TransportCharset::Utf8,
            &verifier(HashAlgorithm::Sha512)
        ),
        Err(Error::SignatureLength {
            expected: 128,
            found: 40
        })
    ));
}

#[test]
fn unsigned_extras_stay_readable_but_apart() {
    let body = format!("{GUIDE_QUERY}&cart_id=42&NCERRORPLUS=!&LANGUAGE=en_US");
    let f = VerifiedFeedback::parse(
        body.as_bytes(),
        TransportCharset::Utf8,
        &verifier(HashAlgorithm::Sha1),
    )
    .unwrap();
    assert_eq!(f.unsigned("CART_ID"), Some("42"));
    assert_eq!(f.unsigned("ncerrorplus"), Some("!"));
    assert_eq!(f.unsigned("LANGUAGE"), Some("en_US"));
    assert_eq!(f.get("CART_ID"), None);
    assert_eq!(f.signed_params().count(), 10);
    // Changing an unsigned value does not break the signature: that is why it is kept apart.
    let changed = body.replace("cart_id=42", "cart_id=43");
    let g = VerifiedFeedback::parse(
        changed.as_bytes(),
        TransportCharset::Utf8,
        &verifier(HashAlgorithm::Sha1),
    )
    .unwrap();
    assert_eq!(g.unsigned("cart_id"), Some("43"));
}

#[test]
fn the_same_feedback_twice_has_one_key_and_a_new_status_a_new_key() {
    let v = verifier(HashAlgorithm::Sha256);
    let authorised = signed(
        "orderID=A/1&PAYID=3001&STATUS=5&amount=15&currency=EUR&NCERROR=0",
        ListKind::ShaOut,
        "SHASIGN",
    );
    let captured = signed(
        "orderID=A/1&PAYID=3001&STATUS=9&amount=15&currency=EUR&NCERROR=0",
        ListKind::ShaOut,
        "SHASIGN",
    );
    let online =
        VerifiedFeedback::parse(authorised.as_bytes(), TransportCharset::Utf8, &v).unwrap();
    let deferred =
        VerifiedFeedback::parse(authorised.as_bytes(), TransportCharset::Utf8, &v).unwrap();
    let later = VerifiedFeedback::parse(captured.as_bytes(), TransportCharset::Utf8, &v).unwrap();
    assert_eq!(online.key().unwrap(), deferred.key().unwrap());
    assert_ne!(online.key().unwrap(), later.key().unwrap());
    assert_eq!(online.key().unwrap().as_str(), "3:A/1/4:3001/1:0/5");
    // An ORDERID holding the separator cannot collide with another ORDERID.
    let other = signed(
        "orderID=A&PAYID=1/3001&STATUS=5",
        ListKind::ShaOut,
        "SHASIGN",
    );
    let other = VerifiedFeedback::parse(other.as_bytes(), TransportCharset::Utf8, &v).unwrap();
    assert_ne!(other.key().unwrap(), online.key().unwrap());
}

#[test]
fn iso_8859_1_and_windows_1252_transport() {
    let v = verifier(HashAlgorithm::Sha256);
    // The hashed string is UTF-8; the body arrives in the transport charset.
    let params = Params::try_from_pairs([("orderID", "café-€"), ("STATUS", "9")]).unwrap();
    let sig = ogone::Signer::sha_out(ogone::Passphrase::new(KEY), HashAlgorithm::Sha256)
        .sign(&params)
        .unwrap();
    let w1252 = format!("orderID=caf%E9-%80&STATUS=9&SHASIGN={sig}");
    let f = VerifiedFeedback::parse(w1252.as_bytes(), TransportCharset::Windows1252, &v).unwrap();
    assert_eq!(f.order_id(), Some("café-€"));
    // The same bytes read as UTF-8 are invalid; read as ISO-8859-1 they are another string.
    assert!(matches!(
        VerifiedFeedback::parse(w1252.as_bytes(), TransportCharset::Utf8, &v),
        Err(Error::InvalidEncoding { .. })
    ));
    assert_eq!(
        VerifiedFeedback::parse(w1252.as_bytes(), TransportCharset::Iso8859_1, &v).unwrap_err(),
        Error::Mismatch
    );
}

#[test]
fn every_status_code() {
    // (code, outcome) for every code of spec section 6.
    let table: [(u8, Outcome); 40] = [
        (0, Outcome::FailedOrUncertain),
        (1, Outcome::Cancelled),
        (2, Outcome::Declined),
        (4, Outcome::Pending),
        (40, Outcome::Pending),
        (41, Outcome::Pending),
        (46, Outcome::Pending),
        (5, Outcome::Succeeded),
        (50, Outcome::Pending),
        (51, Outcome::Pending),
        (52, Outcome::FailedOrUncertain),
        (55, Outcome::Pending),
        (56, Outcome::Pending),
        (57, Outcome::Declined),
        (59, Outcome::Pending),
        (6, Outcome::Cancelled),
        (61, Outcome::Pending),
        (62, Outcome::FailedOrUncertain),
        (63, Outcome::FailedOrUncertain),
        (64, Outcome::Cancelled),
        (7, Outcome::Cancelled),
        (71, Outcome::Pending),
        (72, Outcome::FailedOrUncertain),
        (73, Outcome::FailedOrUncertain),
        (74, Outcome::Cancelled),
        (75, Outcome::Cancelled),
        (8, Outcome::Refunded),
        (81, Outcome::Pending),
        (82, Outcome::FailedOrUncertain),
        (83, Outcome::FailedOrUncertain),
        (84, Outcome::FailedOrUncertain),
        (85, Outcome::Refunded),
        (9, Outcome::Succeeded),
        (91, Outcome::Pending),
        (92, Outcome::FailedOrUncertain),
        (93, Outcome::Declined),
        (94, Outcome::FailedOrUncertain),
        (95, Outcome::Succeeded),
        (96, Outcome::Succeeded),
        (99, Outcome::Pending),
    ];
    assert_eq!(Status::ALL.len(), table.len());
    for (code, outcome) in table {
        let status = Status::parse(&code.to_string()).unwrap_or_else(|| panic!("{code}"));
        assert_eq!(status.code(), code);
        assert_eq!(status.outcome(), outcome, "{code}");
        assert!(!status.meaning().is_empty());
        assert!(status.to_string().starts_with(&format!("{code} (")));
    }
    // Odoo's "done" and "pending" codes that are not uncertain keep Odoo's meaning.
    for code in [5, 9] {
        assert_eq!(
            Status::from_code(code).unwrap().outcome(),
            Outcome::Succeeded
        );
    }
    for code in [41, 46, 50, 51, 55, 56, 81, 91, 99] {
        assert_eq!(Status::from_code(code).unwrap().outcome(), Outcome::Pending);
    }
    for bad in ["", "3", "10", "100", "09", "-1", "9 ", "x", "٩"] {
        assert_eq!(Status::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn nc_error_classes() {
    for (code, class) in [
        ("0", NcErrorClass::Success),
        ("20002001", NcErrorClass::Uncertain),
        ("30001001", NcErrorClass::Refused),
        ("40001134", NcErrorClass::Technical),
        ("50001184", NcErrorClass::DataOrConfiguration),
        ("60000001", NcErrorClass::DirectDebit),
        ("10000000", NcErrorClass::Other),
    ] {
        assert_eq!(NcError::parse(code).unwrap().class(), class, "{code}");
    }
    for bad in ["", "00", "1234567", "123456789", "5000118x", "+5000118"] {
        assert_eq!(NcError::parse(bad), None, "{bad:?}");
    }
    assert_eq!(
        NcError::parse("50001113").unwrap().description(),
        Some("order already processed")
    );
}

#[test]
fn amounts_in_feedback() {
    let v = verifier(HashAlgorithm::Sha256);
    for (text, minor) in [
        ("15", 1500),
        ("15.1", 1510),
        ("15.12", 1512),
        ("582.42", 58242),
        ("0.01", 1),
    ] {
        let body = signed(
            &format!("orderID=1&PAYID=2&STATUS=9&amount={text}"),
            ListKind::ShaOut,
            "SHASIGN",
        );
        let f = VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &v).unwrap();
        assert_eq!(f.amount().unwrap().minor_units(), minor, "{text}");
    }
    for text in ["15.123", "-15", "1e2", "15,10", "", "abc"] {
        let body = signed(
            &format!("orderID=1&PAYID=2&STATUS=9&amount={text}"),
            ListKind::ShaOut,
            "SHASIGN",
        );
        let f = VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &v).unwrap();
        let err = f.amount().unwrap_err();
        assert!(
            matches!(&err, Error::InvalidField { field, .. } if field == "AMOUNT")
                || err == Error::MissingField("AMOUNT"),
            "{text}: {err}"
        );
    }
}

#[test]
fn flexcheckout_feedback() {
    let v = verifier(HashAlgorithm::Sha256);
    let body = signed(
        "Alias.AliasId=ALIAS42&Alias.NCError=0&Alias.OrderId=o-7&Alias.Status=0&Alias.StorePermanently=Y\
         &Card.Brand=VISA&Card.CardNumber=XXXXXXXXXXXX1111&Card.ExpiryDate=1230&Card.CardHolderName=A+B&Extra=x",
        ListKind::FlexCheckoutOut,
        "SHASign",
    );
    let f = FlexCheckoutFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &v).unwrap();
    assert_eq!(f.alias_id(), Some("ALIAS42"));
    assert_eq!(f.order_id(), Some("o-7"));
    assert_eq!(f.alias_status().unwrap(), AliasStatus::Ok);
    assert!(f.nc_error().unwrap().is_success());
    assert_eq!(f.store_permanently(), Some("Y"));
    assert_eq!(f.brand(), Some("VISA"));
    assert_eq!(f.masked_card(), Some("XXXXXXXXXXXX1111"));
    assert_eq!(f.expiry_date(), Some("1230"));
    assert_eq!(f.card_holder_name(), Some("A B"));
    assert_eq!(f.get("EXTRA"), None);
    assert_eq!(f.unsigned("extra"), Some("x"));
    let tampered = body.replace("ALIAS42", "ALIAS43");
    assert_eq!(
        FlexCheckoutFeedback::parse(tampered.as_bytes(), TransportCharset::Utf8, &v).unwrap_err(),
        Error::Mismatch
    );
    // The e-Commerce verifier's list does not cover FlexCheckout names.
    assert!(VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &v).is_err());
}

#[test]
fn unverified_view_reads_anything_and_checks_nothing() {
    let forged = GUIDE_QUERY.replace("STATUS=9", "STATUS=5");
    let f = UnverifiedFeedback::parse(forged.as_bytes(), TransportCharset::Utf8).unwrap();
    assert_eq!(f.status().unwrap(), Status::Authorised);
    assert_eq!(f.order_id(), Some("12"));
}

#[test]
fn sha_in_key_cannot_verify_what_the_sha_out_key_signed() {
    // Same passphrase text, but a request signer is a different type from a verifier: the only
    // way to verify is through a FeedbackVerifier built from a ShaOutKey.
    let request_signer = RequestSigner::new(&ShaInKey::new(KEY), HashAlgorithm::Sha1);
    assert_eq!(request_signer.as_signer().direction(), ogone::Direction::In);
    assert_eq!(
        verifier(HashAlgorithm::Sha1).as_signer().direction(),
        ogone::Direction::Out
    );
}

proptest! {
    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let v = verifier(HashAlgorithm::Sha256);
        for t in [TransportCharset::Utf8, TransportCharset::Iso8859_1, TransportCharset::Windows1252] {
            let _ = VerifiedFeedback::parse(&bytes, t, &v);
            let _ = FlexCheckoutFeedback::parse(&bytes, t, &v);
            if let Ok(f) = UnverifiedFeedback::parse(&bytes, t) {
                let _ = (f.status(), f.amount(), f.nc_error(), f.key());
            }
        }
    }

    #[test]
    fn field_parsers_never_panic(text in "\\PC{0,24}") {
        let _ = Status::parse(&text);
        let _ = NcError::parse(&text);
        let _ = Amount::parse_decimal(&text);
        let _ = Amount::parse_minor_units(&text);
    }

    #[test]
    fn decimal_amounts_round_trip(minor in 0u64..=ogone::MAX_MINOR_UNITS) {
        let a = Amount::from_minor_units(minor).unwrap();
        prop_assert_eq!(Amount::parse_decimal(&a.to_string()).unwrap(), a);
        prop_assert_eq!(Amount::parse_minor_units(&minor.to_string()).unwrap(), a);
    }
}

/// Properties over the generators of `ogone::strategies` (feature `proptest`): what a
/// merchant's suite would check with them.
#[cfg(feature = "proptest")]
mod strategies {
    use super::*;
    use ogone::simulate::FeedbackSimulator;
    use ogone::strategies::{
        SignedFeedback, Tampering, hostile_form_body, sha_out_feedback_params,
        sha_out_feedback_params_in, signed_feedback, tampered_feedback, transaction,
    };
    use ogone::{Charset, Passphrase, Signer};

    const TRANSPORTS: [TransportCharset; 3] = [
        TransportCharset::Utf8,
        TransportCharset::Iso8859_1,
        TransportCharset::Windows1252,
    ];

    /// Signed feedback with the algorithm it was signed with.
    fn signed_with_any_algorithm() -> impl Strategy<Value = (HashAlgorithm, SignedFeedback)> {
        prop::sample::select(&HashAlgorithm::ALL[..])
            .prop_flat_map(|a| signed_feedback(ShaOutKey::new(KEY), a).prop_map(move |f| (a, f)))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn every_signed_feedback_verifies_and_reads_back((algorithm, fb) in signed_with_any_algorithm()) {
            let f = VerifiedFeedback::parse(fb.body.as_bytes(), fb.transport, &verifier(algorithm))?;
            let tx = &fb.transaction;
            prop_assert_eq!(f.order_id(), Some(tx.order_id.as_str()));
            prop_assert_eq!(f.pay_id(), Some(tx.pay_id.as_str()));
            prop_assert_eq!(f.status()?, tx.status);
            prop_assert_eq!(f.amount()?, tx.amount);
            prop_assert_eq!(f.currency(), Some(tx.currency.as_str()));
            prop_assert_eq!(f.nc_error()?, NcError::parse(&tx.nc_error).unwrap());
            let sub = tx.pay_id_sub.map(|s| s.to_string());
            prop_assert_eq!(f.pay_id_sub(), sub.as_deref());
            let signed = ogone::AllowList::new(ListKind::ShaOut);
            for (name, value) in &tx.extra {
                // An empty value is not hashed, so it is not signed: read as absent.
                if signed.contains(name) && !value.is_empty() {
                    prop_assert_eq!(f.get(name), Some(value.as_str()), "{}", name);
                } else {
                    prop_assert_eq!(f.get(name), None, "{}", name);
                    prop_assert_eq!(f.unsigned(name), Some(value.as_str()), "{}", name);
                }
            }
            // A verifier with another algorithm or key refuses it.
            let other = HashAlgorithm::ALL.into_iter().find(|&a| a != algorithm).unwrap();
            prop_assert!(VerifiedFeedback::parse(fb.body.as_bytes(), fb.transport, &verifier(other)).is_err());
            let wrong_key = FeedbackVerifier::new(&ShaOutKey::new("not-the-key-0123456"), algorithm);
            prop_assert_eq!(
                VerifiedFeedback::parse(fb.body.as_bytes(), fb.transport, &wrong_key),
                Err(Error::Mismatch)
            );
        }

        #[test]
        fn one_feedback_has_one_key_in_every_transport(tx in transaction()) {
            let key = ShaOutKey::new(KEY);
            let v = verifier(HashAlgorithm::Sha512);
            let mut keys = Vec::new();
            for t in TRANSPORTS {
                let simulator = FeedbackSimulator::new(&key, HashAlgorithm::Sha512).with_transport(t);
                match simulator.body(&tx) {
                    Ok(body) => keys.push(VerifiedFeedback::parse(body.as_bytes(), t, &v)?.key()?),
                    // Only UTF-8 carries every character.
                    Err(e) => {
                        prop_assert!(t != TransportCharset::Utf8, "{e:?}");
                        prop_assert!(matches!(e, Error::Unencodable { .. }), "{e:?}");
                    }
                }
            }
            prop_assert!(!keys.is_empty());
            prop_assert!(keys.windows(2).all(|w| w[0] == w[1]));
        }

        #[test]
        fn every_tampered_feedback_is_rejected_as_a_mismatch(
            forged in prop::sample::select(&HashAlgorithm::ALL[..])
                .prop_flat_map(|a| tampered_feedback(ShaOutKey::new(KEY), a).prop_map(move |f| (a, f)))
        ) {
            let (algorithm, forged) = forged;
            let v = verifier(algorithm);
            // The original verifies; the forgery differs from it in exactly one byte, there.
            prop_assert!(VerifiedFeedback::parse(forged.original.body.as_bytes(), forged.transport, &v).is_ok());
            let diff: Vec<usize> = forged.body.bytes().zip(forged.original.body.bytes())
                .enumerate().filter(|(_, (a, b))| a != b).map(|(i, _)| i).collect();
            prop_assert_eq!(forged.body.len(), forged.original.body.len());
            prop_assert_eq!(diff, vec![forged.tampering.at()]);
            let at = forged.tampering.at();
            let (old, new) = (forged.original.body.as_bytes()[at], forged.body.as_bytes()[at]);
            match &forged.tampering {
                Tampering::Name { .. } | Tampering::Signature { .. } => {
                    prop_assert!(!old.eq_ignore_ascii_case(&new), "a case change is no change");
                }
                Tampering::Value { name, .. } => {
                    prop_assert!(ogone::AllowList::new(ListKind::ShaOut).contains(name));
                }
                other => prop_assert!(false, "unknown tampering {other:?}"),
            }
            // It still decodes: the signature check, and nothing else, rejects it.
            prop_assert!(Params::parse_form(forged.body.as_bytes(), forged.transport).is_ok());
            prop_assert_eq!(
                VerifiedFeedback::parse(forged.body.as_bytes(), forged.transport, &v),
                Err(Error::Mismatch),
                "{:?}", forged.tampering
            );
        }

        #[test]
        fn every_hostile_body_gets_a_typed_answer(body in hostile_form_body()) {
            let v = verifier(HashAlgorithm::Sha1);
            for t in TRANSPORTS {
                let parsed = Params::parse_form(&body, t);
                if body.len() > ogone::MAX_FORM_BYTES {
                    prop_assert!(matches!(parsed, Err(Error::TooLarge { .. })), "{parsed:?}");
                }
                if let Ok(params) = &parsed {
                    // What decodes re-encodes to the same set.
                    let again = Params::parse_form_with_limit(params.to_form(t)?.as_bytes(), t, usize::MAX)?;
                    prop_assert_eq!(&again, params);
                }
                // Nothing hostile carries a valid signature.
                let verified = VerifiedFeedback::parse(&body, t, &v);
                prop_assert!(verified.is_err(), "{verified:?}");
                prop_assert!(FlexCheckoutFeedback::parse(&body, t, &v).is_err());
                // Parse and verification agree on what is malformed.
                if let Err(e) = &parsed {
                    prop_assert_eq!(verified.as_ref().err(), Some(e));
                }
                if let Ok(f) = UnverifiedFeedback::parse(&body, t) {
                    let _ = (f.status(), f.amount(), f.nc_error(), f.key());
                }
            }
        }

        #[test]
        fn every_sha_out_parameter_set_signs_and_verifies(
            set in prop_oneof![sha_out_feedback_params(), sha_out_feedback_params_in(Charset::Iso8859_1)],
            algorithm in prop::sample::select(&HashAlgorithm::ALL[..]),
        ) {
            prop_assert_eq!(set.list, ListKind::ShaOut);
            let mut params = set.to_params()?;
            let signer = Signer::sha_out(Passphrase::new(KEY), algorithm).with_charset(set.charset);
            params.insert("SHASIGN", signer.sign(&params)?.to_string())?;
            let v = verifier(algorithm).with_charset(set.charset);
            // Through a form body in the charset of the account, and back.
            let transport = set.charset.transport();
            let body = params.to_form(transport)?;
            let f = VerifiedFeedback::parse(body.as_bytes(), transport, &v)?;
            prop_assert!(f.status().is_ok());
            prop_assert!(f.amount().is_ok());
            prop_assert!(f.nc_error().is_ok());
            prop_assert!(f.key().is_ok());
            for (name, value) in &set.pairs {
                // An empty value is not hashed, so it is not signed: `get` reads it as absent.
                let signed = ogone::AllowList::new(ListKind::ShaOut).contains(name) && !value.is_empty();
                let read = if signed { f.get(name) } else { f.unsigned(name) };
                prop_assert_eq!(read, Some(value.as_str()), "{}", name);
                if !signed {
                    prop_assert_eq!(f.get(name), None, "{}", name);
                }
            }
            if set.charset == Charset::Iso8859_1 {
                prop_assert!(set.pairs.iter().all(|(_, v)| v.chars().all(|c| u32::from(c) <= 0xFF)));
            }
        }
    }
}

/// Issue 18, finding 7: a key is a unique column, so only the text `Display` writes reads back.
/// Lengths were read with `usize::from_str`, which takes a leading `+` and zeros: the two texts
/// below parsed, and were not equal to the key of the same feedback.
#[test]
fn a_feedback_key_reads_back_only_from_its_own_text() {
    let body = b"orderID=12&PAYID=32100123&STATUS=9";
    let key = UnverifiedFeedback::parse(body, TransportCharset::Utf8)
        .unwrap()
        .key()
        .unwrap();
    assert_eq!(key.as_str(), "2:12/8:32100123/1:0/9");
    assert_eq!(key.to_string().parse::<ogone::FeedbackKey>(), Ok(key));
    for other in [
        "+2:12/8:32100123/1:0/9",
        "02:12/8:32100123/1:0/9",
        "2:12/+8:32100123/1:0/9",
        "2:12/08:32100123/1:0/9",
        "2:12/8:32100123/+1:0/9",
        "2:12/8:32100123/01:0/9",
        "00:/8:32100123/1:0/9",
        "+0:/8:32100123/1:0/9",
        " 2:12/8:32100123/1:0/9",
        "2 :12/8:32100123/1:0/9",
        "2:12/8:32100123/1:0/09",
        "2:12/8:32100123/1:0/+9",
    ] {
        let parsed = other.parse::<ogone::FeedbackKey>();
        assert!(
            matches!(parsed, Err(Error::InvalidField { .. })),
            "{other:?}: {parsed:?}"
        );
    }
    // An empty ORDERID has the length 0, written once.
    let key: ogone::FeedbackKey = "0:/8:32100123/1:0/9".parse().unwrap();
    assert_eq!(key.to_string(), "0:/8:32100123/1:0/9");
}

/// Issue 18, finding 8: the method of a refused request is escaped in the error's text, as the
/// media type and the charset are, so that it cannot write a line of its own into a log. It
/// was displayed as it came: `POST\r\nINFO forged` put a forged line into the log.
#[test]
fn a_refused_method_cannot_forge_a_log_line() {
    let v = verifier(HashAlgorithm::Sha1);
    let err =
        VerifiedFeedback::from_request("POST\r\nINFO forged", None, None, b"", &v).unwrap_err();
    assert!(matches!(err, Error::UnsupportedMethod(_)), "{err:?}");
    let line = format!("feedback refused: {err}");
    assert!(!line.contains(['\r', '\n']), "{line:?}");
    assert_eq!(
        line,
        r#"feedback refused: feedback comes as GET or POST, not "POST\r\nINFO forged""#
    );
    // A plain method reads as before, quoted like the media type.
    let put = VerifiedFeedback::from_request("PUT", None, None, b"", &v).unwrap_err();
    assert_eq!(
        put.to_string(),
        r#"feedback comes as GET or POST, not "PUT""#
    );
    let json = VerifiedFeedback::from_request("POST", None, Some("a/b\nX"), b"", &v).unwrap_err();
    assert_eq!(
        json.to_string(),
        r#"feedback body of type "a/b\nX", application/x-www-form-urlencoded expected"#
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Issue 18, finding 7: a text near a key (each length right, but spelled with or without a
    /// `+` or zeros; a status likewise) parses only when it is the canonical text of its parts.
    #[test]
    fn a_key_text_parses_only_when_canonical(
        parts in prop::collection::vec(("[+0]?", "[0-9a-z:/]{0,12}"), 3),
        status in ("[+0]?", prop::sample::select(vec![0u8, 5, 9, 41, 91])),
    ) {
        let mut text = String::new();
        let mut canonical = String::new();
        for (prefix, value) in &parts {
            text.push_str(&format!("{prefix}{}:{value}/", value.len()));
            canonical.push_str(&format!("{}:{value}/", value.len()));
        }
        text.push_str(&format!("{}{}", status.0, status.1));
        canonical.push_str(&status.1.to_string());
        let [(_, order_id), (_, pay_id), (_, sub)] = &parts[..] else { unreachable!() };
        let valid = (!order_id.is_empty() || !pay_id.is_empty()) && !sub.is_empty();
        let parsed = text.parse::<ogone::FeedbackKey>();
        prop_assert_eq!(parsed.is_ok(), valid && text == canonical, "{:?}: {:?}", text, parsed);
        if let Ok(key) = parsed {
            prop_assert_eq!(key.as_str(), canonical);
        }
    }

    /// The key of any feedback reads back from its text, equal.
    #[test]
    fn every_feedback_key_reads_back(
        order_id in "[0-9A-Za-z:/+-]{0,20}",
        pay_id in "[0-9]{0,10}",
        sub in prop::option::of("[0-9]{1,3}"),
        status in prop::sample::select(vec![0u8, 1, 5, 9, 41, 91, 99]),
    ) {
        prop_assume!(!order_id.is_empty() || !pay_id.is_empty());
        let order_id = order_id.replace('+', "%2B");
        let mut body = format!("orderID={order_id}&PAYID={pay_id}&STATUS={status}");
        if let Some(sub) = &sub {
            body.push_str(&format!("&PAYIDSUB={sub}"));
        }
        let key = UnverifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8)?.key()?;
        prop_assert_eq!(key.to_string().parse::<ogone::FeedbackKey>(), Ok(key));
    }
}
