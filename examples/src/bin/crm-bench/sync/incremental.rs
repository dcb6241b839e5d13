//! Incremental sync on loopback: 100 edits on a synced book, then its `Store::sync` (the
//! upload, the acknowledgement, the download of the same rows back), beside an empty sync
//! of the same book (nothing to send or receive) right after it.

use super::book::Book;
use super::Result;
use crate::measure::Samples;
use chrono::Duration;
use crm_core::CustomerPatch;

/// Times `rounds` rounds on `book` (already synced with `server` as the user of `token`):
/// `edits` customers' notes changed, then a timed sync; then a timed empty sync.
pub fn measure(
    book: &Book,
    server: &str,
    token: &str,
    edits: usize,
    rounds: usize,
) -> Result<(Samples, Samples)> {
    let mut ours = Samples::default();
    let mut empty = Samples::default();
    // The customers still in the book: its first sync evicts those the server set aside as
    // duplicates of another consultant's.
    let customers: Vec<_> = book
        .customers
        .iter()
        .filter(|id| book.store.get_customer(id).is_ok())
        .collect();
    let count = customers.len();
    if count == 0 {
        return Err("no customers to edit".into());
    }
    for round in 0..rounds.max(1) {
        book.clock
            .set(super::book::anchor() + Duration::minutes(round as i64 + 1));
        for i in 0..edits {
            let id = customers[(round * edits + i) % count];
            let version = book.store.get_customer(id)?.version;
            let patch = CustomerPatch {
                notes: Some(Some(format!("第{round}轮回访：想要白色，周末再来 #{i}"))),
                ..Default::default()
            };
            book.store.update_customer(id, version, &patch)?;
        }
        let summary = ours.time(|| book.store.sync(server, token))?;
        if summary.uploaded < edits as u64 || !summary.rejected.is_empty() {
            return Err(format!(
                "round {round}: uploaded {} changes for {edits} edits, {} refused",
                summary.uploaded,
                summary.rejected.len()
            )
            .into());
        }
        let nothing = empty.time(|| book.store.sync(server, token))?;
        if nothing.uploaded != 0 || nothing.downloaded != 0 {
            return Err(format!(
                "round {round}: the empty sync moved {} up and {} down",
                nothing.uploaded, nothing.downloaded
            )
            .into());
        }
    }
    Ok((ours, empty))
}
