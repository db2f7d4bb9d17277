//! Where requests go: platforms, environments and pages (spec section 5).

use alloc::format;
use alloc::string::String;

use crate::charset::{Charset, TransportCharset};
use crate::error::Error;

/// Test or production.
///
/// ```
/// use ogone::{Charset, Environment, Page, Platform};
///
/// assert_eq!(Environment::default(), Environment::Test);
/// assert_eq!(
///     Platform::Ogone.url(Environment::Production, Page::DirectLinkQuery, Charset::Utf8),
///     "https://secure.ogone.com/ncol/prod/querydirect_utf8.asp"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Environment {
    /// The test platform (the default: nothing is charged).
    #[default]
    Test,
    /// The production platform.
    Production,
}

impl Environment {
    /// The path segment: `test` or `prod`.
    ///
    /// ```
    /// use ogone::Environment;
    ///
    /// assert_eq!(Environment::Test.as_path(), "test");
    /// assert_eq!(Environment::Production.as_path(), "prod");
    /// ```
    #[must_use]
    pub fn as_path(self) -> &'static str {
        match self {
            Environment::Test => "test",
            Environment::Production => "prod",
        }
    }
}

/// Ogone or one of its white labels.
///
#[cfg_attr(
    feature = "worldline",
    doc = "Worldline Direct, their successor, has its own hosts: \
           [`worldline::DirectHost`](super::super::worldline::DirectHost)."
)]
#[cfg_attr(
    not(feature = "worldline"),
    doc = "Worldline Direct, their successor, has its own hosts: `worldline::DirectHost` \
           (feature `worldline`)."
)]
///
/// ```
/// use ogone::{Charset, Environment, Page, Platform};
///
/// let platform = Platform::Custom("https://psp.example.com/".into());
/// assert_eq!(
///     platform.url(Environment::Test, Page::ECommerce, Charset::Iso8859_1),
///     "https://psp.example.com/ncol/test/orderstandard.asp"
/// );
/// assert_eq!(Platform::default(), Platform::Ogone);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Platform {
    /// Ogone / Ingenico ePayments: `secure.ogone.com`, with the test platform on
    /// `ogone.test.v-psp.com` (the host of newer setups, and of FlexCheckout's test page).
    #[default]
    Ogone,
    /// Ogone with the older test host: `secure.ogone.com/ncol/test/`.
    OgoneClassicTest,
    /// Barclaycard ePDQ: `mdepayments.epdq.co.uk` (test), `payments.epdq.co.uk` (production).
    BarclaycardEpdq,
    /// PostFinance e-Payment: `e-payment.postfinance.ch`.
    PostFinance,
    /// Concardis / Nexi PayEngine: `payengine.test.v-psp.com` (test), `secure.payengine.de`.
    PayEngine,
    /// Viveum: `viveum.v-psp.com`.
    Viveum,
    /// KBC/CBC PayPage: `secure.paypage.be`.
    KbcPayPage,
    /// Any other host with the same paths, given as an origin such as
    /// `https://psp.example.com` (a trailing slash is allowed); used for both environments.
    ///
    /// The request builders refuse an origin that [`Platform::check`] refuses: only `https://`
    /// with a host and an optional port, or `http://` on a loopback host (`127.0.0.1`,
    /// `[::1]`, `localhost`) for a local stand-in in tests; never credentials, a path, a query
    /// or a fragment. Build it with [`Platform::custom`] to be told at once.
    Custom(String),
}

impl Platform {
    /// The charset the platform's feedback travels in, for an account hashing in `charset`:
    /// what a feedback body or query is decoded with when its request does not say (a
    /// `charset` in the `Content-Type` of a POST always wins).
    ///
    /// | platform | feedback transport | source |
    /// |---|---|---|
    /// | Barclaycard ePDQ | Windows-1252, whatever the hashing charset | spec section 3: ePDQ "decodes form posts and sends notifications as Windows-1252 while hashing UTF-8" |
    /// | PostFinance | ISO-8859-1, whatever the hashing charset | spec section 3: "PostFinance feedback comes back ISO-8859-1 even on UTF-8 accounts" |
    /// | every other platform | the hashing charset (UTF-8 for `_utf8` accounts, else ISO-8859-1) | spec section 3: the platform escapes in the charset it hashes in |
    ///
    /// The browser redirect (GET to ACCEPTURL and the like) is built by the same platform and
    /// is decoded the same way: no source says that its query differs from the server-to-server
    /// feedback, and a query carries no `Content-Type` to say otherwise. When your platform's
    /// behaviour differs, set [`FeedbackVerifier::with_transport`](crate::FeedbackVerifier::with_transport).
    ///
    /// ```
    /// use ogone::{Charset, Platform, TransportCharset};
    ///
    /// assert_eq!(Platform::BarclaycardEpdq.feedback_transport(Charset::Utf8), TransportCharset::Windows1252);
    /// assert_eq!(Platform::PostFinance.feedback_transport(Charset::Utf8), TransportCharset::Iso8859_1);
    /// assert_eq!(Platform::Ogone.feedback_transport(Charset::Utf8), TransportCharset::Utf8);
    /// assert_eq!(Platform::Ogone.feedback_transport(Charset::Iso8859_1), TransportCharset::Iso8859_1);
    /// ```
    #[must_use]
    pub fn feedback_transport(&self, charset: Charset) -> TransportCharset {
        match self {
            Platform::BarclaycardEpdq => TransportCharset::Windows1252,
            Platform::PostFinance => TransportCharset::Iso8859_1,
            _ => charset.transport(),
        }
    }

    /// A [`Platform::Custom`] for `origin`, checked as [`Platform::check`] does.
    ///
    /// ```
    /// use ogone::{Error, Platform};
    ///
    /// let psp = Platform::custom("https://psp.example.com")?;
    /// assert_eq!(psp, Platform::Custom("https://psp.example.com".into()));
    /// assert!(Platform::custom("http://127.0.0.1:8080").is_ok()); // a local stand-in
    /// assert!(matches!(Platform::custom("javascript:alert(1)"), Err(Error::InvalidOrigin { .. })));
    /// assert!(Platform::custom("http://psp.example.com").is_err()); // plain http off loopback
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOrigin`], naming the origin and what is wrong.
    pub fn custom(origin: impl Into<String>) -> Result<Platform, Error> {
        let platform = Platform::Custom(origin.into());
        platform.check()?;
        Ok(platform)
    }

    /// Checks the origin of a [`Platform::Custom`] (every other platform is fine): `https://`
    /// then a host (letters, digits, `-`, `.`, or a bracketed IPv6 address) and an optional
    /// `:port`, an optional trailing `/`, nothing else; `http://` only on a loopback host. A
    /// payment page must not be posted in clear over the network, and the form's `action`
    /// must not become `javascript:` or carry a path or credentials.
    ///
    /// ```
    /// use ogone::{Error, Platform};
    ///
    /// assert!(Platform::BarclaycardEpdq.check().is_ok());
    /// for bad in ["https://user:pw@psp.example.com", "https://psp.example.com/ncol",
    ///             "https://psp.example.com?x=1", "ftp://psp.example.com", "https://"] {
    ///     assert!(matches!(Platform::Custom(bad.into()).check(), Err(Error::InvalidOrigin { .. })), "{bad}");
    /// }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOrigin`], naming the origin and what is wrong.
    pub fn check(&self) -> Result<(), Error> {
        let Platform::Custom(origin) = self else {
            return Ok(());
        };
        check_origin(origin).map_err(|reason| Error::InvalidOrigin {
            origin: origin.into(),
            reason,
        })
    }

    /// The origin (`https://host`) of the platform in `environment`.
    ///
    /// ```
    /// use ogone::{Environment, Platform};
    ///
    /// assert_eq!(Platform::Ogone.origin(Environment::Test), "https://ogone.test.v-psp.com");
    /// assert_eq!(Platform::Ogone.origin(Environment::Production), "https://secure.ogone.com");
    /// assert_eq!(Platform::KbcPayPage.origin(Environment::Test), "https://secure.paypage.be");
    /// ```
    #[must_use]
    pub fn origin(&self, environment: Environment) -> &str {
        use Environment::{Production, Test};
        match (self, environment) {
            (Platform::Ogone, Test) => "https://ogone.test.v-psp.com",
            (Platform::Ogone | Platform::OgoneClassicTest, _) => "https://secure.ogone.com",
            (Platform::BarclaycardEpdq, Test) => "https://mdepayments.epdq.co.uk",
            (Platform::BarclaycardEpdq, Production) => "https://payments.epdq.co.uk",
            (Platform::PostFinance, _) => "https://e-payment.postfinance.ch",
            (Platform::PayEngine, Test) => "https://payengine.test.v-psp.com",
            (Platform::PayEngine, Production) => "https://secure.payengine.de",
            (Platform::Viveum, _) => "https://viveum.v-psp.com",
            (Platform::KbcPayPage, _) => "https://secure.paypage.be",
            (Platform::Custom(origin), _) => origin.trim_end_matches('/'),
        }
    }

    /// The URL of `page` in `environment`: the `_utf8` variant when `charset` is UTF-8.
    ///
    /// ```
    /// use ogone::{Charset, Environment, Page, Platform};
    ///
    /// assert_eq!(
    ///     Platform::Ogone.url(Environment::Production, Page::ECommerce, Charset::Utf8),
    ///     "https://secure.ogone.com/ncol/prod/orderstandard_utf8.asp"
    /// );
    /// assert_eq!(
    ///     Platform::BarclaycardEpdq.url(Environment::Test, Page::DirectLinkMaintenance, Charset::Iso8859_1),
    ///     "https://mdepayments.epdq.co.uk/ncol/test/maintenancedirect.asp"
    /// );
    /// assert_eq!(
    ///     Platform::Ogone.url(Environment::Test, Page::FlexCheckout, Charset::Utf8),
    ///     "https://ogone.test.v-psp.com/Tokenization/HostedPage"
    /// );
    /// ```
    #[must_use]
    pub fn url(&self, environment: Environment, page: Page, charset: Charset) -> String {
        let origin = self.origin(environment);
        let Some(stem) = page.stem() else {
            return format!("{origin}/Tokenization/HostedPage");
        };
        let utf8 = if charset == Charset::Utf8 {
            "_utf8"
        } else {
            ""
        };
        format!("{origin}/ncol/{}/{stem}{utf8}.asp", environment.as_path())
    }
}

/// A page of the platform.
///
/// ```
/// use ogone::{Charset, Environment, Page, Platform};
///
/// assert_eq!(
///     Platform::PostFinance.url(Environment::Test, Page::AliasGateway, Charset::Utf8),
///     "https://e-payment.postfinance.ch/ncol/test/alias_gateway_utf8.asp"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Page {
    /// The hosted payment page (`orderstandard`).
    ECommerce,
    /// DirectLink new order (`orderdirect`).
    DirectLinkOrder,
    /// DirectLink maintenance (`maintenancedirect`).
    DirectLinkMaintenance,
    /// DirectLink status query (`querydirect`).
    DirectLinkQuery,
    /// Alias Gateway (`alias_gateway`).
    AliasGateway,
    /// FlexCheckout (`/Tokenization/HostedPage`, always UTF-8).
    FlexCheckout,
}

impl Page {
    /// Every page.
    ///
    /// ```
    /// use ogone::{Charset, Environment, Page, Platform};
    ///
    /// for page in Page::ALL {
    ///     let url = Platform::Ogone.url(Environment::Test, page, Charset::Utf8);
    ///     assert!(url.starts_with("https://ogone.test.v-psp.com/"), "{url}");
    /// }
    /// ```
    pub const ALL: [Page; 6] = [
        Page::ECommerce,
        Page::DirectLinkOrder,
        Page::DirectLinkMaintenance,
        Page::DirectLinkQuery,
        Page::AliasGateway,
        Page::FlexCheckout,
    ];

    fn stem(self) -> Option<&'static str> {
        match self {
            Page::ECommerce => Some("orderstandard"),
            Page::DirectLinkOrder => Some("orderdirect"),
            Page::DirectLinkMaintenance => Some("maintenancedirect"),
            Page::DirectLinkQuery => Some("querydirect"),
            Page::AliasGateway => Some("alias_gateway"),
            Page::FlexCheckout => None,
        }
    }
}

/// What is wrong with a custom origin, if anything (see [`Platform::check`]).
pub(crate) fn check_origin(origin: &str) -> Result<(), &'static str> {
    let (loopback_only, rest) = if let Some(rest) = origin.strip_prefix("https://") {
        (false, rest)
    } else if let Some(rest) = origin.strip_prefix("http://") {
        (true, rest)
    } else {
        return Err("is not an https:// origin");
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.contains(['/', '?', '#', '@', '\\']) {
        return Err("is not an origin: it holds a path, query, fragment or credentials");
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(':') && !authority.ends_with(']') => {
            (host, Some(port))
        }
        _ => (authority, None),
    };
    let bad_port = |p: &str| !p.bytes().all(|b| b.is_ascii_digit()) || p.parse::<u16>().is_err();
    if port.is_some_and(bad_port) {
        return Err("has an invalid port");
    }
    let host_ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => !v6.is_empty() && v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':'),
        None => {
            !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        }
    };
    if !host_ok {
        return Err("has no valid host");
    }
    let loopback = matches!(host, "127.0.0.1" | "[::1]") || host.eq_ignore_ascii_case("localhost");
    if loopback_only && !loopback {
        return Err("uses plain http:// off a loopback host");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn every_platform_page_and_environment() {
        let platforms = [
            Platform::Ogone,
            Platform::OgoneClassicTest,
            Platform::BarclaycardEpdq,
            Platform::PostFinance,
            Platform::PayEngine,
            Platform::Viveum,
            Platform::KbcPayPage,
            Platform::Custom("https://psp.example.com/".into()),
        ];
        let mut urls = Vec::new();
        for p in &platforms {
            for env in [Environment::Test, Environment::Production] {
                for page in Page::ALL {
                    for cs in [Charset::Utf8, Charset::Iso8859_1] {
                        let url = p.url(env, page, cs);
                        assert!(url.starts_with("https://"), "{url}");
                        assert!(
                            !url.contains("//ncol") && !url.contains("//Tokenization"),
                            "{url}"
                        );
                        if page != Page::FlexCheckout {
                            assert!(url.contains(&format!("/ncol/{}/", env.as_path())), "{url}");
                            assert_eq!(url.ends_with("_utf8.asp"), cs == Charset::Utf8, "{url}");
                        }
                        urls.push(url);
                    }
                }
            }
        }
        assert!(urls.contains(&"https://secure.ogone.com/ncol/test/orderstandard.asp".into()));
        assert!(
            urls.contains(
                &"https://e-payment.postfinance.ch/ncol/prod/querydirect_utf8.asp".into()
            )
        );
        assert!(
            urls.contains(&"https://secure.payengine.de/ncol/prod/alias_gateway_utf8.asp".into())
        );
        assert!(
            urls.contains(&"https://payengine.test.v-psp.com/ncol/test/orderdirect.asp".into())
        );
        assert!(urls.contains(&"https://viveum.v-psp.com/ncol/prod/orderstandard_utf8.asp".into()));
        assert!(
            urls.contains(&"https://secure.paypage.be/ncol/test/orderstandard_utf8.asp".into())
        );
        assert!(urls.contains(&"https://payments.epdq.co.uk/ncol/prod/orderstandard.asp".into()));
        assert!(urls.contains(&"https://psp.example.com/ncol/prod/orderdirect_utf8.asp".into()));
        assert!(urls.contains(&"https://secure.ogone.com/Tokenization/HostedPage".into()));
    }
}
