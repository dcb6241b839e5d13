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
//! Files: [`custom`] (custom types), [`records`], [`enums`], [`error`], `convert` (the
//! conversions to and from the domain), [`store`] (the exported object).

uniffi::setup_scaffolding!();

mod convert;
pub mod custom;
pub mod enums;
pub mod error;
pub mod records;
pub mod store;

pub use custom::Timestamp;
pub use enums::{AgeBand, ContactKind, CustomerField, Gender, Importance, SourceChannel};
pub use error::CrmError;
pub use records::{
    CalendarDate, Contact, ContactInput, Customer, CustomerPage, CustomerPatch, CustomerSummary,
    FirstContact, ListQuery, NewCustomer, Region,
};
pub use store::CrmStore;
