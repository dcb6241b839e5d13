//! PostgreSQL: the connection pool and the versioned schema.

pub mod pool;
pub mod schema;
