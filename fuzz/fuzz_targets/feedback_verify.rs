//! Arbitrary bytes through `VerifiedFeedback::parse`, `FlexCheckoutFeedback::parse` (fixed
//! key) and `dangerous::UnverifiedFeedback::parse` with every typed accessor; then the body,
//! re-signed with the right key, must verify. The three verified views' `parse` (the scan)
//! must answer what `parse_form` + `verify` answers, on the body and on the body with its
//! right SHASIGN appended. The first byte picks charset and algorithm.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogone_fuzz::checks::feedback_verify(data));
