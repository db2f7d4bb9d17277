//! Arbitrary bytes through the Worldline Direct answer parsers and the hosted checkout's
//! return-query parser (feature `worldline`). The first two bytes are the HTTP status, the
//! rest the body (and, as text, the query). Properties: nothing panics; a created checkout's
//! redirect URL is on the payment host; an accepted return query checks against its own
//! values and not against another RETURNMAC; no error's text holds the stored RETURNMAC.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogone::worldline::{
    CreateHostedCheckoutResponse, CreateHostedTokenizationResponse, DirectHost,
    GetHostedCheckoutResponse, GetHostedTokenizationResponse, GetPaymentResponse,
    HostedCheckoutReturn, ReturnMac, read_answer,
};

fuzz_target!(|data: &[u8]| {
    let Some((status, body)) = data.split_first_chunk::<2>() else {
        return;
    };
    let status = u16::from_be_bytes(*status) % 600;
    for host in [DirectHost::Test, DirectHost::Production] {
        if let Ok(created) = CreateHostedCheckoutResponse::parse(status, body, host) {
            let prefix = match host {
                DirectHost::Test => "https://payment.preprod.direct.worldline-solutions.com/",
                _ => "https://payment.direct.worldline-solutions.com/",
            };
            assert!(
                created
                    .redirect_url
                    .to_ascii_lowercase()
                    .starts_with(prefix)
            );
        }
    }
    let _ = GetHostedCheckoutResponse::parse(status, body);
    let _ = GetPaymentResponse::parse(status, body);
    let _ = CreateHostedTokenizationResponse::parse(status, body);
    let _ = GetHostedTokenizationResponse::parse(status, body);
    if let Err(e) = read_answer::<GetPaymentResponse>(status, body) {
        let _ = (e.to_string(), e.kind());
    }

    let query = String::from_utf8_lossy(body);
    let stored = ReturnMac::new("stored-return-mac-0000");
    match HostedCheckoutReturn::parse_query(&query) {
        Ok(back) => {
            let id = back.hosted_checkout_id().to_owned();
            let other = back.check(&id, &stored);
            if let Err(e) = other {
                assert!(!e.to_string().contains("stored-return-mac"));
            }
            assert!(back.check(&format!("{id}x"), &stored).is_err());
        }
        Err(e) => {
            let _ = (e.to_string(), e.kind());
        }
    }
});
