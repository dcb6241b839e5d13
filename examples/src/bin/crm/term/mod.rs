//! (regrouped; documented in the next commit)

pub mod cursor;
pub mod input;
pub mod output;
