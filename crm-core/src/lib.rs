//! # crm-core: the domain of a car salesperson's customer book
//!
//! Pure Rust: the types a dealership CRM is made of (customers, contacts, source channels,
//! tags, importance) and the rules that keep them valid and comparable (validation,
//! phone / e-mail / WeChat normalisation). No SQL, no FFI, no I/O, and no clock reads: where a
//! rule needs "now" the caller passes it in (see [`Clock`]).
//!
//! The usual flow: an app fills a [`NewCustomer`], [`NewCustomer::validate`] turns it into a
//! normalised [`CustomerProfile`] or a [`ValidationError`] naming the field and the rule broken,
//! and a store (see the `crm-store` crate) persists the profile as a [`Customer`].
//!
//! With the `proptest` feature, [`strategies`] exports proptest strategies for these types.

mod clock;
mod code;
mod contact;
mod customer;
mod error;
mod filter;
mod ids;
mod limits;
mod merge;
mod patch;
mod phone;
pub mod search;
mod source;
mod summary;
mod tag;
mod text;
mod view;

#[cfg(feature = "proptest")]
pub mod strategies;

pub use clock::{Clock, ManualClock};
pub use code::Code;
pub use contact::{Contact, ContactInput, ContactKind};
pub use customer::{AgeBand, Customer, CustomerProfile, Gender, Importance, NewCustomer, Region};
pub use error::{Rule, ValidationError};
pub use filter::{ArchivedFilter, CustomerFilter, LastContactFilter, Sort, SortKey, CHANNEL_KINDS};
pub use ids::CustomerId;
pub use limits::Limits;
pub use patch::CustomerPatch;
pub use phone::{normalize_phone, PhoneKind};
pub use source::{FirstContact, SourceChannel};
pub use summary::CustomerSummary;
pub use tag::tag_key;
pub use view::{view_name, ListColumn, SavedView, ViewDefinition, MAX_VIEW_COLUMNS, MAX_VIEW_NAME};
