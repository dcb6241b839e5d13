//! TODO
pub(crate) mod dealership;
