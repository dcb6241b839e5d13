//! `crm car ...` and `crm odometer`: the delivered cars (已交车辆) care starts from, and
//! their odometer readings (里程).

use crate::care::args::{CarCommand, OdometerArgs, ReadingCommand};
use crate::care::input::{date, date_opt, source};
use crate::care::run::today;
use crate::care::text;
use crate::customer::resolve::customer_id;
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::term::lang::say;
use crate::term::output::Output;
use crm_core::{CarId, NewCar, OdometerReading, Rule, ValidationError};
use crm_store::StoreError;
use std::path::Path;

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
            let car = store.record_car(&customer_id(&store, &a.customer)?, &car)?;
            output.print(&car, || text::cars(std::slice::from_ref(&car)))
        }
        CarCommand::List { customer } => {
            let store = open_for_reading(db)?;
            let cars = store.cars_of(&customer_id(&store, customer)?)?;
            output.list(&cars, None, || text::cars(&cars))
        }
        CarCommand::Odometer(command) => readings(db, command, output),
    }
}

/// Runs one `crm car odometer` command.
fn readings(db: &Path, command: &ReadingCommand, output: Output) -> Result<(), Failure> {
    match command {
        ReadingCommand::List { car } => {
            let store = open_existing(db)?;
            let records = store.odometer_readings_of(&CarId::from(car.as_str()))?;
            let json: Vec<_> = records.iter().map(text::reading_json).collect();
            output.list(&json, None, || text::readings(&records))
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
            output.print(&text::reading_json(&record), || {
                text::readings(std::slice::from_ref(&record))
            })
        }
        ReadingCommand::Delete { id } => {
            let store = open_existing(db)?;
            store.delete_odometer(*id)?;
            output.print(&serde_json::json!({ "deleted": id }), || {
                say!("已删除里程记录 {}\n", "odometer reading {} deleted\n", id)
            })
        }
    }
}

/// Runs `crm odometer CUSTOMER KM`: a reading of the customer's car (`--car` when there are
/// several).
pub fn odometer(db: &Path, args: &OdometerArgs, output: Output) -> Result<(), Failure> {
    let source = source(&args.source)?;
    let at = date_opt("at", args.at.as_ref())?;
    let store = open_existing(db)?;
    let customer = customer_id(&store, &args.customer)?;
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
    output.print(&text::reading_json(&record), || {
        text::readings(std::slice::from_ref(&record))
    })
}
