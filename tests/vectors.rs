//! Published signature vectors, kept as data in `tests/vectors/`, one file per source.
//!
//! For each vector both the string to sign (through the redacted view of `Signer::explain`, the
//! passphrase written `<passphrase>`) and the digest are checked, then verification in both hex
//! cases and in both sort orders.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use ogone::{
    Direction, Error, HashAlgorithm, ListKind, Params, Passphrase, Scheme, Signer, SortOrder,
    TransportCharset,
};

const FILES: [(&str, &str); 3] = [
    (
        "ingenico_guides.txt",
        include_str!("vectors/ingenico_guides.txt"),
    ),
    ("marlon_ogone.txt", include_str!("vectors/marlon_ogone.txt")),
    ("litus.txt", include_str!("vectors/litus.txt")),
];

fn vectors() -> Vec<(String, BTreeMap<String, String>)> {
    let mut out = Vec::new();
    for (file, text) in FILES {
        for block in text.split("\n\n") {
            let fields: BTreeMap<String, String> = block
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| {
                    let (k, v) = l.split_once(" = ").expect("`key = value` lines");
                    (k.to_string(), v.to_string())
                })
                .collect();
            if !fields.is_empty() {
                out.push((format!("{file}: {}", fields["name"]), fields));
            }
        }
    }
    out
}

fn signer(v: &BTreeMap<String, String>) -> Signer {
    let algorithm = HashAlgorithm::parse(&v["algorithm"]).unwrap();
    let direction = match v["direction"].as_str() {
        "in" => Direction::In,
        "out" => Direction::Out,
        other => panic!("direction {other}"),
    };
    let mut signer = Signer::new(
        Passphrase::new(v["passphrase"].as_str()),
        algorithm,
        direction,
    );
    if let Some(list) = v.get("list") {
        signer = signer.with_list(ListKind::parse(list).unwrap());
    }
    if v.get("scheme").map(String::as_str) == Some("legacy") {
        signer = signer.with_scheme(Scheme::LegacyMainParameters);
    }
    signer
}

#[test]
fn every_vector_file_is_read() {
    let all = vectors();
    assert_eq!(all.len(), 5 + 4 + 1);
    for (name, v) in &all {
        for key in [
            "source",
            "algorithm",
            "passphrase",
            "params",
            "string",
            "digest",
        ] {
            assert!(v.contains_key(key), "{name}: no {key}");
        }
    }
}

#[test]
fn string_to_sign_and_digest() {
    for (name, v) in vectors() {
        let params = Params::parse_form(v["params"].as_bytes(), TransportCharset::Utf8).unwrap();
        let signer = signer(&v);
        assert_eq!(signer.explain(&params).redacted(), v["string"], "{name}");
        assert_eq!(
            signer.sign(&params).unwrap().to_string(),
            v["digest"],
            "{name}"
        );
    }
}

#[test]
fn verification_accepts_either_case_and_both_orders_agree() {
    for (name, v) in vectors() {
        let params = Params::parse_form(v["params"].as_bytes(), TransportCharset::Utf8).unwrap();
        for order in [SortOrder::Ingenico, SortOrder::Byte] {
            let signer = signer(&v).with_order(order);
            signer.verify(&params, &v["digest"]).unwrap();
            signer.verify(&params, &v["digest"].to_lowercase()).unwrap();
            // The same set carrying its own signature, as feedback does.
            let mut with_sig = params.clone();
            with_sig.insert("SHASIGN", v["digest"].as_str()).unwrap();
            signer
                .verify_shasign(&with_sig)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

#[test]
fn wrong_key_algorithm_or_value_is_rejected() {
    for (name, v) in vectors() {
        let params = Params::parse_form(v["params"].as_bytes(), TransportCharset::Utf8).unwrap();
        let mut wrong_key = v.clone();
        wrong_key.insert("passphrase".into(), format!("{}x", v["passphrase"]));
        assert_eq!(
            signer(&wrong_key).verify(&params, &v["digest"]),
            Err(Error::Mismatch),
            "{name}"
        );

        let expected = signer(&v).algorithm().hex_len();
        for other in HashAlgorithm::ALL
            .into_iter()
            .filter(|a| a.hex_len() != expected)
        {
            let mut wrong_alg = v.clone();
            wrong_alg.insert("algorithm".into(), other.as_str().into());
            assert_eq!(
                signer(&wrong_alg).verify(&params, &v["digest"]),
                Err(Error::SignatureLength {
                    expected: other.hex_len(),
                    found: expected
                }),
                "{name}"
            );
        }

        let (first, value) = params.iter().find(|(_, value)| !value.is_empty()).unwrap();
        let mut tampered = params.clone();
        tampered.remove(first);
        tampered.insert(first, format!("{value}0")).unwrap();
        let kept = signer(&v)
            .explain(&params)
            .kept()
            .contains(&first.to_string());
        let result = signer(&v).verify(&tampered, &v["digest"]);
        if kept {
            assert_eq!(result, Err(Error::Mismatch), "{name}: {first}");
        } else {
            assert_eq!(result, Ok(()), "{name}: {first} is not hashed");
        }
    }
}
