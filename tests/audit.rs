//! The archive auditor (`ogone::audit`) against the feedback simulator and the SHA-OUT example
//! of Ingenico's e-Commerce guide: rotated keys, transport charsets, lists, the legacy scheme,
//! tampered, truncated, duplicated and unsigned bodies, and the claimed fields of the verdicts
//! that do not verify.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ogone::audit::{AuditList, AuditedFeedback, Auditor, Claimed, Verdict};
use ogone::simulate::{AliasResult, FeedbackSimulator, Transaction};
use ogone::{
    Amount, Error, HashAlgorithm, ListKind, Params, Passphrase, Scheme, ShaOutKey, Signer,
    TransportCharset,
};
use proptest::prelude::*;

/// The SHA-OUT example of Ingenico's e-Commerce guide (spec section 1): key
/// `Mysecretsig1875!?`, SHA-1, published signature.
const GUIDE_KEY: &str = "Mysecretsig1875!?";
const GUIDE_BODY: &str = "ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111\
    &currency=EUR&NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";

fn key(text: &str) -> ShaOutKey {
    ShaOutKey::new(text)
}

fn verified(verdict: Verdict) -> AuditedFeedback {
    match verdict {
        Verdict::Verified(found) => found,
        other => panic!("not verified: {other:?}"),
    }
}

fn tx(order_id: &str) -> Transaction {
    Transaction::paid(
        order_id,
        "3014726",
        Amount::from_minor_units(4250).unwrap(),
        "EUR",
    )
}

fn claimed(order_id: &str, pay_id: &str, status: &str, amount: &str, currency: &str) -> Claimed {
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Claimed {
        order_id: some(order_id),
        pay_id: some(pay_id),
        status: some(status),
        amount: some(amount),
        currency: some(currency),
    }
}

#[test]
fn guide_vector_with_rotated_keys() {
    let guide = key(GUIDE_KEY);
    let (a, b) = (key("Old-key-A"), key("Old-key-B"));
    // Right key last, first, absent.
    let last = Auditor::new()
        .with_key(&a, HashAlgorithm::Sha1)
        .with_key(&b, HashAlgorithm::Sha1)
        .with_key(&guide, HashAlgorithm::Sha1);
    let found = verified(last.audit(GUIDE_BODY.as_bytes()));
    assert_eq!(found.key, 2);
    assert_eq!(found.algorithm, HashAlgorithm::Sha1);
    assert_eq!(found.transport, TransportCharset::Utf8);
    assert_eq!(found.list, AuditList::ShaOut);
    assert_eq!(found.fields, claimed("12", "32100123", "9", "15", "EUR"));
    // Every signed field, upper-case, in hash (Ingenico) order.
    let names: Vec<&str> = found.signed.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
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
    let first = Auditor::new()
        .with_key(&guide, HashAlgorithm::Sha1)
        .with_key(&a, HashAlgorithm::Sha1);
    assert_eq!(verified(first.audit(GUIDE_BODY.as_bytes())).key, 0);
    let absent = Auditor::new()
        .with_key(&a, HashAlgorithm::Sha1)
        .with_key(&b, HashAlgorithm::Sha1);
    assert_eq!(
        absent.audit(GUIDE_BODY.as_bytes()),
        Verdict::NotAuthentic {
            claimed: claimed("12", "32100123", "9", "15", "EUR")
        }
    );
    // The right passphrase with the wrong algorithm is skipped (its length differs).
    let wrong_algorithm = Auditor::new().with_key(&guide, HashAlgorithm::Sha256);
    assert_eq!(
        wrong_algorithm.audit(GUIDE_BODY.as_bytes()).as_str(),
        "not-authentic"
    );
}

#[test]
fn mixed_algorithms_find_the_right_key() {
    let keys = [
        (key("k-sha1"), HashAlgorithm::Sha1),
        (key("k-sha256"), HashAlgorithm::Sha256),
        (key("k-sha512"), HashAlgorithm::Sha512),
        (key("k-sha256-bis"), HashAlgorithm::Sha256),
    ];
    let auditor = keys.iter().fold(Auditor::new(), |auditor, (k, alg)| {
        auditor.with_key(k, *alg)
    });
    assert_eq!(auditor.key_count(), 4);
    for (index, (k, algorithm)) in keys.iter().enumerate() {
        let body = FeedbackSimulator::new(k, *algorithm)
            .body(&tx("WEB-1"))
            .unwrap();
        let found = verified(auditor.audit(body.as_bytes()));
        assert_eq!((found.key, found.algorithm), (index, *algorithm));
    }
}

#[test]
fn windows_1252_and_utf8_archives_of_the_same_feedback() {
    let k = key("Another-secret-for-OUT");
    let mut t = tx("Café-7");
    t.extra.push(("CN".into(), "Zoë Lefèvre".into()));
    let utf8 = FeedbackSimulator::new(&k, HashAlgorithm::Sha256)
        .body(&t)
        .unwrap();
    let w1252 = FeedbackSimulator::new(&k, HashAlgorithm::Sha256)
        .with_transport(TransportCharset::Windows1252)
        .body(&t)
        .unwrap();
    assert!(utf8.contains("Caf%C3%A9") && w1252.contains("Caf%E9"));
    let auditor = Auditor::new().with_key(&k, HashAlgorithm::Sha256);
    for (body, transport) in [
        (&utf8, TransportCharset::Utf8),
        (&w1252, TransportCharset::Windows1252),
    ] {
        let found = verified(auditor.audit(body.as_bytes()));
        assert_eq!(found.transport, transport);
        assert_eq!(found.fields.order_id.as_deref(), Some("Café-7"));
        assert!(found.signed.contains(&("CN".into(), "Zoë Lefèvre".into())));
    }
    // Windows-1252 first: it reads the UTF-8 body as "CafÃ©" (no match), then UTF-8 verifies.
    let reversed = auditor
        .clone()
        .with_transports([TransportCharset::Windows1252, TransportCharset::Utf8]);
    assert_eq!(
        verified(reversed.audit(utf8.as_bytes())).transport,
        TransportCharset::Utf8
    );
    // UTF-8 only: the Windows-1252 body is not UTF-8.
    let utf8_only = auditor.clone().with_transports([TransportCharset::Utf8]);
    let verdict = utf8_only.audit(w1252.as_bytes());
    assert!(
        matches!(
            verdict.error(),
            Some(Error::InvalidEncoding {
                charset: TransportCharset::Utf8,
                ..
            })
        ),
        "{verdict:?}"
    );
    assert_eq!(verdict.claimed().pay_id.as_deref(), Some("3014726"));
    // An ASCII body reads alike in every transport: the first one is reported.
    let ascii = FeedbackSimulator::new(&k, HashAlgorithm::Sha256)
        .body(&tx("WEB-9"))
        .unwrap();
    assert_eq!(
        verified(reversed.audit(ascii.as_bytes())).transport,
        TransportCharset::Windows1252
    );
}

#[test]
fn latin1_accounts_hash_in_their_charset() {
    let k = key("Latin-1-account");
    let mut t = tx("Café-9");
    t.extra.push(("CN".into(), "Zoë".into()));
    for n in [0, 70] {
        let mut t = t.clone();
        for i in 0..n {
            t.extra.push((format!("EXTRA{i}"), format!("v{i}")));
        }
        let body = FeedbackSimulator::new(&k, HashAlgorithm::Sha256)
            .with_charset(ogone::Charset::Iso8859_1)
            .with_transport(TransportCharset::Windows1252)
            .body(&t)
            .unwrap();
        let auditor = Auditor::new()
            .with_key(&k, HashAlgorithm::Sha256)
            .with_key_charset(
                &key("other"),
                HashAlgorithm::Sha256,
                ogone::Charset::Iso8859_1,
            )
            .with_key_charset(&k, HashAlgorithm::Sha256, ogone::Charset::Iso8859_1);
        let found = verified(auditor.audit(body.as_bytes()));
        assert_eq!(
            (found.key, found.transport),
            (2, TransportCharset::Windows1252),
            "{n}"
        );
        assert_eq!(found.fields.order_id.as_deref(), Some("Café-9"));
    }
}

#[test]
fn tampered_bodies_are_not_authentic_with_what_they_claim() {
    let auditor = Auditor::new().with_key(&key(GUIDE_KEY), HashAlgorithm::Sha1);
    let tampered = GUIDE_BODY.replace("amount=15", "amount=1500");
    assert_eq!(
        auditor.audit(tampered.as_bytes()),
        Verdict::NotAuthentic {
            claimed: claimed("12", "32100123", "9", "1500", "EUR")
        }
    );
    // A forged signature of the right shape.
    let forged = GUIDE_BODY.replace("209113288F", "309113288F");
    let verdict = auditor.audit(forged.as_bytes());
    assert_eq!(verdict.as_str(), "not-authentic");
    assert_eq!(verdict.error(), None);
    // Hex of a SHA-512 length with no SHA-512 key: not authentic either (the chosen rule).
    let sha512 = GUIDE_BODY.replace("209113288F93A9AB8E474EA78D899AFDBB874355", &"AB".repeat(64));
    assert_eq!(auditor.audit(sha512.as_bytes()).as_str(), "not-authentic");
}

#[test]
fn truncated_bodies_are_malformed_with_what_can_be_read() {
    let auditor = Auditor::new().with_key(&key(GUIDE_KEY), HashAlgorithm::Sha1);
    // Cut inside the signature.
    let cut = &GUIDE_BODY[..GUIDE_BODY.len() - 10];
    let verdict = auditor.audit(cut.as_bytes());
    assert_eq!(
        verdict.error(),
        Some(&Error::SignatureLength {
            expected: 40,
            found: 30
        })
    );
    assert_eq!(verdict.claimed().order_id.as_deref(), Some("12"));
    // Cut before the signature.
    let before = GUIDE_BODY.split("&SHASIGN").next().unwrap();
    let verdict = auditor.audit(before.as_bytes());
    assert_eq!(verdict.error(), Some(&Error::MissingSignature));
    assert_eq!(
        verdict.claimed(),
        &claimed("12", "32100123", "9", "15", "EUR")
    );
    // Cut inside an escape: no transport reads it; the other fields are still claimed.
    let escape = "orderID=12&STATUS=9&amount=15&CN=Lef%E";
    let verdict = auditor.audit(escape.as_bytes());
    assert!(
        matches!(verdict.error(), Some(Error::MalformedEscape { .. })),
        "{verdict:?}"
    );
    assert_eq!(verdict.claimed(), &claimed("12", "", "9", "15", ""));
    // A signature that is not hex.
    let not_hex = GUIDE_BODY.replace("209113288F", "Z09113288F");
    assert_eq!(
        auditor.audit(not_hex.as_bytes()).error(),
        Some(&Error::SignatureNotHex)
    );
}

#[test]
fn duplicated_names_are_malformed() {
    let auditor = Auditor::new().with_key(&key(GUIDE_KEY), HashAlgorithm::Sha1);
    let polluted = format!("{GUIDE_BODY}&ORDERID=13");
    let verdict = auditor.audit(polluted.as_bytes());
    assert!(
        matches!(verdict.error(), Some(Error::DuplicateName(_))),
        "{verdict:?}"
    );
    // Two order ids: which one would it claim? None; the rest is read.
    assert_eq!(
        verdict.claimed(),
        &claimed("", "32100123", "9", "15", "EUR")
    );
    // The same value twice is still one claim.
    let twice = format!("{GUIDE_BODY}&STATUS=9");
    assert_eq!(
        auditor.audit(twice.as_bytes()).claimed().status.as_deref(),
        Some("9")
    );
}

#[test]
fn unsigned_only_bodies_are_malformed() {
    let auditor = Auditor::new().with_key(&key(GUIDE_KEY), HashAlgorithm::Sha1);
    // Nothing on the SHA-OUT list: the digest of the empty string, which anyone can compute.
    let body = "FOO=1&BAR=2&SHASIGN=DA39A3EE5E6B4B0D3255BFEF95601890AFD80709";
    let verdict = auditor.audit(body.as_bytes());
    assert_eq!(verdict.error(), Some(&Error::NothingSigned));
    assert_eq!(verdict.claimed(), &Claimed::default());
    // No key at all: a readable body is not authentic.
    assert_eq!(
        Auditor::new().audit(GUIDE_BODY.as_bytes()).as_str(),
        "not-authentic"
    );
}

#[test]
fn flexcheckout_and_alias_gateway_lists() {
    let k = key("Another-secret-for-OUT");
    let simulator = FeedbackSimulator::new(&k, HashAlgorithm::Sha256);
    let fields = [
        ("Alias.AliasId", "A1"),
        ("Alias.OrderId", "WEB-5"),
        ("Alias.Status", "0"),
        ("Card.Brand", "VISA"),
    ]
    .map(|(n, v)| (n.to_string(), v.to_string()));
    let flex = simulator
        .clone()
        .with_list(ListKind::FlexCheckoutOut)
        .body_of(&fields)
        .unwrap();
    let alias = simulator
        .alias_gateway_body(&AliasResult::ok("A2", "WEB-6"))
        .unwrap();
    let sha_out_only = Auditor::new().with_key(&k, HashAlgorithm::Sha256);
    assert_ne!(sha_out_only.audit(flex.as_bytes()).as_str(), "verified");
    assert_ne!(sha_out_only.audit(alias.as_bytes()).as_str(), "verified");
    let auditor = sha_out_only.with_lists([
        AuditList::ShaOut,
        AuditList::FlexCheckout,
        AuditList::AliasGateway,
    ]);
    let found = verified(auditor.audit(flex.as_bytes()));
    assert_eq!(found.list, AuditList::FlexCheckout);
    assert_eq!(found.fields.order_id.as_deref(), Some("WEB-5"));
    assert!(
        found
            .signed
            .contains(&("ALIAS.ALIASID".into(), "A1".into()))
    );
    let found = verified(auditor.audit(alias.as_bytes()));
    assert_eq!(found.list, AuditList::AliasGateway);
    assert_eq!(found.fields.order_id.as_deref(), Some("WEB-6"));
}

#[test]
fn legacy_scheme_on_request() {
    // The guide's SHA-OUT fields, signed in the legacy scheme by the signer (itself checked
    // against the published legacy vectors in tests/vectors.rs).
    let params = Params::parse_form(
        GUIDE_BODY.split("&SHASIGN").next().unwrap().as_bytes(),
        TransportCharset::Utf8,
    )
    .unwrap();
    let signature = Signer::sha_out(Passphrase::new(GUIDE_KEY), HashAlgorithm::Sha1)
        .with_scheme(Scheme::LegacyMainParameters)
        .sign(&params)
        .unwrap();
    let body = format!(
        "{}&SHASIGN={signature}",
        GUIDE_BODY.split("&SHASIGN").next().unwrap()
    );
    let auditor = Auditor::new().with_key(&key(GUIDE_KEY), HashAlgorithm::Sha1);
    assert_eq!(auditor.audit(body.as_bytes()).as_str(), "not-authentic");
    let auditor = auditor.with_lists([AuditList::ShaOut, AuditList::LegacyShaOut]);
    let found = verified(auditor.audit(body.as_bytes()));
    assert_eq!(found.list, AuditList::LegacyShaOut);
    let names: Vec<&str> = found.signed.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "ORDERID",
            "CURRENCY",
            "AMOUNT",
            "PM",
            "ACCEPTANCE",
            "STATUS",
            "CARDNO",
            "PAYID",
            "NCERROR",
            "BRAND"
        ]
    );
    // The each-parameter guide body is still found on the first list.
    assert_eq!(
        verified(auditor.audit(GUIDE_BODY.as_bytes())).list,
        AuditList::ShaOut
    );
}

#[test]
fn more_parameters_than_the_scan_holds() {
    let k = key("Another-secret-for-OUT");
    let mut t = tx("Café-8");
    for i in 0..80 {
        t.extra.push((format!("EXTRA{i}"), format!("v{i}")));
    }
    let body = FeedbackSimulator::new(&k, HashAlgorithm::Sha512)
        .with_transport(TransportCharset::Windows1252)
        .body(&t)
        .unwrap();
    let auditor = Auditor::new()
        .with_key(&key("other"), HashAlgorithm::Sha512)
        .with_key(&k, HashAlgorithm::Sha512);
    let found = verified(auditor.audit(body.as_bytes()));
    assert_eq!(
        (found.key, found.transport),
        (1, TransportCharset::Windows1252)
    );
    assert_eq!(found.fields.order_id.as_deref(), Some("Café-8"));
    let brief = verified(
        auditor
            .clone()
            .with_signed_pairs(false)
            .audit(body.as_bytes()),
    );
    assert_eq!(
        brief,
        AuditedFeedback {
            signed: Vec::new(),
            ..found
        }
    );
    let tampered = body.replace("STATUS=9", "STATUS=5");
    assert_eq!(
        auditor.audit(tampered.as_bytes()),
        Verdict::NotAuthentic {
            claimed: claimed("Café-8", "3014726", "5", "42.5", "EUR")
        }
    );
}

#[test]
fn debug_never_shows_a_passphrase() {
    let auditor = Auditor::new()
        .with_key(&key("Very-secret-1"), HashAlgorithm::Sha1)
        .with_key(&key("Very-secret-2"), HashAlgorithm::Sha512);
    let shown = format!("{auditor:?}");
    assert!(!shown.contains("Very-secret"), "{shown}");
    assert!(shown.contains("Sha512"), "{shown}");
    let verdict = auditor.audit(GUIDE_BODY.as_bytes());
    assert!(!format!("{verdict:?}").contains("Very-secret"));
}

#[test]
fn arbitrary_bytes_never_panic() {
    let auditor = Auditor::new()
        .with_key(&key(GUIDE_KEY), HashAlgorithm::Sha1)
        .with_transports([TransportCharset::Utf8]);
    for body in [
        &b""[..],
        b"&&&",
        b"=",
        b"?",
        b"SHASIGN=&SHASIGNATURE.SHASIGN=",
        b"\xff\xfe=\x80",
        b"%",
    ] {
        let verdict = auditor.audit(body);
        assert_ne!(verdict.as_str(), "verified");
    }
}

const TRANSPORTS: [TransportCharset; 3] = [
    TransportCharset::Utf8,
    TransportCharset::Iso8859_1,
    TransportCharset::Windows1252,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Simulator-signed feedback, random key set and transport order: verified with the right
    /// key index, in the first transport that reads the body as the simulator wrote it; and a
    /// byte flip (other than a letter's case, which names and hex ignore) never verifies.
    #[test]
    fn signed_feedback_verifies_and_flips_do_not(
        algorithms in proptest::collection::vec(0..3usize, 1..5),
        right in any::<prop::sample::Index>(),
        order_id in "[A-Za-z0-9 éüß€-]{1,12}",
        cn in "[A-Za-z éèà]{0,10}",
        sent in 0..3usize,
        order in Just(TRANSPORTS).prop_shuffle(),
        tried in 1..4usize,
        flip_at in any::<prop::sample::Index>(),
        flip in 1..=255u8,
    ) {
        let keys: Vec<(ShaOutKey, HashAlgorithm)> = algorithms
            .iter()
            .enumerate()
            .map(|(i, &a)| (key(&format!("key-{i}")), HashAlgorithm::ALL[a]))
            .collect();
        let right = right.index(keys.len());
        let transport = TRANSPORTS[sent];
        // € is not in ISO-8859-1.
        let order_id = if transport == TransportCharset::Iso8859_1 {
            order_id.replace('€', "E")
        } else {
            order_id
        };
        let mut t = tx(&order_id);
        if !cn.is_empty() {
            t.extra.push(("CN".into(), cn));
        }
        let (k, algorithm) = &keys[right];
        let body = FeedbackSimulator::new(k, *algorithm)
            .with_transport(transport)
            .body(&t)
            .unwrap();
        // The sent transport always among those tried.
        let mut transports: Vec<TransportCharset> = order[..tried].to_vec();
        if !transports.contains(&transport) {
            transports.push(transport);
        }
        let auditor = keys
            .iter()
            .fold(Auditor::new(), |auditor, (k, a)| auditor.with_key(k, *a))
            .with_transports(transports.clone());
        let truth = Params::parse_form(body.as_bytes(), transport).unwrap();
        let expected = transports
            .iter()
            .copied()
            .find(|&t| Params::parse_form(body.as_bytes(), t).ok().as_ref() == Some(&truth))
            .unwrap();
        let found = verified(auditor.audit(body.as_bytes()));
        // Without the signed pairs: the same verdict, `signed` left empty.
        let brief = verified(auditor.clone().with_signed_pairs(false).audit(body.as_bytes()));
        prop_assert_eq!(&brief, &AuditedFeedback { signed: Vec::new(), ..found.clone() });
        prop_assert_eq!(found.key, right);
        prop_assert_eq!(found.transport, expected);
        prop_assert_eq!(found.fields.order_id.as_deref(), Some(order_id.as_str()));

        let mut flipped = body.into_bytes();
        let at = flip_at.index(flipped.len());
        let new = flipped[at] ^ flip;
        prop_assume!(!new.eq_ignore_ascii_case(&flipped[at]));
        flipped[at] = new;
        prop_assert_ne!(auditor.audit(&flipped).as_str(), "verified");
    }
}

#[test]
fn auditors_and_verdicts_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Auditor>();
    send_sync::<Verdict>();
    // One auditor shared by threads, as a bulk tool runs it.
    let auditor =
        std::sync::Arc::new(Auditor::new().with_key(&key(GUIDE_KEY), HashAlgorithm::Sha1));
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let auditor = auditor.clone();
            std::thread::spawn(move || auditor.audit(GUIDE_BODY.as_bytes()).as_str())
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().unwrap(), "verified");
    }
    // No transport at all: nothing reads the body, and there is no error to report either.
    let none = Auditor::new()
        .with_key(&key(GUIDE_KEY), HashAlgorithm::Sha1)
        .with_transports([]);
    assert_eq!(
        none.audit(GUIDE_BODY.as_bytes()),
        Verdict::NotAuthentic {
            claimed: Claimed::default()
        }
    );
}

/// Keys for the session tests: `twin_of` makes key `i` a copy of an earlier key (the same
/// passphrase and algorithm), or of its passphrase under ISO-8859-1 (the same bytes when it is
/// ASCII), so that two keys verify the same bodies.
fn session_auditor(keys: &[(usize, usize, bool)]) -> (Auditor, Vec<(ShaOutKey, HashAlgorithm)>) {
    let mut made: Vec<(ShaOutKey, HashAlgorithm)> = Vec::new();
    let mut auditor = Auditor::new();
    for (i, &(twin_of, algorithm, latin1)) in keys.iter().enumerate() {
        let (k, a) = if twin_of < i {
            made[twin_of].clone()
        } else {
            (
                key(&format!("session-key-{i}")),
                HashAlgorithm::ALL[algorithm],
            )
        };
        auditor = if latin1 {
            auditor.with_key_charset(&k, a, ogone::Charset::Iso8859_1)
        } else {
            auditor.with_key(&k, a)
        };
        made.push((k, a));
    }
    (auditor, made)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A session gives every body of a run the verdict `Auditor::audit` gives it, whatever the
    /// keys (rotated, repeated, the same bytes in another hashing charset), the order of the
    /// bodies, the transport they were posted in, or a tampered body among them.
    #[test]
    fn a_session_gives_the_verdicts_of_audit(
        keys in proptest::collection::vec((0..6usize, 0..3usize, any::<bool>()), 1..6),
        run in proptest::collection::vec(
            (any::<prop::sample::Index>(), 0..2usize, any::<bool>(), any::<bool>()),
            1..12,
        ),
        lists in prop_oneof![
            Just(vec![AuditList::ShaOut]),
            Just(vec![AuditList::FlexCheckout, AuditList::ShaOut]),
            Just(vec![AuditList::ShaOut, AuditList::LegacyShaOut]),
        ],
    ) {
        let (auditor, made) = session_auditor(&keys);
        let auditor = auditor.with_lists(lists);
        let mut session = auditor.session();
        for (n, (signer, sent, accented, tamper)) in run.into_iter().enumerate() {
            let (k, a) = &made[signer.index(made.len())];
            let transport = [TransportCharset::Utf8, TransportCharset::Windows1252][sent];
            let order_id = if accented { format!("Café-{n}") } else { format!("WEB-{n}") };
            let mut body = FeedbackSimulator::new(k, *a)
                .with_transport(transport)
                .body(&tx(&order_id))
                .unwrap();
            if tamper {
                body = body.replace("STATUS=9", "STATUS=5");
            }
            let expected = auditor.audit(body.as_bytes());
            prop_assert_eq!(session.audit(body.as_bytes()), expected);
        }
    }
}

#[test]
fn a_session_reports_the_first_of_two_keys_that_verify() {
    let k = key("Same-key-twice");
    // The same key twice, and its bytes again under ISO-8859-1 (ASCII: the same bytes).
    let auditor = Auditor::new()
        .with_key(&key("Other-key"), HashAlgorithm::Sha256)
        .with_key(&k, HashAlgorithm::Sha256)
        .with_key(&k, HashAlgorithm::Sha256)
        .with_key_charset(&k, HashAlgorithm::Sha256, ogone::Charset::Iso8859_1);
    let body = FeedbackSimulator::new(&k, HashAlgorithm::Sha256)
        .body(&tx("WEB-1"))
        .unwrap();
    let mut session = auditor.session();
    for _ in 0..3 {
        assert_eq!(verified(session.audit(body.as_bytes())).key, 1);
    }
    // A body only the ISO-8859-1 twin verifies (an accent hashes as other bytes): key 3; the
    // next ASCII body is still key 1's, as `audit` says, though key 3 verified last.
    let latin1 = FeedbackSimulator::new(&k, HashAlgorithm::Sha256)
        .with_charset(ogone::Charset::Iso8859_1)
        .body(&tx("Café-2"))
        .unwrap();
    assert_eq!(verified(session.audit(latin1.as_bytes())).key, 3);
    assert_eq!(verified(session.audit(body.as_bytes())).key, 1);
    assert_eq!(verified(auditor.audit(latin1.as_bytes())).key, 3);
}

/// The names of the replay tests' bodies, as a shop's feedback spells them (mixed case, one on
/// no list, the signature last).
const REPLAY_NAMES: [&str; 8] = [
    "orderID", "amount", "currency", "STATUS", "PAYID", "CN", "COMPLUS", "unlisted",
];

/// Values that decode differently in each transport, or not at all in one, or are empty (an
/// empty value is never hashed), or hold the form's own separators.
const REPLAY_VALUES: [&str; 8] = ["12", "", "Zoë Müller", "a&b=c+d", "€", "%", "x y", "é"];

/// One raw edit of a body, as an archive may have damaged or a forger may have made it.
fn edit(body: &str, kind: usize, at: usize) -> String {
    let pairs: Vec<&str> = body.split('&').collect();
    let i = at % pairs.len();
    let mut edited: Vec<String> = pairs.iter().map(|p| p.to_string()).collect();
    match kind {
        1 => return format!("{body}&"),
        2 => return format!("?{body}"),
        3 => {
            edited.remove(i);
        }
        4 => edited.push(pairs[i].to_string()),
        5 => edited[i] = pairs[i].to_ascii_lowercase(),
        6 => edited[i] = format!("{}=%E9", pairs[i].split('=').next().unwrap_or_default()),
        7 => edited[i] = format!("{}=%zz", pairs[i].split('=').next().unwrap_or_default()),
        8 => edited[i] = format!("{}=", pairs[i].split('=').next().unwrap_or_default()),
        9 => edited.swap(i, (i + 1) % pairs.len()),
        10 => edited[i] = format!("X{}", pairs[i]),
        11 => edited.insert(i, String::from("COMPLUS2=1")),
        12 => return body.replace("&&", "&").replacen('&', "&&", 1),
        13 => return format!("{body}\u{e9}"),
        _ => {}
    }
    edited.join("&")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A session's shortcut (the last body's names, replayed) gives every body the verdict
    /// `Auditor::audit` gives it: bodies with the same names and any values, signed with any
    /// of the keys, posted in either transport, and bodies one raw edit away from those
    /// (a pair dropped, doubled, swapped, renamed or lower-cased, a value emptied or made
    /// undecodable, a stray `&`, `?` or byte).
    #[test]
    fn a_session_replay_gives_the_verdicts_of_audit(
        run in proptest::collection::vec(
            (
                proptest::collection::vec(0..REPLAY_VALUES.len(), REPLAY_NAMES.len()),
                0..3usize,
                0..2usize,
                0..16usize,
                any::<usize>(),
            ),
            1..16,
        ),
        lists in prop_oneof![
            Just(vec![AuditList::ShaOut]),
            Just(vec![AuditList::FlexCheckout, AuditList::ShaOut]),
        ],
        transports in prop_oneof![
            Just(vec![TransportCharset::Utf8, TransportCharset::Windows1252]),
            Just(vec![TransportCharset::Windows1252, TransportCharset::Utf8]),
            Just(vec![TransportCharset::Iso8859_1]),
        ],
    ) {
        let keys = [
            (key("Replay-key-1"), HashAlgorithm::Sha1),
            (key("Replay-key-2"), HashAlgorithm::Sha256),
            (key("Replay-key-3"), HashAlgorithm::Sha256),
        ];
        let auditor = keys
            .iter()
            .fold(Auditor::new(), |auditor, (k, a)| auditor.with_key(k, *a))
            .with_lists(lists)
            .with_transports(transports);
        let mut session = auditor.session();
        // The same run through `audit_into`, one verdict reused (with and without signed pairs).
        let fields_only = auditor.clone().with_signed_pairs(false);
        let (mut into, mut into_fields) = (auditor.session(), fields_only.session());
        let mut verdict = Verdict::NotAuthentic { claimed: Claimed::default() };
        let mut verdict_fields = verdict.clone();
        for (values, signer, sent, kind, at) in run {
            let fields: Vec<(String, String)> = REPLAY_NAMES
                .iter()
                .zip(&values)
                .map(|(name, &value)| (name.to_string(), REPLAY_VALUES[value].to_string()))
                .collect();
            let transport = [TransportCharset::Utf8, TransportCharset::Windows1252][sent];
            let (k, a) = &keys[signer];
            let Ok(body) = FeedbackSimulator::new(k, *a).with_transport(transport).body_of(&fields)
            else {
                continue; // `€` has no ISO-8859-1 byte.
            };
            let body = edit(&body, kind, at);
            let expected = auditor.audit(body.as_bytes());
            prop_assert_eq!(session.audit(body.as_bytes()), expected.clone(), "{}", body);
            into.audit_into(body.as_bytes(), &mut verdict);
            prop_assert_eq!(&verdict, &expected, "into: {}", body);
            into_fields.audit_into(body.as_bytes(), &mut verdict_fields);
            prop_assert_eq!(&verdict_fields, &fields_only.audit(body.as_bytes()), "fields: {}", body);
        }
    }
}
