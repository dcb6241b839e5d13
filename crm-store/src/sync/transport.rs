//! The HTTP transport to the dealership's server (`crm-server`), behind [`Store::sync`]:
//! who the user is, the upload queue sent oldest first until empty, then downloads applied
//! batch by batch until the server has nothing more. Blocking, on `ureq` with rustls (no
//! OpenSSL to ship in an app). Apps with a transport of their own use the payload-level
//! operations instead ([`Store::pending_upload`], [`Store::acknowledge`],
//! [`Store::apply_download`]).

use crate::error::{Result, StoreError};
use crate::Store;
use crm_core::sync::{Checkpoint, ContactKeys, Download, Rejection, UploadResult, UserRole};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::time::Duration;

/// Changes sent per upload request.
const UPLOAD_BATCH: u32 = 500;
/// Rows asked for per download request: the server's most. Each batch is a request, a
/// server transaction and a device transaction with its commit, so a first sync of
/// 200,000 rows makes 20 of them rather than 200; a batch of 10,000 rows is a few MB of
/// JSON.
const DOWNLOAD_BATCH: u32 = 10_000;
/// Key changes asked for per request.
const KEY_BATCH: u32 = 10_000;
/// Requests one sync makes at most each way: a device writing without pause while it syncs
/// cannot keep it running for ever.
const MAX_ROUNDS: usize = 10_000;
/// How long one request may take, connection included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// What one [`Store::sync`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncSummary {
    /// Changes the server acknowledged (accepted or rejected).
    pub uploaded: u64,
    /// Rows the downloads brought.
    pub downloaded: u64,
    /// Changes to the dealership's contact keys (hashed) the book took in.
    pub keys: u64,
    /// The changes the server refused, with its reasons; the book holds the server's
    /// values again, and [`Store::sync_rejections`] keeps them for the app.
    pub rejected: Vec<Rejection>,
}

/// Who the server says the token's user is (`GET /v1/me`).
#[derive(Debug, Deserialize)]
struct Me {
    user_id: String,
    name: String,
    role: UserRole,
    team: Option<String>,
}

/// The JSON body of a refused request.
#[derive(Debug, Deserialize)]
struct ServerError {
    error: String,
    message: Option<String>,
}

/// One server, one token.
pub(crate) struct Client {
    agent: ureq::Agent,
    base: String,
    authorization: String,
}

impl Client {
    /// A client of `server` (http:// or https://) with `token`; errors name `server` or
    /// `token`.
    pub(crate) fn new(server: &str, token: &str) -> Result<Client> {
        let base = server.trim_end_matches('/');
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(crm_core::ValidationError::new(
                "server",
                crm_core::Rule::Malformed {
                    expected: "an http:// or https:// address",
                },
            )
            .into());
        }
        if token.trim().is_empty() {
            return Err(crm_core::ValidationError::new("token", crm_core::Rule::Required).into());
        }
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(REQUEST_TIMEOUT))
            .http_status_as_error(false)
            .build()
            .new_agent();
        Ok(Client {
            agent,
            base: base.to_owned(),
            authorization: format!("Bearer {}", token.trim()),
        })
    }

    /// GETs `path`, the answer as `T`.
    pub(crate) fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        let response = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Authorization", &self.authorization)
            .call()
            .map_err(|e| self.unreachable(e))?;
        self.read(response)
    }

    /// POSTs `body` as JSON to `path`, the answer as `T`.
    pub(crate) fn post<B: serde::Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T> {
        let response = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Authorization", &self.authorization)
            .send_json(body)
            .map_err(|e| self.unreachable(e))?;
        self.read(response)
    }

    fn read<T: DeserializeOwned>(
        &self,
        mut response: ureq::http::Response<ureq::Body>,
    ) -> Result<T> {
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| self.unreachable(e))?;
        if !(200..300).contains(&status) {
            let message = match serde_json::from_str::<ServerError>(&body) {
                Ok(e) => match e.message {
                    Some(m) => format!("{}: {m}", e.error),
                    None => e.error,
                },
                Err(_) => body.chars().take(200).collect(),
            };
            return Err(StoreError::Sync {
                status: Some(status),
                message,
            });
        }
        serde_json::from_str(&body).map_err(|e| StoreError::Sync {
            status: Some(status),
            message: format!("the server's answer could not be read: {e}"),
        })
    }

    fn unreachable(&self, e: ureq::Error) -> StoreError {
        StoreError::Sync {
            status: None,
            message: format!("{}: {e}", self.base),
        }
    }
}

/// A server that says more is to come without moving its checkpoint.
fn stalled() -> StoreError {
    StoreError::Sync {
        status: None,
        message: "the server said more was to come but did not move the checkpoint".to_owned(),
    }
}

/// Fetches download batches from `from` on, each from the checkpoint of the one before,
/// and hands each to `batches` as it arrives; stops after the last one, a failed request,
/// a stalled checkpoint, or when `batches` is gone.
fn fetch_downloads(client: &Client, mut from: Checkpoint, batches: SyncSender<Result<Download>>) {
    for _ in 0..MAX_ROUNDS {
        let fetched: Result<Download> = client.get(&format!(
            "/v1/download?checkpoint={}&limit={DOWNLOAD_BATCH}",
            from.0
        ));
        let next = match &fetched {
            Ok(d) if d.has_more && d.checkpoint > from => Some(d.checkpoint),
            _ => None,
        };
        if batches.send(fetched).is_err() {
            return;
        }
        match next {
            Some(checkpoint) => from = checkpoint,
            None => return,
        }
    }
}

impl Store {
    /// Applies the server's downloads from the book's checkpoint until it has nothing
    /// more; the rows they brought. The next batch is fetched (and parsed) on a thread of
    /// its own while this one is applied: the server's work and the book's overlap. Each
    /// batch is still applied in its own transaction, in order, so a sync cut off leaves
    /// the book at the last batch applied; a batch fetched and not applied is dropped.
    fn download_all(&self, client: &Client) -> Result<u64> {
        let start = self.sync_checkpoint()?;
        std::thread::scope(|scope| {
            // One batch waits while another is applied: at most two in memory.
            let (sender, batches) = sync_channel(1);
            scope.spawn(move || fetch_downloads(client, start, sender));
            let mut downloaded = 0;
            let mut from = start;
            for download in batches {
                let download = download?;
                self.apply_download(&download)?;
                downloaded += download.rows.len() as u64;
                if !download.has_more {
                    return Ok(downloaded);
                }
                if download.checkpoint <= from {
                    return Err(stalled());
                }
                from = download.checkpoint;
            }
            Ok(downloaded)
        })
    }

    /// Syncs this book with the dealership's server at `server` (`https://...`; `http://`
    /// for a server on the same machine or behind a proxy the app trusts) as the user of
    /// `token`: records who the user is, sends the upload queue until it is empty and the
    /// deletions log's new entries (for the team's managers: [`Store::team_deletions`]), applies
    /// downloads until the server has nothing more, takes in the changes to the
    /// dealership's contact keys (hashed: the duplicate warnings of
    /// [`Store::check_duplicates`] offline), then records the team's pool rules and the
    /// user's standing under them ([`Store::pool_status`]). Each batch is its own
    /// transaction, so a sync cut off anywhere loses nothing: the next one goes on from
    /// where this one stopped.
    ///
    /// Fails with [`StoreError::Sync`] when the server cannot be reached or refuses the
    /// request as a whole (an unknown token, a server older than the book); changes the
    /// server refuses one by one are not failures but [`SyncSummary::rejected`].
    pub fn sync(&self, server: &str, token: &str) -> Result<SyncSummary> {
        let client = Client::new(server, token)?;
        let me: Me = client.get("/v1/me")?;
        self.set_sync_user(&me.user_id, &me.name, me.role, me.team.as_deref())?;
        let mut summary = SyncSummary::default();
        for _ in 0..MAX_ROUNDS {
            let upload = self.pending_upload(UPLOAD_BATCH)?;
            let Some(last) = upload.changes.last().map(|c| c.op_id) else {
                break;
            };
            let result: UploadResult = client.post("/v1/upload", &upload)?;
            if result.acknowledged_through < last {
                return Err(StoreError::Sync {
                    status: None,
                    message: format!(
                        "the server acknowledged through operation {} of {last}",
                        result.acknowledged_through
                    ),
                });
            }
            self.acknowledge(&result)?;
            summary.uploaded += upload.changes.len() as u64;
            summary.rejected.extend(result.rejected);
        }
        self.send_deletions(&client)?;
        summary.downloaded = self.download_all(&client)?;
        for _ in 0..MAX_ROUNDS {
            let since = self.contact_key_checkpoint()?;
            let keys: ContactKeys =
                client.get(&format!("/v1/contact-keys?since={since}&limit={KEY_BATCH}"))?;
            self.apply_contact_keys(&keys)?;
            summary.keys += keys.changes.len() as u64;
            if !keys.has_more {
                break;
            }
            if keys.through <= since {
                return Err(stalled());
            }
        }
        // A server without the pool's rules (older than them) leaves the stored ones.
        match client.get::<crm_core::pool::PoolStatus>("/v1/pool") {
            Ok(pool) => self.set_pool_status(&pool)?,
            Err(StoreError::Sync {
                status: Some(404), ..
            }) => {}
            Err(e) => return Err(e),
        }
        Ok(summary)
    }
}
