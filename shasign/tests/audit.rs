//! Runs `shasign audit` end to end: every input and output format, exit codes, the summary,
//! bad records in the middle, keys files with rotated keys, and 100,000 lines in flat memory.
//!
//! The anchor is the guide's SHA-OUT example; the other bodies are made by the library's
//! feedback simulator (what is tested here is the tool: which record says what, in which
//! order, with which key index).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use ogone::simulate::{FeedbackSimulator, Transaction};
use ogone::{Amount, HashAlgorithm, ListKind, ShaOutKey, TransportCharset};
use serde_json::Value;

/// The guide's SHA-OUT passphrase (spec section 1).
const GUIDE_KEY: &str = "Mysecretsig1875!?";

/// Ingenico's e-Commerce guide, SHA-OUT example (spec section 1): SHA-1 with [`GUIDE_KEY`].
const GUIDE_BODY: &str = "ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111\
    &currency=EUR&NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
    &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";

/// Rotated keys of the keys-file tests.
const OLD_KEY: &str = "Retired:2019:key";
const MID_KEY: &str = "Mid-2021-key";
const NEW_KEY: &str = "New-2024-key!";

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_shasign")
}

/// A file of the test's own under the temporary directory.
fn temp(name: &str, contents: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("shasign-audit-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `shasign audit args` with `stdin`, `OGONE_PASSPHRASE` = `key` when given.
fn audit_with(args: &[&str], stdin: &[u8], key: Option<&str>) -> Run {
    let mut command = Command::new(binary());
    command
        .arg("audit")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("OGONE_PASSPHRASE");
    if let Some(key) = key {
        command.env("OGONE_PASSPHRASE", key);
    }
    let mut child = command.spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    // Written by a thread of its own: the tool reads no more than it has room for while its
    // output is not read.
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let run = Run {
        code: output.status.code().expect("killed by a signal"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for secret in [GUIDE_KEY, OLD_KEY, MID_KEY, NEW_KEY, "Retired", "2019:key"] {
        assert!(!run.stdout.contains(secret), "a passphrase in stdout");
        assert!(!run.stderr.contains(secret), "a passphrase in stderr");
    }
    // Standard error is not a terminal here: no progress line.
    assert!(!run.stderr.contains('\r'), "{:?}", run.stderr);
    run
}

fn audit(args: &[&str], stdin: &str) -> Run {
    audit_with(args, stdin.as_bytes(), Some(GUIDE_KEY))
}

/// The JSONL records of a run.
fn records_of(run: &Run) -> Vec<Value> {
    run.stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// `(line, verdict)` of each record.
fn verdicts(records: &[Value]) -> Vec<(u64, String)> {
    records
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["verdict"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn tx(order_id: &str, minor: u64, currency: &str) -> Transaction {
    Transaction::paid(
        order_id,
        "3014726",
        Amount::from_minor_units(minor).unwrap(),
        currency,
    )
}

#[test]
fn lines_every_verdict_in_input_order() {
    let tampered = GUIDE_BODY.replace("STATUS=9", "STATUS=5");
    let input = format!(
        "{GUIDE_BODY}\r\n\n   \n{tampered}\norderID=%zz&STATUS=9&SHASIGN=00\norderID=7\n{GUIDE_BODY}\n"
    );
    let run = audit(&["--algorithm", "sha1"], &input);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // The fields, their order and their nulls, exactly.
    assert_eq!(
        lines[0],
        r#"{"line":1,"verdict":"verified","key":0,"algorithm":"sha1","transport":"utf-8","list":"sha-out","order_id":"12","pay_id":"32100123","status":"9","amount":"15","currency":"EUR","error":null}"#
    );
    assert_eq!(
        lines[1],
        r#"{"line":4,"verdict":"not-authentic","key":null,"algorithm":null,"transport":null,"list":null,"order_id":"12","pay_id":"32100123","status":"5","amount":"15","currency":"EUR","error":"no key, transport charset and list verifies the signature"}"#
    );
    let records = records_of(&run);
    assert_eq!(
        verdicts(&records),
        [
            (1, "verified".into()),
            (4, "not-authentic".into()),
            (5, "malformed".into()),
            (6, "malformed".into()),
            (7, "verified".into()),
        ]
    );
    // A malformed record keeps what it claims and says why.
    assert_eq!(records[2]["status"], "9");
    assert!(records[2]["error"].as_str().unwrap().contains("escape"));
    assert!(records[3]["error"].as_str().unwrap().contains("SHASIGN"));
    assert_eq!(records[3]["order_id"], "7");
}

#[test]
fn all_verified_exits_0_and_the_summary_counts() {
    let key = ShaOutKey::new(NEW_KEY);
    let simulator = FeedbackSimulator::new(&key, HashAlgorithm::Sha256);
    let paid = simulator.body(&tx("A-1", 4250, "EUR")).unwrap();
    let more = simulator.body(&tx("A-2", 1525, "EUR")).unwrap();
    let pounds = simulator.body(&tx("A-3", 999, "GBP")).unwrap();
    let input = format!("{paid}\n{more}\n{pounds}\n");
    let run = audit_with(&["--algorithm", "sha256"], input.as_bytes(), Some(NEW_KEY));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(records_of(&run).len(), 3);
    let summary = &run.stderr;
    assert!(
        summary.starts_with("shasign audit: 3 records in "),
        "{summary}"
    );
    assert!(summary.contains(" s ("), "{summary}");
    assert!(
        summary.contains("  verified: 3, not-authentic: 0, malformed: 0\n"),
        "{summary}"
    );
    assert!(
        summary.contains("  verified by status: 9: 3\n"),
        "{summary}"
    );
    // 42.5 + 15.25 EUR, 9.99 GBP.
    assert!(
        summary.contains("  verified totals by currency: EUR 57.75, GBP 9.99\n"),
        "{summary}"
    );
}

#[test]
fn the_summary_counts_only_verified_amounts_and_statuses() {
    let tampered = GUIDE_BODY.replace("amount=15", "amount=1500");
    let input = format!("{GUIDE_BODY}\n{tampered}\nnot a body\n");
    let run = audit(&["--algorithm", "sha1"], &input);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("  verified: 1, not-authentic: 1, malformed: 1\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("by currency: EUR 15\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn jsonl_input_with_bad_lines_in_the_middle() {
    let input = [
        serde_json::json!({ "id": 1, "body": GUIDE_BODY }).to_string(),
        String::from("{not json"),
        serde_json::json!({ "id": 3, "raw": GUIDE_BODY }).to_string(),
        serde_json::json!({ "body": 42 }).to_string(),
        String::from("[1, 2]"),
        String::new(),
        format!("{}\r", serde_json::json!({ "body": GUIDE_BODY })),
    ]
    .join("\n");
    let run = audit(&["--format", "jsonl", "--algorithm", "sha1"], &input);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let records = records_of(&run);
    assert_eq!(
        verdicts(&records),
        [
            (1, "verified".into()),
            (2, "malformed".into()),
            (3, "malformed".into()),
            (4, "malformed".into()),
            (5, "malformed".into()),
            (7, "verified".into()),
        ]
    );
    assert!(
        records[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("not JSON")
    );
    assert_eq!(records[2]["error"], "no field \"body\"");
    assert_eq!(records[3]["error"], "field \"body\" is not a string");
    assert_eq!(records[4]["error"], "not a JSON object");

    // Another field.
    let run = audit(
        &[
            "--format",
            "jsonl",
            "--body-field",
            "raw",
            "--algorithm",
            "sha1",
        ],
        &input,
    );
    let records = records_of(&run);
    assert_eq!(records[2]["verdict"], "verified");
    assert_eq!(records[0]["error"], "no field \"raw\"");
}

#[test]
fn csv_input_with_a_header_row() {
    let tampered = GUIDE_BODY.replace("orderID=12", "orderID=13");
    // The body column second, quoted (a comma), a short row, a record over two lines.
    let input = format!(
        "id,body,note\n1,{GUIDE_BODY},x\n2\n3,\"{tampered}\",\"two\nlines\"\n4,\"{GUIDE_BODY}\",\r\n"
    );
    let run = audit(&["--format", "csv", "--algorithm", "sha1"], &input);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let records = records_of(&run);
    assert_eq!(
        verdicts(&records),
        [
            (2, "verified".into()),
            (3, "malformed".into()),
            (4, "not-authentic".into()),
            (6, "verified".into()),
        ]
    );
    assert_eq!(records[1]["error"], "the record has no column \"body\"");
    assert_eq!(records[2]["order_id"], "13");

    // --body-column, and a header without it: bad usage.
    let renamed = input.replacen("id,body,note", "id,raw,note", 1);
    let run = audit(
        &[
            "--format",
            "csv",
            "--body-column",
            "raw",
            "--algorithm",
            "sha1",
        ],
        &renamed,
    );
    assert_eq!(records_of(&run).len(), 4);
    let run = audit(&["--format", "csv", "--algorithm", "sha1"], &renamed);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("no column \"body\""), "{}", run.stderr);
    // An empty CSV input: no record.
    let run = audit(&["--format", "csv", "--algorithm", "sha1"], "");
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

/// An unterminated quote would make the rest of the file one CSV record, held whole in
/// memory: past 512 KiB for one record the input is refused (exit 2, as for an input that
/// cannot be read), after the records before it were written.
#[test]
fn an_endless_csv_record_is_refused_not_held() {
    let mut input = format!("body\n{GUIDE_BODY}\n\"");
    input.push_str(&"a".repeat(3_000_000));
    let run = audit(&["--format", "csv", "--algorithm", "sha1"], &input);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a CSV record is longer than 524288 bytes"),
        "{}",
        run.stderr
    );
    assert_eq!(verdicts(&records_of(&run)), [(2, "verified".into())]);
}

#[test]
fn csv_output() {
    let input = format!("{GUIDE_BODY}\norderID=%zz\n");
    let run = audit(&["--output-format", "csv", "--algorithm", "sha1"], &input);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "line,verdict,key,algorithm,transport,list,order_id,pay_id,status,amount,currency,error\n\
         1,verified,0,sha1,utf-8,sha-out,12,32100123,9,15,EUR,\n\
         2,malformed,,,,,,,,,,malformed percent-escape at byte 8\n"
    );
}

#[test]
fn output_and_input_files() {
    let input = temp("in.txt", format!("{GUIDE_BODY}\n").as_bytes());
    let output = std::env::temp_dir().join(format!("shasign-audit-{}-out", std::process::id()));
    let run = audit(
        &[
            "--input",
            input.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
            "--algorithm",
            "sha1",
        ],
        "ignored",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let written = std::fs::read_to_string(&output).unwrap();
    assert!(
        written.starts_with(r#"{"line":1,"verdict":"verified","#),
        "{written}"
    );
    assert_eq!(written.lines().count(), 1);
    // `-` is standard input and standard output.
    let run = audit(
        &["--input", "-", "--output", "-", "--algorithm", "sha1"],
        &format!("{GUIDE_BODY}\n"),
    );
    assert_eq!((run.code, records_of(&run).len()), (0, 1));
    let _ = std::fs::remove_file(input);
    let _ = std::fs::remove_file(output);
}

#[test]
fn exit_2_for_bad_usage_and_unreadable_input() {
    let missing = std::env::temp_dir().join("shasign-audit-no-such-file");
    let run = audit(&["--input", missing.to_str().unwrap()], "");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("shasign: cannot open "),
        "{}",
        run.stderr
    );
    // A directory opens but cannot be read.
    let run = audit(&["--input", std::env::temp_dir().to_str().unwrap()], "");
    assert_eq!(run.code, 2, "{}", run.stderr);
    for args in [
        &["--format", "xml"][..],
        &["--output-format", "lines"],
        &["--transport", "ebcdic"],
        &["--list", "sha-in"],
        &["--threads", "0"],
        &["--algorithm", "md5"],
        &["--algorithm", "sha1", "--keys-file", "k"],
        &["--passphrase", "x"],
    ] {
        let run = audit(args, "");
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    // No passphrase.
    let run = audit_with(&[], GUIDE_BODY.as_bytes(), None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("OGONE_PASSPHRASE is not set"),
        "{}",
        run.stderr
    );
}

#[test]
fn keys_file_with_rotated_keys() {
    let (old, mid, new) = (
        ShaOutKey::new(OLD_KEY),
        ShaOutKey::new(MID_KEY),
        ShaOutKey::new(NEW_KEY),
    );
    let by_old = FeedbackSimulator::new(&old, HashAlgorithm::Sha1)
        .body(&tx("R-1", 100, "EUR"))
        .unwrap();
    let by_mid = FeedbackSimulator::new(&mid, HashAlgorithm::Sha256)
        .body(&tx("R-2", 200, "EUR"))
        .unwrap();
    let by_new = FeedbackSimulator::new(&new, HashAlgorithm::Sha512)
        .body(&tx("R-3", 300, "EUR"))
        .unwrap();
    // Signed with the new key but SHA-256: no key of the file verifies it.
    let by_new_sha256 = FeedbackSimulator::new(&new, HashAlgorithm::Sha256)
        .body(&tx("R-4", 400, "EUR"))
        .unwrap();
    // The passphrase is everything after the first colon (OLD_KEY has colons); a CRLF file,
    // a comment, a blank line.
    let keys =
        format!("# retired 2019\r\nsha1:{OLD_KEY}\r\n\r\nsha256:{MID_KEY}\r\nSHA512:{NEW_KEY}\r\n");
    let keys_file = temp("keys", keys.as_bytes());
    let input = format!("{by_new}\n{by_old}\n{by_mid}\n{by_new_sha256}\n{GUIDE_BODY}\n");
    // OGONE_PASSPHRASE is not used with a keys file.
    let run = audit_with(
        &["--keys-file", keys_file.to_str().unwrap()],
        input.as_bytes(),
        Some(GUIDE_KEY),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let records = records_of(&run);
    let found: Vec<(&str, Value, Value)> = records
        .iter()
        .map(|r| {
            (
                r["verdict"].as_str().unwrap(),
                r["key"].clone(),
                r["algorithm"].clone(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("verified", Value::from(2), Value::from("sha512")),
            ("verified", Value::from(0), Value::from("sha1")),
            ("verified", Value::from(1), Value::from("sha256")),
            ("not-authentic", Value::Null, Value::Null),
            ("not-authentic", Value::Null, Value::Null),
        ]
    );
    let _ = std::fs::remove_file(keys_file);
}

#[test]
fn bad_keys_files_are_refused_without_showing_them() {
    for (name, text, said) in [
        (
            "k-colon",
            format!("sha1:{MID_KEY}\n{NEW_KEY}\n"),
            "line 2: ",
        ),
        ("k-algo", format!("md5:{NEW_KEY}\n"), "line 1: "),
        (
            "k-empty",
            String::from("sha1:\n"),
            "line 1: empty passphrase",
        ),
        ("k-none", String::from("# nothing\n\n"), "holds no key"),
    ] {
        let file = temp(name, text.as_bytes());
        let run = audit(&["--keys-file", file.to_str().unwrap()], GUIDE_BODY);
        assert_eq!(run.code, 2, "{name}");
        assert!(run.stderr.contains(said), "{name}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        let _ = std::fs::remove_file(file);
    }
    let run = audit(&["--keys-file", "/nonexistent/keys"], GUIDE_BODY);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read keys file"),
        "{}",
        run.stderr
    );
}

#[test]
fn transports_and_lists_in_the_order_given() {
    let key = ShaOutKey::new(NEW_KEY);
    let mut paid = tx("Lefèvre-1", 4250, "EUR");
    paid.extra.push(("CN".into(), "Zoë Lefèvre".into()));
    let cp1252 = FeedbackSimulator::new(&key, HashAlgorithm::Sha256)
        .with_transport(TransportCharset::Windows1252)
        .body(&paid)
        .unwrap();
    let fields = [
        ("Alias.AliasId", "A1"),
        ("Alias.OrderId", "WEB-5"),
        ("Alias.Status", "0"),
    ]
    .map(|(n, v)| (n.to_string(), v.to_string()));
    let flex = FeedbackSimulator::new(&key, HashAlgorithm::Sha256)
        .with_list(ListKind::FlexCheckoutOut)
        .body_of(&fields)
        .unwrap();
    let input = format!("{cp1252}\n{flex}\n");
    let run = audit_with(&["--algorithm", "sha256"], input.as_bytes(), Some(NEW_KEY));
    let records_default = records_of(&run);
    assert_eq!(records_default[0]["transport"], "windows-1252");
    assert_eq!(records_default[0]["order_id"], "Lefèvre-1");
    assert_ne!(records_default[1]["verdict"], "verified");

    let run = audit_with(
        &[
            "--algorithm",
            "sha256",
            "--transport",
            "utf-8",
            "--list",
            "sha-out",
            "--list",
            "flexcheckout-out",
        ],
        input.as_bytes(),
        Some(NEW_KEY),
    );
    let records = records_of(&run);
    // %E8 is not UTF-8: with UTF-8 alone the Windows-1252 body does not read.
    assert_eq!(records[0]["verdict"], "malformed");
    assert_eq!(records[1]["verdict"], "verified");
    assert_eq!(records[1]["list"], "flexcheckout-out");
    assert_eq!(records[1]["order_id"], "WEB-5");
}

#[test]
fn a_line_too_long_is_one_malformed_record() {
    let long = format!("orderID=1&COM={}&SHASIGN=00", "x".repeat(70_000));
    let input = format!("{GUIDE_BODY}\n{long}\n{GUIDE_BODY}\n");
    let run = audit(&["--algorithm", "sha1"], &input);
    let records = records_of(&run);
    assert_eq!(
        verdicts(&records),
        [
            (1, "verified".into()),
            (2, "malformed".into()),
            (3, "verified".into()),
        ]
    );
    assert_eq!(records[1]["error"], "line is longer than 65536 bytes");
}

#[test]
fn many_threads_keep_the_input_order() {
    let tampered = GUIDE_BODY.replace("STATUS=9", "STATUS=5");
    let mut input = String::new();
    let mut expected = Vec::new();
    for i in 1..=5_000u64 {
        match i % 7 {
            0 => input.push_str(&tampered),
            3 => input.push_str("orderID=%zz"),
            _ => input.push_str(GUIDE_BODY),
        }
        input.push('\n');
        expected.push(match i % 7 {
            0 => (i, String::from("not-authentic")),
            3 => (i, String::from("malformed")),
            _ => (i, String::from("verified")),
        });
    }
    for threads in ["1", "4"] {
        let run = audit(&["--algorithm", "sha1", "--threads", threads], &input);
        assert_eq!(verdicts(&records_of(&run)), expected, "--threads {threads}");
    }
}

/// The peak resident memory of `shasign audit` (VmHWM, kB) over `lines` input lines, sampled
/// from /proc while it runs; the output is read and dropped.
#[cfg(target_os = "linux")]
fn peak_memory_kb(lines: usize) -> u64 {
    let key = ShaOutKey::new(NEW_KEY);
    let simulator = FeedbackSimulator::new(&key, HashAlgorithm::Sha256);
    let bodies: Vec<String> = (0..64)
        .map(|i| {
            simulator
                .body(&tx(&format!("M-{i}"), 1000 + i, "EUR"))
                .unwrap()
        })
        .collect();
    let mut child = Command::new(binary())
        .args(["audit", "--algorithm", "sha256", "--threads", "2"])
        .env("OGONE_PASSPHRASE", NEW_KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for i in 0..lines {
            stdin
                .write_all(bodies[i % bodies.len()].as_bytes())
                .unwrap();
            stdin.write_all(b"\n").unwrap();
        }
    });
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        let (mut bytes, mut newlines) = (0usize, 0usize);
        loop {
            let n = stdout.read(&mut buf).unwrap();
            if n == 0 {
                return (bytes, newlines);
            }
            bytes += n;
            newlines += buf[..n].iter().filter(|&&b| b == b'\n').count();
        }
    });
    let mut peak = 0u64;
    loop {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kb);
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    writer.join().unwrap();
    let (_, newlines) = reader.join().unwrap();
    assert_eq!(newlines, lines);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(
        stderr.contains(&format!("verified: {lines}, not-authentic: 0")),
        "{stderr}"
    );
    assert!(peak > 0, "VmHWM never read");
    peak
}

#[cfg(target_os = "linux")]
#[test]
fn memory_stays_flat_over_100_000_lines() {
    let small = peak_memory_kb(20_000);
    let large = peak_memory_kb(100_000);
    eprintln!("peak RSS: {small} kB for 20,000 lines, {large} kB for 100,000 lines");
    // 50 times the input, at most a few MB more (allocator noise), and under 50 MB.
    assert!(large < small + 8 * 1024, "{small} kB then {large} kB");
    assert!(large < 50 * 1024, "{large} kB");
}
