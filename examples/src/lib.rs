//! # crm-examples: dealer-crm used as a user would use it
//!
//! This crate holds programs built on the public APIs of `crm-core` and `crm-store`:
//!
//! - the `crm` command-line tool (`src/bin/crm/`), which manages a customer book in a SQLite
//!   file and can fill one with a demo dealership;
//! - [`generator`], a deterministic generator of realistic dealership customers that the tool
//!   and the benchmarks share.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! let anchor = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap();
//! let first: Vec<_> = crm_examples::generator::generate(42, 3, anchor).collect();
//! let again: Vec<_> = crm_examples::generator::generate(42, 3, anchor).collect();
//! assert_eq!(first[0].customer, again[0].customer);
//! ```

pub mod generator;
