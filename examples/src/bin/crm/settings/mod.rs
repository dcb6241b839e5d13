//! (regrouped; documented in the next commit)

pub mod run;
