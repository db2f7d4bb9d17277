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

mod cli;
mod diagnose;
mod failure;
mod sets;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use cli::{Parsed, USAGE, parse_args};
use failure::Failure;
use sets::{build_signer, passphrase, process};

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
