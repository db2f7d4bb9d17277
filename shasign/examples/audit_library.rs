//! The library part of `benches/audit-tool.sh`: [`ogone::audit::AuditSession::audit`] (one
//! session a thread, as `shasign audit` has) alone over
//! the bodies `audit_gen` wrote, with its keys file, the records split over `THREADS` threads
//! (in memory, no reading or writing; best of three runs), to tell the tool's own cost from
//! the auditor's.
//!
//! `cargo run --release -p shasign --example audit_library -- DIR/bodies.txt DIR/keys.txt
//! THREADS` prints the seconds.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::time::Instant;

use ogone::audit::Auditor;
use ogone::{HashAlgorithm, ShaOutKey};

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: audit_library BODIES KEYS THREADS";
    let text = std::fs::read(args.next().expect(usage)).unwrap();
    let keys = std::fs::read_to_string(args.next().expect(usage)).unwrap();
    let threads: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1).max(1);
    let mut auditor = Auditor::new().with_signed_pairs(false);
    for line in keys.lines() {
        let (algorithm, key) = line.split_once(':').unwrap();
        let algorithm = HashAlgorithm::parse(algorithm).unwrap();
        auditor = auditor.with_key(&ShaOutKey::new(key), algorithm);
    }
    let lines: Vec<&[u8]> = text
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let chunk = lines.len().div_ceil(threads).max(1);
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let started = Instant::now();
        let verified: usize = std::thread::scope(|scope| {
            let auditor = &auditor;
            let handles: Vec<_> = lines
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        let mut session = auditor.session();
                        part.iter()
                            .filter(|body| session.audit(body).as_str() == "verified")
                            .count()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(verified, lines.len());
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!("{best:.3}");
}
