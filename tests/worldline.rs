//! Worldline Direct: every vector of tests/vectors/worldline_direct_sdks.txt (spec section 3,
//! from the official SDKs' tests) through the public API, plus the webhook negative cases and
//! property tests.
#![cfg(feature = "worldline")]
// Test helpers (outside #[test] fns) read the vector file and fail loudly on a bad record.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ogone::worldline::{
    ApiKey, Error, EventObject, RequestToSign, ResourceMode, StatusCode, WebhookKeys,
    WebhookVerifier, canonical_resource, signature, unfold,
};
use proptest::prelude::*;

#[path = "common/worldline_vectors.rs"]
mod vectors;
use vectors::{Record, body, record, records};

/// A field that repeats (`header`), in order.
fn all<'r>(r: &'r Record, name: &str) -> Vec<&'r str> {
    r.fields
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('\\') => out.push('\\'),
                other => panic!("bad escape {other:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn mode(r: &Record) -> ResourceMode {
    match r.need("mode") {
        "strict" => ResourceMode::Strict,
        "raw" => ResourceMode::Raw,
        "decoded" => ResourceMode::Decoded,
        other => panic!("{}: mode {other}", r.id),
    }
}

fn request(r: &Record) -> RequestToSign {
    let mut req = RequestToSign::new(r.need("method"), r.need("date"), r.need("resource"));
    if let Some(ct) = r.get("content_type") {
        req = req.content_type(ct);
    }
    for h in all(r, "header") {
        let (n, v) = h.split_once(": ").expect("Name: value");
        req = req.header(n, v);
    }
    req
}

#[test]
fn request_vectors_reproduce() {
    let mut count = 0;
    for r in records().iter().filter(|r| r.id.starts_with('R')) {
        let key = ApiKey::parse(r.need("key_id"), r.need("secret")).unwrap();
        let req = request(r);
        if let Some(err) = r.get("error") {
            let offset: usize = err.strip_prefix("ambiguous ").unwrap().parse().unwrap();
            assert_eq!(
                req.to_string_to_sign(mode(r)),
                Err(Error::AmbiguousResource { offset }),
                "{}",
                r.id
            );
            count += 1;
            continue;
        }
        let text = req.to_string_to_sign(mode(r)).unwrap();
        if let Some(expected) = r.get("string") {
            assert_eq!(text, unescape(expected), "{}", r.id);
        }
        if let Some(expected) = r.get("authorization") {
            assert_eq!(
                req.authorization(&key, mode(r)).unwrap(),
                expected,
                "{}",
                r.id
            );
        }
        if let Some(expected) = r.get("signature") {
            assert_eq!(signature(&key, &text), expected, "{}", r.id);
        }
        assert!(r.get("authorization").is_some() || r.get("signature").is_some());
        count += 1;
    }
    assert_eq!(count, 17, "R1-R15 and the two strict refusals");
}

#[test]
fn canonical_string_vectors_reproduce() {
    let mut count = 0;
    for r in records().iter().filter(|r| r.id.starts_with('S')) {
        let got = canonical_resource(r.need("resource"), mode(r));
        match (r.get("canonical"), r.get("error")) {
            (Some(c), None) => assert_eq!(got.unwrap(), c, "{}", r.id),
            (None, Some(e)) => {
                let offset: usize = e.strip_prefix("ambiguous ").unwrap().parse().unwrap();
                assert_eq!(got, Err(Error::AmbiguousResource { offset }), "{}", r.id);
            }
            _ => panic!("{}: canonical or error", r.id),
        }
        count += 1;
    }
    assert_eq!(count, 5);
}

#[test]
fn header_folding_vectors_reproduce() {
    let mut count = 0;
    for r in records().iter().filter(|r| r.id.starts_with('H')) {
        let input = unescape(r.need("unfold_in"));
        assert_eq!(unfold(&input), unescape(r.need("unfold_out")), "{}", r.id);
        count += 1;
    }
    assert_eq!(count, 6);
}

fn sha256_hex(bytes: &[u8]) -> String {
    ogone::hash_bytes(ogone::HashAlgorithm::Sha256, bytes).to_string()
}

#[test]
fn webhook_vectors_reproduce() {
    let mut count = 0;
    for r in records().iter().filter(|r| r.id.starts_with('W')) {
        let body = body(r);
        if let Some(sha) = r.get("body_sha256") {
            assert_eq!(
                sha256_hex(&body).to_ascii_lowercase(),
                sha,
                "{} fixture",
                r.id
            );
        }
        let mut keys = WebhookKeys::new();
        keys.insert("another-key", "another secret").unwrap();
        keys.insert(r.need("key_id"), r.need("secret")).unwrap();
        let verifier = WebhookVerifier::new(keys);
        let headers = [
            ("X-GCS-Signature", r.need("signature")),
            ("X-GCS-KeyId", r.need("key_id")),
        ];
        let got = verifier.verify(&body, headers);
        let expect = r.need("expect");
        if let Some(rest) = expect.strip_prefix("ok ") {
            let (id, kind) = rest.split_once(' ').unwrap();
            let event = got.unwrap_or_else(|e| panic!("{}: {e}", r.id));
            assert_eq!(event.id, id);
            assert_eq!(event.idempotency_key(), id);
            assert_eq!(event.kind.as_deref(), Some(kind));
        } else {
            let want = match expect {
                "mismatch" => Error::Mismatch,
                "malformed" => Error::MalformedSignature,
                "apiversion" => Error::ApiVersion,
                other => panic!("expect {other}"),
            };
            assert_eq!(got.unwrap_err(), want, "{}", r.id);
        }
        count += 1;
    }
    assert_eq!(count, 7);
}

fn w1() -> (WebhookVerifier, Vec<u8>) {
    let r = record("W1");
    let mut keys = WebhookKeys::new();
    keys.insert("dummy-key-id", "hello+world").unwrap();
    (WebhookVerifier::new(keys), body(&r))
}

const W1_SIG: &str = "2S7doBj/GnJnacIjSJzr5fxGM5xmfQyFAwxv1I53ZEk=";

#[test]
fn w1_is_a_typed_payment_event() {
    let (v, body) = w1();
    let e = v
        .verify(
            &body,
            [("x-gcs-keyid", "dummy-key-id"), ("x-gcs-signature", W1_SIG)],
        )
        .unwrap();
    assert_eq!(e.merchant_id.as_deref(), Some("20000"));
    assert_eq!(e.created.as_deref(), Some("2017-02-02T11:24:14.040+0100"));
    let EventObject::Payment(p) = &e.payload else {
        panic!("a payment")
    };
    assert_eq!(p.id.as_deref(), Some("00000200000143570012"));
    assert_eq!(
        p.amount,
        Some(ogone::Amount::from_minor_units(1000).unwrap())
    );
    assert_eq!(p.currency.as_deref(), Some("EUR"));
    assert_eq!(p.status.as_deref(), Some("PAID"));
    assert_eq!(p.status_code, Some(StatusCode::Other(1000)));
}

/// Missing, repeated and unknown headers: in
/// `every_error_variant_is_reachable_with_its_kind_and_http_status`.
#[test]
fn unpadded_or_non_canonical_base64_is_malformed() {
    let (v, body) = w1();
    // Unpadded and non-canonical base64 are malformed, not mismatches.
    let unpadded = W1_SIG.trim_end_matches('=');
    assert_eq!(
        v.verify_signature(&body, "dummy-key-id", unpadded),
        Err(Error::MalformedSignature)
    );
    assert_eq!(
        v.verify_signature(
            &body,
            "dummy-key-id",
            "2S7doBj/GnJnacIjSJzr5fxGM5xmfQyFAwxv1I53ZEl="
        ),
        Err(Error::MalformedSignature)
    );
}

#[test]
fn errors_leak_neither_secret_nor_signature() {
    let (v, body) = w1();
    let errors = [
        v.verify_signature(
            &body,
            "dummy-key-id",
            "1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        )
        .unwrap_err(),
        v.verify_signature(b"x", "dummy-key-id", W1_SIG)
            .unwrap_err(),
        v.verify_signature(b"x", "nope", W1_SIG).unwrap_err(),
    ];
    for e in errors {
        let text = format!("{e} {e:?}");
        assert!(
            !text.contains("hello+world") && !text.contains("2S7doBj") && !text.contains("AAAA")
        );
        assert_eq!(e.kind(), ogone::ErrorKind::NotAuthentic);
    }
    let key = ApiKey::parse("apiKeyId", "secretApiKey").unwrap();
    assert!(!format!("{key:?}").contains("secretApiKey"));
}

/// The name of a variant, from its `Debug` (`DuplicatedHeader("X-GCS-KeyId")` ->
/// `DuplicatedHeader`).
fn variant(e: &Error) -> String {
    let debug = format!("{e:?}");
    let end = debug
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(debug.len());
    debug[..end].to_owned()
}

/// Every variant of `worldline::Error` (the guard in src/worldline/error.rs fails to compile
/// when one is added without being named there; name it here too).
const VARIANTS: [&str; 24] = [
    "BlankKeyId",
    "InvalidKeyId",
    "BlankSecret",
    "SecretRejected",
    "InvalidMethod",
    "InvalidHeader",
    "DateOutOfRange",
    "ResourceNotAbsolute",
    "AmbiguousResource",
    "InvalidResource",
    "MissingHeader",
    "DuplicatedHeader",
    "UnknownKeyId",
    "MalformedSignature",
    "Mismatch",
    "InvalidEvent",
    "ApiVersion",
    "BlankEventId",
    "AmbiguousEvent",
    "InvalidAmount",
    "InvalidMerchantId",
    "InvalidPath",
    "HttpRequest",
    "MalformedAuthorization",
];

#[test]
fn every_error_variant_is_reachable_with_its_kind_and_http_status() {
    use ogone::ErrorKind::{Configuration, Malformed, NotAuthentic};
    let (v, body) = w1();
    let date = "Fri, 06 Jun 2014 13:39:43 GMT";
    let sign = |r: RequestToSign| r.to_string_to_sign(ResourceMode::Strict).unwrap_err();
    let id = "dummy-key-id";
    // A body that is not an event, validly signed for W1's key (the crate's HMAC, which
    // reproduces R1-R15 above): the verifier reads it only after the signature checks out.
    let key = ApiKey::parse(id, "hello+world").unwrap();
    let verify = |body: &str| {
        v.verify(
            body.as_bytes(),
            [
                ("X-GCS-KeyId", id),
                ("X-GCS-Signature", &signature(&key, body)),
            ],
        )
        .unwrap_err()
    };
    let headers = |hs: &[(&'static str, &'static str)]| v.verify(&body, hs.to_vec()).unwrap_err();
    #[cfg_attr(not(feature = "http"), allow(unused_mut))]
    let mut cases: Vec<(Error, Error, ogone::ErrorKind, u16)> = vec![
        (
            ApiKey::parse(" ", "s").unwrap_err(),
            Error::BlankKeyId,
            Configuration,
            500,
        ),
        (
            ApiKey::parse("a\r\nX-Evil: 1", "s").unwrap_err(),
            Error::InvalidKeyId,
            Configuration,
            500,
        ),
        (
            WebhookKeys::new().insert(id, "").unwrap_err(),
            Error::BlankSecret,
            Configuration,
            500,
        ),
        (
            sign(RequestToSign::new("GE T", date, "/")),
            Error::InvalidMethod,
            Configuration,
            500,
        ),
        (
            sign(RequestToSign::new("GET", date, "/").header("X-GCS-Bad Name", "v")),
            Error::InvalidHeader {
                name: "x-gcs-bad name".to_owned(),
            },
            Configuration,
            500,
        ),
        (
            sign(RequestToSign::new("GET", date, "/").header("X-GCS-A", "bell\u{7}")),
            Error::InvalidHeader {
                name: "x-gcs-a".to_owned(),
            },
            Configuration,
            500,
        ),
        (
            sign(RequestToSign::new("GET", date, "/").content_type("text/plain\u{0}")),
            Error::InvalidHeader {
                name: "content-type".to_owned(),
            },
            Configuration,
            500,
        ),
        (
            sign(RequestToSign::new("GET", "Fri\u{7}", "/")),
            Error::InvalidHeader {
                name: "date".to_owned(),
            },
            Configuration,
            500,
        ),
        (
            ogone::worldline::imf_fixdate(i64::MIN).unwrap_err(),
            Error::DateOutOfRange,
            Configuration,
            500,
        ),
        (
            sign(RequestToSign::new("GET", date, "v2/1")),
            Error::ResourceNotAbsolute,
            Configuration,
            500,
        ),
        (
            sign(RequestToSign::new("GET", date, "/v2/a b")),
            Error::AmbiguousResource { offset: 5 },
            Configuration,
            500,
        ),
        (
            canonical_resource("/v2/%zz", ResourceMode::Decoded).unwrap_err(),
            Error::InvalidResource { offset: 4 },
            Configuration,
            500,
        ),
        (
            headers(&[("X-GCS-KeyId", "dummy-key-id")]),
            Error::MissingHeader("X-GCS-Signature"),
            NotAuthentic,
            403,
        ),
        (
            headers(&[("X-GCS-Signature", W1_SIG)]),
            Error::MissingHeader("X-GCS-KeyId"),
            NotAuthentic,
            403,
        ),
        (
            headers(&[
                ("X-GCS-Signature", W1_SIG),
                ("X-GCS-KeyId", "dummy-key-id"),
                ("X-GCS-SIGNATURE", W1_SIG),
            ]),
            Error::DuplicatedHeader("X-GCS-Signature"),
            NotAuthentic,
            403,
        ),
        (
            headers(&[
                ("x-gcs-keyid", "dummy-key-id"),
                ("X-GCS-Signature", W1_SIG),
                ("X-Gcs-KeyId", "dummy-key-id"),
            ]),
            Error::DuplicatedHeader("X-GCS-KeyId"),
            NotAuthentic,
            403,
        ),
        (
            headers(&[("X-GCS-Signature", W1_SIG), ("X-GCS-KeyId", "nope")]),
            Error::UnknownKeyId,
            NotAuthentic,
            403,
        ),
        (
            headers(&[
                ("X-GCS-Signature", "2S7doBj"),
                ("X-GCS-KeyId", "dummy-key-id"),
            ]),
            Error::MalformedSignature,
            NotAuthentic,
            403,
        ),
        (
            v.verify(b"{}", [("X-GCS-Signature", W1_SIG), ("X-GCS-KeyId", id)])
                .unwrap_err(),
            Error::Mismatch,
            NotAuthentic,
            403,
        ),
        (
            verify("not json"),
            Error::InvalidEvent("not a JSON event"),
            Malformed,
            400,
        ),
        (
            verify(r#"{"apiVersion":"v1"}"#),
            Error::InvalidEvent("no event id"),
            Malformed,
            400,
        ),
        (verify(r#"{"id":"e1"}"#), Error::ApiVersion, Malformed, 400),
        (
            verify(r#"{"apiVersion":"v1","id":" "}"#),
            Error::BlankEventId,
            Malformed,
            400,
        ),
        (
            verify(r#"{"apiVersion":"v1","id":"e1","payment":{},"refund":{}}"#),
            Error::AmbiguousEvent("payment and refund"),
            Malformed,
            400,
        ),
        (
            verify(
                r#"{"apiVersion":"v1","id":"e1","refund":{"refundOutput":{"amountOfMoney":{"amount":-1}}}}"#,
            ),
            Error::InvalidAmount("negative"),
            Malformed,
            400,
        ),
        (
            verify(r#"{"apiVersion":"v2","id":"e1"}"#),
            Error::ApiVersion,
            Malformed,
            400,
        ),
        (
            ogone::worldline::ApiCall::get(" ", "x").unwrap_err(),
            Error::InvalidMerchantId,
            Configuration,
            500,
        ),
        (
            ogone::direct_stand_in::DirectStandIn::new([key.clone()])
                .verify("GET", "/", [("Authorization", "GCS v1HMAC:no-signature")])
                .unwrap_err(),
            Error::MalformedAuthorization,
            NotAuthentic,
            403,
        ),
        (
            ogone::worldline::ApiCall::get("m", "a#b").unwrap_err(),
            Error::InvalidPath { offset: 1 },
            Configuration,
            500,
        ),
    ];
    // HttpRequest: the `http` crate takes URIs up to 65534 bytes.
    #[cfg(feature = "http")]
    cases.push((
        ogone::worldline::ApiCall::get("m", &"a".repeat(70_000))
            .unwrap()
            .sign(&key, 0, ResourceMode::Strict)
            .unwrap()
            .to_http_request(ogone::worldline::DirectHost::Test)
            .unwrap_err(),
        Error::HttpRequest,
        Configuration,
        500,
    ));
    let mut reached = std::collections::BTreeSet::new();
    for (got, expected, kind, status) in cases {
        assert_eq!(got, expected);
        assert_eq!(got.kind(), kind, "{got:?}");
        assert_eq!(got.kind().http_status(), status, "{got:?}");
        let text = got.to_string();
        assert!(
            !text.contains("hello+world") && !text.contains("2S7doBj"),
            "{text}"
        );
        reached.insert(variant(&got));
    }
    let all: std::collections::BTreeSet<String> = VARIANTS.iter().map(|&n| n.to_owned()).collect();
    // SecretRejected: HMAC takes a key of any length, so no input reaches it (it stands where
    // a fallback MAC would otherwise be); every other variant is reached.
    let unreached: Vec<_> = all.difference(&reached).collect();
    #[cfg(feature = "http")]
    assert_eq!(unreached, ["SecretRejected"]);
    #[cfg(not(feature = "http"))]
    assert_eq!(unreached, ["HttpRequest", "SecretRejected"]);
    assert_eq!(Error::SecretRejected.kind(), Configuration);
}

#[test]
fn blank_keys_and_bad_resources_are_refused() {
    assert_eq!(ApiKey::parse("", "s").unwrap_err(), Error::BlankKeyId);
    assert_eq!(ApiKey::parse("k", " \t").unwrap_err(), Error::BlankSecret);

    assert_eq!(
        canonical_resource("v2/1", ResourceMode::Raw),
        Err(Error::ResourceNotAbsolute)
    );
    assert_eq!(
        canonical_resource("/v2/%zz", ResourceMode::Decoded),
        Err(Error::InvalidResource { offset: 4 })
    );
    assert_eq!(
        canonical_resource("/v2/a\nb", ResourceMode::Raw),
        Err(Error::InvalidResource { offset: 5 })
    );
    assert!(
        RequestToSign::new("", "d", "/")
            .to_string_to_sign(ResourceMode::Strict)
            .is_err()
    );
}

/// A key id is header text: CR, LF, any other control or non-ASCII byte, a space or a `:`
/// would break the `Authorization` line or shift its fields.
#[test]
fn key_ids_that_are_not_visible_ascii_or_hold_a_colon_are_refused() {
    let bad = [
        "a\r\nX-Evil: 1",
        "a\nb",
        "a\rb",
        "a b",
        "a\tb",
        "a:b",
        "caf\u{e9}",
        "a\u{7f}",
        "a\u{0}",
    ];
    for id in bad {
        assert_eq!(
            ApiKey::parse(id, "secretApiKey").unwrap_err(),
            Error::InvalidKeyId,
            "{id:?}"
        );
        assert_eq!(
            WebhookKeys::new().insert(id, "hello+world"),
            Err(Error::InvalidKeyId),
            "{id:?}"
        );
        let e = ApiKey::parse(id, "secretApiKey").unwrap_err();
        assert!(!format!("{e} {e:?}").contains("secretApiKey"));
    }
    // The whole visible range, bar ':', is a key id.
    let visible: String = (0x21u8..=0x7e)
        .filter(|&b| b != b':')
        .map(char::from)
        .collect();
    let key = ApiKey::parse(&visible, "secretApiKey").unwrap();
    let auth = RequestToSign::new("GET", "Fri, 06 Jun 2014 13:39:43 GMT", "/v2/1")
        .authorization(&key, ResourceMode::Strict)
        .unwrap();
    assert!(auth.starts_with(&format!("GCS v1HMAC:{visible}:")));
    assert!(WebhookKeys::new().insert(&visible, "hello+world").is_ok());
}

/// Decoded mode: the offset of invalid UTF-8 is the one in the resource as given (the `%` of
/// the escape), not the one in the decoded bytes.
#[test]
fn invalid_utf8_after_decoding_reports_the_input_offset() {
    let cases = [
        ("/v2/%41%41%FF", 10),
        ("/v2/%FF", 4),
        ("/v2/AA%C3%28", 6),
        ("/v2/%C3%A9x%E9", 11),
        ("/v2/%C3", 4),
    ];
    for (resource, offset) in cases {
        assert_eq!(
            canonical_resource(resource, ResourceMode::Decoded),
            Err(Error::InvalidResource { offset }),
            "{resource}"
        );
    }
}

/// A tab inside an `x-gcs-*` value is HTTP whitespace, signed as is (spec 1.5: whitespace
/// inside a line is not collapsed; both ends are trimmed).
#[test]
fn a_tab_inside_a_header_value_is_signed_as_is() {
    let r = RequestToSign::new("GET", "Fri, 06 Jun 2014 13:39:43 GMT", "/v2/1")
        .header("X-GCS-A", "\ta\t b\r\n\tc\t");
    assert_eq!(
        r.to_string_to_sign(ResourceMode::Strict).unwrap(),
        "GET\n\nFri, 06 Jun 2014 13:39:43 GMT\nx-gcs-a:a\t b c\n/v2/1\n"
    );
    assert_eq!(
        RequestToSign::new("GET", "d", "/")
            .header("X-GCS-A", "a\u{b}b")
            .to_string_to_sign(ResourceMode::Strict),
        Err(Error::InvalidHeader {
            name: "x-gcs-a".to_owned()
        })
    );
}

/// A field the view reads with another type than the API's refuses the whole (verified)
/// event, by choice (see `Event::parse_verified`); fields it does not read may hold anything.
#[test]
fn a_read_field_of_another_type_refuses_the_event() {
    use ogone::worldline::Event;
    let odd = [
        r#"{"apiVersion":"v1","id":"e","payment":{"paymentOutput":{"amountOfMoney":{"amount":"10"}}}}"#,
        r#"{"apiVersion":"v1","id":"e","payment":{"statusOutput":{"statusCode":"9"}}}"#,
        r#"{"apiVersion":"v1","id":7}"#,
        r#"{"apiVersion":"v1","id":"e","refund":{"id":12}}"#,
        "[]",
    ];
    let data = Error::InvalidEvent(
        "not a JSON object, or a field it reads has another type than the API's",
    );
    for body in odd {
        let got = Event::parse_verified(body.as_bytes()).unwrap_err();
        assert_eq!(got, data, "{body}");
        assert_eq!(got.kind(), ogone::ErrorKind::Malformed);
    }
    let tolerated = r#"{"apiVersion":"v1","id":"e","extra":[1,{"a":null}],"payment":{"statusOutput":{"statusCode":9,"statusCategory":5,"isCancellable":"no"}}}"#;
    let e = Event::parse_verified(tolerated.as_bytes()).unwrap();
    assert_eq!(
        e.object().unwrap().status_code,
        Some(StatusCode::classify(9))
    );
    assert_eq!(
        Event::parse_verified(b"{\"apiVersion\":"),
        Err(Error::InvalidEvent("not a JSON event"))
    );
}

/// IMF-fixdate has a four-digit year: years 0000 to 9999 format, one second outside is
/// refused. (0000-01-01, proleptic Gregorian, is a Saturday; 9999-12-31 a Friday.)
#[test]
fn imf_fixdate_covers_years_0000_to_9999_exactly() {
    use ogone::worldline::imf_fixdate;
    assert_eq!(
        imf_fixdate(-62_167_219_200).unwrap(),
        "Sat, 01 Jan 0000 00:00:00 GMT"
    );
    assert_eq!(
        imf_fixdate(253_402_300_799).unwrap(),
        "Fri, 31 Dec 9999 23:59:59 GMT"
    );
    for t in [-62_167_219_201, 253_402_300_800, i64::MIN, i64::MAX] {
        assert_eq!(imf_fixdate(t), Err(Error::DateOutOfRange), "{t}");
    }
}

/// An `X-GCS-*` header whose value may hold folds (CRLF or LF, then spaces or tabs) between
/// visible text, and tabs and spaces anywhere.
fn gcs_header() -> impl Strategy<Value = (String, String)> {
    let piece = prop_oneof![
        "[!-~]{1,6}",
        "[ \t]{1,3}",
        Just("\r\n ".to_owned()),
        Just("\r\n\t".to_owned()),
        Just("\n  \t".to_owned())
    ];
    (
        "[a-zA-Z0-9-]{1,12}",
        proptest::collection::vec(piece, 0..6).prop_map(|p| p.concat()),
    )
        .prop_map(|(n, v)| (format!("X-GCS-{n}"), v))
}

type Headers = Vec<(String, String)>;

/// Headers with distinct lower-cased names (the order of duplicates is the caller's), then the
/// same list in a random permutation, with a case flip per header.
fn headers_and_permutation() -> impl Strategy<Value = (Headers, Headers, Vec<bool>)> {
    proptest::collection::vec(gcs_header(), 0..6)
        .prop_map(|headers| {
            let mut seen = std::collections::HashSet::new();
            headers
                .into_iter()
                .filter(|(n, _)| seen.insert(n.to_ascii_lowercase()))
                .collect::<Vec<_>>()
        })
        .prop_flat_map(|headers| {
            let n = headers.len();
            (
                Just(headers.clone()),
                Just(headers).prop_shuffle(),
                proptest::collection::vec(any::<bool>(), n),
            )
        })
}

proptest! {
    #[test]
    fn header_order_and_case_do_not_change_the_signature(
        (headers, mut shuffled, upper) in headers_and_permutation(),
    ) {
        let key = ApiKey::parse("apiKeyId", "secretApiKey").unwrap();
        let build = |hs: &[(String, String)]| {
            hs.iter().fold(RequestToSign::new("GET", "Fri, 06 Jun 2014 13:39:43 GMT", "/v2/1/x"), |r, (n, v)| r.header(n, v))
                .authorization(&key, ResourceMode::Strict).unwrap()
        };
        let first = build(&headers);
        for ((name, _), up) in shuffled.iter_mut().zip(upper) {
            *name = if up { name.to_ascii_uppercase() } else { name.to_ascii_lowercase() };
        }
        prop_assert_eq!(&first, &build(&shuffled));
        // The same as signing the already unfolded values: the folds were exercised.
        let unfolded: Vec<_> = headers.iter().map(|(n, v)| (n.clone(), unfold(v))).collect();
        prop_assert_eq!(first, build(&unfolded));
    }

    #[test]
    fn unfolding_is_idempotent(value in "[ \\t\\r\\na-z]{0,40}") {
        let once = unfold(&value);
        prop_assert_eq!(unfold(&once), once.clone());
        prop_assert!(!once.contains('\n'));
    }
}

/// The docs of `Platform` (legacy hosts) and `DirectHost` (Worldline Direct) link each other;
/// `cargo doc -D warnings` (CI) checks that the links resolve.
#[test]
fn platform_and_direct_host_docs_link_each_other() {
    let endpoint = include_str!("../src/protocol/endpoint.rs");
    let platform_docs = &endpoint[..endpoint.find("pub enum Platform").unwrap()];
    assert!(platform_docs.contains("(super::super::worldline::DirectHost)"));
    let hosts = include_str!("../src/worldline/hosts.rs");
    let direct_docs = &hosts[..hosts.find("pub enum DirectHost").unwrap()];
    assert!(direct_docs.contains("[`Platform`](crate::Platform)"));
}

/// The repro of the Strict relaxation: `GET /v2/1/products?q=a,b` was refused
/// (`AmbiguousResource { offset: 18 }`) although Python, Node and Raw sign it alike. Source of
/// the digest: an outside differential run of the official Python and Node SDKs (and this
/// crate's Raw mode) over that request, key K2, Date D (spec section 3 notation).
#[test]
fn strict_signs_a_comma_in_the_query_as_python_node_and_raw_do() {
    let key = ApiKey::parse("EC36A74A98D21", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1").unwrap();
    let request = RequestToSign::new(
        "GET",
        "Fri, 06 Jun 2014 13:39:43 GMT",
        "/v2/1/products?q=a,b",
    );
    for mode in [
        ResourceMode::Strict,
        ResourceMode::Raw,
        ResourceMode::Decoded,
    ] {
        assert_eq!(
            request.authorization(&key, mode).unwrap(),
            "GCS v1HMAC:EC36A74A98D21:TfFdsdMghHLxtkoGuk5+HVG8o8jATFAGjSOIegBCh7o=",
            "{mode:?}"
        );
    }
    let signed = ogone::worldline::ApiCall::get("1", "products?q=a,b")
        .unwrap()
        .sign(&key, 1_402_061_983, ResourceMode::Strict)
        .unwrap();
    assert_eq!(
        signed.headers().last().unwrap().1,
        "GCS v1HMAC:EC36A74A98D21:TfFdsdMghHLxtkoGuk5+HVG8o8jATFAGjSOIegBCh7o="
    );
}

/// Every printable ASCII byte, in the path and in the query: Strict accepts exactly the
/// documented set (and then Raw and Decoded sign the same text), and refuses the rest at its
/// offset.
#[test]
fn strict_accepts_exactly_the_documented_set() {
    let anywhere = |c: char| c.is_ascii_alphanumeric() || "-._~/?=&!$'()*,;:@".contains(c);
    for b in 0x20u8..0x7f {
        let c = char::from(b);
        for (resource, offset, accepted) in [
            // The last path segment: `+` too, but no `;`.
            (
                format!("/v2/1/a{c}b"),
                7,
                (anywhere(c) || c == '+') && c != ';',
            ),
            // An earlier path segment (unless `c` ends it): `+` and `;` too.
            (format!("/v2/1/a{c}b/z"), 7, anywhere(c) || c == '+'),
            (format!("/v2/1/a?q={c}"), 10, anywhere(c)),
        ] {
            let strict = canonical_resource(&resource, ResourceMode::Strict);
            if accepted {
                assert_eq!(strict.as_deref(), Ok(resource.as_str()), "{resource}");
                assert_eq!(
                    canonical_resource(&resource, ResourceMode::Raw),
                    strict,
                    "{resource}"
                );
                assert_eq!(
                    canonical_resource(&resource, ResourceMode::Decoded),
                    strict,
                    "{resource}"
                );
            } else {
                assert_eq!(
                    strict,
                    Err(Error::AmbiguousResource { offset }),
                    "{resource}"
                );
            }
        }
    }
    // `+` after the first `?` only is refused: in the path it is signed.
    assert_eq!(
        canonical_resource("/v2/1/a+b?x=1+2", ResourceMode::Strict),
        Err(Error::AmbiguousResource { offset: 13 })
    );
    assert!(canonical_resource("/v2/1/a+b?x=1", ResourceMode::Strict).is_ok());
    // `;` in the last path segment: Python's urlparse would sign the path without it.
    assert_eq!(
        canonical_resource("/v2/1/a;b/c;d?q=e;f", ResourceMode::Strict),
        Err(Error::AmbiguousResource { offset: 11 })
    );
    assert!(canonical_resource("/v2/1/a;b/cd?q=e;f", ResourceMode::Strict).is_ok());
    // Dot segments: .NET's Uri and the url crate remove them before signing or sending.
    for (resource, offset) in [
        ("/v2/1/./x", 6),
        ("/v2/1/../x", 6),
        ("/v2/1/x/..", 8),
        ("/v2/./a b", 4),
    ] {
        assert_eq!(
            canonical_resource(resource, ResourceMode::Strict),
            Err(Error::AmbiguousResource { offset }),
            "{resource}"
        );
    }
    for fine in ["/v2/1/.x/..y/...", "/v2/1/x?q=./..", "/v2/1/x."] {
        assert!(
            canonical_resource(fine, ResourceMode::Strict).is_ok(),
            "{fine}"
        );
    }
    for refused in ["/v2/1/\u{e9}", "/v2/1/a%2Cb", "/v2/1/a#b", "/v2/1/a b"] {
        assert!(
            matches!(
                canonical_resource(refused, ResourceMode::Strict),
                Err(Error::AmbiguousResource { offset: 6 | 7 })
            ),
            "{refused}"
        );
    }
}

/// The stand-in verifier against every request vector of spec section 3.1 (R1-R15, each
/// naming its SDK test in tests/vectors/worldline_direct_sdks.txt): the received headers are
/// the vector's, the Authorization is the one the SDK test expects.
#[test]
fn stand_in_accepts_every_sdk_vector() {
    use ogone::direct_stand_in::DirectStandIn;
    let mut count = 0;
    for r in records()
        .iter()
        .filter(|r| r.id.starts_with('R') && r.get("error").is_none())
    {
        let key = ApiKey::parse(r.need("key_id"), r.need("secret")).unwrap();
        let authorization = match (r.get("authorization"), r.get("signature")) {
            (Some(a), _) => a.to_owned(),
            (None, Some(s)) => format!("GCS v1HMAC:{}:{s}", r.need("key_id")),
            _ => panic!("{}: no expectation", r.id),
        };
        let mut headers: Vec<(String, String)> = vec![
            ("Date".into(), r.need("date").into()),
            ("Authorization".into(), authorization),
        ];
        if let Some(ct) = r.get("content_type") {
            headers.push(("Content-Type".into(), ct.into()));
        }
        for h in all(r, "header") {
            let (n, v) = h.split_once(": ").unwrap();
            headers.push((n.into(), v.into()));
        }
        // A header that is not signed changes nothing.
        headers.push(("User-Agent".into(), "stand-in test".into()));
        let stand_in = DirectStandIn::new([key]).with_mode(mode(r));
        let pairs = headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
        assert_eq!(
            stand_in.verify(r.need("method"), r.need("resource"), pairs),
            Ok(r.need("key_id")),
            "{}",
            r.id
        );
        count += 1;
    }
    assert_eq!(count, 15, "R1-R15");
}

fn signed_post() -> (ApiKey, ogone::worldline::SignedCall) {
    let key = ApiKey::parse("apiKeyId", "secretApiKey").unwrap();
    let signed =
        ogone::worldline::ApiCall::new(ogone::worldline::Method::Post, "m1", "payments?x=a,b")
            .unwrap()
            .with_json_body(br#"{"order":{}}"#.to_vec())
            .with_idempotence_key("idem-1")
            .unwrap()
            .sign(&key, 1_402_061_983, ResourceMode::Strict)
            .unwrap();
    (key, signed)
}

/// Round trip: what `ApiCall::sign` sends, the stand-in accepts (in every mode, as the
/// resource is one Strict accepts); each tampering is refused.
#[test]
fn stand_in_round_trip_and_tampering() {
    use ogone::direct_stand_in::DirectStandIn;
    let (key, signed) = signed_post();
    let other = ApiKey::parse("other", "otherSecret").unwrap();
    let stand_in = DirectStandIn::new([other.clone(), key.clone()]);
    let sent: Vec<(&str, String)> = signed.headers().map(|(n, v)| (n, v.to_owned())).collect();
    let verify = |method: &str, resource: &str, headers: &[(&str, String)]| {
        stand_in.verify(
            method,
            resource,
            headers.iter().map(|(n, v)| (*n, v.as_str())),
        )
    };
    for mode in [
        ResourceMode::Strict,
        ResourceMode::Raw,
        ResourceMode::Decoded,
    ] {
        let s = DirectStandIn::new([key.clone()]).with_mode(mode);
        let pairs = sent.iter().map(|(n, v)| (*n, v.as_str()));
        assert_eq!(
            s.verify("POST", signed.resource(), pairs),
            Ok("apiKeyId"),
            "{mode:?}"
        );
    }
    assert_eq!(verify("POST", signed.resource(), &sent), Ok("apiKeyId"));
    // Names in another case, another order, an extra unsigned header: the same request.
    let mut shuffled: Vec<(&str, String)> = sent.iter().rev().cloned().collect();
    shuffled.push(("Accept", "application/json".into()));
    let lower: Vec<(String, String)> = shuffled
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .collect();
    assert_eq!(
        stand_in.verify(
            "POST",
            signed.resource(),
            lower.iter().map(|(n, v)| (n.as_str(), v.as_str()))
        ),
        Ok("apiKeyId")
    );

    let replace = |name: &str, value: Option<&str>| -> Vec<(&'static str, String)> {
        let mut hs: Vec<(&'static str, String)> =
            sent.iter().filter(|(n, _)| *n != name).cloned().collect();
        if let Some(v) = value {
            let n = sent
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("Content-Type", |(n, _)| *n);
            hs.push((n, v.to_owned()));
        }
        hs
    };
    // Changed date.
    assert_eq!(
        verify(
            "POST",
            signed.resource(),
            &replace("Date", Some("Fri, 06 Jun 2014 13:39:44 GMT"))
        ),
        Err(Error::Mismatch)
    );
    // Java-style unpadded day: signed verbatim, so a re-formatted Date is a mismatch.
    assert_eq!(
        verify(
            "POST",
            signed.resource(),
            &replace("Date", Some("Fri, 6 Jun 2014 13:39:43 GMT"))
        ),
        Err(Error::Mismatch)
    );
    // Changed resource, method.
    assert_eq!(
        verify("POST", "/v2/m1/payments?x=a,c", &sent),
        Err(Error::Mismatch)
    );
    assert_eq!(
        verify("POST", "/v2/m2/payments?x=a,b", &sent),
        Err(Error::Mismatch)
    );
    assert_eq!(
        verify("PUT", signed.resource(), &sent),
        Err(Error::Mismatch)
    );
    // Content type dropped, or changed.
    assert_eq!(
        verify("POST", signed.resource(), &replace("Content-Type", None)),
        Err(Error::Mismatch)
    );
    assert_eq!(
        verify(
            "POST",
            signed.resource(),
            &replace("Content-Type", Some("application/json; charset=utf-8"))
        ),
        Err(Error::Mismatch)
    );
    // Idempotence header dropped, changed, or a second x-gcs header added.
    assert_eq!(
        verify(
            "POST",
            signed.resource(),
            &replace("X-GCS-Idempotence-Key", None)
        ),
        Err(Error::Mismatch)
    );
    assert_eq!(
        verify(
            "POST",
            signed.resource(),
            &replace("X-GCS-Idempotence-Key", Some("idem-2"))
        ),
        Err(Error::Mismatch)
    );
    let mut extra = sent.clone();
    extra.push(("X-GCS-ClientMetaInfo", "e30=".into()));
    assert_eq!(
        verify("POST", signed.resource(), &extra),
        Err(Error::Mismatch)
    );

    // A body-less GET signed without a content type, received with one.
    let get = ogone::worldline::ApiCall::get("m1", "products")
        .unwrap()
        .sign(&key, 0, ResourceMode::Strict)
        .unwrap();
    let mut with_ct: Vec<(&str, String)> = get.headers().map(|(n, v)| (n, v.to_owned())).collect();
    assert_eq!(verify("GET", get.resource(), &with_ct), Ok("apiKeyId"));
    with_ct.push(("Content-Type", "application/json".into()));
    assert_eq!(
        verify("GET", get.resource(), &with_ct),
        Err(Error::Mismatch)
    );
    // An empty Content-Type header signs the same empty line as none (Odoo's GETs).
    with_ct.last_mut().unwrap().1 = String::new();
    assert_eq!(verify("GET", get.resource(), &with_ct), Ok("apiKeyId"));
}

#[test]
fn stand_in_refuses_bad_authorization_headers() {
    use ogone::direct_stand_in::DirectStandIn;
    let (key, signed) = signed_post();
    let stand_in = DirectStandIn::new([key]);
    let auth = signed.headers().last().unwrap().1.to_owned();
    let date = signed.headers().next().unwrap().1.to_owned();
    let (_, sig) = auth.rsplit_once(':').unwrap();
    let check = |headers: &[(&str, &str)]| {
        stand_in.verify("POST", signed.resource(), headers.iter().copied())
    };
    let ct = ("Content-Type", "application/json");
    let idem = ("X-GCS-Idempotence-Key", "idem-1");
    assert_eq!(
        check(&[("Date", &date), ct, idem, ("Authorization", &auth)]),
        Ok("apiKeyId")
    );
    assert_eq!(
        check(&[("Date", &date), ct, idem]),
        Err(Error::MissingHeader("Authorization"))
    );
    assert_eq!(
        check(&[
            ("Date", &date),
            ct,
            idem,
            ("Authorization", &auth),
            ("authorization", &auth)
        ]),
        Err(Error::DuplicatedHeader("Authorization"))
    );
    assert_eq!(
        check(&[ct, idem, ("Authorization", &auth)]),
        Err(Error::MissingHeader("Date"))
    );
    assert_eq!(
        check(&[
            ("Date", &date),
            ("DATE", &date),
            ct,
            idem,
            ("Authorization", &auth)
        ]),
        Err(Error::DuplicatedHeader("Date"))
    );
    assert_eq!(
        check(&[("Date", &date), ct, ct, idem, ("Authorization", &auth)]),
        Err(Error::DuplicatedHeader("Content-Type"))
    );
    let unknown = format!("GCS v1HMAC:nobody:{sig}");
    assert_eq!(
        check(&[("Date", &date), ct, idem, ("Authorization", &unknown)]),
        Err(Error::UnknownKeyId)
    );
    for malformed in [
        format!("GCS v2HMAC:apiKeyId:{sig}"),
        format!("gcs v1HMAC:apiKeyId:{sig}"),
        format!("Bearer {sig}"),
        "GCS v1HMAC:apiKeyId".to_owned(),
    ] {
        assert_eq!(
            check(&[("Date", &date), ct, idem, ("Authorization", &malformed)]),
            Err(Error::MalformedAuthorization),
            "{malformed}"
        );
    }
    for bad_sig in [&sig[..43], &sig[1..], "AAAA", "", &format!("{sig}AAAA")] {
        let a = format!("GCS v1HMAC:apiKeyId:{bad_sig}");
        assert_eq!(
            check(&[("Date", &date), ct, idem, ("Authorization", &a)]),
            Err(Error::MalformedSignature),
            "{bad_sig}"
        );
    }
    // A well-formed signature of another request.
    let other = format!("GCS v1HMAC:apiKeyId:{}", "A".repeat(43) + "=");
    assert_eq!(
        check(&[("Date", &date), ct, idem, ("Authorization", &other)]),
        Err(Error::Mismatch)
    );
    // What cannot be signed is refused as signing would refuse it.
    let hs = [("Date", date.as_str()), ("Authorization", auth.as_str())];
    assert_eq!(
        stand_in.verify("POST", "/v2/m1/a\nb", hs),
        Err(Error::InvalidResource { offset: 8 })
    );
    let strict = DirectStandIn::new([ApiKey::parse("apiKeyId", "secretApiKey").unwrap()])
        .with_mode(ResourceMode::Strict);
    assert_eq!(
        strict.verify("POST", "/v2/m1/a%20b", hs),
        Err(Error::AmbiguousResource { offset: 8 })
    );
}
