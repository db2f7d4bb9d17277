//! The worst bodies an attacker can send to a public return URL, next to ordinary bodies of the
//! same size, in the same run (issue 7, items 1 and 7).
//!
//! - `hostile/form/*`: `VerifiedFeedback::parse` (decode, look up every name's lists, sort, then
//!   refuse) of a 64 KiB body. `benign` holds 600-odd parameters with short names and long
//!   values; `digit_runs` as many names of `MAX_NAME_BYTES` bytes made of `A1` pairs (each digit
//!   run is a candidate `*XX*` pattern: the case that was quadratic); `one_long_name` a single
//!   64 KiB `A1A1...` name (2.4 s before the fix). `normal_20` is a real 20-parameter feedback,
//!   for scale. Throughput is in bytes, so the per-byte costs compare directly.
//! - `hostile/xml/*`: `DirectLinkResponse::parse` of answers with 1,000, 10,000
//!   and 60,000 attributes; the time per attribute must stay flat (it grew with the count).
//!
//! Run with `cargo bench -p ogone-benches --bench hostile`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

mod common;

use criterion::{BenchmarkId, Throughput};
use ogone::{
    FeedbackVerifier, HashAlgorithm, MAX_FORM_BYTES, MAX_FORM_PARAMS, MAX_NAME_BYTES, ShaOutKey,
    TransportCharset, VerifiedFeedback,
};

/// Pairs of `name(i)=value` joined with `&` until the body would pass 64 KiB or 1,000 pairs.
fn fill(name: impl Fn(usize) -> String, value: &str) -> String {
    let mut body = String::new();
    for i in 0..MAX_FORM_PARAMS {
        let pair = format!("{}={value}&", name(i));
        if body.len() + pair.len() > MAX_FORM_BYTES {
            break;
        }
        body.push_str(&pair);
    }
    body
}

fn bodies() -> Vec<(&'static str, String)> {
    let normal = "orderID=WEB-2024-000187342&currency=EUR&amount=149.9&PM=CreditCard\
        &ACCEPTANCE=AB1234&STATUS=9&CARDNO=XXXXXXXXXXXX1111&ED=1230&CN=Marie-Claire+Dupont\
        &TRXDATE=11%2F27%2F26&PAYID=3014726543&PAYIDSUB=0&NCERROR=0&BRAND=VISA&IP=192.0.2.44\
        &IPCTY=FR&CCCTY=FR&ECI=7&CVCCheck=NO&AAVCheck=NO\
        &SHASIGN=0000000000000000000000000000000000000000000000000000000000000000";
    let digit_runs = fill(
        |i| {
            let tail = format!("Z{i}");
            let stem = "A1".repeat((MAX_NAME_BYTES - tail.len()) / 2);
            format!("{stem}{tail}")
        },
        "1",
    );
    let benign = fill(|i| format!("P{i}"), &"v".repeat(digit_runs.len() / 640));
    let one_long_name = format!("{}=x", "A1".repeat((MAX_FORM_BYTES - 2) / 2));
    vec![
        ("normal_20", normal.to_string()),
        ("benign", benign),
        ("digit_runs", digit_runs),
        ("one_long_name", one_long_name),
    ]
}

fn main() {
    let mut criterion = common::criterion(20);
    let verifier = FeedbackVerifier::new(
        &ShaOutKey::new("Mysecretsig1875!?Qx7#pL2w"),
        HashAlgorithm::Sha256,
    );
    let mut group = criterion.benchmark_group("hostile/form");
    for (name, body) in bodies() {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &body, |b, body| {
            b.iter(|| {
                black_box(VerifiedFeedback::parse(
                    black_box(body.as_bytes()),
                    TransportCharset::Utf8,
                    &verifier,
                ))
            })
        });
    }
    group.finish();
    xml(&mut criterion);
    criterion.final_summary();
}

/// `DirectLinkResponse::parse` of a root with `n` distinct attributes.
fn xml(criterion: &mut criterion::Criterion) {
    let mut group = criterion.benchmark_group("hostile/xml");
    for n in [1_000, 10_000, 60_000] {
        let mut xml = String::from("<?xml version=\"1.0\"?><ncresponse");
        for i in 0..n {
            xml.push_str(&format!(" a{i}=\"1\""));
        }
        xml.push_str("/>");
        assert!(xml.len() <= ogone::MAX_DIRECT_LINK_RESPONSE_BYTES);
        group.throughput(Throughput::Elements(n));
        group.bench_with_input(BenchmarkId::from_parameter(n), &xml, |b, xml| {
            b.iter(|| black_box(ogone::DirectLinkResponse::parse(black_box(xml.as_bytes()))))
        });
    }
    group.finish();
}
