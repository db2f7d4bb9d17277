//! One order update for both platforms: a verified legacy feedback, a verified Worldline
//! webhook event and a Worldline get-payment / get-hosted-checkout answer all become an
//! [`OrderUpdate`], and [`OrderUpdate::decide`] says, from what the shop stored last for the
//! order, whether to apply it, whether it was handled already, or whether it is stale.

pub(crate) mod decision;
pub(crate) mod error;
pub(crate) mod from_feedback;
#[cfg(feature = "worldline")]
pub(crate) mod from_worldline;
pub(crate) mod update;

pub use decision::{Decision, LastApplied};
pub use error::OrderUpdateError;
pub use update::{OrderUpdate, Origin};
