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

mod agenda_store;
mod backup;
mod care_facts;
mod care_rules_store;
mod care_schedule;
mod care_services;
mod care_store;
mod care_summary;
mod care_v9;
mod cars_store;
mod catalogue_store;
mod connection;
mod consent_store;
mod customers;
mod duplicates;
mod error;
mod filter_deal_sql;
mod filter_sql;
mod follow_up_import;
mod follow_ups;
mod ids;
mod intents_store;
mod listing;
mod merge;
mod orders_store;
mod pipeline_store;
mod plans;
#[cfg(test)]
mod query_plan;
mod reminder_log;
mod reports;
mod rows;
pub mod schema;
mod search;
mod search_index;
mod settings;
mod store;
mod templates_store;
mod time;
mod timeline_store;
mod views;
mod visits_store;

pub use care_store::{CareRunSummary, CareTaskQuery};
pub use care_summary::CareKindCount;
pub use cars_store::OdometerRecord;
pub use customers::CustomerImport;
pub use duplicates::{DuplicateContact, WriteOptions};
pub use error::{Result, StoreError};
pub use follow_up_import::FollowUpImport;
pub use listing::{CustomerPage, CustomerQuery, FacetCount, Facets, ListQuery, MAX_PAGE_SIZE};
pub use pipeline_store::PendingRequest;
pub use reminder_log::ReminderChanges;
pub use search::{SearchHit, SearchOptions, MAX_SEARCH_LIMIT};
pub use settings::{Settings, StoreInfo};
pub use store::{Store, SystemClock};
pub use timeline_store::TimelinePage;

/// The README's Rust example, compiled and run as a doctest.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeExample;
