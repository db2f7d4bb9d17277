//! PAYID grows from 10 to 11 digits on the platform (issue 10): nothing may assume its length,
//! in feedback, in `FeedbackKey`, in the requests that name a transaction, or in the DirectLink
//! XML answer (feature `xml`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ogone::simulate::{FeedbackSimulator, Transaction};
use ogone::{
    Amount, Credentials, FeedbackVerifier, HashAlgorithm, Maintenance, Operation, Query, ShaInKey,
    ShaOutKey, TransportCharset, VerifiedFeedback,
};

const KEY: &str = "Mysecretsig1875!?";

/// Eleven digits, above `u32::MAX` (so no 32-bit parse can hold it).
const PAYID_11: &str = "30147260001";
/// The ten-digit PAYID it starts with.
const PAYID_10: &str = "3014726000";

/// The feedback of a captured payment with `pay_id` (and `sub`), signed by the simulator.
fn feedback(pay_id: &str, sub: Option<u32>) -> VerifiedFeedback {
    let amount = Amount::from_minor_units(4250).unwrap();
    let mut tx = Transaction::paid("WEB-1001", pay_id, amount, "EUR");
    tx.pay_id_sub = sub;
    let key = ShaOutKey::new(KEY);
    for algorithm in HashAlgorithm::ALL {
        let body = FeedbackSimulator::new(&key, algorithm).body(&tx).unwrap();
        assert!(body.contains(&format!("PAYID={pay_id}")), "{body}");
        let verifier = FeedbackVerifier::new(&key, algorithm);
        VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier).unwrap();
    }
    let body = FeedbackSimulator::new(&key, HashAlgorithm::Sha512)
        .body(&tx)
        .unwrap();
    let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
    VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier).unwrap()
}

#[test]
fn eleven_digit_payid_in_feedback_and_its_key() {
    let f = feedback(PAYID_11, None);
    assert_eq!(f.pay_id(), Some(PAYID_11));
    assert_eq!(f.key().unwrap().as_str(), "8:WEB-1001/11:30147260001/1:0/9");
    // A ten-digit PAYID whose PAYIDSUB is the eleventh digit is another feedback.
    let shifted = feedback(PAYID_10, Some(1));
    assert_eq!(shifted.pay_id(), Some(PAYID_10));
    assert_ne!(shifted.key().unwrap(), f.key().unwrap());
    assert_eq!(
        shifted.key().unwrap().as_str(),
        "8:WEB-1001/10:3014726000/1:1/9"
    );
}

#[test]
fn eleven_digit_payid_in_maintenance_and_query() {
    let creds = Credentials::new(
        "MyPSPID",
        ShaInKey::new(KEY),
        ShaOutKey::new("Another-secret-for-OUT"),
        HashAlgorithm::Sha512,
    )
    .with_api_user("api_user", "api-password-1");
    let refund = Maintenance::new(PAYID_11, Operation::Refund)
        .build(&creds)
        .unwrap();
    assert_eq!(refund.get("PAYID"), Some(PAYID_11));
    let query = Query::by_pay_id(PAYID_11).build(&creds).unwrap();
    assert_eq!(query.get("PAYID"), Some(PAYID_11));
}

#[cfg(feature = "xml")]
#[test]
fn eleven_digit_payid_in_the_directlink_answer() {
    let xml = br#"<?xml version="1.0"?><ncresponse orderID="WEB-1001" PAYID="30147260001" PAYIDSUB="1" NCERROR="0" STATUS="91" amount="42.5" currency="EUR"></ncresponse>"#;
    let answer = ogone::DirectLinkResponse::parse(xml).unwrap();
    assert_eq!(answer.pay_id(), Some(PAYID_11));
    assert_eq!(answer.pay_id_sub(), Some("1"));
    assert_eq!(answer.status().unwrap(), ogone::Status::PaymentProcessing);
}
