//! A consultant's book as `crm demo` fills one: generated customers, all owned by the
//! consultant, each with a follow-up history and a pipeline written through the store's
//! API (so every write is in the outbox, as on a phone).

use super::Result;
use chrono::{DateTime, TimeZone, Utc};
use crm_core::{CustomerId, ManualClock};
use crm_examples::generator::follow_ups::{log_history, Histories};
use crm_examples::generator::generate;
use crm_examples::generator::pipeline::{apply_pipeline, Pipelines};
use crm_store::Store;
use std::path::Path;
use std::sync::Arc;

/// Customers imported and given histories per transaction (as `crm demo`).
const BATCH: usize = 1_000;

/// The generator's anchor: customers are created in the 18 months before it.
pub fn anchor() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A filled book and what it holds.
pub struct Book {
    /// The store.
    pub store: Store,
    /// Its clock (set back to the anchor after filling).
    pub clock: Arc<ManualClock>,
    /// Its customers, in generation order.
    pub customers: Vec<CustomerId>,
}

/// Fills a new book at `path` with `count` customers owned by `owner`, each with a
/// follow-up history and a pipeline (`seed` as `crm demo --seed`).
pub fn fill(path: &Path, seed: u64, count: usize, owner: &str) -> Result<Book> {
    let anchor = anchor();
    let clock = Arc::new(ManualClock::new(anchor));
    let store = Store::open_with_clock(path, clock.clone())?;
    let zone = store.settings()?.zone;
    let histories = Histories::new(seed, anchor, zone);
    let pipelines = Pipelines::new(seed, anchor, zone);
    let mut customers = Vec::with_capacity(count);
    let mut index = 0u64;
    for mut batch in generate(seed, count, anchor).chunks(BATCH) {
        for item in &mut batch {
            item.customer.owner = Some(owner.to_owned());
        }
        clock.set(anchor);
        let ids = store.import_customers(&batch)?;
        store.batch(|store| {
            for (id, customer) in ids.iter().zip(&batch) {
                let history = histories.history(index, customer);
                log_history(store, &clock, id, Some(owner), &history)?;
                let plan = pipelines.pipeline(index, id, customer);
                apply_pipeline(store, &clock, id, Some(owner), &plan)?;
                index += 1;
            }
            Ok(())
        })?;
        customers.extend(ids);
    }
    clock.set(anchor);
    Ok(Book {
        store,
        clock,
        customers,
    })
}
