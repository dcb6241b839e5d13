//! The command line: global options, commands and their arguments (clap derive).

use chrono::{DateTime, Utc};
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A car dealership's customer book, in one SQLite file.
///
/// Exit codes: 0 success, 2 invalid input (or usage), 3 not found, 4 conflict or duplicate,
/// 1 anything else.
#[derive(Debug, Parser)]
#[command(name = "crm", version)]
pub struct Cli {
    /// The database file. `demo` and `customer add` create it when missing.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        default_value = "dealer-crm.sqlite3"
    )]
    pub db: PathBuf,

    /// Print results as JSON on stdout (errors stay one line on stderr).
    #[arg(long, global = true)]
    pub json: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill an empty database with a generated dealership, then print its overview.
    Demo(DemoArgs),
    /// Print the overview of the database: customers by channel, importance, consultant,
    /// top tags and the newest customers.
    Overview,
    /// Add, show, list, edit, archive, restore, delete, merge customers; check contacts for
    /// duplicates.
    #[command(subcommand)]
    Customer(CustomerCommand),
    /// Find a customer by name, pinyin (full, prefix, initials), phone digits (any 4 or
    /// more), WeChat ID or e-mail: best matches first.
    Search(SearchArgs),
    /// Saved views: a named filter and sort, kept in the database.
    #[command(subcommand)]
    View(ViewCommand),
    /// Follow-ups (跟进记录): log one (it closes the open plan and may set the next), list,
    /// show, edit, delete.
    #[command(subcommand)]
    Followup(FollowupCommand),
    /// A customer's follow-up plan (下次跟进计划): show, set, reschedule, cancel, done.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// A consultant's agenda (今日待办) for a date: overdue and due plans, first responses
    /// owed, customers due by their intent level's cadence; most urgent first.
    Agenda(AgendaArgs),
    /// The reminders that fire in a window, or the reminder ids added and cancelled since a
    /// sync token.
    Reminders(RemindersArgs),
    /// A customer's history (客户历史), newest first.
    Timeline(TimelineArgs),
    /// Message templates (话术模板): list, add, render for a customer, delete.
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Show the dealership's settings, or change its time zone, name and address.
    Settings(SettingsArgs),
    /// Delivered cars (已交车辆): record one, list a customer's.
    #[command(subcommand)]
    Car(CarCommand),
    /// Care tasks (客户关怀): generate a window's, list, done, skip, snooze.
    #[command(subcommand)]
    Care(CareCommand),
    /// Record an odometer reading (里程) of a customer's car.
    Odometer(OdometerArgs),
    /// Show or change a customer's consent to be contacted, per channel (营销同意).
    Consent(ConsentArgs),
    /// The care rules, as JSON: show, set.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Vehicle intents (购车意向): add, list, edit, remove.
    #[command(subcommand)]
    Intent(IntentCommand),
    /// Move a customer forward in the pipeline (销售漏斗), or show where they stand.
    Stage(StageArgs),
    /// Ask a manager to mark a customer lost (战败申请), with a reason.
    Lost(LostArgs),
    /// Ask a manager to put a customer to sleep (休眠申请), with a reason.
    Dormant(DormantArgs),
    /// A manager approves a customer's lost or dormant request.
    Approve(ApproveArgs),
    /// A manager rejects a customer's lost or dormant request (back to their stage,
    /// optionally to another consultant).
    Reject(RejectArgs),
    /// Bring a lost or dormant customer back into the pipeline.
    Reopen(ReopenArgs),
    /// The lost and dormant requests awaiting a manager, oldest first.
    Requests(RequestsArgs),
    /// Orders (订单): place, list, cancel, set the VIN.
    #[command(subcommand)]
    Order(OrderCommand),
    /// Deliver an order (交车): the customer is won and their car recorded.
    Deliver(DeliverArgs),
    /// Store visits and test drives (到店 / 试驾): schedule, done, no-show, list.
    #[command(subcommand)]
    Visit(VisitCommand),
    /// The dealership's model catalogue (车型库): load from JSON, list.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
    /// Reports (报表) for a period: funnel, channels, lost, consultants, intents; a table,
    /// CSV (`--csv`) or records (`--json`).
    #[command(subcommand)]
    Report(Box<crate::report_cmd::ReportCommand>),
    /// Copy the whole book into one new file (consistent, also while another program
    /// writes to it); the copy opens as a complete book.
    Backup {
        /// The file to write; it must not exist yet.
        file: PathBuf,
    },
    /// Bring an older book's schema up to this version (read commands never change the
    /// file, so they refuse a book that needs it).
    Upgrade,
}

pub use crate::cli_care::{CarCommand, CareCommand, ConsentArgs, OdometerArgs, RulesCommand};
pub use crate::cli_pipeline::{
    ApproveArgs, CatalogueCommand, DeliverArgs, DormantArgs, IntentCommand, LostArgs, OrderCommand,
    RejectArgs, ReopenArgs, RequestsArgs, StageArgs, VisitCommand,
};

pub use crate::cli_follow::{
    AgendaArgs, FollowupCommand, PlanCommand, RemindersArgs, SettingsArgs, TemplateCommand,
    TimelineArgs,
};

/// `crm search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: `张三`, `zs`, `zhangsan`, `5678`, `138 1234`, `zhangsan88`.
    pub query: String,
    /// At most this many hits (1 to 200).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u32,
    /// Include archived customers.
    #[arg(long)]
    pub archived: bool,
}

/// `crm demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many customers to generate.
    #[arg(long, value_name = "N", default_value_t = 2_000,
          value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub customers: u64,

    /// Give every N-th customer a follow-up history (1: everyone). Each follow-up is one
    /// transaction (about 1 ms), so the default keeps it to about 20,000 customers: every
    /// customer up to 20,000, every 10th of 200,000.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub follow_up_every: Option<u64>,

    /// The generator's seed: the same seed (and anchor) gives the same customers.
    #[arg(long, value_name = "S", default_value_t = 42)]
    pub seed: u64,

    /// Customers are created in the 18 months before this instant (RFC 3339, not in the
    /// future). Default: now.
    #[arg(long, value_name = "RFC3339")]
    pub anchor: Option<DateTime<Utc>>,
}

/// `crm customer ...`.
#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Add a customer. The first contact given (phone, else WeChat, else e-mail) is the
    /// primary one.
    Add(Box<AddArgs>),
    /// Show one customer in full.
    Show {
        /// The customer's id.
        id: String,
    },
    /// List customers: newest first, or filtered, sorted and paged.
    List(Box<ListArgs>),
    /// Change a customer: only the options given change.
    Edit(Box<EditArgs>),
    /// Archive a customer: hidden from the default list, kept whole.
    Archive(VersionedId),
    /// Bring an archived customer back.
    Restore(VersionedId),
    /// Delete a customer for good, with contacts and tags.
    Delete {
        /// The customer's id.
        id: String,
    },
    /// Merge two records of one person: OTHER's contacts and tags join KEEP's, KEEP's fields
    /// win and OTHER's fill the gaps; OTHER is deleted.
    Merge {
        /// The customer that stays.
        keep: String,
        /// The customer merged in and removed.
        other: String,
    },
    /// Which customers already have these contacts (撞单), before adding someone.
    CheckDuplicates(CheckArgs),
    /// Set the customer's intent level (意向级别): N (new), H (within 7 days), A (15),
    /// B (30), C (2-3 months), O (ordered).
    Intent {
        /// The customer's id.
        id: String,
        /// N, H, A, B, C or O.
        level: String,
        /// Fail with a conflict unless the customer is still at this version (default: the
        /// version read just before).
        #[arg(long, value_name = "V")]
        expect_version: Option<u64>,
    },
}

/// `crm customer check-duplicates`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("contact").args(["phone", "landline", "wechat", "email"]).required(true).multiple(true)))]
pub struct CheckArgs {
    /// Mobile phone, as typed.
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// Landline (座机) with its area code, as typed.
    #[arg(long, value_name = "PHONE")]
    pub landline: Option<String>,
    /// WeChat ID.
    #[arg(long, value_name = "ID")]
    pub wechat: Option<String>,
    /// E-mail address.
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
}

/// `crm customer add`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("mark").args(["important", "key"])))]
pub struct AddArgs {
    /// Name (姓名).
    #[arg(long)]
    pub name: String,
    /// Mobile phone, as typed: `138 1234 5678`, `+86 138...`.
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// Landline (座机) with its area code, as typed: `010-6552 9988`, `+86 21 5012 3456`.
    #[arg(long, value_name = "PHONE")]
    pub landline: Option<String>,
    /// WeChat ID (微信号).
    #[arg(long, value_name = "ID")]
    pub wechat: Option<String>,
    /// E-mail address.
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
    /// Gender: male, female or unspecified (男 / 女).
    #[arg(long, value_name = "G")]
    pub gender: Option<String>,
    /// Birthday, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub birthday: Option<String>,
    /// Occupation.
    #[arg(long)]
    pub occupation: Option<String>,
    /// Region as PROVINCE/CITY/DISTRICT (later parts optional): `浙江省/杭州市/西湖区`.
    #[arg(long, value_name = "P/C/D")]
    pub region: Option<String>,
    /// Source channel: walk-in (default), online:PLATFORM (or just 汽车之家, 懂车帝, 易车,
    /// 品牌官网), referral:NAME, hotline, auto-show, event, repeat, other:TEXT.
    #[arg(long, value_name = "CHANNEL")]
    pub source: Option<String>,
    /// A tag (标签); repeat for several.
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Mark the customer important (重要客户).
    #[arg(long)]
    pub important: bool,
    /// Mark the customer a key customer (重点客户).
    #[arg(long)]
    pub key: bool,
    /// The owning consultant's id.
    #[arg(long, value_name = "O")]
    pub owner: Option<String>,
    /// Notes.
    #[arg(long)]
    pub notes: Option<String>,
    /// Add even when a contact already belongs to another customer (撞单).
    #[arg(long)]
    pub allow_duplicate: bool,
}

/// `crm customer list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Which customers.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// In which order.
    #[command(flatten)]
    pub sort: SortArgs,
    /// Which page.
    #[command(flatten)]
    pub page: PageArgs,
    /// Print only how many customers match.
    #[arg(long, conflicts_with_all = ["facets", "after"])]
    pub count: bool,
    /// Print how many matching customers have each channel, tag, importance, owner and
    /// online platform.
    #[arg(long, conflicts_with = "after")]
    pub facets: bool,
}

/// Which customers: the filter options of `customer list` and `view save`. Options combine
/// with AND; an option repeated matches any of its values (except `--all-tags`).
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("archive_state").args(["archived", "only_archived"])))]
#[command(group(
    ArgGroup::new("last_contact").args(["contacted_within", "not_contacted_for", "never_contacted"])
))]
pub struct FilterArgs {
    /// Source channel: walk-in, online, referral, hotline, auto-show, event, repeat, other
    /// (or the stored names); repeat for any of several.
    #[arg(long = "channel", value_name = "KIND")]
    pub channels: Vec<String>,
    /// Online platform the lead came from (汽车之家, 懂车帝 ...); repeat for any of several.
    #[arg(long = "platform", value_name = "NAME")]
    pub platforms: Vec<String>,
    /// Has this tag; repeat for any of several.
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Has this tag; repeat to require all of them.
    #[arg(long = "all-tags", value_name = "T")]
    pub all_tags: Vec<String>,
    /// Importance: normal, important or key (普通 / 重要 / 重点); repeat for any of several.
    #[arg(long = "importance", value_name = "LEVEL")]
    pub importance: Vec<String>,
    /// Owned by this consultant; repeat for any of several.
    #[arg(long = "owner", value_name = "ID")]
    pub owners: Vec<String>,
    /// Include archived customers.
    #[arg(long)]
    pub archived: bool,
    /// Only archived customers.
    #[arg(long)]
    pub only_archived: bool,
    /// Created at or after: RFC 3339, or YYYY-MM-DD (from the start of that day, local time).
    #[arg(long, value_name = "WHEN")]
    pub created_from: Option<String>,
    /// Created before: RFC 3339, or YYYY-MM-DD (to the end of that day, local time).
    #[arg(long, value_name = "WHEN")]
    pub created_to: Option<String>,
    /// Last contacted within the last DAYS days.
    #[arg(long, value_name = "DAYS")]
    pub contacted_within: Option<u32>,
    /// Contacted before, but not for DAYS days.
    #[arg(long, value_name = "DAYS")]
    pub not_contacted_for: Option<u32>,
    /// Never contacted.
    #[arg(long)]
    pub never_contacted: bool,
    /// When the next follow-up (the pending plan) is due.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub next_follow_up: Option<NextFollowUpArg>,
    /// Birthday in month M (1-12); repeat for any of several.
    #[arg(long = "birthday-month", value_name = "M")]
    pub birthday_months: Vec<u32>,
    /// Province, exactly (浙江省).
    #[arg(long, value_name = "P")]
    pub province: Option<String>,
    /// City, exactly (杭州市).
    #[arg(long, value_name = "C")]
    pub city: Option<String>,
    /// District, exactly (西湖区).
    #[arg(long, value_name = "D")]
    pub district: Option<String>,
    /// Also matching this quick search (see `crm search --help`).
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
    /// Intent level, pipeline status, intended vehicle, budget, trade-in, lost reason,
    /// order and delivery dates.
    #[command(flatten)]
    pub deal: crate::filter_deal::DealFilterArgs,
}

/// The order of a list.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("direction").args(["asc", "desc"])))]
pub struct SortArgs {
    /// Sort by this key (default: created).
    #[arg(long, value_enum, value_name = "KEY")]
    pub sort: Option<SortBy>,
    /// Smallest first (the default for `--sort name` and `--sort next-follow-up`).
    #[arg(long)]
    pub asc: bool,
    /// Largest first: newest, most recently contacted, most important (the default, except
    /// for `--sort name`).
    #[arg(long)]
    pub desc: bool,
}

/// What a list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    /// Creation time.
    Created,
    /// Last contact (never contacted counts as oldest).
    LastContact,
    /// Importance, then creation time.
    Importance,
    /// Name, Chinese names in pinyin order.
    Name,
    /// When the pending plan is due, soonest first (customers without one last).
    NextFollowUp,
}

/// When the next follow-up is due, in the dealership's local days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NextFollowUpArg {
    /// Overdue now.
    Overdue,
    /// Due today.
    Today,
    /// Due this week (Monday to Sunday).
    ThisWeek,
    /// No pending plan.
    NoPlan,
}

/// One page of a list.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// At most this many customers (1 to 10000).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u32,
    /// Continue after this cursor: the `next:` line (on stderr) of the previous page, with
    /// the same options.
    #[arg(long, value_name = "CURSOR")]
    pub after: Option<String>,
}

/// `crm view ...`.
#[derive(Debug, Subcommand)]
pub enum ViewCommand {
    /// Save a view: a name, the filter and sort options of `customer list`, and columns.
    Save(Box<SaveViewArgs>),
    /// List the saved views, by name.
    List,
    /// List the customers a view shows, in its order.
    Run {
        /// The view's name (any case) or id.
        view: String,
        /// Which page.
        #[command(flatten)]
        page: PageArgs,
    },
    /// Rename a view.
    Rename {
        /// The view's name (any case) or id.
        view: String,
        /// The new name.
        new_name: String,
    },
    /// Delete a view (the customers stay).
    Delete {
        /// The view's name (any case) or id.
        view: String,
    },
}

/// `crm view save`.
#[derive(Debug, Args)]
pub struct SaveViewArgs {
    /// The view's name (unique, ignoring case; at most 40 characters).
    pub name: String,
    /// Which customers.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// In which order.
    #[command(flatten)]
    pub sort: SortArgs,
    /// A list column an app shows, in order: name, primary-contact, gender, channel, tags,
    /// importance, owner, region, birthday, created, last-contact.
    #[arg(long = "column", value_name = "C")]
    pub columns: Vec<String>,
}

/// An id and the version the caller last saw.
#[derive(Debug, Args)]
pub struct VersionedId {
    /// The customer's id.
    pub id: String,
    /// Fail with a conflict unless the customer is still at this version (default: the
    /// version read just before).
    #[arg(long, value_name = "V")]
    pub expect_version: Option<u64>,
}

/// `crm customer edit`. An empty value clears an optional field (`--notes ""`).
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("mark").args(["important", "key", "normal"])))]
pub struct EditArgs {
    /// The customer and the version expected.
    #[command(flatten)]
    pub target: VersionedId,
    /// New name.
    #[arg(long)]
    pub name: Option<String>,
    /// New mobile phone (replaces the first mobile contact, or adds one).
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// New landline with its area code (replaces the first, or adds one; empty removes it).
    #[arg(long, value_name = "PHONE")]
    pub landline: Option<String>,
    /// New WeChat ID (replaces the first, or adds one; empty removes it).
    #[arg(long, value_name = "ID")]
    pub wechat: Option<String>,
    /// New e-mail address (replaces the first, or adds one; empty removes it).
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
    /// New gender.
    #[arg(long, value_name = "G")]
    pub gender: Option<String>,
    /// New birthday, YYYY-MM-DD (empty clears it).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub birthday: Option<String>,
    /// New occupation.
    #[arg(long)]
    pub occupation: Option<String>,
    /// New region, PROVINCE/CITY/DISTRICT.
    #[arg(long, value_name = "P/C/D")]
    pub region: Option<String>,
    /// New source channel (see `customer add --help`).
    #[arg(long, value_name = "CHANNEL")]
    pub source: Option<String>,
    /// Replace the tags with these; repeat for several (`--tag ""` clears them).
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Add a tag, keeping the others.
    #[arg(long = "add-tag", value_name = "T")]
    pub add_tags: Vec<String>,
    /// Remove a tag (matched without regard to case or width).
    #[arg(long = "remove-tag", value_name = "T")]
    pub remove_tags: Vec<String>,
    /// Mark important.
    #[arg(long)]
    pub important: bool,
    /// Mark key customer.
    #[arg(long)]
    pub key: bool,
    /// Remove the mark.
    #[arg(long)]
    pub normal: bool,
    /// New notes.
    #[arg(long)]
    pub notes: Option<String>,
    /// New owning consultant.
    #[arg(long, value_name = "O")]
    pub owner: Option<String>,
    /// Save even when a new contact already belongs to another customer.
    #[arg(long)]
    pub allow_duplicate: bool,
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
