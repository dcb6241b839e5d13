//! `crm settings`: the dealership's time zone, cadence, reminders, name and address, and
//! the odometer's daily limit.

use crate::database::open_existing;
use crate::exit::Failure;
use crate::settings::args::SettingsArgs;
use crate::settings::text;
use crate::term::output::Output;
use crm_core::privacy::RetentionPolicy;
use crm_core::{CadenceConfig, DealershipZone, OdometerLimits, ReminderConfig};
use crm_store::{Settings, StoreInfo};
use serde::Serialize;
use std::path::Path;

/// The settings as JSON, fields in this order.
#[derive(Serialize)]
struct SettingsJson<'a> {
    time_zone: &'a str,
    cadence: &'a CadenceConfig,
    reminders: &'a ReminderConfig,
    store: &'a StoreInfo,
    odometer: &'a OdometerLimits,
    retention: &'a RetentionPolicy,
}

fn json(s: &Settings) -> SettingsJson<'_> {
    SettingsJson {
        time_zone: s.zone.name(),
        cadence: &s.cadence,
        reminders: &s.reminders,
        store: &s.store,
        odometer: &s.odometer,
        retention: &s.retention,
    }
}

/// Runs `crm settings`: changes what the options name, then prints the settings.
pub fn settings(db: &Path, args: &SettingsArgs, output: Output) -> Result<(), Failure> {
    // Checked before the database is opened.
    if let Some(zone) = &args.zone {
        DealershipZone::new(zone)?;
    }
    let limits = args
        .max_daily_km
        .map(|max_daily_km| OdometerLimits { max_daily_km }.validate())
        .transpose()?;
    let store = open_existing(db)?;
    let mut settings = store.settings()?;
    if let Some(zone) = &args.zone {
        settings = store.set_time_zone(zone)?;
    }
    if args.store_name.is_some() || args.store_address.is_some() {
        let info = StoreInfo {
            name: args.store_name.clone().or(settings.store.name.clone()),
            address: args
                .store_address
                .clone()
                .or(settings.store.address.clone()),
        };
        settings = store.set_store_info(&info)?;
    }
    if let Some(limits) = &limits {
        settings = store.set_odometer_limits(limits)?;
    }
    output.print(&json(&settings), || text::settings(&settings))
}
