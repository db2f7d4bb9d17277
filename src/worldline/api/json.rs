//! JSON parsing of answers, with a size limit and typed errors that never hold the body.

use serde::de::DeserializeOwned;

use crate::worldline::api::error::ResponseError;

/// The largest answer body read, in bytes (1 MiB). The answers this crate reads are a few
/// kilobytes.
///
/// ```
/// assert_eq!(ogone::worldline::MAX_ANSWER_BYTES, 1 << 20);
/// ```
pub const MAX_ANSWER_BYTES: usize = 1 << 20;

/// Parses JSON into `T`: over [`MAX_ANSWER_BYTES`] is [`ResponseError::TooLarge`], not JSON
/// [`ResponseError::InvalidJson`], JSON of another shape [`ResponseError::WrongShape`].
pub(crate) fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ResponseError> {
    if body.len() > MAX_ANSWER_BYTES {
        return Err(ResponseError::TooLarge {
            limit: MAX_ANSWER_BYTES,
        });
    }
    serde_json::from_slice(body).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ResponseError::WrongShape,
        _ => ResponseError::InvalidJson,
    })
}
