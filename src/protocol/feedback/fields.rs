//! How a feedback view's accessors are written, once for every view: [`accessors!`] turns a
//! list of `fn name("FIELD") -> Type = reader;` into public methods that look the field up
//! through the view's own lookup (the signed one of a verified view, the plain one of the
//! unverified view) and hand the value to a reader of this module (or
//! [`alias_status`](super::alias_status::alias_status)), which types it.

use crate::error::Error;
use crate::protocol::amount::Amount;
use crate::protocol::status::{NcError, Status};

/// Implements accessors on a feedback view: `$view, $get;` then, for each accessor, its
/// attributes (docs, `#[must_use]`) and `fn name("FIELD") -> Type = reader;`. The method
/// returns `reader(self.$get("FIELD"), "FIELD")`; a reader takes the value (`None` when the
/// field is absent, or not signed in a verified view) and the field's name for its errors.
macro_rules! accessors {
    (
        $view:ty, $get:ident;
        $(
            $(#[$attr:meta])*
            fn $name:ident($field:literal) -> $ret:ty = $read:path;
        )*
    ) => {
        impl $view {
            $(
                $(#[$attr])*
                pub fn $name(&self) -> $ret {
                    $read(self.$get($field), $field)
                }
            )*
        }
    };
}
pub(crate) use accessors;

/// A text field, as sent.
pub(crate) fn text<'a>(value: Option<&'a str>, _field: &'static str) -> Option<&'a str> {
    value
}

/// A `STATUS` field, typed.
pub(crate) fn status(value: Option<&str>, field: &'static str) -> Result<Status, Error> {
    let raw = value.ok_or(Error::MissingField(field))?;
    Status::parse(raw).ok_or(Error::InvalidField {
        field: field.into(),
        reason: "not a known status code",
    })
}

/// An `NCERROR*` field, typed.
pub(crate) fn nc_error(value: Option<&str>, field: &'static str) -> Result<NcError, Error> {
    let raw = value.ok_or(Error::MissingField(field))?;
    NcError::parse(raw).ok_or(Error::InvalidField {
        field: field.into(),
        reason: "not 0 or an 8-digit code",
    })
}

/// An `AMOUNT` field in minor units, parsed from the decimal feedback form (`15.1` is 1510)
/// without floating point.
pub(crate) fn amount(value: Option<&str>, field: &'static str) -> Result<Amount, Error> {
    let raw = value.ok_or(Error::MissingField(field))?;
    Amount::parse_decimal(raw).map_err(|_| Error::InvalidField {
        field: field.into(),
        reason: "not a decimal amount with at most two decimals",
    })
}

/// A `Y`/`N` field: `Some(true)`, `Some(false)`, or `None` when absent.
pub(crate) fn yes_no(value: Option<&str>, field: &'static str) -> Result<Option<bool>, Error> {
    match value {
        None => Ok(None),
        Some("Y") => Ok(Some(true)),
        Some("N") => Ok(Some(false)),
        Some(_) => Err(Error::InvalidField {
            field: field.into(),
            reason: "not Y or N",
        }),
    }
}
