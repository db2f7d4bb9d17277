//! Parsing and verifying a 20-parameter feedback body, next to the raw hash of its canonical
//! bytes in the same run.
//!
//! `feedback/sha256/20` times `ogone` ([`VerifiedFeedback::parse`]: decode the form body,
//! build the parameter set, verify `SHASIGN`) and `raw_hash` ([`ogone::hash_bytes`] of the
//! string to sign). Run with `cargo bench --bench feedback`; the target is within 1.5x.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use ogone::{
    FeedbackVerifier, HashAlgorithm, PASSPHRASE_MARKER, Params, Passphrase, ShaOutKey, Signer,
    TransportCharset, VerifiedFeedback, hash_bytes,
};

const PASSPHRASE: &str = "Mysecretsig1875!?Qx7#pL2w";

/// A server-to-server feedback as Ogone posts it: 20 parameters on the SHA-OUT list, mixed
/// case, `.` and `/` escaped, then SHASIGN.
const FIELDS: [(&str, &str); 20] = [
    ("orderID", "WEB-2024-000187342"),
    ("currency", "EUR"),
    ("amount", "149.9"),
    ("PM", "CreditCard"),
    ("ACCEPTANCE", "AB1234"),
    ("STATUS", "9"),
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
];

fn main() {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30)
        .configure_from_args();

    let params = Params::try_from_pairs(FIELDS).unwrap();
    let signer = Signer::sha_out(Passphrase::new(PASSPHRASE), HashAlgorithm::Sha256);
    let canonical = signer
        .explain(&params)
        .to_string()
        .replace(PASSPHRASE_MARKER, PASSPHRASE);
    let signature = signer.sign(&params).unwrap();
    assert_eq!(
        hash_bytes(HashAlgorithm::Sha256, canonical.as_bytes()),
        signature
    );
    let body = format!(
        "{}&SHASIGN={signature}",
        params.to_form(TransportCharset::Utf8).unwrap()
    );
    let verifier = FeedbackVerifier::new(&ShaOutKey::new(PASSPHRASE), HashAlgorithm::Sha256);
    assert!(VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier).is_ok());

    let mut group = criterion.benchmark_group("feedback/sha256/20");
    group.throughput(Throughput::Bytes(canonical.len() as u64));
    group.bench_function("ogone", |b| {
        b.iter(|| {
            VerifiedFeedback::parse(
                black_box(body.as_bytes()),
                TransportCharset::Utf8,
                &verifier,
            )
        })
    });
    group.bench_function("raw_hash", |b| {
        b.iter(|| hash_bytes(HashAlgorithm::Sha256, black_box(canonical.as_bytes())))
    });
    group.finish();
    criterion.final_summary();
}
