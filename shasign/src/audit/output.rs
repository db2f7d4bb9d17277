//! The output records, one an input record: JSONL or CSV, the same fields in the same order.

use serde::Serialize;

use crate::cli::OutputFormat;

/// The fields of a record, in their order (also the CSV header row).
pub const FIELDS: [&str; 12] = [
    "line",
    "verdict",
    "key",
    "algorithm",
    "transport",
    "list",
    "order_id",
    "pay_id",
    "status",
    "amount",
    "currency",
    "error",
];

/// One output record. `key`, `algorithm`, `transport` and `list` are `None` (null, or an empty
/// CSV field) unless verified; `error` is `None` when verified.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub line: u64,
    pub verdict: &'a str,
    pub key: Option<usize>,
    pub algorithm: Option<&'a str>,
    pub transport: Option<&'a str>,
    pub list: Option<&'a str>,
    pub order_id: Option<&'a str>,
    pub pay_id: Option<&'a str>,
    pub status: Option<&'a str>,
    pub amount: Option<&'a str>,
    pub currency: Option<&'a str>,
    pub error: Option<&'a str>,
}

/// The text before the first record: the CSV header row, nothing for JSONL.
pub fn header(format: OutputFormat) -> String {
    match format {
        OutputFormat::Jsonl => String::new(),
        OutputFormat::Csv => format!("{}\n", FIELDS.join(",")),
    }
}

/// Appends the records of one batch, in a format.
pub enum Encoder {
    Jsonl(Vec<u8>),
    Csv(Box<csv::Writer<Vec<u8>>>),
}

impl Encoder {
    pub fn new(format: OutputFormat, capacity: usize) -> Encoder {
        let buf = Vec::with_capacity(capacity);
        match format {
            OutputFormat::Jsonl => Encoder::Jsonl(buf),
            OutputFormat::Csv => Encoder::Csv(Box::new(
                csv::WriterBuilder::new()
                    .has_headers(false)
                    .terminator(csv::Terminator::Any(b'\n'))
                    .from_writer(buf),
            )),
        }
    }

    /// Appends `record`. Writing into memory fails only if serializing does, which these
    /// fields cannot.
    pub fn push(&mut self, record: &Record<'_>) -> Result<(), String> {
        match self {
            Encoder::Jsonl(buf) => {
                serde_json::to_writer(&mut *buf, record).map_err(|e| e.to_string())?;
                buf.push(b'\n');
                Ok(())
            }
            Encoder::Csv(writer) => writer.serialize(record).map_err(|e| e.to_string()),
        }
    }

    /// The bytes of the records pushed.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        match self {
            Encoder::Jsonl(buf) => Ok(buf),
            Encoder::Csv(writer) => writer.into_inner().map_err(|e| e.error().to_string()),
        }
    }
}
