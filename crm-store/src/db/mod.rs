//! TODO
pub(crate) mod backup;
pub(crate) mod connection;
pub(crate) mod ids;
#[cfg(test)]
pub(crate) mod query_plan;
pub(crate) mod rows;
pub(crate) mod schema;
pub(crate) mod time;
pub(crate) mod transactions;
