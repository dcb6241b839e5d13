//! (regrouped; documented in the next commit)

pub mod agenda;
pub mod args;
pub mod input;
pub mod plan;
pub mod run;
pub mod template;
pub mod text;
pub mod timeline;
