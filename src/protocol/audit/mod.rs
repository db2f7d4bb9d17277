//! Re-verifying archived feedback in bulk: an [`Auditor`] holds several SHA-OUT keys (keys
//! rotate), the lists to try and the transport charsets to try (an archived body cannot say
//! its charset), and gives each stored body a [`Verdict`]: verified (by which key, transport
//! and list, with the signed fields), not authentic, or malformed (with the error); the last
//! two with the fields the body claims, unverified.
//!
//! ```
//! use ogone::audit::{Auditor, Verdict};
//! use ogone::{HashAlgorithm, ShaOutKey};
//!
//! let auditor = Auditor::new()
//!     .with_key(&ShaOutKey::new("Retired-2019-key"), HashAlgorithm::Sha512)
//!     .with_key(&ShaOutKey::new("Mysecretsig1875!?"), HashAlgorithm::Sha1);
//! // Ingenico's e-Commerce guide, SHA-OUT example.
//! let body = b"ACCEPTANCE=1234&amount=15&BRAND=VISA&CARDNO=XXXXXXXXXXXX1111&currency=EUR\
//!     &NCERROR=0&orderID=12&PAYID=32100123&PM=CreditCard&STATUS=9\
//!     &SHASIGN=209113288F93A9AB8E474EA78D899AFDBB874355";
//! let Verdict::Verified(found) = auditor.audit(body) else { panic!("not verified") };
//! assert_eq!((found.key, found.fields.order_id.as_deref()), (1, Some("12")));
//! ```

mod auditor;
mod session;
mod verdict;

pub use auditor::Auditor;
pub use session::AuditSession;
pub use verdict::{AuditList, AuditedFeedback, Claimed, Verdict};
