//! Adapters from web-framework types to the framework-agnostic
//! [`VerifiedFeedback::from_request`](crate::VerifiedFeedback::from_request): feature `http`
//! for the `http` crate's request types, feature `axum` for an extractor. With the feature
//! `worldline` too, the same adapters exist for Worldline Direct webhooks over
//! `WebhookVerifier::verify`: `http::verified_event` and `http::WebhookRequestExt` (the twins
//! of `verified_feedback` and `FeedbackRequestExt`), `axum::WorldlineEvent` and
//! `axum::EventRejection` (the twins of `OgoneFeedback` and `FeedbackRejection`). They sit on
//! top of the protocol layer; nothing else in the crate imports them, and no type of theirs
//! appears elsewhere in the public API.

#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "http")]
pub mod http;
