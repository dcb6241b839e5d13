//! (regrouped; documented in the next commit)

pub mod args;
pub mod input;
pub mod intent;
pub mod order;
pub mod text;
pub mod visit;
