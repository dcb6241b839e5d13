//! TODO
pub(crate) mod customers;
pub(crate) mod duplicates;
pub(crate) mod import;
pub(crate) mod merge;
pub(crate) mod rows;
pub(crate) mod search_index;
