//! `crm visit ...` and `crm catalogue ...`: store visits and test drives (到店 / 试驾), and
//! the dealership's model catalogue (车型库).

use crate::cli_pipeline::{CatalogueCommand, VisitCommand};
use crate::database::open_existing;
use crate::exit::Failure;
use crate::follow_input::{instant_only, When};
use crate::output::Output;
use crate::pipeline_text;
use chrono::Utc;
use crm_core::{
    CatalogueModel, CatalogueModelId, CustomerId, NewVisit, Rule, ValidationError, VisitId,
    VisitKind, VisitRecord,
};
use crm_store::Store;
use serde_json::json;
use std::path::Path;

/// Runs one `crm visit` command.
pub fn run(db: &Path, command: &VisitCommand, output: Output) -> Result<(), Failure> {
    match command {
        VisitCommand::Schedule(args) => {
            let when = instant_only("visit.scheduled_at", &args.at)?;
            let store = open_existing(db)?;
            let zone = store.settings()?.zone;
            let new = NewVisit {
                customer_id: CustomerId::from(args.customer.as_str()),
                kind: if args.test_drive {
                    VisitKind::TestDrive
                } else {
                    VisitKind::StoreVisit
                },
                model: args.model.clone(),
                catalogue_model: args.catalogue.as_deref().map(CatalogueModelId::from),
                scheduled_at: when.instant("visit.scheduled_at", &zone, Utc::now())?,
                consultant: args.consultant.clone(),
                notes: args.notes.clone(),
            };
            let record = store.schedule_visit(&new, args.consultant.as_deref())?;
            print_visit(&store, output, &record)
        }
        VisitCommand::Done {
            visit,
            at,
            feedback,
            by,
        } => {
            let when = at
                .as_deref()
                .map(|t| instant_only("at", t))
                .transpose()?
                .unwrap_or(When::Now);
            let store = open_existing(db)?;
            let zone = store.settings()?.zone;
            let at = when.instant("at", &zone, Utc::now())?;
            let id = VisitId::from(visit.as_str());
            let version = store.get_visit(&id)?.version;
            let record =
                store.complete_visit(&id, version, at, feedback.as_deref(), by.as_deref())?;
            print_visit(&store, output, &record)
        }
        VisitCommand::NoShow { visit, by } => {
            let store = open_existing(db)?;
            let id = VisitId::from(visit.as_str());
            let version = store.get_visit(&id)?.version;
            let record = store.no_show_visit(&id, version, by.as_deref())?;
            print_visit(&store, output, &record)
        }
        VisitCommand::List { customer } => {
            let store = open_existing(db)?;
            let list = store.visits_of(&CustomerId::from(customer.as_str()))?;
            let zone = store.settings()?.zone;
            output.print(&list, || pipeline_text::visits(&list, &zone))
        }
    }
}

fn print_visit(store: &Store, output: Output, record: &VisitRecord) -> Result<(), Failure> {
    let zone = store.settings()?.zone;
    output.print(record, || pipeline_text::visit_line(record, &zone))
}

/// Runs one `crm catalogue` command.
pub fn catalogue(db: &Path, command: &CatalogueCommand, output: Output) -> Result<(), Failure> {
    match command {
        CatalogueCommand::Load { file } => {
            let text = crate::input::read_input(file)?;
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
                format!("loaded {loaded} catalogue models\n")
            })
        }
        CatalogueCommand::List => {
            let store = open_existing(db)?;
            let models = store.list_catalogue()?;
            output.print(&models, || pipeline_text::catalogue(&models))
        }
    }
}
