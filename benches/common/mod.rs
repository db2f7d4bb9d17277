//! Fixtures shared by the benchmarks.
#![allow(dead_code)]

use std::time::Duration;

use criterion::Criterion;

/// Criterion as every benchmark here runs it (short runs; `cargo bench -- <options>` still
/// overrides), with `samples` samples.
pub fn criterion(samples: usize) -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(samples)
        .configure_from_args()
}

/// The passphrase every benchmark signs with (25 characters, as a generated one would be).
pub const PASSPHRASE: &str = "Mysecretsig1875!?Qx7#pL2w";

/// Parameter counts every benchmark is run at, so that the cost per parameter shows.
pub const SIZES: [usize; 3] = [5, 20, 100];

/// Appends basket lines (`itemID1`, `itemName1`, `itemPrice1`, `itemQuant1`, then line 2...)
/// to `pairs` until it holds `n`, names spelt by `case`, then cuts it to `n`.
pub fn fill_with_basket(pairs: &mut Vec<(String, String)>, n: usize, case: fn(&str) -> String) {
    let mut line = 1;
    while pairs.len() < n {
        pairs.push((
            case(&format!("itemID{line}")),
            format!("SKU-{:08}", 4_100_000 + line * 37),
        ));
        pairs.push((
            case(&format!("itemName{line}")),
            format!("Chemise en lin lavé, coupe droite, taille M, coloris {line}"),
        ));
        pairs.push((
            case(&format!("itemPrice{line}")),
            format!("{}.{:02}", 19 + line % 40, (line * 13) % 100),
        ));
        pairs.push((
            case(&format!("itemQuant{line}")),
            format!("{}", 1 + line % 3),
        ));
        line += 1;
    }
    pairs.truncate(n);
}
