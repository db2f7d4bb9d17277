//! The Alias Gateway result (issue 10, item 2): its own SHA-OUT list, where the card fields and
//! their `NCERROR*` companions are hashed.
//!
//! No published Alias Gateway result with its passphrase was found (public code shows real
//! redirects, but never the key that signed them), so these tests are built from the spec's
//! list (`../shared/spec/lists/alias_gateway_out.txt`, spec section 2): the string to sign is
//! written out by hand from that list and hashed with `sha2` directly, not with the crate.
#![allow(clippy::unwrap_used)]

use ogone::simulate::{AliasResult, FeedbackSimulator};
use ogone::{
    AliasGatewayFeedback, AliasStatus, Error, FeedbackVerifier, HashAlgorithm, ListKind, ShaOutKey,
    TransportCharset, VerifiedFeedback,
};
use sha2::Digest;

const KEY: &str = "Mysecretsig1875!?";
const UTF8: TransportCharset = TransportCharset::Utf8;

fn verifier() -> FeedbackVerifier {
    FeedbackVerifier::new(&ShaOutKey::new(KEY), HashAlgorithm::Sha256)
}

/// The 14 names of the spec's list, in the order Ingenico sorts them (all plain letters, so
/// byte order), each `NAME=value` followed by the passphrase.
fn by_hand(values: &[(&str, &str)]) -> String {
    let mut names: Vec<&(&str, &str)> = values.iter().collect();
    names.sort_by_key(|(n, _)| *n);
    let mut text = String::new();
    for (name, value) in names {
        if !value.is_empty() {
            text.push_str(&format!("{name}={value}{KEY}"));
        }
    }
    let digest = sha2::Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02X}")).collect()
}

const VALUES: [(&str, &str); 14] = [
    ("ALIAS", "customer-42-card"),
    ("BRAND", "VISA"),
    ("CARDNO", "XXXXXXXXXXXX1111"),
    ("CN", "Jane Doe"),
    ("CVC", "XXX"),
    ("ED", "1229"),
    ("NCERROR", "0"),
    ("NCERRORCARDNO", "0"),
    ("NCERRORCN", "0"),
    ("NCERRORCVC", "0"),
    ("NCERRORED", "0"),
    ("ORDERID", "WEB-1001"),
    ("STATUS", "0"),
    ("STOREPERMANENTLY", "Y"),
];

fn body(values: &[(&str, &str)], signature: &str) -> String {
    let mut body: Vec<String> = values
        .iter()
        .map(|(n, v)| format!("{n}={}", v.replace(' ', "+")))
        .collect();
    body.push(format!("SHASIGN={signature}"));
    body.join("&")
}

#[test]
fn every_field_of_the_spec_list_is_hashed() {
    let signature = by_hand(&VALUES);
    let result =
        AliasGatewayFeedback::parse(body(&VALUES, &signature).as_bytes(), UTF8, &verifier())
            .unwrap();
    assert_eq!(result.alias(), Some("customer-42-card"));
    assert_eq!(result.status().unwrap(), AliasStatus::Ok);
    assert_eq!(result.masked_card(), Some("XXXXXXXXXXXX1111"));
    assert_eq!(result.brand(), Some("VISA"));
    assert_eq!(result.expiry_date(), Some("1229"));
    assert_eq!(result.card_holder_name(), Some("Jane Doe"));
    assert_eq!(result.store_permanently().unwrap(), Some(true));
    for nc in [
        result.nc_error(),
        result.nc_error_card_no(),
        result.nc_error_cn(),
        result.nc_error_cvc(),
        result.nc_error_ed(),
    ] {
        assert!(nc.unwrap().is_success());
    }
    assert_eq!(result.signed_params().count(), 14);
    // The list the crate compiled in is the spec's.
    let spec: Vec<&str> = VALUES.iter().map(|(n, _)| *n).collect();
    assert_eq!(ListKind::AliasGatewayOut.entries(), &spec[..]);
    // Each field is covered: changing any value breaks the signature.
    for i in 0..VALUES.len() {
        let mut changed = VALUES;
        changed[i].1 = if changed[i].1 == "0" { "1" } else { "0" };
        assert_eq!(
            AliasGatewayFeedback::parse(body(&changed, &signature).as_bytes(), UTF8, &verifier()),
            Err(Error::Mismatch),
            "{}",
            VALUES[i].0
        );
    }
}

/// What failed before the list existed: the e-Commerce SHA-OUT list leaves out CVC and the
/// NCERROR companions, so a genuine result did not verify.
#[test]
fn the_sha_out_list_does_not_verify_it() {
    let signed = body(&VALUES, &by_hand(&VALUES));
    let params = ogone::Params::parse_form(signed.as_bytes(), UTF8).unwrap();
    assert_eq!(
        verifier().as_signer().verify_shasign(&params),
        Err(Error::Mismatch)
    );
    assert!(
        verifier()
            .with_list(ListKind::AliasGatewayOut)
            .as_signer()
            .verify_shasign(&params)
            .is_ok()
    );
    // And it is no payment feedback.
    assert!(VerifiedFeedback::parse(signed.as_bytes(), UTF8, &verifier()).is_err());
}

#[test]
fn a_refused_card_comes_back_without_an_alias_and_with_its_reason() {
    let mut refused = VALUES;
    refused[0].1 = "";
    refused[7].1 = "31061001"; // NCERRORCARDNO
    refused[12].1 = "1"; // STATUS: not created
    let result = AliasGatewayFeedback::parse(
        body(&refused, &by_hand(&refused)).as_bytes(),
        UTF8,
        &verifier(),
    )
    .unwrap();
    assert_eq!(result.status().unwrap(), AliasStatus::NotOk);
    assert_eq!(result.alias(), None);
    assert_eq!(result.nc_error_card_no().unwrap().code(), 31_061_001);
}

#[test]
fn a_created_alias_must_be_signed() {
    let mut no_alias = VALUES;
    no_alias[0].1 = "";
    assert_eq!(
        AliasGatewayFeedback::parse(
            body(&no_alias, &by_hand(&no_alias)).as_bytes(),
            UTF8,
            &verifier()
        ),
        Err(Error::MissingField("ALIAS"))
    );
    let mut no_status = VALUES.to_vec();
    no_status.remove(12);
    assert_eq!(
        AliasGatewayFeedback::parse(
            body(&no_status, &by_hand(&no_status)).as_bytes(),
            UTF8,
            &verifier()
        ),
        Err(Error::MissingField("STATUS"))
    );
}

#[test]
fn the_simulator_writes_what_the_spec_list_signs() {
    let result = AliasResult::ok("customer-42-card", "WEB-1001");
    let simulated = FeedbackSimulator::new(&ShaOutKey::new(KEY), HashAlgorithm::Sha256)
        .alias_gateway_body(&result)
        .unwrap();
    let signature = simulated.rsplit_once("SHASIGN=").unwrap().1;
    assert_eq!(signature, by_hand(&VALUES));
}

#[cfg(feature = "proptest")]
mod strategies {
    use super::*;
    use ogone::strategies::signed_alias_gateway_result;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn every_generated_result_verifies_and_reads_back(
            (body, result) in signed_alias_gateway_result(ShaOutKey::new(KEY), HashAlgorithm::Sha256)
        ) {
            let verified = AliasGatewayFeedback::parse(body.as_bytes(), UTF8, &verifier())?;
            prop_assert_eq!(verified.status()?, match result.status {
                0 => AliasStatus::Ok, 1 => AliasStatus::NotOk, 2 => AliasStatus::Updated, _ => AliasStatus::Cancelled,
            });
            let alias = (!result.alias.is_empty()).then_some(result.alias.as_str());
            prop_assert_eq!(verified.alias(), alias);
            prop_assert_eq!(verified.nc_error_card_no()?.to_string(), result.nc_errors[1].clone());
            prop_assert_eq!(verified.card_holder_name(), Some(result.card_holder_name.as_str()));
            let forged = body.replacen("CardNo=XXXXXXXXXXXX", "CardNo=XXXXXXXXXXX0", 1);
            prop_assert_eq!(AliasGatewayFeedback::parse(forged.as_bytes(), UTF8, &verifier()), Err(Error::Mismatch));
        }
    }
}
