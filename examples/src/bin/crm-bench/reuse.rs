//! `--reuse DIR`: measure again on a database an earlier `--keep` run left, instead of
//! building 200,000 customers and a million follow-ups anew. The kept file is first opened
//! as a store, which upgrades an older schema in place as it would upgrade an app's; its
//! tables must then be those a fresh store creates; its indexes and triggers are brought in
//! line with the current schema (dropped and created again where they differ), so what is
//! measured is what the library would build today.

use crm_core::CustomerId;
use crm_store::Store;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The file a `--keep` run leaves our database in, inside its folder.
pub const OURS: &str = "ours.sqlite3";

/// A kept database made ready to measure.
pub struct Reused {
    /// The database file.
    pub path: PathBuf,
    /// Its customers' ids, in the order they were imported (the generator's).
    pub ids: Vec<CustomerId>,
    /// The indexes and triggers created again (`name`), or dropped (`-name`).
    pub rebuilt: Vec<String>,
}

/// `(type, name) -> sql` of every schema object SQLite does not make itself.
fn schema_of(conn: &Connection) -> Result<BTreeMap<(String, String), String>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_master
         WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'",
    )?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Opens the database kept in `dir` with `size` customers and brings its indexes and
/// triggers in line with a freshly created store's.
pub fn prepare(dir: &Path, size: usize) -> Result<Reused> {
    let path = dir.join(OURS);
    if !path.is_file() {
        return Err(format!("--reuse: no {} in {}", OURS, dir.display()).into());
    }
    let scratch = tempfile::tempdir()?;
    let fresh_path = scratch.path().join("fresh.sqlite3");
    drop(Store::open(&fresh_path)?);
    let fresh = schema_of(&Connection::open(&fresh_path)?)?;
    // The upgrade of an older schema, as the library runs it (a newer one is refused).
    drop(Store::open(&path)?);

    let mut conn = Connection::open(&path)?;
    let version = |c: &Connection| -> rusqlite::Result<i64> {
        c.query_row("PRAGMA user_version", [], |r| r.get(0))
    };
    let kept = schema_of(&conn)?;
    let fresh_version = version(&Connection::open(&fresh_path)?)?;
    if version(&conn)? != fresh_version {
        return Err("--reuse: the kept database has another schema version; build it again".into());
    }
    for ((kind, name), sql) in &fresh {
        if kind == "table" && kept.get(&(kind.clone(), name.clone())) != Some(sql) {
            return Err(format!(
                "--reuse: table {name} differs from the current schema; build the database again"
            )
            .into());
        }
    }
    let movable = |kind: &str| kind == "index" || kind == "trigger";
    let mut rebuilt = Vec::new();
    let tx = conn.transaction()?;
    for ((kind, name), sql) in &kept {
        if movable(kind) && fresh.get(&(kind.clone(), name.clone())) != Some(sql) {
            tx.execute_batch(&format!("DROP {} \"{name}\"", kind.to_uppercase()))?;
            if !fresh.contains_key(&(kind.clone(), name.clone())) {
                rebuilt.push(format!("-{name}"));
            }
        }
    }
    for ((kind, name), sql) in &fresh {
        if movable(kind) && kept.get(&(kind.clone(), name.clone())) != Some(sql) {
            eprintln!("--reuse: creating {kind} {name}");
            tx.execute_batch(sql)?;
            rebuilt.push(name.clone());
        }
    }
    tx.commit()?;
    if schema_of(&conn)? != fresh {
        return Err("--reuse: the schema still differs after rebuilding the indexes".into());
    }
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;

    let ids: Vec<CustomerId> = conn
        .prepare("SELECT id FROM customers ORDER BY seq")?
        .query_map([], |r| r.get(0).map(CustomerId))?
        .collect::<rusqlite::Result<_>>()?;
    if ids.len() < size {
        return Err(format!(
            "--reuse: the kept database has {} customers, fewer than {size}",
            ids.len()
        )
        .into());
    }
    Ok(Reused { path, ids, rebuilt })
}
