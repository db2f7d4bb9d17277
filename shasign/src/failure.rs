//! Why a run stops early, and the messages of bad input.

use std::io;

use ogone::{Error, HashAlgorithm};

/// Why a run stopped early.
pub enum Failure {
    /// A usage error: clap's message (exit 2).
    Usage(clap::Error),
    /// Bad input, a missing passphrase or, built without the `worldline` feature, a Worldline
    /// command: the one-line message (without the `shasign: ` prefix).
    Bad(String),
    /// Standard output could not be written.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

/// A bad-input failure naming the line.
pub fn bad_line(line_no: usize, message: impl std::fmt::Display) -> Failure {
    Failure::Bad(format!("line {line_no}: {message}"))
}

/// The message for a library error, in the words of the tool.
pub fn describe(error: &Error, algorithm: HashAlgorithm) -> String {
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
