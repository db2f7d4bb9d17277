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

/// `record` as one JSON object: the bytes `serde_json::to_writer` writes for it (the fields
/// in their order, no spaces), with the keys and the punctuation written as they are and
/// serde_json called only for a string that needs escaping (a quote, a backslash, a control
/// character): most fields are plain ASCII, and the derived serializer's calls per key and
/// value cost more than the record's bytes.
fn push_json(buf: &mut Vec<u8>, record: &Record<'_>) -> serde_json::Result<()> {
    /// A JSON string, or `null`.
    fn text(buf: &mut Vec<u8>, value: Option<&str>) -> serde_json::Result<()> {
        let Some(value) = value else {
            buf.extend_from_slice(b"null");
            return Ok(());
        };
        if !value
            .bytes()
            .any(|b| NEEDS_ESCAPE.get(usize::from(b)) == Some(&true))
        {
            buf.push(b'"');
            buf.extend_from_slice(value.as_bytes());
            buf.push(b'"');
            Ok(())
        } else {
            serde_json::to_writer(&mut *buf, value)
        }
    }
    buf.extend_from_slice(b"{\"line\":");
    buf.extend_from_slice(itoa::Buffer::new().format(record.line).as_bytes());
    buf.extend_from_slice(b",\"verdict\":");
    text(buf, Some(record.verdict))?;
    buf.extend_from_slice(b",\"key\":");
    match record.key {
        Some(key) => buf.extend_from_slice(itoa::Buffer::new().format(key).as_bytes()),
        None => buf.extend_from_slice(b"null"),
    }
    // Each key with its punctuation, written at once.
    let strings: [(&[u8], Option<&str>); 9] = [
        (b",\"algorithm\":", record.algorithm),
        (b",\"transport\":", record.transport),
        (b",\"list\":", record.list),
        (b",\"order_id\":", record.order_id),
        (b",\"pay_id\":", record.pay_id),
        (b",\"status\":", record.status),
        (b",\"amount\":", record.amount),
        (b",\"currency\":", record.currency),
        (b",\"error\":", record.error),
    ];
    for (key, value) in strings {
        buf.extend_from_slice(key);
        text(buf, value)?;
    }
    buf.push(b'}');
    Ok(())
}

/// The bytes a JSON string escapes: a quote, a backslash, control characters (below 0x20).
#[allow(clippy::indexing_slicing)]
static NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

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
    /// An encoder writing into `buf` (emptied first; its memory reused) with room for
    /// `capacity` bytes.
    pub fn new(format: OutputFormat, mut buf: Vec<u8>, capacity: usize) -> Encoder {
        buf.clear();
        buf.reserve(capacity);
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
                push_json(buf, record).map_err(|e| e.to_string())?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn field() -> impl Strategy<Value = Option<String>> {
        proptest::option::of(prop_oneof![
            "[A-Za-z0-9 .,/-]{0,12}",
            any::<String>(),
            Just(String::from(
                "\"quoted\" \\ back\u{1}\n\u{7f}\u{e9}\u{2028}"
            )),
        ])
    }

    proptest! {
        /// The JSON record is what serde_json writes for the derived serializer, byte for byte.
        #[test]
        fn json_is_what_serde_json_writes(
            line in any::<u64>(),
            key in proptest::option::of(any::<usize>()),
            fields in proptest::collection::vec(field(), 10),
        ) {
            let f = |i: usize| fields[i].as_deref();
            let record = Record {
                line,
                verdict: f(0).unwrap_or("verified"),
                key,
                algorithm: f(1),
                transport: f(2),
                list: f(3),
                order_id: f(4),
                pay_id: f(5),
                status: f(6),
                amount: f(7),
                currency: f(8),
                error: f(9),
            };
            let mut ours = Vec::new();
            push_json(&mut ours, &record).unwrap();
            prop_assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&record).unwrap()
            );
        }
    }
}
