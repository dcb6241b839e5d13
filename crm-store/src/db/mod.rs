//! TODO
pub(crate) mod backup;
pub(crate) mod connection;
pub(crate) mod ids;
#[cfg(test)]
pub(crate) mod query_plan;
pub mod schema;
pub(crate) mod time;
