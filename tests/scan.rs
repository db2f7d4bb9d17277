//! The allocation-free scan of posted bodies agrees with the allocating path it stands in
//! for: on any body, `Signer::__verify_form` answers exactly what `Params::parse_form` then
//! `Signer::verify_shasign` answer (the same `Ok`, the same typed error, in the same order of
//! precedence), and `Signer::__parse_verified` builds the set `Params::parse_form` builds.
//!
//! Bodies are generated signed and then damaged: every algorithm, direction, sort order,
//! hashing charset, scheme and transport charset; allow-lists built in, `All` and extended;
//! names in mixed case (list names, `*XX*` pattern names, names the two orders disagree on,
//! random ones); values with spaces, `+`, `&`, `=`, `%`, Latin-1 and non-Latin-1 characters;
//! escapes in either case, `+` or `%20` for spaces; then wrong, lower-case, cut or non-hex
//! signatures, no signature or two, duplicates after upper-casing, malformed escapes, invalid
//! bytes, empty pairs, a leading `?`, more parameters than the stack holds and values longer
//! than its buffer.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ogone::{
    AllowList, Charset, Direction, Error, HashAlgorithm, ListKind, Params, Passphrase, Scheme,
    Signer, SortOrder, TransportCharset,
};
use proptest::prelude::*;
use proptest::sample::select;

const NAMES: [&str; 24] = [
    "ORDERID",
    "AMOUNT",
    "CURRENCY",
    "PSPID",
    "STATUS",
    "PAYID",
    "NCERROR",
    "BRAND",
    "PM",
    "ACCEPTANCE",
    "CARDNO",
    "CN",
    "COM",
    "ITEMNAME2",
    "ITEMNAME10",
    "ITEMID1",
    "ITEM_COUNT",
    "SCO_CATEGORY",
    "SCORING",
    "ALIAS.ALIASID",
    "CARD.BRAND",
    "COMPLUS",
    "PSWD",
    "CART",
];

const VALUES: [&str; 12] = [
    "",
    "12",
    "EUR",
    "1500",
    "a b",
    "x+y",
    "a&b=c",
    "100%",
    "café",
    "Zoë Ångström",
    "10 €",
    "https://shop.example.com/accept?lang=fr&x=1",
];

/// A signer of any configuration.
fn signer() -> impl Strategy<Value = Signer> {
    (
        select(HashAlgorithm::ALL.to_vec()),
        select(vec![Direction::In, Direction::Out]),
        select(vec![SortOrder::Ingenico, SortOrder::Byte]),
        select(vec![Charset::Utf8, Charset::Iso8859_1]),
        select(vec![Scheme::EachParameter, Scheme::LegacyMainParameters]),
        0usize..6,
        select(vec![
            "Mysecretsig1875!?",
            "Clé-secrète-2024",
            "sécurité €uro",
        ]),
    )
        .prop_map(|(alg, direction, order, charset, scheme, list, key)| {
            let signer = Signer::new(Passphrase::new(key), alg, direction)
                .with_order(order)
                .with_charset(charset)
                .with_scheme(scheme);
            match list {
                0 => signer.with_list(ListKind::All),
                1 => signer.with_list(ListKind::FlexCheckoutOut),
                2 => signer.with_list(AllowList::new(ListKind::ShaOut).with(["CART"]).unwrap()),
                _ => signer,
            }
        })
}

/// A name: from the lists (in any case) or random.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (select(NAMES.to_vec()), any::<u32>()).prop_map(|(n, case)| {
            n.chars()
                .enumerate()
                .map(|(i, c)| if case >> (i % 32) & 1 == 1 { c.to_ascii_lowercase() } else { c })
                .collect()
        }),
        1 => "[A-Za-z0-9_.]{1,8}",
    ]
}

/// How a body is damaged after it is signed.
#[derive(Debug, Clone)]
enum Damage {
    None,
    /// One hex digit of the signature changed.
    Tamper(usize),
    /// The signature in lower case.
    Lower,
    /// The signature cut short.
    Cut(usize),
    /// A non-hex digit in the signature.
    NotHex(usize),
    /// No signature.
    Unsigned,
    /// A second signature, in `SHASIGNATURE.SHASIGN`.
    Two,
    /// One value changed.
    Value(usize),
    /// A parameter repeated, in another case.
    Duplicate(usize),
    /// Bytes inserted at a place in the body.
    Insert(usize, &'static [u8]),
    /// Many extra parameters (past the stack's 64).
    Many(usize),
    /// A value longer than the stack's buffer, escaped.
    Long(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => Just(Damage::None),
        2 => any::<usize>().prop_map(Damage::Tamper),
        1 => Just(Damage::Lower),
        1 => any::<usize>().prop_map(Damage::Cut),
        1 => any::<usize>().prop_map(Damage::NotHex),
        1 => Just(Damage::Unsigned),
        1 => Just(Damage::Two),
        2 => any::<usize>().prop_map(Damage::Value),
        2 => any::<usize>().prop_map(Damage::Duplicate),
        3 => (any::<usize>(), select(vec![
            &b"%"[..], b"%g1", b"%4", b"\xff", b"\xe9", b"%E9", b"%C3%A9", b"%81", b"&&",
            b"&=x", b"&a\x01=1", b"&%C3%A9=1", b"&x", b"+", b"%2B", b"=", b"&Shasign=00",
        ])).prop_map(|(at, bytes)| Damage::Insert(at, bytes)),
        1 => (40usize..80).prop_map(Damage::Many),
        1 => (1000usize..2500).prop_map(Damage::Long),
    ]
}

/// Encodes `text` for a form body in `transport`: bytes the charset lacks in UTF-8 (an invalid
/// body), each byte escaped or not at random (`mask`), spaces as `+` or `%20`.
fn encode(text: &str, transport: TransportCharset, mask: u64, out: &mut Vec<u8>) {
    for (i, ch) in text.chars().enumerate() {
        let mut buf = [0u8; 4];
        let bytes: Vec<u8> = match transport {
            TransportCharset::Utf8 => ch.encode_utf8(&mut buf).as_bytes().to_vec(),
            TransportCharset::Iso8859_1 => match u8::try_from(u32::from(ch)) {
                Ok(b) => vec![b],
                Err(_) => ch.encode_utf8(&mut buf).as_bytes().to_vec(),
            },
            TransportCharset::Windows1252 => {
                if ch == '€' {
                    vec![0x80]
                } else {
                    match u8::try_from(u32::from(ch)) {
                        Ok(b) if !(0x80..0xA0).contains(&b) => vec![b],
                        _ => ch.encode_utf8(&mut buf).as_bytes().to_vec(),
                    }
                }
            }
            other => unimplemented!("no naive model of {other:?} yet"),
        };
        let escape_this = mask >> (i % 64) & 1 == 1;
        for b in bytes {
            match b {
                b' ' if !escape_this => out.push(b'+'),
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'_' | b'-' if !escape_this => {
                    out.push(b)
                }
                _ if b >= 0x80 && !escape_this && mask & 1 == 1 => out.push(b),
                _ if mask >> 7 & 1 == 1 => out.extend(format!("%{b:02x}").bytes()),
                _ => out.extend(format!("%{b:02X}").bytes()),
            }
        }
    }
}

fn pair(name: &str, value: &str, transport: TransportCharset, mask: u64, out: &mut Vec<u8>) {
    if !out.is_empty() {
        out.push(b'&');
    }
    encode(name, transport, mask, out);
    out.push(b'=');
    encode(value, transport, mask.rotate_left(17), out);
}

/// A signed body, then damaged.
fn body() -> impl Strategy<Value = (Signer, TransportCharset, Vec<u8>)> {
    (
        signer(),
        select(vec![
            TransportCharset::Utf8,
            TransportCharset::Iso8859_1,
            TransportCharset::Windows1252,
        ]),
        proptest::collection::vec((name(), select(VALUES.to_vec())), 0..30),
        any::<u64>(),
        damage(),
        any::<bool>(),
    )
        .prop_map(|(signer, transport, fields, mask, damage, question)| {
            // Unique names (once upper-cased); the signature is the reference signer's.
            let mut seen = std::collections::HashSet::new();
            let mut fields: Vec<(String, String)> = fields
                .into_iter()
                .filter(|(n, _)| seen.insert(n.to_ascii_uppercase()))
                .map(|(n, v)| (n, v.to_string()))
                .collect();
            if let Damage::Many(extra) = damage {
                for i in 0..extra {
                    fields.push((format!("X{i}"), format!("v{i}")));
                }
            }
            if let Damage::Long(len) = damage {
                fields.push(("COM".into(), "é%&".repeat(len)));
                fields.dedup_by(|a, b| a.0.eq_ignore_ascii_case(&b.0));
            }
            let params =
                Params::try_from_pairs(fields.iter().map(|(n, v)| (n.as_str(), v.as_str())));
            let hex = match params.map(|p| signer.sign(&p)) {
                Ok(Ok(sig)) => sig.to_string(),
                _ => "00".repeat(signer.algorithm().digest_len()),
            };
            let hex = match damage {
                Damage::Tamper(at) => {
                    let mut h = hex.into_bytes();
                    let at = at % h.len();
                    h[at] = if h[at] == b'0' { b'1' } else { b'0' };
                    String::from_utf8(h).unwrap()
                }
                Damage::Lower => hex.to_ascii_lowercase(),
                Damage::Cut(at) => hex[..at % hex.len()].to_string(),
                Damage::NotHex(at) => {
                    let mut h = hex.into_bytes();
                    let at = at % h.len();
                    h[at] = b'g';
                    String::from_utf8(h).unwrap()
                }
                _ => hex,
            };
            if let Damage::Value(at) = damage {
                if !fields.is_empty() {
                    let at = at % fields.len();
                    fields[at].1.push('1');
                }
            }
            if let Damage::Duplicate(at) = damage {
                if !fields.is_empty() {
                    let (n, v) = fields[at % fields.len()].clone();
                    fields.push((n.to_ascii_lowercase(), v));
                }
            }
            let mut out = Vec::new();
            if question {
                out.push(b'?');
            }
            for (n, v) in &fields {
                pair(n, v, transport, mask, &mut out);
            }
            if !matches!(damage, Damage::Unsigned) {
                pair("SHASIGN", &hex, transport, 0, &mut out);
            }
            if matches!(damage, Damage::Two) {
                pair("SHASIGNATURE.SHASIGN", &hex, transport, 0, &mut out);
            }
            if let Damage::Insert(at, bytes) = damage {
                let at = at % (out.len() + 1);
                out.splice(at..at, bytes.iter().copied());
            }
            (signer, transport, out)
        })
}

/// What the allocating path answers: the error, or how many parameters were hashed.
fn reference(signer: &Signer, body: &[u8], transport: TransportCharset) -> Result<usize, Error> {
    let params = Params::parse_form(body, transport)?;
    signer.verify_shasign(&params)?;
    Ok(match signer.scheme() {
        Scheme::LegacyMainParameters => {
            let fields: &[&str] = match signer.direction() {
                Direction::In => &["ORDERID", "AMOUNT", "CURRENCY", "PSPID"],
                Direction::Out => &[
                    "ORDERID",
                    "CURRENCY",
                    "AMOUNT",
                    "PM",
                    "ACCEPTANCE",
                    "STATUS",
                    "CARDNO",
                    "PAYID",
                    "NCERROR",
                    "BRAND",
                ],
            };
            fields
                .iter()
                .filter(|f| params.get(f).is_some_and(|v| !v.is_empty()))
                .count()
        }
        _ => signer.explain(&params).kept().len(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn scan_agrees_with_parse_then_verify((signer, transport, body) in body()) {
        let expected = reference(&signer, &body, transport);
        prop_assert_eq!(signer.__verify_form(&body, transport), expected.clone(),
            "{}", String::from_utf8_lossy(&body));
        let built = signer.__parse_verified(&body, transport);
        match expected {
            Ok(_) => prop_assert_eq!(built, Params::parse_form(&body, transport)),
            Err(e) => prop_assert_eq!(built, Err(e)),
        }
    }

    /// Arbitrary bytes: the same answer, never a panic.
    #[test]
    fn scan_agrees_on_arbitrary_bytes(
        (signer, transport) in (signer(), select(vec![TransportCharset::Utf8, TransportCharset::Iso8859_1, TransportCharset::Windows1252])),
        body in proptest::collection::vec(select(b"aA=&%+?2fZ\xe9\xc3\x80 SHASIGN".to_vec()), 0..80),
    ) {
        prop_assert_eq!(signer.__verify_form(&body, transport), reference(&signer, &body, transport));
    }
}

/// The generator reaches every outcome (so the property compares more than `Mismatch`).
#[test]
fn bodies_reach_every_outcome() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = body();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..4000 {
        let (signer, transport, body) = strategy.new_tree(&mut runner).unwrap().current();
        let outcome = match reference(&signer, &body, transport) {
            Ok(_) => "ok".to_string(),
            Err(e) => format!("{e:?}")
                .split([' ', '(', '{'])
                .next()
                .unwrap()
                .to_string(),
        };
        seen.insert(outcome);
    }
    for outcome in [
        "ok",
        "Mismatch",
        "MissingSignature",
        "TwoSignatures",
        "SignatureLength",
        "SignatureNotHex",
        "MalformedEscape",
        "InvalidEncoding",
        "InvalidName",
        "DuplicateName",
        "Unencodable",
        "PassphraseUnencodable",
    ] {
        assert!(seen.contains(outcome), "never {outcome}: {seen:?}");
    }
}
