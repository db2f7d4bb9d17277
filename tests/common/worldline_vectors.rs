//! The records of tests/vectors/worldline_direct_sdks.txt (spec section 3, from the official
//! Worldline SDKs' tests) and the webhook bodies they name. A test file includes this module
//! with `#[path = "common/worldline_vectors.rs"] mod vectors;`.

const VECTORS: &str = include_str!("../vectors/worldline_direct_sdks.txt");

/// One `[ID]` record: its `name = value` lines in order (a name may repeat).
pub struct Record {
    pub id: String,
    pub fields: Vec<(String, String)>,
}

impl Record {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn need(&self, name: &str) -> &str {
        self.get(name)
            .unwrap_or_else(|| panic!("{}: no {name}", self.id))
    }
}

pub fn records() -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    for line in VECTORS.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(id) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push(Record {
                id: id.to_owned(),
                fields: Vec::new(),
            });
            continue;
        }
        let (name, value) = line.split_once('=').expect("name = value");
        let value = value.strip_prefix(' ').unwrap_or(value);
        out.last_mut()
            .expect("a record")
            .fields
            .push((name.trim().to_owned(), value.to_owned()));
    }
    out
}

/// The record `id`.
pub fn record(id: &str) -> Record {
    records()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

/// The library's `tests/vectors/`, found from the manifest of the crate under test: this file
/// is also compiled into the tests of the workspace members (`shops/`, `shasign/`).
fn vectors_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("tests/vectors"))
        .find(|dir| dir.join("worldline_direct_sdks.txt").is_file())
        .unwrap()
}

/// A webhook record's body: its `body_file` with its `body_transform`, if any.
pub fn body(r: &Record) -> Vec<u8> {
    let raw = std::fs::read(vectors_dir().join(r.need("body_file"))).unwrap();
    let text = String::from_utf8(raw).unwrap();
    let text = match r.get("body_transform") {
        None => text,
        Some("envelope") => {
            let mark = "\"type\": \"payment.paid\"";
            let end = text.find(mark).unwrap() + mark.len();
            format!("{}\n}}", &text[..end])
        }
        Some("v0") => text.replacen("\"apiVersion\": \"v1\"", "\"apiVersion\": \"v0\"", 1),
        Some("crlf") => text.replace('\n', "\r\n"),
        Some(other) => panic!("transform {other}"),
    };
    text.into_bytes()
}
