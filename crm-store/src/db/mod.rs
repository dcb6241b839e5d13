//! What every feature stands on: the SQLite file and its connections, the schema and its
//! migrations, and how values are stored. Nothing here knows a feature; the features and
//! [`crate::store`] build on it.
//!
//! - `connection.rs`: opening the file (owner-only when new, read-only, a foreign or newer
//!   file refused), pragmas, keeping the write-ahead log small.
//! - `transactions.rs`: the writer and reader connections and the transactions on them
//!   (one operation, one transaction; batches).
//! - `schema.rs`: the migrations (`migrations/*.sql`) and the schema version; each
//!   migration's backfill (what Rust computes that SQL cannot) is a step of the feature
//!   that writes the same columns, handed in by the store.
//! - `rows.rs`: reading stored codes and text from rows; `time.rs`: instants as UTC
//!   milliseconds, dates as `YYYY-MM-DD` text or day numbers; `ids.rs`: UUIDv7 ids.
//! - `backup.rs`: one self-contained copy of a live book (`VACUUM INTO`); `changes.rs`:
//!   noticing commits made through other connections (`Store::data_version`).
//! - `query_plan.rs` (tests only): the planner's plan of a query, for tests that pin an
//!   index.
//!
//! **Copied columns** (a value copied from another row so that a query reads one index
//! range) are kept in step by SQL triggers, never by Rust: a trigger holds whatever writes
//! the source row. A row takes its first copy when it is written; afterwards the triggers
//! of migration 12 keep the customer's owner on their plans and care schedule
//! (`owner_copies_*`) and the customer's archived state and recency on their search terms
//! (`search_copies_on_customer_change`). Triggers also keep the summaries that several
//! kinds of write change: whether and when a customer's plan is due
//! (`plans_pending_*`, `plans_next_due_*`), when the owner was assigned
//! (`customers_assigned_on_owner_change`) and when each funnel stage was first recorded
//! (`stage_records_*`). The summaries one operation changes are written by that operation:
//! the contact times (`follow_up::follow_ups::refresh_contact_times`, which an import runs
//! once per customer instead of once per follow-up), the order columns
//! (`vehicle::orders::refresh_order_columns`), the pipeline state mirrored on the
//! customer's row (`pipeline::moves`) and the columns derived from the profile
//! (`customer::rows`).

pub(crate) mod backup;
pub(crate) mod changes;
pub(crate) mod connection;
#[cfg(feature = "encryption")]
pub(crate) mod encryption;
pub(crate) mod ids;
#[cfg(test)]
pub(crate) mod query_plan;
pub(crate) mod rows;
pub(crate) mod schema;
pub(crate) mod time;
pub(crate) mod transactions;
