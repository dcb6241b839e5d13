//! Following up (客户跟进与互动, the manual's module 2): what was said to a customer, when to
//! get in touch next and how the consultant is reminded, how hot the customer is, what the
//! consultant says, and the customer's whole history in one view.
//!
//! - `record`: follow-up records (跟进记录): method, type, what was said, the feedback;
//! - `follow_up_patch`: [`FollowUpPatch`], an edit of a follow-up;
//! - `attachment`: an attachment's reference (附件: brochures, posters, quotes);
//! - `ids`: [`FollowUpId`] and [`PlanId`];
//! - `plan`: the next follow-up's plan (下次跟进计划) and its moves;
//! - `plan_time`: [`PlanTime`], due at an instant or on a local date;
//! - `intent_level`: [`IntentLevel`] (意向级别 H/A/B/C …);
//! - `cadence`: how often each level is contacted and how fast a new lead must be
//!   (跟进周期, [`CadenceConfig`]);
//! - `reminder`: when and how a plan reminds the consultant (跟进提醒);
//! - `agenda`: the day's agenda (今日待办);
//! - `template`: message templates (话术模板) and their placeholders;
//!   `starter_templates`: the built-in set (内置话术);
//! - `timeline`: the customer's history (客户历史), one [`TimelineEntry`] per change;
//!   `field_change`: what an edit changed, field by field ([`diff`], [`diff_follow_ups`]).

mod agenda;
mod attachment;
mod cadence;
pub(crate) mod field_change;
mod follow_up_patch;
mod ids;
mod intent_level;
mod plan;
mod plan_time;
mod record;
mod reminder;
mod starter_templates;
mod template;
mod timeline;

#[cfg(feature = "proptest")]
pub(crate) mod strategies;

pub use agenda::{
    agenda, urgency, AgendaCareTask, AgendaCustomer, AgendaFacts, AgendaItem, AgendaReason,
    AgendaStanding,
};
pub use attachment::Attachment;
pub use cadence::{
    cadence_due, CadenceConfig, CadenceDue, MAX_CADENCE_DAYS, MAX_FIRST_RESPONSE_MINUTES,
};
pub use field_change::{diff, diff_follow_ups, FieldChange, FieldValue, MAX_CHANGE_VALUE_CHARS};
pub use follow_up_patch::FollowUpPatch;
pub use ids::{FollowUpId, PlanId};
pub use intent_level::IntentLevel;
pub(crate) use plan::ahead_date;
pub use plan::{NewPlan, Plan, PlanChange, PlanError, PlanPatch, PlanStatus, PlanStatusKind};
pub use plan_time::PlanTime;
pub use record::{
    earliest_follow_up, FollowUp, FollowUpKind, FollowUpMethod, FollowUpRecord, NewFollowUp,
};
pub use reminder::{
    reminder_for, reminders_between, Reminder, ReminderChannel, ReminderConfig, ReminderId,
    MAX_LEAD_MINUTES,
};
pub use starter_templates::starter_templates;
pub use template::{
    escape, MessageTemplate, NewTemplate, Placeholder, Segment, Template, TemplateError,
    TemplateLanguage, TemplatePurpose, TemplateValues,
};
pub use timeline::{TimelineEntry, TimelineRecord};
