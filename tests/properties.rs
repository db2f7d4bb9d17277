//! Property tests of the signing rules (spec section 1 and 1.1), with proptest.
//!
//! The reference the crate is checked against is written here, independently and naively: it
//! collects the pairs, upper-cases the names, drops the signature names, empty values and names
//! off the list, sorts with its own comparator (its own tokenizer for the Ingenico order),
//! builds the whole string, encodes it, then hashes it with `ogone::hash_bytes` and directly
//! with the `sha1` / `sha2` crates.
//!
//! Properties:
//! 1. insertion order and the case of names do not change the digest;
//! 2. a parameter with an empty value changes nothing;
//! 3. the streamed digest equals the naive one (and `explain` shows the naive string);
//! 4. `SortOrder::compare` agrees with the naive comparators and is a total order;
//! 5. `to_form` then `parse_form` round-trips in every transport charset;
//! 6. any changed hex digit or value byte makes `verify` fail; the case of the hex does not;
//! 7. `parse_form` and `Signature::parse_hex` never panic on arbitrary input;
//! 8. list entries (`*XX*` as digits, any case) are on their list and hashed;
//! 9. `AllowList::contains` says what the signer hashes, for short and long names.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::cmp::Ordering;
use std::collections::HashSet;

use ogone::{
    AllowList, Charset, DIGITS_PLACEHOLDER, Error, HashAlgorithm, ListKind, PASSPHRASE_MARKER,
    PASSWORD_MARKER, Params, Passphrase, REDACTED_MARKER, Signature, Signer, SortOrder,
    TransportCharset, hash_bytes,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use sha2::Digest as _;

const CASES: u32 = 256;

const ORDERS: [SortOrder; 2] = [SortOrder::Ingenico, SortOrder::Byte];
const KINDS: [ListKind; 5] = [
    ListKind::ShaIn,
    ListKind::ShaOut,
    ListKind::FlexCheckoutOut,
    ListKind::AliasGatewayOut,
    ListKind::All,
];
const CHARSETS: [Charset; 2] = [Charset::Utf8, Charset::Iso8859_1];

// ---------------------------------------------------------------------------------------------
// The naive reference.
// ---------------------------------------------------------------------------------------------

/// One token of a name in Ingenico order (spec 1.1). The derived `Ord` is the order: variants
/// rank in declaration order, fields compare in declaration order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum NaiveToken {
    Underscore,
    Dot,
    /// Any other byte that is not an ASCII letter or digit, by byte value.
    Other(u8),
    /// A maximal run of ASCII digits: by numeric value (count of significant digits, then the
    /// digits), then the shorter run first.
    Number {
        significant_len: usize,
        significant: String,
        run_len: usize,
    },
    Letter(u8),
}

fn naive_tokens(name: &str) -> Vec<NaiveToken> {
    let upper = name.to_ascii_uppercase();
    let bytes = upper.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            let run = &upper[i..j];
            let significant = run.trim_start_matches('0').to_string();
            tokens.push(NaiveToken::Number {
                significant_len: significant.len(),
                significant,
                run_len: run.len(),
            });
            i = j;
        } else {
            tokens.push(match b {
                b'_' => NaiveToken::Underscore,
                b'.' => NaiveToken::Dot,
                b'A'..=b'Z' => NaiveToken::Letter(b),
                _ => NaiveToken::Other(b),
            });
            i += 1;
        }
    }
    tokens
}

fn naive_compare(order: SortOrder, a: &str, b: &str) -> Ordering {
    match order {
        SortOrder::Byte => a.to_ascii_uppercase().cmp(&b.to_ascii_uppercase()),
        SortOrder::Ingenico => naive_tokens(a).cmp(&naive_tokens(b)),
    }
}

/// The pairs that are hashed, upper-cased and sorted.
fn naive_kept(
    pairs: &[(String, String)],
    kind: ListKind,
    order: SortOrder,
) -> Vec<(String, String)> {
    let list = AllowList::new(kind);
    let mut kept: Vec<(String, String)> = pairs
        .iter()
        .map(|(n, v)| (n.to_ascii_uppercase(), v.clone()))
        .filter(|(n, v)| {
            n != "SHASIGN"
                && n != "SHASIGNATURE.SHASIGN"
                && !v.is_empty()
                && (kind == ListKind::All || list.contains(n))
        })
        .collect();
    kept.sort_by(|a, b| naive_compare(order, &a.0, &b.0));
    kept
}

/// The string to sign, in clear.
fn naive_string(kept: &[(String, String)], passphrase: &str) -> String {
    let mut s = String::new();
    for (n, v) in kept {
        s.push_str(n);
        s.push('=');
        s.push_str(v);
        s.push_str(passphrase);
    }
    s
}

/// The string `Signer::explain` should show: the passphrase, the `PSWD` value and card data
/// as markers, `\\` and `<` of the set escaped with a backslash.
fn naive_redacted(kept: &[(String, String)]) -> String {
    let escape = |t: &str| t.replace('\\', "\\\\").replace('<', "\\<");
    let secret = [
        "CVC",
        "CARD.CVC",
        "ECOM_PAYMENT_CARD_VERIFICATION",
        "UCAF_PAYMENT_CARD_CVC2",
        "CAVV_3D",
        "UCAF_AUTHENTICATION_DATA",
    ];
    let card = ["CARDNO", "CARD.CARDNUMBER", "UCAF_PAYMENT_CARD_NUMBER"];
    let masked = |v: &str| {
        v.contains(['X', 'x', '*']) && v.chars().filter(char::is_ascii_digit).count() <= 10
    };
    let mut s = String::new();
    for (n, v) in kept {
        s.push_str(&escape(n));
        s.push('=');
        if n == "PSWD" {
            s.push_str(PASSWORD_MARKER);
        } else if secret.contains(&n.as_str()) || (card.contains(&n.as_str()) && !masked(v)) {
            s.push_str(REDACTED_MARKER);
        } else {
            s.push_str(&escape(v));
        }
        s.push_str(PASSPHRASE_MARKER);
    }
    s
}

fn naive_encode(charset: Charset, s: &str) -> Vec<u8> {
    match charset {
        Charset::Utf8 => s.as_bytes().to_vec(),
        Charset::Iso8859_1 => s
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 only"))
            .collect(),
        other => unimplemented!("no naive model of {other:?} yet"),
    }
}

fn direct_digest(algorithm: HashAlgorithm, bytes: &[u8]) -> Vec<u8> {
    match algorithm {
        HashAlgorithm::Sha1 => sha1::Sha1::digest(bytes).to_vec(),
        HashAlgorithm::Sha256 => sha2::Sha256::digest(bytes).to_vec(),
        HashAlgorithm::Sha512 => sha2::Sha512::digest(bytes).to_vec(),
    }
}

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Windows-1252 bytes 0x80..=0x9F that have a character (Unicode's `cp1252.txt`).
const CP1252_TABLE: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

/// A form body as `to_form` documents it: Ingenico order, letters, digits and `*-._` as they
/// are, space as `+`, every other byte of the transport encoding as `%XX`.
fn naive_form(pairs: &[(String, String)], transport: TransportCharset) -> String {
    let mut sorted: Vec<(String, String)> = pairs
        .iter()
        .map(|(n, v)| (n.to_ascii_uppercase(), v.clone()))
        .collect();
    sorted.sort_by(|a, b| naive_compare(SortOrder::Ingenico, &a.0, &b.0));
    let encode = |text: &str| -> String {
        let mut bytes = Vec::new();
        for c in text.chars() {
            let code = u32::from(c);
            match transport {
                TransportCharset::Utf8 => bytes.extend_from_slice(c.to_string().as_bytes()),
                TransportCharset::Iso8859_1 => bytes.push(u8::try_from(code).unwrap()),
                TransportCharset::Windows1252 => {
                    bytes.push(if code < 0x80 || (0xA0..=0xFF).contains(&code) {
                        u8::try_from(code).unwrap()
                    } else {
                        CP1252_TABLE.iter().find(|(_, t)| *t == c).unwrap().0
                    })
                }
                other => unimplemented!("no naive model of {other:?} yet"),
            }
        }
        bytes
            .iter()
            .map(|&b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                    char::from(b).to_string()
                }
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    sorted
        .iter()
        .map(|(n, v)| format!("{}={}", encode(n), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn signer(
    passphrase: &str,
    algorithm: HashAlgorithm,
    kind: ListKind,
    order: SortOrder,
    charset: Charset,
) -> Signer {
    Signer::sha_in(Passphrase::new(passphrase), algorithm)
        .with_list(kind)
        .with_order(order)
        .with_charset(charset)
}

// ---------------------------------------------------------------------------------------------
// Strategies.
// ---------------------------------------------------------------------------------------------

fn list_entries() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = ListKind::ALL_KINDS
        .iter()
        .flat_map(|k| k.entries().iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// Re-cases a name: bit `i % 64` of `bits` set lower-cases its `i`-th byte, else upper-cases it.
fn recase(name: &str, bits: u64) -> String {
    name.bytes()
        .enumerate()
        .map(|(i, b)| {
            let c = char::from(b);
            if bits >> (i % 64) & 1 == 1 {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect()
}

/// A name of a built-in list, `*XX*` replaced by 1 to 3 digits, randomly re-cased.
fn real_name() -> impl Strategy<Value = String> {
    (select(list_entries()), "[0-9]{1,3}", any::<u64>())
        .prop_map(|(entry, digits, bits)| recase(&entry.replace(DIGITS_PLACEHOLDER, &digits), bits))
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => real_name(),
        4 => "[A-Za-z_.][A-Za-z0-9_.]{0,12}",
        1 => select(vec!["SHASIGN", "shasign", "SHASIGNATURE.SHASIGN", "ShaSignature.ShaSign"])
            .prop_map(String::from),
    ]
}

/// Keeps the first of the pairs whose names are equal once upper-cased.
fn dedupe(pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    pairs
        .into_iter()
        .filter(|(n, _)| seen.insert(n.to_ascii_uppercase()))
        .collect()
}

fn pairs_with(
    value: impl Strategy<Value = String>,
    max: usize,
) -> impl Strategy<Value = Vec<(String, String)>> {
    vec((name(), value), 0..max).prop_map(dedupe)
}

/// Characters that are special in forms or to naive code.
fn tricky_char() -> impl Strategy<Value = char> {
    select(vec![
        '&',
        '=',
        '+',
        '%',
        ' ',
        '?',
        '#',
        '0',
        '\0',
        '\n',
        '\t',
        'é',
        'ÿ',
        '\u{80}',
        '\u{A0}',
        '€',
        'Œ',
        '\u{FEFF}',
        '😀',
        '👍',
        '\u{10FFFF}',
    ])
}

/// Any value: empty, plain, or arbitrary characters with a bias to tricky ones.
fn utf8_value() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        3 => "[a-zA-Z0-9]{1,6}",
        2 => "%[0-9A-F]{2}|[&=+%]{1,3}| {1,2}",
        5 => vec(prop_oneof![tricky_char(), any::<char>()], 1..8).prop_map(String::from_iter),
    ]
}

fn latin1_char() -> impl Strategy<Value = char> {
    prop_oneof![
        select(vec![
            '&', '=', '+', '%', ' ', '?', '\0', 'é', 'ÿ', '\u{80}', '\u{9F}', '\u{A0}'
        ]),
        any::<u8>().prop_map(char::from),
    ]
}

/// Any value whose characters ISO-8859-1 encodes.
fn latin1_value() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        3 => "[a-zA-Z0-9]{1,6}",
        5 => vec(latin1_char(), 1..8).prop_map(String::from_iter),
    ]
}

/// Any value from the Windows-1252 repertoire.
fn windows1252_value() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        (0u8..0x80).prop_map(char::from),
        (0xA0u8..=0xFF).prop_map(char::from),
        select(CP1252_TABLE.iter().map(|&(_, c)| c).collect::<Vec<_>>()),
    ];
    vec(ch, 0..8).prop_map(String::from_iter)
}

fn passphrase(charset: Charset) -> BoxedStrategy<String> {
    match charset {
        Charset::Utf8 => prop_oneof![
            "[ -~]{0,32}",
            vec(prop_oneof![tricky_char(), any::<char>()], 0..20).prop_map(String::from_iter),
        ]
        .boxed(),
        Charset::Iso8859_1 => vec(latin1_char(), 0..32)
            .prop_map(String::from_iter)
            .boxed(),
        other => unimplemented!("no naive model of {other:?} yet"),
    }
}

fn value(charset: Charset) -> BoxedStrategy<String> {
    match charset {
        Charset::Utf8 => utf8_value().boxed(),
        Charset::Iso8859_1 => latin1_value().boxed(),
        other => unimplemented!("no naive model of {other:?} yet"),
    }
}

/// A charset, a passphrase and pairs whose values it encodes.
fn charset_case(max: usize) -> impl Strategy<Value = (Charset, String, Vec<(String, String)>)> {
    select(CHARSETS.to_vec())
        .prop_flat_map(move |cs| (Just(cs), passphrase(cs), pairs_with(value(cs), max)))
}

fn algorithm() -> impl Strategy<Value = HashAlgorithm> {
    select(HashAlgorithm::ALL.to_vec())
}

/// Names for the sort-order properties: digit runs with leading zeros, long runs, `_ . - /`,
/// letters of both cases and any printable ASCII.
fn sortable_name() -> impl Strategy<Value = String> {
    prop_oneof![
        vec(
            prop_oneof![
                "[0-9]{1,3}",
                "0{1,3}[0-9]{0,2}",
                "[1-9][0-9]{18,26}",
                "[_./-]",
                "[A-Za-z]{1,2}",
                "[ -~]",
            ],
            0..6
        )
        .prop_map(|v| v.concat()),
        "[aA_.0-2/-]{0,5}",
    ]
}

fn config() -> ProptestConfig {
    // No regression files: an integration test has no `lib.rs` beside it to anchor them.
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(CASES)
    }
}

// ---------------------------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// 1. The order of insertion and the case of names do not change the digest.
    #[test]
    fn insertion_order_and_name_case_do_not_matter(
        (charset, pass, pairs) in charset_case(12),
        seed in any::<u64>(),
        shuffle in any::<Vec<Index>>(),
    ) {
        let params = Params::try_from_pairs(pairs.clone()).unwrap();
        // Fisher-Yates with the generated indices, and a re-casing of every name.
        let mut other = pairs.clone();
        for (i, idx) in (1..other.len()).rev().zip(shuffle.iter()) {
            other.swap(i, idx.index(i + 1));
        }
        let other: Vec<(String, String)> = other
            .into_iter()
            .enumerate()
            .map(|(i, (n, v))| (recase(&n, seed.rotate_left(u32::try_from(i).unwrap())), v))
            .collect();
        let reordered = Params::try_from_pairs(other).unwrap();
        prop_assert_eq!(&params, &reordered);
        for algorithm in HashAlgorithm::ALL {
            for order in ORDERS {
                for kind in [ListKind::ShaIn, ListKind::ShaOut, ListKind::All] {
                    let s = signer(&pass, algorithm, kind, order, charset);
                    prop_assert_eq!(s.sign(&params).unwrap(), s.sign(&reordered).unwrap());
                }
            }
        }
    }

    /// 2. A parameter with an empty value changes nothing, whether its name is on the list or
    /// not.
    #[test]
    fn empty_value_changes_nothing(
        (charset, pass, pairs) in charset_case(10),
        extra in prop_oneof![real_name(), "[A-Za-z_.][A-Za-z0-9_.]{0,12}"],
        algorithm in algorithm(),
    ) {
        prop_assume!(!pairs.iter().any(|(n, _)| n.eq_ignore_ascii_case(&extra)));
        let params = Params::try_from_pairs(pairs.clone()).unwrap();
        let mut with_empty = params.clone();
        with_empty.insert(&extra, "").unwrap();
        for order in ORDERS {
            for kind in KINDS {
                let s = signer(&pass, algorithm, kind, order, charset);
                prop_assert_eq!(s.sign(&params).unwrap(), s.sign(&with_empty).unwrap());
                prop_assert_eq!(s.explain(&params).to_string(), s.explain(&with_empty).to_string());
            }
        }
    }

    /// 3. The streamed digest equals hashing the naively built string, for every algorithm,
    /// order and list; `explain` shows the same string with its secrets as markers.
    #[test]
    fn streamed_digest_equals_naive((charset, pass, pairs) in charset_case(14)) {
        let params = Params::try_from_pairs(pairs.clone()).unwrap();
        for order in ORDERS {
            for kind in KINDS {
                let kept = naive_kept(&pairs, kind, order);
                let bytes = naive_encode(charset, &naive_string(&kept, &pass));
                for algorithm in HashAlgorithm::ALL {
                    let s = signer(&pass, algorithm, kind, order, charset);
                    let sig = s.sign(&params).unwrap();
                    prop_assert_eq!(sig, hash_bytes(algorithm, &bytes));
                    let direct = direct_digest(algorithm, &bytes);
                    prop_assert_eq!(sig.as_bytes(), &direct[..]);
                    prop_assert_eq!(sig.to_string(), hex_upper(&direct));
                }
                let s = signer(&pass, HashAlgorithm::Sha1, kind, order, charset);
                let explained = s.explain(&params);
                prop_assert_eq!(explained.redacted(), naive_redacted(&kept));
                let names: Vec<String> = kept.into_iter().map(|(n, _)| n).collect();
                prop_assert_eq!(explained.kept(), &names[..]);
            }
        }
    }

    /// 4a. The Ingenico order is the naive token comparison; the byte order is `str` order of
    /// the upper-cased names; both are antisymmetric and agree with equality ignoring case.
    #[test]
    fn sort_orders_agree_with_naive(a in sortable_name(), b in sortable_name(), c in sortable_name()) {
        for order in ORDERS {
            for (x, y) in [(&a, &b), (&b, &c), (&a, &c), (&a, &a)] {
                let got = order.compare(x, y);
                prop_assert_eq!(got, naive_compare(order, x, y), "{:?} {:?} {:?}", order, x, y);
                prop_assert_eq!(order.compare(y, x), got.reverse());
                prop_assert_eq!(got == Ordering::Equal, x.eq_ignore_ascii_case(y));
            }
            // transitivity on the triple
            let (ab, bc, ac) = (order.compare(&a, &b), order.compare(&b, &c), order.compare(&a, &c));
            if ab != Ordering::Greater && bc != Ordering::Greater {
                prop_assert_ne!(ac, Ordering::Greater);
            }
            if ab != Ordering::Less && bc != Ordering::Less {
                prop_assert_ne!(ac, Ordering::Less);
            }
        }
    }

    /// 4b. Sorting with `compare` gives a sequence that is ordered pairwise (transitivity over
    /// many names at once), the same sequence as the naive sort.
    #[test]
    fn sort_orders_are_total(names in vec(sortable_name(), 0..24)) {
        for order in ORDERS {
            let mut sorted = names.clone();
            sorted.sort_by(|a, b| order.compare(a, b));
            for i in 0..sorted.len() {
                for j in i + 1..sorted.len() {
                    prop_assert_ne!(order.compare(&sorted[i], &sorted[j]), Ordering::Greater);
                }
            }
            let mut naive = names.clone();
            naive.sort_by(|a, b| naive_compare(order, a, b));
            let up = |v: &[String]| v.iter().map(|s| s.to_ascii_uppercase()).collect::<Vec<_>>();
            prop_assert_eq!(up(&sorted), up(&naive));
        }
    }

    /// 4c. The byte order is the `str` order of the upper-cased names, on any strings.
    #[test]
    fn byte_order_is_str_order(a in any::<String>(), b in any::<String>()) {
        prop_assert_eq!(
            SortOrder::Byte.compare(&a, &b),
            a.to_ascii_uppercase().cmp(&b.to_ascii_uppercase())
        );
    }

    /// 5. Encoding a set as a form then parsing it gives the set back.
    #[test]
    fn form_round_trips(
        names in vec("[ -~]{1,10}", 0..10),
        utf8 in vec(utf8_value(), 10),
        latin1 in vec(latin1_value(), 10),
        cp1252 in vec(windows1252_value(), 10),
    ) {
        let names: Vec<String> = names
            .into_iter()
            .filter(|n| !n.contains(['=', '&']))
            .collect();
        for (transport, values) in [
            (TransportCharset::Utf8, &utf8),
            (TransportCharset::Iso8859_1, &latin1),
            (TransportCharset::Windows1252, &cp1252),
        ] {
            let pairs = dedupe(names.iter().cloned().zip(values.iter().cloned()).collect());
            let params = Params::try_from_pairs(pairs.clone()).unwrap();
            let form = params.to_form(transport).unwrap();
            prop_assert_eq!(&form, &naive_form(&pairs, transport));
            let back = Params::parse_form(form.as_bytes(), transport);
            prop_assert_eq!(back.as_ref(), Ok(&params), "{} {:?}", transport, form);
        }
    }

    /// 6. Any changed hex digit or hashed value breaks `verify`; the case of the hex does not.
    #[test]
    fn any_change_breaks_verification(
        (charset, pass, pairs) in charset_case(10),
        (algorithm, order, kind) in (
            algorithm(),
            select(ORDERS.to_vec()),
            select(vec![ListKind::ShaIn, ListKind::ShaOut, ListKind::All]),
        ),
        order_id in "[A-Za-z0-9]{1,8}",
        digit_at in any::<Index>(),
        new_digit in 0u32..15,
        value_at in any::<Index>(),
        char_at in any::<Index>(),
        replacement in any::<char>(),
        case_bits in any::<u64>(),
    ) {
        // No signature names: SHASIGN is added below. ORDERID is on every list used here, so at
        // least one value is hashed.
        let mut pairs: Vec<(String, String)> = pairs
            .into_iter()
            .filter(|(n, _)| {
                let n = n.to_ascii_uppercase();
                n != "SHASIGN" && n != "SHASIGNATURE.SHASIGN"
            })
            .collect();
        match pairs
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case("ORDERID"))
        {
            Some((_, v)) if v.is_empty() => *v = order_id,
            Some(_) => {}
            None => pairs.push(("orderID".into(), order_id)),
        }
        let params = Params::try_from_pairs(pairs.clone()).unwrap();
        let s = signer(&pass, algorithm, kind, order, charset);
        let hex = s.sign(&params).unwrap().to_string();
        prop_assert_eq!(s.verify(&params, &hex), Ok(()));

        // (c) either case, or a mix, verifies.
        prop_assert_eq!(s.verify(&params, &hex.to_ascii_lowercase()), Ok(()));
        let mixed = recase(&hex, case_bits);
        prop_assert_eq!(s.verify(&params, &mixed), Ok(()));

        // (a) another hex digit in one place: mismatch, also through SHASIGN.
        let at = digit_at.index(hex.len());
        let old = hex[at..=at].chars().next().unwrap().to_digit(16).unwrap();
        let new = if new_digit >= old { new_digit + 1 } else { new_digit };
        let new = char::from_digit(new, 16).unwrap();
        let mut flipped = hex.clone();
        flipped.replace_range(at..=at, &new.to_string());
        prop_assert_eq!(s.verify(&params, &flipped), Err(Error::Mismatch));
        let mut carried = params.clone();
        carried.insert("SHASIGN", flipped).unwrap();
        prop_assert_eq!(s.verify_shasign(&carried), Err(Error::Mismatch));
        let mut carried = params.clone();
        carried.insert("ShaSign", mixed).unwrap();
        prop_assert_eq!(s.verify_shasign(&carried), Ok(()));

        // (b) one character of one hashed value changed: mismatch.
        let kept = naive_kept(&pairs, kind, order);
        prop_assert!(!kept.is_empty());
        let (name, value) = &kept[value_at.index(kept.len())];
        let chars: Vec<char> = value.chars().collect();
        let i = char_at.index(chars.len());
        let replacement = match charset {
            Charset::Utf8 => replacement,
            Charset::Iso8859_1 => char::from(u8::try_from(u32::from(replacement) % 256).unwrap()),
            other => unimplemented!("no naive model of {other:?} yet"),
        };
        let replacement = if replacement == chars[i] {
            if chars[i] == 'x' { 'y' } else { 'x' }
        } else {
            replacement
        };
        let changed: String = chars
            .iter()
            .enumerate()
            .map(|(j, &c)| if j == i { replacement } else { c })
            .collect();
        let tampered = Params::try_from_pairs(pairs.iter().map(|(n, v)| {
            if n.eq_ignore_ascii_case(name) { (n.clone(), changed.clone()) } else { (n.clone(), v.clone()) }
        }))
        .unwrap();
        prop_assert_eq!(tampered.get(name), Some(changed.as_str()));
        prop_assert_eq!(s.verify(&tampered, &hex), Err(Error::Mismatch));
    }

    /// 7a. `parse_form` never panics on arbitrary bytes.
    #[test]
    fn parse_form_never_panics_on_bytes(
        bytes in prop_oneof![
            vec(any::<u8>(), 0..256),
            vec(select(b"aZ09=&%+?.%2E%C3%A9%E9%81".to_vec()), 0..64),
        ],
    ) {
        for transport in [TransportCharset::Utf8, TransportCharset::Iso8859_1, TransportCharset::Windows1252] {
            let _ = Params::parse_form(&bytes, transport);
        }
    }

    /// 7b. `parse_form` never panics on arbitrary strings; what it accepts round-trips.
    #[test]
    fn parse_form_never_panics_on_strings(
        s in prop_oneof![any::<String>(), "[a-zA-Z0-9=&%+?. ]{0,40}", "([A-Za-z]{1,3}=(%[0-9A-Fa-f]{2}|[a-z+]){0,4}&?){0,6}"],
    ) {
        for transport in [TransportCharset::Utf8, TransportCharset::Iso8859_1, TransportCharset::Windows1252] {
            if let Ok(params) = Params::parse_form(s.as_bytes(), transport) {
                let form = params.to_form(transport).unwrap();
                prop_assert_eq!(Params::parse_form(form.as_bytes(), transport), Ok(params));
            }
        }
    }

    /// 7c. `Signature::parse_hex` never panics; a wrong length (in characters) is
    /// `SignatureLength`, a right one with a non-hex character `SignatureNotHex`.
    #[test]
    fn parse_hex_never_panics(
        s in prop_oneof![
            any::<String>(),
            "[0-9a-fA-F]{0,130}",
            "[0-9a-fA-F]{39,41}|[0-9a-fA-F]{63,65}|[0-9a-fA-F]{127,129}",
            "[0-9a-fA-F]{20}[g-zé😀 ][0-9a-fA-F]{19}",
            "[0-9a-fA-F]{30}[g-zé😀 ][0-9a-fA-F]{33}",
            "[0-9a-fA-F]{100}[g-zé😀 ][0-9a-fA-F]{27}",
        ],
    ) {
        for algorithm in HashAlgorithm::ALL {
            let expected = algorithm.hex_len();
            let found = s.chars().count();
            match Signature::parse_hex(algorithm, &s) {
                Ok(sig) => {
                    prop_assert!(found == expected && s.bytes().all(|b| b.is_ascii_hexdigit()));
                    prop_assert_eq!(sig.to_string(), s.to_ascii_uppercase());
                }
                Err(Error::SignatureLength { expected: e, found: f }) => {
                    prop_assert_ne!(found, expected);
                    prop_assert_eq!((e, f), (expected, found));
                }
                Err(Error::SignatureNotHex) => {
                    prop_assert_eq!(found, expected);
                    prop_assert!(!s.bytes().all(|b| b.is_ascii_hexdigit()));
                }
                Err(other) => prop_assert!(false, "unexpected {:?}", other),
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// 8. Every entry of a built-in list is on it, in any case, with `*XX*` as any run of
    /// digits; with a letter or nothing in place of the digits, only if that name is itself an
    /// entry. The signer hashes such a name.
    #[test]
    fn list_entries_are_on_their_list(
        kind in select(ListKind::ALL_KINDS.into_iter().filter(|k| *k != ListKind::All).collect::<Vec<_>>()),
        entry_at in any::<Index>(),
        digits in "[0-9]{1,4}",
        bits in any::<u64>(),
    ) {
        let entries = kind.entries();
        let entry = entries[entry_at.index(entries.len())];
        let list = AllowList::new(kind);
        let name = recase(&entry.replace(DIGITS_PLACEHOLDER, &digits), bits);
        prop_assert!(list.contains(&name), "{:?} {}", kind, name);
        for other in ["", "X"] {
            let bare = entry.replace(DIGITS_PLACEHOLDER, other);
            if bare != entry && !bare.is_empty() && !bare.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert_eq!(list.contains(&bare), entries.contains(&bare.as_str()), "{}", bare);
            }
        }
        let params = Params::try_from_pairs([(name.as_str(), "v")]).unwrap();
        let s = signer("key", HashAlgorithm::Sha1, kind, SortOrder::Ingenico, Charset::Utf8);
        let explained = s.explain(&params);
        prop_assert_eq!(explained.kept(), [name.to_ascii_uppercase()]);
    }

    /// 9a. `AllowList::contains` says what the signer hashes (names up to the 100-byte cap).
    #[test]
    fn contains_agrees_with_signer(
        name in "[A-Za-z_.][A-Za-z0-9_.]{0,99}",
        kind in select(ListKind::ALL_KINDS.to_vec()),
        add in any::<bool>(),
    ) {
        contains_agrees(&name, kind, add)?;
    }

    /// 9b. A name over the 100-byte cap is no parameter name: refused by `insert` and `add`,
    /// on no list.
    #[test]
    fn names_over_the_cap_are_refused(
        name in "[A-Za-z_.][A-Za-z0-9_.]{100,299}",
        kind in select(ListKind::ALL_KINDS.to_vec()),
    ) {
        let too_long = |e: &ogone::Error| matches!(e, ogone::Error::InvalidName { reason, .. } if reason.contains("100 bytes"));
        let mut list = AllowList::new(kind);
        prop_assert!(list.add(&name).is_err_and(|e| too_long(&e)));
        prop_assert!(Params::try_from_pairs([(name.as_str(), "v")]).is_err_and(|e| too_long(&e)));
        prop_assert!(!list.contains(&name));
        prop_assert!(!AllowList::new(ListKind::All).contains(&name));
    }
}

fn contains_agrees(name: &str, kind: ListKind, add: bool) -> Result<(), TestCaseError> {
    let mut list = AllowList::new(kind);
    if add {
        list.add(name).unwrap();
    }
    let params = Params::try_from_pairs([(name, "v")]).unwrap();
    let s = Signer::sha_in(Passphrase::new("key"), HashAlgorithm::Sha1).with_list(list.clone());
    let hashed = !s.explain(&params).kept().is_empty();
    prop_assert_eq!(
        list.contains(name),
        hashed,
        "{:?} add={} {}",
        kind,
        add,
        name
    );
    Ok(())
}
