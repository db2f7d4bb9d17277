//! Aids for users' tests: the feedback simulator, (feature `worldline`) the verifier for
//! stand-ins of the Worldline Direct API, and (feature `proptest`) the proptest
//! strategies. They sit on top of everything else and nothing in the library imports them.

#[cfg(feature = "worldline")]
pub mod direct_stand_in;
pub mod simulate;
#[cfg(feature = "proptest")]
pub mod strategies;
