//! Where the team's deal rules are kept: the `deal_rules` settings row, set by a manager.

use crate::error::Result;
use crate::settings::stored::{get, put};
use crate::store::Store;
use crate::team::access::authorize;
use crm_core::team::Permission;
use crm_core::DealRules;
use rusqlite::Connection;

/// The settings key of the deal rules.
const DEAL_RULES: &str = "deal_rules";

/// The team's deal rules as stored (the default until a manager sets them).
pub(crate) fn read_deal_rules(conn: &Connection) -> Result<DealRules> {
    get(conn, DEAL_RULES, "settings.deal_rules")
}

impl Store {
    /// The team's deal rules.
    pub fn deal_rules(&self) -> Result<DealRules> {
        self.read(read_deal_rules)
    }

    /// Sets the team's deal rules; a manager's or an administrator's call
    /// ([`crm_core::team::Permission::SetDealRules`]), refused with
    /// [`crate::StoreError::Forbidden`] for a consultant.
    pub fn set_deal_rules(&self, rules: &DealRules) -> Result<()> {
        self.write(|tx| {
            authorize(tx, Permission::SetDealRules)?;
            put(tx, DEAL_RULES, rules)
        })
    }
}
