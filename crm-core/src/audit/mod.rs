//! Who did what (操作记录): the log of records that left the book.
//!
//! A customer's own history is their timeline ([`crate::TimelineRecord`], with the author
//! and the device of every change); it goes when the customer goes. What outlives the
//! customer is a [`Deletion`]: which record left, how (deleted, merged into another,
//! erased), by whom, on which device and when — and nothing of the personal data it held.
//!
//! Files: `deletion` ([`Deletion`], [`DeletionKind`], [`DeletedEntity`]).

mod deletion;

pub use deletion::{DeletedEntity, Deletion, DeletionKind, DeletionUpload};
