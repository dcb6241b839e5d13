//! The command line of the dealership's settings: `crm settings` (clap derive).

use crate::term::flags::FieldFlag;
use clap::Args;

/// `crm settings`.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// The dealership's IANA time zone (`Asia/Shanghai`, `Europe/Berlin`).
    #[arg(long, value_name = "IANA")]
    pub zone: Option<String>,
    /// The store's name, as messages mention it (`广州天河大众4S店`).
    #[arg(long, value_name = "TEXT")]
    pub store_name: Option<String>,
    /// The store's address.
    #[arg(long, value_name = "TEXT")]
    pub store_address: Option<String>,
    /// The most km a day an odometer reading may imply since the previous one (50 to
    /// 5,000; default 1,500).
    #[arg(long, value_name = "KM")]
    pub max_daily_km: Option<u32>,
}

/// The settings the options name otherwise (see `term/flags.rs`).
pub const FIELD_FLAGS: &[FieldFlag] = &[
    FieldFlag::new("settings", "time_zone", "--zone"),
    FieldFlag::new("settings", "odometer.max_daily_km", "--max-daily-km"),
];
