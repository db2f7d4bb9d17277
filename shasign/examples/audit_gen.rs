//! Generates the input of `benches/audit-tool.sh`: `N` stored SHA-OUT feedback bodies (20
//! signed parameters each, like the hot-path feedback, plus two unsigned extras; SHA-256),
//! signed by the last of three keys, a third of them ASCII, a third UTF-8 with accents, a
//! third Windows-1252 with accents (as ePDQ posted them); the keys file; and the canonical
//! string of each body (what is hashed, passphrase included), for the raw-hash floor.
//!
//! `cargo run --release -p shasign --example audit_gen -- N DIR` writes `DIR/bodies.txt`,
//! `DIR/keys.txt` and `DIR/canonical.txt`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use ogone::simulate::FeedbackSimulator;
use ogone::{
    HashAlgorithm, PASSPHRASE_MARKER, Params, Passphrase, ShaOutKey, Signer, TransportCharset,
};

/// The three keys: two retired ones first, the one that signed last.
const KEYS: [&str; 3] = [
    "Retired-2019-key-Zp4!",
    "Retired-2021-key-Qm8#",
    "Mysecretsig1875!?Qx7#pL2w",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .expect("usage: audit_gen N DIR");
    let dir = args.next().expect("usage: audit_gen N DIR");
    let dir = Path::new(&dir);

    let mut keys = BufWriter::new(File::create(dir.join("keys.txt")).unwrap());
    for key in KEYS {
        writeln!(keys, "sha256:{key}").unwrap();
    }
    keys.flush().unwrap();

    let key = ShaOutKey::new(KEYS[2]);
    let utf8 = FeedbackSimulator::new(&key, HashAlgorithm::Sha256);
    let cp1252 = utf8.clone().with_transport(TransportCharset::Windows1252);
    let signer = Signer::sha_out(Passphrase::new(KEYS[2]), HashAlgorithm::Sha256);
    let mut bodies = BufWriter::new(File::create(dir.join("bodies.txt")).unwrap());
    let mut canonical = BufWriter::new(File::create(dir.join("canonical.txt")).unwrap());
    for i in 0..n {
        let name = if i % 3 == 0 {
            "Marie-Claire Dupont"
        } else {
            "Zoë Lefèvre-Müller"
        };
        let fields = fields(i, name);
        let simulator = if i % 3 == 2 { &cp1252 } else { &utf8 };
        let body = simulator.body_of(&fields).unwrap();
        writeln!(bodies, "{body}").unwrap();
        let params =
            Params::try_from_pairs(fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
        let explained = signer.explain(&params);
        assert_eq!(explained.kept().len(), 20, "{:?}", explained.dropped());
        let text = explained.to_string().replace(PASSPHRASE_MARKER, KEYS[2]);
        writeln!(canonical, "{text}").unwrap();
    }
    bodies.flush().unwrap();
    canonical.flush().unwrap();
}

/// The fields of feedback `i`: the first twenty SHA-OUT fields of the hot-path feedback
/// (order id, PAYID and amount varying), then two unsigned extras.
fn fields(i: usize, name: &str) -> Vec<(String, String)> {
    let order_id = format!("WEB-2024-{i:09}");
    let pay_id = format!("{}", 3_014_726_543u64 + i as u64);
    let amount = format!("{}.{}", 10 + i % 990, i % 10);
    let status = if i % 10 == 0 { "5" } else { "9" };
    [
        ("orderID", order_id.as_str()),
        ("STATUS", status),
        ("currency", "EUR"),
        ("amount", amount.as_str()),
        ("PM", "CreditCard"),
        ("ACCEPTANCE", "AB1234"),
        ("CARDNO", "XXXXXXXXXXXX1111"),
        ("ED", "1230"),
        ("CN", name),
        ("TRXDATE", "11/27/26"),
        ("PAYID", pay_id.as_str()),
        ("PAYIDSUB", "0"),
        ("NCERROR", "0"),
        ("BRAND", "VISA"),
        ("IP", "192.0.2.44"),
        ("IPCTY", "FR"),
        ("CCCTY", "FR"),
        ("ECI", "7"),
        ("CVCCheck", "NO"),
        ("AAVCheck", "NO"),
        ("NCERRORPLUS", "!"),
        ("SessionToken", "a1b2c3d4e5"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}
