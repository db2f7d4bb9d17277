//! The mismatch diagnoser: "unknown order/1/s", or a feedback that does not verify, turned into
//! one call that tries every way the sender may have signed, and says what differs and which
//! side should change: the signer of a request, the verifier of feedback.
//!
//! Its parts: [`combination`] (the combinations tried), [`search`] (trying them all),
//! [`findings`] (what differs when something matched), [`causes`] (the likely causes when
//! nothing did), [`hint`] (one finding and its sentence) and [`diagnosis`] (the answer).

pub(crate) mod causes;
pub(crate) mod combination;
pub(crate) mod diagnosis;
pub(crate) mod findings;
pub(crate) mod hint;
pub(crate) mod search;
