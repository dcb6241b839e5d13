//! The command line of care after the sale (客户关怀): `crm car`, `crm care`, `crm odometer`,
//! `crm consent` and `crm rules` (clap derive).

use crate::term::flags::FieldFlag;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `crm car ...`: delivered cars, the facts care starts from.
#[derive(Debug, Subcommand)]
pub enum CarCommand {
    /// Record a delivered car of a customer (a delivery through the pipeline records it by
    /// itself).
    Add(CarAddArgs),
    /// A customer's cars, by delivery date.
    List {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
    },
    /// A car's odometer readings: list, correct or delete (record one with `crm odometer`).
    #[command(subcommand)]
    Odometer(ReadingCommand),
}

/// `crm car odometer ...`: a car's odometer readings.
#[derive(Debug, Subcommand)]
pub enum ReadingCommand {
    /// A car's readings, oldest first, with their ids.
    List {
        /// The car's id.
        car: String,
    },
    /// Correct a reading (a typo, the wrong day or source); checked like a new one.
    Correct {
        /// The reading's id (`crm car odometer list`).
        id: i64,
        /// The distance shown, in km.
        km: u32,
        /// The day it was read, YYYY-MM-DD. Default: as recorded.
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// Where it came from: service_visit, customer or other. Default: as recorded.
        #[arg(long)]
        source: Option<String>,
    },
    /// Delete a reading (a typo).
    Delete {
        /// The reading's id (`crm car odometer list`).
        id: i64,
    },
}

/// `crm car add`.
#[derive(Debug, Args)]
pub struct CarAddArgs {
    /// The owner's customer id.
    pub customer: String,
    /// The brand (大众).
    #[arg(long)]
    pub brand: String,
    /// The model (ID.4 CROZZ).
    #[arg(long)]
    pub model: String,
    /// The delivery date, YYYY-MM-DD (not after today).
    #[arg(long, value_name = "DATE")]
    pub delivered: String,
    /// The VIN (车架号).
    #[arg(long)]
    pub vin: Option<String>,
    /// The odometer at delivery, in km.
    #[arg(long, value_name = "KM", default_value_t = 0)]
    pub km: u32,
}

/// `crm care ...`: the care tasks.
#[derive(Debug, Subcommand)]
pub enum CareCommand {
    /// Generate the care tasks due in a window for every delivered customer (the same
    /// window again changes nothing).
    Run {
        /// The first due date, YYYY-MM-DD. Default: 30 days ago, so that recent tasks
        /// missed are made too.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The last due date, YYYY-MM-DD. Default: a year from today.
        #[arg(long, value_name = "DATE")]
        through: Option<String>,
    },
    /// List care tasks by due date.
    List(CareListArgs),
    /// Mark a task done with what came of it (recorded in the timeline).
    Done {
        /// The task's key.
        key: String,
        /// What came of it.
        #[arg(long, value_name = "TEXT")]
        outcome: String,
    },
    /// Skip a task (recorded in the timeline).
    Skip {
        /// The task's key.
        key: String,
        /// Why.
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Put a task off to a date (after today, within a year).
    Snooze {
        /// The task's key.
        key: String,
        /// The date it is back, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        until: String,
    },
}

/// `crm care list`.
#[derive(Debug, Args)]
pub struct CareListArgs {
    /// Only this customer's tasks.
    #[arg(long, value_name = "ID")]
    pub customer: Option<String>,
    /// Only the tasks of this consultant's customers.
    #[arg(long, value_name = "ID")]
    pub owner: Option<String>,
    /// Only tasks in this status: open, done, skipped or snoozed.
    #[arg(long)]
    pub status: Option<String>,
    /// Only tasks due on or after this date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only tasks due on or before this date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub through: Option<String>,
    /// At most this many (1 to 10000).
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: u32,
}

/// `crm odometer CUSTOMER KM`.
#[derive(Debug, Args)]
pub struct OdometerArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// The distance shown, in km.
    pub km: u32,
    /// The day it was read, YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// The car, when the customer has more than one.
    #[arg(long, value_name = "ID")]
    pub car: Option<String>,
    /// Where it came from: service_visit, customer or other.
    #[arg(long, default_value = "customer")]
    pub source: String,
}

/// `crm consent CUSTOMER ...`: show, or change per channel.
#[derive(Debug, Args)]
pub struct ConsentArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// Channels the customer agrees to be contacted on: phone, sms, wechat, email.
    #[arg(long, value_name = "CHANNEL")]
    pub grant: Vec<String>,
    /// Channels the customer refuses.
    #[arg(long, value_name = "CHANNEL")]
    pub withdraw: Vec<String>,
    /// Channels to set back to unknown.
    #[arg(long, value_name = "CHANNEL")]
    pub reset: Vec<String>,
    /// How it was given: in_person, phone, online_form, paper_form, message, other.
    #[arg(long, default_value = "in_person")]
    pub source: String,
    /// A note (who took it, the form's number).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// `crm rules ...`: the care rules, as JSON.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Print the care rules (JSON, the defaults until set).
    Show,
    /// Set the care rules from a JSON file (`-`: standard input); fields left out take
    /// their defaults.
    Set {
        /// The JSON file.
        file: PathBuf,
    },
}

/// The care fields the options name otherwise (see `term/flags.rs`).
pub const FIELD_FLAGS: &[FieldFlag] = &[
    FieldFlag::new("care", "to", "--through"),
    FieldFlag::new("car add", "delivered_on", "--delivered"),
    FieldFlag::new("car add", "odometer_km", "--km"),
    FieldFlag::new("odometer", "on", "--at"),
    FieldFlag::new("odometer", "car_id", "--car"),
];
