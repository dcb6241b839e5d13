//! (regrouped; documented in the next commit)

pub mod args;
pub mod consent;
pub mod run;
pub mod text;
