//! Personal data a dealership answers for (PIPL): the rules of erasing a person's data.
//!
//! - `erasure`: the reason an erasure is recorded with ([`erasure_reason`]).
//! - `retention`: the dealership's retention rule ([`RetentionPolicy`]): customers lost or
//!   dormant for longer than a number of months are erased.

mod erasure;
mod retention;

pub use erasure::{erasure_reason, MAX_ERASURE_REASON_CHARS};
pub use retention::{RetentionPolicy, MAX_RETENTION_MONTHS};
