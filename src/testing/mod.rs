//! Aids for users' tests: the feedback simulator and (feature `proptest`) the proptest
//! strategies. They sit on top of everything else and nothing in the library imports them.

pub mod simulate;
#[cfg(feature = "proptest")]
pub mod strategies;
