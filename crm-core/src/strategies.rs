//! Proptest strategies for the domain types (feature `proptest`), one module per feature.
//!
//! # Using them against a real store
//!
//! Every input a store takes is generated for the records it belongs to and as of the
//! instant (or local date) the caller gives, so that a real store accepts every valid value
//! and refuses every near-valid one naming the field the generator returns beside it. The
//! recipe: a store in memory whose clock stands at [`reference_now`], customers created from
//! [`customer::new_customer`], and the dependent inputs generated for the ids the store gave:
//!
//! ```ignore
//! use crm_core::strategies::{customer, follow_up, reference_now};
//! use crm_core::ManualClock;
//! use crm_store::Store;
//! use proptest::prelude::*;
//! use std::sync::Arc;
//!
//! proptest! {
//!     #[test]
//!     fn follow_ups_are_kept(new in customer::new_customer(), seed in any::<u64>()) {
//!         let store = Store::open_in_memory_with_clock(Arc::new(ManualClock::new(reference_now())))?;
//!         let id = store.create_customer(&new)?.id;
//!         // follow_up::new_follow_up(id, reference_now()) generates this customer's follow-ups.
//!     }
//! }
//! ```
//!
//! A strategy that depends on a value generated earlier in the same case is chained with
//! `prop_flat_map`, or run inside the case with a `TestRunner`; `examples/rust` in the
//! repository shows both. Values that carry no record ids (customers, filters, rules) are
//! valid as of any instant after [`REFERENCE_NOW`].
//!
//! Customers' owners are drawn from [`pipeline::CONSULTANTS`]; a book that never synced
//! accepts any owner, a synced one only its user's id unless the user may assign.

/// Customers: names, phones typed every way a consultant types them, contacts, sources,
/// whole new customers, near-valid ones and patches.
pub mod customer {
    pub use crate::customer::strategies::*;
}

/// Finding customers: filters and sorts.
pub mod find {
    pub use crate::find::strategies::*;
}

/// Following up: follow-ups, plans, attachments, intent levels, cadence and reminders.
pub mod follow_up {
    pub use crate::follow_up::strategies::*;
}

/// Vehicles: intents, orders, deliveries, visits, VINs, money and the catalogue.
pub mod vehicle {
    pub use crate::vehicle::strategies::*;
}

/// The pipeline: stages, lost and dormant requests, move scripts and report facts.
pub mod pipeline {
    pub use crate::pipeline::strategies::*;
}

/// Deals: sources, new deals and near-valid ones, the team's deal rules.
pub mod deal {
    pub use crate::deal::strategies::*;
}

/// Care after the sale: rules, delivered customers and cars, readings, consent, windows.
pub mod care {
    pub use crate::care::strategies::*;
}

/// Time: the reference instant, past instants, dealership zones with and without DST.
pub mod time {
    pub use crate::time::strategies::*;
}

pub use crate::time::strategies::{reference_now, REFERENCE_NOW};
