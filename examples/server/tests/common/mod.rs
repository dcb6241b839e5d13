//! What the server's tests share: a fresh database per test on the PostgreSQL named by
//! `CRM_TEST_DATABASE_URL`, a server on a free port, users, and devices that upload and
//! download like a book would.
#![allow(dead_code)]

pub mod books;
pub mod cli;

use chrono::{TimeZone, Utc};
use crm_core::sync::{Change, ChangeOp, Download, SyncEntity, Upload, UploadResult};
use crm_server::auth::{add_user, NewUser, Role};
use serde_json::{json, Map, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The cluster the tests run on: never skipped, a clear failure when it is not given.
pub fn cluster_url() -> String {
    match std::env::var("CRM_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "CRM_TEST_DATABASE_URL is unset: the sync server's tests need PostgreSQL 15. \
             Run scripts/test-all.sh, or start a throwaway cluster with \
             `scripts/pg-cluster.sh start` and export the URL it prints."
        ),
    }
}

/// A connection to `url` (its connection task runs in the background).
pub async fn connect(url: &str) -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to {url}: {e}"));
    tokio::spawn(connection);
    client
}

static DATABASES: AtomicU64 = AtomicU64::new(0);

/// A new, empty database of its own (so tests run in parallel); its URL.
pub async fn empty_database() -> String {
    let base = cluster_url();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let name = format!(
        "crm_test_{}_{}_{nanos}",
        std::process::id(),
        DATABASES.fetch_add(1, Ordering::SeqCst)
    );
    let admin = connect(&base).await;
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
    let (prefix, _) = base
        .rsplit_once('/')
        .expect("CRM_TEST_DATABASE_URL is postgres://user@host:port/database");
    format!("{prefix}/{name}")
}

/// A new database with the server's schema.
pub async fn database() -> String {
    let url = empty_database().await;
    let mut client = connect(&url).await;
    crm_server::db::schema::init(&mut client).await.unwrap();
    url
}

/// A token for a new user.
pub async fn user(db: &str, id: &str, role: Role, team: Option<&str>) -> String {
    let client = connect(db).await;
    add_user(
        &client,
        &NewUser {
            id: id.into(),
            name: format!("{id} 的名字"),
            role,
            team: team.map(String::from),
        },
    )
    .await
    .unwrap()
}

/// A server in this process on a free port; its base URL (`http://127.0.0.1:PORT`).
pub async fn server(db: &str) -> String {
    let bound = crm_server::bind(db, "127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", bound.addr);
    tokio::spawn(bound.run());
    url
}

/// The usual cast: a database, a server, consultants c01 and c02 of team A, c03 of team
/// B, manager m1 of team A and admin a1.
pub struct World {
    pub db: String,
    pub url: String,
    pub c01: String,
    pub c02: String,
    pub c03: String,
    pub m1: String,
    pub a1: String,
}

pub async fn world() -> World {
    let db = database().await;
    let url = server(&db).await;
    World {
        c01: user(&db, "c01", Role::Consultant, Some("A")).await,
        c02: user(&db, "c02", Role::Consultant, Some("A")).await,
        c03: user(&db, "c03", Role::Consultant, Some("B")).await,
        m1: user(&db, "m1", Role::Manager, Some("A")).await,
        a1: user(&db, "a1", Role::Admin, None).await,
        url,
        db,
    }
}

/// A device: its id, its user's token, its next operation id and its checkpoint.
pub struct Device {
    pub url: String,
    pub token: String,
    pub id: String,
    pub next_op: AtomicU64,
    pub checkpoint: u64,
    http: reqwest::Client,
}

impl Device {
    pub fn new(url: &str, token: &str, id: &str) -> Device {
        Device {
            url: url.into(),
            token: token.into(),
            id: id.into(),
            next_op: AtomicU64::new(1),
            checkpoint: 0,
            http: reqwest::Client::new(),
        }
    }

    /// A change with the next operation id.
    pub fn change(&self, entity: SyncEntity, id: &str, op: ChangeOp, fields: Value) -> Change {
        let op_id = self.next_op.fetch_add(1, Ordering::SeqCst);
        Change {
            op_id,
            entity,
            id: id.into(),
            op,
            fields: as_map(fields),
            base_version: None,
            at: Utc.with_ymd_and_hms(2026, 12, 7, 8, 0, 0).unwrap(),
        }
    }

    pub fn put(&self, entity: SyncEntity, id: &str, fields: Value) -> Change {
        self.change(entity, id, ChangeOp::Put, fields)
    }

    pub fn delete(&self, entity: SyncEntity, id: &str) -> Change {
        self.change(entity, id, ChangeOp::Delete, json!({}))
    }

    pub fn upload_body(&self, changes: Vec<Change>) -> Upload {
        Upload {
            device_id: self.id.clone(),
            schema_version: crm_server::sync::upload::BOOK_SCHEMA_VERSION,
            changes,
        }
    }

    /// Uploads; panics unless the server answers 200.
    pub async fn upload(&self, changes: Vec<Change>) -> UploadResult {
        let (status, body) = self
            .post_json("/v1/upload", &self.upload_body(changes))
            .await;
        assert_eq!(status, 200, "upload answered {status}: {body}");
        serde_json::from_value(body).unwrap()
    }

    /// Posts any JSON; the status and the JSON answer.
    pub async fn post_json(&self, path: &str, body: &impl serde::Serialize) -> (u16, Value) {
        self.post_raw(path, serde_json::to_vec(body).unwrap()).await
    }

    /// Posts raw bytes; the status and the JSON answer.
    pub async fn post_raw(&self, path: &str, body: Vec<u8>) -> (u16, Value) {
        let answer = self
            .http
            .post(format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = answer.status().as_u16();
        (status, answer.json().await.unwrap_or(Value::Null))
    }

    /// GETs a path; the status and the JSON answer.
    pub async fn get(&self, path: &str) -> (u16, Value) {
        let answer = self
            .http
            .get(format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        let status = answer.status().as_u16();
        (status, answer.json().await.unwrap_or(Value::Null))
    }

    /// One batch from `checkpoint`.
    pub async fn download_from(&self, checkpoint: u64, limit: u32) -> Download {
        let (status, body) = self
            .get(&format!(
                "/v1/download?checkpoint={checkpoint}&limit={limit}"
            ))
            .await;
        assert_eq!(status, 200, "download answered {status}: {body}");
        serde_json::from_value(body).unwrap()
    }

    /// Every batch from the device's checkpoint on (advancing it).
    pub async fn download(&mut self) -> Vec<Download> {
        let mut batches = Vec::new();
        loop {
            let batch = self.download_from(self.checkpoint, 1000).await;
            assert!(
                batch.checkpoint.0 >= self.checkpoint,
                "the checkpoint went back"
            );
            self.checkpoint = batch.checkpoint.0;
            let more = batch.has_more;
            batches.push(batch);
            if !more {
                return batches;
            }
        }
    }
}

pub fn as_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

/// The rows of some batches as (entity, id) → fields (the last state seen).
pub fn rows_seen(
    batches: &[Download],
) -> std::collections::BTreeMap<(String, String), Option<Value>> {
    let mut seen = std::collections::BTreeMap::new();
    for batch in batches {
        for row in &batch.rows {
            seen.insert(
                (row.entity.table().to_string(), row.id.clone()),
                row.fields.clone().map(Value::Object),
            );
        }
    }
    seen
}

/// Counts rows of a table of the server's database.
pub async fn count(db: &str, sql: &str) -> i64 {
    connect(db).await.query_one(sql, &[]).await.unwrap().get(0)
}

/// A customer's fields as the server holds them.
pub async fn stored_fields(db: &str, entity: &str, id: &str) -> Option<Value> {
    connect(db)
        .await
        .query_opt(
            "SELECT fields FROM sync_rows WHERE entity = $1 AND id = $2",
            &[&entity, &id],
        )
        .await
        .unwrap()
        .map(|r| r.get(0))
}

/// A server in this process on a free port whose pool rules read "now" from `clock`.
pub async fn server_with_clock(db: &str, clock: std::sync::Arc<crm_core::ManualClock>) -> String {
    let bound = crm_server::bind_with_clock(db, "127.0.0.1:0", clock)
        .await
        .unwrap();
    let url = format!("http://{}", bound.addr);
    tokio::spawn(bound.run());
    url
}
