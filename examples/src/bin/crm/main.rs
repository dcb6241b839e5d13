//! `crm`: a car dealership's customer book on the command line.
//!
//! ```text
//! crm [--db PATH] [--json] demo [--customers N] [--seed S]
//! crm [--db PATH] [--json] overview
//! crm [--db PATH] [--json] customer add|show|list|edit|archive|restore|delete ...
//! crm [--db PATH] [--json] customer merge|check-duplicates ...
//! crm [--db PATH] [--json] search QUERY [--limit N] [--archived]
//! crm [--db PATH] [--json] view save|list|run|rename|delete ...
//! crm [--db PATH] [--json] followup add|list|show|edit|delete ...
//! crm [--db PATH] [--json] plan show|set|reschedule|cancel|done CUSTOMER ...
//! crm [--db PATH] [--json] agenda [--date YYYY-MM-DD] [--owner ID]
//! crm [--db PATH] [--json] reminders [--from T --to T | --since TOKEN]
//! crm [--db PATH] [--json] timeline CUSTOMER [--limit N] [--after CURSOR]
//! crm [--db PATH] [--json] template list|add|render|delete ...
//! crm [--db PATH] [--json] settings [--zone IANA] [--store-name ..] [--store-address ..]
//! crm [--db PATH] [--json] car add|list CUSTOMER ...
//! crm [--db PATH] [--json] care run [--from DATE] [--through DATE]
//! crm [--db PATH] [--json] care list|done|skip|snooze ...
//! crm [--db PATH] [--json] odometer CUSTOMER KM [--at DATE] [--car ID]
//! crm [--db PATH] [--json] consent CUSTOMER [--grant CH] [--withdraw CH] [--reset CH]
//! crm [--db PATH] rules show|set FILE
//! crm [--db PATH] [--json] intent add|list|edit|remove ...
//! crm [--db PATH] [--json] stage CUSTOMER [STAGE]
//! crm [--db PATH] [--json] lost|dormant CUSTOMER --reason R ...
//! crm [--db PATH] [--json] approve|reject CUSTOMER --manager M ...
//! crm [--db PATH] [--json] reopen CUSTOMER [--to STAGE] / requests [--owner C]
//! crm [--db PATH] [--json] order place|list|cancel|vin ... / deliver ORDER --odometer KM
//! crm [--db PATH] [--json] visit schedule|done|no-show|list ...
//! crm [--db PATH] [--json] catalogue load FILE.json|list
//! crm [--db PATH] [--json] report funnel|channels|lost|consultants|intents [--from D] [--to D]
//!     [--owner C] [--csv]
//! crm [--db PATH] [--json] backup FILE / upgrade
//! ```
//!
//! Results go to stdout (JSON with `--json`); a failure is one line on stderr and an exit
//! code (see `exit.rs`). `main` never panics on input: every error becomes a [`Failure`]
//! there, and a bug that panics anyway is reported in one line with exit code 1.

mod care;
mod cli;
mod customer;
mod database;
mod demo;
mod exit;
mod find;
mod follow_up;
mod overview;
mod pipeline;
mod report;
mod settings;
mod term;
mod vehicle;

use care::consent as consent_cmd;
use care::run as care_cmd;
use care::text as care_text;
use care::args as cli_care;
use customer::duplicates as duplicates_cmd;
use customer::run as customer_cmd;
use customer::text as text;
use find::deal_filter as filter_deal;
use find::facets;
use find::filter;
use find::list as list_cmd;
use find::search as search_cmd;
use find::view as view_cmd;
use follow_up::agenda as agenda_cmd;
use follow_up::args as cli_follow;
use follow_up::input as follow_input;
use follow_up::plan as plan_cmd;
use follow_up::run as followup_cmd;
use follow_up::template as template_cmd;
use follow_up::text as follow_text;
use follow_up::timeline as timeline_cmd;
use pipeline::stage as stage_cmd;
use report::run as report_cmd;
use report::text as report_table;
use settings::run as settings_cmd;
use term::cursor;
use term::input;
use term::output;
use vehicle::args as cli_pipeline;
use vehicle::input as pipeline_input;
use vehicle::intent as intent_cmd;
use vehicle::order as order_cmd;
use vehicle::text as pipeline_text;
use vehicle::visit as visit_cmd;

use clap::Parser;
use cli::{Cli, Command};
use exit::Failure;
use output::Output;
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return exit::usage(&e),
    };
    // A bug must not print a backtrace at the user: one line, exit code 1.
    panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("internal error: {}", message.replace('\n', " "));
    }));
    match panic::catch_unwind(AssertUnwindSafe(|| run(&cli))) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(failure)) => failure.report(),
        Err(_) => ExitCode::FAILURE,
    }
}

/// Runs the command the line names.
fn run(cli: &Cli) -> Result<(), Failure> {
    let output = Output { json: cli.json };
    match &cli.command {
        Command::Demo(args) => demo::run(&cli.db, args, output),
        Command::Overview => overview::run(&cli.db, output),
        Command::Customer(command) => customer_cmd::run(&cli.db, command, output),
        Command::Search(args) => search_cmd::run(&cli.db, args, output),
        Command::View(command) => view_cmd::run(&cli.db, command, output),
        Command::Followup(command) => followup_cmd::run(&cli.db, command, output),
        Command::Plan(command) => plan_cmd::run(&cli.db, command, output),
        Command::Agenda(args) => agenda_cmd::agenda(&cli.db, args, output),
        Command::Reminders(args) => agenda_cmd::reminders(&cli.db, args, output),
        Command::Timeline(args) => timeline_cmd::run(&cli.db, args, output),
        Command::Template(command) => template_cmd::run(&cli.db, command, output),
        Command::Settings(args) => settings_cmd::run(&cli.db, args, output),
        Command::Car(command) => care_cmd::car(&cli.db, command, output),
        Command::Care(command) => care_cmd::care(&cli.db, command, output),
        Command::Odometer(args) => care_cmd::odometer(&cli.db, args, output),
        Command::Consent(args) => consent_cmd::run(&cli.db, args, output),
        Command::Rules(command) => care_cmd::rules(&cli.db, command, output),
        Command::Intent(command) => intent_cmd::run(&cli.db, command, output),
        Command::Stage(args) => stage_cmd::stage(&cli.db, args, output),
        Command::Lost(args) => stage_cmd::lost(&cli.db, args, output),
        Command::Dormant(args) => stage_cmd::dormant(&cli.db, args, output),
        Command::Approve(args) => stage_cmd::approve(&cli.db, args, output),
        Command::Reject(args) => stage_cmd::reject(&cli.db, args, output),
        Command::Reopen(args) => stage_cmd::reopen(&cli.db, args, output),
        Command::Requests(args) => stage_cmd::requests(&cli.db, args, output),
        Command::Order(command) => order_cmd::run(&cli.db, command, output),
        Command::Deliver(args) => order_cmd::deliver(&cli.db, args, output),
        Command::Visit(command) => visit_cmd::run(&cli.db, command, output),
        Command::Catalogue(command) => visit_cmd::catalogue(&cli.db, command, output),
        Command::Backup { file } => database::backup(&cli.db, file, output),
        Command::Upgrade => database::upgrade(&cli.db, output),
        Command::Report(command) => report_cmd::run(&cli.db, command, output),
    }
}
