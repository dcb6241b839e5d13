//! A small pool of PostgreSQL connections, without TLS (a database reached over an untrusted
//! network goes through a tunnel or a proxy, as the HTTP side does).

use crate::error::ServerError;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

/// Connections per server process: enough for the requests two cores serve at once.
pub const POOL_SIZE: usize = 16;

/// A pool for `database_url` (`postgres://user@host:port/db`); connects lazily.
pub fn connect(database_url: &str) -> Result<Pool, ServerError> {
    let config: tokio_postgres::Config =
        database_url
            .parse()
            .map_err(|e: tokio_postgres::Error| ServerError::Config {
                what: "--database-url",
                detail: e.to_string(),
            })?;
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(POOL_SIZE)
        .build()
        .map_err(|e| ServerError::Config {
            what: "--database-url",
            detail: e.to_string(),
        })
}
