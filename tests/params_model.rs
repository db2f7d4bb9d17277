//! `Params` against a naive model of its rules, as csv-core and memchr test their fast paths.
//!
//! The model is a plain `Vec` of `(NAME, value)` pairs: insert upper-cases the name, refuses an
//! invalid one and one already there (compared after upper-casing, by a linear search), and
//! never sorts; the orders are computed when asked, by sorting a copy with a comparator written
//! here from the spec (its own tokenizer for the Ingenico order). Random sequences of inserts,
//! removals and lookups, over a small pool of names in random case (so duplicates and the names
//! the two orders disagree on come up often), must leave `Params` and the model agreeing on
//! everything: errors, `len`, `get`, `contains`, `remove`, `iter`, `iter_in` in both orders,
//! equality, `parse_form` of the same pairs, and what `Signer::sign` hashes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::cmp::Ordering;

use ogone::{
    Error, HashAlgorithm, ListKind, Params, Passphrase, Signer, SortOrder, TransportCharset,
    hash_bytes,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Names the orders disagree on, numbered fields, prefixes of each other, punctuation.
const POOL: [&str; 20] = [
    "ORDERID",
    "AMOUNT",
    "ITEMNAME2",
    "ITEMNAME10",
    "ITEMNAME02",
    "ITEM_COUNT",
    "ITEMID1",
    "SCO_CATEGORY",
    "SCORING",
    "ALIAS",
    "ALIAS.ALIASID",
    "ALIASUSAGE",
    "A1",
    "A01",
    "A-B",
    "A/B",
    "SHASIGN",
    "PSWD",
    "X9Y",
    "X10Y",
];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Token {
    Underscore,
    Dot,
    Punct(u8),
    /// Value without leading zeros (by length, then digits), then the run's length.
    Number(usize, Vec<u8>, usize),
    Letter(u8),
}

fn tokens(name: &str) -> Vec<Token> {
    let bytes = name.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let run = &bytes[start..i];
            let value: Vec<u8> = run.iter().copied().skip_while(|&d| d == b'0').collect();
            out.push(Token::Number(value.len(), value, run.len()));
            continue;
        }
        out.push(match b {
            b'_' => Token::Underscore,
            b'.' => Token::Dot,
            b if b.is_ascii_alphabetic() => Token::Letter(b),
            b => Token::Punct(b),
        });
        i += 1;
    }
    out
}

fn naive_compare(order: SortOrder, a: &str, b: &str) -> Ordering {
    match order {
        SortOrder::Byte => a.as_bytes().cmp(b.as_bytes()),
        _ => tokens(a).cmp(&tokens(b)),
    }
}

fn valid(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_control() && b != b'=' && b != b'&')
}

/// The model: pairs in insertion order.
#[derive(Debug, Default, Clone)]
struct Model(Vec<(String, String)>);

impl Model {
    fn insert(&mut self, name: &str, value: &str) -> Result<(), &'static str> {
        if !valid(name) {
            return Err("invalid");
        }
        let upper = name.to_ascii_uppercase();
        if self.0.iter().any(|(n, _)| *n == upper) {
            return Err("duplicate");
        }
        self.0.push((upper, value.to_string()));
        Ok(())
    }

    fn get(&self, name: &str) -> Option<&str> {
        let upper = name.to_ascii_uppercase();
        self.0
            .iter()
            .find(|(n, _)| *n == upper)
            .map(|(_, v)| v.as_str())
    }

    fn remove(&mut self, name: &str) -> Option<String> {
        let upper = name.to_ascii_uppercase();
        let at = self.0.iter().position(|(n, _)| *n == upper)?;
        Some(self.0.remove(at).1)
    }

    fn sorted(&self, order: SortOrder) -> Vec<(String, String)> {
        let mut pairs = self.0.clone();
        pairs.sort_by(|a, b| naive_compare(order, &a.0, &b.0));
        pairs
    }

    /// The string `Signer::sign` hashes with `ListKind::All` (every name but the signatures),
    /// UTF-8, each-parameter scheme.
    fn string_to_sign(&self, order: SortOrder, key: &str) -> String {
        self.sorted(order)
            .into_iter()
            .filter(|(n, v)| !v.is_empty() && n != "SHASIGN")
            .map(|(n, v)| format!("{n}={v}{key}"))
            .collect()
    }
}

#[derive(Debug, Clone)]
enum Op {
    Insert(String, String),
    Remove(String),
}

fn any_case(name: &'static str) -> impl Strategy<Value = String> {
    any::<u32>().prop_map(move |case| {
        name.chars()
            .enumerate()
            .map(|(i, c)| {
                if case >> (i % 32) & 1 == 1 {
                    c.to_ascii_lowercase()
                } else {
                    c
                }
            })
            .collect()
    })
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(POOL.to_vec()).prop_flat_map(any_case),
        1 => "[A-Za-z0-9_.]{1,6}",
        1 => select(vec!["", "A=B", "A&B", "A\nB", "É"]).prop_map(String::from),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (name(), select(vec!["", "1", "x y", "café", "a=b&c", "%41"]))
            .prop_map(|(n, v)| Op::Insert(n, v.to_string())),
        1 => name().prop_map(Op::Remove),
    ]
}

/// Everything a reader can see agrees.
fn agree(params: &Params, model: &Model) -> Result<(), TestCaseError> {
    prop_assert_eq!(params.len(), model.0.len());
    prop_assert_eq!(params.is_empty(), model.0.is_empty());
    for order in [SortOrder::Ingenico, SortOrder::Byte] {
        let got: Vec<(String, String)> = params
            .iter_in(order)
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        prop_assert_eq!(got, model.sorted(order), "{:?}", order);
    }
    let iter: Vec<(String, String)> = params
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    prop_assert_eq!(iter, model.sorted(SortOrder::Ingenico));
    for name in POOL {
        for asked in [name.to_string(), name.to_ascii_lowercase()] {
            prop_assert_eq!(params.get(&asked), model.get(&asked));
            prop_assert_eq!(params.contains(&asked), model.get(&asked).is_some());
        }
    }
    // The same pairs inserted in reverse order make an equal set.
    let reversed = Params::try_from_pairs(model.0.iter().rev().map(|(n, v)| (n, v.as_str())));
    prop_assert_eq!(reversed.as_ref(), Ok(params));
    // What the signer hashes, in both orders.
    for order in [SortOrder::Ingenico, SortOrder::Byte] {
        let signer = Signer::sha_in(Passphrase::new("k3y!"), HashAlgorithm::Sha256)
            .with_list(ListKind::All)
            .with_order(order);
        let expected = hash_bytes(
            HashAlgorithm::Sha256,
            model.string_to_sign(order, "k3y!").as_bytes(),
        );
        prop_assert_eq!(signer.sign(params).unwrap(), expected, "{:?}", order);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn params_agree_with_the_model(ops in proptest::collection::vec(op(), 0..40)) {
        let mut params = Params::new();
        let mut model = Model::default();
        for op in ops {
            match op {
                Op::Insert(name, value) => {
                    let got = params.insert(&name, value.as_str());
                    let expected = model.insert(&name, &value);
                    match expected {
                        Ok(()) => prop_assert_eq!(got, Ok(())),
                        Err("duplicate") => prop_assert_eq!(got, Err(Error::DuplicateName(name.to_ascii_uppercase().into()))),
                        Err(_) => prop_assert!(matches!(got, Err(Error::InvalidName { .. })), "{:?}", got),
                    }
                }
                Op::Remove(name) => prop_assert_eq!(params.remove(&name), model.remove(&name)),
            }
            agree(&params, &model)?;
        }
    }

    /// `parse_form` of pairs: the model's set, or the duplicate the model finds first in
    /// Ingenico order.
    #[test]
    fn parse_form_agrees_with_the_model(
        pairs in proptest::collection::vec((select(POOL.to_vec()).prop_flat_map(any_case), select(vec!["", "1", "x y", "café"])), 0..30),
    ) {
        let body: String = pairs
            .iter()
            .map(|(n, v)| format!("{n}={}", v.replace(' ', "+").replace('é', "%C3%A9")))
            .collect::<Vec<_>>()
            .join("&");
        let got = Params::parse_form(body.as_bytes(), TransportCharset::Utf8);
        let mut uppers: Vec<String> = pairs.iter().map(|(n, _)| n.to_ascii_uppercase()).collect();
        uppers.sort_by(|a, b| naive_compare(SortOrder::Ingenico, a, b));
        let duplicate = uppers.windows(2).find(|w| w[0] == w[1]).map(|w| w[0].clone());
        match duplicate {
            Some(name) => prop_assert_eq!(got, Err(Error::DuplicateName(name.into()))),
            None => {
                let mut model = Model::default();
                for (n, v) in &pairs {
                    model.insert(n, v).unwrap();
                }
                agree(&got.unwrap(), &model)?;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `try_from_pairs` (which appends every pair and sorts once) answers what inserting the
    /// pairs one by one answers: the same set, or the same first error (a duplicate or an
    /// invalid name, whichever one-by-one insertion meets first).
    #[test]
    fn try_from_pairs_agrees_with_inserting_one_by_one(
        pairs in proptest::collection::vec((name(), select(vec!["", "1", "x y", "café"])), 0..30),
    ) {
        let got = Params::try_from_pairs(pairs.iter().map(|(n, v)| (n.as_str(), *v)));
        let mut one_by_one = Params::new();
        let expected = pairs
            .iter()
            .try_for_each(|(n, v)| one_by_one.insert(n, *v))
            .map(|()| one_by_one);
        prop_assert_eq!(got, expected);
    }
}
