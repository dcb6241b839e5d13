//! `crm view ...`: saved views (保存的视图), a named filter and sort kept in the database.
//! A view is named by its name (any case) or its id.

use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::find::args::{PageArgs, SaveViewArgs, ViewCommand};
use crate::find::{filter, list, text};
use crate::term::lang::say;
use crate::term::output::Output;
use crm_core::{tag_key, view_name, SavedView, ViewDefinition};
use crm_store::{Store, StoreError};
use serde::Serialize;
use std::path::Path;

/// Runs one `crm view` command.
pub fn view(db: &Path, command: &ViewCommand, output: Output) -> Result<(), Failure> {
    match command {
        ViewCommand::Save(args) => save(db, args, output),
        ViewCommand::List => {
            let views = open_for_reading(db)?.list_views()?;
            output.list(&views, None, || text::view_table(&views))
        }
        ViewCommand::Run { view, page } => run_view(db, view, page, output),
        ViewCommand::Rename { view, new_name } => {
            let new_name = view_name(new_name)?;
            let store = open_existing(db)?;
            let current = find(&store, view)?;
            let renamed = store.rename_view(&current.id, current.version, &new_name)?;
            output.print(&renamed, || text::view_card(&renamed))
        }
        ViewCommand::Delete { view } => {
            let store = open_existing(db)?;
            let current = find(&store, view)?;
            store.delete_view(&current.id)?;
            let deleted = Deleted {
                deleted: &current.id,
                name: &current.name,
            };
            output.print(&deleted, || {
                say!(
                    "已删除视图 {}（{}）\n",
                    "deleted view {} ({})\n",
                    current.name,
                    current.id
                )
            })
        }
    }
}

/// `view delete` as JSON, fields in this order.
#[derive(Serialize)]
struct Deleted<'a> {
    deleted: &'a str,
    name: &'a str,
}

/// The view named `name_or_id`: the one with this id, else the one with this name
/// (ignoring case, as names are unique).
pub fn find(store: &Store, name_or_id: &str) -> Result<SavedView, Failure> {
    let wanted = name_or_id.trim();
    let mut views = store.list_views()?;
    let found = views.iter().position(|v| v.id == wanted).or_else(|| {
        let key = tag_key(wanted);
        views.iter().position(|v| tag_key(&v.name) == key)
    });
    match found {
        Some(i) => Ok(views.swap_remove(i)),
        None => Err(StoreError::NotFound {
            entity: "view",
            id: wanted.to_owned(),
        }
        .into()),
    }
}

fn save(db: &Path, args: &SaveViewArgs, output: Output) -> Result<(), Failure> {
    // Checked before the database is opened: bad input saves nothing.
    let name = view_name(&args.name)?;
    let definition = ViewDefinition {
        filter: filter::filter(&args.filter)?,
        sort: filter::sort(&args.sort),
        columns: args
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| filter::column(&format!("columns[{i}]"), c))
            .collect::<Result<_, _>>()?,
    };
    definition.validate()?;
    let store = open_existing(db)?;
    let view = store.create_view(&name, &definition)?;
    output.print(&view, || text::view_card(&view))
}

fn run_view(db: &Path, name_or_id: &str, page: &PageArgs, output: Output) -> Result<(), Failure> {
    let (limit, cursor) = list::page_options(page.limit, page.after.as_deref())?;
    let store = open_for_reading(db)?;
    let view = find(&store, name_or_id)?;
    let rows = store.run_view(&view.id, limit, cursor)?;
    list::print_page(&store, &view.definition.filter, &rows, output)
}
