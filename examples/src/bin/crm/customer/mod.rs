//! (regrouped; documented in the next commit)

pub mod duplicates;
pub mod run;
pub mod text;
