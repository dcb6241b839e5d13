//! `crm sync`: sends the book's changes, takes in the team's, prints what moved.

use super::args::{SyncCommand, SyncCommandArgs};
use super::rejections;
use crate::database::open_existing;
use crate::exit::Failure;
use crate::term::lang::say;
use crate::term::output::Output;
use serde::Serialize;
use std::path::Path;

/// What `crm sync` prints (`--json`): the contract scripts rely on.
#[derive(Debug, Serialize)]
struct Summary {
    /// Changes the server acknowledged.
    uploaded: u64,
    /// Rows the downloads brought.
    downloaded: u64,
    /// The changes the server refused: the book holds the server's values again.
    rejected: Vec<Refused>,
}

/// One refused change.
#[derive(Debug, Serialize)]
struct Refused {
    /// The record's id.
    id: String,
    /// The kind of record (`customers`, `plans` ...).
    entity: String,
    /// Why the server refused it.
    reason: String,
}

/// Runs `crm sync --server URL --token TOKEN`, or `crm sync rejections|dismiss`.
pub fn sync(db: &Path, args: &SyncCommandArgs, output: Output) -> Result<(), Failure> {
    match &args.command {
        Some(SyncCommand::Rejections) => return rejections::list(db, output),
        Some(SyncCommand::Dismiss { op_id }) => return rejections::dismiss(db, *op_id, output),
        None => {}
    }
    // clap requires both without a subcommand; an empty one is refused naming it.
    let empty = String::new();
    let server = args.server.as_ref().unwrap_or(&empty);
    let token = args.token.as_ref().unwrap_or(&empty);
    let store = open_existing(db)?;
    let done = store.sync(server, token)?;
    let summary = Summary {
        uploaded: done.uploaded,
        downloaded: done.downloaded,
        rejected: done
            .rejected
            .into_iter()
            .map(|r| Refused {
                id: r.id,
                entity: r.entity.table().to_owned(),
                reason: r.reason,
            })
            .collect(),
    };
    output.print(&summary, || {
        let mut text = say!(
            "已同步：发送 {} 项更改，收到 {} 行。\n",
            "Synced: {} changes sent, {} rows received.\n",
            summary.uploaded,
            summary.downloaded
        );
        for r in &summary.rejected {
            text.push_str(&say!(
                "被拒绝：{} {}：{}\n",
                "Refused: {} {}: {}\n",
                r.entity,
                r.id,
                r.reason
            ));
        }
        text
    })
}
