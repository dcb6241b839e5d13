//! The server is stateless: two `crm-server` processes on one database serve devices
//! interchangeably.

mod common;

use common::*;
use crm_core::sync::SyncEntity::*;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

async fn spawn_server(db: &str) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crm-server"))
        .args(["serve", "--database-url", db, "--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.next_line().await.unwrap().unwrap();
    let url = line.strip_prefix("listening on ").expect(&line).to_string();
    (child, url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_serve_devices_alternately() {
    let db = database().await;
    let c01 = user(&db, "c01", crm_server::auth::Role::Consultant, Some("A")).await;
    let m1 = user(&db, "m1", crm_server::auth::Role::Manager, Some("A")).await;
    let (mut one, url_one) = spawn_server(&db).await;
    let (mut two, url_two) = spawn_server(&db).await;
    assert_ne!(url_one, url_two);

    // The same two devices, each request through the other process than the last.
    let mut a = Device::new(&url_one, &c01, "a");
    let mut b = Device::new(&url_two, &m1, "b");
    let mut expected = serde_json::Map::new();
    expected.insert("owner".into(), json!("c01"));
    for round in 0..6 {
        let field = format!("field_{round}");
        let (writer, reader) = if round % 2 == 0 {
            (&mut a, &mut b)
        } else {
            (&mut b, &mut a)
        };
        let fields = if round == 0 {
            json!({"name": "王芳", "field_0": 0})
        } else {
            json!({ field.clone(): round })
        };
        for (k, v) in fields.as_object().unwrap() {
            expected.insert(k.clone(), v.clone());
        }
        let change = writer.put(Customers, "k1", fields);
        let result = writer.upload(vec![change.clone()]).await;
        assert!(result.rejected.is_empty(), "{result:?}");
        let version = count(&db, "SELECT max(version) FROM sync_rows").await;
        // The replay through the other process: acknowledged, nothing doubled.
        writer.url = if writer.url == url_one {
            url_two.clone()
        } else {
            url_one.clone()
        };
        assert_eq!(writer.upload(vec![change]).await, result);
        assert_eq!(
            count(&db, "SELECT max(version) FROM sync_rows").await,
            version
        );
        reader.url = if reader.url == url_one {
            url_two.clone()
        } else {
            url_one.clone()
        };
        let seen = rows_seen(&reader.download().await);
        assert_eq!(
            seen[&("customers".into(), "k1".into())],
            Some(serde_json::Value::Object(expected.clone())),
            "round {round}"
        );
    }

    // Both processes at once, many small uploads to one customer's different fields.
    let mut tasks = Vec::new();
    for i in 0..20 {
        let (url, other_url) = if i % 2 == 0 {
            (url_one.clone(), url_two.clone())
        } else {
            (url_two.clone(), url_one.clone())
        };
        let token = if i % 3 == 0 { m1.clone() } else { c01.clone() };
        tasks.push(tokio::spawn(async move {
            let d = Device::new(&url, &token, &format!("parallel-{i}"));
            let change = d.put(Customers, "k1", json!({ format!("p{i}"): i }));
            d.upload(vec![change.clone()]).await;
            // The same upload again, through the other process.
            let other = Device::new(&other_url, &token, &format!("parallel-{i}"));
            other
                .post_json("/v1/upload", &other.upload_body(vec![change]))
                .await
        }));
    }
    for task in tasks {
        let (status, _) = task.await.unwrap();
        assert_eq!(status, 200);
    }
    let fields = stored_fields(&db, "customers", "k1").await.unwrap();
    for i in 0..20 {
        assert_eq!(fields[format!("p{i}")], json!(i), "p{i} lost");
    }
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM applied_ops WHERE device_id LIKE 'parallel-%'"
        )
        .await,
        20
    );
    let versions = count(&db, "SELECT count(DISTINCT version) FROM sync_rows").await;
    assert_eq!(versions, count(&db, "SELECT count(*) FROM sync_rows").await);
    one.kill().await.unwrap();
    two.kill().await.unwrap();
}
