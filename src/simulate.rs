//! A feedback simulator: what Ogone would send to your return URL, signed with your SHA-OUT
//! passphrase, so handlers can be tested without the platform.

use alloc::string::String;
use alloc::vec::Vec;

use crate::amount::Amount;
use crate::charset::{Charset, TransportCharset};
use crate::credentials::ShaOutKey;
use crate::error::Error;
use crate::form::encode_form;
use crate::list::ListKind;
use crate::order::SortOrder;
use crate::params::Params;
use crate::signature::HashAlgorithm;
use crate::signer::{Direction, Signer};
use crate::status::Status;

/// A transaction as Ogone reports it in e-Commerce feedback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// ORDERID.
    pub order_id: String,
    /// PAYID.
    pub pay_id: String,
    /// PAYIDSUB (`None`: not sent).
    pub pay_id_sub: Option<u32>,
    /// STATUS.
    pub status: Status,
    /// AMOUNT, sent as a decimal without trailing zeros.
    pub amount: Amount,
    /// CURRENCY.
    pub currency: String,
    /// PM.
    pub payment_method: String,
    /// BRAND.
    pub brand: String,
    /// CARDNO, masked.
    pub masked_card: String,
    /// ACCEPTANCE.
    pub acceptance: String,
    /// NCERROR (`0` for success).
    pub nc_error: String,
    /// TRXDATE (`MM/DD/YY`).
    pub transaction_date: String,
    /// More parameters, sent as given after the standard ones (PARAMPLUS fields, or SHA-OUT
    /// fields such as `IP` and `CN`); signed when they are on the SHA-OUT list.
    pub extra: Vec<(String, String)>,
}

impl Transaction {
    /// A captured card payment (STATUS 9) of `amount` for `order_id`.
    #[must_use]
    pub fn paid(
        order_id: impl Into<String>,
        pay_id: impl Into<String>,
        amount: Amount,
        currency: impl Into<String>,
    ) -> Self {
        Transaction {
            order_id: order_id.into(),
            pay_id: pay_id.into(),
            pay_id_sub: None,
            status: Status::PaymentRequested,
            amount,
            currency: currency.into(),
            payment_method: String::from("CreditCard"),
            brand: String::from("VISA"),
            masked_card: String::from("XXXXXXXXXXXX1111"),
            acceptance: String::from("123456"),
            nc_error: String::from("0"),
            transaction_date: String::from("11/27/26"),
            extra: Vec::new(),
        }
    }

    /// The same transaction with another status.
    #[must_use]
    pub fn with_status(mut self, status: Status) -> Self {
        self.status = status;
        self
    }

    /// The parameters as Ogone names them in feedback (mixed case), in the order it sends them.
    #[must_use]
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> = [
            ("orderID", self.order_id.clone()),
            ("currency", self.currency.clone()),
            ("amount", self.amount.to_feedback_string()),
            ("PM", self.payment_method.clone()),
            ("ACCEPTANCE", self.acceptance.clone()),
            ("STATUS", alloc::format!("{}", self.status.code())),
            ("CARDNO", self.masked_card.clone()),
            ("TRXDATE", self.transaction_date.clone()),
            ("PAYID", self.pay_id.clone()),
        ]
        .into_iter()
        .map(|(n, v)| (String::from(n), v))
        .collect();
        if let Some(sub) = self.pay_id_sub {
            fields.push((String::from("PAYIDSUB"), alloc::format!("{sub}")));
        }
        fields.push((String::from("NCERROR"), self.nc_error.clone()));
        fields.push((String::from("BRAND"), self.brand.clone()));
        fields.extend(self.extra.iter().cloned());
        fields
    }
}

/// Produces the exact query string (browser redirect) or POST body (server-to-server) Ogone
/// would send for a transaction, signed with the SHA-OUT passphrase, in a transport charset.
///
/// ```
/// use ogone::simulate::{FeedbackSimulator, Transaction};
/// use ogone::{Amount, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset, VerifiedFeedback};
///
/// let key = ShaOutKey::new("Another-secret-for-OUT");
/// let simulator = FeedbackSimulator::new(&key, HashAlgorithm::Sha512);
/// let tx = Transaction::paid("WEB-1001", "3014726", Amount::from_minor_units(4250)?, "EUR");
/// let body = simulator.body(&tx)?;
/// assert!(body.starts_with("orderID=WEB-1001&currency=EUR&amount=42.5&"));
///
/// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
/// let feedback = VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier)?;
/// assert_eq!(feedback.amount()?.minor_units(), 4250);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct FeedbackSimulator {
    signer: Signer,
    transport: TransportCharset,
}

impl FeedbackSimulator {
    /// Signs as an e-Commerce account with this SHA-OUT key and algorithm: SHA-OUT list,
    /// Ingenico order, UTF-8 hashing and transport.
    #[must_use]
    pub fn new(key: &ShaOutKey, algorithm: HashAlgorithm) -> Self {
        FeedbackSimulator {
            signer: Signer::new(key.as_passphrase().clone(), algorithm, Direction::Out),
            transport: TransportCharset::Utf8,
        }
    }

    /// Hashes in another charset (ISO-8859-1 accounts).
    #[must_use]
    pub fn with_charset(mut self, charset: Charset) -> Self {
        self.signer = self.signer.with_charset(charset);
        self
    }

    /// Sends the percent-escapes in another charset (PostFinance's ISO-8859-1, ePDQ's
    /// Windows-1252).
    #[must_use]
    pub fn with_transport(mut self, transport: TransportCharset) -> Self {
        self.transport = transport;
        self
    }

    /// Signs with another list (FlexCheckout SHA-OUT for FlexCheckout redirects).
    #[must_use]
    pub fn with_list(mut self, list: ListKind) -> Self {
        self.signer = self.signer.with_list(list);
        self
    }

    /// Sorts as a peer with another order would.
    #[must_use]
    pub fn with_order(mut self, order: SortOrder) -> Self {
        self.signer = self.signer.with_order(order);
        self
    }

    /// The form-encoded feedback for `tx`: the same text serves as the query string of a redirect
    /// (after `?`) and as the body of a server-to-server POST.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateName`] when `tx.extra` repeats a name, [`Error::Unencodable`] for a
    /// character the hashing or transport charset cannot carry.
    pub fn body(&self, tx: &Transaction) -> Result<String, Error> {
        self.body_of(&tx.fields())
    }

    /// The form-encoded feedback for any parameters, names as given, `SHASIGN` appended.
    ///
    /// # Errors
    ///
    /// As [`FeedbackSimulator::body`].
    pub fn body_of(&self, fields: &[(String, String)]) -> Result<String, Error> {
        let params = Params::try_from_pairs(fields.iter().map(|(n, v)| (n.as_str(), v.clone())))?;
        let signature = alloc::format!("{}", self.signer.sign(&params)?);
        let pairs = fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .chain(core::iter::once(("SHASIGN", signature.as_str())));
        encode_form(pairs, self.transport)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::FeedbackVerifier;
    use crate::feedback::{FlexCheckoutFeedback, VerifiedFeedback};

    fn key() -> ShaOutKey {
        ShaOutKey::new("Another-secret-for-OUT")
    }

    fn tx() -> Transaction {
        let mut tx = Transaction::paid(
            "Zoë-1",
            "3014726",
            Amount::from_minor_units(58242).unwrap(),
            "EUR",
        );
        tx.extra
            .push((String::from("CN"), String::from("Zoë Müller")));
        tx.extra
            .push((String::from("cart"), String::from("a&b=c+d")));
        tx
    }

    #[test]
    fn every_transport_and_charset_verifies() {
        for charset in [Charset::Utf8, Charset::Iso8859_1] {
            for transport in [
                TransportCharset::Utf8,
                TransportCharset::Iso8859_1,
                TransportCharset::Windows1252,
            ] {
                for algorithm in HashAlgorithm::ALL {
                    let body = FeedbackSimulator::new(&key(), algorithm)
                        .with_charset(charset)
                        .with_transport(transport)
                        .body(&tx())
                        .unwrap();
                    let verifier = FeedbackVerifier::new(&key(), algorithm).with_charset(charset);
                    let f = VerifiedFeedback::parse(body.as_bytes(), transport, &verifier).unwrap();
                    assert_eq!(f.order_id(), Some("Zoë-1"));
                    assert_eq!(f.amount().unwrap().minor_units(), 58242);
                    assert_eq!(f.get("CN"), Some("Zoë Müller"));
                    assert_eq!(f.unsigned("cart"), Some("a&b=c+d"));
                }
            }
        }
    }

    #[test]
    fn names_as_ogone_sends_them() {
        let body = FeedbackSimulator::new(&key(), HashAlgorithm::Sha1)
            .body(&tx())
            .unwrap();
        assert!(body.starts_with("orderID=Zo%C3%AB-1&currency=EUR&amount=582.42&PM=CreditCard&"));
        assert!(body.contains("&CN=Zo%C3%AB+M%C3%BCller&cart=a%26b%3Dc%2Bd&SHASIGN="));
        let latin1 = FeedbackSimulator::new(&key(), HashAlgorithm::Sha1)
            .with_transport(TransportCharset::Iso8859_1)
            .body(&tx())
            .unwrap();
        assert!(latin1.starts_with("orderID=Zo%EB-1&"));
    }

    #[test]
    fn flexcheckout_redirects() {
        let fields: Vec<(String, String)> = [
            ("Alias.AliasId", "A1"),
            ("Alias.Status", "0"),
            ("Card.Brand", "VISA"),
        ]
        .into_iter()
        .map(|(n, v)| (String::from(n), String::from(v)))
        .collect();
        let body = FeedbackSimulator::new(&key(), HashAlgorithm::Sha256)
            .with_list(ListKind::FlexCheckoutOut)
            .body_of(&fields)
            .unwrap();
        let verifier = FeedbackVerifier::new(&key(), HashAlgorithm::Sha256);
        let f = FlexCheckoutFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier)
            .unwrap();
        assert_eq!(f.alias_id(), Some("A1"));
    }

    #[test]
    fn unencodable_and_duplicate_fields_are_errors() {
        let mut euro = tx();
        euro.extra
            .push((String::from("COMPLUS"), String::from("€")));
        let sim = FeedbackSimulator::new(&key(), HashAlgorithm::Sha1)
            .with_transport(TransportCharset::Iso8859_1);
        assert!(matches!(sim.body(&euro), Err(Error::Unencodable { .. })));
        let mut twice = tx();
        twice
            .extra
            .push((String::from("ORDERID"), String::from("x")));
        assert_eq!(
            sim.body(&twice),
            Err(Error::DuplicateName(String::from("ORDERID")))
        );
    }
}
