//! The first sync of a consultant's phone: a fresh book's `Store::sync` downloading every
//! row of the consultant's customers, beside the PostgreSQL floor (the same rows copied out
//! with `COPY ... TO STDOUT` and into a scratch table with `COPY ... FROM STDIN`), and a
//! breakdown of one sync into the downloads alone (server, HTTP, JSON) and their apply.

use super::server::connect;
use super::Result;
use crate::measure::Samples;
use crm_core::sync::Download;
use crm_store::Store;
use futures_util::{pin_mut, SinkExt, TryStreamExt};
use std::path::Path;
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;

/// Rows asked for per download, as `Store::sync` asks.
const DOWNLOAD_BATCH: u32 = 10_000;

/// What the timed first syncs and their floor measured.
pub struct FirstSync {
    /// `Store::sync` of a fresh book, per run.
    pub ours: Samples,
    /// `COPY` out and in of the same rows, per run.
    pub floor: Samples,
    /// Rows each sync downloaded.
    pub rows: u64,
    /// Rows the floor copied.
    pub floor_rows: u64,
    /// One sync taken apart: the downloads alone (server, HTTP, JSON parsing) ...
    pub fetch: Duration,
    /// ... and applying the same batches to a fresh book.
    pub apply: Duration,
}

/// Times `runs` first syncs of fresh books in `dir` as the user of `token`, alternating with
/// the floor for `user`'s rows in the database at `database_url`.
pub fn measure(
    rt: &Runtime,
    dir: &Path,
    server: &str,
    token: &str,
    database_url: &str,
    user: &str,
    runs: usize,
) -> Result<FirstSync> {
    let mut ours = Samples::default();
    let mut floor = Samples::default();
    let mut rows = 0;
    let mut floor_rows = 0;
    for run in 0..runs.max(1) {
        let path = dir.join(format!("first-{run}.sqlite3"));
        let store = Store::open(&path)?;
        let summary = ours.time(|| store.sync(server, token))?;
        if run > 0 && summary.downloaded != rows {
            return Err(format!(
                "first syncs downloaded {rows} and then {} rows",
                summary.downloaded
            )
            .into());
        }
        rows = summary.downloaded;
        drop(store);
        std::fs::remove_file(&path)?;
        floor_rows = rt.block_on(copy_out_in(database_url, user, &mut floor))?;
    }
    if rows == 0 || floor_rows == 0 {
        return Err("the first sync downloaded nothing".into());
    }
    let (fetch, apply) = breakdown(dir, server, token)?;
    Ok(FirstSync {
        ours,
        floor,
        rows,
        floor_rows,
        fetch,
        apply,
    })
}

/// One first sync in two halves: every download fetched and parsed first, then applied to
/// a fresh book.
fn breakdown(dir: &Path, server: &str, token: &str) -> Result<(Duration, Duration)> {
    let agent = ureq::Agent::new_with_defaults();
    let authorization = format!("Bearer {token}");
    let started = Instant::now();
    let mut batches: Vec<Download> = Vec::new();
    let mut checkpoint = 0;
    loop {
        let download: Download = agent
            .get(format!(
                "{server}/v1/download?checkpoint={checkpoint}&limit={DOWNLOAD_BATCH}"
            ))
            .header("Authorization", &authorization)
            .call()?
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_json()?;
        checkpoint = download.checkpoint.0;
        let more = download.has_more;
        batches.push(download);
        if !more {
            break;
        }
    }
    let fetch = started.elapsed();
    let path = dir.join("breakdown.sqlite3");
    let store = Store::open(&path)?;
    let started = Instant::now();
    for batch in &batches {
        store.apply_download(batch)?;
    }
    let apply = started.elapsed();
    drop(store);
    std::fs::remove_file(&path)?;
    Ok((fetch, apply))
}

/// Copies the live rows of `user`'s customers out of `sync_rows` (`COPY (SELECT ...) TO
/// STDOUT`) and into a fresh scratch table (`COPY ... FROM STDIN`), timing both in one
/// sample; returns how many rows it copied.
pub async fn copy_out_in(database_url: &str, user: &str, samples: &mut Samples) -> Result<u64> {
    let client = connect(database_url).await?;
    client
        .batch_execute(
            "DROP TABLE IF EXISTS floor_copy; \
             CREATE TABLE floor_copy (entity text, id text, customer_id text, \
             fields jsonb, version bigint)",
        )
        .await?;
    let out = format!(
        "COPY (SELECT r.entity, r.id, r.customer_id, r.fields, r.version \
         FROM sync_rows r WHERE NOT r.deleted AND r.customer_id IN \
         (SELECT c.id FROM sync_rows c WHERE c.entity = 'customers' AND c.owner = '{}' \
         AND NOT c.deleted) ORDER BY r.version) TO STDOUT",
        user.replace('\'', "''")
    );
    let started = Instant::now();
    let stream = client.copy_out(out.as_str()).await?;
    pin_mut!(stream);
    let mut chunks = Vec::new();
    while let Some(chunk) = stream.try_next().await? {
        chunks.push(chunk);
    }
    let sink = client.copy_in("COPY floor_copy FROM STDIN").await?;
    pin_mut!(sink);
    for chunk in chunks {
        sink.send(chunk).await?;
    }
    let copied = sink.finish().await?;
    samples.push_per(started.elapsed(), 1);
    client.batch_execute("DROP TABLE floor_copy").await?;
    Ok(copied)
}
