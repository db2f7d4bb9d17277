#![doc = include_str!("../README.md")]
// docs.rs (`--cfg docsrs`, nightly): feature-gated items show the feature they need.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod charset;
mod error;
#[cfg(feature = "http")]
pub mod integrations;
pub mod order;
mod protocol;
mod signing;
mod testing;
#[cfg(feature = "worldline")]
pub mod worldline;

#[cfg(feature = "worldline")]
pub use testing::direct_stand_in;
pub use testing::simulate;
#[cfg(feature = "worldline")]
pub use testing::simulate_worldline;
#[cfg(feature = "proptest")]
pub use testing::strategies;
#[cfg(all(feature = "proptest", feature = "worldline"))]
pub use testing::worldline_strategies;

pub use charset::{Charset, TransportCharset};
pub use error::{Error, ErrorKind, FieldName};
pub use protocol::amount::{Amount, AmountError, MAX_MINOR_UNITS};
pub use protocol::audit;
pub use protocol::credentials::{
    ApiPassword, ApiUser, CredentialWarning, Credentials, FeedbackVerifier, KeyRole, RequestSigner,
    ShaInKey, ShaOutKey,
};
pub use protocol::diagnose::combination::Combination;
pub use protocol::diagnose::diagnosis::Diagnosis;
pub use protocol::diagnose::hint::Hint;
pub use protocol::diagnose::search::{diagnose, diagnose_feedback, diagnose_request};
#[cfg(feature = "xml")]
pub use protocol::direct_link_response::{DirectLinkResponse, MAX_DIRECT_LINK_RESPONSE_BYTES};
pub use protocol::endpoint::{Environment, Page, Platform};
pub use protocol::feedback::alias_gateway::AliasGatewayFeedback;
pub use protocol::feedback::alias_status::AliasStatus;
pub use protocol::feedback::dangerous;
pub use protocol::feedback::flex_checkout::FlexCheckoutFeedback;
pub use protocol::feedback::key::FeedbackKey;
pub use protocol::feedback::verified::{AmountCheckError, FeedbackSummary, VerifiedFeedback};
pub use protocol::request::direct_link::{
    BrowserData, DirectLinkOrder, Maintenance, Query, ThreeDSecure,
};
pub use protocol::request::hosted_page::HostedPaymentPage;
pub use protocol::request::tokenization::{AliasGateway, FlexCheckout, flexcheckout_dotted_name};
pub use protocol::request::{
    BrowserForm, HtmlFormOptions, Operation, ServerToServer, SignedRequest,
};
pub use protocol::status::{NcError, NcErrorClass, Outcome, PaymentState, Status};
pub use signing::builtin_lists::{DIGITS_PLACEHOLDER, ListKind};
pub use signing::direction::Direction;
pub use signing::form::{MAX_FORM_BYTES, MAX_FORM_PARAMS};
pub use signing::list::AllowList;
pub use signing::name::MAX_NAME_BYTES;
pub use signing::order::SortOrder;
pub use signing::params::Params;
pub use signing::scan::signing_session::SigningSession;
pub use signing::secret::{PASSPHRASE_MARKER, PASSWORD_MARKER, Passphrase, REDACTED_MARKER};
pub use signing::signature::{HashAlgorithm, Signature, hash_bytes};
pub use signing::signer::{DropReason, Explanation, Scheme, Signer};
