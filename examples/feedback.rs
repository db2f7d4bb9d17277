//! Verifies a feedback body read from standard input and prints what it says.
//!
//! ```text
//! export OGONE_SHA_OUT='Mysecretsig1875!?'
//! echo 'orderID=12&currency=EUR&amount=15&PM=CreditCard&ACCEPTANCE=1234&STATUS=9&CARDNO=XXXXXXXXXXXX1111&PAYID=32100123&NCERROR=0&BRAND=VISA&SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355' \
//!   | cargo run -q --example feedback -- sha1
//! ```
//!
//! The first argument is the hash algorithm (default `sha512`), the second the transport
//! charset of the body (default `utf-8`). The SHA-OUT passphrase comes from `OGONE_SHA_OUT`.
//! Exit status: 0 verified, 1 rejected, 2 bad usage.

use std::io::Read;
use std::process::ExitCode;

use ogone::{FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset, VerifiedFeedback};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let algorithm = args.next().unwrap_or_else(|| "sha512".into());
    let transport = args.next().unwrap_or_else(|| "utf-8".into());
    let (Some(algorithm), Some(transport)) = (
        HashAlgorithm::parse(&algorithm),
        TransportCharset::parse(&transport),
    ) else {
        eprintln!("usage: feedback [sha1|sha256|sha512] [utf-8|iso-8859-1|windows-1252] < body");
        return ExitCode::from(2);
    };
    let Ok(key) = std::env::var("OGONE_SHA_OUT") else {
        eprintln!("feedback: set OGONE_SHA_OUT to the SHA-OUT passphrase");
        return ExitCode::from(2);
    };
    let mut body = Vec::new();
    if let Err(e) = std::io::stdin().take(1 << 20).read_to_end(&mut body) {
        eprintln!("feedback: cannot read standard input: {e}");
        return ExitCode::from(2);
    }
    let body = body.trim_ascii();

    let verifier = FeedbackVerifier::new(&ShaOutKey::new(key), algorithm);
    let feedback = match VerifiedFeedback::parse(body, transport, &verifier) {
        Ok(f) => f,
        Err(e) => {
            println!("rejected: {e}");
            return ExitCode::from(1);
        }
    };
    println!("verified feedback");
    println!("  order:    {}", feedback.order_id().unwrap_or("-"));
    println!("  PAYID:    {}", feedback.pay_id().unwrap_or("-"));
    match feedback.status() {
        Ok(s) => println!("  status:   {s} -> {:?}", s.outcome()),
        Err(e) => println!("  status:   {e}"),
    }
    match feedback.amount() {
        Ok(a) => println!("  amount:   {a} {}", feedback.currency().unwrap_or("")),
        Err(e) => println!("  amount:   {e}"),
    }
    match feedback.nc_error() {
        Ok(e) => println!("  NCERROR:  {e} ({:?})", e.class()),
        Err(e) => println!("  NCERROR:  {e}"),
    }
    println!("  brand:    {}", feedback.brand().unwrap_or("-"));
    println!("  card:     {}", feedback.masked_card().unwrap_or("-"));
    match feedback.key() {
        Ok(k) => println!("  key:      {k} (store it; skip a feedback whose key you have)"),
        Err(e) => println!("  key:      {e}"),
    }
    for (name, value) in feedback.unsigned_params() {
        println!("  unsigned: {name} = {value}");
    }
    ExitCode::SUCCESS
}
