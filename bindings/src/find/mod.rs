//! Finding customers: quick search (快速查找), filtered lists (高级筛选), facet counts, saved
//! views (保存的视图) and the pages every list returns.
//!
//! - [`search`]: `SearchOptions`, `SearchHit`, `MatchTier`; `search_customers`.
//! - [`filter`]: `CustomerFilter` and its dimensions' enums (`ArchivedFilter`,
//!   `LastContactFilter`, `NextFollowUpFilter`).
//! - [`source_kind`]: `SourceKind`, a source channel without its details, as filters and
//!   facets name it.
//! - [`query`]: `CustomerQuery`, `Sort`, `SortKey`; `query_customers`, `count_matching`.
//! - [`facets`]: `Facets` and their counts; `facet_counts`.
//! - [`views`]: `ViewDefinition`, `SavedView`, `ListColumn`; the saved views' calls.
//! - [`list`]: `ListQuery` and `CustomerPage`; `list_customers`, `count_customers`.

pub mod facets;
pub mod filter;
pub mod list;
pub mod query;
pub mod search;
pub mod source_kind;
pub mod views;
