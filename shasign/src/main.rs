//! `shasign`: sign, verify, explain and diagnose Ogone SHA-IN / SHA-OUT signatures from the
//! command line.
//!
//! The tool to reach for when the payment page says "unknown order/1/s" (a SHA-IN mismatch):
//! it prints the digest, checks a feedback's `SHASIGN`, shows the exact string that is hashed
//! (passphrase redacted) and every parameter left out, with the reason, or tries every way of
//! signing against the signature the other side computed and says which one it used.
//!
//! Install it with `cargo install --path shasign` from the repository, or run it from there with
//! `cargo run -q -p shasign -- ...` as below.
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
//!
//! A usage error (an unknown option, a bad value, a missing subcommand) is clap's message on
//! standard error, exit 2; bad input and a missing passphrase are one `shasign: ...` line, exit
//! 2 too.

mod audit;
mod cli;
mod diagnose;
mod failure;
mod sets;
#[cfg(feature = "worldline")]
mod worldline;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use cli::Invocation;
use failure::Failure;
use sets::{build_signer, passphrase, process};

fn main() -> ExitCode {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = run(std::env::args_os().collect(), &mut out);
    let flushed = out.flush();
    let result = result.and_then(|status| flushed.map(|()| status).map_err(Failure::Output));
    match result {
        Ok(status) => status,
        Err(Failure::Usage(e)) => {
            // clap's message, usage line and pointer to --help.
            let _ = e.print();
            ExitCode::from(2)
        }
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

/// Parses the arguments (the program name first), then runs the command: a Worldline one, or
/// reads the passphrase and processes standard input.
fn run(args: Vec<OsString>, out: &mut impl Write) -> Result<ExitCode, Failure> {
    #[cfg(not(feature = "worldline"))]
    if let Some(command) = args.get(1).and_then(|a| a.to_str()) {
        if command == "worldline-sign" || command == "worldline-webhook" {
            // Bad usage whatever follows (exit 2).
            return Err(Failure::Bad(format!(
                "{command}: this shasign was built without the `worldline` feature"
            )));
        }
    }
    let options = match cli::parse(args) {
        Ok(Invocation::Sets(options)) => options,
        Ok(Invocation::Audit(args)) => return audit::run(*args, out),
        #[cfg(feature = "worldline")]
        Ok(Invocation::Worldline(command)) => return worldline::run(command, out),
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {
            // The usage text, on standard output (a closed pipe ends the run quietly).
            write!(out, "{e}")?;
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => return Err(Failure::Usage(e)),
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
