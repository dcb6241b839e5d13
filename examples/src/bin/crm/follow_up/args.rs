//! The command line of following up: follow-ups, plans, the agenda, reminders, the
//! timeline and templates (clap derive).

use crate::term::flags::FieldFlag;
use clap::{ArgGroup, Args, Subcommand};

/// `crm follow-up ...`.
#[derive(Debug, Subcommand)]
pub enum FollowUpCommand {
    /// Log a follow-up with a customer: it closes their open plan, and `--next` sets the
    /// next one.
    Add(Box<FollowUpAddArgs>),
    /// A customer's follow-ups, newest first.
    List {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
    },
    /// One follow-up in full.
    Show {
        /// The follow-up's id.
        id: String,
    },
    /// Change a follow-up: only the options given change.
    Edit(Box<FollowUpEditArgs>),
    /// Delete a follow-up (a plan it carried out stays done).
    Delete {
        /// The follow-up's id.
        id: String,
    },
}

/// `crm follow-up add`.
#[derive(Debug, Args)]
pub struct FollowUpAddArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// How: phone, wechat, visit, sms, email, video, other (or 电话, 微信, 面谈 ...).
    #[arg(long, value_name = "METHOD")]
    pub method: String,
    /// What about: first-contact, needs, presentation, invitation, test-drive,
    /// negotiation, order, after-sales, other (or 初次接触, 需求了解, 车型介绍, 邀约到店, 试驾,
    /// 价格洽谈, 订车, 售后回访).
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: String,
    /// When it happened: `now` (default), RFC 3339, or `YYYY-MM-DD HH:MM` in the
    /// dealership's time zone. Not in the future.
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// What was said (主要沟通内容).
    #[arg(long, value_name = "TEXT")]
    pub said: String,
    /// The customer's feedback (客户反馈).
    #[arg(long, value_name = "TEXT")]
    pub feedback: Option<String>,
    /// Problems met (遇到的问题).
    #[arg(long, value_name = "TEXT")]
    pub problems: Option<String>,
    /// Questions the customer asked (客户疑问).
    #[arg(long, value_name = "TEXT")]
    pub questions: Option<String>,
    /// The consultant who followed up (default: the customer's owner).
    #[arg(long, value_name = "CONSULTANT")]
    pub by: Option<String>,
    /// The next plan.
    #[command(flatten)]
    pub next: NextPlanArgs,
}

/// The plan a follow-up sets.
#[derive(Debug, Args)]
pub struct NextPlanArgs {
    /// When to follow up next: a date (`YYYY-MM-DD`, `today`, `tomorrow`, `+3d`) or a time
    /// (`YYYY-MM-DD HH:MM` in the dealership's zone, RFC 3339).
    #[arg(long = "next", value_name = "WHEN_OR_DATE")]
    pub next_time: Option<String>,
    /// How (default: the follow-up's method).
    #[arg(long = "next-method", value_name = "METHOD", requires = "next_time")]
    pub next_method: Option<String>,
    /// Why (required with `--next`): `确认周六试驾`.
    #[arg(long = "next-purpose", value_name = "TEXT", requires = "next_time")]
    pub next_purpose: Option<String>,
    /// What to say or bring.
    #[arg(long = "next-content", value_name = "TEXT", requires = "next_time")]
    pub next_content: Option<String>,
}

/// `crm follow-up edit`. An empty value clears an optional text (`--feedback ""`).
#[derive(Debug, Args)]
pub struct FollowUpEditArgs {
    /// The follow-up's id.
    pub id: String,
    /// Fail with a conflict unless the follow-up is still at this version (default: the
    /// version read just before).
    #[arg(long, value_name = "V")]
    pub expect_version: Option<u64>,
    /// New method.
    #[arg(long, value_name = "METHOD")]
    pub method: Option<String>,
    /// New type.
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// New time.
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// New content.
    #[arg(long, value_name = "TEXT")]
    pub said: Option<String>,
    /// New feedback.
    #[arg(long, value_name = "TEXT")]
    pub feedback: Option<String>,
    /// New problems.
    #[arg(long, value_name = "TEXT")]
    pub problems: Option<String>,
    /// New questions.
    #[arg(long, value_name = "TEXT")]
    pub questions: Option<String>,
}

/// `crm plan ...`: a customer's pending plan.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// The customer's pending plan (with `--all`, every plan, oldest first).
    Show {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
        /// Every plan, done and cancelled ones too.
        #[arg(long)]
        all: bool,
    },
    /// Set a plan for a customer who has none pending.
    Set {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
        /// When: a date or a time (see `follow-up add --help`, `--next`).
        #[arg(long, value_name = "WHEN_OR_DATE")]
        at: String,
        /// How.
        #[arg(long, value_name = "METHOD", default_value = "phone")]
        method: String,
        /// Why.
        #[arg(long, value_name = "TEXT")]
        purpose: String,
        /// What to say or bring.
        #[arg(long, value_name = "TEXT")]
        content: Option<String>,
    },
    /// Move the customer's pending plan.
    Reschedule {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
        /// The new date or time.
        #[arg(long, value_name = "WHEN_OR_DATE")]
        to: String,
        /// Why (客户出差).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// Fail with a conflict unless the plan is at this version.
        #[arg(long, value_name = "V")]
        expect_version: Option<u64>,
    },
    /// Change the pending plan's method, purpose or content (its time moves with
    /// `reschedule`); an empty `--content ""` clears the content.
    Edit {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
        /// New method.
        #[arg(long, value_name = "METHOD")]
        method: Option<String>,
        /// New purpose.
        #[arg(long, value_name = "TEXT")]
        purpose: Option<String>,
        /// New content.
        #[arg(long, value_name = "TEXT")]
        content: Option<String>,
        /// Fail with a conflict unless the plan is at this version.
        #[arg(long, value_name = "V")]
        expect_version: Option<u64>,
    },
    /// Cancel the customer's pending plan.
    Cancel {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
        /// Why (required): `客户已在别家购车`.
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Fail with a conflict unless the plan is at this version.
        #[arg(long, value_name = "V")]
        expect_version: Option<u64>,
    },
    /// Mark the customer's pending plan done without logging a follow-up.
    Done {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
        /// Fail with a conflict unless the plan is at this version.
        #[arg(long, value_name = "V")]
        expect_version: Option<u64>,
    },
}

/// `crm agenda`.
#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// The day (default: today in the dealership's time zone).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The consultant; repeat for several (default: every consultant who owns customers).
    #[arg(long = "owner", value_name = "ID")]
    pub owners: Vec<String>,
    /// The customers nobody owns (the public pool, 公海) instead, or as well with `--owner`.
    #[arg(long)]
    pub unassigned: bool,
    /// Show at most this many items (the counts cover all).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: u32,
}

/// `crm reminders`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("window").args(["from", "to"]).multiple(true).conflicts_with("since")))]
pub struct RemindersArgs {
    /// From this instant (default: now): RFC 3339, `YYYY-MM-DD HH:MM` or a date, in the
    /// dealership's time zone.
    #[arg(long, value_name = "T")]
    pub from: Option<String>,
    /// Up to this instant, excluded (default: 24 hours after `--from`).
    #[arg(long, value_name = "T")]
    pub to: Option<String>,
    /// Instead: the reminder ids added and cancelled since this sync token (`0` for all
    /// since the database began; the answer carries the next token).
    #[arg(long, value_name = "TOKEN")]
    pub since: Option<String>,
    /// Only the reminders of this consultant's customers (what their phone schedules).
    #[arg(long, value_name = "ID", conflicts_with = "since")]
    pub owner: Option<String>,
}

/// `crm timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// At most this many entries (1 to 10000).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u32,
    /// Continue after this cursor (the `next:` line of the previous page).
    #[arg(long, value_name = "CURSOR")]
    pub after: Option<String>,
}

/// `crm template ...`.
#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// The starter templates (both languages) and your own.
    List,
    /// Save a template of your own: placeholders in braces, `{customer_name}` or `{客户姓名}`.
    Add {
        /// Its name.
        #[arg(long)]
        name: String,
        /// greeting, invitation, quote_follow_up, care or other.
        #[arg(long, default_value = "other")]
        purpose: String,
        /// zh or en.
        #[arg(long, default_value = "zh")]
        language: String,
        /// The text.
        #[arg(long)]
        body: String,
    },
    /// Render a template for a customer: the name, the greeting (欧阳女士, Mr Zhang: from
    /// name and gender), the owner, the store and the pending plan's date and time filled
    /// in; `--set` gives the rest and overrides these.
    Render {
        /// A starter template's key (`invitation.test_drive`) or your template's id.
        template: String,
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
        /// The starter template's language: zh or en.
        #[arg(long, default_value = "zh")]
        language: String,
        /// A value: `model=途观L`, `客户称呼=张先生`; repeat for several.
        #[arg(long = "set", value_name = "NAME=VALUE")]
        values: Vec<String>,
    },
    /// Change one of your templates: only the options given change (starter templates are
    /// read-only: copy one with `add`).
    Edit {
        /// The template's id.
        id: String,
        /// A new name.
        #[arg(long)]
        name: Option<String>,
        /// A new purpose: greeting, invitation, quote_follow_up, care or other.
        #[arg(long)]
        purpose: Option<String>,
        /// A new language: zh or en.
        #[arg(long)]
        language: Option<String>,
        /// A new text.
        #[arg(long)]
        body: Option<String>,
    },
    /// Delete one of your templates.
    Delete {
        /// The template's id.
        id: String,
    },
}

/// The fields of following up the options name otherwise (see `term/flags.rs`).
pub const FIELD_FLAGS: &[FieldFlag] = &[
    FieldFlag::new("follow-up", "content", "--said"),
    FieldFlag::new("follow-up add", "consultant", "--by"),
    FieldFlag::new("plan set", "time", "--at"),
    FieldFlag::new("template render", "values", "--set {}=VALUE"),
    FieldFlag::new("plan reschedule", "time", "--to"),
];
