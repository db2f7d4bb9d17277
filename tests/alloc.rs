//! `Signer::sign`, `Signer::verify` and `Signer::verify_shasign` allocate nothing, and neither
//! does the scan that verifies a posted body before anything is built (`Signer::__verify_form`,
//! what feedback parsing calls first): not when the body verifies, not when it is forged, not
//! when it is malformed, for bodies of up to 64 parameters, whatever the length of their names
//! and values (issue 18, finding 9: a value that decodes past the scan's 4 KiB buffer, names
//! that fill 64 x 100 bytes, a `SHASIGN` past the buffer); and `VerifiedFeedback::parse`,
//! `FlexCheckoutFeedback::parse` and `AliasGatewayFeedback::parse` refuse every forged or
//! malformed body of those without allocating. With feature `worldline`, Direct request signing
//! (`RequestToSign::authorization`, `ApiCall::sign`) allocates only what it returns (`ApiCall::sign`: nothing).
//! `Signer::sign_pairs` of up to 64 borrowed pairs allocates nothing either (issue 19), nor
//! does a `SigningSession` once made, whether it replays the names or not.
//! The archive auditor (`ogone::audit::Auditor::audit`, issue 19) allocates only the strings of
//! its verdict, whatever the number of keys and transports it tries.
//!
//! A counting global allocator wraps the system one. Only allocations made by the thread that
//! switched counting on are counted, and the file holds a single `#[test]`, so nothing else
//! (the test harness, another test) can make the count move. Every algorithm, both sort orders,
//! both hashing charsets, the three transport charsets (Windows-1252 as ePDQ posts it), the
//! SHA-IN list (with `ITEMNAME12`-style pattern names), the SHA-OUT
//! list and the legacy scheme are covered, each in a passing and a failing (`Mismatch`)
//! verification.
#![allow(unsafe_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use ogone::{
    AliasGatewayFeedback, AllowList, Charset, Direction, Error, FeedbackVerifier,
    FlexCheckoutFeedback, HashAlgorithm, ListKind, Params, Passphrase, Scheme, ShaOutKey, Signer,
    SortOrder, TransportCharset, VerifiedFeedback,
};

/// The system allocator, counting the allocations (`alloc`, `alloc_zeroed`, `realloc`) of the
/// threads that asked for it.
struct Counting;

/// Allocations counted so far.
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Whether this thread's allocations are counted. Const-initialised, no destructor: reading
    /// it never allocates.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn record() {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
    }
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the `GlobalAlloc`
// contract; counting touches only an atomic and a const thread-local.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record();
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` makes on this thread.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    COUNTING.with(|c| c.set(true));
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let out = f();
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    COUNTING.with(|c| c.set(false));
    (after - before, out)
}

const KEY: &str = "Mysecretsig1875!?";

/// A hosted-page SHA-IN request with Latin-1 values and basket lines past 10 (so the two sort
/// orders differ and the `ITEMNAME*XX*` patterns are looked up); plus a name off the list and
/// an empty value, which are dropped.
fn sha_in_params() -> Params {
    let mut pairs: Vec<(String, String)> = [
        ("PSPID", "MyPSPID"),
        ("orderID", "1234"),
        ("amount", "1500"),
        ("CURRENCY", "EUR"),
        ("LANGUAGE", "fr_FR"),
        ("CN", "Zoë Müller-Ångström"),
        ("OWNERADDRESS", "12 rue de la Paix, façade nord"),
        ("OWNERTOWN", "Besançon"),
        ("COM", "café crème × 2, ½ prix"),
        (
            "ACCEPTURL",
            "https://shop.example.com/checkout/payment/ogone/accept?lang=fr",
        ),
        ("TITLE", ""),
        ("NOT_ON_THE_LIST", "ignored"),
    ]
    .iter()
    .map(|&(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for i in 1..=12 {
        pairs.push((format!("ITEMID{i}"), format!("SKU{i:04}")));
        pairs.push((format!("ITEMNAME{i}"), format!("Thé vert n°{i}")));
        pairs.push((format!("ITEMPRICE{i}"), format!("{i}.50")));
        pairs.push((format!("ITEMQUANT{i}"), "1".to_string()));
    }
    Params::try_from_pairs(pairs).unwrap()
}

/// SHA-OUT feedback in mixed case, with `SCO_CATEGORY` / `SCORING` (the pair the two sort orders
/// disagree on), Latin-1 values and a name that is not hashed.
fn sha_out_params() -> Params {
    Params::try_from_pairs([
        ("ACCEPTANCE", "1234"),
        ("amount", "15"),
        ("BRAND", "VISA"),
        ("CARDNO", "XXXXXXXXXXXX1111"),
        ("CN", "François Légère"),
        ("currency", "EUR"),
        ("NCERROR", "0"),
        ("orderID", "12"),
        ("PAYID", "32100123"),
        ("PM", "CreditCard"),
        ("SCO_CATEGORY", "G"),
        ("SCORING", "1"),
        ("STATUS", "9"),
        ("COMPLUS", "référence café"),
        ("NCERRORPLUS", "!"),
    ])
    .unwrap()
}

/// `params` with its own signature in `SHASIGN`.
fn with_shasign(params: &Params, hex: &str) -> Params {
    let mut out = params.clone();
    out.insert("SHASIGN", hex).unwrap();
    out
}

/// Checks that signing and verifying with `signer` allocate nothing; returns how many cases.
fn check(label: &str, signer: &Signer, params: &Params) -> usize {
    // Setup, allocation allowed.
    let hex = signer.sign(params).unwrap().to_string();
    let lower = hex.to_ascii_lowercase();
    let mut wrong = hex.clone().into_bytes();
    wrong[0] = if wrong[0] == b'0' { b'1' } else { b'0' };
    let wrong = String::from_utf8(wrong).unwrap();
    let signed = with_shasign(params, &hex);
    let signed_wrong = with_shasign(params, &wrong);
    assert!(
        !signer.explain(params).kept().is_empty(),
        "{label}: something is hashed"
    );

    let (n, sig) = allocations(|| signer.sign(black_box(params)));
    assert_eq!(n, 0, "{label}: sign allocated {n} times");
    assert_eq!(sig.unwrap().to_string(), hex);

    let (n, ok) = allocations(|| signer.verify(black_box(params), black_box(&hex)));
    assert_eq!(n, 0, "{label}: verify (upper-case hex) allocated {n} times");
    ok.unwrap();

    let (n, ok) = allocations(|| signer.verify(black_box(params), black_box(&lower)));
    assert_eq!(n, 0, "{label}: verify (lower-case hex) allocated {n} times");
    ok.unwrap();

    let (n, ok) = allocations(|| signer.verify_shasign(black_box(&signed)));
    assert_eq!(n, 0, "{label}: verify_shasign allocated {n} times");
    ok.unwrap();

    let (n, err) = allocations(|| signer.verify(black_box(params), black_box(&wrong)));
    assert_eq!(n, 0, "{label}: failing verify allocated {n} times");
    assert_eq!(err, Err(Error::Mismatch), "{label}");

    let (n, err) = allocations(|| signer.verify_shasign(black_box(&signed_wrong)));
    assert_eq!(n, 0, "{label}: failing verify_shasign allocated {n} times");
    assert_eq!(err, Err(Error::Mismatch), "{label}");

    6
}

#[test]
fn sign_and_verify_allocate_nothing() {
    // The counter counts: an allocation between two measurements is seen.
    let (n, v) = allocations(|| black_box(Vec::<u64>::with_capacity(8)));
    assert!(n >= 1, "the counting allocator missed an allocation");
    drop(v);
    let (n, s) = allocations(|| black_box(String::from("x")).repeat(100));
    assert!(n >= 1, "the counting allocator missed an allocation");
    drop(s);

    let sha_in = sha_in_params();
    let sha_out = sha_out_params();
    let mut cases = 0;
    for alg in HashAlgorithm::ALL {
        for order in [SortOrder::Ingenico, SortOrder::Byte] {
            for charset in [Charset::Utf8, Charset::Iso8859_1] {
                for direction in [Direction::In, Direction::Out] {
                    let params = match direction {
                        Direction::In => &sha_in,
                        Direction::Out => &sha_out,
                    };
                    for scheme in [Scheme::EachParameter, Scheme::LegacyMainParameters] {
                        let signer = Signer::new(Passphrase::new(KEY), alg, direction)
                            .with_order(order)
                            .with_charset(charset)
                            .with_scheme(scheme);
                        let label = format!("{alg}/{order:?}/{charset}/{direction:?}/{scheme:?}");
                        cases += check(&label, &signer, params);
                    }
                }
            }
        }
    }
    assert_eq!(cases, 3 * 2 * 2 * 2 * 2 * 6);

    // Latin-1 really is a different encoding of these values (so both charsets were exercised).
    let utf8 = Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha256);
    let latin1 = utf8.clone().with_charset(Charset::Iso8859_1);
    assert_ne!(utf8.sign(&sha_in).unwrap(), latin1.sign(&sha_in).unwrap());
    // And the two orders really differ on this set (ITEMNAME2 / ITEMNAME10).
    let byte = utf8.clone().with_order(SortOrder::Byte);
    assert_ne!(utf8.sign(&sha_in).unwrap(), byte.sign(&sha_in).unwrap());

    let scanned = scan_allocates_nothing();
    assert!(scanned > 1000, "{scanned} scan cases");
    let past = past_the_buffers_allocates_nothing();
    assert!(past >= 30, "{past} cases past the buffers");

    let pairs = sign_pairs_allocates_nothing(&sha_in, &sha_out);
    assert_eq!(pairs, 3 * 2 * 2 * 2 * 2);

    let audited = audit_allocates_only_its_verdict();
    assert_eq!(audited, 2 * 2 * 3 * 3, "audit cases");

    #[cfg(feature = "worldline")]
    worldline_signing_allocates_only_its_output();

    // The counter still counts at the end.
    let (n, v) = allocations(|| black_box(Vec::<u8>::with_capacity(8)));
    assert!(n >= 1, "the counting allocator missed an allocation");
    drop(v);
}

/// Form-encodes `text` in `transport` (ISO-8859-1 or UTF-8): letters, digits and `-._` as they
/// are, space as `+`, every other byte `%XX`.
fn form_encode(text: &str, transport: TransportCharset, out: &mut String) {
    let bytes: Vec<u8> = match transport {
        // The values here are Latin-1, which Windows-1252 spells the same from 0xA0 up.
        TransportCharset::Iso8859_1 | TransportCharset::Windows1252 => {
            text.chars().map(|c| c as u8).collect()
        }
        _ => text.as_bytes().to_vec(),
    };
    for b in bytes {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' => out.push(char::from(b)),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
}

/// `params` as a posted body in `transport`: names in mixed case, values escaped, then `tail`.
fn posted(params: &Params, transport: TransportCharset, tail: &str) -> Vec<u8> {
    let mut body = String::new();
    for (i, (name, value)) in params.iter().enumerate() {
        if i > 0 {
            body.push('&');
        }
        if i % 2 == 0 {
            body.push_str(&name.to_ascii_lowercase());
        } else {
            body.push_str(name);
        }
        body.push('=');
        form_encode(value, transport, &mut body);
    }
    body.push_str(tail);
    body.into_bytes()
}

/// Checks that `signer.__verify_form(body)` answers `expected` and allocates nothing (or, for
/// an error that carries a name, nothing more than that error value costs itself).
fn check_scan(
    label: &str,
    signer: &Signer,
    body: &[u8],
    transport: TransportCharset,
    feedback: Option<&FeedbackVerifier>,
    expected: Result<(), Error>,
) {
    let (n, got) = allocations(|| signer.__verify_form(black_box(body), transport));
    assert_eq!(
        got.map(|_| ()),
        expected,
        "{label}: {}",
        String::from_utf8_lossy(body)
    );
    let (own, _) = allocations(|| black_box(expected.clone()));
    assert!(
        n <= own,
        "{label}: the scan allocated {n} times ({own} for the error itself)"
    );
    // What users call refuses the same bodies the same way, before allocating anything.
    if let (Some(verifier), Err(error)) = (feedback, &expected) {
        let (n, got) =
            allocations(|| VerifiedFeedback::parse(black_box(body), transport, verifier));
        assert_eq!(
            got.err().as_ref(),
            Some(error),
            "{label}: VerifiedFeedback::parse"
        );
        assert!(
            n <= own,
            "{label}: VerifiedFeedback::parse allocated {n} times ({own} for the error)"
        );
        // Under their own lists these bodies are refused too (the signature never matches).
        let (n, got) =
            allocations(|| FlexCheckoutFeedback::parse(black_box(body), transport, verifier));
        let (own, _) = allocations(|| black_box(got.clone()));
        assert!(
            got.is_err() && n <= own,
            "{label}: FlexCheckoutFeedback::parse {got:?}, {n} allocations"
        );
        let (n, got) =
            allocations(|| AliasGatewayFeedback::parse(black_box(body), transport, verifier));
        let (own, _) = allocations(|| black_box(got.clone()));
        assert!(
            got.is_err() && n <= own,
            "{label}: AliasGatewayFeedback::parse {got:?}, {n} allocations"
        );
    }
}

/// Every configuration, a verifying body, forged ones and malformed ones; returns how many
/// cases.
fn scan_allocates_nothing() -> usize {
    // Latin-1 text in the values and escapes everywhere; SCO_CATEGORY / SCORING and basket
    // lines past 10 (so the sort orders differ); names off the list and empty values.
    let mut sixty_four: Vec<(String, String)> = vec![
        ("SCO_CATEGORY".into(), "G".into()),
        ("SCORING".into(), "1".into()),
        ("CN".into(), "François Légère".into()),
        ("COM".into(), "".into()),
        ("NCERRORPLUS".into(), "!".into()),
    ];
    for (name, value) in [
        ("ORDERID", "12/ab"),
        ("AMOUNT", "15"),
        ("CURRENCY", "EUR"),
        ("PSPID", "MyPSPID"),
        ("PM", "CreditCard"),
        ("ACCEPTANCE", "1234"),
        ("STATUS", "9"),
        ("CARDNO", "XXXXXXXXXXXX1111"),
        ("PAYID", "32100123"),
        ("NCERROR", "0"),
        ("BRAND", "VISA"),
    ] {
        sixty_four.push((name.into(), value.into()));
    }
    let mut line = 1;
    while sixty_four.len() < 62 {
        sixty_four.push((format!("ITEMNAME{line}"), format!("Thé n°{line}")));
        line += 1;
    }
    let large =
        Params::try_from_pairs(sixty_four.iter().map(|(n, v)| (n.as_str(), v.as_str()))).unwrap();
    let small = Params::try_from_pairs(
        sixty_four[..16]
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str())),
    )
    .unwrap();
    // With SHASIGN and one more (a duplicate, a second signature, ...): 64 in the body.
    assert_eq!(large.len(), 62);

    let mut cases = 0;
    for alg in HashAlgorithm::ALL {
        for order in [SortOrder::Ingenico, SortOrder::Byte] {
            for charset in [Charset::Utf8, Charset::Iso8859_1] {
                for direction in [Direction::In, Direction::Out] {
                    for scheme in [Scheme::EachParameter, Scheme::LegacyMainParameters] {
                        let signer = Signer::new(Passphrase::new(KEY), alg, direction)
                            .with_order(order)
                            .with_charset(charset)
                            .with_scheme(scheme);
                        // The same rules as what feedback parsing verifies with (SHA-OUT only).
                        let feedback = (direction == Direction::Out).then(|| {
                            FeedbackVerifier::new(&ShaOutKey::new(KEY), alg)
                                .with_order(order)
                                .with_charset(charset)
                                .with_scheme(scheme)
                        });
                        for transport in [
                            TransportCharset::Utf8,
                            TransportCharset::Iso8859_1,
                            TransportCharset::Windows1252,
                        ] {
                            for params in [&small, &large] {
                                let label = format!(
                                    "{alg}/{order:?}/{charset}/{direction:?}/{scheme:?}/{transport}/{}",
                                    params.len()
                                );
                                cases += scan_cases(
                                    &label,
                                    &signer,
                                    feedback.as_ref(),
                                    params,
                                    transport,
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    cases
}

fn scan_cases(
    label: &str,
    signer: &Signer,
    feedback: Option<&FeedbackVerifier>,
    params: &Params,
    transport: TransportCharset,
) -> usize {
    let hex = signer.sign(params).unwrap().to_string();
    let mut wrong = hex.clone().into_bytes();
    wrong[3] = if wrong[3] == b'0' { b'1' } else { b'0' };
    let wrong = String::from_utf8(wrong).unwrap();
    let len = hex.len();
    let sign = |tail: &str| posted(params, transport, tail);
    let mut tampered = params.clone();
    let order_id = tampered.remove("ORDERID").unwrap();
    tampered.insert("ORDERID", order_id + "x").unwrap();
    let cases: Vec<(&str, Vec<u8>, Result<(), Error>)> = vec![
        ("verifies", sign(&format!("&SHASIGN={hex}")), Ok(())),
        (
            "verifies, lower-case hex",
            sign(&format!("&shasign={}", hex.to_ascii_lowercase())),
            Ok(()),
        ),
        (
            "forged signature",
            sign(&format!("&SHASIGN={wrong}")),
            Err(Error::Mismatch),
        ),
        (
            "forged value",
            posted(&tampered, transport, &format!("&SHASIGN={hex}")),
            Err(Error::Mismatch),
        ),
        ("unsigned", sign(""), Err(Error::MissingSignature)),
        (
            "two signatures",
            sign(&format!("&SHASIGN={hex}&SHASIGNATURE.SHASIGN={hex}")),
            Err(Error::TwoSignatures),
        ),
        (
            "cut signature",
            sign(&format!("&SHASIGN={}", &hex[..len - 2])),
            Err(Error::SignatureLength {
                expected: len,
                found: len - 2,
            }),
        ),
        (
            "not hex",
            sign(&format!("&SHASIGN=zz{}", &hex[2..])),
            Err(Error::SignatureNotHex),
        ),
        (
            "malformed escape",
            sign(&format!("&COMPLUS=%g1&SHASIGN={hex}")),
            Err(Error::MalformedEscape { offset: 0 }),
        ),
        (
            "duplicate",
            sign(&format!("&orderid=1&SHASIGN={hex}")),
            Err(Error::DuplicateName("ORDERID".into())),
        ),
        (
            "invalid name",
            sign(&format!("&%01=1&SHASIGN={hex}")),
            Err(Error::InvalidName {
                name: "\u{1}".into(),
                reason: "it holds a control character",
            }),
        ),
    ];
    let mut n = 0;
    for (what, body, mut expected) in cases {
        if let Err(Error::MalformedEscape { offset }) = &mut expected {
            *offset = body.windows(3).position(|w| w == b"%g1").unwrap();
        }
        check_scan(
            &format!("{label}: {what}"),
            signer,
            &body,
            transport,
            feedback,
            expected,
        );
        n += 1;
    }
    // Too large, and (UTF-8 only) an invalid byte sequence.
    let body = sign(&format!("&SHASIGN={hex}"));
    let huge = vec![b'a'; ogone::MAX_FORM_BYTES + 1];
    check_scan(
        &format!("{label}: too large"),
        signer,
        &huge,
        transport,
        feedback,
        Err(Error::TooLarge {
            len: huge.len(),
            limit: ogone::MAX_FORM_BYTES,
        }),
    );
    // Malformed in the transport charset: refused as `parse_form` refuses it, without
    // allocating.
    let refused = |what: &str, bad: &[u8], expected: Error| {
        assert_eq!(
            Params::parse_form(bad, transport).map(drop),
            Err(expected.clone()),
            "{label}: {what}: parse_form"
        );
        check_scan(
            &format!("{label}: {what}"),
            signer,
            bad,
            transport,
            feedback,
            Err(expected),
        );
    };
    let invalid = |offset| Error::InvalidEncoding {
        charset: transport,
        offset,
    };
    if transport == TransportCharset::Windows1252 {
        // 0x81: one of the five bytes Windows-1252 leaves undefined (ePDQ posts Windows-1252).
        let mut bad = body.clone();
        let at = bad.len();
        bad.extend_from_slice(b"&COMPLUS=a%81");
        refused("undefined Windows-1252 byte", &bad, invalid(at + 9));
        // A malformed escape after it is reported first.
        bad.extend_from_slice(b"%g1");
        let offset = bad.len() - 3;
        refused(
            "undefined byte, then a malformed escape",
            &bad,
            Error::MalformedEscape { offset },
        );
        n += 2;
    }
    if transport == TransportCharset::Utf8 {
        let mut bad = body.clone();
        let at = bad.len();
        bad.extend_from_slice(b"&COMPLUS=\xff");
        refused("invalid UTF-8", &bad, invalid(at + 9));
        n += 1;
    }
    n + 1 + long_cases(label, signer, feedback, params, transport)
}

/// What the allocating path answers for `body`: `Params::parse_form`, then `verify_shasign`.
fn reference(signer: &Signer, body: &[u8], transport: TransportCharset) -> Result<(), Error> {
    Params::parse_form(body, transport).and_then(|p| signer.verify_shasign(&p))
}

/// Issue 18, finding 9: `params` with an ORDERID (hashed in both schemes) of 2,500 `é`, which
/// decodes past the scan's 4 KiB buffer (5,000 bytes of UTF-8), verified, forged and damaged
/// at its end; and names longer than `MAX_NAME_BYTES`, escaped or not. Each is answered as
/// the allocating path answers, without allocating (before: the allocating path, 13
/// allocations for a forged one).
fn long_cases(
    label: &str,
    signer: &Signer,
    feedback: Option<&FeedbackVerifier>,
    params: &Params,
    transport: TransportCharset,
) -> usize {
    let mut long = params.clone();
    let order_id = long.remove("ORDERID").unwrap();
    let long_id = format!("{order_id}{}", "é".repeat(2500));
    long.insert("ORDERID", long_id.as_str()).unwrap();
    let hex = signer.sign(&long).unwrap().to_string();
    let mut without = long.clone();
    without.remove("ORDERID");
    // The body with ORDERID last, its escaped value followed by `damage`.
    let body = |damage: &str, tail: &str| {
        let mut body = posted(&without, transport, "&ORDERID=");
        let mut value = String::new();
        form_encode(&long_id, transport, &mut value);
        body.extend_from_slice(value.as_bytes());
        body.extend_from_slice(damage.as_bytes());
        body.extend_from_slice(tail.as_bytes());
        body
    };
    let mut wrong = hex.clone().into_bytes();
    wrong[5] = if wrong[5] == b'0' { b'1' } else { b'0' };
    let wrong = String::from_utf8(wrong).unwrap();
    let signed = format!("&SHASIGN={hex}");
    let mut cases = vec![
        ("long value verifies", body("", &signed), Ok(())),
        (
            "long value, forged signature",
            body("", &format!("&SHASIGN={wrong}")),
            Err(Error::Mismatch),
        ),
        (
            "long value, forged",
            body("x", &signed),
            Err(Error::Mismatch),
        ),
        (
            "long value, then a malformed escape",
            body("%g1", &signed),
            Err(Error::MalformedEscape { offset: 0 }),
        ),
        (
            "long escaped signature",
            body("", &format!("&SHASIGN={}", "%41".repeat(5000))),
            Err(Error::SignatureLength {
                expected: hex.len(),
                found: 5000,
            }),
        ),
    ];
    for damage in ["%FF", "%81", "%C3", "%81%g1"] {
        let bad = body(damage, &signed);
        let expected = reference(signer, &bad, transport);
        cases.push(("long value, damaged", bad, expected));
    }
    // Names longer than MAX_NAME_BYTES (100): escaped, plain, and of two-byte characters.
    for name in [
        "%41".repeat(200),
        "B".repeat(300),
        "%C3%A9".repeat(60),
        "%E9".repeat(60),
    ] {
        let bad = posted(params, transport, &format!("&{name}=1{signed}"));
        let expected = reference(signer, &bad, transport);
        assert!(
            matches!(
                expected,
                Err(Error::InvalidName { .. } | Error::InvalidEncoding { .. })
            ),
            "{label}: {expected:?}"
        );
        cases.push(("long name", bad, expected));
    }
    let n = cases.len();
    for (what, body, mut expected) in cases {
        if let Err(Error::MalformedEscape { offset }) = &mut expected {
            *offset = body.windows(3).position(|w| w == b"%g1").unwrap();
        }
        assert_eq!(
            reference(signer, &body, transport),
            expected,
            "{label}: {what}: the allocating path"
        );
        check_scan(
            &format!("{label}: {what}"),
            signer,
            &body,
            transport,
            feedback,
            expected,
        );
    }
    n
}

/// Issue 18, finding 9, at the extremes: the issue's own forged body (4 parameters, a COMPLUS
/// of 2,500 escaped `é`); 64 parameters whose 100-byte names and 150-`é` values fill the 64 KiB
/// limit, every one hashed (list `All`); and a `SHASIGN` read past the value buffer (genuine but
/// escaped, too long, of two-byte characters). Returns how many cases.
fn past_the_buffers_allocates_nothing() -> usize {
    let mut cases = 0;
    let verifier = FeedbackVerifier::new(&ShaOutKey::new(KEY), HashAlgorithm::Sha1);
    let forged = format!(
        "orderID=12&STATUS=9&COMPLUS={}&SHASIGN={}",
        "%C3%A9".repeat(2500),
        "0".repeat(40)
    );
    let (n, got) = allocations(|| {
        VerifiedFeedback::parse(
            black_box(forged.as_bytes()),
            TransportCharset::Utf8,
            &verifier,
        )
    });
    assert_eq!(got, Err(Error::Mismatch));
    assert_eq!(n, 0, "the issue's forged body: {n} allocations");
    cases += 1;

    for transport in [
        TransportCharset::Utf8,
        TransportCharset::Iso8859_1,
        TransportCharset::Windows1252,
    ] {
        for alg in HashAlgorithm::ALL {
            let signer =
                Signer::sha_out(Passphrase::new(KEY), alg).with_list(AllowList::new(ListKind::All));
            // 63 parameters and SHASIGN: the most the stack holds.
            let mut pairs = vec![
                ("ORDERID".to_string(), "é".repeat(150)),
                ("STATUS".to_string(), "9".to_string()),
            ];
            for i in 0..61 {
                pairs.push((format!("N{i:02}{}", "X".repeat(97)), "é".repeat(150)));
            }
            let params = Params::try_from_pairs(pairs).unwrap();
            let hex = signer.sign(&params).unwrap().to_string();
            let body = posted(&params, transport, &format!("&SHASIGN={hex}"));
            assert!(body.len() <= ogone::MAX_FORM_BYTES, "{}", body.len());
            let label = format!("{transport}/{alg}: 64 long names and values");
            check_scan(&label, &signer, &body, transport, None, Ok(()));
            assert_eq!(signer.__verify_form(&body, transport), Ok(63));
            // What the scan builds once verified is what parse_form builds.
            assert_eq!(
                signer.__parse_verified(&body, transport),
                Params::parse_form(&body, transport),
                "{label}"
            );
            let forged = posted(
                &params,
                transport,
                &format!("&SHASIGN={}", "0".repeat(hex.len())),
            );
            check_scan(
                &label,
                &signer,
                &forged,
                transport,
                None,
                Err(Error::Mismatch),
            );
            cases += 2;

            // A COMPLUS that leaves 6 bytes of the value buffer, then SHASIGN: past it.
            let filler = Params::try_from_pairs([
                ("ORDERID", "12"),
                ("STATUS", "9"),
                ("COMPLUS", &"é".repeat(2045)),
            ])
            .unwrap();
            let hex = signer.sign(&filler).unwrap().to_string();
            let escaped: String = hex.bytes().map(|b| format!("%{b:02X}")).collect();
            for (what, shasign) in [
                ("escaped genuine signature", escaped),
                ("long signature", "%41".repeat(5000)),
                (
                    "signature of two-byte characters",
                    "%C3%A9".repeat(hex.len()),
                ),
                (
                    "signature of a two-byte character too many",
                    "%C3%A9".repeat(hex.len() + 1),
                ),
            ] {
                let body = posted(
                    &filler,
                    TransportCharset::Utf8,
                    &format!("&SHASIGN={shasign}"),
                );
                let expected = reference(&signer, &body, TransportCharset::Utf8);
                if what.starts_with("escaped") {
                    assert_eq!(expected, Ok(()));
                }
                check_scan(
                    &format!("{alg}: {what}"),
                    &signer,
                    &body,
                    TransportCharset::Utf8,
                    None,
                    expected,
                );
                cases += 1;
            }
        }
    }
    cases
}

/// Worldline Direct: the string to sign is streamed into the HMAC, so signing allocates only
/// what it returns: the `Authorization` String of `RequestToSign::authorization` (plus the
/// decoded resource in `Decoded` mode); `ApiCall::sign` allocates nothing: the `Date` and
/// `Authorization` values go into the room `ApiCall::new` reserved in the call's one String
/// (which also holds the resource and the idempotence key), and the body is moved.
#[cfg(feature = "worldline")]
fn worldline_signing_allocates_only_its_output() {
    use ogone::worldline::{ApiCall, ApiKey, Method, RequestToSign, ResourceMode};
    let key = ApiKey::parse("apiKeyId", "secretApiKey").unwrap();
    // Vector R2's request (spec section 1.7), with a folded header value and a query.
    let request = RequestToSign::new(
        "delete",
        "Fri, 06 Jun 2014 13:39:43 GMT",
        "/v2/1/tokens/2?a=b,c",
    )
    .content_type("application/json")
    .header("X-GCS-ServerMetaInfo", "processed header value")
    .header("X-GCS-ClientMetaInfo", " processed\r\n  header value ")
    .header("User-Agent", "not signed")
    .header("X-GCS-CustomerHeader", "processed header value");
    for mode in [ResourceMode::Strict, ResourceMode::Raw] {
        let (n, auth) = allocations(|| request.authorization(&key, mode).unwrap());
        assert_eq!(n, 1, "{mode:?}: only the header String");
        assert!(auth.starts_with("GCS v1HMAC:apiKeyId:"));
    }
    let decoded = RequestToSign::new("GET", "d", "/v2/1/a%2Cb");
    let (n, _) = allocations(|| decoded.authorization(&key, ResourceMode::Decoded).unwrap());
    assert_eq!(n, 2, "Decoded: the decoded resource and the header String");

    let key = &key;
    let get = ApiCall::get("1", "products?countryCode=NL").unwrap();
    let (n, signed) =
        allocations(move || get.sign(key, 1_402_061_983, ResourceMode::Strict).unwrap());
    assert_eq!(
        n, 0,
        "GET: the values go into the room ApiCall::new reserved"
    );
    assert_eq!(signed.headers().len(), 2);
    let (n, signed) = allocations(move || {
        ApiCall::get("1", "products?countryCode=NL")
            .unwrap()
            .sign(key, 1_402_061_983, ResourceMode::Strict)
            .unwrap()
    });
    assert_eq!(n, 1, "GET built and signed: the one String of the call");
    assert_eq!(signed.headers().len(), 2);
    let body = b"{}".to_vec();
    let (n, signed) = allocations(move || {
        ApiCall::new(Method::Post, "1", "payments")
            .unwrap()
            .with_json_body(body)
            .with_idempotence_key("k1")
            .unwrap()
            .sign(key, 1_402_061_983, ResourceMode::Strict)
            .unwrap()
    });
    assert_eq!(
        n, 1,
        "POST built and signed (the body moved in): the one String of the call"
    );
    assert_eq!(signed.headers().len(), 4);
    let post = ApiCall::new(Method::Post, "1", "payments")
        .unwrap()
        .with_json_body(b"{}".to_vec())
        .with_idempotence_key("k1")
        .unwrap()
        .clone();
    let (n, signed) =
        allocations(move || post.sign(key, 1_402_061_983, ResourceMode::Strict).unwrap());
    assert_eq!(n, 0, "POST (a clone keeps the reserved room)");
    assert_eq!(signed.headers().len(), 4);
}

/// The strings a verdict holds: one a claimed field (each value here is non-empty), and for a
/// verified body the vector of signed pairs (one) and its two strings a pair.
fn verdict_strings(verdict: &ogone::audit::Verdict) -> usize {
    let claimed = verdict.claimed();
    let fields = [
        &claimed.order_id,
        &claimed.pay_id,
        &claimed.status,
        &claimed.amount,
        &claimed.currency,
    ]
    .iter()
    .filter(|field| field.is_some())
    .count();
    match verdict {
        ogone::audit::Verdict::Verified(found) if found.signed.is_empty() => fields,
        ogone::audit::Verdict::Verified(found) => fields + 1 + 2 * found.signed.len(),
        _ => fields,
    }
}

/// `Auditor::audit` of 20-parameter feedback (3 keys, the right one last; both default
/// transports; UTF-8 and Windows-1252 archives; a 64-parameter body) allocates exactly the
/// strings of its verdict: nothing for the decoding, the sorting and the hashing with each key,
/// whether the body verifies, is forged or is malformed; and so does an `AuditSession`.
fn audit_allocates_only_its_verdict() -> usize {
    use ogone::audit::{AuditList, Auditor};
    use ogone::simulate::{FeedbackSimulator, Transaction};
    let keys = [
        ShaOutKey::new("Retired-key-1"),
        ShaOutKey::new("Retired-key-2"),
        ShaOutKey::new(KEY),
    ];
    let auditor = keys.iter().fold(Auditor::new(), |auditor, key| {
        auditor.with_key(key, HashAlgorithm::Sha256)
    });
    let legacy = auditor
        .clone()
        .with_lists([AuditList::ShaOut, AuditList::LegacyShaOut]);
    let fields_only = auditor.clone().with_signed_pairs(false);
    let amount = ogone::Amount::from_minor_units(4250).unwrap();
    let mut small = Transaction::paid("Lefèvre-1", "3014726", amount, "EUR");
    for (name, value) in [("CN", "Zoë Müller"), ("ED", "0129"), ("IP", "10.0.0.1")] {
        small.extra.push((name.into(), value.into()));
    }
    let mut large = small.clone();
    while large.fields().len() < 63 {
        let n = large.extra.len();
        large.extra.push((format!("EXTRA{n}"), format!("v{n}")));
    }
    let mut cases = 0;
    for tx in [&small, &large] {
        for transport in [TransportCharset::Utf8, TransportCharset::Windows1252] {
            let body = FeedbackSimulator::new(&keys[2], HashAlgorithm::Sha256)
                .with_transport(transport)
                .body(tx)
                .unwrap();
            let forged = body.replace("STATUS=9", "STATUS=5");
            let malformed = body.replace("PAYID=", "PAYID=%zz");
            for (auditor, verdict) in [
                (&auditor, "verified"),
                (&legacy, "verified"),
                (&fields_only, "verified"),
            ] {
                for (body, expected) in [
                    (&body, verdict),
                    (&forged, "not-authentic"),
                    (&malformed, "malformed"),
                ] {
                    let (n, got) = allocations(|| auditor.audit(black_box(body.as_bytes())));
                    assert_eq!(got.as_str(), expected, "{body}");
                    assert_eq!(n, verdict_strings(&got), "{expected}: {body}");
                    // A session: the second time, its key and its names are the body's.
                    let mut session = auditor.session();
                    for _ in 0..2 {
                        let (n, again) = allocations(|| session.audit(black_box(body.as_bytes())));
                        assert_eq!(again, got, "session: {body}");
                        assert_eq!(n, verdict_strings(&again), "session, {expected}: {body}");
                    }
                    // Into a verdict that holds the last one: a verified body without its
                    // signed pairs (replayed) allocates nothing at all.
                    let mut held = got.clone();
                    let (n, ()) =
                        allocations(|| session.audit_into(black_box(body.as_bytes()), &mut held));
                    assert_eq!(held, got, "into: {body}");
                    let replayed = std::ptr::eq(auditor, &fields_only) && expected == "verified";
                    if replayed && tx.fields().len() < 64 {
                        assert_eq!(n, 0, "into, {expected}: {body}");
                    }
                    cases += 1;
                }
            }
        }
    }
    cases
}

/// `Signer::sign_pairs` of borrowed pairs (names in lower case, as a shop may spell them)
/// allocates nothing under every setting, and signs as `Signer::sign` of the built set; also
/// at 64 pairs, the most the stack holds.
fn sign_pairs_allocates_nothing(sha_in: &Params, sha_out: &Params) -> usize {
    let mut cases = 0;
    let mut wide = sha_out.clone();
    for i in wide.len()..64 {
        wide.insert(&format!("XTRA{i}"), format!("v{i}")).unwrap();
    }
    assert_eq!(wide.len(), 64);
    for alg in HashAlgorithm::ALL {
        for order in [SortOrder::Ingenico, SortOrder::Byte] {
            for charset in [Charset::Utf8, Charset::Iso8859_1] {
                for direction in [Direction::In, Direction::Out] {
                    for scheme in [Scheme::EachParameter, Scheme::LegacyMainParameters] {
                        let signer = Signer::new(Passphrase::new(KEY), alg, direction)
                            .with_order(order)
                            .with_charset(charset)
                            .with_scheme(scheme);
                        let params = match direction {
                            Direction::In => sha_in,
                            Direction::Out => sha_out,
                        };
                        for params in [params, &wide] {
                            let lower: Vec<(String, &str)> = params
                                .iter()
                                .map(|(n, v)| (n.to_ascii_lowercase(), v))
                                .collect();
                            let expected = signer.sign(params).unwrap();
                            let (n, got) = allocations(|| {
                                signer.sign_pairs(
                                    black_box(&lower).iter().map(|(n, v)| (n.as_str(), *v)),
                                )
                            });
                            assert_eq!(n, 0, "{alg}/{order:?}/{charset}/{direction:?}/{scheme:?}");
                            assert_eq!(got.unwrap(), expected);
                            // A session: made once (its one allocation), then the long way
                            // and two replays allocate nothing.
                            let mut session = signer.session();
                            for call in 0..3 {
                                let (n, got) = allocations(|| {
                                    session.sign_pairs(
                                        black_box(&lower).iter().map(|(n, v)| (n.as_str(), *v)),
                                    )
                                });
                                assert_eq!(
                                    n, 0,
                                    "session call {call}: {alg}/{order:?}/{charset}/{direction:?}/{scheme:?}"
                                );
                                assert_eq!(got.unwrap(), expected);
                            }
                        }
                        cases += 1;
                    }
                }
            }
        }
    }
    cases
}
