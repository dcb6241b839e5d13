//! (regrouped; documented in the next commit)

pub mod deal_filter;
pub mod facets;
pub mod filter;
pub mod list;
pub mod search;
pub mod view;
