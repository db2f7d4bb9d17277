//! Signs the SHA-IN example of Ingenico's e-Commerce guide and verifies its SHA-OUT example.
//!
//! ```text
//! cargo run --example quickstart
//! ```

use std::process::ExitCode;

use ogone::{HashAlgorithm, Params, Passphrase, Signer, TransportCharset};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quickstart: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), ogone::Error> {
    // What the merchant sends to the hosted payment page (SHA-IN).
    let mut order = Params::new();
    order.insert("PSPID", "MyPSPID")?;
    order.insert("ORDERID", "1234")?;
    order.insert("AMOUNT", "1500")?;
    order.insert("CURRENCY", "EUR")?;
    order.insert("LANGUAGE", "en_US")?;

    let sha_in = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    let explained = sha_in.explain(&order);
    let signature = sha_in.sign(&order)?;
    println!("SHA-IN string to sign: {explained}");
    println!("SHA-IN SHASIGN:        {signature}");

    // What Ogone posts back to /payment/ogone/return (SHA-OUT), names in mixed case.
    let body = "ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
                &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
                &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
    let feedback = Params::parse_form(body.as_bytes(), TransportCharset::Utf8)?;
    let sha_out = Signer::sha_out(Passphrase::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
    sha_out.verify_shasign(&feedback)?;
    println!(
        "SHA-OUT feedback for order {} verified: STATUS={}",
        feedback.get("orderID").unwrap_or("?"),
        feedback.get("STATUS").unwrap_or("?")
    );

    // One changed byte and the feedback is refused.
    let mut forged = feedback.clone();
    forged.remove("STATUS");
    forged.insert("STATUS", "5")?;
    match sha_out.verify_shasign(&forged) {
        Err(e) => println!("forged feedback refused: {e}"),
        Ok(()) => return Err(ogone::Error::Mismatch),
    }
    Ok(())
}
