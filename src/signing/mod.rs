//! The signing core: parameter sets, name orders, allow-lists, form decoding, signatures, the
//! signer and its secrets. It knows nothing of Ogone's requests or feedback; it imports only the
//! crate's bottom modules ([`crate::error`], [`crate::charset`]).

pub(crate) mod builtin_lists;
pub(crate) mod bytes;
pub(crate) mod direction;
pub(crate) mod entry;
pub(crate) mod form;
pub(crate) mod list;
pub(crate) mod list_index;
pub(crate) mod name;
pub(crate) mod order;
pub(crate) mod params;
pub(crate) mod scan;
pub(crate) mod secret;
pub(crate) mod signature;
pub(crate) mod signer;
