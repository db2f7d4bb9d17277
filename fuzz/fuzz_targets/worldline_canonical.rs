//! Arbitrary text through the Worldline header unfolding, canonical resource and string to
//! sign (feature `worldline`). Properties: nothing panics; unfolding is idempotent and leaves
//! no line break; a resource strict mode accepts is the same in every mode; a string to sign
//! has exactly one line per element (no header or resource can inject a line).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogone::worldline::{RequestToSign, ResourceMode, canonical_resource, unfold};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\u{0}');
    let resource = parts.next().unwrap_or("");
    let value = parts.next().unwrap_or("");
    let name = parts.next().unwrap_or("x-gcs-a");

    let once = unfold(value);
    assert!(!once.contains('\n'));
    assert_eq!(unfold(&once), once);

    if let Ok(strict) = canonical_resource(resource, ResourceMode::Strict) {
        assert_eq!(strict, resource);
        assert_eq!(
            canonical_resource(resource, ResourceMode::Raw).ok(),
            Some(strict.clone())
        );
        assert_eq!(
            canonical_resource(resource, ResourceMode::Decoded).ok(),
            Some(strict)
        );
    }
    let _ = canonical_resource(resource, ResourceMode::Decoded);

    for mode in [
        ResourceMode::Strict,
        ResourceMode::Raw,
        ResourceMode::Decoded,
    ] {
        let request = RequestToSign::new("GET", "Fri, 06 Jun 2014 13:39:43 GMT", resource)
            .header(name, value)
            .header("X-GCS-Other", value);
        if let Ok(s) = request.to_string_to_sign(mode) {
            let signed = request.canonical_headers().map(|h| h.len()).unwrap_or(0);
            assert_eq!(s.matches('\n').count(), 4 + signed);
            assert!(s.ends_with('\n') && !s.contains('\r'));
        }
    }
});
