//! Following up (客户跟进): logging follow-ups (跟进记录), each customer's next plan
//! (下次跟进计划), a consultant's agenda for the day (今日待办), the reminders a phone
//! schedules, a customer's history (客户历史), and message templates (话术模板).
//!
//! - `args.rs`: the clap definitions of `crm follow-up`, `plan`, `agenda`, `reminders`,
//!   `timeline` and `template`.
//! - `run.rs`: `crm follow-up ...` (add, list, show, edit, delete).
//! - `plan.rs`: `crm plan ...`.
//! - `agenda.rs`: `crm agenda`, and the demo's glimpse of the busiest agenda.
//! - `reminders.rs`: `crm reminders`.
//! - `timeline.rs`: `crm timeline`.
//! - `template.rs`: `crm template ...`.
//! - `input.rs`: option values to methods, types, intent levels and times (`When`).
//! - `text.rs`: follow-ups, plans, the agenda, reminders and templates as text.
//! - `timeline_text.rs`: the timeline as text: who, which device, what, old → new.

pub mod agenda;
pub mod args;
pub mod input;
mod plan;
mod reminders;
mod run;
mod template;
pub mod text;
mod timeline;
pub mod timeline_text;

pub use agenda::agenda;
pub use plan::plan;
pub use reminders::reminders;
pub use run::follow_up;
pub use template::template;
pub use timeline::timeline;
