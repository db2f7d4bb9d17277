//! Adapters from web-framework types to the framework-agnostic
//! [`VerifiedFeedback::from_request`](crate::VerifiedFeedback::from_request): feature `http`
//! for the `http` crate's request types, feature `axum` for an extractor. They sit on top of
//! the protocol layer; nothing else in the crate imports them, and no type of theirs appears
//! elsewhere in the public API.

#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "http")]
pub mod http;
