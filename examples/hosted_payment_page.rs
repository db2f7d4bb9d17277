//! Prints the signed form and target URL of a test order on the hosted payment page.
//!
//! ```text
//! cargo run --example hosted_payment_page
//! ```
//!
//! The credentials here are the ones of Ingenico's guide; a shop reads its own from its
//! configuration (PSPID, SHA-IN and SHA-OUT passphrases, hash algorithm, environment).

use std::process::ExitCode;

use ogone::{
    Amount, Credentials, Environment, HashAlgorithm, HostedPaymentPage, Operation, ShaInKey,
    ShaOutKey,
};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hosted_payment_page: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let credentials = Credentials::new(
        "MyPSPID",
        ShaInKey::new("Mysecretsig1875!?"),
        ShaOutKey::new("Another-secret-for-OUT"),
        HashAlgorithm::Sha512,
    )
    .with_environment(Environment::Test);
    for warning in credentials.warnings() {
        eprintln!("warning: {warning}");
    }

    let request = HostedPaymentPage::new("WEB-1001", Amount::parse_decimal("42.50")?, "EUR")
        .language("en_US")
        .operation(Operation::Sale)
        .customer_name("Ada Lovelace")
        .email("ada@example.com")
        .owner_address("12 St James's Square")
        .owner_zip("SW1Y 4JH")
        .owner_town("London")
        .owner_country("GB")
        .accept_url("https://shop.example.com/payment/ogone/return")
        .decline_url("https://shop.example.com/payment/ogone/return")
        .exception_url("https://shop.example.com/payment/ogone/return")
        .cancel_url("https://shop.example.com/cart")
        .param_plus("cart=1001")
        .build(&credentials)?;

    println!("POST {}", request.url());
    for (name, value) in request.fields() {
        println!("  {name} = {value}");
    }
    println!("\nbody: {}", request.to_form_body()?);
    println!("\n{}", request.to_html_form());
    Ok(())
}
