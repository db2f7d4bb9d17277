//! The hot path as users call it, each operation next to the raw hash of the same canonical
//! bytes in the same run (SHA-256; 5, 20 and 100 parameters):
//!
//! - `build_sign/<n>`: `raw_hash` ([`ogone::hash_bytes`] of the string to sign), `sign`
//!   ([`Signer::sign`] on a prebuilt set), `build` ([`Params::try_from_pairs`] alone) and
//!   `build_sign_hex` (`try_from_pairs` + `sign` + hex: what a request handler does);
//! - `feedback/<n>`: a posted SHA-OUT feedback body (mixed-case names, percent escapes, two
//!   unsigned extras): `raw_hash`, `scan` (the allocation-free verification alone: what
//!   refusing a forged body costs), `scan_and_build` (the scan, then the set built from what it
//!   decoded) and `verified_feedback_parse` ([`VerifiedFeedback::parse`], which is the scan,
//!   the set, and the checks of verified feedback).
//!
//! Run with `cargo bench -p ogone-benches --bench hot_path`; `bash benches/ratios.sh` prints the ratios to
//! `raw_hash` from criterion's estimates.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use ogone::{
    AllowList, FeedbackVerifier, HashAlgorithm, ListKind, PASSPHRASE_MARKER, Params, Passphrase,
    ShaOutKey, Signer, TransportCharset, VerifiedFeedback, hash_bytes,
};

mod common;
use common::{PASSPHRASE, SIZES};

/// `n` hosted-page request fields (names as a shop spells them, mixed case): the worked
/// example's five, hosted-page fields, then basket lines.
fn request_pairs(n: usize) -> Vec<(String, String)> {
    let fixed = [
        ("PSPID", "MyShopPSPID"),
        ("orderID", "WEB-2024-000187342"),
        ("amount", "14990"),
        ("currency", "EUR"),
        ("language", "fr_FR"),
        ("CN", "Marie-Claire Dupont"),
        ("EMAIL", "marie-claire.dupont@example-mail.fr"),
        ("ownerAddress", "12 rue des Petits Champs, Bat. B"),
        ("ownerZIP", "75002"),
        ("ownerTown", "Paris"),
        ("ownerCty", "FR"),
        ("ownerTelNo", "+33 1 42 96 00 00"),
        (
            "acceptURL",
            "https://shop.example.com/checkout/payment/ogone/accept?lang=fr",
        ),
        (
            "declineURL",
            "https://shop.example.com/checkout/payment/ogone/decline?lang=fr",
        ),
        (
            "exceptionURL",
            "https://shop.example.com/checkout/payment/ogone/exception?l=fr",
        ),
        (
            "cancelURL",
            "https://shop.example.com/checkout/payment/ogone/cancel?lang=fr",
        ),
        (
            "backURL",
            "https://shop.example.com/checkout/cart/review-before-payment",
        ),
        (
            "homeURL",
            "https://shop.example.com/fr/accueil-boutique-en-ligne",
        ),
        ("COM", "Commande WEB-2024-000187342 - 20 articles"),
        ("operation", "SAL"),
    ];
    let mut pairs: Vec<(String, String)> = fixed
        .iter()
        .map(|&(k, v)| (k.to_string(), v.to_string()))
        .collect();
    common::fill_with_basket(&mut pairs, n, str::to_string);
    pairs
}

/// The string to sign in clear: the redacted explanation with the passphrase put back.
fn canonical(signer: &Signer, params: &Params) -> Vec<u8> {
    signer
        .explain(params)
        .to_string()
        .replace(PASSPHRASE_MARKER, PASSPHRASE)
        .into_bytes()
}

fn build_sign(c: &mut Criterion) {
    for n in SIZES {
        let pairs = request_pairs(n);
        let borrowed: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let signer = Signer::sha_in(Passphrase::new(PASSPHRASE), HashAlgorithm::Sha256);
        let params = Params::try_from_pairs(borrowed.iter().copied()).unwrap();
        assert_eq!(params.len(), n);
        assert!(signer.explain(&params).dropped().is_empty());
        let bytes = canonical(&signer, &params);
        assert_eq!(
            hash_bytes(HashAlgorithm::Sha256, &bytes),
            signer.sign(&params).unwrap()
        );

        let mut group = c.benchmark_group(format!("build_sign/{n}"));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("raw_hash", |b| {
            b.iter(|| hash_bytes(HashAlgorithm::Sha256, black_box(&bytes)))
        });
        group.bench_function("sign", |b| b.iter(|| signer.sign(black_box(&params))));
        group.bench_function("build", |b| {
            b.iter(|| Params::try_from_pairs(black_box(&borrowed).iter().copied()))
        });
        group.bench_function("build_sign_hex", |b| {
            b.iter(|| {
                let params = Params::try_from_pairs(black_box(&borrowed).iter().copied())?;
                signer.sign(&params).map(|sig| sig.to_string())
            })
        });
        group.finish();
    }
}

/// Form-encodes `text` as a browser or Ogone does: letters, digits and `*-._` as they are,
/// space as `+`, every other byte `%XX`.
fn form_encode(text: &str, out: &mut String) {
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
}

/// SHA-OUT fields of a feedback, names as Ogone spells them (mixed case).
const FEEDBACK: [(&str, &str); 40] = [
    ("orderID", "WEB-2024-000187342"),
    ("STATUS", "9"),
    ("currency", "EUR"),
    ("amount", "149.9"),
    ("PM", "CreditCard"),
    ("ACCEPTANCE", "AB1234"),
    ("CARDNO", "XXXXXXXXXXXX1111"),
    ("ED", "1230"),
    ("CN", "Marie-Claire Dupont"),
    ("TRXDATE", "11/27/26"),
    ("PAYID", "3014726543"),
    ("PAYIDSUB", "0"),
    ("NCERROR", "0"),
    ("BRAND", "VISA"),
    ("IP", "192.0.2.44"),
    ("IPCTY", "FR"),
    ("CCCTY", "FR"),
    ("ECI", "7"),
    ("CVCCheck", "NO"),
    ("AAVCheck", "NO"),
    ("AAVAddress", "NO"),
    ("AAVZip", "NO"),
    ("AAVMail", "NO"),
    ("AAVName", "NO"),
    ("AAVPhone", "NO"),
    ("BIN", "411111"),
    ("EMAIL", "marie-claire.dupont@example-mail.fr"),
    ("SCORING", "1"),
    ("SCO_CATEGORY", "G"),
    ("SUBBRAND", "VISA"),
    ("creditDebit", "C"),
    ("COMPLUS", "panier 187342 / session 9f2c"),
    ("DIGESTCARDNO", "7B6E2A90D1C4F3E8A5B9C2D7E1F4A3B6C9D2E5F8"),
    ("NBRIPUSAGE", "1"),
    ("NBRIPUSAGE_ALLTX", "1"),
    ("NBRUSAGE", "1"),
    ("NBREMAILUSAGE", "1"),
    ("SIGNDATE", "2026-11-27"),
    ("SEQUENCETYPE", "FRST"),
    ("PAYMENT_REFERENCE", "RF18 5390 0754 7034"),
];

/// A posted feedback of `n` parameters: `n - 2` signed (SHA-OUT fields, then `XTRA<i>` echo
/// fields on an extended list past the forty), two unsigned extras, then SHASIGN. Returns the
/// body, the verifier and the canonical bytes.
fn feedback(n: usize) -> (String, FeedbackVerifier, Vec<u8>) {
    let mut fields: Vec<(String, String)> = FEEDBACK
        .iter()
        .take(n - 2)
        .map(|&(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut i = 1;
    while fields.len() < n - 2 {
        fields.push((format!("xtra{i}"), format!("echo value {i} / panier")));
        i += 1;
    }
    fields.push(("NCERRORPLUS".into(), "!".into()));
    fields.push(("SessionToken".into(), "a1b2c3d4e5".into()));
    let params =
        Params::try_from_pairs(fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
    let list = AllowList::new(ListKind::ShaOut).with(["XTRA*XX*"]).unwrap();
    let verifier =
        FeedbackVerifier::new(&ShaOutKey::new(PASSPHRASE), HashAlgorithm::Sha256).with_list(list);
    let signer = verifier.as_signer();
    let explained = signer.explain(&params);
    assert_eq!(explained.kept().len(), n - 2, "{:?}", explained.dropped());
    let bytes = canonical(signer, &params);
    let signature = signer.sign(&params).unwrap();
    assert_eq!(hash_bytes(HashAlgorithm::Sha256, &bytes), signature);
    let mut body = String::new();
    for (k, v) in &fields {
        if !body.is_empty() {
            body.push('&');
        }
        body.push_str(k);
        body.push('=');
        form_encode(v, &mut body);
    }
    body.push_str(&format!("&SHASIGN={signature}"));
    (body, verifier, bytes)
}

fn feedback_benches(c: &mut Criterion) {
    let transport = TransportCharset::Utf8;
    for n in SIZES {
        let (body, verifier, bytes) = feedback(n);
        let body = body.as_bytes();
        let signer = verifier.as_signer();
        assert_eq!(signer.__verify_form(body, transport), Ok(n - 2));
        assert_eq!(
            signer.__parse_verified(body, transport).unwrap(),
            Params::parse_form(body, transport).unwrap()
        );
        assert!(VerifiedFeedback::parse(body, transport, &verifier).is_ok());

        let mut group = c.benchmark_group(format!("feedback/{n}"));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("raw_hash", |b| {
            b.iter(|| hash_bytes(HashAlgorithm::Sha256, black_box(&bytes)))
        });
        group.bench_function("scan", |b| {
            b.iter(|| signer.__verify_form(black_box(body), transport))
        });
        group.bench_function("scan_and_build", |b| {
            b.iter(|| signer.__parse_verified(black_box(body), transport))
        });
        group.bench_function("verified_feedback_parse", |b| {
            b.iter(|| VerifiedFeedback::parse(black_box(body), transport, &verifier))
        });
        group.finish();
    }
}

fn main() {
    let mut criterion = common::criterion(30);
    build_sign(&mut criterion);
    feedback_benches(&mut criterion);
    criterion.final_summary();
}
