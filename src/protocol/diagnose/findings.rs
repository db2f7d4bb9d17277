//! The findings when something matched: what the matching combinations do differently from
//! the reference (order, list, charset, scheme), as [`Hint`]s.

use alloc::string::String;
use alloc::vec::Vec;

use crate::charset::Charset;
use crate::protocol::diagnose::combination::{Combination, list_of};
use crate::protocol::diagnose::hint::Hint;
use crate::signing::builtin_lists::ListKind;
use crate::signing::direction::Direction;
use crate::signing::order::SortOrder;
use crate::signing::params::Params;
use crate::signing::secret::Passphrase;
use crate::signing::signer::Scheme;

/// The names `combination` hashes with a non-empty value, in its order.
fn hashed(params: &Params, passphrase: &Passphrase, combination: &Combination) -> Vec<String> {
    let mut kept = combination
        .signer(passphrase.clone())
        .explain(params)
        .kept()
        .to_vec();
    // The legacy scheme visits its fields whether they are there or not.
    kept.retain(|name| params.get(name).is_some_and(|value| !value.is_empty()));
    kept
}

/// `names` without those in `other`.
fn without(names: &[String], other: &[String]) -> Vec<String> {
    names
        .iter()
        .filter(|name| !other.contains(name))
        .cloned()
        .collect()
}

/// Hints for matches that differ from the reference (Ingenico order, UTF-8, the direction's
/// list, each-parameter scheme): what differs, with the parameters that make the difference.
pub(super) fn differences(
    params: &Params,
    passphrase: &Passphrase,
    matches: &[Combination],
    direction: Direction,
) -> Vec<Hint> {
    let mut hints = Vec::new();
    let each: Vec<&Combination> = matches
        .iter()
        .filter(|c| c.scheme == Scheme::EachParameter)
        .collect();
    match each.first() {
        None => {
            if let Some(first) = matches.first() {
                hints.push(Hint::LegacyScheme {
                    direction: first.direction,
                });
            }
        }
        Some(&&first) => {
            if !each.iter().any(|c| c.order == SortOrder::Ingenico) {
                let ingenico = Combination {
                    order: SortOrder::Ingenico,
                    ..first
                };
                let byte = hashed(params, passphrase, &first);
                let names = hashed(params, passphrase, &ingenico)
                    .into_iter()
                    .enumerate()
                    .filter(|(i, name)| byte.get(*i) != Some(name))
                    .map(|(_, name)| name)
                    .collect();
                hints.push(Hint::Order {
                    direction,
                    found: first.order,
                    names,
                });
            }
            let expected = list_of(direction);
            if !each.iter().any(|c| c.list == expected) {
                // A specific list rather than "all" when one matches.
                let found = each
                    .iter()
                    .find(|c| c.list != ListKind::All)
                    .map_or(first, |&&c| c);
                let reference = Combination {
                    list: expected,
                    direction: expected.direction(),
                    ..found
                };
                let found_names = hashed(params, passphrase, &found);
                let expected_names = hashed(params, passphrase, &reference);
                let ingenico_order = |mut names: Vec<String>| {
                    names.sort_by(|a, b| SortOrder::Ingenico.compare(a, b));
                    names
                };
                hints.push(Hint::List {
                    direction,
                    found: found.list,
                    expected,
                    only_found: ingenico_order(without(&found_names, &expected_names)),
                    only_expected: ingenico_order(without(&expected_names, &found_names)),
                });
            }
        }
    }
    if let Some(first) = matches.first() {
        if !matches.iter().any(|c| c.charset == Charset::Utf8) {
            let mut names: Vec<String> = hashed(params, passphrase, first)
                .into_iter()
                .filter(|name| params.get(name).is_some_and(|value| !value.is_ascii()))
                .collect();
            names.sort_by(|a, b| SortOrder::Ingenico.compare(a, b));
            hints.push(Hint::Charset {
                direction,
                found: first.charset,
                names,
            });
        }
    }
    hints
}
