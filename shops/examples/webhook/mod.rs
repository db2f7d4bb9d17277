//! What the Worldline webhook examples share (`worldline_webhook` and `migration_shop` include
//! it with `#[path = "webhook/mod.rs"] mod webhook;`): the webhook keys from the environment
//! and the endpoint-verification GET.

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ogone::worldline::{
    ENDPOINT_VERIFICATION_HEADER, WebhookKeys, WebhookVerifier, endpoint_verification_body,
};

use crate::env::optional_env;

/// Where Worldline posts webhooks (the URL configured in the Merchant Portal).
pub const WEBHOOK_PATH: &str = "/webhooks/worldline";

/// The current webhook key (`WORLDLINE_WEBHOOK_KEY_ID`, `WORLDLINE_WEBHOOK_SECRET`, required)
/// and, during a rotation, the previous one (`WORLDLINE_WEBHOOK_PREVIOUS_KEY_ID`,
/// `WORLDLINE_WEBHOOK_PREVIOUS_SECRET`).
pub fn verifier_from_env() -> Result<WebhookVerifier, String> {
    let mut keys = WebhookKeys::new();
    for (id_var, secret_var, required) in [
        ("WORLDLINE_WEBHOOK_KEY_ID", "WORLDLINE_WEBHOOK_SECRET", true),
        (
            "WORLDLINE_WEBHOOK_PREVIOUS_KEY_ID",
            "WORLDLINE_WEBHOOK_PREVIOUS_SECRET",
            false,
        ),
    ] {
        match (optional_env(id_var)?, optional_env(secret_var)?) {
            (Some(id), Some(secret)) => keys
                .insert(&id, &secret)
                .map_err(|e| format!("{id_var} / {secret_var}: {e}"))?,
            (None, None) if !required => {}
            _ => return Err(format!("set both {id_var} and {secret_var}")),
        }
    }
    Ok(WebhookVerifier::new(keys))
}

/// `GET /webhooks/worldline`: the endpoint-verification handshake, the value of
/// `X-GCS-Webhooks-Endpoint-Verification` echoed as a `text/plain` body. It carries no
/// signature; Worldline documents it for Connect, whether Direct sends it is not established,
/// so the route is kept cheap and inert.
pub async fn endpoint_verification(headers: HeaderMap) -> Response {
    let mut values = headers.get_all(ENDPOINT_VERIFICATION_HEADER).iter();
    let value = match (values.next(), values.next()) {
        (Some(value), None) => value.to_str().ok(),
        _ => None,
    };
    match value {
        Some(value) => (
            [
                (header::CONTENT_TYPE, "text/plain"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            endpoint_verification_body(value).to_string(),
        )
            .into_response(),
        None => (
            StatusCode::BAD_REQUEST,
            "one visible-ASCII X-GCS-Webhooks-Endpoint-Verification header expected",
        )
            .into_response(),
    }
}
