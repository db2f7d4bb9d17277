//! `shasign audit`: re-verifies stored feedback bodies in bulk with [`ogone::audit::Auditor`]
//! (several keys, transport charsets and lists), one output record an input record, in input
//! order, the records audited in parallel; a summary on standard error at the end.

mod input;
mod keys;
mod output;
mod progress;
mod run;
mod summary;

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use ogone::TransportCharset;
use ogone::audit::{AuditList, Auditor};

use crate::cli::AuditArgs;
use crate::failure::Failure;
use input::Records;
use progress::Progress;
use run::{Settings, Stop, audit_all};

/// Read buffer of the input.
const READ_BUFFER: usize = 256 * 1024;

/// Runs `shasign audit`: exit 0 when every record verified, 1 when some did not; a
/// [`Failure`] (exit 2) for bad usage, keys that cannot be read, an unreadable input or an
/// output that cannot be written.
pub fn run(args: AuditArgs, stdout: &mut impl Write) -> Result<ExitCode, Failure> {
    let started = Instant::now();
    let keys = keys::load(args.keys_file.as_deref(), args.algorithm).map_err(Failure::Bad)?;
    // The output has the five fields, never the list of signed pairs.
    let mut auditor = Auditor::new().with_signed_pairs(false);
    for (key, algorithm) in &keys {
        auditor = auditor.with_key(key, *algorithm);
    }
    drop(keys);
    if !args.transports.is_empty() {
        auditor = auditor.with_transports(dedup(&args.transports));
    } else {
        auditor = auditor.with_transports([TransportCharset::Utf8, TransportCharset::Windows1252]);
    }
    let lists: Vec<AuditList> = if args.lists.is_empty() {
        vec![AuditList::ShaOut]
    } else {
        dedup(&args.lists)
    };
    auditor = auditor.with_lists(lists);

    let input = args.input.as_deref().filter(|path| *path != "-");
    let (reader, size, name): (Box<dyn io::BufRead + Send>, Option<u64>, String) = match input {
        Some(path) => {
            let name = display(path);
            let file =
                File::open(path).map_err(|e| Failure::Bad(format!("cannot open {name}: {e}")))?;
            let size = file
                .metadata()
                .ok()
                .filter(std::fs::Metadata::is_file)
                .map(|m| m.len());
            (
                Box::new(BufReader::with_capacity(READ_BUFFER, file)),
                size,
                name,
            )
        }
        None => (
            Box::new(BufReader::with_capacity(READ_BUFFER, io::stdin())),
            None,
            String::from("standard input"),
        ),
    };
    let records = Records::new(reader, args.format, &args.body_column)
        .map_err(|e| Failure::Bad(format!("{name}: {e}")))?;

    let output = args.output.as_deref().filter(|path| *path != "-");
    let mut file_out;
    let out: &mut dyn Write = match output {
        Some(path) => {
            let file = File::create(path)
                .map_err(|e| Failure::Bad(format!("cannot create {}: {e}", display(path))))?;
            file_out = BufWriter::with_capacity(READ_BUFFER, file);
            &mut file_out
        }
        None => stdout,
    };
    out.write_all(output::header(args.output_format).as_bytes())?;

    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        std::num::NonZeroUsize::get,
    );
    let settings = Settings {
        auditor: &auditor,
        format: args.output_format,
        body_field: &args.body_field,
        threads,
    };
    let tally = match audit_all(records, &settings, out, Progress::on_terminal(size)) {
        Ok(tally) => tally,
        Err(Stop::Output(failure)) => return Err(failure),
        Err(Stop::Input(message)) => {
            let _ = out.flush();
            return Err(Failure::Bad(format!("cannot read {name}: {message}")));
        }
    };
    out.flush()?;
    let _ = io::stderr().write_all(tally.render(started.elapsed()).as_bytes());
    Ok(if tally.records() == tally.verified {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `items` in their order, each once (the first time it is given).
fn dedup<T: PartialEq + Copy>(items: &[T]) -> Vec<T> {
    let mut unique = Vec::with_capacity(items.len());
    for item in items {
        if !unique.contains(item) {
            unique.push(*item);
        }
    }
    unique
}

fn display(path: &OsStr) -> String {
    std::path::Path::new(path).display().to_string()
}
