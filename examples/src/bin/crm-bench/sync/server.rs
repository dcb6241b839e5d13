//! The server side of `crm-bench sync`: a database of its own in the PostgreSQL cluster
//! (created with the server's schema, dropped at the end), its users, and `crm-server serve`
//! child processes on it.

use super::Result;
use crm_server::auth::{add_user, NewUser, Role};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::runtime::Runtime;

/// A connection to `url`, its connection task running on `rt`.
pub async fn connect(url: &str) -> Result<tokio_postgres::Client> {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .map_err(|e| format!("cannot connect to {url}: {e}"))?;
    tokio::spawn(connection);
    Ok(client)
}

static DATABASES: AtomicU64 = AtomicU64::new(0);

/// A database of the benchmark's own, with the server's schema; dropped with this value.
pub struct Database {
    /// Its URL.
    pub url: String,
    cluster_url: String,
    name: String,
}

impl Database {
    /// Creates a new database in the cluster of `cluster_url` (any database of it) and
    /// gives it the server's schema.
    pub fn create(rt: &Runtime, cluster_url: &str) -> Result<Database> {
        let (prefix, _) = cluster_url
            .rsplit_once('/')
            .ok_or("--database-url is postgres://USER@HOST:PORT/DATABASE")?;
        let name = format!(
            "crm_bench_{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::SeqCst)
        );
        let url = format!("{prefix}/{name}");
        rt.block_on(async {
            let admin = connect(cluster_url).await?;
            admin
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .await
                .map_err(|e| format!("CREATE DATABASE {name}: {e}"))?;
            let mut client = connect(&url).await?;
            crm_server::db::schema::init(&mut client).await?;
            Ok::<_, Box<dyn std::error::Error>>(())
        })?;
        Ok(Database {
            url,
            cluster_url: cluster_url.to_owned(),
            name,
        })
    }

    /// Adds consultant `id` of `team` and returns a device token for them.
    pub fn consultant(&self, rt: &Runtime, id: &str, team: &str) -> Result<String> {
        self.user(rt, id, Role::Consultant, team)
    }

    /// Adds user `id` with `role` in `team` and returns a device token for them.
    pub fn user(&self, rt: &Runtime, id: &str, role: Role, team: &str) -> Result<String> {
        rt.block_on(async {
            let client = connect(&self.url).await?;
            let token = add_user(
                &client,
                &NewUser {
                    id: id.to_owned(),
                    name: format!("{}{id}", role.code()),
                    role,
                    team: Some(team.to_owned()),
                },
            )
            .await?;
            Ok(token)
        })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        let dropped = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
            .and_then(|rt| {
                rt.block_on(async {
                    let admin = connect(&self.cluster_url)
                        .await
                        .map_err(|e| e.to_string())?;
                    admin
                        .batch_execute(&format!(
                            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                            self.name
                        ))
                        .await
                        .map_err(|e| e.to_string())
                })
            });
        if let Err(e) = dropped {
            eprintln!("crm-bench: could not drop the database {}: {e}", self.name);
        }
    }
}

/// A `crm-server serve` child process; stopped with this value.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    child: Child,
    /// Kept open: a server writing to a closed pipe would fail.
    _stdout: BufReader<ChildStdout>,
}

impl Server {
    /// Starts `bin serve` on `database_url`, on a free port of loopback, and waits for its
    /// `listening on http://...` line.
    pub fn start(bin: &Path, database_url: &str) -> Result<Server> {
        let mut child = Command::new(bin)
            .args([
                "serve",
                "--database-url",
                database_url,
                "--listen",
                "127.0.0.1:0",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout from crm-server")?;
        let mut stdout = BufReader::new(stdout);
        let mut line = String::new();
        stdout.read_line(&mut line)?;
        let url = match line.trim().strip_prefix("listening on ") {
            Some(url) => url.to_owned(),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("crm-server did not start: {line:?}").into());
            }
        };
        Ok(Server {
            url,
            child,
            _stdout: stdout,
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
