#![doc = include_str!("../README.md")]
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod amount;
mod charset;
mod credentials;
mod diagnose;
#[cfg(feature = "xml")]
mod direct_link_response;
mod endpoint;
mod error;
mod feedback;
mod form;
mod list;
mod list_index;
mod order;
mod params;
mod request;
mod secret;
mod signature;
mod signer;
pub mod simulate;
mod status;
#[cfg(feature = "proptest")]
pub mod strategies;
mod validate;

pub use amount::{Amount, AmountError, MAX_MINOR_UNITS};
pub use charset::{Charset, TransportCharset};
pub use credentials::{
    ApiPassword, ApiUser, CredentialWarning, Credentials, FeedbackVerifier, KeyRole, RequestSigner,
    ShaInKey, ShaOutKey,
};
pub use diagnose::{Combination, Diagnosis, Hint, diagnose};
#[cfg(feature = "xml")]
pub use direct_link_response::{DirectLinkResponse, MAX_DIRECT_LINK_RESPONSE_BYTES};
pub use endpoint::{Environment, Page, Platform};
pub use error::Error;
pub use feedback::{AliasStatus, FeedbackKey, FlexCheckoutFeedback, VerifiedFeedback, dangerous};
pub use form::{MAX_FORM_BYTES, MAX_FORM_PARAMS};
pub use list::{AllowList, DIGITS_PLACEHOLDER, ListKind};
pub use order::SortOrder;
pub use params::Params;
pub use request::{
    AliasGateway, BrowserData, DirectLinkOrder, FlexCheckout, HostedPaymentPage, Maintenance,
    Operation, Query, SignedRequest, ThreeDSecure, flexcheckout_dotted_name,
};
pub use secret::Passphrase;
pub use signature::{HashAlgorithm, Signature, hash_bytes};
pub use signer::{
    Direction, DropReason, Explanation, PASSPHRASE_MARKER, PASSWORD_MARKER, Scheme, Signer,
};
pub use status::{NcError, NcErrorClass, Outcome, Status};
