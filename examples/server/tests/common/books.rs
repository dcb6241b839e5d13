//! Real books (`crm_store::Store`) syncing with a test server through the library's own
//! transport.

use crm_store::{Store, SyncSummary};
use std::path::Path;
use std::sync::Arc;

/// A phone's book in a file.
pub fn book(dir: &Path, name: &str) -> Arc<Store> {
    Arc::new(Store::open(dir.join(format!("{name}.sqlite3"))).unwrap())
}

/// One sync, off the async runtime the in-process server runs on.
pub async fn sync(store: &Arc<Store>, url: &str, token: &str) -> SyncSummary {
    let (store, url, token) = (store.clone(), url.to_owned(), token.to_owned());
    tokio::task::spawn_blocking(move || store.sync(&url, &token))
        .await
        .unwrap()
        .unwrap()
}
