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

#[test]
fn guide_vector_and_duplicates_in_arrival_order() {
    // Ingenico's e-Commerce guide, SHA-IN example (spec section 1).
    let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    let pairs = [
        ("PSPID", "MyPSPID"),
        ("LANGUAGE", "en_US"),
        ("AMOUNT", "1500"),
        ("ORDERID", "1234"),
        ("CURRENCY", "EUR"),
    ];
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
