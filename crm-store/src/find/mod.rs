//! TODO
pub(crate) mod filter_deal_sql;
pub(crate) mod filter_sql;
pub(crate) mod listing;
pub(crate) mod search;
pub(crate) mod views;
