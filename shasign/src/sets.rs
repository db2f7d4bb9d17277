//! `sign`, `verify` and `explain`, and what `diagnose` shares with them: the passphrase, the
//! signer the options describe and the reading of standard input.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, BufRead, Read, Write};

use ogone::{Direction, Error, MAX_FORM_BYTES, Params, Passphrase, Scheme, Signer};

use crate::cli::{Command, Options};
use crate::diagnose::diagnose_set;
use crate::failure::{Failure, bad_line, describe};

/// The environment variable holding the passphrase.
const PASSPHRASE_VAR: &str = "OGONE_PASSPHRASE";

/// Reads the passphrase from [`PASSPHRASE_VAR`]. Never prints it.
pub fn passphrase() -> Result<Passphrase, String> {
    passphrase_text().map(Passphrase::new)
}

/// The text of [`PASSPHRASE_VAR`], checked as [`passphrase`] does (`audit` makes a
/// [`ogone::ShaOutKey`] of it). Never prints it.
pub fn passphrase_text() -> Result<String, String> {
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
    Ok(value)
}

/// The direction of the legacy scheme's fields: the list's ([`ListKind::direction`]), for every
/// subcommand. The one rule `sign`, `verify`, `explain` and `diagnose` share: `sign --list
/// sha-out --legacy` hashes the SHA-OUT main fields, as `verify` and `explain` do.
pub fn direction(options: &Options) -> Direction {
    options.list.direction()
}

/// The signer the options describe.
pub fn build_signer(options: &Options, passphrase: Passphrase) -> Signer {
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
pub fn process(
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

/// `text` with every control character written as `\u{XX}`, so that a set stays on one line
/// (also what `worldline-webhook` prints of a body).
pub(crate) fn escape_controls(text: &str) -> Cow<'_, str> {
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
