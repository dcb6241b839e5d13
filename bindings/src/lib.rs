//! # crm-bindings: dealer-crm for Kotlin, Swift and Python
//!
//! The only crate that knows uniffi. It holds no business rule: it declares FFI-only
//! records and enums that mirror the `crm-core` types, converts them with `From` / `TryFrom`,
//! and exports one object, [`CrmStore`], whose methods forward to [`crm_store::Store`].
//!
//! | Rust here          | Kotlin                      | Swift              | Python              |
//! |--------------------|-----------------------------|--------------------|---------------------|
//! | [`CrmStore`]       | `CrmStore` (`AutoCloseable`)| `CrmStore`         | `CrmStore`          |
//! | [`CrmError`]       | `CrmException.*`            | `CrmError.*`       | `CrmError.*`        |
//! | [`Timestamp`]      | `java.time.Instant`         | `Date`             | aware `datetime`    |
//! | [`CalendarDate`]   | `CalendarDate`              | `CalendarDate`     | `CalendarDate`      |
//! | `CustomerId`       | `String`                    | `String`           | `str`               |
//!
//! Every call blocks on SQLite: call it from a background thread.
//!
//! Files: [`custom`] (custom types), [`records`] and [`enums`] (customers), [`error`],
//! `convert` (the customers' conversions to and from the domain), [`store`] (the exported
//! object). Each later feature keeps its FFI types and their conversions in one file:
//! [`search`] (quick search), [`filter`], [`source_kind`] and [`query`] (filtered lists),
//! [`facets`], [`views`] (saved views), [`duplicates`] (撞单), [`version`].

uniffi::setup_scaffolding!();

mod convert;
pub mod custom;
pub mod duplicates;
pub mod enums;
pub mod error;
pub mod facets;
pub mod filter;
pub mod query;
pub mod records;
pub mod search;
pub mod source_kind;
pub mod store;
pub mod version;
pub mod views;

pub use custom::Timestamp;
pub use duplicates::{DuplicateContact, WriteOptions};
pub use enums::{AgeBand, ContactKind, CustomerField, Gender, Importance, SourceChannel};
pub use error::CrmError;
pub use facets::{ChannelCount, FacetCount, Facets, ImportanceCount};
pub use filter::{ArchivedFilter, CustomerFilter, LastContactFilter};
pub use query::{CustomerQuery, Sort, SortKey};
pub use records::{
    CalendarDate, Contact, ContactInput, Customer, CustomerPage, CustomerPatch, CustomerSummary,
    FirstContact, ListQuery, NewCustomer, Region,
};
pub use search::{MatchTier, SearchHit, SearchOptions};
pub use source_kind::SourceKind;
pub use store::CrmStore;
pub use version::library_version;
pub use views::{ListColumn, SavedView, ViewDefinition};
