//! `ogone::diagnose` against the spec's published vectors, and against cases built by hand whose
//! digests are computed here independently of the signer (string built by hand, `hash_bytes`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ogone::{
    Charset, Combination, Direction, HashAlgorithm, Hint, ListKind, Params, Passphrase, Scheme,
    SortOrder, diagnose, diagnose_feedback, diagnose_request, hash_bytes,
};

const KEY: &str = "Mysecretsig1875!?";

/// Ingenico's e-Commerce guide, SHA-IN example (spec section 1).
fn sha_in_params() -> Params {
    Params::try_from_pairs([
        ("AMOUNT", "1500"),
        ("CURRENCY", "EUR"),
        ("LANGUAGE", "en_US"),
        ("ORDERID", "1234"),
        ("PSPID", "MyPSPID"),
    ])
    .unwrap()
}

/// Digests of [`sha_in_params`]. Source: Ingenico's e-Commerce guide, via spec section 1.
const SHA_IN_SHA1: &str = "F4CC376CD7A834D997B91598FA747825A238BE0A";
const SHA_IN_SHA256: &str = "E019359BAA3456AE5A986B6AABD22CF1B3E09438739E97F17A7F61DF5A11B30F";
const SHA_IN_SHA512: &str = "D1CFE8833A297D0922E908B2B44934B09EE966EF1584DC0D696304E07BB58BA71973C2383C831D878D8A243BB7D7DFFFBE53CEE21955CDFEF44FE82E551F859D";

/// Ingenico's e-Commerce guide, SHA-OUT example (spec section 1), names as the feedback sends
/// them.
fn sha_out_params() -> Params {
    Params::try_from_pairs([
        ("ACCEPTANCE", "1234"),
        ("amount", "15"),
        ("BRAND", "VISA"),
        ("CARDNO", "XXXXXXXXXXXX1111"),
        ("currency", "EUR"),
        ("NCERROR", "0"),
        ("orderID", "12"),
        ("PAYID", "32100123"),
        ("PM", "CreditCard"),
        ("STATUS", "9"),
    ])
    .unwrap()
}

/// SHA-1 of [`sha_out_params`]. Source: Ingenico's e-Commerce guide, via spec section 1.
const SHA_OUT_SHA1: &str = "209113288F93A9AB8E474EA78D899AFDBB874355";

/// DirectLink guide example (spec section 1) and its SHA-1.
fn direct_link_params() -> Params {
    Params::try_from_pairs([
        ("amount", "1500"),
        ("currency", "EUR"),
        ("Operation", "RES"),
        ("orderID", "1234"),
        ("PSPID", "MyPSPID"),
    ])
    .unwrap()
}
const DIRECT_LINK_SHA1: &str = "EB52902BCC4B50DC1250E5A7C1068ECF97751256";

fn key() -> Passphrase {
    Passphrase::new(KEY)
}

/// Whether `matches` holds the each-parameter combination of these fields.
fn has(
    matches: &[Combination],
    algorithm: HashAlgorithm,
    list: ListKind,
    order: SortOrder,
    charset: Charset,
) -> bool {
    matches.iter().any(|c| {
        c.scheme == Scheme::EachParameter
            && c.algorithm == algorithm
            && c.list == list
            && c.order == order
            && c.charset == charset
    })
}

#[test]
fn sha_in_example_every_algorithm() {
    let params = sha_in_params();
    for (algorithm, digest) in [
        (HashAlgorithm::Sha1, SHA_IN_SHA1),
        (HashAlgorithm::Sha256, SHA_IN_SHA256),
        (HashAlgorithm::Sha512, SHA_IN_SHA512),
    ] {
        let d = diagnose(&params, &key(), digest);
        assert!(d.is_match(), "{algorithm}: {d}");
        assert_eq!(d.algorithm(), Some(algorithm));
        assert!(d.matches().iter().all(|c| c.algorithm == algorithm));
        assert!(has(
            d.matches(),
            algorithm,
            ListKind::ShaIn,
            SortOrder::Ingenico,
            Charset::Utf8
        ));
        // ASCII only, no numbered fields: both orders and both charsets agree.
        assert!(has(
            d.matches(),
            algorithm,
            ListKind::ShaIn,
            SortOrder::Byte,
            Charset::Iso8859_1
        ));
        // LANGUAGE is not a SHA-OUT name: that list gives another string.
        assert!(d.matches().iter().all(|c| c.list != ListKind::ShaOut));
        assert!(
            d.matches()
                .iter()
                .all(|c| c.scheme == Scheme::EachParameter)
        );
        assert_eq!(d.hints(), [], "defaults match: nothing to change");
        assert_eq!(d.matches()[0].direction, Direction::In);
        assert_eq!(
            d.matches()[0].to_string(),
            format!("{algorithm}, sha-in list, ingenico order, utf-8")
        );
    }
}

#[test]
fn lower_case_signature_is_fine() {
    let d = diagnose(&sha_in_params(), &key(), &SHA_IN_SHA1.to_ascii_lowercase());
    assert!(d.is_match());
    assert_eq!(d.hints(), []);
}

#[test]
fn sha_out_example() {
    let d = diagnose(&sha_out_params(), &key(), SHA_OUT_SHA1);
    assert!(d.is_match(), "{d}");
    assert!(has(
        d.matches(),
        HashAlgorithm::Sha1,
        ListKind::ShaOut,
        SortOrder::Ingenico,
        Charset::Utf8
    ));
    let first = d.matches()[0];
    assert_eq!(first.direction, Direction::Out);
    assert_eq!(
        first.to_string(),
        "sha1, sha-out list, ingenico order, utf-8"
    );
    assert_eq!(d.hints(), []);
    // The combination turns back into a signer that verifies.
    first
        .signer(key())
        .verify(&sha_out_params(), SHA_OUT_SHA1)
        .unwrap();
    let text = d.to_string();
    // Both orders, both charsets, the sha-out and all lists: eight matches, one line.
    assert_eq!(
        text,
        "8 combinations match:\n  sha1, sha-out or all list, any order, any charset"
    );
}

#[test]
fn sha_out_example_with_shasign_inside_is_the_same() {
    let mut params = sha_out_params();
    params.insert("SHASIGN", SHA_OUT_SHA1).unwrap();
    assert_eq!(
        diagnose(&params, &key(), SHA_OUT_SHA1),
        diagnose(&sha_out_params(), &key(), SHA_OUT_SHA1)
    );
}

#[test]
fn direct_link_example() {
    let d = diagnose(&direct_link_params(), &key(), DIRECT_LINK_SHA1);
    assert!(has(
        d.matches(),
        HashAlgorithm::Sha1,
        ListKind::ShaIn,
        SortOrder::Ingenico,
        Charset::Utf8
    ));
    assert_eq!(d.hints(), []);
}

#[test]
fn wrong_passphrase_nothing_matches_and_passphrase_hint_first() {
    for params in [sha_in_params(), sha_out_params()] {
        let d = diagnose(&params, &Passphrase::new("Mysecretsig1875!"), SHA_OUT_SHA1);
        assert!(!d.is_match());
        assert_eq!(d.matches(), []);
        assert_eq!(d.hints()[0], Hint::WrongPassphrase);
        assert!(d.tried() > 0);
        let text = d.to_string();
        assert!(text.starts_with("no combination matches"), "{text}");
        assert!(text.contains("likely causes:"), "{text}");
    }
}

#[test]
fn trailing_space_in_passphrase() {
    let d = diagnose(
        &sha_out_params(),
        &Passphrase::new(format!("{KEY} ")),
        SHA_OUT_SHA1,
    );
    assert!(d.is_match(), "{d}");
    assert!(d.passphrase_trimmed());
    assert_eq!(d.hints(), [Hint::PassphraseWhitespace]);
    assert_eq!(
        d.hints()[0].to_string(),
        "the passphrase has leading/trailing white space; the trimmed one matches"
    );
    // Not with a passphrase that is wrong once trimmed.
    let d = diagnose(&sha_out_params(), &Passphrase::new(" wrong "), SHA_OUT_SHA1);
    assert!(!d.is_match());
    assert!(!d.hints().contains(&Hint::PassphraseWhitespace));
}

#[test]
fn byte_order_only() {
    let params = Params::try_from_pairs([
        ("AMOUNT", "1500"),
        ("ITEMNAME2", "pen"),
        ("ITEMNAME10", "ink"),
        ("ORDERID", "7"),
    ])
    .unwrap();
    // Built by hand in byte order: "ITEMNAME10" < "ITEMNAME2".
    let text = format!("AMOUNT=1500{KEY}ITEMNAME10=ink{KEY}ITEMNAME2=pen{KEY}ORDERID=7{KEY}");
    let digest = hash_bytes(HashAlgorithm::Sha256, text.as_bytes()).to_string();
    let d = diagnose(&params, &key(), &digest);
    assert!(d.is_match(), "{d}");
    assert!(
        d.matches().iter().all(|c| c.order == SortOrder::Byte),
        "{d}"
    );
    assert!(has(
        d.matches(),
        HashAlgorithm::Sha256,
        ListKind::ShaIn,
        SortOrder::Byte,
        Charset::Utf8
    ));
    // A request (the matches are on the SHA-IN list): Ogone's order is the reference.
    assert_eq!(d.direction(), Direction::In);
    let names = vec!["ITEMNAME2".to_owned(), "ITEMNAME10".to_owned()];
    assert_eq!(
        d.hints(),
        [Hint::Order {
            direction: Direction::In,
            found: SortOrder::Byte,
            names: names.clone()
        }]
    );
    assert_eq!(
        d.hints()[0].to_string(),
        "the signature sorts names by bytes, not as Ogone does: ITEMNAME2 and ITEMNAME10 change \
         places (Ogone sorts numbered names by their number, and `_` and `.` before letters); \
         the fix belongs in the signer that made the signature (SortOrder::Ingenico, this \
         crate's default, sorts as Ogone does)"
    );
    assert_eq!(d, diagnose_request(&params, &key(), &digest));
    // Both charsets and the sha-in and all lists give the same string: one line.
    assert_eq!(d.matches().len(), 4);
    assert_eq!(
        d.to_match_lines(),
        ["sha256, sha-in or all list, byte order, any charset"]
    );
    // The same signature on feedback: the verifier is what to configure.
    let d = diagnose_feedback(&params, &key(), &digest);
    assert_eq!(d.direction(), Direction::Out);
    assert_eq!(
        d.hints()[0],
        Hint::Order {
            direction: Direction::Out,
            found: SortOrder::Byte,
            names
        }
    );
    assert_eq!(
        d.hints()[0].to_string(),
        "the feedback is signed with names sorted by bytes: ITEMNAME2 and ITEMNAME10 change \
         places; verify with SortOrder::Byte"
    );
    // The Ingenico-ordered digest matches Ingenico order only.
    let text = format!("AMOUNT=1500{KEY}ITEMNAME2=pen{KEY}ITEMNAME10=ink{KEY}ORDERID=7{KEY}");
    let digest = hash_bytes(HashAlgorithm::Sha256, text.as_bytes()).to_string();
    let d = diagnose(&params, &key(), &digest);
    assert!(d.is_match());
    assert!(d.matches().iter().all(|c| c.order == SortOrder::Ingenico));
    assert_eq!(d.hints(), []);
}

#[test]
fn iso_8859_1_only() {
    let params = Params::try_from_pairs([("AMOUNT", "1500"), ("CN", "café")]).unwrap();
    // Latin-1 bytes by hand: é is 0xE9.
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"AMOUNT=1500");
    bytes.extend_from_slice(KEY.as_bytes());
    bytes.extend_from_slice(b"CN=caf\xE9");
    bytes.extend_from_slice(KEY.as_bytes());
    let digest = hash_bytes(HashAlgorithm::Sha1, &bytes).to_string();
    let d = diagnose(&params, &key(), &digest);
    assert!(d.is_match(), "{d}");
    assert!(
        d.matches().iter().all(|c| c.charset == Charset::Iso8859_1),
        "{d}"
    );
    assert!(has(
        d.matches(),
        HashAlgorithm::Sha1,
        ListKind::ShaIn,
        SortOrder::Ingenico,
        Charset::Iso8859_1
    ));
    let com = vec!["CN".to_owned()];
    assert_eq!(
        d.hints(),
        [Hint::Charset {
            direction: Direction::In,
            found: Charset::Iso8859_1,
            names: com.clone()
        }]
    );
    let sentence = d.hints()[0].to_string();
    assert!(
        sentence.starts_with(
            "the signature hashes ISO-8859-1 and the value of CN has other bytes in UTF-8"
        ),
        "{sentence}"
    );
    assert!(
        sentence.contains("the fix belongs in the signer"),
        "{sentence}"
    );
    // Only the value that is not ASCII is named; AMOUNT is the same in both charsets.
    assert_eq!(
        d.to_match_lines(),
        ["sha1, sha-in, sha-out or all list, any order, iso-8859-1"]
    );
    let d = diagnose_feedback(&params, &key(), &digest);
    assert_eq!(
        d.hints(),
        [Hint::Charset {
            direction: Direction::Out,
            found: Charset::Iso8859_1,
            names: com
        }]
    );
    assert_eq!(
        d.hints()[0].to_string(),
        "the feedback is hashed in ISO-8859-1 (the value of CN has other bytes in UTF-8): \
         verify with Charset::Iso8859_1"
    );
    // The UTF-8 digest of the same string matches UTF-8 only.
    let text = format!("AMOUNT=1500{KEY}CN=café{KEY}");
    let digest = hash_bytes(HashAlgorithm::Sha1, text.as_bytes()).to_string();
    let d = diagnose(&params, &key(), &digest);
    assert!(
        d.matches().iter().all(|c| c.charset == Charset::Utf8),
        "{d}"
    );
    assert!(d.is_match());
}

#[test]
fn unencodable_value_skips_iso_8859_1_without_error() {
    let params = Params::try_from_pairs([("COM", "10€")]).unwrap();
    let text = format!("COM=10€{KEY}");
    let digest = hash_bytes(HashAlgorithm::Sha1, text.as_bytes()).to_string();
    let d = diagnose(&params, &key(), &digest);
    assert!(d.is_match());
    assert!(d.matches().iter().all(|c| c.charset == Charset::Utf8));
}

#[test]
fn legacy_scheme() {
    // Spec section 4: SHA-OUT legacy is ORDERID CURRENCY AMOUNT PM ACCEPTANCE STATUS CARDNO
    // PAYID NCERROR BRAND, then the passphrase.
    let text = format!("12EUR15CreditCard12349XXXXXXXXXXXX1111321001230VISA{KEY}");
    let digest = hash_bytes(HashAlgorithm::Sha1, text.as_bytes()).to_string();
    let d = diagnose(&sha_out_params(), &key(), &digest);
    assert!(d.is_match(), "{d}");
    assert!(
        d.matches()
            .iter()
            .all(|c| c.scheme == Scheme::LegacyMainParameters && c.direction == Direction::Out)
    );
    assert_eq!(d.direction(), Direction::Out);
    assert_eq!(
        d.hints(),
        [Hint::LegacyScheme {
            direction: Direction::Out
        }]
    );
    assert!(
        d.hints()[0]
            .to_string()
            .ends_with("verify with Scheme::LegacyMainParameters")
    );
    assert_eq!(
        d.matches()[0].to_string(),
        "sha1, legacy sha-out main parameters, utf-8"
    );
    assert_eq!(
        d.to_match_lines(),
        ["sha1, legacy sha-out main parameters, any charset"]
    );
}

#[test]
fn other_list_hint() {
    // MYFIELD is on no built-in list; a sender that hashes everything includes it.
    let params = Params::try_from_pairs([("ORDERID", "1"), ("MYFIELD", "x")]).unwrap();
    let text = format!("MYFIELD=x{KEY}ORDERID=1{KEY}");
    let digest = hash_bytes(HashAlgorithm::Sha1, text.as_bytes()).to_string();
    let d = diagnose(&params, &key(), &digest);
    assert!(d.matches().iter().all(|c| c.list == ListKind::All), "{d}");
    assert_eq!(
        d.hints(),
        [Hint::List {
            direction: Direction::In,
            found: ListKind::All,
            expected: ListKind::ShaIn,
            only_found: vec!["MYFIELD".to_owned()],
            only_expected: vec![],
        }]
    );
    let sentence = d.hints()[0].to_string();
    assert!(
        sentence.starts_with(
            "the signature hashes every parameter, not the sha-in list: MYFIELD is hashed, which \
             the sha-in list leaves out; "
        ),
        "{sentence}"
    );
    assert!(
        sentence.contains("the fix belongs in the signer"),
        "{sentence}"
    );
    let d = diagnose_feedback(&params, &key(), &digest);
    assert_eq!(
        d.hints(),
        [Hint::List {
            direction: Direction::Out,
            found: ListKind::All,
            expected: ListKind::ShaOut,
            only_found: vec!["MYFIELD".to_owned()],
            only_expected: vec![],
        }]
    );
    assert!(
        d.hints()[0]
            .to_string()
            .contains("verify with ListKind::All")
    );
}

/// An Alias Gateway result with every name of `lists/alias_gateway_out.txt` (spec section 2;
/// values made up; no published result vector was looked for yet), its SHA-1 computed by hand
/// below.
#[test]
fn alias_gateway_result_is_feedback_on_its_own_list() {
    let params = Params::try_from_pairs([
        ("Alias", "CUST-0042"),
        ("BRAND", "VISA"),
        ("CARDNO", "XXXXXXXXXXXX1111"),
        ("CN", "John Doe"),
        ("CVC", "XXX"),
        ("ED", "0928"),
        ("NCError", "0"),
        ("NCErrorCardNo", "0"),
        ("NCErrorCN", "0"),
        ("NCErrorCVC", "0"),
        ("NCErrorED", "0"),
        ("orderID", "WEB-1001"),
        ("status", "0"),
        ("StorePermanently", "Y"),
    ])
    .unwrap();
    let text: String = params
        .iter()
        .map(|(name, value)| format!("{name}={value}{KEY}"))
        .collect();
    let digest = hash_bytes(HashAlgorithm::Sha1, text.as_bytes()).to_string();
    let d = diagnose(&params, &key(), &digest);
    assert!(has(
        d.matches(),
        HashAlgorithm::Sha1,
        ListKind::AliasGatewayOut,
        SortOrder::Ingenico,
        Charset::Utf8
    ));
    assert_eq!(d.direction(), Direction::Out);
    let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        d.hints(),
        [Hint::List {
            direction: Direction::Out,
            found: ListKind::AliasGatewayOut,
            expected: ListKind::ShaOut,
            only_found: names(&[
                "CVC",
                "NCERRORCARDNO",
                "NCERRORCN",
                "NCERRORCVC",
                "NCERRORED",
                "STOREPERMANENTLY"
            ]),
            only_expected: vec![],
        }]
    );
    assert!(
        d.hints()[0]
            .to_string()
            .ends_with("verify with ListKind::AliasGatewayOut")
    );
    assert_eq!(
        d.to_match_lines(),
        ["sha1, alias-gateway-out or all list, any order, any charset"]
    );
}

#[test]
fn direction_follows_the_matches() {
    assert_eq!(
        diagnose(&sha_in_params(), &key(), SHA_IN_SHA1).direction(),
        Direction::In
    );
    assert_eq!(
        diagnose(&sha_out_params(), &key(), SHA_OUT_SHA1).direction(),
        Direction::Out
    );
    // Nothing matches: a request, the tool's first use.
    assert_eq!(
        diagnose(&sha_out_params(), &Passphrase::new("wrong"), SHA_OUT_SHA1).direction(),
        Direction::In
    );
    // Given, it stays as given.
    assert_eq!(
        diagnose_request(&sha_out_params(), &key(), SHA_OUT_SHA1).direction(),
        Direction::In
    );
    // The reference list is the direction's: the SHA-OUT example read as a request matches
    // the sha-out list only, so the list is what differs.
    let d = diagnose_request(&sha_out_params(), &key(), SHA_OUT_SHA1);
    assert!(
        matches!(
            &d.hints()[0],
            Hint::List {
                found: ListKind::ShaOut,
                expected: ListKind::ShaIn,
                ..
            }
        ),
        "{d}"
    );
    let text = d.to_string();
    assert!(
        text.contains("hints (a request: Ogone's rules are the reference):"),
        "{text}"
    );
    let text = diagnose_feedback(&sha_out_params(), &key(), SHA_OUT_SHA1).to_string();
    assert!(!text.contains("hints"), "{text}");
}

#[test]
fn malformed_signatures_try_nothing() {
    let d = diagnose(&sha_in_params(), &key(), &SHA_IN_SHA1[..39]);
    assert!(!d.is_match());
    assert_eq!(d.tried(), 0);
    assert_eq!(d.algorithm(), None);
    assert_eq!(d.hints(), [Hint::SignatureLength { found: 39 }]);
    assert!(d.hints()[0].to_string().contains("39 characters"));
    let d = diagnose(&sha_in_params(), &key(), "");
    assert_eq!(d.hints(), [Hint::SignatureLength { found: 0 }]);
    let not_hex = format!("{}Z", &SHA_IN_SHA1[..39]);
    let d = diagnose(&sha_in_params(), &key(), &not_hex);
    assert_eq!((d.tried(), d.hints()), (0, &[Hint::SignatureNotHex][..]));
    let d = diagnose(&sha_in_params(), &key(), &format!(" {SHA_IN_SHA1}"));
    assert_eq!(d.hints(), [Hint::SignatureNotHex]);
    let d = diagnose(&sha_in_params(), &key(), "é");
    assert_eq!(d.hints(), [Hint::SignatureNotHex]);
}

#[test]
fn likely_causes_are_computed_from_the_params_in_order() {
    let params = Params::try_from_pairs([
        ("AMOUNT", "1500"),
        ("COM", " padded"),
        ("CN", "Zoë"),
        ("EMAIL", "a+b@example.com"),
        ("ITEMNAME2", "x"),
        ("ITEMNAME10", "caf%C3%A9"),
        ("NEWFIELD", "1"),
        ("OWNERZIP", ""),
        ("SCO_CATEGORY", "1"),
        ("SCORING", "2"),
        ("SHASIGN", SHA_IN_SHA1),
    ])
    .unwrap();
    let d = diagnose(&params, &key(), SHA_IN_SHA1);
    assert!(!d.is_match());
    let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        d.hints(),
        [
            Hint::WrongPassphrase,
            Hint::NotOnAnyList {
                names: names(&["NEWFIELD"])
            },
            Hint::NonAscii {
                names: names(&["CN"])
            },
            Hint::SurroundingWhitespace {
                names: names(&["COM"])
            },
            Hint::EncodedSequences {
                names: names(&["EMAIL", "ITEMNAME10"])
            },
            Hint::OrderSensitive {
                names: names(&["ITEMNAME2", "ITEMNAME10", "SCO_CATEGORY", "SCORING"])
            },
            Hint::EmptyDropped {
                names: names(&["OWNERZIP"])
            },
        ]
    );
    // Deterministic.
    assert_eq!(d, diagnose(&params, &key(), SHA_IN_SHA1));
    for hint in d.hints() {
        let sentence = hint.to_string();
        assert!(!sentence.contains('\n'), "{sentence}");
        assert!(!sentence.contains("padded") && !sentence.contains("Zoë"));
    }
    let text = d.to_string();
    assert!(text.contains("AllowList::add"), "{text}");
    assert!(text.contains("SCO_CATEGORY"), "{text}");
}
