//! The Ogone protocol on top of the signing core: credentials, platforms and endpoints, status
//! and NCERROR codes, amounts, field validation, request builders, verified feedback, the
//! DirectLink XML answer and the mismatch diagnoser. It imports the signing core and the bottom
//! modules, never the testing aids.

pub(crate) mod amount;
pub mod audit;
pub(crate) mod credentials;
pub(crate) mod diagnose;
#[cfg(feature = "xml")]
pub(crate) mod direct_link_response;
pub(crate) mod endpoint;
pub(crate) mod feedback;
pub(crate) mod request;
#[cfg(feature = "serde")]
mod serde_impls;
pub(crate) mod status;
pub(crate) mod validate;
