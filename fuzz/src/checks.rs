//! Properties of the form, feedback, request and signature entry points, shared by the fuzz
//! targets in `fuzz/fuzz_targets/` and by `tests/fuzz_regressions.rs`. Every function panics
//! (through `assert!`) when a property breaks, and returns quietly when the input is simply
//! refused with an `Err`.

use std::collections::HashSet;

use ogone::audit::{AuditList, Auditor, Verdict};
use ogone::dangerous::UnverifiedFeedback;
use ogone::{
    AliasGatewayFeedback, BrowserForm, Charset, Error, FeedbackVerifier, FlexCheckoutFeedback,
    HashAlgorithm, ListKind, MAX_FORM_BYTES, MAX_FORM_PARAMS, MAX_NAME_BYTES, Params, Passphrase,
    ServerToServer, ShaOutKey, SignedRequest, Signer, SortOrder, TransportCharset,
    VerifiedFeedback,
};

/// Every transport charset, picked by a selector byte.
pub const TRANSPORTS: [TransportCharset; 3] = [
    TransportCharset::Utf8,
    TransportCharset::Iso8859_1,
    TransportCharset::Windows1252,
];

/// Every hash algorithm.
pub const ALGORITHMS: [HashAlgorithm; 3] = [
    HashAlgorithm::Sha1,
    HashAlgorithm::Sha256,
    HashAlgorithm::Sha512,
];

/// Both hashing charsets.
pub const CHARSETS: [Charset; 2] = [Charset::Utf8, Charset::Iso8859_1];

/// Both sort orders.
pub const ORDERS: [SortOrder; 2] = [SortOrder::Ingenico, SortOrder::Byte];

/// The SHA-OUT passphrase of the fixed feedback verifier (Ingenico's guide example).
pub const SHA_OUT_KEY: &str = "Mysecretsig1875!?";

/// The two names a signature travels in.
pub const SIGNATURE_NAMES: [&str; 2] = ["SHASIGN", "SHASIGNATURE.SHASIGN"];

/// `items[selector % len]`.
pub fn pick<T: Copy>(items: &[T], selector: u8) -> T {
    items[usize::from(selector) % items.len()]
}

/// Checks what every parsed set must satisfy: names upper case, non-empty, found again by
/// `get` under any ASCII case, the Byte order a permutation of the Ingenico order.
pub fn check_params(params: &Params) {
    assert!(params.len() <= MAX_FORM_PARAMS);
    for (name, value) in params.iter() {
        assert!(!name.is_empty());
        assert_eq!(name, name.to_ascii_uppercase());
        assert_eq!(params.get(name), Some(value), "get({name:?})");
        assert_eq!(params.get(&name.to_ascii_lowercase()), Some(value));
        assert!(params.contains(name));
    }
    let ingenico: Vec<_> = params.iter_in(SortOrder::Ingenico).collect();
    let iter: Vec<_> = params.iter().collect();
    assert_eq!(ingenico, iter);
    let mut byte: Vec<_> = params.iter_in(SortOrder::Byte).collect();
    assert!(
        byte.windows(2).all(|w| w[0].0 < w[1].0),
        "Byte order sorted"
    );
    let mut sorted = iter.clone();
    sorted.sort_unstable();
    byte.sort_unstable();
    assert_eq!(byte, sorted, "Byte order holds the same parameters");
}

/// `form_decode`: the first byte picks the transport charset, the rest is a form body. A
/// body that parses re-encodes with `to_form` and parses back to an equal set; the second
/// encoding is the same text as the first.
pub fn form_decode(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let transport = pick(&TRANSPORTS, selector);
    let Ok(params) = Params::parse_form(body, transport) else {
        return;
    };
    check_params(&params);
    let form = params
        .to_form(transport)
        .expect("what was decoded from a charset encodes back into it");
    // Percent-encoding can triple the size: the limit is not what is tested here.
    let again = Params::parse_form_with_limit(form.as_bytes(), transport, usize::MAX)
        .expect("to_form output parses");
    assert_eq!(params, again, "form: {form:?}");
    assert_eq!(
        again.to_form(transport).ok().as_deref(),
        Some(form.as_str())
    );
}

/// Reads every typed accessor of unverified feedback (none may panic).
pub fn read_unverified(f: &UnverifiedFeedback) {
    let _ = (
        f.order_id(),
        f.pay_id(),
        f.pay_id_sub(),
        f.currency(),
        f.brand(),
    );
    let _ = (f.payment_method(), f.masked_card(), f.acceptance());
    let _ = (f.transaction_date(), f.alias());
    if let Ok(status) = f.status() {
        let _ = (
            status.code(),
            status.meaning(),
            status.outcome(),
            status.to_string(),
        );
    }
    if let Ok(nc) = f.nc_error() {
        let _ = (
            nc.code(),
            nc.is_success(),
            nc.class(),
            nc.description(),
            nc.to_string(),
        );
    }
    if let Ok(amount) = f.amount() {
        let _ = (
            amount.minor_units(),
            amount.to_feedback_string(),
            amount.to_string(),
        );
    }
    match f.key() {
        Ok(key) => {
            assert!(f.status().is_ok());
            let _ = key.to_string();
        }
        Err(_) => assert!(
            f.status().is_err()
                || (f.order_id().unwrap_or("").is_empty() && f.pay_id().unwrap_or("").is_empty())
        ),
    }
}

/// Reads every accessor of verified feedback; `all` is the whole set it was made from. Every
/// parameter is either signed or unsigned, and reads the same either way.
pub fn read_verified(f: &VerifiedFeedback, all: &Params) {
    let _ = (
        f.order_id(),
        f.pay_id(),
        f.pay_id_sub(),
        f.currency(),
        f.brand(),
    );
    let _ = (f.payment_method(), f.masked_card(), f.acceptance());
    let _ = (f.transaction_date(), f.alias());
    let _ = (f.status(), f.nc_error(), f.amount(), f.key());
    for (name, value) in all.iter() {
        match (f.get(name), f.unsigned(name)) {
            (Some(v), None) | (None, Some(v)) => assert_eq!(v, value, "{name}"),
            other => panic!("{name} is both or neither signed and unsigned: {other:?}"),
        }
    }
    let signed = f.signed_params().count();
    let unsigned = f.unsigned_params().count();
    assert_eq!(signed + unsigned, all.len());
}

/// Reads every accessor of FlexCheckout feedback.
pub fn read_flex(f: &FlexCheckoutFeedback, all: &Params) {
    let _ = (f.alias_id(), f.order_id(), f.alias_status(), f.nc_error());
    let _ = (
        f.store_permanently(),
        f.brand(),
        f.masked_card(),
        f.expiry_date(),
    );
    let _ = f.card_holder_name();
    for (name, value) in all.iter() {
        match (f.get(name), f.unsigned(name)) {
            (Some(v), None) | (None, Some(v)) => assert_eq!(v, value, "{name}"),
            other => panic!("{name} is both or neither signed and unsigned: {other:?}"),
        }
    }
}

/// `feedback_verify`: the first byte picks the transport charset and the algorithm, the rest
/// is a feedback body, verified with a fixed key (parsing and verifying must not panic). Then
/// the body is re-signed with that key: the re-signed set must verify, as SHA-OUT feedback
/// and as FlexCheckout feedback, and read the same as the unverified one.
/// `VerifiedFeedback::parse`, `FlexCheckoutFeedback::parse` and
/// `AliasGatewayFeedback::parse`, which verify with the allocation-free scan before building
/// anything, answer exactly what `verify` answers on the set `Params::parse_form` decodes.
fn scan_agrees(
    body: &[u8],
    transport: TransportCharset,
    verifier: &FeedbackVerifier,
    parsed: &Result<Params, Error>,
) {
    assert_eq!(
        VerifiedFeedback::parse(body, transport, verifier),
        parsed
            .clone()
            .and_then(|p| VerifiedFeedback::verify(p, verifier)),
        "VerifiedFeedback: scan and parse_form + verify disagree"
    );
    assert_eq!(
        FlexCheckoutFeedback::parse(body, transport, verifier),
        parsed
            .clone()
            .and_then(|p| FlexCheckoutFeedback::verify(p, verifier)),
        "FlexCheckoutFeedback: scan and parse_form + verify disagree"
    );
    assert_eq!(
        AliasGatewayFeedback::parse(body, transport, verifier),
        parsed
            .clone()
            .and_then(|p| AliasGatewayFeedback::verify(p, verifier)),
        "AliasGatewayFeedback: scan and parse_form + verify disagree"
    );
}

pub fn feedback_verify(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let transport = pick(&TRANSPORTS, selector);
    let algorithm = pick(&ALGORITHMS, selector / 3);
    let verifier = FeedbackVerifier::new(&ShaOutKey::new(SHA_OUT_KEY), algorithm);
    let parsed = Params::parse_form(body, transport);
    scan_agrees(body, transport, &verifier, &parsed);
    // The same body signed with the right key (its SHASIGN appended as it came), so that the
    // scan's verifying path meets arbitrary bodies too.
    if let Ok(params) = &parsed {
        if SIGNATURE_NAMES.iter().all(|n| params.get(n).is_none()) {
            if let Ok(signature) = verifier.as_signer().sign(params) {
                let mut signed = body.to_vec();
                signed.extend_from_slice(format!("&SHASIGN={signature}").as_bytes());
                let reparsed = Params::parse_form(&signed, transport);
                scan_agrees(&signed, transport, &verifier, &reparsed);
            }
        }
    }
    if let Ok(f) = VerifiedFeedback::parse(body, transport, &verifier) {
        read_verified(&f, parsed.as_ref().expect("verified feedback parsed"));
    }
    if let Ok(f) = FlexCheckoutFeedback::parse(body, transport, &verifier) {
        read_flex(&f, parsed.as_ref().expect("verified feedback parsed"));
    }
    let unverified = match UnverifiedFeedback::parse(body, transport) {
        Ok(f) => f,
        Err(e) => {
            assert_eq!(
                Err(e),
                parsed.map(|_| ()),
                "same error as Params::parse_form"
            );
            return;
        }
    };
    read_unverified(&unverified);
    assert_eq!(Ok(unverified.params()), parsed.as_ref());

    let mut unsigned = unverified.params().clone();
    for name in SIGNATURE_NAMES {
        unsigned.remove(name);
    }
    for (list, signature_name) in [
        (ListKind::ShaOut, "SHASIGN"),
        (ListKind::FlexCheckoutOut, "SHASIGNATURE.SHASIGN"),
    ] {
        let signer = verifier.as_signer().clone().with_list(list);
        let signature = signer.sign(&unsigned).expect("UTF-8 signing never fails");
        let mut signed = unsigned.clone();
        signed
            .insert(signature_name, signature.to_string())
            .expect("signature names were removed");
        let kept = signer.explain(&unsigned).kept().to_vec();
        let lower = signature.to_string().to_ascii_lowercase();
        if kept.is_empty() {
            // A signature over the passphrase alone proves nothing: never verified.
            assert_eq!(signer.verify(&unsigned, &lower), Err(Error::NothingSigned));
            continue;
        }
        // Lower-case hex verifies too.
        signer
            .verify(&unsigned, &lower)
            .expect("lower-case hex verifies");
        let covered = |names: &[&str]| names.iter().all(|n| kept.iter().any(|k| k == n));
        if list == ListKind::ShaOut {
            let f = match VerifiedFeedback::verify(signed.clone(), &verifier) {
                Ok(f) => {
                    assert!(covered(&["ORDERID", "STATUS"]), "verified without them");
                    f
                }
                Err(e) => {
                    // Verified, but a field feedback cannot be without is missing.
                    assert!(!covered(&["ORDERID", "STATUS"]), "{e:?}");
                    assert!(matches!(e, Error::MissingField(_)), "{e:?}");
                    continue;
                }
            };
            read_verified(&f, &signed);
            // Same answers as unverified for what the signature covers.
            if f.get("ORDERID").is_some() {
                assert_eq!(f.order_id(), unverified.order_id());
            }
            if f.get("STATUS").is_some() {
                assert_eq!(f.status(), unverified.status());
            }
            if f.get("AMOUNT").is_some() {
                assert_eq!(f.amount(), unverified.amount());
            }
        } else {
            match FlexCheckoutFeedback::verify(signed.clone(), &verifier) {
                Ok(f) => {
                    assert!(covered(&["ALIAS.STATUS"]), "verified without the status");
                    read_flex(&f, &signed);
                }
                Err(e) => {
                    // No signed status, an unknown one, or "created" without a signed alias.
                    assert!(
                        matches!(e, Error::MissingField(_) | Error::InvalidField { .. }),
                        "{e:?}"
                    );
                }
            }
        }
    }
}

/// The input of the `roundtrip` target: pairs, signer settings and transport.
#[derive(Debug, Clone)]
pub struct RoundtripCase {
    /// Candidate parameters; invalid names and repeated names (ignoring case) are dropped.
    pub pairs: Vec<(String, String)>,
    /// The SHA-OUT passphrase.
    pub passphrase: String,
    /// The hash algorithm.
    pub algorithm: HashAlgorithm,
    /// The hashing charset.
    pub charset: Charset,
    /// The transport charset of the form body.
    pub transport: TransportCharset,
    /// The sort order.
    pub order: SortOrder,
    /// The allow-list.
    pub list: ListKind,
}

/// Whether `name` is kept by `roundtrip`: 1 to `MAX_NAME_BYTES` bytes of printable ASCII
/// without `=` or `&`, and not a signature name.
pub fn roundtrip_name_ok(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_BYTES
        && name
            .bytes()
            .all(|b| (0x20..0x7f).contains(&b) && b != b'=' && b != b'&')
        && !SIGNATURE_NAMES.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// `roundtrip`: sign with `Signer::sha_out`, append `SHASIGN`, encode with `to_form`, decode
/// with `parse_form`: the decoded set equals the signed one and `verify_shasign` succeeds.
/// Values the hashing or transport charset cannot encode are skipped (that is an `Err`).
pub fn roundtrip(case: &RoundtripCase) {
    let mut seen = HashSet::new();
    let mut params = Params::new();
    for (name, value) in &case.pairs {
        if roundtrip_name_ok(name) && seen.insert(name.to_ascii_uppercase()) {
            params
                .insert(name, value.as_str())
                .expect("a valid, unique name inserts");
        }
    }
    if params.len() >= MAX_FORM_PARAMS {
        return;
    }
    let signer = Signer::sha_out(Passphrase::new(case.passphrase.as_str()), case.algorithm)
        .with_charset(case.charset)
        .with_order(case.order)
        .with_list(case.list);
    let Ok(signature) = signer.sign(&params) else {
        // ISO-8859-1 hashing of a character above U+00FF: refused, fine.
        return;
    };
    params
        .insert("SHASIGN", signature.to_string())
        .expect("SHASIGN was filtered out of the names");
    let Ok(form) = params.to_form(case.transport) else {
        return;
    };
    if form.len() > MAX_FORM_BYTES {
        return;
    }
    let decoded = Params::parse_form(form.as_bytes(), case.transport)
        .unwrap_or_else(|e| panic!("to_form output must parse: {e:?}\n{form}"));
    assert_eq!(decoded, params, "form: {form}");
    if signer.explain(&decoded).kept().is_empty() {
        assert_eq!(signer.verify_shasign(&decoded), Err(Error::NothingSigned));
        return;
    }
    signer
        .verify_shasign(&decoded)
        .unwrap_or_else(|e| panic!("round-tripped signature must verify: {e:?}\n{form}"));
}

/// A request any builder produced: for a browser (it has an HTML form) or server-to-server
/// (it has none, by type).
#[derive(Debug)]
pub enum Built {
    /// Hosted payment page, Alias Gateway, FlexCheckout.
    Browser(SignedRequest<BrowserForm>),
    /// DirectLink order, maintenance, query.
    Server(SignedRequest<ServerToServer>),
}

impl From<SignedRequest<BrowserForm>> for Built {
    fn from(request: SignedRequest<BrowserForm>) -> Self {
        Built::Browser(request)
    }
}

impl From<SignedRequest<ServerToServer>> for Built {
    fn from(request: SignedRequest<ServerToServer>) -> Self {
        Built::Server(request)
    }
}

/// Checks a request a builder produced (see [`check_request`]), and for a browser request its
/// HTML forms too.
pub fn check_signed_request(request: &Built, signer: &Signer, signature_name: &str, nonce: &str) {
    match request {
        Built::Browser(r) => {
            check_request(r, signer, signature_name);
            check_html_forms(r, nonce);
        }
        Built::Server(r) => check_request(r, signer, signature_name),
    }
}

/// Checks a request a builder produced: its signature verifies with `signer` once the
/// signature fields are removed, and the body parses back to the same fields.
pub fn check_request<K: std::fmt::Debug>(
    request: &SignedRequest<K>,
    signer: &Signer,
    signature_name: &str,
) {
    let mut params = request.params().clone();
    let signature = params
        .remove(signature_name)
        .expect("a signed request carries its signature");
    for name in SIGNATURE_NAMES {
        params.remove(name);
    }
    signer
        .verify(&params, &signature)
        .unwrap_or_else(|e| panic!("signature must verify: {e:?} {request:?}"));
    assert_eq!(request.get(signature_name), Some(signature.as_str()));
    assert_eq!(signature.len(), signer.algorithm().hex_len());
    assert_eq!(request.fields().count(), request.params().len());

    if let Ok(body) = request.to_form_body() {
        let parsed =
            Params::parse_form_with_limit(body.as_bytes(), request.transport(), usize::MAX)
                .unwrap_or_else(|e| panic!("form body must parse: {e:?}\n{body}"));
        assert_eq!(&parsed, request.params(), "body: {body}");
    }
}

/// Checks that the HTML forms of a browser request escape everything (one `<script`, a fixed
/// number of `"`).
pub fn check_html_forms(request: &SignedRequest<BrowserForm>, nonce: &str) {
    let fields = request.params().len();
    for (html, nonce_quotes) in [
        (request.to_html_form(), 0),
        (request.to_html_form_with_nonce(nonce), 2),
    ] {
        let lower = html.to_ascii_lowercase();
        assert_eq!(lower.matches("<script").count(), 1, "{html}");
        assert_eq!(lower.matches("</script").count(), 1, "{html}");
        assert_eq!(lower.matches("<input").count(), fields, "{html}");
        // form: id, method, action, accept-charset; input: type, name, value; the button's
        // type; the script's getElementById argument; the nonce.
        let quotes = 2 * 4 + 2 * 3 * fields + 2 + 2 + nonce_quotes;
        assert_eq!(html.matches('"').count(), quotes, "{html}");
        assert_eq!(html.matches('<').count(), 1 + fields + 5 + 2, "{html}");
    }
}

/// The keys of [`audit`]'s auditor, in its order: one of each algorithm, each its own
/// passphrase.
pub const AUDIT_KEYS: [(&str, HashAlgorithm); 3] = [
    ("audit-key-sha1", HashAlgorithm::Sha1),
    ("audit-key-sha256", HashAlgorithm::Sha256),
    ("audit-key-sha512", HashAlgorithm::Sha512),
];

/// Arbitrary bytes through `Auditor::audit` (three keys, every list; the first byte picks the
/// order of the transports). Properties: nothing panics; a verified verdict holds only signed
/// values (its fields are its signed pairs' values), and the view of its list with its key and
/// transport verifies the body too; the body signed with the SHA-256 key (its SHASIGN
/// appended) is verified, by that key.
pub fn audit(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let first = pick(&TRANSPORTS, selector);
    let transports: Vec<TransportCharset> = std::iter::once(first)
        .chain(TRANSPORTS.into_iter().filter(|t| *t != first))
        .take(1 + usize::from(selector / 3 % 3))
        .collect();
    let mut auditor = Auditor::new()
        .with_lists(AuditList::ALL)
        .with_transports(transports.clone());
    for (passphrase, algorithm) in AUDIT_KEYS {
        auditor = auditor.with_key(&ShaOutKey::new(passphrase), algorithm);
    }
    let verdict = auditor.audit(body);
    check_verdict(body, &verdict);

    // Signed with the SHA-256 key over SHA-OUT, as it decodes in the first transport.
    let Ok(params) = Params::parse_form(body, first) else {
        return;
    };
    if SIGNATURE_NAMES.iter().any(|n| params.get(n).is_some()) {
        return;
    }
    let (passphrase, algorithm) = AUDIT_KEYS[1];
    let verifier = FeedbackVerifier::new(&ShaOutKey::new(passphrase), algorithm);
    let signer = verifier.as_signer();
    if signer.explain(&params).kept().is_empty() {
        return;
    }
    let Ok(signature) = signer.sign(&params) else {
        return;
    };
    let mut signed = body.to_vec();
    signed.extend_from_slice(format!("&SHASIGN={signature}").as_bytes());
    let verdict = auditor.audit(&signed);
    check_verdict(&signed, &verdict);
    match &verdict {
        Verdict::Verified(found) => assert_eq!(found.key, 1, "{verdict:?}"),
        // Appending can push the body past what a form may hold.
        Verdict::Malformed { .. } if signed.len() > MAX_FORM_BYTES => {}
        other => panic!("re-signed body not verified: {other:?}"),
    }

    // A session (its replays: the same names after a verified body) gives the verdicts of
    // `audit`, directly and into one verdict: the re-signed body, the body unsigned, and the
    // re-signed body with one byte changed where the first byte says.
    let mut edited = signed.clone();
    if let Some(byte) = edited.get_mut(usize::from(selector) * 7 % signed.len().max(1)) {
        *byte ^= 1 << (selector % 7);
    }
    let mut session = auditor.session();
    let mut into = auditor.session();
    let mut held = Verdict::NotAuthentic {
        claimed: Default::default(),
    };
    for run in [&signed, &signed, &body.to_vec(), &edited, &signed, &edited] {
        let expected = auditor.audit(run);
        assert_eq!(session.audit(run), expected, "session");
        into.audit_into(run, &mut held);
        assert_eq!(held, expected, "audit_into");
    }
}

/// The properties of one verdict of [`audit`].
fn check_verdict(body: &[u8], verdict: &Verdict) {
    let Verdict::Verified(found) = verdict else {
        assert!(verdict.error().is_some() == matches!(verdict, Verdict::Malformed { .. }));
        return;
    };
    let signed = |name: &str| {
        found
            .signed
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let fields = &found.fields;
    let order_id = match found.list {
        AuditList::FlexCheckout => signed("ALIAS.ORDERID").or_else(|| signed("ORDERID")),
        _ => signed("ORDERID"),
    };
    if !found.signed.is_empty() {
        assert_eq!(fields.order_id, order_id, "order id not signed");
        assert_eq!(fields.pay_id, signed("PAYID"), "PAYID not signed");
        assert_eq!(fields.status, signed("STATUS"), "STATUS not signed");
        assert_eq!(fields.amount, signed("AMOUNT"), "AMOUNT not signed");
        assert_eq!(fields.currency, signed("CURRENCY"), "CURRENCY not signed");
    }
    let (passphrase, algorithm) = AUDIT_KEYS[found.key];
    assert_eq!(found.algorithm, algorithm);
    let verifier = FeedbackVerifier::new(&ShaOutKey::new(passphrase), algorithm);
    match found.list {
        AuditList::ShaOut => {
            let feedback = VerifiedFeedback::parse(body, found.transport, &verifier);
            // The view also checks the shapes of the fields it reads; the auditor does not.
            if let Ok(feedback) = feedback {
                assert_eq!(feedback.order_id().map(String::from), fields.order_id);
            }
            let params = Params::parse_form(body, found.transport).expect("verified: parsed");
            verifier
                .as_signer()
                .verify_shasign(&params)
                .expect("verified by the auditor: verified by the signer");
        }
        AuditList::FlexCheckout => {
            let params = Params::parse_form(body, found.transport).expect("verified: parsed");
            let signer = verifier
                .as_signer()
                .clone()
                .with_list(ListKind::FlexCheckoutOut);
            let mut unsigned = params.clone();
            let shasign = unsigned
                .remove("SHASIGNATURE.SHASIGN")
                .or_else(|| unsigned.remove("SHASIGN"))
                .expect("verified: signed");
            signer
                .verify(&unsigned, &shasign)
                .expect("verified by the auditor: verified by the signer");
        }
        _ => {}
    }
}
