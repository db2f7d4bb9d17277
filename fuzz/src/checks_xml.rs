//! Properties of `DirectLinkResponse::parse` (feature `xml`), shared by the `directlink_xml`
//! fuzz target and `tests/fuzz_regressions.rs`.

use ogone::DirectLinkResponse;

/// `directlink_xml`: any bytes; a document that parses answers every accessor without
/// panicking, and every attribute is found again by `get`, in any ASCII case.
pub fn directlink_xml(data: &[u8]) {
    let Ok(answer) = DirectLinkResponse::parse(data) else {
        return;
    };
    let _ = (answer.order_id(), answer.pay_id(), answer.pay_id_sub());
    let _ = (
        answer.acceptance(),
        answer.currency(),
        answer.payment_method(),
    );
    let _ = (answer.brand(), answer.nc_error_plus(), answer.html_answer());
    if let Ok(status) = answer.status() {
        let _ = (status.code(), status.outcome());
    }
    if let Ok(nc) = answer.nc_error() {
        let _ = (nc.code(), nc.class());
    }
    if let Ok(amount) = answer.amount() {
        let _ = amount.minor_units();
    }
    let mut names = Vec::new();
    for (name, value) in answer.iter() {
        assert_eq!(answer.get(name), Some(value), "get({name:?})");
        assert_eq!(answer.get(&name.to_ascii_lowercase()), Some(value));
        assert_eq!(answer.get(&name.to_ascii_uppercase()), Some(value));
        names.push(name.to_ascii_uppercase());
    }
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(
        names.len(),
        count,
        "attribute names are unique ignoring case"
    );
    assert_eq!(DirectLinkResponse::parse(data).as_ref(), Ok(&answer));
}
