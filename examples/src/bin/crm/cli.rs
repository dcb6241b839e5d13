//! The command line: the global options and the commands (clap derive). Each command's
//! arguments are defined in its feature's `args.rs`.

use crate::audit::args::DeletionsArgs;
use crate::care::args::{CarCommand, CareCommand, ConsentArgs, OdometerArgs, RulesCommand};
use crate::customer::args::CustomerCommand;
use crate::deal::args::DealCommand;
use crate::demo::DemoArgs;
use crate::duplicates::args::DuplicatesCommand;
use crate::export::args::ExportCommand;
use crate::find::args::{SearchArgs, ViewCommand};
use crate::follow_up::args::{
    AgendaArgs, FollowUpCommand, PlanCommand, RemindersArgs, TemplateCommand, TimelineArgs,
};
use crate::pipeline::args::{
    ApproveArgs, DormantArgs, LostArgs, RejectArgs, ReopenArgs, RequestsArgs, StageArgs,
};
use crate::pool::args::{AssignArgs, PoolCommand, TransferArgs};
use crate::privacy::args::RetentionCommand;
use crate::report::args::ReportCommand;
use crate::settings::args::SettingsArgs;
use crate::spreadsheet::args::{ImportCommand, ImportsCommand};
use crate::sync::args::SyncCommandArgs;
use crate::term::lang::Lang;
use crate::vehicle::args::{
    CatalogueCommand, DeliverArgs, IntentCommand, OrderCommand, VisitCommand,
};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::sync::LazyLock;

/// What `crm --version` prints: the tool's version and the book schema version it reads and
/// writes (`crm upgrade` brings an older book up to it).
static VERSION: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{} (book schema version {})",
        env!("CARGO_PKG_VERSION"),
        crm_store::schema::SCHEMA_VERSION
    )
});

/// A car dealership's customer book, in one SQLite file.
///
/// Exit codes: 0 success, 2 invalid input (or usage, or a customer several match), 3 not
/// found, 4 conflict or duplicate, 1 anything else.
#[derive(Debug, Parser)]
#[command(name = "crm", version = VERSION.as_str())]
pub struct Cli {
    /// The database file (also from the environment: CRM_DB). `demo` and `customer add`
    /// create it when missing.
    #[arg(
        long,
        global = true,
        env = "CRM_DB",
        value_name = "PATH",
        default_value = "dealer-crm.sqlite3"
    )]
    pub db: PathBuf,

    /// The key of an encrypted book (also from the environment: CRM_KEY_FILE): a file
    /// holding the 256-bit key as 32 bytes or 64 hexadecimal digits. For `encrypt`, the key
    /// the book is encrypted with.
    #[arg(long, global = true, env = "CRM_KEY_FILE", value_name = "FILE")]
    pub key_file: Option<PathBuf>,

    /// Print results as JSON on stdout (errors stay one line on stderr; a customer several
    /// match also prints the candidates as JSON on stdout).
    #[arg(long, global = true)]
    pub json: bool,

    /// The language of labels, table headings and money in readable output: zh or en.
    /// Default: LANG's when it is Chinese or English, else zh. JSON and CSV keep codes.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,

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
    #[command(subcommand, alias = "followup")]
    FollowUp(FollowUpCommand),
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
    /// The customers deleted, erased or merged away on this book (删除记录), newest first:
    /// who, which device, when, why an erasure was made; none of their personal data.
    Deletions(DeletionsArgs),
    /// The retention rule (保留期限): erase customers lost or dormant for longer than N
    /// months (off by default): run it now (`--dry-run` lists only), or set it.
    #[command(subcommand)]
    Retention(RetentionCommand),
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
    /// Deals (销售机会): open a new one for a customer (a repeat purchase, a replacement,
    /// a referral, an additional car), list a customer's, show one.
    #[command(subcommand)]
    Deal(DealCommand),
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
    Report(Box<ReportCommand>),
    /// Take the data out (导出): customers to CSV or Excel, the reports to one workbook, a
    /// consultant's plans, visits and care tasks to a calendar file (.ics).
    #[command(subcommand)]
    Export(Box<ExportCommand>),
    /// Copy the whole book into one new file (consistent, also while another program
    /// writes to it); the copy opens as a complete book.
    Backup {
        /// The file to write; it must not exist yet.
        file: PathBuf,
    },
    /// Bring an older book's schema up to this version (read commands never change the
    /// file, so they refuse a book that needs it).
    Upgrade,
    /// Encrypt a plain book in place with the key of `--key-file` (SQLCipher, AES-256):
    /// an encrypted copy is written beside it, checked, and put in its place. From then on
    /// every command needs `--key-file`.
    Encrypt,
    /// Give an encrypted book (opened with `--key-file`) a new key; the old one no longer
    /// opens it.
    Rekey {
        /// The file holding the new key (32 bytes or 64 hexadecimal digits).
        #[arg(long, value_name = "FILE")]
        new_key_file: PathBuf,
    },
    /// Syncs the book with the dealership's server: sends its changes, takes in the
    /// team's (`--json`: uploaded, downloaded, rejected); `sync rejections` lists what
    /// the server refused, `sync dismiss OP_ID` forgets one.
    Sync(SyncCommandArgs),
    /// The duplicate claims of your team on the dealership's server (撞单; managers and
    /// admins): list, merge, reassign, dismiss.
    #[command(subcommand)]
    Duplicates(DuplicatesCommand),
    /// The public pool (公海): list its customers, claim one, show the team's rules.
    #[command(subcommand)]
    Pool(PoolCommand),
    /// Imports a sheet of customers (导入客户: CSV or Excel) with a row-by-row report, or
    /// undoes an import.
    #[command(subcommand)]
    Import(ImportCommand),
    /// The book's imports.
    #[command(subcommand)]
    Imports(ImportsCommand),
    /// A manager assigns a customer to a consultant (分配); sent at the next sync.
    Assign(AssignArgs),
    /// A manager transfers customers to another consultant (转移): some, a saved view's, or
    /// all of one consultant's; through the server at once, then the book syncs.
    Transfer(TransferArgs),
    /// Print the shell's completion script: `source <(crm completions bash)`, or save it
    /// where the shell looks (`crm completions fish > ~/.config/fish/completions/crm.fish`).
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
}

#[cfg(test)]
mod tests {
    use super::{Cli, Command};
    use crate::follow_up::args::FollowUpCommand;
    use clap::{CommandFactory, Parser};

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn follow_up_keeps_its_old_spelling_as_an_alias() {
        for word in ["follow-up", "followup"] {
            let cli = Cli::try_parse_from(["crm", word, "list", "c1"]).unwrap();
            assert!(
                matches!(
                    cli.command,
                    Command::FollowUp(FollowUpCommand::List { ref customer }) if customer == "c1"
                ),
                "{word}"
            );
        }
        assert!(Cli::try_parse_from(["crm", "follow_up", "list", "c1"]).is_err());
    }
}
