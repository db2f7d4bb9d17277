//! [proptest](https://docs.rs/proptest) strategies for your own property tests.
//!
//! Behind the `proptest` feature: `ogone = { version = "0.1", features = ["proptest"] }` in
//! your `[dev-dependencies]`, next to `proptest = "1"`.
//!
//! Your handlers sit between this crate and Ogone: a form built from an order, a return URL
//! that verifies feedback and updates the order. These strategies generate what those handlers
//! meet, so a property test can check them against many inputs instead of one example:
//!
//! - parameter sets of each flow, valid for the request builders: [`hosted_page_params`],
//!   [`direct_link_params`], [`flexcheckout_params`], and the feedback Ogone signs,
//!   [`sha_out_feedback_params`]. Names come from the flow's allow-list (a random subset,
//!   `*XX*` filled with numbers) in mixed case; values hold `&`, `=`, `+`, `%`, spaces and
//!   non-ASCII text. The `_in` variants take the hashing charset: with
//!   [`Charset::Iso8859_1`] every value is Latin-1;
//! - transactions as Ogone reports them, [`transaction`], any [`Status`], amounts from 0 to
//!   [`MAX_MINOR_UNITS`], with PARAMPLUS fields;
//! - feedback bodies signed with your SHA-OUT key, [`signed_feedback`], and the same bodies with
//!   one byte changed where the signature covers it, [`tampered_feedback`];
//! - hostile form bodies, [`hostile_form_body`]: malformed escapes, invalid UTF-8, duplicate
//!   names, sizes around [`MAX_FORM_BYTES`], control characters, `=` and `&` soup, two
//!   signatures.
//!
//! ```
//! use ogone::strategies::{signed_feedback, tampered_feedback};
//! use ogone::{Error, FeedbackVerifier, HashAlgorithm, ShaOutKey, VerifiedFeedback};
//! use proptest::prelude::*;
//!
//! // Your return-URL handler: verify, then act on the order.
//! fn handle_return(body: &[u8], transport: ogone::TransportCharset) -> Result<u8, Error> {
//!     let verifier = FeedbackVerifier::new(&ShaOutKey::new("Another-secret-for-OUT"), HashAlgorithm::Sha512);
//!     let feedback = VerifiedFeedback::parse(body, transport, &verifier)?;
//!     Ok(feedback.status()?.code())
//! }
//!
//! proptest! {
//!     #![proptest_config(ProptestConfig::with_cases(32))]
//!     // Put `#[test]` here in your test suite.
//!     fn handler_accepts_what_ogone_signs(
//!         feedback in signed_feedback(ShaOutKey::new("Another-secret-for-OUT"), HashAlgorithm::Sha512),
//!     ) {
//!         let status = handle_return(feedback.body.as_bytes(), feedback.transport)?;
//!         prop_assert_eq!(status, feedback.transaction.status.code());
//!     }
//!
//!     fn handler_rejects_any_change(
//!         forged in tampered_feedback(ShaOutKey::new("Another-secret-for-OUT"), HashAlgorithm::Sha512),
//!     ) {
//!         prop_assert_eq!(handle_return(forged.body.as_bytes(), forged.transport), Err(Error::Mismatch));
//!     }
//! }
//! handler_accepts_what_ogone_signs();
//! handler_rejects_any_change();
//! ```
//!
//! The strategies are deterministic given proptest's random source and shrink towards short,
//! ASCII, upper-case inputs.
//!
//! proptest needs `std`, so turning this feature on links `std`; the module itself is written
//! against `core` and `alloc` like the rest of the crate.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use proptest::collection::vec as vec_of;
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use proptest::strategy::Union;

use crate::charset::{Charset, TransportCharset};
use crate::error::Error;
use crate::protocol::amount::{Amount, MAX_MINOR_UNITS};
use crate::protocol::credentials::ShaOutKey;
use crate::protocol::status::Status;
use crate::protocol::validate::{COUNTRIES, CURRENCIES};
use crate::signing::builtin_lists::{DIGITS_PLACEHOLDER, ListKind};
use crate::signing::form::{MAX_FORM_BYTES, MAX_FORM_PARAMS};
use crate::signing::list::AllowList;
use crate::signing::params::Params;
use crate::signing::signature::HashAlgorithm;
use crate::testing::simulate::{AliasResult, FeedbackSimulator, Transaction};

/// A parameter set of one flow, as a merchant's code hands it over: names in mixed case and
/// unique ignoring case, in no particular order, values as they are (not escaped).
///
/// Every value is encodable in [`FlowParams::charset`], and every field a request builder
/// checks passes its check, so the set builds. Values may be empty (the signature leaves empty
/// values out).
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let set = ogone::strategies::hosted_page_params().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
/// assert!(set.get("orderid").is_some_and(|id| !id.is_empty()));
/// assert_eq!(set.list, ogone::ListKind::ShaIn);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowParams {
    /// The `(name, value)` pairs.
    pub pairs: Vec<(String, String)>,
    /// The hashing charset the values fit in.
    pub charset: Charset,
    /// The allow-list of the flow, to sign the set with a [`crate::Signer`].
    pub list: ListKind,
}

impl FlowParams {
    /// The value of a parameter, name ignoring case.
    ///
    /// ```
    /// use proptest::strategy::{Strategy, ValueTree};
    /// use proptest::test_runner::TestRunner;
    /// let mut runner = TestRunner::deterministic();
    /// let set = ogone::strategies::sha_out_feedback_params().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
    /// assert_eq!(set.get("shasign"), None); // unsigned sets: the simulator adds SHASIGN
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The pairs whose names (ignoring case) are not among `names`: what is left to pass to a
    /// builder's `param` once its constructor took the required fields.
    ///
    /// ```
    /// use proptest::strategy::{Strategy, ValueTree};
    /// use proptest::test_runner::TestRunner;
    /// let mut runner = TestRunner::deterministic();
    /// let set = ogone::strategies::hosted_page_params().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
    /// let required = ["PSPID", "ORDERID", "AMOUNT", "CURRENCY"];
    /// assert!(set.others(&required).all(|(n, _)| !required.iter().any(|r| r.eq_ignore_ascii_case(n))));
    /// assert_eq!(set.others(&required).count() + required.len(), set.pairs.len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn others<'a>(
        &'a self,
        names: &'a [&'a str],
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.pairs
            .iter()
            .filter(move |(n, _)| !names.iter().any(|r| r.eq_ignore_ascii_case(n)))
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The set as [`Params`].
    ///
    /// # Errors
    ///
    /// Those of [`Params::insert`]; a generated set has valid, unique names and never fails.
    ///
    /// ```
    /// use proptest::strategy::{Strategy, ValueTree};
    /// use proptest::test_runner::TestRunner;
    /// let mut runner = TestRunner::deterministic();
    /// let set = ogone::strategies::direct_link_params().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
    /// let params = set.to_params()?;
    /// assert_eq!(params.len(), set.pairs.len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_params(&self) -> Result<Params, Error> {
        Params::try_from_pairs(self.pairs.iter().map(|(n, v)| (n.as_str(), v.clone())))
    }
}

/// A feedback body signed as Ogone would sign it, by [`signed_feedback`].
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, VerifiedFeedback};
/// let key = ShaOutKey::new("Another-secret-for-OUT");
/// let signed = ogone::strategies::signed_feedback(key.clone(), HashAlgorithm::Sha256)
///     .new_tree(&mut runner).map_err(|e| e.to_string())?
///     .current();
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha256);
/// let feedback = VerifiedFeedback::parse(signed.body.as_bytes(), signed.transport, &verifier)?;
/// assert_eq!(feedback.order_id(), Some(signed.transaction.order_id.as_str()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedFeedback {
    /// The query string or POST body, `SHASIGN` last.
    pub body: String,
    /// The charset its percent-escapes stand for: pass it to
    /// [`VerifiedFeedback::parse`](crate::VerifiedFeedback::parse).
    pub transport: TransportCharset,
    /// What the body reports.
    pub transaction: Transaction,
}

/// Where [`tampered_feedback`] changed a byte. `at` is the byte's offset in the body.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// use ogone::strategies::{Tampering, tampered_feedback};
/// let key = ogone::ShaOutKey::new("Another-secret-for-OUT");
/// let t = tampered_feedback(key, ogone::HashAlgorithm::Sha1).new_tree(&mut runner).map_err(|e| e.to_string())?.current();
/// assert!(matches!(t.tampering, Tampering::Name { .. } | Tampering::Value { .. } | Tampering::Signature { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Tampering {
    /// In the name of a signed parameter: the parameter got another name (not a case change,
    /// not the name of another parameter of the body).
    Name {
        /// The parameter's name as sent before the change.
        name: String,
        /// Offset of the changed byte in the body.
        at: usize,
    },
    /// In the value of a signed parameter, outside percent-escapes: the decoded value differs.
    Value {
        /// The parameter's name as sent.
        name: String,
        /// Offset of the changed byte in the body.
        at: usize,
    },
    /// In the `SHASIGN` hex digits, to another digit (not a case change).
    Signature {
        /// Offset of the changed byte in the body.
        at: usize,
    },
}

impl Tampering {
    /// Offset of the changed byte in the body.
    ///
    /// ```
    /// use proptest::strategy::{Strategy, ValueTree};
    /// use proptest::test_runner::TestRunner;
    /// let mut runner = TestRunner::deterministic();
    /// let key = ogone::ShaOutKey::new("Another-secret-for-OUT");
    /// let t = ogone::strategies::tampered_feedback(key, ogone::HashAlgorithm::Sha1)
    ///     .new_tree(&mut runner).map_err(|e| e.to_string())?
    ///     .current();
    /// let at = t.tampering.at();
    /// assert_ne!(t.body.as_bytes()[at], t.original.body.as_bytes()[at]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn at(&self) -> usize {
        match self {
            Tampering::Name { at, .. }
            | Tampering::Value { at, .. }
            | Tampering::Signature { at } => *at,
        }
    }
}

/// A signed feedback body with one byte changed, by [`tampered_feedback`].
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// use ogone::{Error, FeedbackVerifier, HashAlgorithm, ShaOutKey, VerifiedFeedback};
/// let key = ShaOutKey::new("Another-secret-for-OUT");
/// let t = ogone::strategies::tampered_feedback(key.clone(), HashAlgorithm::Sha512)
///     .new_tree(&mut runner).map_err(|e| e.to_string())?
///     .current();
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
/// let result = VerifiedFeedback::parse(t.body.as_bytes(), t.transport, &verifier);
/// assert_eq!(result, Err(Error::Mismatch));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TamperedFeedback {
    /// The changed body. It has the length of the original and still decodes in `transport`.
    pub body: String,
    /// The charset its percent-escapes stand for.
    pub transport: TransportCharset,
    /// What changed, and where.
    pub tampering: Tampering,
    /// The feedback before the change.
    pub original: SignedFeedback,
}

// ---------------------------------------------------------------------------------------------
// Text

/// Which characters free text may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repertoire {
    Ascii,
    Latin1,
    Windows1252,
    Unicode,
}

impl Repertoire {
    /// The repertoires a value set for `charset` can use; one is picked per set, so that a
    /// UTF-8 set is now and then Latin-1 only (and travels as ISO-8859-1 or Windows-1252).
    fn for_charset(charset: Charset) -> BoxedStrategy<Repertoire> {
        match charset {
            Charset::Utf8 => prop_oneof![
                2 => Just(Repertoire::Ascii),
                2 => Just(Repertoire::Latin1),
                1 => Just(Repertoire::Windows1252),
                3 => Just(Repertoire::Unicode),
            ]
            .boxed(),
            Charset::Iso8859_1 => prop_oneof![
                1 => Just(Repertoire::Ascii),
                3 => Just(Repertoire::Latin1),
            ]
            .boxed(),
        }
    }
}

const WORDS: &[&str] = &[
    "A", "z", "0", "7", "42", "1500", "order", "Shop", "x1", "ABC", "Main St", "2026", "id",
];

/// Characters and sequences that break naive encoders and decoders.
const ASCII_SPECIALS: &[&str] = &[
    "&", "=", "+", "%", " ", "  ", "%20", "%zz", "%41", "%25", "%%", "a=b&c=d", "?", "#", "/", ";",
    ":", ",", "\"", "'", "<", ">", "<b>", "\\", "*", "-", ".", "_", "~", "@", "!", "$", "(", ")",
    "[", "]", "{", "}", "|", "^", "`", "+1", "&amp;", "==",
];

/// Latin-1 letters and signs (no C1 control characters: U+0080..U+009F are controls).
const LATIN1: &[&str] = &[
    "é", "è", "à", "ç", "ü", "Ö", "ß", "ñ", "ø", "Å", "É", "ÿ", "×", "÷", "£", "¥", "©", "°", "µ",
    "\u{a0}", "\u{ad}", "¿", "¡", "½", "Ð", "þ",
];

/// What Windows-1252 has in 0x80..=0x9F and ISO-8859-1 lacks.
const WINDOWS_1252_ONLY: &[&str] = &[
    "€", "‘", "’", "“", "”", "–", "—", "…", "Š", "š", "Ž", "ž", "Œ", "œ", "Ÿ", "™", "•", "‰", "ƒ",
    "ˆ", "˜", "†", "‡", "‹", "›", "‚", "„",
];

/// Beyond Windows-1252: other scripts, astral characters, combining marks, invisible format
/// characters.
const BEYOND_1252: &[&str] = &[
    "Ā", "ł", "Ő", "Ж", "я", "Ω", "中文", "日本", "😀", "🇧🇪", "\u{200b}", "ﬁ", "𝄞", "e\u{301}",
    "İ", "ǅ", "\u{feff}", "\u{2028}",
];

fn pick(values: &'static [&'static str]) -> BoxedStrategy<String> {
    select(values).prop_map(str::to_owned).boxed()
}

/// One piece of free text.
fn fragment(rep: Repertoire) -> BoxedStrategy<String> {
    let mut arms = vec![(6, pick(WORDS)), (3, pick(ASCII_SPECIALS))];
    if rep != Repertoire::Ascii {
        arms.push((2, pick(LATIN1)));
    }
    if matches!(rep, Repertoire::Windows1252 | Repertoire::Unicode) {
        arms.push((1, pick(WINDOWS_1252_ONLY)));
    }
    if rep == Repertoire::Unicode {
        arms.push((2, pick(BEYOND_1252)));
    }
    Union::new_weighted(arms).boxed()
}

/// Free text of `min` to `max` characters: at least `min` pieces of one character or more,
/// cut at `max` characters.
fn text(rep: Repertoire, min: usize, max: usize) -> BoxedStrategy<String> {
    vec_of(fragment(rep), min..=max.min(min + 24))
        .prop_map(move |pieces| pieces.concat().chars().take(max).collect())
        .boxed()
}

/// Free text, empty one time in ten.
fn optional_text(rep: Repertoire, max: usize) -> BoxedStrategy<String> {
    prop_oneof![1 => Just(String::new()), 9 => text(rep, 1, max)].boxed()
}

/// An http(s) URL of at most 200 characters whose path and query hold free text.
fn url(rep: Repertoire) -> BoxedStrategy<String> {
    const HOSTS: &[&str] = &[
        "shop.example.com",
        "localhost:8443",
        "127.0.0.1",
        "[::1]:8080",
        "xn--caf-dma.example",
        "user:pa%20ss@shop.example",
    ];
    (
        pick(&["https://", "http://"]),
        select(HOSTS),
        text(rep, 0, 12),
        prop::option::of(text(rep, 1, 16)),
    )
        .prop_map(|(scheme, host, path, query)| {
            let mut url = format!("{scheme}{host}/{path}");
            if let Some(query) = query {
                url.push('?');
                url.push_str(&query);
            }
            url.chars().take(200).collect()
        })
        .boxed()
}

/// An e-mail address of at most 50 characters with one `@`.
fn email(rep: Repertoire) -> BoxedStrategy<String> {
    const LOCAL: &[&str] = &[
        "john",
        "j.doe+ogone",
        "o'brien",
        "a&b",
        "x%y",
        "user=1",
        "\"quoted name\"",
        "A",
    ];
    const LOCAL_LATIN1: &[&str] = &["josé", "müller"];
    const DOMAIN: &[&str] = &["example.com", "shop.example", "xn--bcher-kva.example", "b"];
    let local = if rep == Repertoire::Ascii {
        pick(LOCAL)
    } else {
        prop_oneof![3 => pick(LOCAL), 1 => pick(LOCAL_LATIN1)].boxed()
    };
    (local, pick(DOMAIN))
        .prop_map(|(l, d)| format!("{l}@{d}"))
        .boxed()
}

/// Amounts in minor units from 0 to the maximum, edges often.
fn minor_units(min: u64) -> BoxedStrategy<u64> {
    prop_oneof![
        1 => Just(min),
        1 => Just(MAX_MINOR_UNITS),
        2 => min..=min + 1_000,
        2 => min..=100_000_u64,
        3 => min..=MAX_MINOR_UNITS,
    ]
    .boxed()
}

const LANGUAGES: &[&str] = &[
    "en_US", "fr_FR", "nl_BE", "de_DE", "it_IT", "es_ES", "fr_BE",
];
const PAYMENT_METHODS: &[&str] = &[
    "CreditCard",
    "iDEAL",
    "PAYPAL",
    "Bancontact/Mister Cash",
    "Direct Debits NL",
    "KBC Online",
];
const BRANDS: &[&str] = &[
    "VISA",
    "MasterCard",
    "American Express",
    "Maestro",
    "Bancontact/Mister Cash",
    "iDEAL",
];
const MASKED_CARDS: &[&str] = &[
    "XXXXXXXXXXXX1111",
    "4111XXXXXXXX1111",
    "37XXXXXXXXX0005",
    "67XXXXXXXXXXXX17",
    "",
];

/// Names no built-in SHA-IN or SHA-OUT list holds: merchant fields, PARAMPLUS fields and the
/// unsigned extras Ogone sends.
const UNLISTED_NAMES: &[&str] = &[
    "MYTRACKING",
    "cart",
    "customerRef",
    "utm_source",
    "Session.Id",
    "x-request-id",
    "returnTo",
    "NCERRORPLUS",
];

/// Mixes the case of an ASCII name: all upper, all lower, or letter by letter.
fn mixed_case(name: String) -> BoxedStrategy<String> {
    prop_oneof![Just(0_u64), Just(u64::MAX), any::<u64>()]
        .prop_map(move |mask| {
            name.bytes()
                .enumerate()
                .map(|(i, b)| {
                    if (mask >> (i % 64)) & 1 == 1 {
                        char::from(b.to_ascii_lowercase())
                    } else {
                        char::from(b)
                    }
                })
                .collect()
        })
        .boxed()
}

/// A list entry with its `*XX*` replaced by a number.
fn fill_pattern(entry: &'static str) -> BoxedStrategy<String> {
    if entry.contains(DIGITS_PLACEHOLDER) {
        prop_oneof![1_u32..10, 10_u32..100, 100_u32..10_000]
            .prop_map(move |n| entry.replacen(DIGITS_PLACEHOLDER, &n.to_string(), 1))
            .boxed()
    } else {
        Just(entry.to_owned()).boxed()
    }
}

/// A request value for a field (upper-case name) that passes the builders' checks.
fn request_value(upper: &str, rep: Repertoire) -> BoxedStrategy<String> {
    match upper {
        "CURRENCY" => pick(CURRENCIES),
        "OWNERCTY" => pick(COUNTRIES),
        _ if upper.ends_with("COUNTRYCODE") => pick(COUNTRIES),
        "LANGUAGE" | "LAYOUT.LANGUAGE" => pick(LANGUAGES),
        "EMAIL" => email(rep),
        "OPERATION" => pick(&["RES", "SAL", "PAU"]),
        "AMOUNT" => minor_units(1).prop_map(|m| m.to_string()).boxed(),
        "ALIAS.STOREPERMANENTLY" | "FLAG3D" => pick(&["Y", "N"]),
        "CARD.PAYMENTMETHOD" | "PM" => pick(PAYMENT_METHODS),
        "CARD.BRAND" | "BRAND" => pick(BRANDS),
        "CN" => text(rep, 1, 35),
        "COM" => text(rep, 1, 100),
        "ORDERID" | "ALIAS.ORDERID" | "OWNERTOWN" => text(rep, 1, 40),
        "ALIAS" | "ALIAS.ALIASID" | "OWNERADDRESS" => text(rep, 1, 50),
        "OWNERTELNO" | "PSPID" | "ACCOUNT.PSPID" => text(rep, 1, 30),
        "OWNERZIP" => text(rep, 1, 10),
        "PSWD" => text(rep, 8, 100),
        "USERID" => text(rep, 2, 100),
        _ if upper.ends_with("URL") => url(rep),
        _ => optional_text(rep, 40),
    }
}

/// A feedback value for a SHA-OUT field (upper-case name), shaped as Ogone sends it.
fn feedback_value(upper: &str, rep: Repertoire) -> BoxedStrategy<String> {
    match upper {
        "AMOUNT" => amount().prop_map(|a| a.to_feedback_string()).boxed(),
        "CURRENCY" => pick(CURRENCIES),
        "STATUS" => select(Status::ALL)
            .prop_map(|s| s.code().to_string())
            .boxed(),
        "NCERROR" => nc_error(),
        "PAYID" => pay_id(),
        "PAYIDSUB" => (0_u32..100).prop_map(|n| n.to_string()).boxed(),
        "TRXDATE" => transaction_date(),
        "CARDNO" => pick(MASKED_CARDS),
        "PM" => pick(PAYMENT_METHODS),
        "BRAND" => pick(BRANDS),
        "ORDERID" => text(rep, 1, 40),
        "IP" => pick(&["192.0.2.1", "2001:db8::1", "198.51.100.77"]),
        "ED" => (1_u32..=12, 0_u32..100)
            .prop_map(|(m, y)| format!("{m:02}{y:02}"))
            .boxed(),
        _ => optional_text(rep, 40),
    }
}

fn amount() -> BoxedStrategy<Amount> {
    minor_units(0)
        .prop_filter_map("amount above the maximum", |m| {
            Amount::from_minor_units(m).ok()
        })
        .boxed()
}

fn nc_error() -> BoxedStrategy<String> {
    prop_oneof![
        6 => Just("0".to_owned()),
        1 => pick(&["50001184", "50001113", "30001001", "20002001", "40001134"]),
        1 => (10_000_000_u32..100_000_000).prop_map(|n| n.to_string()),
    ]
    .boxed()
}

/// PAYIDs of 1 to 11 digits: the platform is moving from 10 to 11 (spec, worldline-direct.md
/// section 5 side note).
fn pay_id() -> BoxedStrategy<String> {
    (1_u64..100_000_000_000).prop_map(|n| n.to_string()).boxed()
}

fn transaction_date() -> BoxedStrategy<String> {
    (1_u32..=12, 1_u32..=28, 0_u32..100)
        .prop_map(|(m, d, y)| format!("{m:02}/{d:02}/{y:02}"))
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Parameter sets

/// A field: its list entry with `*XX*` filled, its value, its name in mixed case.
fn field(
    entry: &'static str,
    rep: Repertoire,
    value: fn(&str, Repertoire) -> BoxedStrategy<String>,
) -> BoxedStrategy<(String, String)> {
    fill_pattern(entry)
        .prop_flat_map(move |upper| (mixed_case(upper.clone()), value(&upper, rep)))
        .boxed()
}

/// The entries of `list` a set may add to its required fields.
fn optional_entries(list: ListKind, excluded: &[&str]) -> Vec<&'static str> {
    list.entries()
        .iter()
        .copied()
        .filter(|e| !excluded.contains(e))
        .collect()
}

/// Fields for a random subset of `pool`.
fn subset(
    pool: Vec<&'static str>,
    max: usize,
    rep: Repertoire,
    value: fn(&str, Repertoire) -> BoxedStrategy<String>,
) -> BoxedStrategy<Vec<(String, String)>> {
    let max = max.min(pool.len());
    subsequence(pool, 0..=max)
        .prop_flat_map(move |names| {
            names
                .into_iter()
                .map(|n| field(n, rep, value))
                .collect::<Vec<_>>()
        })
        .boxed()
}

/// Up to `max` fields off every list, as a merchant (or Ogone's PARAMPLUS) adds them.
fn unlisted(max: usize, rep: Repertoire) -> BoxedStrategy<Vec<(String, String)>> {
    subsequence(UNLISTED_NAMES, 0..=max)
        .prop_flat_map(move |names| {
            names
                .into_iter()
                .map(|n| (Just(n.to_owned()), optional_text(rep, 40)))
                .collect::<Vec<_>>()
        })
        .boxed()
}

/// Puts the parts of a set together: the first of two names equal ignoring case wins, then
/// the order is shuffled.
fn assemble(
    parts: impl Strategy<Value = Vec<Vec<(String, String)>>> + 'static,
    charset: Charset,
    list: ListKind,
) -> BoxedStrategy<FlowParams> {
    parts
        .prop_map(|parts| {
            let mut pairs: Vec<(String, String)> = Vec::new();
            for (name, value) in parts.into_iter().flatten() {
                if !pairs.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                    pairs.push((name, value));
                }
            }
            pairs
        })
        .prop_shuffle()
        .prop_map(move |pairs| FlowParams {
            pairs,
            charset,
            list,
        })
        .boxed()
}

/// Fields for each of `names`, values by `value`.
fn required(
    names: &'static [&'static str],
    rep: Repertoire,
    value: fn(&str, Repertoire) -> BoxedStrategy<String>,
) -> BoxedStrategy<Vec<(String, String)>> {
    names
        .iter()
        .map(|&n| field(n, rep, value))
        .collect::<Vec<_>>()
        .boxed()
}

const HOSTED_PAGE_REQUIRED: &[&str] = &["PSPID", "ORDERID", "AMOUNT", "CURRENCY"];

/// Hosted payment page parameters (SHA-IN list, UTF-8): PSPID, ORDERID, AMOUNT (minor units,
/// not zero) and CURRENCY, up to 12 more names of the SHA-IN list, up to 2 names off it (sent
/// unsigned). Every value passes [`HostedPaymentPage`](crate::HostedPaymentPage)'s checks.
///
/// ```
/// use ogone::strategies::hosted_page_params;
/// use ogone::{Amount, Credentials, HashAlgorithm, HostedPaymentPage, ShaInKey, ShaOutKey, Signer, Passphrase};
/// use proptest::prelude::*;
///
/// proptest! {
///     #![proptest_config(ProptestConfig::with_cases(32))]
///     fn builder_signs_what_a_signer_signs(set in hosted_page_params()) {
///         let get = |name| set.get(name).unwrap_or_default();
///         let creds = Credentials::new(get("PSPID"), ShaInKey::new("Mysecretsig1875!?"), ShaOutKey::new("Another-secret-for-OUT"), HashAlgorithm::Sha256);
///         let amount = Amount::parse_minor_units(get("AMOUNT")).unwrap();
///         let mut page = HostedPaymentPage::new(get("ORDERID"), amount, get("CURRENCY"));
///         for (name, value) in set.others(&["PSPID", "ORDERID", "AMOUNT", "CURRENCY"]) {
///             page = page.param(name, value);
///         }
///         let request = page.build(&creds)?;
///         let expected = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha256)
///             .with_list(set.list)
///             .sign(&set.to_params()?)?
///             .to_string();
///         prop_assert_eq!(request.get("SHASIGN"), Some(expected.as_str()));
///     }
/// }
/// builder_signs_what_a_signer_signs();
/// ```
pub fn hosted_page_params() -> impl Strategy<Value = FlowParams> {
    hosted_page_params_in(Charset::Utf8)
}

/// [`hosted_page_params`] for an account hashing in `charset`: with
/// [`Charset::Iso8859_1`], every value is Latin-1.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// use ogone::Charset;
/// let set = ogone::strategies::hosted_page_params_in(Charset::Iso8859_1).new_tree(&mut runner).map_err(|e| e.to_string())?.current();
/// assert!(set.pairs.iter().all(|(_, v)| v.chars().all(|c| u32::from(c) <= 0xFF)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn hosted_page_params_in(charset: Charset) -> impl Strategy<Value = FlowParams> {
    let pool = optional_entries(
        ListKind::ShaIn,
        &["PSPID", "ORDERID", "AMOUNT", "CURRENCY", "USERID", "PSWD"],
    );
    Repertoire::for_charset(charset).prop_flat_map(move |rep| {
        let parts = (
            required(HOSTED_PAGE_REQUIRED, rep, request_value),
            subset(pool.clone(), 12, rep, request_value),
            unlisted(2, rep),
        )
            .prop_map(|(a, b, c)| vec![a, b, c]);
        assemble(parts, charset, ListKind::ShaIn)
    })
}

const DIRECT_LINK_REQUIRED: &[&str] = &["PSPID", "USERID", "PSWD", "ORDERID", "AMOUNT", "CURRENCY"];

/// DirectLink order parameters (SHA-IN list, UTF-8): PSPID, USERID, PSWD, ORDERID, AMOUNT,
/// CURRENCY, an ALIAS or a card (CARDNO, ED, CVC), up to 12 more names of the SHA-IN list and up
/// to 2 off it. Every value passes [`DirectLinkOrder`](crate::DirectLinkOrder)'s checks (PSWD
/// of 8 characters or more, USERID of 2 or more).
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let set = ogone::strategies::direct_link_params().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
/// assert!(set.get("PSWD").is_some_and(|p| p.chars().count() >= 8));
/// assert!(set.get("ALIAS").is_some() || set.get("CARDNO").is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn direct_link_params() -> impl Strategy<Value = FlowParams> {
    direct_link_params_in(Charset::Utf8)
}

/// [`direct_link_params`] for an account hashing in `charset`.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let set = ogone::strategies::direct_link_params_in(ogone::Charset::Iso8859_1).new_tree(&mut runner).map_err(|e| e.to_string())?.current();
/// assert_eq!(set.charset, ogone::Charset::Iso8859_1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn direct_link_params_in(charset: Charset) -> impl Strategy<Value = FlowParams> {
    let pool = optional_entries(
        ListKind::ShaIn,
        &[
            "PSPID", "USERID", "PSWD", "ORDERID", "AMOUNT", "CURRENCY", "ALIAS", "CARDNO", "ED",
            "CVC",
        ],
    );
    Repertoire::for_charset(charset).prop_flat_map(move |rep| {
        let alias = required(&["ALIAS"], rep, request_value);
        let card = (
            mixed_case("CARDNO".to_owned()),
            pick(&[
                "4111111111111111",
                "5399999999999999",
                "4000 0000 0000 0002",
            ]),
            mixed_case("ED".to_owned()),
            (1_u32..=12, 0_u32..100).prop_map(|(m, y)| format!("{m:02}{y:02}")),
            mixed_case("CVC".to_owned()),
            pick(&["123", "0000"]),
        )
            .prop_map(|(cn, c, en, e, vn, v)| vec![(cn, c), (en, e), (vn, v)]);
        let parts = (
            required(DIRECT_LINK_REQUIRED, rep, request_value),
            prop_oneof![alias, card],
            subset(pool.clone(), 12, rep, request_value),
            unlisted(2, rep),
        )
            .prop_map(|(a, b, c, d)| vec![a, b, c, d]);
        assemble(parts, charset, ListKind::ShaIn)
    })
}

const FLEXCHECKOUT_REQUIRED: &[&str] = &[
    "ACCOUNT.PSPID",
    "ALIAS.ORDERID",
    "PARAMETERS.ACCEPTURL",
    "PARAMETERS.EXCEPTIONURL",
];

/// FlexCheckout parameters (dotted names such as `Alias.OrderId`, always UTF-8):
/// ACCOUNT.PSPID, ALIAS.ORDERID, PARAMETERS.ACCEPTURL and PARAMETERS.EXCEPTIONURL, and a random
/// subset of the other FlexCheckout SHA-IN names. Every name is on
/// [`ListKind::FlexCheckoutIn`], so signing with it or with [`ListKind::All`] (as
/// [`FlexCheckout`](crate::FlexCheckout) does) gives the same signature.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let set = ogone::strategies::flexcheckout_params().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
/// assert!(set.get("Alias.OrderId").is_some());
/// assert_eq!(set.list, ogone::ListKind::FlexCheckoutIn);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn flexcheckout_params() -> impl Strategy<Value = FlowParams> {
    let pool = optional_entries(ListKind::FlexCheckoutIn, FLEXCHECKOUT_REQUIRED);
    Repertoire::for_charset(Charset::Utf8).prop_flat_map(move |rep| {
        let parts = (
            required(FLEXCHECKOUT_REQUIRED, rep, request_value),
            subset(pool.clone(), 9, rep, request_value),
        )
            .prop_map(|(a, b)| vec![a, b]);
        assemble(parts, Charset::Utf8, ListKind::FlexCheckoutIn)
    })
}

const FEEDBACK_REQUIRED: &[&str] = &[
    "ORDERID", "AMOUNT", "CURRENCY", "STATUS", "PAYID", "NCERROR",
];

/// Feedback parameters as Ogone signs them with the SHA-OUT key (UTF-8), without `SHASIGN`:
/// ORDERID, AMOUNT (the decimal feedback form, `15.1`), CURRENCY, STATUS (a known code), PAYID
/// and NCERROR, up to 12 more names of the SHA-OUT list, and up to 3 unsigned extras such as
/// PARAMPLUS fields or `NCERRORPLUS`.
///
/// ```
/// use ogone::strategies::sha_out_feedback_params;
/// use ogone::{FeedbackVerifier, HashAlgorithm, Passphrase, ShaOutKey, Signer, VerifiedFeedback};
/// use proptest::prelude::*;
///
/// proptest! {
///     #![proptest_config(ProptestConfig::with_cases(32))]
///     fn signed_sets_verify(set in sha_out_feedback_params()) {
///         let mut params = set.to_params()?;
///         let signature = Signer::sha_out(Passphrase::new("Another-secret-for-OUT"), HashAlgorithm::Sha1).sign(&params)?;
///         params.insert("SHASIGN", signature.to_string())?;
///         let verifier = FeedbackVerifier::new(&ShaOutKey::new("Another-secret-for-OUT"), HashAlgorithm::Sha1);
///         let feedback = VerifiedFeedback::verify(params, &verifier)?;
///         prop_assert!(feedback.status().is_ok());
///     }
/// }
/// signed_sets_verify();
/// ```
pub fn sha_out_feedback_params() -> impl Strategy<Value = FlowParams> {
    sha_out_feedback_params_in(Charset::Utf8)
}

/// [`sha_out_feedback_params`] for an account hashing in `charset`.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let set = ogone::strategies::sha_out_feedback_params_in(ogone::Charset::Iso8859_1)
///     .new_tree(&mut runner).map_err(|e| e.to_string())?
///     .current();
/// assert_eq!(set.list, ogone::ListKind::ShaOut);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sha_out_feedback_params_in(charset: Charset) -> impl Strategy<Value = FlowParams> {
    let pool = optional_entries(ListKind::ShaOut, FEEDBACK_REQUIRED);
    Repertoire::for_charset(charset).prop_flat_map(move |rep| {
        let parts = (
            required(FEEDBACK_REQUIRED, rep, feedback_value),
            subset(pool.clone(), 12, rep, feedback_value),
            unlisted(3, rep),
        )
            .prop_map(|(a, b, c)| vec![a, b, c]);
        assemble(parts, charset, ListKind::ShaOut)
    })
}

// ---------------------------------------------------------------------------------------------
// Transactions and signed feedback

/// The names [`Transaction::fields`] always or optionally sends.
const TRANSACTION_NAMES: &[&str] = &[
    "ORDERID",
    "CURRENCY",
    "AMOUNT",
    "PM",
    "ACCEPTANCE",
    "STATUS",
    "CARDNO",
    "TRXDATE",
    "PAYID",
    "PAYIDSUB",
    "NCERROR",
    "BRAND",
];

/// A transaction as Ogone reports it: any [`Status`], amounts from 0 to the maximum (edges
/// often), any ISO 4217 currency, an ORDERID of free text (1 to 40 characters, `&`, `=`, `%`,
/// non-ASCII), optional PAYIDSUB, empty ACCEPTANCE or CARDNO now and then, and in
/// [`Transaction::extra`] up to 3 more SHA-OUT fields (signed) and up to 3 PARAMPLUS-style
/// fields (unsigned), names in mixed case.
///
/// The text of one transaction is ASCII, Latin-1, Windows-1252 or any Unicode, so that its
/// feedback fits one, two or all three [`TransportCharset`]s.
///
/// ```
/// use ogone::simulate::FeedbackSimulator;
/// use ogone::strategies::transaction;
/// use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset, VerifiedFeedback};
/// use proptest::prelude::*;
///
/// let key = ShaOutKey::new("Another-secret-for-OUT");
/// let simulator = FeedbackSimulator::new(&key, HashAlgorithm::Sha512);
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
/// proptest!(ProptestConfig::with_cases(32), |(tx in transaction())| {
///     // The server-to-server call of this transaction, and its redirect with a new status:
///     // one feedback each, so two different idempotency keys.
///     let first = simulator.body(&tx)?;
///     let later = simulator.body(&tx.clone().with_status(ogone::Status::Refund))?;
///     let parse = |body: &str| VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier);
///     let (first, later) = (parse(&first)?, parse(&later)?);
///     prop_assert_eq!(first.key()? == later.key()?, tx.status == ogone::Status::Refund);
/// });
/// ```
pub fn transaction() -> impl Strategy<Value = Transaction> {
    let pool = optional_entries(ListKind::ShaOut, TRANSACTION_NAMES);
    Repertoire::for_charset(Charset::Utf8).prop_flat_map(move |rep| {
        let head = (
            text(rep, 1, 40),
            pay_id(),
            prop::option::of(0_u32..100),
            select(Status::ALL),
            amount(),
            pick(CURRENCIES),
            pick(PAYMENT_METHODS),
            pick(BRANDS),
            pick(MASKED_CARDS),
            prop_oneof![Just(String::new()), pick(&["123456", "test123", "A1B2C3"])],
        );
        let tail = (
            nc_error(),
            transaction_date(),
            subset(pool.clone(), 3, rep, feedback_value),
            unlisted(3, rep),
        );
        (head, tail).prop_map(
            |(
                (
                    order_id,
                    pay_id,
                    pay_id_sub,
                    status,
                    amount,
                    currency,
                    pm,
                    brand,
                    card,
                    acceptance,
                ),
                (nc_error, transaction_date, signed, unsigned),
            )| {
                let mut extra = signed;
                extra.extend(unsigned);
                Transaction {
                    order_id,
                    pay_id,
                    pay_id_sub,
                    status,
                    amount,
                    currency,
                    payment_method: pm,
                    brand,
                    masked_card: card,
                    acceptance,
                    nc_error,
                    transaction_date,
                    extra,
                }
            },
        )
    })
}

const TRANSPORTS: [TransportCharset; 3] = [
    TransportCharset::Utf8,
    TransportCharset::Iso8859_1,
    TransportCharset::Windows1252,
];

/// Feedback for a [`transaction`], as [`FeedbackSimulator`] writes it with `key` and
/// `algorithm` (SHA-OUT list, UTF-8 hashing), in one of the transport charsets its values fit:
/// UTF-8 always, ISO-8859-1 and Windows-1252 when they can carry every character.
///
/// Every body verifies with `FeedbackVerifier::new(&key, algorithm)` and its
/// [`SignedFeedback::transport`].
///
/// ```
/// use ogone::strategies::signed_feedback;
/// use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, VerifiedFeedback};
/// use proptest::prelude::*;
///
/// let key = ShaOutKey::new("Another-secret-for-OUT");
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha256);
/// proptest!(ProptestConfig::with_cases(32), |(fb in signed_feedback(key.clone(), HashAlgorithm::Sha256))| {
///     let feedback = VerifiedFeedback::parse(fb.body.as_bytes(), fb.transport, &verifier)?;
///     prop_assert_eq!(feedback.amount()?, fb.transaction.amount);
///     prop_assert_eq!(feedback.order_id(), Some(fb.transaction.order_id.as_str()));
/// });
/// ```
pub fn signed_feedback(
    key: ShaOutKey,
    algorithm: HashAlgorithm,
) -> impl Strategy<Value = SignedFeedback> {
    let simulator = FeedbackSimulator::new(&key, algorithm);
    (transaction(), any::<Index>()).prop_filter_map(
        "the transaction fits no transport charset",
        move |(transaction, choice)| {
            let bodies: Vec<(TransportCharset, String)> = TRANSPORTS
                .iter()
                .filter_map(|&t| {
                    let body = simulator.clone().with_transport(t).body(&transaction);
                    body.ok().map(|b| (t, b))
                })
                .collect();
            if bodies.is_empty() {
                return None;
            }
            let (transport, body) = bodies.get(choice.index(bodies.len()))?.clone();
            Some(SignedFeedback {
                body,
                transport,
                transaction,
            })
        },
    )
}

/// An Alias Gateway result: created (0), refused (1), updated (2) or cancelled (3), with the
/// per-field NCERRORs a refusal carries, masked card data of several brands, and an alias only
/// when one was created or updated.
///
/// ```
/// use ogone::strategies::alias_gateway_result;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(result in alias_gateway_result())| {
///     prop_assert!(result.status <= 3);
///     prop_assert_eq!(result.alias.is_empty(), result.status % 2 == 1);
/// });
/// ```
pub fn alias_gateway_result() -> impl Strategy<Value = AliasResult> {
    let nc =
        || prop_oneof![3 => Just("0".to_owned()), 1 => pick(&["31061001", "50001111", "60001057"])];
    (
        0_u8..4,
        "[A-Za-z0-9-]{1,40}",
        "[A-Za-z0-9/-]{1,30}",
        pick(&["VISA", "MasterCard", "American Express", "Maestro"]),
        (0_u32..10_000).prop_map(|n| format!("XXXXXXXXXXXX{n:04}")),
        "[A-Za-zéèüß' -]{1,35}",
        (1_u32..=12, 0_u32..100).prop_map(|(m, y)| format!("{m:02}{y:02}")),
        [nc(), nc(), nc(), nc(), nc()],
        pick(&["Y", "N"]),
    )
        .prop_map(
            |(status, alias, order_id, brand, card, cn, ed, mut nc_errors, store)| {
                let created = status == 0 || status == 2;
                if !created && nc_errors.iter().all(|e| e == "0") {
                    nc_errors[0] = "50001111".to_owned();
                }
                if created {
                    nc_errors = ["0", "0", "0", "0", "0"].map(str::to_owned);
                }
                AliasResult {
                    alias: if created { alias } else { String::new() },
                    order_id,
                    status,
                    brand,
                    masked_card: card,
                    card_holder_name: cn,
                    masked_cvc: "XXX".to_owned(),
                    expiry_date: ed,
                    nc_errors,
                    store_permanently: store,
                }
            },
        )
}

/// The Alias Gateway's signed redirect for an [`alias_gateway_result`], as
/// [`FeedbackSimulator::alias_gateway_body`] writes it with `key` and `algorithm` (UTF-8).
///
/// ```
/// use ogone::strategies::signed_alias_gateway_result;
/// use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
/// use proptest::prelude::*;
///
/// let key = ShaOutKey::new("Another-secret-for-OUT");
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha256);
/// proptest!(ProptestConfig::with_cases(16), |((body, result) in signed_alias_gateway_result(key.clone(), HashAlgorithm::Sha256))| {
///     let verified = AliasGatewayFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier)?;
///     prop_assert_eq!(verified.masked_card(), Some(result.masked_card.as_str()));
/// });
/// ```
pub fn signed_alias_gateway_result(
    key: ShaOutKey,
    algorithm: HashAlgorithm,
) -> impl Strategy<Value = (String, AliasResult)> {
    let simulator = FeedbackSimulator::new(&key, algorithm);
    alias_gateway_result().prop_filter_map("unencodable", move |result| {
        let body = simulator.alias_gateway_body(&result).ok()?;
        Some((body, result))
    })
}

/// Feedback from [`signed_feedback`] with exactly one byte changed where the signature covers
/// it: in the name of a signed parameter (to a letter or digit that is not a case change and
/// does not collide with another name), in the value of a signed parameter (a literal byte,
/// not inside a `%XX` escape, to another letter or digit), or in a `SHASIGN` hex digit (to
/// another digit). Unsigned fields (PARAMPLUS) and empty values, which the signature leaves
/// out, are never touched.
///
/// The body still decodes in its transport charset, so verification must fail with
/// [`Error::Mismatch`] and nothing else: a handler that answers otherwise (or accepts it)
/// has a bug. [`TamperedFeedback::tampering`] says what changed.
///
/// ```
/// use ogone::strategies::tampered_feedback;
/// use ogone::{Error, FeedbackVerifier, HashAlgorithm, ShaOutKey, VerifiedFeedback};
/// use proptest::prelude::*;
///
/// let key = ShaOutKey::new("Another-secret-for-OUT");
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha1);
/// proptest!(ProptestConfig::with_cases(32), |(forged in tampered_feedback(key.clone(), HashAlgorithm::Sha1))| {
///     prop_assert_ne!(&forged.body, &forged.original.body);
///     let result = VerifiedFeedback::parse(forged.body.as_bytes(), forged.transport, &verifier);
///     prop_assert_eq!(result, Err(Error::Mismatch), "{:?}", forged.tampering);
/// });
/// ```
pub fn tampered_feedback(
    key: ShaOutKey,
    algorithm: HashAlgorithm,
) -> impl Strategy<Value = TamperedFeedback> {
    (
        signed_feedback(key, algorithm),
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
    )
        .prop_filter_map("no byte to tamper with", |(original, kind, spot, byte)| {
            tamper(original, &kind, &spot, &byte)
        })
}

/// One `name=value` of a body, with where its value starts.
struct Segment<'a> {
    name: &'a str,
    name_at: usize,
    value: &'a [u8],
    value_at: usize,
}

fn segments(body: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for pair in body.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        out.push(Segment {
            name,
            name_at: at,
            value: value.as_bytes(),
            value_at: at + name.len() + 1,
        });
        at += pair.len() + 1;
    }
    out
}

/// Offsets in `raw` (an encoded value) of the bytes that stand for themselves: not a `%XX`
/// escape, a byte the encoder leaves as is, or `+`.
fn literal_offsets(raw: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        if b == b'%' {
            i += 3;
            continue;
        }
        if b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_' | b'+') {
            out.push(i);
        }
        i += 1;
    }
    out
}

const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX: &[u8] = b"0123456789ABCDEF";

fn tamper(
    original: SignedFeedback,
    kind: &Index,
    spot: &Index,
    byte: &Index,
) -> Option<TamperedFeedback> {
    let list = AllowList::new(ListKind::ShaOut);
    let segments = segments(&original.body);
    let upper_names: Vec<String> = segments
        .iter()
        .map(|s| s.name.to_ascii_uppercase())
        .collect();
    let signed = |s: &&Segment<'_>| !s.value.is_empty() && list.contains(s.name);

    // (offset in the body, the parameter, whether the byte is in its name)
    let mut names = Vec::new();
    let mut values = Vec::new();
    let mut signature = Vec::new();
    for segment in segments.iter().filter(signed) {
        for (i, b) in segment.name.bytes().enumerate() {
            if b.is_ascii_alphanumeric() {
                names.push((segment.name_at + i, segment.name, i));
            }
        }
        for i in literal_offsets(segment.value) {
            values.push((segment.value_at + i, segment.name));
        }
    }
    for segment in segments.iter().filter(|s| s.name == "SHASIGN") {
        for (i, _) in segment.value.iter().enumerate() {
            signature.push(segment.value_at + i);
        }
    }

    let mut bytes = original.body.clone().into_bytes();
    let kinds: Vec<u8> = [(!names.is_empty(), 0), (!values.is_empty(), 1), (true, 2)]
        .into_iter()
        .filter_map(|(present, k)| present.then_some(k))
        .collect();
    let tampering = match kinds.get(kind.index(kinds.len()))? {
        0 => {
            let &(at, name, i) = names.get(spot.index(names.len()))?;
            let old = *bytes.get(at)?;
            // A replacement that renames the parameter to a name no other parameter has.
            let candidates: Vec<u8> = ALNUM
                .iter()
                .copied()
                .filter(|c| !c.eq_ignore_ascii_case(&old))
                .filter(|&c| {
                    let mut renamed = name.to_ascii_uppercase().into_bytes();
                    if let Some(slot) = renamed.get_mut(i) {
                        *slot = c.to_ascii_uppercase();
                    }
                    let renamed = String::from_utf8(renamed).unwrap_or_default();
                    renamed != "SHASIGN"
                        && renamed != "SHASIGNATURE.SHASIGN"
                        && !upper_names.contains(&renamed)
                })
                .collect();
            let new = *candidates.get(byte.index(candidates.len().max(1)))?;
            let new = if old.is_ascii_lowercase() {
                new.to_ascii_lowercase()
            } else {
                new
            };
            *bytes.get_mut(at)? = new;
            Tampering::Name {
                name: name.to_owned(),
                at,
            }
        }
        1 => {
            let &(at, name) = values.get(spot.index(values.len()))?;
            let old = *bytes.get(at)?;
            let candidates: Vec<u8> = ALNUM.iter().copied().filter(|&c| c != old).collect();
            *bytes.get_mut(at)? = *candidates.get(byte.index(candidates.len()))?;
            Tampering::Value {
                name: name.to_owned(),
                at,
            }
        }
        _ => {
            let &at = signature.get(spot.index(signature.len().max(1)))?;
            let old = bytes.get(at)?.to_ascii_uppercase();
            let candidates: Vec<u8> = HEX.iter().copied().filter(|&c| c != old).collect();
            *bytes.get_mut(at)? = *candidates.get(byte.index(candidates.len()))?;
            Tampering::Signature { at }
        }
    };
    Some(TamperedFeedback {
        body: String::from_utf8(bytes).ok()?,
        transport: original.transport,
        tampering,
        original,
    })
}

// ---------------------------------------------------------------------------------------------
// Hostile bodies

fn bytes_of(values: &'static [&'static [u8]]) -> BoxedStrategy<Vec<u8>> {
    select(values).prop_map(<[u8]>::to_vec).boxed()
}

/// Pieces of hostile bodies.
fn hostile_fragment() -> BoxedStrategy<Vec<u8>> {
    const MALFORMED_ESCAPES: &[&[u8]] = &[
        b"a=%",
        b"a=%4",
        b"a=%zz",
        b"%=1",
        b"STATUS=%G9",
        b"x=%%41",
        b"%%",
        b"amount=100%",
        b"orderID=12%",
        b"%4=%",
        b"SHASIGN=%",
    ];
    const INVALID_TEXT: &[&[u8]] = &[
        b"a=\xff\xfe",
        b"\xc3=1",
        b"a=\xc0\xaf",
        b"a=\xed\xa0\x80",
        b"a=\x80",
        b"orderID=%FF",
        b"a=%C3",
        b"a=%C0%AF",
        b"a=%ED%A0%80",
        b"a=%F4%90%80%80",
        b"a=%81",
        b"COM=%8D%8F%90%9D",
        b"%C3%A9t%C3%A9=1",
        b"%FF=1",
        b"\xe9=1",
        b"a=%EF%BB%BF",
    ];
    const DUPLICATES: &[&[u8]] = &[
        b"STATUS=9&status=5",
        b"orderID=1&ORDERID=2",
        b"amount=1&Amount=1",
        b"PAYID=1&payid=1",
        b"a=1&A=1&a=1",
        b"Alias.AliasId=1&ALIAS%2EALIASID=2",
        b"o%72derID=1&orderID=2",
    ];
    const CONTROLS: &[&[u8]] = &[
        b"a=\0",
        b"a\n=1",
        b"a=%00",
        b"%0D%0A=1",
        b"STATUS=9%0A",
        b"a=\x1b[31m",
        b"\x7f=1",
        b"a\t=1",
        b"%09=1",
        b"a=\r\n",
        b"STATUS=9%00",
        b"\0",
    ];
    const SIGNATURES: &[&[u8]] = &[
        b"SHASIGN=",
        b"SHASIGN",
        b"SHASIGN=ZZ",
        b"SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355",
        b"SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355&SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355",
        b"shasign=00&SHASIGN=00",
        b"SHASIGN=00&SHASIGNATURE.SHASIGN=00",
        b"SHASIGNATURE%2ESHASIGN=0123",
        b"SHASIGN=%20209113288F93A9AB8E474EA78D899AFDBB874355",
        b"SHASIGN=209113288F93A9AB8E474EA78D899AFDBB87435G",
        b"SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355+",
        b"SHASIGN=\xef\xbc\x90",
    ];
    const SOUP: &[u8] = b"=&?%+a9 ";
    const NAMES_AND_SOUP: &[&[u8]] = &[
        b"=1",
        b"=",
        b"==",
        b"&&",
        b"&=&",
        b"?",
        b"??a=1",
        b"?&",
        b"a==b",
        b"a=b=c",
        b"+=1",
        b" =1",
        b"a%26b=1",
        b"a%3Db=1",
        b"Alias.AliasId=x",
        b"a=1;b=2",
        b"%2B=%2B",
        b"+++",
    ];
    prop_oneof![
        2 => bytes_of(MALFORMED_ESCAPES),
        2 => bytes_of(INVALID_TEXT),
        2 => bytes_of(DUPLICATES),
        2 => bytes_of(CONTROLS),
        2 => bytes_of(SIGNATURES),
        2 => bytes_of(NAMES_AND_SOUP),
        2 => vec_of(select(SOUP), 0..32),
        1 => vec_of(any::<u8>(), 0..16),
        3 => pick(&["orderID=12", "amount=15", "STATUS=9", "PAYID=32100123", "NCERROR=0", "currency=EUR", "COM=caf%C3%A9+%26+co"])
            .prop_map(String::into_bytes),
    ]
    .boxed()
}

/// Fragments joined by `&`, nothing, or other separators.
fn hostile_soup() -> BoxedStrategy<Vec<u8>> {
    const SEPARATORS: &[&[u8]] = &[b"&", b"&", b"&", b"", b"&&", b";", b"="];
    vec_of((hostile_fragment(), select(SEPARATORS)), 1..12)
        .prop_map(|parts| {
            let mut out = Vec::new();
            for (fragment, separator) in parts {
                out.extend_from_slice(&fragment);
                out.extend_from_slice(separator);
            }
            out
        })
        .boxed()
}

/// A body of a few bytes under to a few bytes over [`MAX_FORM_BYTES`].
fn near_size_limit() -> BoxedStrategy<Vec<u8>> {
    const FILLERS: &[&[u8]] = &[b"x", b"%41", b"a=1&", b"%C3%A9", b"\xc3\xa9", b"+"];
    const HEADS: &[&[u8]] = &[b"COM=", b"", b"SHASIGN="];
    (
        MAX_FORM_BYTES - 3..=MAX_FORM_BYTES + 3,
        select(FILLERS),
        select(HEADS),
    )
        .prop_map(|(len, filler, head)| {
            let mut out = head.to_vec();
            while out.len() < len {
                out.extend_from_slice(filler);
            }
            out.truncate(len);
            out
        })
        .boxed()
}

/// A body of about [`MAX_FORM_PARAMS`] parameters, with distinct or repeated names.
fn near_param_limit() -> BoxedStrategy<Vec<u8>> {
    (MAX_FORM_PARAMS - 2..=MAX_FORM_PARAMS + 2, any::<bool>())
        .prop_map(|(count, distinct)| {
            let pairs: Vec<String> = (0..count)
                .map(|i| {
                    if distinct {
                        format!("P{i}=1")
                    } else {
                        String::from("P=1")
                    }
                })
                .collect();
            pairs.join("&").into_bytes()
        })
        .boxed()
}

/// A plausible feedback body (made-up signature) with a few bytes overwritten and a hostile
/// fragment spliced in.
fn mutated_feedback() -> BoxedStrategy<Vec<u8>> {
    const BASE: &[u8] = b"orderID=12&currency=EUR&amount=15&PM=CreditCard&ACCEPTANCE=1234&STATUS=9\
        &CARDNO=XXXXXXXXXXXX1111&PAYID=32100123&NCERROR=0&BRAND=VISA&COMPLUS=a%26b%3Dc\
        &SHASIGN=0000000000000000000000000000000000000000";
    (
        vec_of((any::<Index>(), any::<u8>()), 0..4),
        any::<Index>(),
        hostile_fragment(),
    )
        .prop_map(|(changes, splice_at, fragment)| {
            let mut out = BASE.to_vec();
            for (at, b) in changes {
                let i = at.index(out.len());
                if let Some(slot) = out.get_mut(i) {
                    *slot = b;
                }
            }
            let at = splice_at.index(out.len() + 1);
            let tail = out.split_off(at.min(out.len()));
            out.extend_from_slice(&fragment);
            out.extend_from_slice(&tail);
            out
        })
        .boxed()
}

/// Form bodies a return URL should refuse without panicking, or read as the harmless text they
/// are: malformed `%` escapes, bytes that are not UTF-8 (or not Windows-1252), names that are
/// equal ignoring case or once decoded, sizes around [`MAX_FORM_BYTES`], about
/// [`MAX_FORM_PARAMS`] parameters, control characters in names and values, `=`/`&` soup, two
/// `SHASIGN`s, `SHASIGN` next to `SHASIGNATURE.SHASIGN`, signatures of the wrong length or not
/// hex, and a plausible feedback body with random bytes overwritten.
///
/// None carries a valid signature for any key: none should verify. Parsing may succeed (some
/// are well-formed, just odd); what matters is a typed result and no panic.
///
/// ```
/// use ogone::strategies::hostile_form_body;
/// use ogone::{Error, FeedbackVerifier, HashAlgorithm, Params, ShaOutKey, TransportCharset, VerifiedFeedback};
/// use proptest::prelude::*;
///
/// let verifier = FeedbackVerifier::new(&ShaOutKey::new("Another-secret-for-OUT"), HashAlgorithm::Sha512);
/// proptest!(ProptestConfig::with_cases(32), |(body in hostile_form_body())| {
///     for transport in [TransportCharset::Utf8, TransportCharset::Iso8859_1, TransportCharset::Windows1252] {
///         if body.len() > ogone::MAX_FORM_BYTES {
///             let too_large = matches!(Params::parse_form(&body, transport), Err(Error::TooLarge { .. }));
///             prop_assert!(too_large);
///         }
///         prop_assert!(VerifiedFeedback::parse(&body, transport, &verifier).is_err());
///     }
/// });
/// ```
pub fn hostile_form_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => hostile_soup(),
        1 => near_size_limit(),
        1 => near_param_limit(),
        3 => mutated_feedback(),
    ]
}
