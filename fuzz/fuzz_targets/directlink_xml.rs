//! Arbitrary bytes through `DirectLinkResponse::parse` and its accessors.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogone_fuzz::checks_xml::directlink_xml(data));
