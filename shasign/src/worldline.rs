//! `shasign worldline-sign` and `shasign worldline-webhook` (feature `worldline`).

use std::io::{self, Read, Write};
use std::process::ExitCode;

use ogone::ErrorKind;
use ogone::worldline::{ApiKey, Error, RequestToSign, ResourceMode, WebhookKeys, WebhookVerifier};

use crate::failure::Failure;

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

fn value(args: &mut impl Iterator<Item = String>, flag: &str) -> Result<String, Failure> {
    args.next()
        .ok_or_else(|| Failure::Bad(format!("{flag} needs a value")))
}

fn set(slot: &mut Option<String>, v: String, flag: &str) -> Result<(), Failure> {
    if slot.replace(v).is_some() {
        return Err(Failure::Bad(format!("{flag} is given twice")));
    }
    Ok(())
}

fn bad(e: Error) -> Failure {
    Failure::Bad(e.to_string())
}

/// Runs `worldline-sign` or `worldline-webhook` with the arguments after the command.
pub fn run(
    command: &str,
    args: impl Iterator<Item = String>,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    match command {
        "worldline-sign" => sign(args, out),
        _ => webhook(args, out),
    }
}

fn sign(mut args: impl Iterator<Item = String>, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let (mut method, mut resource, mut content_type, mut date, mut mode) =
        (None, None, None, None, None);
    let mut headers = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--method" => set(&mut method, value(&mut args, &arg)?, &arg)?,
            "--resource" => set(&mut resource, value(&mut args, &arg)?, &arg)?,
            "--content-type" => set(&mut content_type, value(&mut args, &arg)?, &arg)?,
            "--date" => set(&mut date, value(&mut args, &arg)?, &arg)?,
            "--resource-mode" => set(&mut mode, value(&mut args, &arg)?, &arg)?,
            "--header" => {
                let h = value(&mut args, &arg)?;
                let (name, v) = h
                    .split_once(':')
                    .ok_or_else(|| Failure::Bad(format!("--header {h:?} is not 'Name: value'")))?;
                headers.push((name.trim().to_owned(), v.to_owned()));
            }
            other => return Err(Failure::Bad(format!("unknown option {other:?}"))),
        }
    }
    let need = |o: Option<String>, flag: &str| {
        o.ok_or_else(|| Failure::Bad(format!("{flag} is required")))
    };
    let method = need(method, "--method")?;
    let resource = need(resource, "--resource")?;
    let date = need(date, "--date")?;
    let mode = match mode.as_deref() {
        None | Some("strict") => ResourceMode::Strict,
        Some("raw") => ResourceMode::Raw,
        Some("decoded") => ResourceMode::Decoded,
        Some(other) => {
            return Err(Failure::Bad(format!(
                "--resource-mode {other:?}: expected strict, raw or decoded"
            )));
        }
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

fn webhook(
    mut args: impl Iterator<Item = String>,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let (mut key_id, mut signature) = (None, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--key-id" => set(&mut key_id, value(&mut args, &arg)?, &arg)?,
            "--signature" => set(&mut signature, value(&mut args, &arg)?, &arg)?,
            other => return Err(Failure::Bad(format!("unknown option {other:?}"))),
        }
    }
    let key_id = key_id.ok_or_else(|| Failure::Bad("--key-id is required".to_owned()))?;
    let signature = signature.ok_or_else(|| Failure::Bad("--signature is required".to_owned()))?;
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
            writeln!(out, "id: {}", event.id)?;
            writeln!(out, "type: {}", event.kind.as_deref().unwrap_or(""))?;
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
