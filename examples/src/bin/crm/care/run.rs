//! `crm car`, `crm care`, `crm odometer`, `crm rules`: care after the sale (客户关怀) — the
//! delivered cars and readings it starts from, the care tasks it makes, and its rules.

use crate::care_text;
use crate::cli_care::{
    CarCommand, CareCommand, CareListArgs, OdometerArgs, ReadingCommand, RulesCommand,
};
use crate::consent_cmd::code_of;
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::input;
use crate::output::Output;
use chrono::{Days, NaiveDate, Utc};
use crm_core::{
    CarId, CareRules, CareRulesJsonError, CareTaskKey, CareTaskRecord, CustomerId, DateWindow,
    NewCar, OdometerReading, OdometerSource, Rule, ValidationError,
};
use crm_store::{CareTaskQuery, Store, StoreError};
use std::path::Path;

/// A required date `YYYY-MM-DD` for `field`.
fn date(field: &str, text: &str) -> Result<NaiveDate, ValidationError> {
    input::date(field, text)?.ok_or_else(|| ValidationError::new(field, Rule::Required))
}

/// An optional date option.
fn date_opt(field: &str, text: Option<&String>) -> Result<Option<NaiveDate>, ValidationError> {
    text.map(|t| date(field, t)).transpose()
}

/// The dealership's local date now.
fn today(store: &Store) -> Result<NaiveDate, Failure> {
    Ok(store.settings()?.zone.local_date(Utc::now()))
}

/// `date` moved by `days` (either way), kept in range.
fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let n = Days::new(days.unsigned_abs());
    let moved = if days < 0 {
        date.checked_sub_days(n)
    } else {
        date.checked_add_days(n)
    };
    moved.unwrap_or(date)
}

/// Runs one `crm car` command.
pub fn car(db: &Path, command: &CarCommand, output: Output) -> Result<(), Failure> {
    match command {
        CarCommand::Add(a) => {
            let car = NewCar {
                vin: a.vin.clone(),
                brand: a.brand.clone(),
                model: a.model.clone(),
                delivered_on: date("delivered_on", &a.delivered)?,
                delivery_km: a.km,
                registered_on: None,
                order_id: None,
            };
            let store = open_existing(db)?;
            let car = store.record_car(&CustomerId::from(a.customer.as_str()), &car)?;
            output.print(&car, || care_text::cars(std::slice::from_ref(&car)))
        }
        CarCommand::List { customer } => {
            let store = open_for_reading(db)?;
            let cars = store.cars_of(&CustomerId::from(customer.as_str()))?;
            output.print(&cars, || care_text::cars(&cars))
        }
        CarCommand::Odometer(command) => readings(db, command, output),
    }
}

/// The source option of an odometer command.
fn source(text: &str) -> Result<OdometerSource, ValidationError> {
    code_of("source", text, "service_visit, customer or other")
}

/// Runs one `crm car odometer` command.
fn readings(db: &Path, command: &ReadingCommand, output: Output) -> Result<(), Failure> {
    match command {
        ReadingCommand::List { car } => {
            let store = open_existing(db)?;
            let records = store.odometer_readings_of(&CarId::from(car.as_str()))?;
            let json: Vec<_> = records.iter().map(care_text::reading_json).collect();
            output.print(&json, || care_text::readings(&records))
        }
        ReadingCommand::Correct {
            id,
            km,
            at,
            source: from,
        } => {
            let at = date_opt("at", at.as_ref())?;
            let from = from.as_deref().map(source).transpose()?;
            let store = open_existing(db)?;
            let old = store.get_odometer_reading(*id)?;
            let reading = OdometerReading {
                on: at.unwrap_or(old.reading.on),
                km: *km,
            };
            let record = store.correct_odometer(*id, reading, from.unwrap_or(old.source))?;
            output.print(&care_text::reading_json(&record), || {
                care_text::readings(std::slice::from_ref(&record))
            })
        }
        ReadingCommand::Delete { id } => {
            let store = open_existing(db)?;
            store.delete_odometer(*id)?;
            output.print(&serde_json::json!({ "deleted": id }), || {
                format!("odometer reading {id} deleted\n")
            })
        }
    }
}

/// Runs one `crm care` command.
pub fn care(db: &Path, command: &CareCommand, output: Output) -> Result<(), Failure> {
    match command {
        CareCommand::Run { from, through } => {
            let from = date_opt("from", from.as_ref())?;
            let through = date_opt("through", through.as_ref())?;
            let store = open_existing(db)?;
            let today = today(&store)?;
            let from = from.unwrap_or_else(|| shift(today, -30));
            let to = through.unwrap_or_else(|| shift(today, 365));
            let summary = store.generate_care(DateWindow::new(from, to)?)?;
            let json = serde_json::json!({
                "from": from, "through": to, "added": summary.added, "updated": summary.updated,
                "removed": summary.removed, "unchanged": summary.unchanged,
                "blocked_by_consent": summary.blocked_by_consent,
            });
            output.print(&json, || care_text::run_summary(&summary, from, to))
        }
        CareCommand::List(args) => list(db, args, output),
        CareCommand::Done { key, outcome } => {
            let store = open_existing(db)?;
            let task = store.complete_care_task(&CareTaskKey::from(key.as_str()), outcome)?;
            print_task(output, task)
        }
        CareCommand::Skip { key, reason } => {
            let store = open_existing(db)?;
            let task = store.skip_care_task(&CareTaskKey::from(key.as_str()), reason)?;
            print_task(output, task)
        }
        CareCommand::Snooze { key, until } => {
            let until = date("until", until)?;
            let store = open_existing(db)?;
            let task = store.snooze_care_task(&CareTaskKey::from(key.as_str()), until)?;
            print_task(output, task)
        }
    }
}

fn print_task(output: Output, task: CareTaskRecord) -> Result<(), Failure> {
    output.print(&task, || care_text::tasks(std::slice::from_ref(&task)))
}

/// `crm care list`.
fn list(db: &Path, args: &CareListArgs, output: Output) -> Result<(), Failure> {
    let query = CareTaskQuery {
        owner: args.owner.clone(),
        customer_id: args.customer.as_deref().map(CustomerId::from),
        status: args
            .status
            .as_deref()
            .map(|s| code_of("status", s, "open, done, skipped or snoozed"))
            .transpose()?,
        due_from: date_opt("from", args.from.as_ref())?,
        due_to: date_opt("through", args.through.as_ref())?,
        limit: args.limit,
    };
    let store = open_for_reading(db)?;
    let tasks = store.care_tasks(&query)?;
    output.print(&tasks, || care_text::tasks(&tasks))
}

/// Runs `crm odometer CUSTOMER KM`: a reading of the customer's car (`--car` when there are
/// several).
pub fn odometer(db: &Path, args: &OdometerArgs, output: Output) -> Result<(), Failure> {
    let source = source(&args.source)?;
    let at = date_opt("at", args.at.as_ref())?;
    let store = open_existing(db)?;
    let customer = CustomerId::from(args.customer.as_str());
    let cars = store.cars_of(&customer)?;
    let car = match (&args.car, cars.as_slice()) {
        (Some(id), _) => {
            cars.iter()
                .find(|c| c.id.as_str() == id)
                .ok_or_else(|| StoreError::NotFound {
                    entity: "car of customer",
                    id: id.clone(),
                })?
        }
        (None, [only]) => only,
        (None, []) => {
            return Err(StoreError::NotFound {
                entity: "car of customer",
                id: customer.to_string(),
            }
            .into())
        }
        (None, _) => {
            return Err(ValidationError::new(
                "car",
                Rule::Malformed {
                    expected: "a car id (the customer has several: `crm car list`)",
                },
            )
            .into())
        }
    };
    let on = match at {
        Some(d) => d,
        None => today(&store)?,
    };
    let record = store.record_odometer(&car.id, OdometerReading { on, km: args.km }, source)?;
    output.print(&care_text::reading_json(&record), || {
        care_text::readings(std::slice::from_ref(&record))
    })
}

/// Runs `crm rules show|set`: the care rules as JSON (printed as JSON in both forms).
pub fn rules(db: &Path, command: &RulesCommand, _output: Output) -> Result<(), Failure> {
    let rules = match command {
        RulesCommand::Show => open_for_reading(db)?.care_rules()?,
        RulesCommand::Set { file } => {
            let text = input::read_input(file)?;
            let rules = CareRules::from_json(&text).map_err(|e| match e {
                CareRulesJsonError::UnknownField(v) => v,
                CareRulesJsonError::NotRules(_) => not_rules(),
            })?;
            open_existing(db)?.set_care_rules(&rules)?
        }
    };
    Output { json: true }.print(&rules, String::new)
}

fn not_rules() -> ValidationError {
    ValidationError::new(
        "rules",
        Rule::Malformed {
            expected: "a JSON object of care rules (see `crm rules show`)",
        },
    )
}
