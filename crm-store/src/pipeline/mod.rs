//! TODO
pub(crate) mod history;
pub(crate) mod moves;
pub(crate) mod requests;
