//! The managers' queue of duplicate claims (撞单): records set aside at upload because
//! another live customer holds one of their contact keys (`crate::sync::contact_keys`).
//!
//! Files: `queue` (who may see which claims, and the list), `resolve` (merge, reassign,
//! dismiss, each one transaction), `merge` (the claim's rows moved into the owner's
//! customer), `survivor` (the owner's customer filled from the claim's record, and the
//! merge in its timeline).

pub mod merge;
pub mod queue;
pub mod resolve;
pub mod survivor;
