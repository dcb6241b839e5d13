//! `crm`: a car dealership's customer book on the command line.
//!
//! ```text
//! crm [--db PATH] [--json] demo [--customers N] [--seed S]
//! crm [--db PATH] [--json] overview
//! crm [--db PATH] [--json] customer add|show|list|edit|archive|restore|delete ...
//! crm [--db PATH] [--json] customer merge|check-duplicates ...
//! crm [--db PATH] [--json] search QUERY [--limit N] [--archived]
//! crm [--db PATH] [--json] view save|list|run|rename|delete ...
//! crm [--db PATH] [--json] follow-up add|list|show|edit|delete ...
//! crm [--db PATH] [--json] plan show|set|reschedule|cancel|done CUSTOMER ...
//! crm [--db PATH] [--json] agenda [--date YYYY-MM-DD] [--owner ID]
//! crm [--db PATH] [--json] reminders [--from T --to T | --since TOKEN]
//! crm [--db PATH] [--json] timeline CUSTOMER [--limit N] [--after CURSOR]
//! crm [--db PATH] [--json] deletions [--limit N] [--after CURSOR]
//! crm [--db PATH] [--json] customer erase CUSTOMER --reason TEXT
//! crm [--db PATH] [--json] retention run [--dry-run] / retention set (--months N | --off)
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
//! crm [--db PATH] [--json] pool list|claim CUSTOMER|rules / customer release CUSTOMER
//! crm [--db PATH] [--json] assign CUSTOMER --to USER
//! crm [--db PATH] [--json] transfer --to USER (--customer C ... | --view V | --all-of USER)
//!     --server URL --token TOKEN
//! crm [--db PATH] [--json] import customers FILE [--dry-run] [--on-duplicate skip|update|merge]
//!     [--mapping M.json] [--all-or-nothing] / import follow-ups FILE / import undo ID / imports list
//! crm [--db PATH] [--json] backup FILE / upgrade
//! crm [--db PATH] --key-file K [--json] encrypt / rekey --new-key-file K2
//! crm completions bash|zsh|fish
//! ```
//!
//! `CRM_DB` sets the database like `--db`, `CRM_KEY_FILE` the key of an encrypted book
//! like `--key-file`.
//!
//! The code is grouped by feature, with the folder names of the other crates: `customer/`,
//! `find/`, `follow_up/`, `vehicle/`, `pipeline/`, `report/`, `care/`, `settings/`,
//! `audit/`, `privacy/`, `spreadsheet/`. Each
//! has its clap definitions in `args.rs`, its commands' handlers (`run.rs` for the command
//! named after the folder, else a file named after the command), its option values read in
//! `input.rs` and its readable output in `text.rs`; its `mod.rs` says which file holds
//! what. `term/` holds the terminal I/O they share; `cli.rs` the command enum; [`run`]
//! sends each command to `feature::command`.
//!
//! Results go to stdout (JSON with `--json`); a failure is one line on stderr and an exit
//! code (see `exit.rs`). `main` never panics on input: every error becomes a [`Failure`]
//! there, and a bug that panics anyway is reported in one line with exit code 1.

mod audit;
mod care;
mod cli;
mod completions;
mod customer;
mod database;
mod deal;
mod demo;
mod duplicates;
mod encryption;
mod exit;
mod export;
mod find;
mod follow_up;
mod overview;
mod pipeline;
mod pool;
mod privacy;
mod report;
mod settings;
mod spreadsheet;
mod sync;
mod term;
mod vehicle;

use clap::{CommandFactory, FromArgMatches};
use cli::{Cli, Command};
use exit::Failure;
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;
use term::output::Output;

fn main() -> ExitCode {
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(e) => return exit::usage(&e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return exit::usage(&e.format(&mut Cli::command())),
    };
    // Errors name the flags of the command that ran (`--said`, not `content`).
    let command = term::flags::command_path(&matches);
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
        Ok(Err(failure)) => term::flags::by_flag(failure, &command).report(cli.json),
        Err(_) => ExitCode::FAILURE,
    }
}

/// Runs the command the line names: each feature's handler, `feature::command`.
fn run(cli: &Cli) -> Result<(), Failure> {
    let db = &cli.db;
    let output = Output { json: cli.json };
    if let Some(key_file) = &cli.key_file {
        encryption::use_key_file(key_file)?;
    }
    term::lang::set(term::lang::choose(
        cli.lang,
        std::env::var("LANG").ok().as_deref(),
    ));
    match &cli.command {
        Command::Demo(args) => demo::run(db, args, output),
        Command::Overview => overview::run(db, output),
        Command::Customer(command) => customer::customer(db, command, output),
        Command::Search(args) => find::search(db, args, output),
        Command::View(command) => find::view(db, command, output),
        Command::FollowUp(command) => follow_up::follow_up(db, command, output),
        Command::Plan(command) => follow_up::plan(db, command, output),
        Command::Agenda(args) => follow_up::agenda(db, args, output),
        Command::Reminders(args) => follow_up::reminders(db, args, output),
        Command::Timeline(args) => follow_up::timeline(db, args, output),
        Command::Deletions(args) => audit::deletions(db, args, output),
        Command::Retention(command) => privacy::retention(db, command, output),
        Command::Template(command) => follow_up::template(db, command, output),
        Command::Settings(args) => settings::settings(db, args, output),
        Command::Car(command) => care::car(db, command, output),
        Command::Care(command) => care::care(db, command, output),
        Command::Odometer(args) => care::odometer(db, args, output),
        Command::Consent(args) => care::consent(db, args, output),
        Command::Rules(command) => care::rules(db, command, output),
        Command::Intent(command) => vehicle::intent(db, command, output),
        Command::Deal(command) => deal::deal(db, command, output),
        Command::Stage(args) => pipeline::stage(db, args, output),
        Command::Lost(args) => pipeline::lost(db, args, output),
        Command::Dormant(args) => pipeline::dormant(db, args, output),
        Command::Approve(args) => pipeline::approve(db, args, output),
        Command::Reject(args) => pipeline::reject(db, args, output),
        Command::Reopen(args) => pipeline::reopen(db, args, output),
        Command::Requests(args) => pipeline::requests(db, args, output),
        Command::Order(command) => vehicle::order(db, command, output),
        Command::Deliver(args) => vehicle::deliver(db, args, output),
        Command::Visit(command) => vehicle::visit(db, command, output),
        Command::Catalogue(command) => vehicle::catalogue(db, command, output),
        Command::Backup { file } => database::backup(db, file, output),
        Command::Upgrade => database::upgrade(db, output),
        Command::Encrypt => encryption::encrypt(db, output),
        Command::Rekey { new_key_file } => encryption::rekey(db, new_key_file, output),
        Command::Sync(args) => sync::sync(db, args, output),
        Command::Duplicates(command) => duplicates::duplicates(db, command, output),
        Command::Pool(command) => pool::pool(db, command, output),
        Command::Import(command) => spreadsheet::import(db, command, output),
        Command::Imports(command) => spreadsheet::imports(db, command, output),
        Command::Assign(args) => pool::assign(db, args, output),
        Command::Transfer(args) => pool::transfer(db, args, output),
        Command::Report(command) => report::report(db, command, output),
        Command::Export(command) => export::export(db, command, output),
        Command::Completions { shell } => completions::print(*shell),
    }
}
