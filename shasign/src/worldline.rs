//! `shasign worldline-sign` and `shasign worldline-webhook` (feature `worldline`).

use std::io::{self, Read, Write};
use std::process::ExitCode;

use ogone::ErrorKind;
use ogone::worldline::{ApiKey, Error, RequestToSign, ResourceMode, WebhookKeys, WebhookVerifier};

use crate::cli::{self, Worldline, WorldlineSign, WorldlineWebhook};
use crate::failure::Failure;
use crate::sets::escape_controls;

/// The environment variables.
const KEY_ID_VAR: &str = "WORLDLINE_API_KEY_ID";
const SECRET_VAR: &str = "WORLDLINE_API_SECRET";
const WEBHOOK_SECRET_VAR: &str = "WORLDLINE_WEBHOOK_SECRET";
const WEBHOOK_KEY_ID_VAR: &str = "WORLDLINE_WEBHOOK_KEY_ID";

/// The largest webhook body read from standard input.
const MAX_BODY: u64 = 1 << 20;

fn env(name: &str) -> Result<String, Failure> {
    match std::env::var(name) {
        Ok(v) => Ok(v),
        Err(std::env::VarError::NotPresent) => Err(Failure::Bad(format!("{name} is not set"))),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(Failure::Bad(format!("{name} is not valid UTF-8")))
        }
    }
}

fn bad(e: Error) -> Failure {
    Failure::Bad(e.to_string())
}

/// Runs `worldline-sign` or `worldline-webhook`.
pub fn run(command: Worldline, out: &mut impl Write) -> Result<ExitCode, Failure> {
    match command {
        Worldline::Sign(args) => sign(args, out),
        Worldline::Webhook(args) => webhook(args, out),
    }
}

fn sign(args: WorldlineSign, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let WorldlineSign {
        method,
        resource,
        content_type,
        date,
        headers,
        resource_mode,
    } = args;
    let mode = match resource_mode.unwrap_or(cli::ResourceMode::Strict) {
        cli::ResourceMode::Strict => ResourceMode::Strict,
        cli::ResourceMode::Raw => ResourceMode::Raw,
        cli::ResourceMode::Decoded => ResourceMode::Decoded,
    };
    let key = ApiKey::parse(&env(KEY_ID_VAR)?, &env(SECRET_VAR)?).map_err(bad)?;
    let mut request = RequestToSign::new(&method, &date, &resource);
    if let Some(ct) = content_type {
        request = request.content_type(&ct);
    }
    for (name, v) in &headers {
        // "Name: value": the one space after the colon belongs to the syntax.
        request = request.header(name, v.strip_prefix(' ').unwrap_or(v));
    }
    let text = request.to_string_to_sign(mode).map_err(bad)?;
    for line in text.split_inclusive('\n') {
        writeln!(out, "{}\\n", line.strip_suffix('\n').unwrap_or(line))?;
    }
    writeln!(
        out,
        "Authorization: {}",
        ogone::worldline::authorization(&key, &text)
    )?;
    Ok(ExitCode::SUCCESS)
}

fn webhook(args: WorldlineWebhook, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let WorldlineWebhook { key_id, signature } = args;
    let secret = env(WEBHOOK_SECRET_VAR)?;
    // The secret belongs to WORLDLINE_WEBHOOK_KEY_ID when set, else to --key-id.
    let known_id = match std::env::var(WEBHOOK_KEY_ID_VAR) {
        Ok(id) => id,
        Err(std::env::VarError::NotPresent) => key_id.clone(),
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(Failure::Bad(format!(
                "{WEBHOOK_KEY_ID_VAR} is not valid UTF-8"
            )));
        }
    };
    let mut keys = WebhookKeys::new();
    keys.insert(&known_id, &secret).map_err(bad)?;
    let mut body = Vec::new();
    io::stdin()
        .lock()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
        .map_err(|e| Failure::Bad(format!("cannot read standard input: {e}")))?;
    if body.len() as u64 > MAX_BODY {
        return Err(Failure::Bad(format!("the body is over {MAX_BODY} bytes")));
    }
    let verifier = WebhookVerifier::new(keys);
    let headers = [
        ("X-GCS-KeyId", key_id.as_str()),
        ("X-GCS-Signature", signature.as_str()),
    ];
    match verifier.verify(&body, headers) {
        Ok(event) => {
            // Both come from the body: escaped, so that neither can forge an output line.
            writeln!(out, "id: {}", escape_controls(&event.id))?;
            let kind = event.kind.as_deref().unwrap_or("");
            writeln!(out, "type: {}", escape_controls(kind))?;
            Ok(ExitCode::SUCCESS)
        }
        // Not authentic (mismatch, unknown key id, malformed, missing or repeated signature
        // header): 1; anything else (not a v1 event, bad configuration): 2.
        Err(e) if e.kind() == ErrorKind::NotAuthentic => {
            let _ = writeln!(io::stderr(), "shasign: {e}");
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(bad(e)),
    }
}
