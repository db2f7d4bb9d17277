//! The floor of `benches/audit-tool.sh`: the raw SHA-256 (`sha2`) of each canonical string
//! (one a line of the file, as `audit_gen` writes them), one hash a record, the records split
//! over `THREADS` threads. The strings are read into memory first; only the hashing is timed
//! (best of three runs).
//!
//! `cargo run --release -p shasign --example audit_floor -- DIR/canonical.txt THREADS` prints
//! the seconds.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::hint::black_box;
use std::time::Instant;

use sha2::{Digest, Sha256};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: audit_floor FILE THREADS");
    let threads: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1).max(1);
    let text = std::fs::read(path).unwrap();
    let lines: Vec<&[u8]> = text
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let chunk = lines.len().div_ceil(threads).max(1);
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let started = Instant::now();
        let folded: u8 = std::thread::scope(|scope| {
            let handles: Vec<_> = lines
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .fold(0u8, |acc, line| acc ^ Sha256::digest(black_box(line))[0])
                    })
                })
                .collect();
            handles
                .into_iter()
                .fold(0, |acc, h| acc ^ h.join().unwrap())
        });
        black_box(folded);
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!("{best:.3}");
}
