//! Reading the stored bodies in batches: raw lines, JSONL or CSV. A record that cannot be read
//! is an [`Entry::Unreadable`] (a `malformed` record), never the end of the run; only an
//! input that cannot be read at all (an I/O error) ends it.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ogone::MAX_FORM_BYTES;

use crate::cli::InputFormat;

/// Records a batch holds at most: a few milliseconds of work, so that the threads hand
/// batches on (and wake one another) a few hundred times a second, not thousands.
const BATCH_RECORDS: usize = 2048;
/// Bytes a batch holds at least before it is sent, once full of records or past this.
const BATCH_BYTES: usize = 1024 * 1024;
/// The longest raw-body line: a body of [`MAX_FORM_BYTES`] plus CR LF.
const MAX_LINE: usize = MAX_FORM_BYTES + 2;
/// The longest JSONL line: escaped (`\u00XX`), a body may take six times its bytes.
const MAX_JSON_LINE: usize = 8 * MAX_FORM_BYTES;
/// The most bytes the csv reader may take for one record (a body of [`MAX_FORM_BYTES`] with
/// its quotes doubled and other columns beside it fits with room to spare), plus what its own
/// buffer reads ahead. Past it the input is refused: an unterminated quote would otherwise pull
/// the rest of the file into one record, held whole in memory.
const MAX_CSV_RECORD: usize = 8 * MAX_FORM_BYTES;
const CSV_READ_AHEAD: usize = 64 * 1024;

/// The input of the csv reader, which hands it at most the bytes left in `budget` (reset
/// before each record) and then fails with an I/O error: memory stays flat whatever the CSV.
pub struct Budgeted {
    inner: Box<dyn BufRead + Send>,
    budget: Arc<AtomicUsize>,
}

impl Read for Budgeted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.budget.load(Ordering::Relaxed);
        if left == 0 {
            return Err(io::Error::other(format!(
                "a CSV record is longer than {MAX_CSV_RECORD} bytes (an unterminated quote?)"
            )));
        }
        let want = buf.len().min(left);
        let n = self.inner.read(buf.get_mut(..want).unwrap_or_default())?;
        self.budget.store(left - n, Ordering::Relaxed);
        Ok(n)
    }
}

/// One input record.
#[derive(Debug)]
pub enum Entry {
    /// A raw body, `data[start..end]` of the batch.
    Body { line: u64, start: usize, end: usize },
    /// A JSONL line, `data[start..end]`, the body still to be taken out of it (by a worker).
    Json { line: u64, start: usize, end: usize },
    /// A record that cannot be read, and why.
    Unreadable { line: u64, why: String },
}

/// Records read together, in input order.
#[derive(Debug, Default)]
pub struct Batch {
    /// The batch's place in the input, from 0.
    pub seq: u64,
    /// The bytes the entries point into.
    pub data: Vec<u8>,
    pub entries: Vec<Entry>,
}

impl Batch {
    fn is_full(&self) -> bool {
        self.entries.len() >= BATCH_RECORDS || self.data.len() >= BATCH_BYTES
    }
}

/// Where the records come from.
pub enum Records {
    /// Raw bodies or JSONL, one a line.
    Lines {
        input: Box<dyn BufRead + Send>,
        json: bool,
        line: u64,
    },
    /// CSV (its header already read), the body in column `column`.
    Csv {
        reader: Box<csv::Reader<Budgeted>>,
        /// The bytes the reader may still take for the record it reads.
        budget: Arc<AtomicUsize>,
        column: usize,
        name: String,
        record: csv::ByteRecord,
    },
}

impl Records {
    /// The records of `input` in `format`. For CSV, reads the header row: `Err` when it has no
    /// column `body_column`. An empty CSV input has no record.
    pub fn new(
        input: Box<dyn BufRead + Send>,
        format: InputFormat,
        body_column: &str,
    ) -> Result<Records, String> {
        match format {
            InputFormat::Lines | InputFormat::Jsonl => Ok(Records::Lines {
                input,
                json: format == InputFormat::Jsonl,
                line: 0,
            }),
            InputFormat::Csv => {
                let budget = Arc::new(AtomicUsize::new(MAX_CSV_RECORD + CSV_READ_AHEAD));
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(true)
                    .flexible(true)
                    .from_reader(Budgeted {
                        inner: input,
                        budget: Arc::clone(&budget),
                    });
                let headers = reader
                    .byte_headers()
                    .map_err(|e| format!("cannot read the CSV header row: {e}"))?;
                let column = headers.iter().position(|h| h == body_column.as_bytes());
                let column = match column {
                    Some(column) => column,
                    // No header row: no record either.
                    None if headers.is_empty() => 0,
                    None => {
                        return Err(format!(
                            "the CSV header row has no column {body_column:?} (see --body-column)"
                        ));
                    }
                };
                Ok(Records::Csv {
                    reader: Box::new(reader),
                    budget,
                    column,
                    name: body_column.to_owned(),
                    record: csv::ByteRecord::new(),
                })
            }
        }
    }

    /// Fills `batch` (empty) with the next records; `Ok(false)` at the end of the input (the
    /// batch may still hold records). `consumed` grows by the bytes read.
    pub fn fill(&mut self, batch: &mut Batch, consumed: &mut u64) -> io::Result<bool> {
        while !batch.is_full() {
            let more = match self {
                Records::Lines { input, json, line } => {
                    next_line(input.as_mut(), *json, line, batch, consumed)?
                }
                Records::Csv {
                    reader,
                    budget,
                    column,
                    name,
                    record,
                } => {
                    budget.store(MAX_CSV_RECORD + CSV_READ_AHEAD, Ordering::Relaxed);
                    next_csv(reader, *column, name, record, batch, consumed)?
                }
            };
            if !more {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// Reads one line into `batch`; `Ok(false)` at the end of the input.
fn next_line(
    input: &mut dyn BufRead,
    json: bool,
    line: &mut u64,
    batch: &mut Batch,
    consumed: &mut u64,
) -> io::Result<bool> {
    // The bytes read at most (the line, then CR LF), and the longest line.
    let (limit, longest) = if json {
        (MAX_JSON_LINE + 2, MAX_JSON_LINE)
    } else {
        (MAX_LINE, MAX_FORM_BYTES)
    };
    let start = batch.data.len();
    // Most lines end in what is buffered: found there with memchr and copied once; a line
    // that runs past the buffer (or the end of the input) takes the general way.
    let buffered = input.fill_buf()?;
    let in_buffer = match memchr::memchr(b'\n', buffered) {
        Some(newline) if newline < limit => {
            let line = buffered.get(..=newline).unwrap_or_default();
            batch.data.extend_from_slice(line);
            Some(line.len())
        }
        _ => None,
    };
    let read = match in_buffer {
        Some(read) => {
            input.consume(read);
            read
        }
        None => Read::take(&mut *input, u64::try_from(limit).unwrap_or(u64::MAX))
            .read_until(b'\n', &mut batch.data)?,
    };
    if read == 0 {
        return Ok(false);
    }
    *consumed = consumed.saturating_add(read as u64);
    *line = line.saturating_add(1);
    let mut end = batch.data.len();
    let ended = batch.data.last() == Some(&b'\n');
    if ended {
        end -= 1;
    } else if read >= limit {
        // Too long: the rest of the line is skipped, unread.
        batch.data.truncate(start);
        *consumed = consumed.saturating_add(skip_line(input)?);
        batch.entries.push(Entry::Unreadable {
            line: *line,
            why: format!("line is longer than {longest} bytes"),
        });
        return Ok(true);
    }
    if end > start && batch.data.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    let text = batch.data.get(start..end).unwrap_or_default();
    if text.iter().all(u8::is_ascii_whitespace) {
        batch.data.truncate(start);
        return Ok(true);
    }
    batch.data.truncate(end);
    let line = *line;
    batch.entries.push(if json {
        Entry::Json { line, start, end }
    } else {
        Entry::Body { line, start, end }
    });
    Ok(true)
}

/// Skips to the next newline (included); returns the bytes skipped.
fn skip_line(input: &mut dyn BufRead) -> io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        let (n, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        input.consume(n);
        skipped = skipped.saturating_add(n as u64);
        if done {
            return Ok(skipped);
        }
    }
}

/// Reads one CSV record into `batch`; `Ok(false)` at the end of the input.
fn next_csv(
    reader: &mut csv::Reader<Budgeted>,
    column: usize,
    name: &str,
    record: &mut csv::ByteRecord,
    batch: &mut Batch,
    consumed: &mut u64,
) -> io::Result<bool> {
    let before = reader.position().byte();
    let read = reader.read_byte_record(record);
    let after = reader.position().byte();
    *consumed = consumed.saturating_add(after.saturating_sub(before));
    let line = record.position().map_or(0, csv::Position::line);
    match read {
        Ok(false) => Ok(false),
        Ok(true) => {
            match record.get(column) {
                Some(body) if body.len() > MAX_FORM_BYTES => {
                    batch.entries.push(Entry::Unreadable {
                        line,
                        why: format!("body is longer than {MAX_FORM_BYTES} bytes"),
                    })
                }
                Some(body) if body.iter().all(u8::is_ascii_whitespace) => {
                    batch.entries.push(Entry::Unreadable {
                        line,
                        why: format!("column {name:?} is empty"),
                    })
                }
                Some(body) => {
                    let start = batch.data.len();
                    batch.data.extend_from_slice(body);
                    let end = batch.data.len();
                    batch.entries.push(Entry::Body { line, start, end });
                }
                None => batch.entries.push(Entry::Unreadable {
                    line,
                    why: format!("the record has no column {name:?}"),
                }),
            }
            Ok(true)
        }
        Err(e) if e.is_io_error() => Err(io::Error::other(e)),
        Err(e) => {
            let line = e.position().map_or(line, csv::Position::line);
            batch.entries.push(Entry::Unreadable {
                line,
                why: format!("not a CSV record: {e}"),
            });
            Ok(true)
        }
    }
}

/// The body of a JSONL line: the string in field `field` of the object.
pub fn json_body(text: &[u8], field: &str) -> Result<String, String> {
    let value: serde_json::Value =
        serde_json::from_slice(text).map_err(|e| format!("not JSON: {e}"))?;
    let serde_json::Value::Object(mut object) = value else {
        return Err(String::from("not a JSON object"));
    };
    match object.remove(field) {
        Some(serde_json::Value::String(body)) => Ok(body),
        Some(_) => Err(format!("field {field:?} is not a string")),
        None => Err(format!("no field {field:?}")),
    }
}
