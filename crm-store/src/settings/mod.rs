//! TODO
pub(crate) mod dealership;
pub(crate) mod stored;
