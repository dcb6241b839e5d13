//! Who did what (操作记录): the deletions log. (Each timeline entry's author and device are
//! shown by `crm timeline`.)
//!
//! - `args.rs`: the clap definition of `crm deletions`.
//! - `deletions.rs`: `crm deletions`.
//! - `text.rs`: the deletions log as text.

pub mod args;
mod deletions;
mod text;

pub use deletions::deletions;
