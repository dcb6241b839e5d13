//! # crm-store: dealer-crm's customer book on SQLite
//!
//! One [`Store`] per database file. It owns the schema ([`schema`], versioned in
//! `PRAGMA user_version`), runs every operation in one transaction, and speaks the domain
//! types of `crm-core`. Instants are stored as INTEGER UTC milliseconds, dates as
//! `YYYY-MM-DD`.
//!
//! ```no_run
//! use crm_core::{ContactInput, ContactKind, NewCustomer, SourceChannel};
//! let store = crm_store::Store::open("dealer-crm.sqlite3")?;
//! let new = NewCustomer::new(
//!     "张三",
//!     ContactInput::new(ContactKind::Mobile, "138 1234 5678"),
//!     SourceChannel::ShowroomWalkIn,
//! );
//! let customer = store.create_customer(&new)?;
//! assert_eq!(store.get_customer(&customer.id)?.profile.name, "张三");
//! # Ok::<(), crm_store::StoreError>(())
//! ```

mod care;
mod customer;
pub(crate) mod db;
mod error;
mod find;
mod follow_up;
mod pipeline;
mod report;
mod settings;
mod store;
mod vehicle;

pub use db::schema;

pub use care::cars::OdometerRecord;
pub use care::summary::CareKindCount;
pub use care::tasks::{CareRunSummary, CareTaskQuery};
pub use customer::customers::CustomerImport;
pub use customer::duplicates::{DuplicateContact, WriteOptions};
pub use error::{Result, StoreError};
pub use find::listing::{
    CustomerPage, CustomerQuery, FacetCount, Facets, ListQuery, MAX_PAGE_SIZE,
};
pub use find::search::{SearchHit, SearchOptions, MAX_SEARCH_LIMIT};
pub use follow_up::import::FollowUpImport;
pub use follow_up::reminder_log::ReminderChanges;
pub use follow_up::timeline::TimelinePage;
pub use pipeline::moves::PendingRequest;
pub use settings::dealership::{Settings, StoreInfo};
pub use store::{Store, SystemClock};

/// The README's Rust example, compiled and run as a doctest.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeExample;
