//! `shasign worldline-sign` and `shasign worldline-webhook`, run as a process, on the SDK
//! vectors of tests/vectors/worldline_direct_sdks.txt (R1, R2, W1, W4); without the
//! `worldline` feature, that both commands are bad usage (exit 2).
// The helpers run outside #[test] fns and fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The binary of this package, which cargo builds for its integration tests (with the
/// features of the test run).
fn shasign() -> &'static str {
    env!("CARGO_BIN_EXE_shasign")
}

fn run(args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Output {
    run_with(args, env, stdin, |_| {})
}

/// `run`, with `more` setting up the command further (an environment value that is not UTF-8).
fn run_with(
    args: &[&str],
    env: &[(&str, &str)],
    stdin: &[u8],
    more: impl FnOnce(&mut Command),
) -> Output {
    let mut cmd = Command::new(shasign());
    cmd.args(args)
        .env_remove("WORLDLINE_API_KEY_ID")
        .env_remove("WORLDLINE_API_SECRET")
        .env_remove("WORLDLINE_WEBHOOK_SECRET")
        .env_remove("WORLDLINE_WEBHOOK_KEY_ID")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    more(&mut cmd);
    let mut child = cmd.spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    // The tool may exit on bad arguments before reading: a broken pipe here is fine.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// Without the feature, both commands are bad usage: exit 2 and one line saying why.
#[cfg(not(feature = "worldline"))]
#[test]
fn without_the_feature_the_commands_exit_2() {
    for command in ["worldline-sign", "worldline-webhook"] {
        let out = run(&[command, "--key-id", "k"], &[], b"{}");
        assert_eq!(out.status.code(), Some(2), "{command}");
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("without the `worldline` feature"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

/// The commands, built with the feature.
#[cfg(feature = "worldline")]
mod with_the_feature {
    use super::{run, text};

    const K1: [(&str, &str); 2] = [
        ("WORLDLINE_API_KEY_ID", "apiKeyId"),
        ("WORLDLINE_API_SECRET", "secretApiKey"),
    ];
    const D: &str = "Fri, 06 Jun 2014 13:39:43 GMT";
    /// `worldline-sign` of a GET on `/v2/1`, signed with the key in the environment.
    const SIGN_GET: [&str; 7] = [
        "worldline-sign",
        "--method",
        "GET",
        "--resource",
        "/v2/1",
        "--date",
        D,
    ];

    #[test]
    fn sign_reproduces_r2_and_shows_the_string() {
        let out = run(
            &[
                "worldline-sign",
                "--method",
                "DELETE",
                "--resource",
                "/v2/1/tokens/2",
                "--content-type",
                "application/json",
                "--date",
                D,
                "--header",
                "X-GCS-ServerMetaInfo: processed header value",
                "--header",
                "X-GCS-ClientMetaInfo: processed header value",
                "--header",
                "X-GCS-CustomerHeader: processed header value",
            ],
            &K1,
            b"",
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            "DELETE\\n\napplication/json\\n\nFri, 06 Jun 2014 13:39:43 GMT\\n\n\
         x-gcs-clientmetainfo:processed header value\\n\n\
         x-gcs-customerheader:processed header value\\n\n\
         x-gcs-servermetainfo:processed header value\\n\n/v2/1/tokens/2\\n\n\
         Authorization: GCS v1HMAC:apiKeyId:jXG/ESTtRWawO4OOyxOrtWcQA8XkrZKeoHeGGIj4jws=\n"
        );
    }

    #[test]
    fn sign_reproduces_r1_with_an_empty_content_type_line() {
        let env = [
            ("WORLDLINE_API_KEY_ID", "EC36A74A98D21"),
            ("WORLDLINE_API_SECRET", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1"),
        ];
        let out = run(
            &[
                "worldline-sign",
                "--method",
                "GET",
                "--resource",
                "/v2/1/tokens/2",
                "--date",
                D,
            ],
            &env,
            b"",
        );
        assert_eq!(out.status.code(), Some(0));
        let stdout = text(&out.stdout);
        assert!(stdout.starts_with("GET\\n\n\\n\n"));
        assert!(stdout.ends_with(
            "Authorization: GCS v1HMAC:EC36A74A98D21:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA=\n"
        ));
    }

    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);

    #[test]
    fn sign_bad_input_exits_2_with_one_line() {
        let cases: [Case; 2] = [
            (
                &[
                    "worldline-sign",
                    "--method",
                    "GET",
                    "--resource",
                    "/v2/a%20b",
                    "--date",
                    D,
                ],
                &K1,
            ),
            (&SIGN_GET, &[]),
        ];
        for (args, env) in cases {
            let out = run(args, env, b"");
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = text(&out.stderr);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(!err.contains("secretApiKey"));
        }
    }

    /// Usage errors (a missing or unknown option, an option given twice, a bad
    /// --resource-mode or --header): exit 2 as before, but in clap's form since issue 16,
    /// `error: <message>`, for most the usage line, and a pointer to --help, on several lines (they used to
    /// be one `shasign: ...` line, e.g. "--resource is required", "unknown option \"--bogus\"").
    #[test]
    fn sign_bad_usage_exits_2_in_clap_form() {
        let cases: [(&[&str], &str); 5] = [
            (
                &["worldline-sign", "--method", "GET", "--date", D],
                "the following required arguments were not provided:\n  --resource <R>",
            ),
            (
                &["worldline-sign", "--bogus"],
                "unexpected argument '--bogus' found",
            ),
            (
                &[&SIGN_GET[..], &["--method", "PUT"]].concat(),
                "the argument '--method <M>' cannot be used multiple times",
            ),
            (
                &[&SIGN_GET[..], &["--resource-mode", "lax"]].concat(),
                "invalid value 'lax' for '--resource-mode <strict|raw|decoded>'",
            ),
            (
                &[&SIGN_GET[..], &["--header", "X-GCS-Foo"]].concat(),
                "invalid value 'X-GCS-Foo' for '--header <Name: value>': not 'Name: value'",
            ),
        ];
        for (args, needle) in cases {
            let out = run(args, &K1, b"");
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = text(&out.stderr);
            assert!(err.starts_with("error: ") && err.contains(needle), "{err}");
            assert!(
                err.trim_end()
                    .ends_with("For more information, try '--help'."),
                "{err}"
            );
            assert!(
                out.stdout.is_empty() && !err.contains("secretApiKey"),
                "{err}"
            );
        }
    }

    /// A value that starts with `-` is still the option's value, as before clap.
    #[test]
    fn sign_takes_a_value_that_starts_with_a_hyphen() {
        let out = run(
            &[&SIGN_GET[..], &["--content-type", "-x"]].concat(),
            &K1,
            b"",
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(
            text(&out.stdout).starts_with("GET\\n\n-x\\n\n"),
            "{}",
            text(&out.stdout)
        );
    }

    /// A key id with CR LF would split the `Authorization` line in two: refused, exit 2, one
    /// line on stderr, nothing on stdout.
    #[test]
    fn sign_refuses_a_key_id_that_is_not_visible_ascii() {
        for id in ["a\r\nX-Evil: 1", "a:b", "a b"] {
            let env = [
                ("WORLDLINE_API_KEY_ID", id),
                ("WORLDLINE_API_SECRET", "secretApiKey"),
            ];
            let out = run(&SIGN_GET, &env, b"");
            assert_eq!(out.status.code(), Some(2), "{id:?}");
            let err = text(&out.stderr);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(
                !err.contains("secretApiKey") && !err.contains("X-Evil"),
                "{err}"
            );
            assert!(out.stdout.is_empty(), "{id:?}");
        }
    }

    fn body() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/vectors/worldline_direct_sdks/valid-body"
        ))
        .unwrap()
    }

    const W1_SIG: &str = "2S7doBj/GnJnacIjSJzr5fxGM5xmfQyFAwxv1I53ZEk=";
    const W1_ARGS: [&str; 5] = [
        "worldline-webhook",
        "--key-id",
        "dummy-key-id",
        "--signature",
        W1_SIG,
    ];
    const WH: [(&str, &str); 1] = [("WORLDLINE_WEBHOOK_SECRET", "hello+world")];

    #[test]
    fn webhook_w1_verifies() {
        let out = run(&W1_ARGS, &WH, &body());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            "id: 8ee793f6-4553-4749-85dc-f2ef095c5ab0\ntype: payment.paid\n"
        );
    }

    #[test]
    fn webhook_mismatch_and_unknown_key_exit_1() {
        let mut tampered = body();
        tampered.push(b'\n');
        let out = run(&W1_ARGS, &WH, &tampered);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(text(&out.stderr).lines().count(), 1);
        assert!(!text(&out.stderr).contains(W1_SIG));
        let env = [
            ("WORLDLINE_WEBHOOK_SECRET", "hello+world"),
            ("WORLDLINE_WEBHOOK_KEY_ID", "other-key"),
        ];
        let out = run(&W1_ARGS, &env, &body());
        assert_eq!(out.status.code(), Some(1));
    }

    /// Not authentic is exit 1 whatever the reason: W6 ("1" + signature, a wrong signature in
    /// the SDK tests; here no longer padded base64 of 32 bytes) and a signature that is not
    /// base64 at all, as well as a mismatch or an unknown key id.
    #[test]
    fn webhook_malformed_signature_exits_1() {
        for sig in [
            "12S7doBj/GnJnacIjSJzr5fxGM5xmfQyFAwxv1I53ZEk=",
            "not base64",
        ] {
            let args = [
                "worldline-webhook",
                "--key-id",
                "dummy-key-id",
                "--signature",
                sig,
            ];
            let out = run(&args, &WH, &body());
            assert_eq!(out.status.code(), Some(1), "{sig}");
            let err = text(&out.stderr);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(!err.contains(sig) && !err.contains("hello+world"), "{err}");
            assert!(out.stdout.is_empty());
        }
    }

    /// WORLDLINE_WEBHOOK_KEY_ID names the key id the secret belongs to: equal to --key-id the
    /// webhook verifies, unset it defaults to --key-id, not UTF-8 it is bad input (exit 2, one
    /// line), never silently ignored.
    #[test]
    fn webhook_key_id_variable() {
        let env = [
            ("WORLDLINE_WEBHOOK_SECRET", "hello+world"),
            ("WORLDLINE_WEBHOOK_KEY_ID", "dummy-key-id"),
        ];
        assert_eq!(run(&W1_ARGS, &env, &body()).status.code(), Some(0));
        assert_eq!(run(&W1_ARGS, &WH, &body()).status.code(), Some(0));
        let out = super::run_with(&W1_ARGS, &WH, &body(), |cmd| {
            use std::os::unix::ffi::OsStrExt;
            cmd.env(
                "WORLDLINE_WEBHOOK_KEY_ID",
                std::ffi::OsStr::from_bytes(b"dummy-key-id\xff"),
            );
        });
        assert_eq!(out.status.code(), Some(2));
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("WORLDLINE_WEBHOOK_KEY_ID is not valid UTF-8"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }

    /// Issue 18, finding 6: what the command prints of the body is escaped, so an event id
    /// holding a line break (or any control character) cannot forge an output line. The body
    /// is signed with the crate's HMAC (which reproduces the SDK vectors in the library's
    /// tests/worldline.rs), with W1's key id and secret.
    #[test]
    fn webhook_escapes_the_id_and_type_it_prints() {
        let body = r#"{"apiVersion":"v1","id":"e1\ntype: payment.refunded","type":"payment.paid\r\nid: e2\u0007"}"#;
        let key = ogone::worldline::ApiKey::parse("dummy-key-id", "hello+world").unwrap();
        let sig = ogone::worldline::signature(&key, body);
        let args = [
            "worldline-webhook",
            "--key-id",
            "dummy-key-id",
            "--signature",
            &sig,
        ];
        let out = run(&args, &WH, body.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            "id: e1\\u{A}type: payment.refunded\ntype: payment.paid\\u{D}\\u{A}id: e2\\u{7}\n"
        );
    }

    #[test]
    fn webhook_bad_input_exits_2() {
        let env = [("WORLDLINE_WEBHOOK_SECRET", "s")];
        // The signature of "{}" with the secret "s", as computed by the crate (reproducing
        // the SDK vectors in the library's tests/worldline.rs): verified, then refused as not a v1 event.
        let key = ogone::worldline::ApiKey::parse("k", "s").unwrap();
        let sig = ogone::worldline::signature(&key, "{}");
        let args = ["worldline-webhook", "--key-id", "k", "--signature", &sig];
        let out = run(&args, &env, b"{}");
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert_eq!(text(&out.stderr).lines().count(), 1);
        let no_secret = ["worldline-webhook", "--key-id", "k", "--signature", W1_SIG];
        assert_eq!(run(&no_secret, &[], &body()).status.code(), Some(2));
        let missing = ["worldline-webhook", "--key-id", "k"];
        assert_eq!(run(&missing, &WH, &body()).status.code(), Some(2));
    }
}
