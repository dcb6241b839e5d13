//! The `applying` flag of `sync_state`: 1 while the book takes in what the server sent (a
//! download, a refused change put back, a customer evicted), so that the outbox triggers
//! stay quiet for those writes: they came from the server and must not go back up.

use crate::error::Result;
use rusqlite::Connection;

fn set(conn: &Connection, on: bool) -> Result<()> {
    conn.prepare_cached("UPDATE sync_state SET applying = ?1 WHERE id = 1")?
        .execute([on])?;
    Ok(())
}

/// Whether the outbox triggers are quiet now.
pub(crate) fn is_on(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT applying FROM sync_state WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

/// Runs `f` inside the caller's transaction with the outbox triggers quiet, and turns them
/// back on before returning (also when `f` fails, though the caller's rollback undoes the
/// flag with the rest). Nested calls leave the flag to the outermost one.
pub(crate) fn quietly<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    if is_on(conn)? {
        return f();
    }
    set(conn, true)?;
    let out = f();
    set(conn, false)?;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn the_flag_is_on_inside_only_and_nesting_keeps_it_on() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("book.sqlite3")).unwrap();
        store
            .write(|tx| {
                assert!(!is_on(tx)?);
                quietly(tx, || {
                    assert!(is_on(tx)?);
                    quietly(tx, || Ok(()))?;
                    assert!(is_on(tx)?, "the inner call leaves it on");
                    Ok(())
                })?;
                assert!(!is_on(tx)?);
                Ok(())
            })
            .unwrap();
    }
}
