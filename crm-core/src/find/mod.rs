//! Finding customers (查找客户): quick search by name, pinyin or phone, the advanced filter
//! (高级筛选) over many dimensions at once, sorts, and saved views.
//!
//! - `search`: quick search (快速查找), public as [`crate::search`]: search keys, pinyin with
//!   surname readings, match tiers;
//! - `filter`: [`CustomerFilter`] (the customer dimensions, combined with AND) and [`Sort`];
//! - `filter_deal`: the deal dimensions of the filter (intent level, stage, vehicle, budget,
//!   orders, deliveries) and their checks;
//! - `view`: saved views (保存的视图): a named filter, sort and list columns.

mod filter;
mod filter_deal;
pub mod search;
mod view;

#[cfg(feature = "proptest")]
pub(crate) mod strategies;

pub use filter::{
    ArchivedFilter, CustomerFilter, LastContactFilter, NextFollowUpFilter, Sort, SortKey,
    CHANNEL_KINDS,
};
pub use view::{view_name, ListColumn, SavedView, ViewDefinition, MAX_VIEW_COLUMNS, MAX_VIEW_NAME};
