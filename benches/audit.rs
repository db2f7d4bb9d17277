//! The archive auditor ([`ogone::audit::Auditor`], issue 19) next to the raw hash of the same
//! canonical bytes in the same run: a 20-parameter SHA-256 feedback (20 signed parameters,
//! mixed-case names, a UTF-8 `é`), group `audit_20`:
//!
//! - `raw_hash`: [`ogone::hash_bytes`] of the string to sign, one hash (the floor);
//! - `audit_1_key`: an auditor with the one right key;
//! - `audit_3_keys_right_last`: three SHA-256 keys, the right one last (three hashes);
//! - `audit_3_keys_right_last_w1252`: the same feedback posted in Windows-1252, so that UTF-8
//!   (tried first) refuses it and Windows-1252 decodes it again;
//! - `audit_3_keys_fields_only`, `audit_1_key_fields_only`: the same with
//!   `Auditor::with_signed_pairs(false)` (the verdict's five fields, not every signed pair);
//! - `audit_3_keys_forged`: a tampered body (three hashes, then the claimed fields);
//! - `session_3_keys_fields_only` (and `_w1252`): an [`ogone::audit::AuditSession`] over the
//!   same body again and again, as `shasign audit` runs it over an archive of one shop's
//!   feedback: the key of the last body tried first, its names not decoded again (the body
//!   replayed); `session_into_3_keys_fields_only`: the same through
//!   [`ogone::audit::AuditSession::audit_into`], one verdict reused (what `shasign audit` runs);
//!   `session_3_keys_fields_only_names_change`: two bodies of the same pairs in another order,
//!   in turn, so that the session can never reuse the names (its worst case);
//! - `verified_feedback_parse`: [`VerifiedFeedback::parse`] with the right key, for comparison.
//!
//! Run with `cargo bench -p ogone-benches --bench audit`; `bash benches/ratios.sh` prints the
//! ratios to `raw_hash`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use ogone::audit::{Auditor, Verdict};
use ogone::simulate::{FeedbackSimulator, Transaction};
use ogone::{
    Amount, FeedbackVerifier, HashAlgorithm, PASSPHRASE_MARKER, Params, ShaOutKey,
    TransportCharset, VerifiedFeedback, hash_bytes,
};

mod common;
use common::PASSPHRASE;

/// A paid transaction with nine more SHA-OUT fields: 20 signed parameters.
fn transaction() -> Transaction {
    let amount = Amount::from_minor_units(14990).unwrap();
    let mut tx = Transaction::paid("WEB-2024-000187342", "3014726543", amount, "EUR");
    for (name, value) in [
        ("CN", "Marie-Hélène Dupont"),
        ("ED", "1230"),
        ("IP", "192.0.2.44"),
        ("IPCTY", "FR"),
        ("CCCTY", "FR"),
        ("ECI", "7"),
        ("CVCCheck", "NO"),
        ("AAVCheck", "NO"),
        ("BIN", "411111"),
    ] {
        tx.extra.push((name.into(), value.into()));
    }
    tx
}

fn audit_benches(c: &mut Criterion) {
    let right = ShaOutKey::new(PASSPHRASE);
    let simulator = FeedbackSimulator::new(&right, HashAlgorithm::Sha256);
    let tx = transaction();
    let body = simulator.body(&tx).unwrap();
    let w1252 = simulator
        .clone()
        .with_transport(TransportCharset::Windows1252)
        .body(&tx)
        .unwrap();
    let forged = body.replace("STATUS=9", "STATUS=5");
    let verifier = FeedbackVerifier::new(&right, HashAlgorithm::Sha256);
    // The string to sign in clear, from the signer's own explanation.
    let params = Params::parse_form(body.as_bytes(), TransportCharset::Utf8).unwrap();
    let explained = verifier.as_signer().explain(&params);
    assert_eq!(explained.kept().len(), 20, "{:?}", explained.dropped());
    let bytes = explained
        .to_string()
        .replace(PASSPHRASE_MARKER, PASSPHRASE)
        .into_bytes();
    let signature = body.rsplit_once("SHASIGN=").unwrap().1;
    assert_eq!(
        hash_bytes(HashAlgorithm::Sha256, &bytes).to_string(),
        signature
    );

    let one = Auditor::new().with_key(&right, HashAlgorithm::Sha256);
    let three = Auditor::new()
        .with_key(
            &ShaOutKey::new("Retired-2019-Qx7#pL2w-abc"),
            HashAlgorithm::Sha256,
        )
        .with_key(
            &ShaOutKey::new("Retired-2021-Qx7#pL2w-def"),
            HashAlgorithm::Sha256,
        )
        .with_key(&right, HashAlgorithm::Sha256);
    let key_of = |auditor: &Auditor, body: &str| match auditor.audit(body.as_bytes()) {
        Verdict::Verified(found) => (found.key, found.transport),
        other => panic!("{other:?}"),
    };
    assert_eq!(key_of(&one, &body), (0, TransportCharset::Utf8));
    assert_eq!(key_of(&three, &body), (2, TransportCharset::Utf8));
    assert_eq!(key_of(&three, &w1252), (2, TransportCharset::Windows1252));
    assert_eq!(three.audit(forged.as_bytes()).as_str(), "not-authentic");
    assert!(VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier).is_ok());

    let mut group = c.benchmark_group("audit_20");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("raw_hash", |b| {
        b.iter(|| hash_bytes(HashAlgorithm::Sha256, black_box(&bytes)))
    });
    group.bench_function("audit_1_key", |b| {
        b.iter(|| one.audit(black_box(body.as_bytes())))
    });
    group.bench_function("audit_3_keys_right_last", |b| {
        b.iter(|| three.audit(black_box(body.as_bytes())))
    });
    let brief = three.clone().with_signed_pairs(false);
    group.bench_function("audit_3_keys_fields_only", |b| {
        b.iter(|| brief.audit(black_box(body.as_bytes())))
    });
    group.bench_function("audit_1_key_fields_only", |b| {
        let brief = one.clone().with_signed_pairs(false);
        b.iter(|| brief.audit(black_box(body.as_bytes())))
    });
    // A session a thread, over bodies of the same names, the key of the last body tried
    // first (three keys, the right one last): each body replayed.
    group.bench_function("session_3_keys_fields_only", |b| {
        let mut session = brief.session();
        b.iter(|| session.audit(black_box(body.as_bytes())))
    });
    // What `shasign audit` calls: the same, into one verdict (its strings reused).
    group.bench_function("session_into_3_keys_fields_only", |b| {
        let mut session = brief.session();
        let mut verdict = brief.audit(body.as_bytes());
        b.iter(|| session.audit_into(black_box(body.as_bytes()), &mut verdict))
    });
    group.bench_function("session_3_keys_fields_only_w1252", |b| {
        let mut session = brief.session();
        b.iter(|| session.audit(black_box(w1252.as_bytes())))
    });
    // The worst case for the session's names: every body has other names than the one before
    // (the same pairs, the first moved last), so none is reused and each is remembered.
    let mut pairs: Vec<&str> = body.split('&').collect();
    let signature_pair = pairs.pop().unwrap();
    pairs.rotate_left(1);
    pairs.push(signature_pair);
    let rotated = pairs.join("&");
    assert_eq!(key_of(&three, &rotated), (2, TransportCharset::Utf8));
    group.bench_function("session_3_keys_fields_only_names_change", |b| {
        let mut session = brief.session();
        let mut bodies = [body.as_bytes(), rotated.as_bytes()].into_iter().cycle();
        b.iter(|| session.audit(black_box(bodies.next().unwrap_or_default())))
    });
    group.bench_function("audit_3_keys_right_last_w1252", |b| {
        b.iter(|| three.audit(black_box(w1252.as_bytes())))
    });
    group.bench_function("audit_3_keys_forged", |b| {
        b.iter(|| three.audit(black_box(forged.as_bytes())))
    });
    group.bench_function("verified_feedback_parse", |b| {
        b.iter(|| {
            VerifiedFeedback::parse(
                black_box(body.as_bytes()),
                TransportCharset::Utf8,
                &verifier,
            )
        })
    });
    group.finish();
}

fn main() {
    let mut criterion = common::criterion(30);
    audit_benches(&mut criterion);
    criterion.final_summary();
}
