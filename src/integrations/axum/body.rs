//! Reading a request body under a limit: what the feedback and the webhook extractors share.

use alloc::boxed::Box;
use alloc::vec::Vec;

use axum_core::body::Body;
use http::header::CONTENT_LENGTH;
use http_body_util::{BodyExt, Limited};

/// The `Content-Length` a request declares, when it is one readable number.
pub(crate) fn declared_length(headers: &http::HeaderMap) -> Option<usize> {
    headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<usize>().ok())
}

/// The body's bytes, stopping with a [`LengthLimitError`](http_body_util::LengthLimitError)
/// past `limit` bytes.
pub(crate) async fn collect(
    body: Body,
    limit: usize,
) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
    let collected = Limited::new(body, limit).collect().await?;
    Ok(collected.to_bytes().to_vec())
}
