//! Arbitrary bytes through `Params::parse_form`; the first byte picks the transport charset.
//! A set that parses must survive `to_form` and a second parse unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogone_fuzz::checks::form_decode(data));
