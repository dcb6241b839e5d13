//! Finding customers (客户查询): quick search (快速查找) by name, pinyin, phone digits,
//! WeChat ID or e-mail; the filtered, sorted, paged customer list with its counts and facets;
//! saved views (保存的视图), a named filter and sort kept in the book.
//!
//! - `args.rs`: the clap definitions of `crm search`, the filter, sort and page options of
//!   `crm customer list` (also used by `crm view save` and `crm report`), `crm view ...`.
//! - `search.rs`: `crm search`.
//! - `list.rs`: `crm customer list` (a page, `--count` or `--facets`).
//! - `view.rs`: `crm view ...`.
//! - `filter.rs`: the filter and sort options to a `CustomerFilter` and a `Sort`, and back
//!   to options; list columns.
//! - `deal_filter.rs`: the deal options of the filter (intent level, pipeline status,
//!   vehicle, budget, trade-in, lost reason, order and delivery dates), both ways.
//! - `facets.rs`: facet counts of a filter (`customer list --facets`).
//! - `text.rs`: a page of customers, search hits, facets and saved views as text.

pub mod args;
mod deal_filter;
mod facets;
pub mod filter;
mod list;
mod search;
pub mod text;
mod view;

pub use list::list;
pub use search::search;
pub use view::{find as find_view, view};
