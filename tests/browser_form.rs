//! The payment form in a real browser (issue 11): headless Chromium loads a page served from
//! loopback that holds [`SignedRequest::to_html_form`] (or the nonce variant under a strict
//! `Content-Security-Policy`), its script submits the form to a loopback stand-in for the
//! platform (`Platform::Custom`), and the stand-in decodes the bytes it received in the charset
//! of the endpoint and re-verifies `SHASIGN` with the SHA-IN key, as Ogone would.
//!
//! Needs Chromium (Debian package `chromium`; `.ci/run` installs it). Without it these tests
//! fail, unless `OGONE_SKIP_BROWSER=1` is set.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "browser_form/chromium.rs"]
mod chromium;
#[path = "browser_form/stand_in.rs"]
mod stand_in;

use chromium::Chromium;
use ogone::{
    Amount, BrowserForm, Charset, Credentials, Error, HashAlgorithm, HostedPaymentPage, Params,
    Passphrase, Platform, ShaInKey, ShaOutKey, SignedRequest, Signer, TransportCharset,
};
use stand_in::{Page, RECEIVED_TITLE, StandIn};

const SHA_IN: &str = "Browser-test-SHA-IN-2026";
const ALGORITHM: HashAlgorithm = HashAlgorithm::Sha256;

/// Every printable ASCII character, `&`, `+`, `=`, `%`, quotes and `<` among them.
fn printable_ascii() -> String {
    (' '..='~').collect()
}

/// The characters Windows-1252 puts in 0x80..=0x9F, where ISO-8859-1 has C1 controls.
const WINDOWS_1252_EXTRAS: &str = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

fn credentials(origin: &str, charset: Charset) -> Credentials {
    Credentials::new(
        "MyPSPID",
        ShaInKey::new(SHA_IN),
        ShaOutKey::new("Browser-test-SHA-OUT-2026"),
        ALGORITHM,
    )
    .with_platform(Platform::Custom(origin.to_string()))
    .with_charset(charset)
}

/// The customer's details every page carries: accents, `&`, `+`, quotes and `<`.
fn order(order_id: &str) -> HostedPaymentPage {
    HostedPaymentPage::new(order_id, Amount::from_minor_units(4250).unwrap(), "EUR")
        .language("fr_BE")
        .customer_name("Zoë Lefèvre & \"Fils\" <SA>")
        .owner_address("1 rue d'Arlon <b>&amp; a=b&c=d%20+")
        .owner_town("L'Haÿ-les-Roses + Liège")
        .com_plus(printable_ascii())
        .accept_url("https://shop.example.com/return?order=1&lang=fr")
}

/// A UTF-8 page holding `form`.
fn checkout_page(form: &str, csp: Option<String>) -> Page {
    let html = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>checkout</title></head>\
         <body>\n{form}</body></html>\n"
    );
    Page { html, csp }
}

/// What the stand-in platform does with the one form it received: checks it went to the
/// request's URL as a form, decodes it in the endpoint's charset, verifies `SHASIGN` with a
/// SHA-IN signer of its own, and returns the raw body and the decoded parameters.
fn received_and_verified(
    stand_in: &StandIn,
    request: &SignedRequest<BrowserForm>,
) -> (String, Params) {
    let posts = stand_in.posts();
    assert_eq!(posts.len(), 1, "the browser posted {} forms", posts.len());
    let post = &posts[0];
    assert_eq!(format!("{}{}", stand_in.origin(), post.path), request.url());
    assert_eq!(
        post.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    let (transport, charset) = if post.path.ends_with("_utf8.asp") {
        (TransportCharset::Utf8, Charset::Utf8)
    } else {
        (TransportCharset::Iso8859_1, Charset::Iso8859_1)
    };
    let params = Params::parse_form(&post.body, transport)
        .unwrap_or_else(|e| panic!("the body is not {transport}: {e}"));
    Signer::sha_in(Passphrase::new(SHA_IN), ALGORITHM)
        .with_charset(charset)
        .verify_shasign(&params)
        .unwrap_or_else(|e| panic!("SHASIGN does not verify on {}: {e}", post.path));
    let body = String::from_utf8(post.body.clone()).expect("a form body is ASCII");
    (body, params)
}

/// Loads `path` from the stand-in and asserts that the browser ended on the stand-in's answer.
fn submit(browser: &Chromium, stand_in: &StandIn, path: &str) {
    let dom = browser.load(&format!("{}{path}", stand_in.origin()));
    assert!(
        dom.contains(RECEIVED_TITLE),
        "the browser did not reach the stand-in; its DOM:\n{dom}"
    );
}

#[test]
fn utf8_page_round_trips() {
    let Some(browser) = Chromium::find() else {
        return;
    };
    let stand_in = StandIn::start();
    let creds = credentials(&stand_in.origin(), Charset::Utf8);
    // Also a decomposed `é` (browsers do not normalise) and a zero-width no-break space.
    let com = format!("10 {WINDOWS_1252_EXTRAS} ÿ Ā 中 😀 e\u{301} \u{FEFF}");
    let request = order("BROWSER-UTF8")
        .com(com.as_str())
        .build(&creds)
        .unwrap();
    assert!(request.url().ends_with("/ncol/test/orderstandard_utf8.asp"));
    stand_in.serve("/checkout", checkout_page(&request.to_html_form(), None));

    submit(&browser, &stand_in, "/checkout");

    let (body, params) = received_and_verified(&stand_in, &request);
    assert_eq!(&params, request.params());
    assert_eq!(params.get("COM"), Some(com.as_str()));
    // The bytes: UTF-8, `€` as E2 82 AC, and the form-urlencoded escapes of the specials.
    assert!(
        body.contains("CN=Zo%C3%AB+Lef%C3%A8vre+%26+%22Fils%22+%3CSA%3E&"),
        "{body}"
    );
    assert!(body.contains("COM=10+%E2%82%AC%E2%80%9A"), "{body}");
    assert!(body.contains("%F0%9F%98%80+e%CC%81+%EF%BB%BF&"), "{body}");
}

#[test]
fn iso_8859_1_page_round_trips() {
    let Some(browser) = Chromium::find() else {
        return;
    };
    let stand_in = StandIn::start();
    let creds = credentials(&stand_in.origin(), Charset::Iso8859_1);
    // All of U+00A0..=U+00FF: where Windows-1252 and ISO-8859-1 agree byte for byte.
    let latin1: String = ('\u{A0}'..='\u{FF}').collect();
    let request = order("BROWSER-LATIN1")
        .com(latin1.as_str())
        .build(&creds)
        .unwrap();
    assert!(request.url().ends_with("/ncol/test/orderstandard.asp"));
    stand_in.serve("/checkout", checkout_page(&request.to_html_form(), None));

    submit(&browser, &stand_in, "/checkout");

    let (body, params) = received_and_verified(&stand_in, &request);
    assert_eq!(&params, request.params());
    assert_eq!(params.get("COM"), Some(latin1.as_str()));
    // One byte a character: the page asked for ISO-8859-1 and got it for these characters.
    assert!(
        body.contains("CN=Zo%EB+Lef%E8vre+%26+%22Fils%22+%3CSA%3E&"),
        "{body}"
    );
    assert!(body.contains("COM=%A0%A1%A2"), "{body}");
    assert!(body.contains("%FD%FE%FF&"), "{body}");
    // Control: the same values hashed in UTF-8 do not verify, so the charset is really checked.
    assert!(
        Signer::sha_in(Passphrase::new(SHA_IN), ALGORITHM)
            .verify_shasign(&params)
            .is_err()
    );
}

#[test]
fn nonce_form_submits_under_a_strict_csp() {
    let Some(browser) = Chromium::find() else {
        return;
    };
    let stand_in = StandIn::start();
    let creds = credentials(&stand_in.origin(), Charset::Utf8);
    let request = order("BROWSER-CSP")
        .com("Café & crème")
        .build(&creds)
        .unwrap();
    let nonce = "cmFuZG9tLW5vbmNlLTE";
    let csp = format!(
        "script-src 'nonce-{nonce}'; default-src 'none'; form-action {}",
        stand_in.origin()
    );
    let html = request.to_html_form_with_nonce(nonce);
    stand_in.serve("/checkout", checkout_page(&html, Some(csp)));

    submit(&browser, &stand_in, "/checkout");

    let (_, params) = received_and_verified(&stand_in, &request);
    assert_eq!(&params, request.params());
}

#[test]
fn form_with_the_wrong_nonce_is_blocked_by_the_csp() {
    let Some(browser) = Chromium::find() else {
        return;
    };
    let stand_in = StandIn::start();
    let creds = credentials(&stand_in.origin(), Charset::Utf8);
    let request = order("BROWSER-CSP-2").build(&creds).unwrap();
    let nonce = "cmlnaHQtbm9uY2U";
    let csp = format!(
        "script-src 'nonce-{nonce}'; default-src 'none'; form-action {}",
        stand_in.origin()
    );
    // A script with the page's nonce runs (it renames the page), the form's does not.
    let html = format!(
        "{}<script nonce=\"{nonce}\">document.title = \"the nonce script ran\";</script>\n",
        request.to_html_form_with_nonce("d3Jvbmctbm9uY2U")
    );
    stand_in.serve("/checkout", checkout_page(&html, Some(csp)));

    let dom = browser.load(&format!("{}/checkout", stand_in.origin()));

    assert!(dom.contains("<title>the nonce script ran</title>"), "{dom}");
    assert!(dom.contains("id=\"ogone-payment\""), "{dom}");
    assert!(stand_in.posts().is_empty(), "{:?}", stand_in.posts());
}

/// What Chromium does with a form that asks for ISO-8859-1, on a hand-written form (the crate's
/// builders refuse these values, see the next test): it encodes with Windows-1252, the WHATWG
/// meaning of the label, and sends a character Windows-1252 lacks as a decimal reference.
#[test]
fn chromium_posts_iso_8859_1_forms_in_windows_1252() {
    let Some(browser) = Chromium::find() else {
        return;
    };
    let stand_in = StandIn::start();
    let action = format!("{}/ncol/test/orderstandard.asp", stand_in.origin());
    let form = format!(
        "<form id=\"f\" method=\"post\" action=\"{action}\" accept-charset=\"ISO-8859-1\">\
         <input type=\"hidden\" name=\"EURO\" value=\"€\">\
         <input type=\"hidden\" name=\"C1\" value=\"&#x80;\">\
         <input type=\"hidden\" name=\"YUML\" value=\"Ÿ\">\
         <input type=\"hidden\" name=\"AMACRON\" value=\"Ā\"></form>\
         <script>document.getElementById(\"f\").submit();</script>"
    );
    stand_in.serve("/raw", checkout_page(&form, None));

    submit(&browser, &stand_in, "/raw");

    let posts = stand_in.posts();
    let body = String::from_utf8(posts[0].body.clone()).unwrap();
    let field = |name: &str| {
        body.split('&')
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
            .map(str::to_string)
    };
    // `€` and `Ÿ` travel as their Windows-1252 bytes, which ISO-8859-1 reads as U+0080, U+009F.
    assert_eq!(field("EURO").as_deref(), Some("%80"), "{body}");
    assert_eq!(field("YUML").as_deref(), Some("%9F"), "{body}");
    let latin1 = Params::parse_form(&posts[0].body, TransportCharset::Iso8859_1).unwrap();
    assert_eq!(latin1.get("EURO"), Some("\u{80}"));
    // U+0080 itself: Chromium 156 sends the byte 0x80 too (the WHATWG encoder would send
    // `&#128;`); either way the platform cannot tell it from `€` or from the text `&#128;`.
    assert!(
        ["%80", "%26%23128%3B"].contains(&field("C1").unwrap_or_default().as_str()),
        "{body}"
    );
    // Beyond Windows-1252: the text `&#256;`, not `Ā`.
    assert_eq!(field("AMACRON").as_deref(), Some("%26%23256%3B"), "{body}");
}

/// The characters where ISO-8859-1 and the browser's Windows-1252 differ never reach a form:
/// the C1 controls U+0080..=U+009F are refused on every page (no control characters), and `€`
/// and the other Windows-1252 extras are refused on ISO-8859-1 pages (ISO-8859-1 cannot encode
/// them). On `_utf8` pages the extras are fine (see `utf8_page_round_trips`).
#[test]
fn builders_refuse_what_the_browser_would_change() {
    let origin = "http://127.0.0.1:9";
    let page = |com: String| {
        HostedPaymentPage::new("1", Amount::from_minor_units(1).unwrap(), "EUR").com(com)
    };
    for charset in [Charset::Utf8, Charset::Iso8859_1] {
        let creds = credentials(origin, charset);
        for c1 in '\u{80}'..='\u{9F}' {
            let err = page(format!("a{c1}b")).build(&creds).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidField { field, reason } if field == "COM" && reason.contains("control")),
                "U+{:04X} on {charset}: {err:?}",
                u32::from(c1)
            );
        }
    }
    let latin1 = credentials(origin, Charset::Iso8859_1);
    let utf8 = credentials(origin, Charset::Utf8);
    for ch in WINDOWS_1252_EXTRAS.chars() {
        assert_eq!(
            page(format!("10 {ch}")).build(&latin1).unwrap_err(),
            Error::Unencodable {
                name: "COM".into(),
                ch
            }
        );
        assert!(page(format!("10 {ch}")).build(&utf8).is_ok());
    }
}
