//! `shasign`: sign, verify, explain and diagnose Ogone SHA-IN / SHA-OUT signatures from the
//! command line.
//!
//! The tool to reach for when the payment page says "unknown order/1/s" (a SHA-IN mismatch):
//! it prints the digest, checks a feedback's `SHASIGN`, shows the exact string that is hashed
//! (passphrase redacted) and every parameter left out, with the reason, or tries every way of
//! signing against the signature the other side computed and says which one it used.
//!
//! ```text
//! $ export OGONE_PASSPHRASE='Mysecretsig1875!?'
//! $ echo 'AMOUNT=1500&CURRENCY=EUR&LANGUAGE=en_US&ORDERID=1234&PSPID=MyPSPID' \
//!     | cargo run -q -p shasign -- sign --algorithm sha1
//! F4CC376CD7A834D997B91598FA747825A238BE0A
//! $ echo 'AMOUNT=1500&CURRENCY=EUR&LANGUAGE=en_US&ORDERID=1234&PSPID=MyPSPID&COM=' \
//!     | cargo run -q -p shasign -- explain --algorithm sha1
//! line 1: AMOUNT=1500<passphrase>CURRENCY=EUR<passphrase>LANGUAGE=en_US<passphrase>ORDERID=1234<passphrase>PSPID=MyPSPID<passphrase>
//!   sha1: F4CC376CD7A834D997B91598FA747825A238BE0A
//!   dropped COM: empty
//! $ echo 'ITEMNAME2=pen&ITEMNAME10=ink&AMOUNT=1500' | cargo run -q -p shasign -- \
//!     diagnose --expect A8BBE182E1B2599F298B1C580DD84464B3005873   # a colleague's request
//! line 1: 4 combinations match:
//!     sha1, sha-in or all list, byte order, any charset
//!   hints (a request: Ogone's rules are the reference):
//!     - the signature sorts names by bytes, not as Ogone does: ITEMNAME2 and ITEMNAME10 change places (Ogone sorts numbered names by their number, and `_` and `.` before letters); the fix belongs in the signer that made the signature (`shasign sign` with the default --order ingenico gives Ogone's signature)
//! $ cargo run -q -p shasign -- diagnose < alias-result.txt  # an Alias Gateway result
//! line 1: 8 combinations match:
//!     sha1, alias-gateway-out or all list, any order, any charset
//!   hints (feedback: the received signature is the reference):
//!     - the feedback is signed with the alias-gateway-out list, not the sha-out list: CVC, NCERRORCARDNO, NCERRORCN, NCERRORCVC, NCERRORED and STOREPERMANENTLY are hashed, which the sha-out list leaves out; verify with --list alias-gateway-out
//! ```
//!
//! `diagnose` says which side is right. For a request (SHA-IN) Ogone's rules are the reference:
//! the hints say what the signer that made the signature does differently, and that the fix
//! belongs there. For feedback (SHA-OUT) the received signature is the reference: the hints say
//! which options verify it. The direction is the one of `--list` (the `-out` lists are
//! feedback), or, without `--list`, the one of the lists that match.
//!
#![doc = concat!("```text\n", include_str!("usage.txt"), "```")]
//!
//! Control characters in values (`%0A`, ...) are printed by `explain` as `\u{XX}` so that one
//! set stays on one line.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

use ogone::{
    Charset, Combination, Direction, Error, HashAlgorithm, Hint, ListKind, MAX_FORM_BYTES, Params,
    Passphrase, Scheme, Signer, SortOrder, TransportCharset, diagnose, diagnose_feedback,
    diagnose_request,
};

/// The environment variable holding the passphrase.
const PASSPHRASE_VAR: &str = "OGONE_PASSPHRASE";

/// The `--help` text (the same as in the module documentation).
const USAGE: &str = include_str!("usage.txt");

/// The subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Sign,
    Verify,
    Explain,
    Diagnose,
}

/// Everything the command line says.
#[derive(Debug, Clone)]
struct Options {
    command: Command,
    algorithm: HashAlgorithm,
    list: ListKind,
    order: SortOrder,
    charset: Charset,
    transport: TransportCharset,
    legacy: bool,
    /// diagnose: the signature to diagnose (`None`: each set's own SHASIGN).
    expect: Option<String>,
    /// Whether --algorithm, --list, --order, --charset or --legacy was given.
    configured: bool,
    /// Whether --list was given (diagnose: the direction is then the list's, else the one the
    /// matches point to).
    list_given: bool,
}

/// What the command line asks for.
enum Parsed {
    Help,
    Run(Options),
}

/// Why a run stopped early.
enum Failure {
    /// Bad usage or bad input: the one-line message (without the `shasign: ` prefix).
    Bad(String),
    /// Standard output could not be written.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

fn main() -> ExitCode {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = run(std::env::args_os().skip(1), &mut out);
    let flushed = out.flush();
    let result = result.and_then(|status| flushed.map(|()| status).map_err(Failure::Output));
    match result {
        Ok(status) => status,
        Err(Failure::Bad(message)) => {
            let _ = writeln!(io::stderr(), "shasign: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Output(e)) => {
            // A closed pipe (`shasign sign | head -1`) ends the run quietly.
            if e.kind() != io::ErrorKind::BrokenPipe {
                let _ = writeln!(io::stderr(), "shasign: cannot write output: {e}");
            }
            ExitCode::from(2)
        }
    }
}

/// Parses the arguments, reads the passphrase and processes standard input.
fn run(args: impl Iterator<Item = OsString>, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let mut args = args.peekable();
    if let Some(command) = args.peek().and_then(|a| a.to_str()).map(str::to_owned) {
        if command == "worldline-sign" || command == "worldline-webhook" {
            return worldline(&command, args.skip(1), out);
        }
    }
    let options = match parse_args(args).map_err(Failure::Bad)? {
        Parsed::Help => {
            out.write_all(USAGE.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        Parsed::Run(options) => options,
    };
    let passphrase = passphrase().map_err(Failure::Bad)?;
    let signer = build_signer(&options, passphrase.clone());
    let stdin = io::stdin();
    let any_mismatch = process(&options, &signer, &passphrase, &mut stdin.lock(), out)?;
    Ok(if any_mismatch {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(feature = "worldline")]
#[path = "worldline.rs"]
mod worldline_cmd;

/// `worldline-sign` / `worldline-webhook` (feature `worldline`).
#[cfg(feature = "worldline")]
fn worldline(
    command: &str,
    args: impl Iterator<Item = OsString>,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let args = args
        .map(|a| {
            a.into_string()
                .map_err(|a| Failure::Bad(format!("argument {a:?} is not valid UTF-8")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    worldline_cmd::run(command, args.into_iter(), out)
}

/// Without the `worldline` feature the Worldline commands are bad usage (exit 2).
#[cfg(not(feature = "worldline"))]
fn worldline(
    command: &str,
    _args: impl Iterator<Item = OsString>,
    _out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    Err(Failure::Bad(format!(
        "{command}: this shasign was built without the `worldline` feature"
    )))
}

/// Parses the command line (without the program name).
fn parse_args(args: impl Iterator<Item = OsString>) -> Result<Parsed, String> {
    let args = args
        .map(|a| {
            a.into_string()
                .map_err(|a| format!("argument {a:?} is not valid UTF-8"))
        })
        .collect::<Result<Vec<String>, String>>()?;
    if args.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(Parsed::Help);
    }
    let mut command = None;
    let mut algorithm = None;
    let mut list = None;
    let mut order = None;
    let mut charset = None;
    let mut transport = None;
    let mut expect = None;
    let mut legacy = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if let Some(option) = arg.strip_prefix("--") {
            let (name, inline) = match option.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned())),
                None => (option, None),
            };
            if name == "legacy" {
                if inline.is_some() {
                    return Err(String::from("--legacy takes no value"));
                }
                legacy = true;
                continue;
            }
            let slot: &mut Option<String> = match name {
                "algorithm" => &mut algorithm,
                "list" => &mut list,
                "order" => &mut order,
                "charset" => &mut charset,
                "transport" => &mut transport,
                "expect" => &mut expect,
                _ => return Err(format!("unknown option --{name}; try --help")),
            };
            let value = match inline {
                Some(value) => value,
                None => args
                    .next()
                    .ok_or_else(|| format!("--{name} needs a value; try --help"))?,
            };
            if slot.is_some() {
                return Err(format!("--{name} is given twice"));
            }
            *slot = Some(value);
        } else if arg.starts_with('-') {
            return Err(format!("unknown option {arg}; try --help"));
        } else if command.is_none() {
            command = Some(match arg.as_str() {
                "sign" => Command::Sign,
                "verify" => Command::Verify,
                "explain" => Command::Explain,
                "diagnose" => Command::Diagnose,
                _ => {
                    return Err(format!(
                        "unknown subcommand {arg:?}; expected sign, verify, explain or diagnose"
                    ));
                }
            });
        } else {
            return Err(format!("unexpected argument {arg:?}; try --help"));
        }
    }
    let command = command.ok_or_else(|| {
        String::from("missing subcommand: sign, verify, explain or diagnose; try --help")
    })?;
    if let Some(expect) = &expect {
        if command != Command::Diagnose {
            return Err(String::from("--expect is only for diagnose"));
        }
        check_expect(expect)?;
    }
    let configured =
        legacy || algorithm.is_some() || list.is_some() || order.is_some() || charset.is_some();
    let list_given = list.is_some();
    let algorithm = match algorithm {
        None => HashAlgorithm::Sha512,
        Some(a) => HashAlgorithm::parse(&a)
            .ok_or_else(|| format!("unknown --algorithm {a:?}; expected sha1, sha256 or sha512"))?,
    };
    let list = match list {
        None if command == Command::Verify => ListKind::ShaOut,
        None => ListKind::ShaIn,
        Some(l) => ListKind::parse(&l).ok_or_else(|| {
            format!(
                "unknown --list {l:?}; expected sha-in, sha-out, alias-gateway-in, \
                 alias-gateway-out, flexcheckout-in, flexcheckout-out or all"
            )
        })?,
    };
    let order = match order.as_deref() {
        None => SortOrder::Ingenico,
        Some(o) if o.eq_ignore_ascii_case("ingenico") => SortOrder::Ingenico,
        Some(o) if o.eq_ignore_ascii_case("byte") => SortOrder::Byte,
        Some(o) => return Err(format!("unknown --order {o:?}; expected ingenico or byte")),
    };
    let charset = match charset {
        None => Charset::Utf8,
        Some(c) => Charset::parse(&c)
            .ok_or_else(|| format!("unknown --charset {c:?}; expected utf-8 or iso-8859-1"))?,
    };
    let transport = match transport {
        None => charset.transport(),
        Some(t) => TransportCharset::parse(&t).ok_or_else(|| {
            format!("unknown --transport {t:?}; expected utf-8, iso-8859-1 or windows-1252")
        })?,
    };
    Ok(Parsed::Run(Options {
        command,
        algorithm,
        list,
        order,
        charset,
        transport,
        legacy,
        expect,
        configured,
        list_given,
    }))
}

/// Checks the value of --expect: 40, 64 or 128 hex digits.
fn check_expect(expect: &str) -> Result<(), String> {
    if !expect.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(String::from("--expect is not hexadecimal"));
    }
    if !HashAlgorithm::ALL
        .iter()
        .any(|a| a.hex_len() == expect.len())
    {
        return Err(format!(
            "--expect has {} characters; 40, 64 or 128 hex digits expected",
            expect.len()
        ));
    }
    Ok(())
}

/// Reads the passphrase from [`PASSPHRASE_VAR`]. Never prints it.
fn passphrase() -> Result<Passphrase, String> {
    let value = std::env::var_os(PASSPHRASE_VAR).ok_or_else(|| {
        format!("{PASSPHRASE_VAR} is not set; put the SHA-IN or SHA-OUT passphrase there")
    })?;
    let value = value
        .into_string()
        .map_err(|_| format!("{PASSPHRASE_VAR} is not valid UTF-8"))?;
    if value.is_empty() {
        return Err(format!("{PASSPHRASE_VAR} is empty"));
    }
    if value.trim() != value {
        // A classic cause of "unknown order/1/s": a key pasted with a space or a newline.
        let _ = writeln!(
            io::stderr(),
            "shasign: warning: {PASSPHRASE_VAR} starts or ends with white space, which is hashed \
             as it is"
        );
    }
    Ok(Passphrase::new(value))
}

/// The direction of the legacy scheme's fields: the list's ([`ListKind::direction`]), for every
/// subcommand. The one rule `sign`, `verify`, `explain` and `diagnose` share: `sign --list
/// sha-out --legacy` hashes the SHA-OUT main fields, as `verify` and `explain` do.
fn direction(options: &Options) -> Direction {
    options.list.direction()
}

/// The signer the options describe.
fn build_signer(options: &Options, passphrase: Passphrase) -> Signer {
    let signer = Signer::new(passphrase, options.algorithm, direction(options))
        .with_list(options.list)
        .with_order(options.order)
        .with_charset(options.charset);
    if options.legacy {
        signer.with_scheme(Scheme::LegacyMainParameters)
    } else {
        signer
    }
}

/// Processes every line of `input`. Returns whether some set did not verify.
fn process(
    options: &Options,
    signer: &Signer,
    passphrase: &Passphrase,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> Result<bool, Failure> {
    // A line may hold MAX_FORM_BYTES plus CR LF; reading is bounded so that a huge line without
    // a newline cannot exhaust memory.
    let limit = MAX_FORM_BYTES.saturating_add(2);
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    let mut any_mismatch = false;
    loop {
        buf.clear();
        let read = input
            .by_ref()
            .take(u64::try_from(limit).unwrap_or(u64::MAX))
            .read_until(b'\n', &mut buf)
            .map_err(|e| Failure::Bad(format!("cannot read standard input: {e}")))?;
        if read == 0 {
            return Ok(any_mismatch);
        }
        line_no = line_no.saturating_add(1);
        let line = match buf.strip_suffix(b"\n") {
            Some(line) => line,
            None if read >= limit => {
                return Err(bad_line(
                    line_no,
                    format!("line is longer than {MAX_FORM_BYTES} bytes"),
                ));
            }
            None => &buf,
        };
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let params = Params::parse_form(line, options.transport)
            .map_err(|e| bad_line(line_no, describe(&e, options.algorithm)))?;
        if matches!(options.command, Command::Sign | Command::Verify)
            && signer.explain(&params).kept().is_empty()
        {
            // Signing nothing gives the digest of the empty string: surely not what was meant.
            let _ = writeln!(
                io::stderr(),
                "shasign: warning: line {line_no}: no parameter is hashed (try explain, or \
                 --list all)"
            );
        }
        match options.command {
            Command::Sign => {
                let signature = signer
                    .sign(&params)
                    .map_err(|e| bad_line(line_no, describe(&e, options.algorithm)))?;
                writeln!(out, "{signature}")?;
            }
            Command::Verify => match signer.verify_shasign(&params) {
                Ok(()) => writeln!(out, "ok")?,
                Err(Error::Mismatch) => {
                    any_mismatch = true;
                    writeln!(out, "mismatch")?;
                }
                // Nothing hashed: the digest is a public constant, never taken as a proof.
                Err(Error::NothingSigned) => {
                    any_mismatch = true;
                    writeln!(out, "not signed")?;
                }
                Err(e) => return Err(bad_line(line_no, describe(&e, options.algorithm))),
            },
            Command::Explain => {
                let signature = signer
                    .sign(&params)
                    .map_err(|e| bad_line(line_no, describe(&e, options.algorithm)))?;
                let explained = signer.explain(&params);
                writeln!(
                    out,
                    "line {line_no}: {}",
                    escape_controls(explained.redacted())
                )?;
                writeln!(out, "  {}: {signature}", options.algorithm)?;
                for (name, reason) in explained.dropped() {
                    writeln!(out, "  dropped {name}: {reason}")?;
                }
            }
            Command::Diagnose => {
                if !diagnose_set(options, signer, passphrase, &params, line_no, out)? {
                    any_mismatch = true;
                }
            }
        }
    }
}

/// Diagnoses one set and prints the result. Returns whether some combination matches.
fn diagnose_set(
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

/// A bad-input failure naming the line.
fn bad_line(line_no: usize, message: impl std::fmt::Display) -> Failure {
    Failure::Bad(format!("line {line_no}: {message}"))
}

/// The message for a library error, in the words of the tool.
fn describe(error: &Error, algorithm: HashAlgorithm) -> String {
    match error {
        Error::SignatureLength { expected, found } => format!(
            "SHASIGN has {found} characters, {expected} expected for {algorithm} (is --algorithm \
             right?)"
        ),
        Error::SignatureNotHex => String::from("SHASIGN is not hexadecimal"),
        Error::MissingSignature => {
            String::from("no SHASIGN (nor SHASIGNATURE.SHASIGN) parameter to verify")
        }
        other => other.to_string(),
    }
}

/// `text` with every control character written as `\u{XX}`, so that a set stays on one line.
fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if ch.is_control() {
            let _ = write!(escaped, "\\u{{{:X}}}", u32::from(ch));
        } else {
            escaped.push(ch);
        }
    }
    Cow::Owned(escaped)
}
