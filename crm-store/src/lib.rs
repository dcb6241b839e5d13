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
//!
//! ## Where things are
//!
//! `src/` holds a folder per feature, with the same names as in `crm-core`, the bindings
//! and the CLI; each folder's `mod.rs` says which file holds what. The [`Store`]'s methods
//! live with their feature (each file an `impl Store` block); everything public is
//! re-exported here.
//!
//! - `customer/`: customers, duplicates (撞单), merges, imports, the search index.
//! - `find/`: filters, list pages, counts and facets, saved views, quick search.
//! - `follow_up/`: follow-ups, plans and reminders, intent levels, the agenda, message
//!   templates, the timeline.
//! - `vehicle/`: vehicle intents, the catalogue, orders and deliveries, visits.
//! - `deal/`: deals (销售机会): a customer's deals, opening one, the team's deal rules, the
//!   customer's current deal.
//! - `pipeline/`: stage moves of a deal, lost and dormant requests, the stage history.
//! - `pool/`: the public pool (公海): its customers, claims checked against the team's
//!   rules, releases, assignments, a manager's transfers through the server.
//! - `report/`: the managers' reports.
//! - `care/`: delivered cars, odometer readings, consent, care rules, care runs and tasks.
//! - `privacy/`: personal data on request: everything about one customer as one document.
//! - `audit/`: who did what: the author and device of each timeline entry, the deletions
//!   log, blanking a customer's timeline values.
//! - `settings/`: the dealership's settings.
//! - `spreadsheet/`: customer sheets imported (CSV, Excel) with a row-by-row report;
//!   imports listed and undone.
//! - `sync/`: sync with the dealership's server: the device id, the upload queue
//!   (outbox), applying downloads.
//! - `team/`: the team's rules on the device: writes the book's user's role does not allow
//!   are refused ([`StoreError::Forbidden`]).
//! - `db/`: what every feature stands on: connections and transactions, the schema and
//!   migrations, stored values (codes, instants, dates, ids), backups; and how copied
//!   columns are kept in step (by triggers).
//! - `store.rs`: the [`Store`] itself (opening, batches, the clock) and the backfills each
//!   feature hands the migrations; `error.rs`: [`StoreError`].

mod audit;
mod care;
mod customer;
mod db;
mod deal;
mod error;
mod export;
mod find;
mod follow_up;
mod pipeline;
mod pool;
mod privacy;
mod report;
mod settings;
mod spreadsheet;
mod store;
mod sync;
mod team;
mod vehicle;

/// The schema and its migrations: the version this library writes, the checks a file's
/// version goes through, and the schema as text for comparing books. Each migration moves
/// the schema one version up, in the same IMMEDIATE transaction as the `PRAGMA
/// user_version` that records it; released migrations never change (a change is a new
/// file), and `tests/schemas/vN.sql` keeps a frozen copy of each released schema.
pub mod schema {
    pub use crate::db::schema::{
        check_is_book, check_not_newer, schema_dump, schema_version, SCHEMA_VERSION,
    };
    pub use crate::store::migrate;
}

pub use audit::deletions::DeletionPage;
pub use care::odometer::OdometerRecord;
pub use care::run::CareRunSummary;
pub use care::summary::CareKindCount;
pub use care::tasks::CareTaskQuery;
pub use customer::duplicates::{DuplicateContact, DuplicateHolder, WriteOptions};
pub use customer::import::CustomerImport;
#[cfg(feature = "encryption")]
pub use db::encryption::BookKey;
pub use error::{Result, StorageFailure, StoreError};
pub use export::calendar::CalendarExport;
pub use export::customer_rows::{ExportSelection, EXPORT_PAGE_SIZE};
pub use export::customers_csv::UTF8_BOM;
pub use export::workbook::display_width;

/// The domain crate this store speaks, re-exported so that a program needs only
/// `crm-store` (its `chrono` is `crm_store::crm_core::chrono`).
pub use crm_core;
pub use crm_core::search::MatchTier;
pub use find::listing::{
    CustomerPage, CustomerQuery, FacetCount, Facets, ListQuery, MAX_PAGE_SIZE,
};
pub use find::search::{SearchHit, SearchOptions, MAX_SEARCH_LIMIT};
pub use follow_up::import::FollowUpImport;
pub use follow_up::reminder_log::ReminderChanges;
pub use follow_up::timeline::TimelinePage;
pub use pipeline::requests::PendingRequest;
pub use privacy::erase::Erasure;
pub use privacy::erased_orders::ErasedOrder;
pub use privacy::export::{
    CarExport, CustomerExport, MergedCustomer, CUSTOMER_EXPORT_FORMAT, CUSTOMER_EXPORT_VERSION,
};
pub use privacy::retention::RetentionRun;
/// The SQLite binding in [`StoreError::Sqlite`] and [`schema::migrate`]'s signature,
/// re-exported so that a caller matches on it without depending on it (the same version).
pub use rusqlite;
pub use settings::dealership::{Settings, StoreInfo};
pub use spreadsheet::follow_ups::FollowUpSheetReport;
pub use spreadsheet::report::{
    DuplicatePolicy, ImportError, ImportOptions, ImportProgress, ImportRecord, ImportReport,
    UndoReport,
};
pub use spreadsheet::source::SheetInput;
pub use store::{Store, SystemClock};
pub use sync::acknowledge::SyncRejection;
pub use sync::apply::DownloadSummary;
pub use sync::columns::{entity_columns, EntityColumns, ENTITY_COLUMNS};
pub use sync::lost_writes::RejectionKind;
#[cfg(feature = "http")]
pub use sync::transport::SyncSummary;

/// The README's Rust example, compiled and run as a doctest.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeExample;
