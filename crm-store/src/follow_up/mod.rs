//! TODO
pub(crate) mod agenda;
pub(crate) mod follow_ups;
pub(crate) mod import;
pub(crate) mod intent_level;
pub(crate) mod plans;
pub(crate) mod reminder_log;
pub(crate) mod templates;
pub(crate) mod timeline;
