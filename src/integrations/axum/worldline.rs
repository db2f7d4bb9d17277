//! The axum extractor of a verified Worldline Direct webhook event (features `axum` and
//! `worldline`), the twin of [`OgoneFeedback`](super::OgoneFeedback) and
//! [`FeedbackRejection`](super::FeedbackRejection).

use core::fmt;

use axum_core::extract::{FromRef, FromRequest, Request};
use axum_core::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::ALLOW;
use http_body_util::LengthLimitError;

use crate::error::ErrorKind;
use crate::integrations::http::worldline::verified_event;
use crate::worldline::error::Error;
use crate::worldline::event::Event;
use crate::worldline::webhook::WebhookVerifier;

/// The largest webhook body [`WorldlineEvent`] reads: 1 MiB. An event is a few KiB of JSON;
/// the limit only stops a client from making the server buffer without end. A longer body is
/// [`EventRejection::TooLarge`] (413), refused before it is read when its `Content-Length`
/// says so, else as soon as it passes the limit.
///
/// ```
/// assert_eq!(ogone::integrations::axum::MAX_EVENT_BYTES, 1 << 20);
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "worldline")))]
pub const MAX_EVENT_BYTES: usize = 1 << 20;

/// Extracts a verified Worldline Direct webhook [`Event`] from a request: its raw body (at most
/// [`MAX_EVENT_BYTES`]) and every `X-GCS-Signature` and `X-GCS-KeyId` header go to
/// [`verified_event`] with the [`WebhookVerifier`] it takes from the router's state through
/// [`FromRef`], as [`OgoneFeedback`](super::OgoneFeedback) takes its `FeedbackVerifier`. A
/// repeated header is refused, never picked from; the method and the `Content-Type` are not
/// looked at (the signature covers the body alone). When it fails the handler is not called
/// and [`EventRejection`] answers. The endpoint-verification GET
/// ([`endpoint_verification_body`](crate::worldline::endpoint_verification_body)) carries no
/// signature: route it to a handler of its own.
///
/// ```
/// use axum_core::extract::{FromRef, FromRequest};
/// use ogone::integrations::axum::{EventRejection, WorldlineEvent};
/// use ogone::worldline::{ApiKey, WebhookKeys, WebhookVerifier, signature};
///
/// #[derive(Clone)]
/// struct Shop {
///     webhooks: WebhookVerifier,
/// }
///
/// impl FromRef<Shop> for WebhookVerifier {
///     fn from_ref(shop: &Shop) -> WebhookVerifier {
///         shop.webhooks.clone()
///     }
/// }
///
/// // Only verified events reach the handler: with axum, route it as
/// // `Router::new().route("/webhooks/worldline", post(webhook)).with_state(shop)`.
/// async fn webhook(WorldlineEvent(event): WorldlineEvent) -> &'static str {
///     // ... de-duplicate on event.idempotency_key(), move the order, then:
///     "ok"
/// }
///
/// let mut keys = WebhookKeys::new();
/// keys.insert("key-2026", "a webhook secret")?;
/// let shop = Shop { webhooks: WebhookVerifier::new(keys) };
/// let body = r#"{"apiVersion":"v1","id":"e1","type":"payment.captured"}"#;
/// let request = http::Request::post("/webhooks/worldline")
///     .header("X-GCS-KeyId", "key-2026")
///     .header("X-GCS-Signature", signature(&ApiKey::parse("key-2026", "a webhook secret")?, body))
///     .body(axum_core::body::Body::from(body))?;
/// // What axum does for each request: extract with the router's state, then call the handler.
/// let extracted = block_on(WorldlineEvent::from_request(request, &shop))?;
/// assert_eq!(block_on(webhook(extracted)), "ok");
///
/// let forged = http::Request::post("/webhooks/worldline")
///     .header("X-GCS-KeyId", "key-2026")
///     .header("X-GCS-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
///     .body(axum_core::body::Body::from(body))?;
/// let refused: EventRejection = block_on(WorldlineEvent::from_request(forged, &shop)).unwrap_err();
/// assert_eq!(refused.status(), 403);
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     // Any executor does (the body is in memory: the future is ready at once).
/// #     let mut future = std::pin::pin!(future);
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     loop {
/// #         if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) { return out; }
/// #     }
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "worldline")))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorldlineEvent(pub Event);

/// Why [`WorldlineEvent`] refused a request. As a response: the status of its
/// [`kind`](EventRejection::kind) and a fixed plain-text body naming only that kind
/// (`webhook not authentic`, `malformed webhook`, `webhook too large`, ...), nothing of the
/// request. Its `Display` (for your logs) is the [`Error`]'s, which carries no secret nor the
/// received signature; so does its `Debug`. Take a `Result<WorldlineEvent, EventRejection>` to
/// log why before answering.
///
/// ```
/// use axum_core::response::IntoResponse;
/// use ogone::integrations::axum::EventRejection;
/// use ogone::worldline::Error;
///
/// let rejection = EventRejection::Refused(Error::Mismatch);
/// assert_eq!(rejection.status(), 403);
/// assert_eq!(rejection.to_string(), "the webhook signature does not match the body");
/// assert_eq!(rejection.into_response().status(), 403);
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "worldline")))]
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventRejection {
    /// The webhook is refused for this reason (its kind gives the status).
    Refused(Error),
    /// The body is over [`MAX_EVENT_BYTES`]: 413.
    TooLarge {
        /// The body's length: its `Content-Length` when it declared one over the limit, else
        /// `limit + 1` (reading stopped there).
        len: usize,
        /// The limit, [`MAX_EVENT_BYTES`].
        limit: usize,
    },
    /// The body could not be read (the connection broke, say): 400, as a malformed request.
    UnreadableBody,
}

impl EventRejection {
    /// The kind of failure: [`Error::kind`], [`ErrorKind::TooLarge`] for a body over the limit
    /// and [`ErrorKind::Malformed`] for an unreadable body.
    ///
    /// ```
    /// use ogone::ErrorKind;
    /// use ogone::integrations::axum::{EventRejection, MAX_EVENT_BYTES};
    /// use ogone::worldline::Error;
    ///
    /// let too_large = EventRejection::TooLarge { len: 2 << 20, limit: MAX_EVENT_BYTES };
    /// assert_eq!(too_large.kind(), ErrorKind::TooLarge);
    /// assert_eq!(EventRejection::Refused(Error::ApiVersion).kind(), ErrorKind::Malformed);
    /// assert_eq!(EventRejection::UnreadableBody.kind(), ErrorKind::Malformed);
    /// ```
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            EventRejection::Refused(error) => error.kind(),
            EventRejection::TooLarge { .. } => ErrorKind::TooLarge,
            EventRejection::UnreadableBody => ErrorKind::Malformed,
        }
    }

    /// The HTTP status it answers with: [`ErrorKind::http_status`] of its kind.
    ///
    /// ```
    /// use ogone::integrations::axum::EventRejection;
    /// use ogone::worldline::Error;
    ///
    /// assert_eq!(EventRejection::Refused(Error::UnknownKeyId).status(), 403);
    /// assert_eq!(EventRejection::TooLarge { len: 2 << 20, limit: 1 << 20 }.status(), 413);
    /// ```
    #[must_use]
    pub fn status(&self) -> u16 {
        self.kind().http_status()
    }

    /// The Worldline error, when the webhook was refused for one.
    ///
    /// ```
    /// use ogone::integrations::axum::EventRejection;
    /// use ogone::worldline::Error;
    ///
    /// assert_eq!(EventRejection::Refused(Error::Mismatch).error(), Some(&Error::Mismatch));
    /// assert_eq!(EventRejection::UnreadableBody.error(), None);
    /// ```
    #[must_use]
    pub fn error(&self) -> Option<&Error> {
        match self {
            EventRejection::Refused(error) => Some(error),
            EventRejection::TooLarge { .. } | EventRejection::UnreadableBody => None,
        }
    }
}

impl From<Error> for EventRejection {
    /// [`EventRejection::Refused`].
    ///
    /// ```
    /// use ogone::integrations::axum::EventRejection;
    /// use ogone::worldline::Error;
    ///
    /// let rejection = EventRejection::from(Error::MissingHeader("X-GCS-Signature"));
    /// assert_eq!(rejection.status(), 403);
    /// ```
    fn from(error: Error) -> Self {
        EventRejection::Refused(error)
    }
}

impl fmt::Display for EventRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventRejection::Refused(error) => fmt::Display::fmt(error, f),
            EventRejection::TooLarge { len, limit } => write!(
                f,
                "the webhook body of {len} bytes exceeds the limit of {limit} bytes"
            ),
            EventRejection::UnreadableBody => f.write_str("the request body could not be read"),
        }
    }
}

impl std::error::Error for EventRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EventRejection::Refused(error) => Some(error),
            EventRejection::TooLarge { .. } | EventRejection::UnreadableBody => None,
        }
    }
}

impl IntoResponse for EventRejection {
    /// The status of [`EventRejection::kind`] and a fixed `text/plain` body naming the kind:
    /// `webhook not authentic` (403), `malformed webhook` (400), `webhook too large` (413),
    /// `webhook cannot be verified` (500, a configuration fault).
    ///
    /// ```
    /// use axum_core::response::IntoResponse;
    /// use ogone::integrations::axum::EventRejection;
    /// use ogone::worldline::Error;
    ///
    /// let response = EventRejection::Refused(Error::DuplicatedHeader("X-GCS-KeyId")).into_response();
    /// assert_eq!(response.status(), 403);
    /// assert_eq!(response.headers()["content-type"], "text/plain; charset=utf-8");
    /// ```
    fn into_response(self) -> Response {
        let kind = self.kind();
        let status =
            StatusCode::from_u16(kind.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = match kind {
            ErrorKind::Malformed => "malformed webhook",
            ErrorKind::NotAuthentic => "webhook not authentic",
            ErrorKind::TooLarge => "webhook too large",
            // No Worldline error has these kinds today; the answers stay right if one does.
            ErrorKind::MethodNotAllowed => "method not allowed",
            ErrorKind::Unsupported => "unsupported media type",
            ErrorKind::Configuration => "webhook cannot be verified",
        };
        if kind == ErrorKind::MethodNotAllowed {
            (status, [(ALLOW, "POST")], body).into_response()
        } else {
            (status, body).into_response()
        }
    }
}

impl<S> FromRequest<S> for WorldlineEvent
where
    WebhookVerifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = EventRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = WebhookVerifier::from_ref(state);
        let (parts, body) = request.into_parts();
        let limit = MAX_EVENT_BYTES;
        let declared = crate::integrations::axum::body::declared_length(&parts.headers);
        if let Some(len) = declared.filter(|&len| len > limit) {
            return Err(EventRejection::TooLarge { len, limit });
        }
        let body = crate::integrations::axum::body::collect(body, limit)
            .await
            .map_err(|e| {
                if e.is::<LengthLimitError>() {
                    EventRejection::TooLarge {
                        len: limit.saturating_add(1),
                        limit,
                    }
                } else {
                    EventRejection::UnreadableBody
                }
            })?;
        Ok(WorldlineEvent(verified_event(
            &parts.headers,
            &body,
            &verifier,
        )?))
    }
}
