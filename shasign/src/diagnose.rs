//! `diagnose`: every way of signing tried against the signature the other side computed, and
//! the hints in the words of this tool.

use std::io::Write;

use ogone::{
    Charset, Combination, Direction, Error, Hint, ListKind, Params, Passphrase, Scheme, Signer,
    SortOrder, diagnose, diagnose_feedback, diagnose_request,
};

use crate::cli::Options;
use crate::failure::{Failure, bad_line, describe};
use crate::sets::direction;

/// Diagnoses one set and prints the result. Returns whether some combination matches.
pub fn diagnose_set(
    options: &Options,
    signer: &Signer,
    passphrase: &Passphrase,
    params: &Params,
    line_no: usize,
    out: &mut impl Write,
) -> Result<bool, Failure> {
    let expected = match (
        options.expect.as_deref(),
        params.get("SHASIGN"),
        params.get("SHASIGNATURE.SHASIGN"),
    ) {
        (Some(expect), _, _) => expect,
        (None, Some(_), Some(_)) => {
            return Err(bad_line(
                line_no,
                describe(&Error::TwoSignatures, signer.algorithm()),
            ));
        }
        (None, Some(one), None) | (None, None, Some(one)) => one,
        (None, None, None) => {
            return Err(bad_line(
                line_no,
                "no --expect, and no SHASIGN (nor SHASIGNATURE.SHASIGN) in the set to diagnose",
            ));
        }
    };
    let diagnosis = if options.list_given {
        match direction(options) {
            Direction::In => diagnose_request(params, passphrase, expected),
            Direction::Out => diagnose_feedback(params, passphrase, expected),
        }
    } else {
        diagnose(params, passphrase, expected)
    };
    if diagnosis.algorithm().is_none() {
        // A malformed SHASIGN in the set (a bad --expect is refused before reading input).
        let message = diagnosis
            .hints()
            .first()
            .map_or_else(|| String::from("malformed SHASIGN"), ToString::to_string);
        return Err(bad_line(line_no, format!("SHASIGN: {message}")));
    }
    // The first line of the library's summary (how many match), then the matches, then the
    // hints in the words of this tool.
    let summary = diagnosis.to_string();
    writeln!(
        out,
        "line {line_no}: {}",
        summary.lines().next().unwrap_or_default()
    )?;
    for line in diagnosis.to_match_lines() {
        writeln!(out, "    {line}")?;
    }
    if !diagnosis.hints().is_empty() {
        let heading = match (diagnosis.is_match(), diagnosis.direction()) {
            (false, _) => "likely causes:",
            (true, Direction::In) => "hints (a request: Ogone's rules are the reference):",
            (true, Direction::Out) => "hints (feedback: the received signature is the reference):",
        };
        writeln!(out, "  {heading}")?;
        for hint in diagnosis.hints() {
            writeln!(out, "    - {}", hint_words(hint))?;
        }
    }
    if options.configured {
        let configured = describe_signer(signer);
        let among = diagnosis.matches().iter().any(|c| is_configured(c, signer));
        let verdict = if among { "is" } else { "is not" };
        writeln!(
            out,
            "  your configured combination ({configured}) {verdict} among the matches"
        )?;
    }
    Ok(diagnosis.is_match())
}

/// `A`, `A and B` or `A, B and C`.
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// What one list hashes and the other not.
fn list_difference(expected: ListKind, only_found: &[String], only_expected: &[String]) -> String {
    let verb = |names: &[String]| if names.len() == 1 { "is" } else { "are" };
    let expected = expected.as_str();
    let mut parts = Vec::new();
    if !only_found.is_empty() {
        parts.push(format!(
            "{} {} hashed, which the {expected} list leaves out",
            and_list(only_found),
            verb(only_found)
        ));
    }
    if !only_expected.is_empty() {
        parts.push(format!(
            "{} {} left out, which the {expected} list hashes",
            and_list(only_expected),
            verb(only_expected)
        ));
    }
    parts.join("; ")
}

/// A hint in the words of this tool: its options rather than the library's Rust names. The
/// library's sentence for the hints that name nothing to configure.
fn hint_words(hint: &Hint) -> String {
    let places = |names: &[String]| match names {
        [] => String::from("names change places"),
        [one] => format!("{one} moves"),
        _ => format!("{} change places", and_list(names)),
    };
    let values = |names: &[String]| match names {
        [] => String::from("a value"),
        [one] => format!("the value of {one}"),
        _ => format!("the values of {}", and_list(names)),
    };
    let order_words = |order: SortOrder| match order {
        SortOrder::Byte => "by bytes",
        _ => "in Ingenico order",
    };
    let charset_words = |charset: Charset| match charset {
        Charset::Iso8859_1 => ("ISO-8859-1", "UTF-8", Charset::Utf8),
        _ => ("UTF-8", "ISO-8859-1", Charset::Iso8859_1),
    };
    let list_words = |list: ListKind| match list {
        ListKind::All => String::from("every parameter"),
        other => format!("the {} list", other.as_str()),
    };
    match hint {
        Hint::Order {
            direction: Direction::In,
            found,
            names,
        } => format!(
            "the signature sorts names {}, not as Ogone does: {} (Ogone sorts numbered names by \
             their number, and `_` and `.` before letters); the fix belongs in the signer that \
             made the signature (`shasign sign` with the default --order ingenico gives Ogone's \
             signature)",
            order_words(*found),
            places(names)
        ),
        Hint::Order {
            direction: Direction::Out,
            found,
            names,
        } => format!(
            "the feedback is signed with names sorted {}: {}; verify with --order {}",
            order_words(*found),
            places(names),
            found.as_str()
        ),
        Hint::Charset {
            direction: Direction::In,
            found,
            names,
        } => {
            let (found_words, other_words, other) = charset_words(*found);
            format!(
                "the signature hashes {found_words} and {} has other bytes in {other_words}: \
                 Ogone hashes ISO-8859-1 on its plain pages and UTF-8 on the _utf8 ones; post to \
                 a page that hashes {found_words}, or the fix belongs in the signer that made \
                 the signature (--charset {other})",
                values(names)
            )
        }
        Hint::Charset {
            direction: Direction::Out,
            found,
            names,
        } => {
            let (found_words, other_words, _) = charset_words(*found);
            format!(
                "the feedback is hashed in {found_words} ({} has other bytes in {other_words}): \
                 verify with --charset {found}",
                values(names)
            )
        }
        Hint::List {
            direction: Direction::In,
            found,
            expected,
            only_found,
            only_expected,
        } => {
            let advice = if *found == ListKind::All {
                format!(
                    "Ogone hashes only the names on its list, so the fix belongs in the signer \
                     that made the signature (`shasign sign` with --list {} gives Ogone's \
                     signature)",
                    expected.as_str()
                )
            } else {
                format!(
                    "unless {} is the list of this flow, the fix belongs in the signer that made \
                     the signature",
                    found.as_str()
                )
            };
            format!(
                "the signature hashes {}, not the {} list: {}; {advice}",
                list_words(*found),
                expected.as_str(),
                list_difference(*expected, only_found, only_expected)
            )
        }
        Hint::List {
            direction: Direction::Out,
            found,
            expected,
            only_found,
            only_expected,
        } => format!(
            "the feedback is signed with {}, not the {} list: {}; verify with --list {}",
            list_words(*found),
            expected.as_str(),
            list_difference(*expected, only_found, only_expected),
            found.as_str()
        ),
        Hint::LegacyScheme {
            direction: Direction::In,
        } => String::from(
            "the signature uses the pre-2010 \"main parameters only\" scheme (sha-in fields): \
             Ogone checks requests so only for accounts set up that way; otherwise the fix \
             belongs in the signer that made the signature (`shasign sign` without --legacy)",
        ),
        Hint::LegacyScheme {
            direction: Direction::Out,
        } => String::from(
            "the feedback is signed with the pre-2010 \"main parameters only\" scheme (sha-out \
             fields): verify with --legacy --list sha-out",
        ),
        Hint::NotOnAnyList { names } => format!(
            "on no built-in list, so not hashed unless the sender hashes all: {} (the sender may \
             hash them from a newer list: try --list all)",
            names.join(", ")
        ),
        other => other.to_string(),
    }
}

/// Whether `combination` is the one `signer` is configured with.
fn is_configured(combination: &Combination, signer: &Signer) -> bool {
    let common = combination.algorithm == signer.algorithm()
        && combination.charset == signer.charset()
        && combination.scheme == signer.scheme();
    match signer.scheme() {
        Scheme::LegacyMainParameters => common && combination.direction == signer.direction(),
        _ => {
            common
                && combination.list == signer.list().kind()
                && combination.order == signer.order()
        }
    }
}

/// A signer's configuration, in the words of [`Combination`]'s `Display`.
fn describe_signer(signer: &Signer) -> String {
    match signer.scheme() {
        Scheme::LegacyMainParameters => format!(
            "{}, legacy {} main parameters, {}",
            signer.algorithm(),
            match signer.direction() {
                Direction::In => "sha-in",
                Direction::Out => "sha-out",
            },
            signer.charset()
        ),
        _ => format!(
            "{}, {} list, {} order, {}",
            signer.algorithm(),
            signer.list().kind().as_str(),
            signer.order().as_str(),
            signer.charset()
        ),
    }
}
