//! Aids for users' tests: the feedback simulator, (feature `worldline`) the verifier for
//! stand-ins of the Worldline Direct API and the webhook simulator, and (feature `proptest`)
//! the proptest strategies, of Worldline events too with `worldline`. They sit on top of
//! everything else and nothing in the library imports them.

#[cfg(feature = "worldline")]
pub mod direct_stand_in;
pub mod simulate;
#[cfg(feature = "worldline")]
pub mod simulate_worldline;
#[cfg(feature = "proptest")]
pub mod strategies;
#[cfg(all(feature = "proptest", feature = "worldline"))]
pub mod worldline_strategies;
