//! Signing and verification next to the raw hash of the same canonical bytes.
//!
//! For 5, 20 and 100 realistic hosted-payment-page SHA-IN parameters and each algorithm, the
//! group `sign/<alg>/<n>` times `ogone` ([`Signer::sign`]) and `raw_hash`
//! ([`ogone::hash_bytes`] of the string to sign, built once in clear); `verify/<alg>/<n>` times
//! [`Signer::verify`] against a precomputed hex signature, next to the same raw hash. The
//! throughput is the length of the string to sign.
//!
//! `sign_pairs/<n>` (issue 19) times [`Signer::sign_pairs`] on the same pairs borrowed, names
//! in mixed case as a shop spells them (no set built), next to `raw_hash` and
//! `try_from_pairs_sign` ([`Params::try_from_pairs`] + [`Signer::sign`], what it replaces),
//! and `session` ([`ogone::SigningSession::sign_pairs`] of the same names again: the values
//! alone hashed).
//!
//! Run with `cargo bench -p ogone-benches --bench sign`; the target is `sign/sha256/20` within 1.15x of its
//! `raw_hash`, and `sign_pairs/20` within 1.5x.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use ogone::{HashAlgorithm, PASSPHRASE_MARKER, Params, Passphrase, Signer, hash_bytes};

mod common;
use common::{PASSPHRASE, SIZES};

/// The first five: the fields of Ingenico's worked example.
const CORE: [(&str, &str); 5] = [
    ("PSPID", "MyShopPSPID"),
    ("ORDERID", "WEB-2024-000187342"),
    ("AMOUNT", "14990"),
    ("CURRENCY", "EUR"),
    ("LANGUAGE", "fr_FR"),
];

/// Fifteen more of a typical hosted payment page request (URLs about 60 characters).
const HOSTED: [(&str, &str); 15] = [
    ("CN", "Marie-Claire Dupont"),
    ("EMAIL", "marie-claire.dupont@example-mail.fr"),
    ("OWNERADDRESS", "12 rue des Petits Champs, Bat. B"),
    ("OWNERZIP", "75002"),
    ("OWNERTOWN", "Paris"),
    ("OWNERCTY", "FR"),
    ("OWNERTELNO", "+33 1 42 96 00 00"),
    (
        "ACCEPTURL",
        "https://shop.example.com/checkout/payment/ogone/accept?lang=fr",
    ),
    (
        "DECLINEURL",
        "https://shop.example.com/checkout/payment/ogone/decline?lang=fr",
    ),
    (
        "EXCEPTIONURL",
        "https://shop.example.com/checkout/payment/ogone/exception?l=fr",
    ),
    (
        "CANCELURL",
        "https://shop.example.com/checkout/payment/ogone/cancel?lang=fr",
    ),
    (
        "BACKURL",
        "https://shop.example.com/checkout/cart/review-before-payment",
    ),
    (
        "HOMEURL",
        "https://shop.example.com/fr/accueil-boutique-en-ligne",
    ),
    ("COM", "Commande WEB-2024-000187342 - 20 articles"),
    ("OPERATION", "SAL"),
];

/// `n` hosted-page parameters: the worked-example five, then the hosted-page fields, then
/// basket lines (ITEMID, ITEMNAME, ITEMPRICE, ITEMQUANT per line) up to `n`.
fn hosted_page(n: usize) -> Params {
    let mut pairs: Vec<(String, String)> = CORE
        .iter()
        .chain(HOSTED.iter())
        .map(|&(k, v)| (k.to_string(), v.to_string()))
        .collect();
    common::fill_with_basket(&mut pairs, n, str::to_ascii_uppercase);
    let params = Params::try_from_pairs(pairs).unwrap();
    assert_eq!(params.len(), n);
    params
}

/// The string to sign in clear: the redacted explanation with the passphrase put back.
fn canonical_bytes(signer: &Signer, params: &Params) -> Vec<u8> {
    let explained = signer.explain(params);
    assert!(
        explained.dropped().is_empty(),
        "every bench parameter is on the SHA-IN list: {:?}",
        explained.dropped()
    );
    explained
        .to_string()
        .replace(PASSPHRASE_MARKER, PASSPHRASE)
        .into_bytes()
}

fn bench(c: &mut Criterion) {
    for op in ["sign", "verify"] {
        for alg in HashAlgorithm::ALL {
            for n in SIZES {
                let params = hosted_page(n);
                let signer = Signer::sha_in(Passphrase::new(PASSPHRASE), alg);
                let bytes = canonical_bytes(&signer, &params);
                let signature = signer.sign(&params).unwrap();
                // The baseline hashes exactly what the signer hashes.
                assert_eq!(hash_bytes(alg, &bytes), signature, "{alg}/{n}");
                let hex = signature.to_string();
                signer.verify(&params, &hex).unwrap();

                let mut group = c.benchmark_group(format!("{op}/{alg}/{n}"));
                group.throughput(Throughput::Bytes(bytes.len() as u64));
                if op == "sign" {
                    group.bench_function("ogone", |b| {
                        b.iter(|| signer.sign(black_box(&params)));
                    });
                } else {
                    group.bench_function("ogone", |b| {
                        b.iter(|| signer.verify(black_box(&params), black_box(&hex)));
                    });
                }
                group.bench_function("raw_hash", |b| {
                    b.iter(|| hash_bytes(alg, black_box(&bytes)));
                });
                group.finish();
            }
        }
    }
}

/// `Signer::sign_pairs` of borrowed pairs, SHA-256.
fn sign_pairs(c: &mut Criterion) {
    for n in SIZES {
        let params = hosted_page(n);
        // Mixed case, as a shop spells them: `Orderid`, `Itemname12`...
        let pairs: Vec<(String, &str)> = params
            .iter()
            .map(|(name, value)| {
                let (first, rest) = name.split_at(1);
                (format!("{first}{}", rest.to_ascii_lowercase()), value)
            })
            .collect();
        let signer = Signer::sha_in(Passphrase::new(PASSPHRASE), HashAlgorithm::Sha256);
        let bytes = canonical_bytes(&signer, &params);
        let borrowed = || pairs.iter().map(|(n, v)| (n.as_str(), *v));
        assert_eq!(
            signer.sign_pairs(borrowed()).unwrap(),
            hash_bytes(HashAlgorithm::Sha256, &bytes)
        );
        let mut group = c.benchmark_group(format!("sign_pairs/{n}"));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("raw_hash", |b| {
            b.iter(|| hash_bytes(HashAlgorithm::Sha256, black_box(&bytes)));
        });
        group.bench_function("sign_pairs", |b| {
            b.iter(|| signer.sign_pairs(black_box(&pairs).iter().map(|(n, v)| (n.as_str(), *v))));
        });
        // A session over the same names (a shop's form, request after request): after the
        // first call, each one hashes the values alone. Two orders in turn, whose order ids
        // differ (as long): nothing of the values is kept from one call to the next.
        let mut session = signer.session();
        assert_eq!(
            session.sign_pairs(borrowed()).unwrap(),
            hash_bytes(HashAlgorithm::Sha256, &bytes)
        );
        let next_order: Vec<(String, &str)> = pairs
            .iter()
            .map(|(name, value)| {
                let value = if name == "Orderid" {
                    "WEB-2024-000187343"
                } else {
                    value
                };
                (name.clone(), value)
            })
            .collect();
        assert_ne!(
            session
                .sign_pairs(next_order.iter().map(|(n, v)| (n.as_str(), *v)))
                .unwrap(),
            hash_bytes(HashAlgorithm::Sha256, &bytes)
        );
        let orders = [&pairs, &next_order];
        let mut turn = 0;
        group.bench_function("session", |b| {
            b.iter(|| {
                turn ^= 1;
                let order = black_box(orders[turn]);
                session.sign_pairs(order.iter().map(|(n, v)| (n.as_str(), *v)))
            });
        });
        group.bench_function("try_from_pairs_sign", |b| {
            b.iter(|| {
                let params = Params::try_from_pairs(
                    black_box(&pairs).iter().map(|(n, v)| (n.as_str(), *v)),
                )?;
                signer.sign(&params)
            });
        });
        group.finish();
    }
}

fn main() {
    let mut criterion = common::criterion(30);
    bench(&mut criterion);
    sign_pairs(&mut criterion);
    criterion.final_summary();
}
