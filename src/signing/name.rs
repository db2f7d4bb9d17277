//! Parameter names: what a name may be, and the names that are never hashed.

use crate::error::Error;

/// The longest parameter name accepted, in bytes: 100. The longest name on Ingenico's lists
/// (`MPI.NUMBEROFPURCHASEWITHACCOUNTINTHELASTSIXMONTHS`) has 49; a longer name can only be
/// noise or an attack, and refusing it keeps every step before verification linear in the
/// input.
///
/// ```
/// use ogone::{Error, MAX_NAME_BYTES, Params};
///
/// let mut params = Params::new();
/// params.insert(&"A".repeat(MAX_NAME_BYTES), "1")?;
/// let too_long = params.insert(&"B".repeat(MAX_NAME_BYTES + 1), "1");
/// assert!(matches!(too_long, Err(Error::InvalidName { reason: "it is longer than 100 bytes", .. })));
/// # Ok::<(), ogone::Error>(())
/// ```
pub const MAX_NAME_BYTES: usize = 100;

/// Checks a parameter name: 1 to [`MAX_NAME_BYTES`] bytes of ASCII, without control characters,
/// `=` or `&`.
pub(crate) fn validate_name(name: &str) -> Result<(), Error> {
    let reason = if name.is_empty() {
        Some("it is empty")
    } else if name.len() > MAX_NAME_BYTES {
        Some("it is longer than 100 bytes")
    } else {
        // One pass; the first offending byte decides the reason.
        name.bytes().find_map(|b| match b {
            0x80.. => Some("it is not ASCII"),
            b'=' | b'&' => Some("it holds '=' or '&'"),
            _ if b.is_ascii_control() => Some("it holds a control character"),
            _ => None,
        })
    };
    match reason {
        Some(reason) => Err(Error::invalid_name(name, reason)),
        None => Ok(()),
    }
}

/// Names that are never hashed, whatever the list.
pub(crate) fn is_signature_name(upper: &str) -> bool {
    is_signature_name_bytes(upper.as_bytes())
}

/// [`is_signature_name`] of a name given as bytes.
pub(crate) fn is_signature_name_bytes(upper: &[u8]) -> bool {
    upper == b"SHASIGN" || upper == b"SHASIGNATURE.SHASIGN"
}
