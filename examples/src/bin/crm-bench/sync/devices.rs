//! Many devices uploading at once: each device's changes prepared as the uploads its book
//! would send (500 changes each, as `Store::sync` sends them), then posted by one thread per
//! device at the same moment to one or two `crm-server` processes on a fresh database;
//! beside the same changes written by plain PostgreSQL `INSERT`s from as many connections.

use super::book;
use super::server::connect;
use super::Result;
use crm_core::sync::{Upload, UploadResult};
use serde_json::Value;
use std::path::Path;
use std::sync::Barrier;
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;

/// Changes per upload request, as `Store::sync` sends them.
const UPLOAD_BATCH: u32 = 500;

/// One simulated device: its user and the uploads its book queued.
pub struct Device {
    /// The consultant the device belongs to.
    pub user: String,
    /// Its uploads, oldest first.
    pub uploads: Vec<Upload>,
}

impl Device {
    /// How many changes the device sends.
    pub fn changes(&self) -> usize {
        self.uploads.iter().map(|u| u.changes.len()).sum()
    }
}

/// The team the simulated consultants belong to.
pub const TEAM: &str = "二组";

/// Fills `count` books in `dir`, each of its own consultant (`d01` ...) with `customers`
/// customers and their histories, and takes each book's outbox as uploads.
pub fn prepare(dir: &Path, seed: u64, count: usize, customers: usize) -> Result<Vec<Device>> {
    let mut devices = Vec::with_capacity(count);
    for i in 0..count {
        let user = format!("d{:02}", i + 1);
        let path = dir.join(format!("device-{user}.sqlite3"));
        let filled = book::fill(&path, seed + 1 + i as u64, customers, &user)?;
        let mut uploads = Vec::new();
        loop {
            let upload = filled.store.pending_upload(UPLOAD_BATCH)?;
            let Some(last) = upload.changes.last().map(|c| c.op_id) else {
                break;
            };
            // Taken off the queue here: the benchmark sends them itself.
            filled.store.acknowledge(&UploadResult {
                acknowledged_through: last,
                rejected: Vec::new(),
            })?;
            uploads.push(upload);
        }
        drop(filled);
        std::fs::remove_file(&path)?;
        devices.push(Device { user, uploads });
    }
    Ok(devices)
}

/// What one concurrent upload run did.
pub struct Uploaded {
    /// From the first request sent to the last answer received.
    pub wall: Duration,
    /// Of them, refused.
    pub rejected: usize,
}

/// Every device posts its uploads in order, all devices at once, device `i` to
/// `servers[i % servers.len()]` with `tokens[i]`.
pub fn upload_all(devices: &[Device], servers: &[String], tokens: &[String]) -> Result<Uploaded> {
    let barrier = Barrier::new(devices.len() + 1);
    let results = std::thread::scope(|scope| {
        let handles: Vec<_> = devices
            .iter()
            .enumerate()
            .map(|(i, device)| {
                let server = &servers[i % servers.len()];
                let authorization = format!("Bearer {}", tokens[i]);
                let barrier = &barrier;
                scope.spawn(move || -> std::result::Result<usize, String> {
                    let agent = ureq::Agent::new_with_defaults();
                    barrier.wait();
                    let mut rejected = 0;
                    for upload in &device.uploads {
                        let last = upload.changes.last().map_or(0, |c| c.op_id);
                        let result: UploadResult = agent
                            .post(format!("{server}/v1/upload"))
                            .header("Authorization", &authorization)
                            .send_json(upload)
                            .map_err(|e| format!("{}: {e}", device.user))?
                            .body_mut()
                            .read_json()
                            .map_err(|e| format!("{}: {e}", device.user))?;
                        if result.acknowledged_through != last {
                            return Err(format!(
                                "{}: acknowledged through {} of {last}",
                                device.user, result.acknowledged_through
                            ));
                        }
                        rejected += result.rejected.len();
                    }
                    Ok(rejected)
                })
            })
            .collect();
        barrier.wait();
        let started = Instant::now();
        let results: Vec<_> = handles.into_iter().map(|h| h.join()).collect();
        (started.elapsed(), results)
    });
    let (wall, results) = results;
    let mut rejected = 0;
    for result in results {
        rejected += result.map_err(|_| "an upload thread panicked")??;
    }
    Ok(Uploaded { wall, rejected })
}

/// The baseline: every device's changes written as plain rows (`INSERT`, one statement
/// per change, one transaction per upload) into a table keyed by device and operation,
/// from one connection per device, all at once. Returns the wall time.
pub fn insert_all(rt: &Runtime, database_url: &str, devices: &[Device]) -> Result<Duration> {
    rt.block_on(async {
        let admin = connect(database_url).await?;
        admin
            .batch_execute(
                "DROP TABLE IF EXISTS plain_changes; \
                 CREATE TABLE plain_changes (device_id text NOT NULL, op_id bigint NOT NULL, \
                 entity text NOT NULL, id text NOT NULL, op text NOT NULL, fields jsonb NOT NULL, \
                 PRIMARY KEY (device_id, op_id))",
            )
            .await?;
        let work: Vec<Vec<Upload>> = devices.iter().map(|d| d.uploads.clone()).collect();
        let started = Instant::now();
        let tasks: Vec<_> = work
            .into_iter()
            .map(|uploads| {
                let url = database_url.to_owned();
                tokio::spawn(async move {
                    let mut client = connect(&url).await.map_err(|e| e.to_string())?;
                    let insert = client
                        .prepare(
                            "INSERT INTO plain_changes (device_id, op_id, entity, id, op, fields) \
                             VALUES ($1, $2, $3, $4, $5, $6)",
                        )
                        .await
                        .map_err(|e| e.to_string())?;
                    for upload in uploads {
                        let tx = client.transaction().await.map_err(|e| e.to_string())?;
                        for change in upload.changes {
                            let op_id = i64::try_from(change.op_id).unwrap_or(i64::MAX);
                            let op = format!("{:?}", change.op);
                            let fields = Value::Object(change.fields);
                            tx.execute(
                                &insert,
                                &[
                                    &upload.device_id,
                                    &op_id,
                                    &change.entity.table(),
                                    &change.id,
                                    &op,
                                    &fields,
                                ],
                            )
                            .await
                            .map_err(|e| e.to_string())?;
                        }
                        tx.commit().await.map_err(|e| e.to_string())?;
                    }
                    Ok::<_, String>(())
                })
            })
            .collect();
        for task in tasks {
            task.await??;
        }
        let wall = started.elapsed();
        admin.batch_execute("DROP TABLE plain_changes").await?;
        Ok(wall)
    })
}
