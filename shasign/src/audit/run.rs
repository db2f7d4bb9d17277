//! The parallel pipeline: one thread reads batches of records, the workers audit them and
//! encode their output records, this thread writes the batches in input order.
//!
//! Memory stays flat: a batch is taken out of the input only with one of
//! [`IN_FLIGHT_PER_WORKER`] × workers tokens, given back once the batch is written, so that
//! the channels and the reorder buffer never hold more than that many batches.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use ogone::audit::{AuditSession, Auditor, Claimed, Verdict};

use crate::audit::input::{Batch, Entry, Records, json_body};
use crate::audit::output::{Encoder, Record};
use crate::audit::progress::Progress;
use crate::audit::summary::Tally;
use crate::cli::OutputFormat;
use crate::failure::Failure;

/// Batches in flight (read, not yet written) per worker.
const IN_FLIGHT_PER_WORKER: usize = 4;

/// Room for one output record (a verified JSONL record of 20-parameter feedback is about 210
/// bytes): a batch's buffer is made once, not grown.
const RECORD_BYTES: usize = 256;

/// The error text of a body that no configuration verifies.
pub const NOT_AUTHENTIC: &str = "no key, transport charset and list verifies the signature";

/// How the records are audited and written.
pub struct Settings<'a> {
    pub auditor: &'a Auditor,
    pub format: OutputFormat,
    pub body_field: &'a str,
    pub threads: usize,
}

/// One batch, audited and encoded.
struct Done {
    seq: u64,
    bytes: Result<Vec<u8>, String>,
    tally: Tally,
}

/// Why the pipeline stopped early.
pub enum Stop {
    /// The input could not be read (an I/O error): the message.
    Input(String),
    /// The output could not be written.
    Output(Failure),
}

/// Audits every record of `records`, writes their output records to `out` in input order, and
/// returns the counts.
pub fn audit_all(
    records: Records,
    settings: &Settings<'_>,
    out: &mut dyn Write,
    mut progress: Option<Progress>,
) -> Result<Tally, Stop> {
    let workers = settings.threads.max(1);
    let in_flight = workers.saturating_mul(IN_FLIGHT_PER_WORKER);
    // Every channel holds all the batches in flight: no send ever blocks, so that a stop at any
    // end (output closed, input unreadable) ends every thread.
    let (work_tx, work_rx) = sync_channel::<Batch>(in_flight);
    let (done_tx, done_rx) = sync_channel::<Done>(in_flight);
    let (token_tx, token_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = token_tx.send(());
    }
    let work_rx = Mutex::new(work_rx);
    let read = AtomicU64::new(0);
    thread::scope(|scope| {
        let read = &read;
        let reader = scope.spawn(move || read_all(records, &work_tx, &token_rx, read));
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            scope.spawn(move || work(work_rx, &done_tx, settings));
        }
        drop(done_tx);
        let written = write_in_order(done_rx, token_tx, out, &mut progress, read);
        if let Some(progress) = progress.as_mut() {
            progress.clear();
        }
        let tally = written.map_err(Stop::Output)?;
        match reader.join() {
            Ok(Ok(())) => Ok(tally),
            Ok(Err(message)) => Err(Stop::Input(message)),
            Err(_) => Err(Stop::Input(String::from("the reading thread stopped"))),
        }
    })
}

/// The reading thread: sends batches while it holds tokens.
fn read_all(
    mut records: Records,
    work_tx: &SyncSender<Batch>,
    tokens: &Receiver<()>,
    read: &AtomicU64,
) -> Result<(), String> {
    let mut seq = 0u64;
    let mut consumed = 0u64;
    loop {
        if tokens.recv().is_err() {
            // The writer stopped.
            return Ok(());
        }
        let mut batch = Batch {
            seq,
            ..Batch::default()
        };
        let more = records
            .fill(&mut batch, &mut consumed)
            .map_err(|e| e.to_string());
        read.store(consumed, Ordering::Relaxed);
        let more = match more {
            Ok(more) => more,
            Err(message) => {
                // What was read is still written.
                let _ = work_tx.send(batch);
                return Err(message);
            }
        };
        if !batch.entries.is_empty() {
            if work_tx.send(batch).is_err() {
                return Ok(());
            }
            seq = seq.saturating_add(1);
        }
        if !more {
            return Ok(());
        }
    }
}

/// A worker: audits batches until there are no more.
fn work(work_rx: &Mutex<Receiver<Batch>>, done_tx: &SyncSender<Done>, settings: &Settings<'_>) {
    // One session a worker: the key that verified its last record is tried first, and the
    // names of its last record are not decoded again.
    let mut session = settings.auditor.session();
    // One verdict a worker too: a verified record's fields go into the strings of the last.
    let mut verdict = Verdict::NotAuthentic {
        claimed: Claimed::default(),
    };
    loop {
        let batch = match work_rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(batch) = batch else { return };
        if done_tx
            .send(audit_batch(&batch, settings, &mut session, &mut verdict))
            .is_err()
        {
            return;
        }
    }
}

/// Audits one batch and encodes its output records.
fn audit_batch(
    batch: &Batch,
    settings: &Settings<'_>,
    session: &mut AuditSession<'_>,
    verdict: &mut Verdict,
) -> Done {
    let mut tally = Tally::default();
    let mut encoder = Encoder::new(
        settings.format,
        batch.entries.len().saturating_mul(RECORD_BYTES),
    );
    let mut pushed = Ok(());
    for entry in &batch.entries {
        let (line, audited) = match entry {
            Entry::Body { line, start, end } => {
                let body = batch.data.get(*start..*end).unwrap_or_default();
                session.audit_into(body, verdict);
                (*line, Ok(()))
            }
            Entry::Json { line, start, end } => {
                let text = batch.data.get(*start..*end).unwrap_or_default();
                let audited = json_body(text, settings.body_field)
                    .map(|body| session.audit_into(body.as_bytes(), verdict));
                (*line, audited)
            }
            Entry::Unreadable { line, why } => (*line, Err(why.clone())),
        };
        let result = match &audited {
            Ok(()) => push_verdict(&mut encoder, &mut tally, line, verdict),
            Err(why) => {
                tally.malformed = tally.malformed.saturating_add(1);
                encoder.push(&Record {
                    line,
                    verdict: "malformed",
                    key: None,
                    algorithm: None,
                    transport: None,
                    list: None,
                    order_id: None,
                    pay_id: None,
                    status: None,
                    amount: None,
                    currency: None,
                    error: Some(why),
                })
            }
        };
        pushed = pushed.and(result);
    }
    Done {
        seq: batch.seq,
        bytes: pushed.and_then(|()| encoder.finish()),
        tally,
    }
}

fn push_verdict(
    encoder: &mut Encoder,
    tally: &mut Tally,
    line: u64,
    verdict: &Verdict,
) -> Result<(), String> {
    let fields = verdict.claimed();
    let mut record = Record {
        line,
        verdict: verdict.as_str(),
        key: None,
        algorithm: None,
        transport: None,
        list: None,
        order_id: fields.order_id.as_deref(),
        pay_id: fields.pay_id.as_deref(),
        status: fields.status.as_deref(),
        amount: fields.amount.as_deref(),
        currency: fields.currency.as_deref(),
        error: None,
    };
    let error;
    match verdict {
        Verdict::Verified(found) => {
            tally.verified(record.status, record.amount, record.currency);
            record.key = Some(found.key);
            record.algorithm = Some(found.algorithm.as_str());
            record.transport = Some(found.transport.as_str());
            record.list = Some(found.list.as_str());
        }
        Verdict::NotAuthentic { .. } => {
            tally.not_authentic = tally.not_authentic.saturating_add(1);
            record.error = Some(NOT_AUTHENTIC);
        }
        Verdict::Malformed { error: e, .. } => {
            tally.malformed = tally.malformed.saturating_add(1);
            error = e.to_string();
            record.error = Some(&error);
        }
    }
    encoder.push(&record)
}

/// This thread: writes the batches in order as they come, gives back a token for each.
fn write_in_order(
    done_rx: Receiver<Done>,
    token_tx: SyncSender<()>,
    out: &mut dyn Write,
    progress: &mut Option<Progress>,
    read: &AtomicU64,
) -> Result<Tally, Failure> {
    let mut tally = Tally::default();
    let mut waiting: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    for done in done_rx {
        waiting.insert(done.seq, done);
        while let Some(done) = waiting.remove(&next) {
            let bytes = done.bytes.map_err(Failure::Bad)?;
            out.write_all(&bytes)?;
            tally.merge(done.tally);
            next = next.saturating_add(1);
            let _ = token_tx.send(());
        }
        if let Some(progress) = progress.as_mut() {
            progress.tick(tally.records(), read.load(Ordering::Relaxed));
        }
    }
    Ok(tally)
}
