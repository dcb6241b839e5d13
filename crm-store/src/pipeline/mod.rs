//! TODO
pub(crate) mod moves;
