//! Finding customers (查找客户): filters on many dimensions at once, sorts, keyset pages
//! of list rows with counts and facets, saved views (常用视图), and quick search by name,
//! pinyin or phone.
//!
//! - `listing.rs`: list pages, counts and facets, and the page-size check every paged
//!   list shares.
//! - `filter_sql.rs`: a filter compiled into bound SQL; `filter_deal_sql.rs`: its deal
//!   dimensions (intent, pipeline, orders).
//! - `views.rs`: saved views; `search.rs`: quick search over `search_terms`.
//! - `id_prefix.rs`: customers by the first characters of their id.

pub(crate) mod filter_deal_sql;
pub(crate) mod filter_sql;
pub(crate) mod id_prefix;
pub(crate) mod listing;
pub(crate) mod search;
pub(crate) mod views;
