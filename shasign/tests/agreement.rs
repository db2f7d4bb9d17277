//! `shasign sign`, `explain` and `verify` agree on random parameter sets for every list, sort
//! order, charset and scheme (issue 10): the digest `sign` prints is the hash of the string
//! `explain` shows (hashed here with the `sha1` / `sha2` crates, not with `ogone`), it is the
//! digest `explain` prints, `verify` accepts it and rejects it changed, and `diagnose` configured
//! the same way finds that combination among the matches.
//!
//! The tool is a subprocess: each proptest case is one batch of sets, one set per line of one
//! standard input, run once per combination and subcommand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use proptest::prelude::*;
use sha2::Digest as _;

const KEY: &str = "Mysecretsig1875!?";

const LISTS: [&str; 7] = [
    "sha-in",
    "sha-out",
    "alias-gateway-in",
    "alias-gateway-out",
    "flexcheckout-in",
    "flexcheckout-out",
    "all",
];
const ORDERS: [&str; 2] = ["ingenico", "byte"];
const CHARSETS: [&str; 2] = ["utf-8", "iso-8859-1"];
const ALGORITHMS: [&str; 3] = ["sha1", "sha256", "sha512"];

/// Names on the lists (the legacy fields of both directions among them), names whose place
/// depends on the sort order, and names on no list.
const NAMES: &[&str] = &[
    "ORDERID",
    "AMOUNT",
    "CURRENCY",
    "PSPID",
    "PM",
    "ACCEPTANCE",
    "STATUS",
    "CARDNO",
    "PAYID",
    "NCERROR",
    "BRAND",
    "LANGUAGE",
    "COM",
    "CN",
    "CVC",
    "ED",
    "ALIAS",
    "NCERRORCN",
    "STOREPERMANENTLY",
    "ITEMNAME1",
    "ITEMNAME2",
    "ITEMNAME10",
    "SCO_CATEGORY",
    "SCORING",
    "ALIAS.ALIASID",
    "CARD.BRAND",
    "ACCOUNT.PSPID",
    "PARAMPLUS",
    "MYFIELD",
];

/// The binary of this package, which cargo builds for its integration tests (with the
/// features of the test run).
fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_shasign")
}

/// Runs `shasign args` with `stdin`; returns the exit status and standard output.
fn shasign(args: &[&str], stdin: &str) -> (i32, String) {
    let mut child = Command::new(binary())
        .args(args)
        .env("OGONE_PASSPHRASE", KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    // Warnings ("no parameter is hashed") are fine; errors are not.
    assert!(
        stderr.lines().all(|l| l.contains("warning")),
        "{args:?}: {stderr}"
    );
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

/// Every byte but ASCII letters and digits as `%XX` (UTF-8).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A parameter set as one form-encoded line: names unique once upper-cased, some in lower case.
fn set() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        3 => proptest::sample::select(NAMES).prop_map(str::to_owned),
        1 => "[A-Z][A-Z0-9_.]{0,8}",
    ];
    // Latin-1 only, so that both charsets can hash it; no control characters, no `<`.
    let value = "[a-zA-Z0-9 +%&=/.éüßÀ-]{0,8}";
    proptest::collection::vec((name, value, any::<bool>()), 1..10).prop_map(|pairs| {
        let mut unique = BTreeMap::new();
        for (name, value, lower) in pairs {
            if name != "SHASIGN" && name != "SHASIGNATURE.SHASIGN" {
                let spelled = if lower {
                    name.to_ascii_lowercase()
                } else {
                    name.clone()
                };
                unique.entry(name).or_insert((spelled, value));
            }
        }
        let line: Vec<String> = unique
            .into_values()
            .map(|(name, value)| format!("{}={}", encode(&name), encode(&value)))
            .collect();
        line.join("&")
    })
}

/// The string `explain` shows, with the passphrase put back and its escapes (`\\<`, `\\\\`)
/// undone; `None` when it redacted a secret value (a card number, a CVC, a password), which
/// cannot be put back.
fn unredact(redacted: &str) -> Option<String> {
    let mut text = String::new();
    let mut chars = redacted.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => text.push(chars.next()?),
            '<' => {
                let marker: String = chars.by_ref().take_while(|&c| c != '>').collect();
                if marker != "passphrase" {
                    return None;
                }
                text.push_str(KEY);
            }
            _ => text.push(c),
        }
    }
    Some(text)
}

/// The hex digest of `text` (the string to sign, passphrase included), hashed in `charset`.
fn digest_of(text: String, charset: &str, algorithm: &str) -> String {
    let bytes: Vec<u8> = match charset {
        "utf-8" => text.into_bytes(),
        _ => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect(),
    };
    let digest: Vec<u8> = match algorithm {
        "sha1" => sha1::Sha1::digest(&bytes).to_vec(),
        "sha256" => sha2::Sha256::digest(&bytes).to_vec(),
        _ => sha2::Sha512::digest(&bytes).to_vec(),
    };
    digest.iter().map(|b| format!("{b:02X}")).collect()
}

/// Checks one combination on a batch of sets.
fn agree(sets: &[String], flags: &[&str], charset: &str, algorithm: &str) {
    let input = sets.join("\n");
    let sign_args = [&["sign"], flags].concat();
    let (code, signed) = shasign(&sign_args, &input);
    assert_eq!(code, 0, "{flags:?}");
    let signed: Vec<&str> = signed.lines().collect();
    assert_eq!(signed.len(), sets.len(), "{flags:?}");

    let (code, explained) = shasign(&[&["explain"], flags].concat(), &input);
    assert_eq!(code, 0, "{flags:?}");
    let mut lines = explained.lines().filter(|l| !l.starts_with("  dropped "));
    // Whether each set has anything hashed but the passphrase.
    let mut hashed = Vec::new();
    for (i, digest) in signed.iter().enumerate() {
        let head = lines.next().unwrap();
        let (label, redacted) = head.split_once(": ").unwrap();
        hashed.push(!redacted.is_empty() && redacted != "<passphrase>");
        assert_eq!(label, format!("line {}", i + 1), "{flags:?}");
        if let Some(text) = unredact(redacted) {
            assert_eq!(
                digest_of(text, charset, algorithm),
                *digest,
                "{flags:?}: sign and the string explain shows disagree on {}",
                sets[i]
            );
        }
        assert_eq!(
            lines.next().unwrap(),
            format!("  {algorithm}: {digest}"),
            "{flags:?}"
        );
    }
    assert_eq!(lines.next(), None);

    let with_signature: Vec<String> = sets
        .iter()
        .zip(&signed)
        .map(|(set, digest)| format!("{set}&SHASIGN={digest}"))
        .collect();
    let (code, verified) = shasign(&[&["verify"], flags].concat(), &with_signature.join("\n"));
    // A set of which nothing is hashed is never verified (its digest is a public constant).
    let expected: String = hashed
        .iter()
        .map(|&h| if h { "ok\n" } else { "not signed\n" })
        .collect();
    let all_hashed = hashed.iter().all(|&h| h);
    assert_eq!(
        (code, verified),
        (if all_hashed { 0 } else { 1 }, expected),
        "{flags:?}"
    );
    // diagnose, configured the same way, finds that combination among the matches of each set
    // that has something hashed.
    let signed_sets: Vec<&String> = with_signature
        .iter()
        .zip(&hashed)
        .filter_map(|(set, &h)| h.then_some(set))
        .collect();
    let signed_input: Vec<&str> = signed_sets.iter().map(|s| s.as_str()).collect();
    let (code, diagnosed) = shasign(&[&["diagnose"], flags].concat(), &signed_input.join("\n"));
    assert_eq!(code, 0, "{flags:?}");
    let among = diagnosed
        .lines()
        .filter(|l| l.starts_with("  your configured combination ("))
        .filter(|l| l.ends_with(") is among the matches"))
        .count();
    assert_eq!(among, signed_sets.len(), "{flags:?}: {diagnosed}");
    let changed: Vec<String> = sets
        .iter()
        .zip(&signed)
        .map(|(set, digest)| {
            let last = if digest.ends_with('0') { '1' } else { '0' };
            format!("{set}&SHASIGN={}{last}", &digest[..digest.len() - 1])
        })
        .collect();
    let (code, verified) = shasign(&[&["verify"], flags].concat(), &changed.join("\n"));
    let expected: String = hashed
        .iter()
        .map(|&h| if h { "mismatch\n" } else { "not signed\n" })
        .collect();
    assert_eq!((code, verified), (1, expected), "{flags:?}");
}

proptest! {
    // Each case runs the tool 5 times for each of the 56 combinations (about a second in a debug
    // build). No regression files: an integration test has no `lib.rs` beside it.
    #![proptest_config(ProptestConfig {
        cases: 4,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn sign_explain_and_verify_agree(sets in proptest::collection::vec(set(), 30)) {
        let mut n = 0usize;
        for list in LISTS {
            for order in ORDERS {
                for charset in CHARSETS {
                    for legacy in [false, true] {
                        let algorithm = ALGORITHMS[n % ALGORITHMS.len()];
                        n += 1;
                        let mut flags = vec![
                            "--list", list, "--order", order, "--charset", charset,
                            "--transport", "utf-8", "--algorithm", algorithm,
                        ];
                        if legacy {
                            flags.push("--legacy");
                        }
                        agree(&sets, &flags, charset, algorithm);
                    }
                }
            }
        }
    }
}
