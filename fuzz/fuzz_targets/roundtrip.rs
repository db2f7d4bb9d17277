//! Arbitrary (name, value) pairs, signed with `Signer::sha_out`, `SHASIGN` appended, encoded
//! with `to_form` and decoded with `parse_form`: `verify_shasign` must succeed.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use ogone::ListKind;
use ogone_fuzz::checks::{self, ALGORITHMS, CHARSETS, ORDERS, RoundtripCase, TRANSPORTS, pick};

#[derive(Arbitrary, Debug)]
struct Input {
    pairs: Vec<(String, String)>,
    passphrase: String,
    algorithm: u8,
    charset: u8,
    transport: u8,
    order: u8,
    list: u8,
}

fuzz_target!(|input: Input| {
    checks::roundtrip(&RoundtripCase {
        pairs: input.pairs,
        passphrase: input.passphrase,
        algorithm: pick(&ALGORITHMS, input.algorithm),
        charset: pick(&CHARSETS, input.charset),
        transport: pick(&TRANSPORTS, input.transport),
        order: pick(&ORDERS, input.order),
        list: pick(&ListKind::ALL_KINDS, input.list),
    });
});
