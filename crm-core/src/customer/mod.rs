//! Customers (客户, the manual's module 1): who a person is, how to reach them, where they
//! came from, and the rules that keep a record valid and comparable.
//!
//! - `profile`: [`NewCustomer`] → [`NewCustomer::validate`] → [`CustomerProfile`]; the
//!   stored [`Customer`]; gender, age band, importance (重要程度), region;
//! - `id`: [`CustomerId`];
//! - `contact`: contacts (phone, WeChat, e-mail …) and the key each is matched by;
//! - `phone`: [`normalize_phone`], one key (E.164) for every way of typing a number;
//! - `tag`: tags (标签) and their matching key;
//! - `source`: the source channel (来源) and the first contact (初次接触);
//! - `patch`: [`CustomerPatch`], an edit that names only what changes;
//! - `merge`: merging the records of one person (合并重复客户, 撞单);
//! - `summary`: [`CustomerSummary`], the short form lists show;
//! - `labels`: what the app prints for gender, channel kind and intent level;
//! - `title`: [`customer_title`], how a message addresses the customer (客户称呼).

mod contact;
mod id;
mod labels;
mod merge;
mod patch;
mod phone;
mod profile;
mod source;
mod summary;
mod tag;
mod title;

#[cfg(feature = "proptest")]
pub(crate) mod strategies;

pub use contact::{contact_key, Contact, ContactInput, ContactKind};
pub use id::CustomerId;
pub use labels::{channel_label, Label, CHANNEL_LABELS};
pub use patch::CustomerPatch;
pub(crate) use phone::national_digits;
pub use phone::{normalize_phone, PhoneKind};
pub use profile::{AgeBand, Customer, CustomerProfile, Gender, Importance, NewCustomer, Region};
pub use source::{FirstContact, SourceChannel};
pub use summary::CustomerSummary;
pub use tag::tag_key;
pub use title::customer_title;
