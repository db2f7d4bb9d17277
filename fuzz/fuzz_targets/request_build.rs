//! A derived `Input` picks a builder (hosted page, DirectLink order, maintenance, query, Alias
//! Gateway, FlexCheckout), its field values and the credentials. When the build succeeds, the
//! signature must verify with an independently made `Signer`, the form body must parse back
//! to the same fields, and the HTML form must hold no other `<script` than its own.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use ogone::{
    AliasGateway, Amount, BrowserData, Charset, Credentials, DirectLinkOrder, Environment,
    FlexCheckout, HostedPaymentPage, ListKind, MAX_MINOR_UNITS, Maintenance, Operation, Passphrase,
    Platform, Query, ShaInKey, ShaOutKey, Signer, ThreeDSecure,
};
use ogone_fuzz::checks::{ALGORITHMS, Built, CHARSETS, check_signed_request, pick};

/// Values that pass (or almost pass) the field rules, and a few hostile ones.
const KNOWN: &[&str] = &[
    "EUR",
    "USD",
    "GBP",
    "en_US",
    "nl_BE",
    "BE",
    "CH",
    "customer@example.com",
    "1234",
    "3014726",
    "order-1001",
    "Y",
    "N",
    "CreditCard",
    "VISA",
    "MAINW",
    "POPUP",
    "https://shop.example.com/payment/ogone/return",
    "http://shop.example.com/ko?a=1&b=2",
    "https://psp.example.com/",
    "\"><script>alert(1)</script>",
    "<SCRIPT SRC=//x>",
    "' onmouseover='x",
    "&amp;&#39;&quot;",
    "café crème",
    "€ ‰ Š",
    "日本語",
    "\u{1F600}",
    "\u{0081}\u{00FF}",
    "a+b=c&d%20",
    "",
    " ",
    "api-user",
    "api-password-1",
];

/// A field value: anything, a known value, or an URL with an arbitrary tail.
#[derive(Arbitrary, Debug)]
enum Text {
    Raw(String),
    Known(u8),
    Url(String),
}

impl Text {
    fn get(&self) -> String {
        match self {
            Text::Raw(s) => s.clone(),
            Text::Known(i) => pick(KNOWN, *i).to_string(),
            Text::Url(tail) => format!("https://shop.example.com/{tail}"),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct CredInput {
    pspid: Text,
    sha_in: String,
    sha_in_direct_link: Option<String>,
    sha_out: String,
    algorithm: u8,
    charset: u8,
    production: bool,
    platform: u8,
    custom_origin: Text,
    api_user: Option<(Text, Text)>,
}

#[derive(Arbitrary, Debug)]
struct TdsInput {
    accept_url: Text,
    decline_url: Text,
    exception_url: Text,
    window: Text,
    language: Text,
    accept_header: Text,
    user_agent: Text,
    browser_language: Text,
    color_depth: u8,
    screen_height: u32,
    screen_width: u32,
    time_zone: i32,
    java_enabled: bool,
}

#[derive(Arbitrary, Debug)]
enum Builder {
    Hosted {
        order_id: Text,
        amount: u64,
        currency: Text,
        operation: Option<u8>,
        fields: Vec<(u8, Text)>,
        params: Vec<(String, Text)>,
    },
    DirectLink {
        order_id: Text,
        amount: u64,
        currency: Text,
        operation: Option<u8>,
        fields: Vec<(u8, Text)>,
        three_d_secure: Option<Box<TdsInput>>,
        params: Vec<(String, Text)>,
    },
    Maintenance {
        pay_id: Text,
        operation: u8,
        amount: Option<u64>,
        params: Vec<(String, Text)>,
    },
    Query {
        by_pay_id: bool,
        id: Text,
        pay_id_sub: Option<u32>,
    },
    Alias {
        order_id: Text,
        accept_url: Text,
        exception_url: Text,
        fields: Vec<(u8, Text)>,
    },
    Flex {
        order_id: Text,
        accept_url: Text,
        exception_url: Text,
        fields: Vec<(u8, Text)>,
        params: Vec<(String, Text)>,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    credentials: CredInput,
    builder: Builder,
    nonce: String,
}

/// Amounts in range most of the time, just above it sometimes.
fn amount(minor: u64) -> Option<Amount> {
    Amount::from_minor_units(minor % (MAX_MINOR_UNITS + 2)).ok()
}

fn platform(which: u8, custom: String) -> Platform {
    match which % 8 {
        0 => Platform::Ogone,
        1 => Platform::OgoneClassicTest,
        2 => Platform::BarclaycardEpdq,
        3 => Platform::PostFinance,
        4 => Platform::PayEngine,
        5 => Platform::Viveum,
        6 => Platform::KbcPayPage,
        _ => Platform::Custom(custom),
    }
}

fn hosted_field(p: HostedPaymentPage, which: u8, v: String) -> HostedPaymentPage {
    match which % 33 {
        0 => p.language(v),
        1 => p.customer_name(v),
        2 => p.email(v),
        3 => p.owner_address(v),
        4 => p.owner_zip(v),
        5 => p.owner_town(v),
        6 => p.owner_country(v),
        7 => p.owner_telno(v),
        8 => p.accept_url(v),
        9 => p.decline_url(v),
        10 => p.exception_url(v),
        11 => p.cancel_url(v),
        12 => p.back_url(v),
        13 => p.home_url(v),
        14 => p.catalog_url(v),
        15 => p.com(v),
        16 => p.param_plus(v),
        17 => p.com_plus(v),
        18 => p.template(v),
        19 => p.title(v),
        20 => p.bg_color(v),
        21 => p.txt_color(v),
        22 => p.tbl_bg_color(v),
        23 => p.tbl_txt_color(v),
        24 => p.button_bg_color(v),
        25 => p.button_txt_color(v),
        26 => p.font_type(v),
        27 => p.logo(v),
        28 => p.payment_method(v),
        29 => p.brand(v),
        30 => p.alias(v),
        31 => p.alias_usage(v),
        _ => p.alias_operation(v),
    }
}

fn direct_link_field(p: DirectLinkOrder, which: u8, v: String) -> DirectLinkOrder {
    match which % 14 {
        0 => p.alias(v),
        1 => p.card_number(v),
        2 => p.expiry_date(v),
        3 => p.cvc(v),
        4 => p.customer_name(v),
        5 => p.email(v),
        6 => p.owner_address(v),
        7 => p.owner_zip(v),
        8 => p.owner_town(v),
        9 => p.owner_country(v),
        10 => p.owner_telno(v),
        11 => p.eci(v),
        12 => p.com(v),
        _ => p.remote_addr(v),
    }
}

fn alias_field(p: AliasGateway, which: u8, v: String) -> AliasGateway {
    match which % 5 {
        0 => p.alias(v),
        1 => p.brand(v),
        2 => p.language(v),
        3 => p.param_plus(v),
        _ => p.alias_persisted_after_use(v),
    }
}

fn flex_field(p: FlexCheckout, which: u8, v: String) -> FlexCheckout {
    match which % 7 {
        0 => p.payment_method(v),
        1 => p.brand(v),
        2 => p.alias_id(v),
        3 => p.store_permanently(v),
        4 => p.language(v),
        5 => p.template_name(v),
        _ => p.param_plus(v),
    }
}

fuzz_target!(|input: Input| {
    let c = &input.credentials;
    let algorithm = pick(&ALGORITHMS, c.algorithm);
    let charset = pick(&CHARSETS, c.charset);
    let mut credentials = Credentials::new(
        c.pspid.get(),
        ShaInKey::new(c.sha_in.as_str()),
        ShaOutKey::new(c.sha_out.as_str()),
        algorithm,
    )
    .with_charset(charset)
    .with_environment(if c.production {
        Environment::Production
    } else {
        Environment::Test
    })
    .with_platform(platform(c.platform, c.custom_origin.get()));
    if let Some(key) = &c.sha_in_direct_link {
        credentials = credentials.with_direct_link_sha_in(ShaInKey::new(key.as_str()));
    }
    if let Some((user, password)) = &c.api_user {
        credentials = credentials.with_api_user(user.get(), password.get());
    }
    let _ = credentials.warnings();

    // The signers, made from the raw keys rather than from the credentials.
    let ecommerce =
        Signer::sha_in(Passphrase::new(c.sha_in.as_str()), algorithm).with_charset(charset);
    let direct_link = Signer::sha_in(
        Passphrase::new(c.sha_in_direct_link.as_deref().unwrap_or(&c.sha_in)),
        algorithm,
    )
    .with_charset(charset);

    let (built, signer, signature_name) = match input.builder {
        Builder::Hosted {
            order_id,
            amount: minor,
            currency,
            operation,
            fields,
            params,
        } => {
            let Some(amount) = amount(minor) else { return };
            let mut page = HostedPaymentPage::new(order_id.get(), amount, currency.get());
            if let Some(op) = operation {
                page = page.operation(pick(&Operation::ALL, op));
            }
            for (which, value) in fields {
                page = hosted_field(page, which, value.get());
            }
            for (name, value) in params {
                page = page.param(&name, value.get());
            }
            (
                page.build(&credentials).map(Built::from),
                ecommerce,
                "SHASIGN",
            )
        }
        Builder::DirectLink {
            order_id,
            amount: minor,
            currency,
            operation,
            fields,
            three_d_secure,
            params,
        } => {
            let Some(amount) = amount(minor) else { return };
            let mut order = DirectLinkOrder::new(order_id.get(), amount, currency.get());
            if let Some(op) = operation {
                order = order.operation(pick(&Operation::ALL, op));
            }
            for (which, value) in fields {
                order = direct_link_field(order, which, value.get());
            }
            if let Some(t) = three_d_secure {
                order = order.three_d_secure(ThreeDSecure {
                    accept_url: t.accept_url.get(),
                    decline_url: t.decline_url.get(),
                    exception_url: t.exception_url.get(),
                    window: t.window.get(),
                    language: t.language.get(),
                    browser: BrowserData {
                        accept_header: t.accept_header.get(),
                        user_agent: t.user_agent.get(),
                        language: t.browser_language.get(),
                        color_depth: t.color_depth,
                        screen_height: t.screen_height,
                        screen_width: t.screen_width,
                        time_zone: t.time_zone,
                        java_enabled: t.java_enabled,
                    },
                });
            }
            for (name, value) in params {
                order = order.param(&name, value.get());
            }
            (
                order.build(&credentials).map(Built::from),
                direct_link,
                "SHASIGN",
            )
        }
        Builder::Maintenance {
            pay_id,
            operation,
            amount: minor,
            params,
        } => {
            let mut m = Maintenance::new(pay_id.get(), pick(&Operation::ALL, operation));
            if let Some(minor) = minor {
                let Some(amount) = amount(minor) else { return };
                m = m.amount(amount);
            }
            for (name, value) in params {
                m = m.param(&name, value.get());
            }
            (
                m.build(&credentials).map(Built::from),
                direct_link,
                "SHASIGN",
            )
        }
        Builder::Query {
            by_pay_id,
            id,
            pay_id_sub,
        } => {
            let mut q = if by_pay_id {
                Query::by_pay_id(id.get())
            } else {
                Query::by_order_id(id.get())
            };
            if let Some(sub) = pay_id_sub {
                q = q.pay_id_sub(sub);
            }
            (
                q.build(&credentials).map(Built::from),
                direct_link,
                "SHASIGN",
            )
        }
        Builder::Alias {
            order_id,
            accept_url,
            exception_url,
            fields,
        } => {
            let mut a = AliasGateway::new(order_id.get(), accept_url.get(), exception_url.get());
            for (which, value) in fields {
                a = alias_field(a, which, value.get());
            }
            (
                a.build(&credentials).map(Built::from),
                ecommerce.with_list(ListKind::AliasGatewayIn),
                "SHASIGN",
            )
        }
        Builder::Flex {
            order_id,
            accept_url,
            exception_url,
            fields,
            params,
        } => {
            let mut f = FlexCheckout::new(order_id.get(), accept_url.get(), exception_url.get());
            for (which, value) in fields {
                f = flex_field(f, which, value.get());
            }
            for (name, value) in params {
                f = f.param(&name, value.get());
            }
            (
                f.build(&credentials).map(Built::from),
                ecommerce
                    .with_list(ListKind::All)
                    .with_charset(Charset::Utf8),
                "SHASIGNATURE.SHASIGN",
            )
        }
    };
    if trace() {
        // `OGONE_FUZZ_TRACE=1 target/.../request_build corpus/request_build -runs=0`: shows
        // which builds the corpus reaches and why the others are refused.
        match &built {
            Ok(Built::Browser(request)) => eprintln!("built {}", request.url()),
            Ok(Built::Server(request)) => eprintln!("built {}", request.url()),
            Err(e) => eprintln!("refused: {e}"),
        }
    }
    if let Ok(request) = built {
        check_signed_request(&request, &signer, signature_name, &input.nonce);
    }
});

/// Whether `OGONE_FUZZ_TRACE` is set (read once).
fn trace() -> bool {
    static TRACE: OnceLock<bool> = OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("OGONE_FUZZ_TRACE").is_some())
}
