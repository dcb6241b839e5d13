//! `crm visit ...`: store visits and test drives (到店 / 试驾): schedule, done, no-show,
//! list.

use crate::customer::resolve::customer_id;
use crate::database::open_existing;
use crate::exit::Failure;
use crate::follow_up::input::{instant_only, When};
use crate::term::output::Output;
use crate::vehicle::args::VisitCommand;
use crate::vehicle::text;
use chrono::Utc;
use crm_core::{CatalogueModelId, NewVisit, VisitId, VisitKind, VisitRecord};
use crm_store::Store;
use std::path::Path;

/// Runs one `crm visit` command.
pub fn visit(db: &Path, command: &VisitCommand, output: Output) -> Result<(), Failure> {
    match command {
        VisitCommand::Schedule(args) => {
            let when = instant_only("visit.scheduled_at", &args.at)?;
            let store = open_existing(db)?;
            let zone = store.settings()?.zone;
            let new = NewVisit {
                customer_id: customer_id(&store, &args.customer)?,
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
            let list = store.visits_of(&customer_id(&store, customer)?)?;
            let zone = store.settings()?.zone;
            output.list(&list, None, || text::visits(&list, &zone))
        }
    }
}

fn print_visit(store: &Store, output: Output, record: &VisitRecord) -> Result<(), Failure> {
    let zone = store.settings()?.zone;
    output.print(record, || text::visit_line(record, &zone))
}
