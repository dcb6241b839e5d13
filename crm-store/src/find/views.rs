//! Saved views: named filters with a sort and columns, kept in `saved_views`.
//!
//! A definition is stored as JSON with a format number. When the definition's shape
//! changes, the format goes up and [`read_definition`] upgrades older ones on read, so views
//! saved by any earlier version keep working.

use crate::db::ids::new_id;
use crate::db::rows::collect;
use crate::db::time::{from_millis, to_millis};
use crate::error::{check_version, Result, StoreError};
use crate::find::listing::{CustomerPage, CustomerQuery};
use crate::store::Store;
use crm_core::{tag_key, view_name, Rule, SavedView, ValidationError, ViewDefinition};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// The definition format this version writes.
const VIEW_FORMAT: u32 = 1;

#[derive(serde::Serialize, serde::Deserialize)]
struct StoredDefinition {
    format: u32,
    #[serde(flatten)]
    definition: ViewDefinition,
}

fn write_definition(d: &ViewDefinition) -> Result<String> {
    serde_json::to_string(&StoredDefinition {
        format: VIEW_FORMAT,
        definition: d.clone(),
    })
    .map_err(|_| StoreError::Corrupt {
        column: "saved_views.definition",
    })
}

/// Reads a stored definition, upgrading older formats.
fn read_definition(json: &str) -> Result<ViewDefinition> {
    let corrupt = StoreError::Corrupt {
        column: "saved_views.definition",
    };
    let stored: StoredDefinition = serde_json::from_str(json).map_err(|_| corrupt)?;
    match stored.format {
        VIEW_FORMAT => Ok(stored.definition),
        _ => Err(StoreError::Corrupt {
            column: "saved_views.definition",
        }),
    }
}

const VIEW_COLUMNS: &str = "id, name, definition, created_at, updated_at, version";

fn view_from_row(row: &Row<'_>) -> Result<SavedView> {
    Ok(SavedView {
        id: row.get(0)?,
        name: row.get(1)?,
        definition: read_definition(&row.get::<_, String>(2)?)?,
        created_at: from_millis(row.get(3)?, "saved_views.created_at")?,
        updated_at: from_millis(row.get(4)?, "saved_views.updated_at")?,
        version: row.get(5)?,
    })
}

fn read_view(conn: &Connection, id: &str) -> Result<SavedView> {
    conn.prepare_cached(&format!(
        "SELECT {VIEW_COLUMNS} FROM saved_views WHERE id = ?1"
    ))?
    .query_row([id], |r| Ok(view_from_row(r)))
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        entity: "view",
        id: id.to_owned(),
    })?
}

/// Fails with `name` [`Rule::Taken`] when another view has this name (ignoring case).
fn check_name_free(conn: &Connection, name: &str, except: Option<&str>) -> Result<()> {
    let taken: Option<String> = conn
        .prepare_cached("SELECT id FROM saved_views WHERE name_key = ?1 AND id IS NOT ?2")?
        .query_row(params![tag_key(name), except], |r| r.get(0))
        .optional()?;
    match taken {
        Some(_) => Err(ValidationError::new("name", Rule::Taken).into()),
        None => Ok(()),
    }
}

impl Store {
    /// Saves a new view. Its name must be unique (ignoring case) and its filter valid.
    pub fn create_view(&self, name: &str, definition: &ViewDefinition) -> Result<SavedView> {
        let name = view_name(name)?;
        definition.validate()?;
        let json = write_definition(definition)?;
        let now = self.now();
        let id = new_id(now);
        self.write(|tx| {
            check_name_free(tx, &name, None)?;
            tx.prepare_cached(
                "INSERT INTO saved_views (id, name, name_key, definition, created_at, updated_at, version) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, 1)",
            )?
            .execute(params![id, name, tag_key(&name), json, to_millis(now)])?;
            read_view(tx, &id)
        })
    }

    /// The view `id`.
    pub fn get_view(&self, id: &str) -> Result<SavedView> {
        self.read(|tx| read_view(tx, id))
    }

    /// Every view, by name.
    pub fn list_views(&self) -> Result<Vec<SavedView>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {VIEW_COLUMNS} FROM saved_views ORDER BY name_key"
            ))?;
            collect(&mut stmt, [], view_from_row)
        })
    }

    /// Renames view `id` if it is still at `expected_version`.
    pub fn rename_view(&self, id: &str, expected_version: u64, name: &str) -> Result<SavedView> {
        let name = view_name(name)?;
        self.change_view(id, expected_version, |tx| {
            check_name_free(tx, &name, Some(id))?;
            tx.prepare_cached("UPDATE saved_views SET name = ?1, name_key = ?2 WHERE id = ?3")?
                .execute(params![name, tag_key(&name), id])?;
            Ok(())
        })
    }

    /// Replaces the filter, sort and columns of view `id` if it is still at `expected_version`.
    pub fn update_view(
        &self,
        id: &str,
        expected_version: u64,
        definition: &ViewDefinition,
    ) -> Result<SavedView> {
        definition.validate()?;
        let json = write_definition(definition)?;
        self.change_view(id, expected_version, |tx| {
            tx.prepare_cached("UPDATE saved_views SET definition = ?1 WHERE id = ?2")?
                .execute(params![json, id])?;
            Ok(())
        })
    }

    /// Deletes view `id`.
    pub fn delete_view(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            let n = tx
                .prepare_cached("DELETE FROM saved_views WHERE id = ?1")?
                .execute([id])?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    entity: "view",
                    id: id.to_owned(),
                });
            }
            Ok(())
        })
    }

    /// A page of the customers view `id` shows, in its sort.
    pub fn run_view(&self, id: &str, limit: u32, cursor: Option<String>) -> Result<CustomerPage> {
        let view = self.get_view(id)?;
        self.query_customers(&CustomerQuery {
            filter: view.definition.filter,
            sort: view.definition.sort,
            limit,
            cursor,
        })
    }

    fn change_view(
        &self,
        id: &str,
        expected_version: u64,
        edit: impl FnOnce(&Connection) -> Result<()>,
    ) -> Result<SavedView> {
        let now = to_millis(self.now());
        self.write(|tx| {
            let current = read_view(tx, id)?;
            check_version("view", &id, expected_version, current.version)?;
            edit(tx)?;
            tx.prepare_cached(
                "UPDATE saved_views SET updated_at = ?1, version = version + 1 WHERE id = ?2",
            )?
            .execute(params![now, id])?;
            read_view(tx, id)
        })
    }
}
