//! What the two shop examples share (`axum_shop` and `actix_shop` include it with
//! `#[path = "shop/mod.rs"] mod shop;`): their configuration from the environment and their
//! in-memory order store. Only the web framework differs between them.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;

use ogone::{
    Credentials, FeedbackKey, FeedbackVerifier, HashAlgorithm, ShaInKey, ShaOutKey, Status,
    TransportCharset, VerifiedFeedback,
};

use crate::env::env_or;

/// The shop's configuration, from the environment.
pub struct Config {
    pub credentials: Credentials,
    pub verifier: FeedbackVerifier,
    /// `http://host:port`, without a trailing slash.
    pub public_url: String,
}

impl Config {
    /// The configuration of a shop listening on `bound`.
    pub fn from_env(bound: SocketAddr) -> Result<Config, String> {
        let algorithm = env_or("OGONE_ALGORITHM", "sha512")?;
        let algorithm = HashAlgorithm::parse(&algorithm)
            .ok_or_else(|| format!("OGONE_ALGORITHM: unknown algorithm {algorithm:?}"))?;
        let credentials = Credentials::new(
            env_or("OGONE_PSPID", "MyPSPID")?,
            ShaInKey::new(env_or("OGONE_SHA_IN", "Mysecretsig1875!?")?),
            ShaOutKey::new(env_or("OGONE_SHA_OUT", "Another-secret-for-OUT")?),
            algorithm,
        );
        // The platform's transport charset, unless OGONE_TRANSPORT says otherwise.
        let mut verifier = credentials.feedback_verifier();
        if let Ok(transport) = std::env::var("OGONE_TRANSPORT") {
            verifier =
                verifier
                    .with_transport(TransportCharset::parse(&transport).ok_or_else(|| {
                        format!("OGONE_TRANSPORT: unknown charset {transport:?}")
                    })?);
        }
        let public_url = env_or("SHOP_PUBLIC_URL", &format!("http://{bound}"))?
            .trim_end_matches('/')
            .to_string();
        Ok(Config {
            credentials,
            verifier,
            public_url,
        })
    }
}

/// The in-memory store: each order's status by ORDERID, and the feedback already handled.
#[derive(Default)]
pub struct Store {
    orders: HashMap<String, Status>,
    handled: HashSet<FeedbackKey>,
}

impl Store {
    /// Applies a verified feedback: `ok`, `duplicate` or `ignored`; `shop` names the example
    /// in its log lines.
    pub fn apply(
        &mut self,
        feedback: &VerifiedFeedback,
        shop: &str,
    ) -> Result<&'static str, ogone::Error> {
        let order_id = feedback
            .order_id()
            .filter(|id| !id.is_empty())
            .ok_or(ogone::Error::MissingField("ORDERID"))?;
        let (status, amount, key) = (feedback.status()?, feedback.amount()?, feedback.key()?);

        if !self.handled.insert(key.clone()) {
            eprintln!("{shop}: {key}: duplicate, ignored");
            return Ok("duplicate");
        }
        if let Some(&current) = self.orders.get(order_id) {
            if !status.supersedes(current) {
                eprintln!(
                    "{shop}: {key}: order {order_id:?} is at STATUS {}, STATUS {} ignored",
                    current.code(),
                    status.code()
                );
                return Ok("ignored");
            }
        }
        eprintln!(
            "{shop}: {key}: order {order_id:?} STATUS {} ({}), PAYID {}, {} minor units {}",
            status.code(),
            status.meaning(),
            feedback.pay_id().unwrap_or_default(),
            amount.minor_units(),
            feedback.currency().unwrap_or_default(),
        );
        self.orders.insert(order_id.to_string(), status);
        Ok("ok")
    }

    /// The status of the order `order_id`, if any feedback was applied to it.
    pub fn status(&self, order_id: &str) -> Option<Status> {
        self.orders.get(order_id).copied()
    }
}
