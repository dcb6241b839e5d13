//! The dealership's care rules (关怀规则): one JSON settings row, the defaults until set.

use crate::error::Result;
use crate::settings::stored::{get, put};
use crate::store::Store;
use crm_core::CareRules;
use rusqlite::Connection;

const CARE_RULES: &str = "care_rules";

/// The care rules as stored, the defaults when never set.
pub(crate) fn read_care_rules(conn: &Connection) -> Result<CareRules> {
    get(conn, CARE_RULES, "settings.care_rules")
}

impl Store {
    /// The dealership's care rules ([`CareRules::default`] until set).
    pub fn care_rules(&self) -> Result<CareRules> {
        self.read(read_care_rules)
    }

    /// Sets the care rules (checked by [`CareRules::validate`]: the error names the field,
    /// `maintenance.every_km` …) and returns them as stored. Open care tasks follow at the
    /// next [`Store::generate_care`]; done and skipped ones stay as they were.
    pub fn set_care_rules(&self, rules: &CareRules) -> Result<CareRules> {
        let rules = rules.validate()?;
        self.write(|tx| {
            put(tx, CARE_RULES, &rules)?;
            Ok(rules)
        })
    }
}
