//! `crm catalogue ...`: the dealership's model catalogue (车型库): load it from JSON, list
//! it.

use crate::database::open_existing;
use crate::exit::Failure;
use crate::term::input::read_input;
use crate::term::lang::say;
use crate::term::output::Output;
use crate::vehicle::args::CatalogueCommand;
use crate::vehicle::text;
use crm_core::{CatalogueModel, Rule, ValidationError};
use serde_json::json;
use std::path::Path;

/// Runs one `crm catalogue` command.
pub fn catalogue(db: &Path, command: &CatalogueCommand, output: Output) -> Result<(), Failure> {
    match command {
        CatalogueCommand::Load { file } => {
            let text = read_input(file)?;
            let models: Vec<CatalogueModel> = serde_json::from_str(&text).map_err(|_| {
                ValidationError::new(
                    "catalogue",
                    Rule::Malformed {
                        expected: "a JSON array of models: {\"id\", \"brand\", \"series\", \
                                   \"model\", \"body_type\", \"powertrain\", \"price\"}",
                    },
                )
            })?;
            let store = open_existing(db)?;
            let loaded = store.load_catalogue(&models)?;
            output.print(&json!({ "loaded": loaded }), || {
                say!("已导入车型 {} 个\n", "loaded {} catalogue models\n", loaded)
            })
        }
        CatalogueCommand::List => {
            let store = open_existing(db)?;
            let models = store.list_catalogue()?;
            output.list(&models, None, || text::catalogue(&models))
        }
    }
}
