//! Arbitrary bytes through `ogone::audit::Auditor::audit` (three keys, every list, the
//! transports in an order the first byte picks), then the body re-signed with one of its keys.
//! Properties: nothing panics; a verified verdict holds only signed values and agrees with the
//! signer; the re-signed body verifies, by its key; a session (`audit` and `audit_into`) gives
//! the verdicts of `audit` over the re-signed body, the body, and the re-signed body edited.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogone_fuzz::checks::audit(data));
