//! TODO
pub(crate) mod catalogue;
pub(crate) mod intents;
pub(crate) mod orders;
pub(crate) mod visits;
