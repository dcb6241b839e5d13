//! crm-server: the dealership's sync server. Devices keep working on their own book, offline;
//! this service is where their changes meet, in PostgreSQL (the store of record).
//!
//! It is stateless: every request is one PostgreSQL transaction, so any number of
//! `crm-server` processes serve devices interchangeably from one database. TLS is a reverse
//! proxy's job.
//!
//! Modules: `db` (pool, versioned schema), `auth` (users, roles, tokens), `sync` (the upload
//! rules and checkpointed downloads, the dealership's contact keys), `duplicates` (the
//! managers' queue of duplicate claims), `pool` (the public pool's rules, claims, the
//! release job, transfers), `audit` (the team's deletions log), `http` (routes and error
//! answers), `error`.

pub mod audit;
pub mod auth;
pub mod db;
pub mod duplicates;
pub mod error;
pub mod http;
pub mod pool;
pub mod sync;

use crm_core::Clock;
use error::ServerError;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// A server bound to its address, ready to [`Bound::run`].
pub struct Bound {
    /// The address it listens on (the real port when asked for port 0).
    pub addr: SocketAddr,
    listener: TcpListener,
    app: axum::Router,
    pool: deadpool_postgres::Pool,
    clock: Arc<dyn Clock>,
}

/// Checks the database's schema and binds `listen` (`127.0.0.1:0`: any free port).
pub async fn bind(database_url: &str, listen: &str) -> Result<Bound, ServerError> {
    bind_with_clock(database_url, listen, Arc::new(crm_store::SystemClock)).await
}

/// [`bind`] with the clock the pool's rules read "now" from (tests set their own).
pub async fn bind_with_clock(
    database_url: &str,
    listen: &str,
    clock: Arc<dyn Clock>,
) -> Result<Bound, ServerError> {
    let pool = db::pool::connect(database_url)?;
    let client = pool.get().await?;
    db::schema::check_current(&**client).await?;
    drop(client);
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let app = http::router(http::AppState {
        pool: pool.clone(),
        clock: clock.clone(),
    });
    Ok(Bound {
        addr,
        listener,
        app,
        pool,
        clock,
    })
}

impl Bound {
    /// Serves until the process ends.
    pub async fn run(self) -> Result<(), ServerError> {
        axum::serve(self.listener, self.app).await?;
        Ok(())
    }

    /// Serves until the process ends, and releases the customers due to the pool every
    /// `every` (the first run right away), reporting each run that released any on stderr.
    pub async fn run_releasing(self, every: Duration) -> Result<(), ServerError> {
        let (pool, clock) = (self.pool.clone(), self.clock.clone());
        tokio::spawn(async move {
            let mut timer = tokio::time::interval(every);
            timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                timer.tick().await;
                match pool::release::release_due(&pool, clock.now()).await {
                    Ok(released) if released.customers.is_empty() => {}
                    Ok(released) => eprintln!(
                        "released {} customers to the pool",
                        released.customers.len()
                    ),
                    Err(e) => eprintln!("release-due: {e}"),
                }
            }
        });
        self.run().await
    }
}
