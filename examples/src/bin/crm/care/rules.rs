//! `crm rules show|set`: the care rules (关怀规则) as JSON.

use crate::care::args::RulesCommand;
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::term::input::read_input;
use crate::term::output::Output;
use crm_core::{CareRules, CareRulesJsonError, Rule, ValidationError};
use std::path::Path;

/// Runs `crm rules show|set`: the care rules as JSON (printed as JSON in both forms).
pub fn rules(db: &Path, command: &RulesCommand, _output: Output) -> Result<(), Failure> {
    let rules = match command {
        RulesCommand::Show => open_for_reading(db)?.care_rules()?,
        RulesCommand::Set { file } => {
            let text = read_input(file)?;
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
