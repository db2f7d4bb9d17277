//! `Signer::sign_pairs` (issue 19) answers what `Params::try_from_pairs` then `Signer::sign`
//! answer, signature or error, for arbitrary pairs under every signer setting: names in any
//! case, twice, invalid, off the list; empty values; characters the hashing charset lacks;
//! more pairs than the stack holds.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ogone::{
    Charset, Direction, Error, HashAlgorithm, ListKind, Params, Passphrase, Scheme, Signer,
    SortOrder,
};
use proptest::prelude::*;

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "ORDERID", "orderID", "AMOUNT", "amount", "CURRENCY", "PSPID", "CN", "STATUS",
            "PAYID", "ITEMNAME2", "ITEMNAME10", "itemname10", "SHASIGN", "Alias.AliasId",
            "CARD.BRAND", "LANGUAGE", "PM", "BRAND", "NCERROR", "ACCEPTANCE", "CARDNO",
        ])
        .prop_map(String::from),
        4 => "[A-Za-z0-9._]{1,8}",
        // SHA-IN names with more than sixteen bytes in common, which sort by more than
        // their keys (digits past them too).
        3 => prop::sample::select(vec![
            "ECOM_BILLTO_POSTAL_CITY", "ECOM_BILLTO_POSTAL_COUNTRYCODE",
            "ECOM_BILLTO_POSTAL_COUNTY", "ecom_billto_postal_name_first",
            "ECOM_BILLTO_POSTAL_NAME_LAST", "ECOM_BILLTO_POSTAL_STREET_LINE1",
            "ECOM_BILLTO_POSTAL_STREET_LINE2", "Ecom_Billto_Postal_Street_Line3",
            "ECOM_BILLTO_POSTAL_STREET_NUMBER",
        ])
        .prop_map(String::from),
        1 => prop::sample::select(vec!["", "a=b", "x&y", "é", "tab\t"]).prop_map(String::from),
        1 => Just("N".repeat(101)),
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        4 => "[a-z0-9 é€-]{0,8}",
        1 => ".{0,4}",
    ]
}

fn signer() -> impl Strategy<Value = Signer> {
    (
        0..3usize,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0..ListKind::ALL_KINDS.len(),
        "[ -~é€]{0,12}",
    )
        .prop_map(|(alg, out, byte, latin1, legacy, list, passphrase)| {
            let direction = if out { Direction::Out } else { Direction::In };
            let mut signer = Signer::new(
                Passphrase::new(passphrase),
                HashAlgorithm::ALL[alg],
                direction,
            )
            .with_list(ListKind::ALL_KINDS[list]);
            if byte {
                signer = signer.with_order(SortOrder::Byte);
            }
            if latin1 {
                signer = signer.with_charset(Charset::Iso8859_1);
            }
            if legacy {
                signer = signer.with_scheme(Scheme::LegacyMainParameters);
            }
            signer
        })
}

/// What building the set then signing answers.
fn reference(signer: &Signer, pairs: &[(String, String)]) -> Result<ogone::Signature, Error> {
    let params = Params::try_from_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())))?;
    signer.sign(&params)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn sign_pairs_is_build_then_sign(
        signer in signer(),
        pairs in prop::collection::vec((name(), value()), 0..90),
    ) {
        let got = signer.sign_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        prop_assert_eq!(got, reference(&signer, &pairs));
    }

    /// `Params::try_from_pairs` (append all, sort once) refuses what inserting the pairs one by
    /// one refuses: the name whose second coming is the earliest. With a name given three
    /// times, the unstable sort could put its third coming next to its first and report a
    /// later duplicate (found when `sign_pairs`, which finds the true second coming, and
    /// `try_from_pairs` disagreed: `DuplicateName("P")` against `DuplicateName("C6")`).
    #[test]
    fn try_from_pairs_refuses_what_insert_refuses(
        pairs in prop::collection::vec(("[A-Da-d][0-9]?", value()), 0..60),
    ) {
        let mut one_by_one = Params::new();
        let naive = pairs
            .iter()
            .try_for_each(|(n, v)| one_by_one.insert(n, v.as_str()))
            .map(|()| one_by_one);
        let built = Params::try_from_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        prop_assert_eq!(built.map(|p| p.len()), naive.map(|p| p.len()));
    }

    /// Only valid names, mostly distinct: the signatures themselves are compared (an error on
    /// both sides would prove little).
    #[test]
    fn sign_pairs_signs_valid_sets_alike(
        signer in signer(),
        pairs in prop::collection::vec(("[A-Za-z][A-Za-z0-9]{0,6}", value()), 0..80),
    ) {
        let expected = reference(&signer, &pairs);
        let got = signer.sign_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        prop_assert_eq!(got, expected);
    }
}

/// One step of a session's calls: the next pairs, made from the last ones.
fn step(
    pairs: &[(String, String)],
    (kind, at, other, name, value, values): &(
        u8,
        prop::sample::Index,
        prop::sample::Index,
        String,
        String,
        Vec<String>,
    ),
) -> Vec<(String, String)> {
    let mut next = pairs.to_vec();
    let len = next.len();
    match kind {
        // The same names, other values (some empty): what a session replays.
        0..=3 => {
            for (pair, value) in next.iter_mut().zip(values.iter().cycle()) {
                pair.1.clone_from(value);
            }
        }
        // A name changed, given in another case, two swapped, one fewer, one more.
        4 if len > 0 => next[at.index(len)].0.clone_from(name),
        5 if len > 0 => {
            let pair = &mut next[at.index(len)];
            pair.0 = pair.0.to_ascii_lowercase();
        }
        6 if len > 0 => next.swap(at.index(len), other.index(len)),
        7 => {
            next.pop();
        }
        8 => next.push((name.clone(), value.clone())),
        _ => {}
    }
    next
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A session answers each call as `sign_pairs` does, whether the names are the last
    /// call's (replayed) or not (the long way, which then becomes the plan).
    #[test]
    fn a_session_signs_as_sign_pairs(
        signer in signer(),
        first in prop::collection::vec((name(), value()), 0..70),
        steps in prop::collection::vec(
            (
                0..10u8,
                any::<prop::sample::Index>(),
                any::<prop::sample::Index>(),
                name(),
                value(),
                prop::collection::vec(value(), 1..8),
            ),
            1..10,
        ),
    ) {
        let mut session = signer.session();
        let mut pairs = first;
        for (i, s) in steps.iter().enumerate() {
            let expected = signer.sign_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
            let got = session.sign_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
            prop_assert_eq!(got, expected, "call {}", i);
            pairs = step(&pairs, s);
        }
    }

    /// Valid, distinct names on the signer's list, mostly: the signatures themselves are
    /// compared, call after call with the same names.
    #[test]
    fn a_session_replays_valid_sets_alike(
        signer in signer(),
        // List names whose Ingenico and byte orders differ (digit runs, `_`), and others.
        names in prop::collection::btree_set(
            prop_oneof![
                "ITEM(NAME|ID|PRICE)[0-9]{1,2}",
                "ECOM_BILLTO_POSTAL_(CITY|COUNTY|STREET_LINE[1-3]|NAME_FIRST)",
                "(ORDERID|AMOUNT|CURRENCY|PSPID|CN|COM|EMAIL|ALIAS|ALIAS.ALIASID|ACCEPTURL)",
                "[A-Z][A-Z0-9]{0,6}",
            ],
            0..40,
        ),
        // Every hashing charset encodes these: signatures, not errors, are compared.
        values in prop::collection::vec(prop::collection::vec("[a-z0-9 é-]{0,8}", 40), 1..5),
    ) {
        let mut session = signer.session();
        let mut names: Vec<String> = names.into_iter().collect();
        // Not in order: the plan keeps the sorted order.
        names.reverse();
        for (i, values) in values.iter().enumerate() {
            let pairs: Vec<(&str, &str)> =
                names.iter().map(String::as_str).zip(values.iter().map(String::as_str)).collect();
            let expected = signer.sign_pairs(pairs.iter().copied());
            prop_assert_eq!(session.sign_pairs(pairs.iter().copied()), expected, "call {}", i);
        }
    }
}

/// Ingenico's e-Commerce guide, SHA-IN example (spec section 1): signed with SHA-1 and
/// `Mysecretsig1875!?`, `F4CC376CD7A834D997B91598FA747825A238BE0A`.
const GUIDE_PAIRS: [(&str, &str); 5] = [
    ("PSPID", "MyPSPID"),
    ("LANGUAGE", "en_US"),
    ("AMOUNT", "1500"),
    ("ORDERID", "1234"),
    ("CURRENCY", "EUR"),
];

#[test]
fn a_session_replays_the_guide_vector_and_refuses_as_sign_pairs() {
    // Ingenico's e-Commerce guide, SHA-IN example (spec section 1), signed three times: the
    // second and third calls are replays.
    let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    let mut session = signer.session();
    let pairs = GUIDE_PAIRS;
    for _ in 0..3 {
        assert_eq!(
            session.sign_pairs(pairs).unwrap().to_string(),
            "F4CC376CD7A834D997B91598FA747825A238BE0A"
        );
    }
    // Its Debug shows neither the passphrase nor the names remembered.
    let shown = format!("{session:?}");
    assert!(shown.contains("<redacted>"), "{shown}");
    assert!(
        !shown.contains("Mysecretsig") && !shown.contains("PSPID"),
        "{shown}"
    );
    // A value changed gives another signature, the one sign_pairs gives.
    let other = [pairs[0], pairs[1], ("AMOUNT", "1501"), pairs[3], pairs[4]];
    let replayed = session.sign_pairs(other).unwrap();
    assert_ne!(
        replayed.to_string(),
        "F4CC376CD7A834D997B91598FA747825A238BE0A"
    );
    assert_eq!(replayed, signer.sign_pairs(other).unwrap());
    // Errors are sign_pairs' errors, and leave the names remembered as they were.
    let twice = session.sign_pairs([("b", "1"), ("A", "1"), ("B", "2")]);
    assert_eq!(twice, Err(Error::DuplicateName(ogone::FieldName::new("B"))));
    assert_eq!(
        session.sign_pairs(pairs).unwrap().to_string(),
        "F4CC376CD7A834D997B91598FA747825A238BE0A"
    );
    // A value the hashing charset cannot encode, replayed: the same error as sign_pairs.
    let latin1 = signer.clone().with_charset(ogone::Charset::Iso8859_1);
    let mut session = latin1.session();
    let euro = [pairs[0], pairs[1], pairs[2], ("ORDERID", "€1"), pairs[4]];
    assert_eq!(session.sign_pairs(pairs), latin1.sign_pairs(pairs));
    assert_eq!(session.sign_pairs(euro), latin1.sign_pairs(euro));
    assert!(session.sign_pairs(euro).is_err());
}

#[test]
fn guide_vector_and_duplicates_in_arrival_order() {
    // Ingenico's e-Commerce guide, SHA-IN example (spec section 1).
    let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    let pairs = GUIDE_PAIRS;
    assert_eq!(
        signer.sign_pairs(pairs).unwrap().to_string(),
        "F4CC376CD7A834D997B91598FA747825A238BE0A"
    );
    // Three of one name and two of another: the name whose second coming is first.
    let pairs = [("b", "1"), ("A", "1"), ("B", "2"), ("a", "2"), ("b", "3")];
    assert_eq!(
        signer.sign_pairs(pairs),
        Err(Error::DuplicateName(ogone::FieldName::new("B")))
    );
    // A duplicate before an invalid name is reported first; after it, the invalid name.
    let invalid = signer.sign_pairs([("A", "1"), ("a", "2"), ("", "x")]);
    assert!(
        matches!(invalid, Err(Error::DuplicateName(_))),
        "{invalid:?}"
    );
    let invalid = signer.sign_pairs([("A", "1"), ("", "x"), ("a", "2")]);
    assert!(
        matches!(invalid, Err(Error::InvalidName { .. })),
        "{invalid:?}"
    );
}
