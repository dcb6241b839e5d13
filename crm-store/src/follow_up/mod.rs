//! Following customers up (客户跟进): follow-up records (跟进记录), the next follow-up
//! plan (下次跟进计划) with its reminder, the intent level (意向级别) that sets the
//! cadence, the day's agenda (今日待办), message templates (话术模板) and the customer's
//! timeline (客户历史).
//!
//! - `follow_ups.rs`: logging, editing and deleting follow-ups, with their attachments.
//! - `import.rs`: importing follow-up histories.
//! - `plans.rs`: plans, their due starts and fire times.
//! - `reminder_log.rs`: which reminders changed since a sync token.
//! - `agenda.rs`: a consultant's agenda and the reminders of a window.
//! - `intent_level.rs`: setting the intent level, and its history.
//! - `templates.rs`: the starter and the user's templates, and rendering one.
//! - `timeline.rs`: appending to and paging the timeline.

pub(crate) mod agenda;
pub(crate) mod follow_ups;
pub(crate) mod import;
pub(crate) mod intent_level;
pub(crate) mod plans;
pub(crate) mod reminder_log;
pub(crate) mod templates;
pub(crate) mod timeline;
