//! Following up (客户跟进与互动): what was said to a customer, when to get in touch next and
//! how the consultant is reminded, how hot the customer is, what the consultant says, and the
//! customer's whole history in one view.
//!
//! - [`record`]: follow-up records (跟进记录): `NewFollowUp`, `FollowUp`, `FollowUpMethod`,
//!   `FollowUpKind`; log, get, list and delete.
//! - [`attachment`]: `Attachment` (附件), a file's reference.
//! - [`patch`]: `FollowUpPatch` and `FollowUpField`; `update_follow_up`.
//! - [`plan`]: the next follow-up's plan (下次跟进计划): `NewPlan`, `Plan`, `PlanTime`,
//!   `PlanStatus`, `PlanPatch`; set, reschedule, update, cancel, complete.
//! - [`intent_level`]: `IntentLevel` (意向级别 N/H/A/B/C/O), `set_intent_level`, and its
//!   history (`IntentLevelChange`).
//! - [`reminder`]: `Reminder`, `ReminderChannel`, `ReminderChanges`; what to schedule, and
//!   the sync of the app's schedule.
//! - [`agenda`]: the day's agenda (今日待办): `AgendaItem`, `AgendaReason`.
//! - [`template`]: message templates (话术模板): `MessageTemplate`, `NewTemplate`; list,
//!   add, update, delete, render.
//! - [`timeline`]: the customer's history (客户历史): `TimelineEntry`, `TimelineRecord`,
//!   `TimelinePage`; [`field_change`]: `FieldChange` and `FieldValue`, an edit field by
//!   field.
//! - [`import`]: `FollowUpImport`; `import_follow_ups`.

pub mod agenda;
pub mod attachment;
pub mod field_change;
pub mod import;
pub mod intent_level;
pub mod patch;
pub mod plan;
pub mod record;
pub mod reminder;
pub mod template;
pub mod timeline;
