//! The parallel pipeline, without a thread of its own for reading or writing: each of the
//! `--threads` threads (this one among them) takes the next batch of records from the input,
//! audits it and encodes its output records, and hands it to this thread, the only one that
//! writes, which writes the batches in input order. With one thread everything happens on
//! this one; with N, N threads share the work and no other thread competes for the cores.
//!
//! Memory stays flat: the batches audited but not yet written wait in a reorder buffer of at
//! most [`WAITING_PER_THREAD`] × threads batches (plus the one that is due, which is always
//! taken); a helper whose batch does not fit waits for room before it reads another.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::thread;

use ogone::audit::{AuditSession, Auditor, Claimed, Verdict};

use crate::audit::input::{Batch, Entry, Records, json_body};
use crate::audit::output::{Encoder, Record};
use crate::audit::progress::Progress;
use crate::audit::summary::Tally;
use crate::cli::OutputFormat;
use crate::failure::Failure;

/// Batches audited and waiting to be written, at most, per thread.
const WAITING_PER_THREAD: usize = 4;

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
    records: u64,
    bytes: Result<Vec<u8>, String>,
}

/// Why the pipeline stopped early.
pub enum Stop {
    /// The input could not be read (an I/O error): the message.
    Input(String),
    /// The output could not be written.
    Output(Failure),
}

/// The input, taken by one thread at a time.
struct Reading {
    records: Records,
    /// The place of the next batch.
    seq: u64,
    /// Bytes of the input read.
    consumed: u64,
    /// No batch follows: the end of the input, or an error reading it.
    ended: bool,
    error: Option<String>,
}

/// The batches audited and not yet written.
struct Ready {
    waiting: BTreeMap<u64, Done>,
    /// The place of the next batch to write.
    next: u64,
    /// Helpers still running.
    helpers: usize,
    /// Output buffers written, to be filled again.
    spare: Vec<Vec<u8>>,
}

struct Shared<'s> {
    settings: &'s Settings<'s>,
    reading: Mutex<Reading>,
    ready: Mutex<Ready>,
    /// Signalled whenever `ready` changes.
    changed: Condvar,
    /// Set when the output fails: nothing more is read.
    stop: AtomicBool,
    /// Bytes of the input read, for the progress line.
    read: AtomicU64,
}

impl Shared<'_> {
    fn ready(&self) -> MutexGuard<'_, Ready> {
        // A thread that panics holding the lock leaves the buffer as it was: usable.
        self.ready
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits until `ready` changes (the lock given back meanwhile), as [`Shared::ready`] takes it.
    fn wait<'g>(&self, ready: MutexGuard<'g, Ready>) -> MutexGuard<'g, Ready> {
        self.changed
            .wait(ready)
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Fills `batch` with the next records of the input; `false` when there are none.
    fn next_batch(&self, batch: &mut Batch) -> bool {
        if self.stop.load(Ordering::Relaxed) {
            return false;
        }
        let Ok(mut reading) = self.reading.lock() else {
            return false;
        };
        if reading.ended {
            return false;
        }
        batch.data.clear();
        batch.entries.clear();
        batch.seq = reading.seq;
        let reading = &mut *reading;
        match reading.records.fill(batch, &mut reading.consumed) {
            Ok(more) => reading.ended = !more,
            Err(e) => {
                // What was read is still audited and written.
                reading.ended = true;
                reading.error = Some(e.to_string());
            }
        }
        self.read.store(reading.consumed, Ordering::Relaxed);
        if batch.entries.is_empty() {
            return false;
        }
        reading.seq = reading.seq.saturating_add(1);
        true
    }
}

/// Counts a helper out when it ends, even by a panic, so that the writer does not wait for it.
struct HelperGone<'a, 's>(&'a Shared<'s>);

impl Drop for HelperGone<'_, '_> {
    fn drop(&mut self) {
        let mut ready = self.0.ready();
        ready.helpers = ready.helpers.saturating_sub(1);
        drop(ready);
        self.0.changed.notify_all();
    }
}

/// What a thread keeps from batch to batch.
struct Worker<'a> {
    settings: &'a Settings<'a>,
    // One session a thread: the key that verified its last record is tried first, and the
    // names of its last record are not decoded again.
    session: AuditSession<'a>,
    // One verdict a thread too: a verified record's fields go into the strings of the last.
    verdict: Verdict,
    batch: Batch,
    tally: Tally,
}

impl<'a> Worker<'a> {
    fn new(settings: &'a Settings<'a>) -> Worker<'a> {
        Worker {
            settings,
            session: settings.auditor.session(),
            verdict: Verdict::NotAuthentic {
                claimed: Claimed::default(),
            },
            batch: Batch::default(),
            tally: Tally::default(),
        }
    }
}

/// Audits every record of `records`, writes their output records to `out` in input order, and
/// returns the counts.
pub fn audit_all(
    records: Records,
    settings: &Settings<'_>,
    out: &mut dyn Write,
    mut progress: Option<Progress>,
) -> Result<Tally, Stop> {
    let threads = settings.threads.max(1);
    let helpers = threads - 1;
    let shared = Shared {
        settings,
        reading: Mutex::new(Reading {
            records,
            seq: 0,
            consumed: 0,
            ended: false,
            error: None,
        }),
        ready: Mutex::new(Ready {
            waiting: BTreeMap::new(),
            next: 0,
            helpers,
            spare: Vec::new(),
        }),
        changed: Condvar::new(),
        stop: AtomicBool::new(false),
        read: AtomicU64::new(0),
    };
    let limit = threads.saturating_mul(WAITING_PER_THREAD);
    thread::scope(|scope| {
        let shared = &shared;
        let handles: Vec<_> = (0..helpers)
            .map(|_| scope.spawn(move || help(shared, limit)))
            .collect();
        let written = lead(shared, out, &mut progress);
        if written.is_err() {
            shared.stop.store(true, Ordering::Relaxed);
            shared.changed.notify_all();
        }
        if let Some(progress) = progress.as_mut() {
            progress.clear();
        }
        let mut tally = written.map_err(Stop::Output)?;
        for handle in handles {
            match handle.join() {
                Ok(helped) => tally.merge(helped),
                Err(_) => return Err(Stop::Input(String::from("a worker thread stopped"))),
            }
        }
        let reading = shared.reading.lock();
        match reading.ok().and_then(|mut r| r.error.take()) {
            Some(message) => Err(Stop::Input(message)),
            None => Ok(tally),
        }
    })
}

/// A helper thread: audits batches and hands them to the writer, waiting for room when the
/// reorder buffer is full; returns its counts.
fn help(shared: &Shared<'_>, limit: usize) -> Tally {
    let _gone = HelperGone(shared);
    let mut worker = Worker::new(shared.settings);
    while shared.next_batch(&mut worker.batch) {
        let spare = shared.ready().spare.pop();
        let done = audit_batch(&mut worker, spare);
        let mut ready = shared.ready();
        loop {
            if shared.stop.load(Ordering::Relaxed) {
                return worker.tally;
            }
            if done.seq == ready.next || ready.waiting.len() < limit {
                break;
            }
            ready = shared.wait(ready);
        }
        ready.waiting.insert(done.seq, done);
        drop(ready);
        shared.changed.notify_all();
    }
    worker.tally
}

/// This thread: audits batches like a helper, and after each one writes every batch that is
/// due; once the input is read, waits for the helpers' last batches and writes them.
fn lead(
    shared: &Shared<'_>,
    out: &mut dyn Write,
    progress: &mut Option<Progress>,
) -> Result<Tally, Failure> {
    let mut worker = Worker::new(shared.settings);
    let mut written = 0u64;
    let mut reading = true;
    loop {
        if reading {
            reading = shared.next_batch(&mut worker.batch);
            if reading {
                let spare = shared.ready().spare.pop();
                let done = audit_batch(&mut worker, spare);
                shared.ready().waiting.insert(done.seq, done);
            }
        }
        // Write what is due, the lock released while writing.
        let mut ready = shared.ready();
        loop {
            let next = ready.next;
            if let Some(done) = ready.waiting.remove(&next) {
                ready.next = next.saturating_add(1);
                drop(ready);
                shared.changed.notify_all();
                let bytes = done.bytes.map_err(Failure::Bad)?;
                out.write_all(&bytes)?;
                written = written.saturating_add(done.records);
                ready = shared.ready();
                ready.spare.push(bytes);
                continue;
            }
            if reading {
                break;
            }
            if ready.helpers == 0 {
                if ready.waiting.is_empty() {
                    return Ok(worker.tally);
                }
                // A batch that will never come: a helper stopped.
                return Err(Failure::Bad(String::from("a worker thread stopped")));
            }
            ready = shared.wait(ready);
        }
        drop(ready);
        if let Some(progress) = progress.as_mut() {
            progress.tick(written, shared.read.load(Ordering::Relaxed));
        }
    }
}

/// Audits the worker's batch and encodes its output records, into `spare` when there is one.
fn audit_batch(worker: &mut Worker<'_>, spare: Option<Vec<u8>>) -> Done {
    let settings = worker.settings;
    let batch = &worker.batch;
    let capacity = batch.entries.len().saturating_mul(RECORD_BYTES);
    let mut encoder = Encoder::new(settings.format, spare.unwrap_or_default(), capacity);
    let tally = &mut worker.tally;
    let mut pushed = Ok(());
    for entry in &batch.entries {
        let (line, audited) = match entry {
            Entry::Body { line, start, end } => {
                let body = batch.data.get(*start..*end).unwrap_or_default();
                worker.session.audit_into(body, &mut worker.verdict);
                (*line, Ok(()))
            }
            Entry::Json { line, start, end } => {
                let text = batch.data.get(*start..*end).unwrap_or_default();
                let audited = json_body(text, settings.body_field).map(|body| {
                    worker
                        .session
                        .audit_into(body.as_bytes(), &mut worker.verdict)
                });
                (*line, audited)
            }
            Entry::Unreadable { line, why } => (*line, Err(why.clone())),
        };
        let result = match &audited {
            Ok(()) => push_verdict(&mut encoder, tally, line, &worker.verdict),
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
        records: batch.entries.len() as u64,
        bytes: pushed.and_then(|()| encoder.finish()),
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

    use std::io::{self, BufReader, Read};

    use ogone::{HashAlgorithm, ShaOutKey};

    use super::*;
    use crate::cli::InputFormat;

    /// The guide's SHA-OUT example (spec section 1): SHA-1 with this passphrase.
    const GUIDE_KEY: &str = "Mysecretsig1875!?";
    const GUIDE_BODY: &str = "ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111\
        &currency=EUR&NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
        &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";

    /// `lines` bodies: every seventh tampered, every seventh from the third malformed.
    fn input(lines: u64) -> Vec<u8> {
        let tampered = GUIDE_BODY.replace("STATUS=9", "STATUS=5");
        let mut input = String::new();
        for i in 1..=lines {
            input.push_str(match i % 7 {
                0 => &tampered,
                3 => "orderID=%zz",
                _ => GUIDE_BODY,
            });
            input.push('\n');
        }
        input.into_bytes()
    }

    fn run(
        input: impl Read + Send + 'static,
        threads: usize,
        out: &mut dyn Write,
    ) -> Result<Tally, Stop> {
        let auditor = Auditor::new()
            .with_signed_pairs(false)
            .with_key(&ShaOutKey::new(GUIDE_KEY), HashAlgorithm::Sha1);
        let settings = Settings {
            auditor: &auditor,
            format: OutputFormat::Jsonl,
            body_field: "body",
            threads,
        };
        let records =
            Records::new(Box::new(BufReader::new(input)), InputFormat::Lines, "body").unwrap();
        audit_all(records, &settings, out, None)
    }

    /// The `line` and `verdict` of each output record.
    fn lines(out: &[u8]) -> Vec<(u64, String)> {
        std::str::from_utf8(out)
            .unwrap()
            .lines()
            .map(|line| {
                let record: serde_json::Value = serde_json::from_str(line).unwrap();
                let verdict = record["verdict"].as_str().unwrap().to_owned();
                (record["line"].as_u64().unwrap(), verdict)
            })
            .collect()
    }

    #[test]
    fn every_thread_count_writes_the_same_records_in_input_order() {
        // Ten batches and more, so that batches come back out of order.
        let lines_in = 25_000u64;
        let input = input(lines_in);
        let mut one = Vec::new();
        let tally = run(io::Cursor::new(input.clone()), 1, &mut one).unwrap_or_else(|_| panic!());
        assert_eq!(tally.records(), lines_in);
        assert_eq!(tally.malformed, lines_in.div_ceil(7));
        let written = lines(&one);
        assert_eq!(written.len(), 25_000);
        assert!(
            written
                .iter()
                .enumerate()
                .all(|(i, (line, _))| *line == i as u64 + 1)
        );
        for threads in [2, 3, 8] {
            let mut out = Vec::new();
            let tally = run(io::Cursor::new(input.clone()), threads, &mut out)
                .unwrap_or_else(|_| panic!("--threads {threads}"));
            assert_eq!(tally.records(), lines_in, "--threads {threads}");
            assert!(out == one, "--threads {threads}");
        }
    }

    /// Takes `left` bytes, then fails.
    struct Failing {
        left: usize,
        inner: io::Cursor<Vec<u8>>,
    }

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.left == 0 {
                return Err(io::Error::other("disk gone"));
            }
            let want = buf.len().min(self.left);
            let n = self.inner.read(&mut buf[..want])?;
            self.left -= n;
            Ok(n)
        }
    }

    impl Write for Failing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.left == 0 {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_output_that_fails_ends_every_thread() {
        for threads in [1, 2, 4] {
            let mut out = Failing {
                left: 300_000,
                inner: io::Cursor::new(Vec::new()),
            };
            match run(io::Cursor::new(input(40_000)), threads, &mut out) {
                Err(Stop::Output(Failure::Output(e))) => {
                    assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
                }
                _ => panic!("--threads {threads}: not an output failure"),
            }
        }
    }

    #[test]
    fn an_input_that_fails_still_writes_what_was_read() {
        let input = input(40_000);
        // Past a few batches, in the middle of a line.
        let cut = 3_000_000.min(input.len() / 2) + 17;
        let whole_lines = input[..cut].iter().filter(|&&b| b == b'\n').count();
        for threads in [1, 2, 4] {
            let mut out = Vec::new();
            let failing = Failing {
                left: cut,
                inner: io::Cursor::new(input.clone()),
            };
            match run(failing, threads, &mut out) {
                Err(Stop::Input(message)) => assert_eq!(message, "disk gone"),
                _ => panic!("--threads {threads}: not an input failure"),
            }
            let written = lines(&out);
            assert!(written.len() >= whole_lines, "--threads {threads}");
            assert!(
                written
                    .iter()
                    .enumerate()
                    .all(|(i, (line, _))| *line == i as u64 + 1)
            );
        }
    }
}
