//! crm-server: the dealership's sync server. Devices keep working on their own book, offline;
//! this service is where their changes meet, in PostgreSQL (the store of record).
//!
//! It is stateless: every request is one PostgreSQL transaction, so any number of
//! `crm-server` processes serve devices interchangeably from one database. TLS is a reverse
//! proxy's job.
//!
//! Modules: `db` (pool, versioned schema), `auth` (users, roles, tokens), `sync` (the upload
//! rules and checkpointed downloads, the dealership's contact keys), `duplicates` (the
//! managers' queue of duplicate claims), `http` (routes and error answers), `error`.

pub mod auth;
pub mod db;
pub mod duplicates;
pub mod error;
pub mod http;
pub mod sync;

use error::ServerError;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// A server bound to its address, ready to [`Bound::run`].
pub struct Bound {
    /// The address it listens on (the real port when asked for port 0).
    pub addr: SocketAddr,
    listener: TcpListener,
    app: axum::Router,
}

/// Checks the database's schema and binds `listen` (`127.0.0.1:0`: any free port).
pub async fn bind(database_url: &str, listen: &str) -> Result<Bound, ServerError> {
    let pool = db::pool::connect(database_url)?;
    let client = pool.get().await?;
    db::schema::check_current(&**client).await?;
    drop(client);
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let app = http::router(http::AppState { pool });
    Ok(Bound {
        addr,
        listener,
        app,
    })
}

impl Bound {
    /// Serves until the process ends.
    pub async fn run(self) -> Result<(), ServerError> {
        axum::serve(self.listener, self.app).await?;
        Ok(())
    }
}
