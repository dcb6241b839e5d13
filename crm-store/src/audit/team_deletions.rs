//! The deletions log and the team: the book's log goes to the server at each sync (the
//! entries after `sync_state.deletions_sent`, oldest first), and a manager reads their
//! team's deletions from the server, online like [`Store::sync`].

use crate::audit::deletions::{read_deletion, DELETION_COLUMNS};
use crate::error::Result;
#[cfg(doc)]
use crate::error::StoreError;
use crate::store::Store;
use crate::sync::state::device_id;
use crate::sync::transport::Client;
use crm_core::audit::{Deletion, DeletionUpload};
use rusqlite::Connection;

/// Deletions sent in one request.
const BATCH: u32 = 1000;

/// The log's entries the server has not received, oldest first, at most `limit`, with the
/// last one's `seq`.
fn unsent(conn: &Connection, limit: u32) -> Result<(DeletionUpload, Option<i64>)> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DELETION_COLUMNS} FROM deletions
         WHERE seq > (SELECT deletions_sent FROM sync_state WHERE id = 1)
         ORDER BY seq LIMIT ?1"
    ))?;
    let mut rows = stmt.query([limit])?;
    let mut deletions = Vec::new();
    let mut last = None;
    while let Some(row) = rows.next()? {
        deletions.push(Deletion {
            // An erasure's reason stays in the book: it is free text a user typed, which
            // may name the person it was about.
            reason: None,
            ..read_deletion(row)?
        });
        last = Some(row.get(0)?);
    }
    Ok((
        DeletionUpload {
            device_id: device_id(conn)?,
            deletions,
        },
        last,
    ))
}

/// What the server answers to a log sent.
#[derive(serde::Deserialize)]
struct Received {
    #[allow(dead_code)]
    received: u64,
}

impl Store {
    /// Sends the log's entries the server has not received, in batches; each batch the
    /// server answers is marked sent (the server keeps a deletion sent twice once).
    pub(crate) fn send_deletions(&self, client: &Client) -> Result<u64> {
        let mut sent = 0;
        loop {
            let (upload, last) = self.read(|tx| unsent(tx, BATCH))?;
            let Some(last) = last else {
                return Ok(sent);
            };
            let _: Received = client.post("/v1/deletions", &upload)?;
            self.write(|tx| {
                tx.prepare_cached(
                    "UPDATE sync_state SET deletions_sent = max(deletions_sent, ?1) WHERE id = 1",
                )?
                .execute([last])?;
                Ok(())
            })?;
            sent += upload.deletions.len() as u64;
        }
    }

    /// The deletions of the user's team as the server holds them (customers deleted or
    /// merged away on any of the team's devices, each with its author, device and time; no
    /// personal data), newest first, at most `limit` (1 to 1000), from the server at
    /// `server` as the user of `token`. An admin's token reads every team's.
    ///
    /// Fails with [`StoreError::Sync`]: 403 for a consultant's token, 400 for a `limit`
    /// out of range.
    pub fn team_deletions(&self, server: &str, token: &str, limit: u32) -> Result<Vec<Deletion>> {
        Client::new(server, token)?.get(&format!("/v1/deletions?limit={limit}"))
    }
}
