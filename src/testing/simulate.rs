//! A feedback simulator: what Ogone would send to your return URL, signed with your SHA-OUT
//! passphrase, so handlers can be tested without the platform.
//!
//! ```
//! use ogone::simulate::{FeedbackSimulator, Transaction};
//! use ogone::{Amount, FeedbackVerifier, HashAlgorithm, Outcome, ShaOutKey, Status};
//! use ogone::{TransportCharset, VerifiedFeedback};
//!
//! let key = ShaOutKey::new("Another-secret-for-OUT");
//! let simulator = FeedbackSimulator::new(&key, HashAlgorithm::Sha512);
//! // A declined card, as your handler would receive it.
//! let tx = Transaction::paid("WEB-1001", "3014726", Amount::from_minor_units(4250)?, "EUR")
//!     .with_status(Status::AuthorisationRefused);
//! let body = simulator.body(&tx)?;
//!
//! let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha512);
//! let feedback = VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier)?;
//! assert_eq!(feedback.status()?.outcome(), Outcome::Declined);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;

use crate::charset::{Charset, TransportCharset};
use crate::error::Error;
use crate::protocol::amount::Amount;
use crate::protocol::credentials::{Credentials, ShaOutKey};
use crate::protocol::status::Status;
use crate::signing::builtin_lists::ListKind;
use crate::signing::direction::Direction;
use crate::signing::form::encode_form;
use crate::signing::order::SortOrder;
use crate::signing::params::Params;
use crate::signing::signature::HashAlgorithm;
use crate::signing::signer::Signer;

/// A transaction as Ogone reports it in e-Commerce feedback.
///
/// ```
/// use ogone::simulate::Transaction;
/// use ogone::{Amount, Status, TransportCharset, VerifiedFeedback};
///
/// # let key = ogone::ShaOutKey::new("Another-secret-for-OUT");
/// # let simulator =
/// #     ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512);
/// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
/// let amount = Amount::from_minor_units(4250)?;
/// let mut tx = Transaction::paid("WEB-1001", "3014726", amount, "EUR");
/// tx.pay_id_sub = Some(1);
/// tx.extra.push(("CN".into(), "Jane Doe".into())); // on the SHA-OUT list: signed
/// let tx = tx.with_status(Status::Refund);
/// let body = simulator.body(&tx)?;
/// let feedback = VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier)?;
/// assert_eq!(feedback.get("CN"), Some("Jane Doe"));
/// assert_eq!(feedback.key()?.as_str(), "8:WEB-1001/7:3014726/1:1/8");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    ///
    /// ```
    /// use ogone::simulate::Transaction;
    /// use ogone::{Amount, Outcome};
    ///
    /// let tx = Transaction::paid("WEB-1001", "3014726", Amount::from_minor_units(4250)?, "EUR");
    /// assert_eq!(tx.status.outcome(), Outcome::Succeeded);
    /// assert_eq!((tx.brand.as_str(), tx.nc_error.as_str()), ("VISA", "0"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    ///
    /// ```
    /// use ogone::simulate::Transaction;
    /// use ogone::{Amount, Status};
    ///
    /// let amount = Amount::from_minor_units(4250)?;
    /// let authorised = Transaction::paid("WEB-1001", "3014726", amount, "EUR")
    ///     .with_status(Status::Authorised);
    /// assert!(authorised.fields().contains(&("STATUS".to_string(), "5".to_string())));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_status(mut self, status: Status) -> Self {
        self.status = status;
        self
    }

    /// The parameters as Ogone names them in feedback (mixed case), in the order it sends them.
    ///
    /// ```
    /// use ogone::simulate::Transaction;
    /// use ogone::Amount;
    ///
    /// let tx = Transaction::paid("WEB-1001", "3014726", Amount::from_minor_units(4250)?, "EUR");
    /// let fields = tx.fields();
    /// assert_eq!(fields[..3], [
    ///     ("orderID".to_string(), "WEB-1001".to_string()),
    ///     ("currency".to_string(), "EUR".to_string()),
    ///     ("amount".to_string(), "42.5".to_string()), // no trailing zero
    /// ]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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

/// What the Alias Gateway redirects the customer back with, after its card form (spec section
/// 2, `lists/alias_gateway_out.txt`): every field is signed there, the card fields and their
/// `NCERROR*` companions included. Card number and CVC come back masked.
///
/// ```
/// use ogone::simulate::AliasResult;
///
/// let result = AliasResult::ok("customer-42-card", "WEB-1001");
/// assert!(result.fields().contains(&("status".to_string(), "0".to_string()))); // mixed case, as sent
/// assert!(result.fields().contains(&("CVC".to_string(), "XXX".to_string())));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasResult {
    /// ALIAS.
    pub alias: String,
    /// ORDERID.
    pub order_id: String,
    /// STATUS: 0 alias created, 1 not created, 2 updated, 3 cancelled by the customer.
    pub status: u8,
    /// BRAND.
    pub brand: String,
    /// CARDNO, masked.
    pub masked_card: String,
    /// CN, the card holder's name.
    pub card_holder_name: String,
    /// CVC, masked (`XXX`).
    pub masked_cvc: String,
    /// ED, the expiry date (`MMYY`).
    pub expiry_date: String,
    /// NCERROR, NCERRORCARDNO, NCERRORCN, NCERRORCVC, NCERRORED (`0` for success).
    pub nc_errors: [String; 5],
    /// STOREPERMANENTLY: `Y` or `N`.
    pub store_permanently: String,
}

impl AliasResult {
    /// A successful result: the alias was created for a VISA card.
    ///
    /// ```
    /// let result = ogone::simulate::AliasResult::ok("A1", "WEB-1");
    /// assert_eq!((result.status, result.store_permanently.as_str()), (0, "Y"));
    /// ```
    #[must_use]
    pub fn ok(alias: impl Into<String>, order_id: impl Into<String>) -> Self {
        AliasResult {
            alias: alias.into(),
            order_id: order_id.into(),
            status: 0,
            brand: String::from("VISA"),
            masked_card: String::from("XXXXXXXXXXXX1111"),
            card_holder_name: String::from("Jane Doe"),
            masked_cvc: String::from("XXX"),
            expiry_date: String::from("1229"),
            nc_errors: ["0", "0", "0", "0", "0"].map(String::from),
            store_permanently: String::from("Y"),
        }
    }

    /// The parameters as the Alias Gateway names them, in the order it sends them.
    ///
    /// ```
    /// let fields = ogone::simulate::AliasResult::ok("A1", "WEB-1").fields();
    /// assert_eq!(fields.len(), 14); // every name of the Alias Gateway SHA-OUT list
    /// ```
    #[must_use]
    pub fn fields(&self) -> Vec<(String, String)> {
        let [nc, nc_card, nc_cn, nc_cvc, nc_ed] = self.nc_errors.clone();
        [
            ("OrderID", self.order_id.clone()),
            ("CN", self.card_holder_name.clone()),
            ("NCErrorCN", nc_cn),
            ("CardNo", self.masked_card.clone()),
            ("Brand", self.brand.clone()),
            ("NCErrorCardNo", nc_card),
            ("CVC", self.masked_cvc.clone()),
            ("NCErrorCVC", nc_cvc),
            ("ED", self.expiry_date.clone()),
            ("NCErrorED", nc_ed),
            ("NCError", nc),
            ("Alias", self.alias.clone()),
            ("status", alloc::format!("{}", self.status)),
            ("StorePermanently", self.store_permanently.clone()),
        ]
        .into_iter()
        .map(|(n, v)| (String::from(n), v))
        .collect()
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
    ///
    /// ```
    /// use ogone::simulate::{FeedbackSimulator, Transaction};
    /// use ogone::{Amount, HashAlgorithm, ShaOutKey};
    ///
    /// let key = ShaOutKey::new("Another-secret-for-OUT");
    /// let simulator = FeedbackSimulator::new(&key, HashAlgorithm::Sha512);
    /// let tx = Transaction::paid("WEB-1001", "3014726", Amount::from_minor_units(4250)?, "EUR");
    /// let body = simulator.body(&tx)?;
    /// let signature = body.rsplit_once("&SHASIGN=").map(|(_, sig)| sig.len());
    /// assert_eq!(signature, Some(128)); // SHA-512
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(key: &ShaOutKey, algorithm: HashAlgorithm) -> Self {
        FeedbackSimulator {
            signer: Signer::new(key.as_passphrase().clone(), algorithm, Direction::Out),
            transport: TransportCharset::Utf8,
        }
    }

    /// Signs as the platform of `credentials` would for that account: its SHA-OUT key,
    /// algorithm and hashing charset, and the platform's feedback transport
    /// ([`Platform::feedback_transport`](crate::Platform::feedback_transport): Windows-1252 for
    /// ePDQ, ISO-8859-1 for PostFinance).
    ///
    /// ```
    /// use ogone::simulate::{FeedbackSimulator, Transaction};
    /// use ogone::{Amount, Credentials, HashAlgorithm, Platform, ShaInKey, ShaOutKey, VerifiedFeedback};
    ///
    /// let creds = Credentials::new("MyPSPID", ShaInKey::new("Mysecretsig1875!?"),
    ///     ShaOutKey::new("Another-secret-for-OUT"), HashAlgorithm::Sha256)
    ///     .with_platform(Platform::BarclaycardEpdq);
    /// let tx = Transaction::paid("Lefèvre-1", "3014726", Amount::from_minor_units(4250)?, "EUR");
    /// let body = FeedbackSimulator::for_credentials(&creds).body(&tx)?;
    /// assert!(body.starts_with("orderID=Lef%E8vre-1&")); // Windows-1252, as ePDQ posts it
    /// let form = Some("application/x-www-form-urlencoded");
    /// let verifier = creds.feedback_verifier();
    /// VerifiedFeedback::from_request("POST", None, form, body.as_bytes(), &verifier)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn for_credentials(credentials: &Credentials) -> Self {
        FeedbackSimulator::new(credentials.sha_out_key(), credentials.algorithm)
            .with_charset(credentials.charset)
            .with_transport(credentials.platform.feedback_transport(credentials.charset))
    }

    /// Hashes in another charset (ISO-8859-1 accounts).
    ///
    /// ```
    /// use ogone::simulate::Transaction;
    /// use ogone::{Amount, Charset, Error, TransportCharset, VerifiedFeedback};
    ///
    /// # let key = ogone::ShaOutKey::new("Another-secret-for-OUT");
    /// # let simulator =
    /// #     ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512);
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let tx = Transaction::paid("Café-7", "3014726", Amount::from_minor_units(4250)?, "EUR");
    /// let body = simulator.with_charset(Charset::Iso8859_1).body(&tx)?;
    /// let utf8 = VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier);
    /// assert_eq!(utf8, Err(Error::Mismatch)); // the verifier hashes UTF-8
    /// let latin1 = verifier.with_charset(Charset::Iso8859_1);
    /// VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &latin1)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_charset(mut self, charset: Charset) -> Self {
        self.signer = self.signer.with_charset(charset);
        self
    }

    /// Sends the percent-escapes in another charset (PostFinance's ISO-8859-1, ePDQ's
    /// Windows-1252).
    ///
    /// ```
    /// use ogone::simulate::Transaction;
    /// use ogone::{Amount, TransportCharset, VerifiedFeedback};
    ///
    /// # let key = ogone::ShaOutKey::new("Another-secret-for-OUT");
    /// # let simulator =
    /// #     ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512);
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let amount = Amount::from_minor_units(4250)?;
    /// let mut tx = Transaction::paid("WEB-1001", "3014726", amount, "EUR");
    /// tx.extra.push(("CN".into(), "Zoë".into()));
    /// let body = simulator.with_transport(TransportCharset::Windows1252).body(&tx)?;
    /// assert!(body.contains("CN=Zo%EB")); // ë is one byte, 0xEB
    /// let feedback =
    ///     VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Windows1252, &verifier)?;
    /// assert_eq!(feedback.get("CN"), Some("Zoë"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_transport(mut self, transport: TransportCharset) -> Self {
        self.transport = transport;
        self
    }

    /// Signs with another list (FlexCheckout SHA-OUT for FlexCheckout redirects).
    ///
    /// ```
    /// use ogone::{FlexCheckoutFeedback, ListKind, TransportCharset};
    ///
    /// # let key = ogone::ShaOutKey::new("Another-secret-for-OUT");
    /// # let simulator =
    /// #     ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512);
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let fields = [("Alias.AliasId", "A1"), ("Alias.Status", "0"), ("Card.Brand", "VISA")]
    ///     .map(|(name, value)| (name.to_string(), value.to_string()));
    /// let query = simulator.with_list(ListKind::FlexCheckoutOut).body_of(&fields)?;
    /// let feedback =
    ///     FlexCheckoutFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(feedback.alias_id(), Some("A1"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    #[must_use]
    pub fn with_list(mut self, list: ListKind) -> Self {
        self.signer = self.signer.with_list(list);
        self
    }

    /// Sorts as a peer with another order would.
    ///
    /// ```
    /// use ogone::simulate::Transaction;
    /// use ogone::{Amount, Error, SortOrder, TransportCharset, VerifiedFeedback};
    ///
    /// # let key = ogone::ShaOutKey::new("Another-secret-for-OUT");
    /// # let simulator =
    /// #     ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512);
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// // SCO_CATEGORY and SCORING sort differently by bytes and in Ingenico order.
    /// let amount = Amount::from_minor_units(4250)?;
    /// let mut tx = Transaction::paid("WEB-1001", "3014726", amount, "EUR");
    /// tx.extra.push(("SCO_CATEGORY".into(), "G".into()));
    /// tx.extra.push(("SCORING".into(), "1".into()));
    /// let body = simulator.with_order(SortOrder::Byte).body(&tx)?;
    /// let ingenico = VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &verifier);
    /// assert_eq!(ingenico, Err(Error::Mismatch));
    /// let byte = verifier.with_order(SortOrder::Byte);
    /// VerifiedFeedback::parse(body.as_bytes(), TransportCharset::Utf8, &byte)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_order(mut self, order: SortOrder) -> Self {
        self.signer = self.signer.with_order(order);
        self
    }

    /// The form-encoded feedback for `tx`: the same text serves as the query string of a redirect
    /// (after `?`) and as the body of a server-to-server POST.
    ///
    /// ```
    /// use ogone::simulate::Transaction;
    /// use ogone::{Amount, Error};
    ///
    /// # let key = ogone::ShaOutKey::new("Another-secret-for-OUT");
    /// # let simulator =
    /// #     ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512);
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let amount = Amount::from_minor_units(4250)?;
    /// let mut tx = Transaction::paid("WEB-1001", "3014726", amount, "EUR");
    /// assert!(simulator.body(&tx)?.contains("&STATUS=9&"));
    /// tx.extra.push(("orderid".into(), "WEB-1002".into()));
    /// assert_eq!(simulator.body(&tx), Err(Error::DuplicateName("ORDERID".into())));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateName`] when `tx.extra` repeats a name, [`Error::Unencodable`] for a
    /// character the hashing or transport charset cannot carry.
    pub fn body(&self, tx: &Transaction) -> Result<String, Error> {
        self.body_of(&tx.fields())
    }

    /// The Alias Gateway's redirect for `result`, signed over the Alias Gateway SHA-OUT list
    /// (whatever list this simulator was set to).
    ///
    /// ```
    /// use ogone::simulate::{AliasResult, FeedbackSimulator};
    /// use ogone::{AliasGatewayFeedback, FeedbackVerifier, HashAlgorithm, ShaOutKey, TransportCharset};
    ///
    /// let key = ShaOutKey::new("Another-secret-for-OUT");
    /// let query = FeedbackSimulator::new(&key, HashAlgorithm::Sha256)
    ///     .alias_gateway_body(&AliasResult::ok("A1", "WEB-1"))?;
    /// let verifier = FeedbackVerifier::new(&key, HashAlgorithm::Sha256);
    /// let result = AliasGatewayFeedback::parse(query.as_bytes(), TransportCharset::Utf8, &verifier)?;
    /// assert_eq!(result.alias(), Some("A1"));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`FeedbackSimulator::body`].
    pub fn alias_gateway_body(&self, result: &AliasResult) -> Result<String, Error> {
        self.clone()
            .with_list(ListKind::AliasGatewayOut)
            .body_of(&result.fields())
    }

    /// The form-encoded feedback for any parameters, names as given, `SHASIGN` appended.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Params, Passphrase, Signer, TransportCharset};
    ///
    /// # let key = ogone::ShaOutKey::new("Another-secret-for-OUT");
    /// # let simulator =
    /// #     ogone::simulate::FeedbackSimulator::new(&key, ogone::HashAlgorithm::Sha512);
    /// # let verifier = ogone::FeedbackVerifier::new(&key, ogone::HashAlgorithm::Sha512);
    /// let fields = [("orderID", "12"), ("STATUS", "1"), ("NCERROR", "0")]
    ///     .map(|(name, value)| (name.to_string(), value.to_string()));
    /// let body = simulator.body_of(&fields)?;
    /// assert!(body.starts_with("orderID=12&STATUS=1&NCERROR=0&SHASIGN="));
    /// let params = Params::parse_form(body.as_bytes(), TransportCharset::Utf8)?;
    /// let key = Passphrase::new("Another-secret-for-OUT");
    /// Signer::sha_out(key, HashAlgorithm::Sha512).verify_shasign(&params)?;
    /// # Ok::<(), ogone::Error>(())
    /// ```
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
    use crate::protocol::credentials::FeedbackVerifier;
    use crate::protocol::feedback::flex_checkout::FlexCheckoutFeedback;
    use crate::protocol::feedback::verified::VerifiedFeedback;

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
            Err(Error::DuplicateName("ORDERID".into()))
        );
    }
}
