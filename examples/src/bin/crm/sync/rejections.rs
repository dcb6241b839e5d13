//! `crm sync rejections|dismiss`: what the server refused, as the book keeps it.

use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::term::lang::{pick, say};
use crate::term::output::Output;
use chrono::{DateTime, Utc};
use crm_store::{RejectionKind, SyncRejection};
use serde::Serialize;
use std::path::Path;

/// One kept rejection, as `crm sync rejections --json` prints it.
#[derive(Debug, Serialize)]
struct Kept {
    /// The operation the device sent (what `crm sync dismiss` takes).
    op_id: u64,
    /// The kind of record (`customers`, `plans` ...).
    entity: &'static str,
    /// The record's id.
    id: String,
    /// `refused`, `overwritten` or `set_aside`.
    kind: &'static str,
    /// Why, in the server's words.
    reason: String,
    /// When the book learnt of it.
    at: DateTime<Utc>,
}

impl From<SyncRejection> for Kept {
    fn from(r: SyncRejection) -> Kept {
        Kept {
            op_id: r.op_id,
            entity: r.entity.table(),
            id: r.id,
            kind: kind_code(r.kind),
            reason: r.reason,
            at: r.at,
        }
    }
}

/// The kind's word in the JSON.
fn kind_code(kind: RejectionKind) -> &'static str {
    match kind {
        RejectionKind::Refused => "refused",
        RejectionKind::Overwritten => "overwritten",
        RejectionKind::SetAside => "set_aside",
    }
}

/// The kind in the reader's language.
fn kind_text(code: &str) -> &'static str {
    match code {
        "refused" => pick("被拒绝", "refused"),
        "overwritten" => pick("被覆盖", "overwritten"),
        _ => pick("作为重复记录移出", "set aside as a duplicate"),
    }
}

/// `crm sync rejections`: the kept rejections, oldest first.
pub fn list(db: &Path, output: Output) -> Result<(), Failure> {
    let store = open_for_reading(db)?;
    let kept: Vec<Kept> = store
        .sync_rejections()?
        .into_iter()
        .map(Kept::from)
        .collect();
    output.print(&kept, || {
        if kept.is_empty() {
            return say!("没有被拒绝的更改。\n", "No refused changes.\n");
        }
        kept.iter()
            .map(|k| {
                say!(
                    "#{} {} {} {}（{}）：{}\n",
                    "#{} {} {} {} ({}): {}\n",
                    k.op_id,
                    k.at.format("%Y-%m-%d %H:%M"),
                    k.entity,
                    k.id,
                    kind_text(k.kind),
                    k.reason
                )
            })
            .collect()
    })
}

/// `crm sync dismiss OP_ID`: forgets one kept rejection.
pub fn dismiss(db: &Path, op_id: u64, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    store.dismiss_rejection(op_id)?;
    #[derive(Serialize)]
    struct Dismissed {
        dismissed: u64,
    }
    output.print(&Dismissed { dismissed: op_id }, || {
        say!("已忽略 #{}。\n", "Dismissed #{}.\n", op_id)
    })
}
