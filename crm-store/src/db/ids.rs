//! Generated ids: UUIDv7 text.

use chrono::{DateTime, Utc};
use std::sync::Mutex;
use uuid::{ContextV7, NoContext, Timestamp, Uuid};

/// Orders the ids made within one millisecond by creation (the counter of RFC 9562 §6.2).
static CONTEXT: Mutex<ContextV7> = Mutex::new(ContextV7::new());

fn unix(at: DateTime<Utc>) -> (u64, u32) {
    (
        u64::try_from(at.timestamp()).unwrap_or(0),
        at.timestamp_subsec_nanos(),
    )
}

/// A new id for a record made now: later calls give larger ids, also within a millisecond,
/// so "newest first" is creation order.
pub(crate) fn new_id(now: DateTime<Utc>) -> String {
    let (secs, nanos) = unix(now);
    let context = CONTEXT.lock().unwrap_or_else(|e| e.into_inner());
    Uuid::new_v7(Timestamp::from_unix(&*context, secs, nanos)).to_string()
}

/// A new id for a record made at `at` in the past (an import): time-ordered by `at`, random
/// within the millisecond.
pub(crate) fn new_id_at(at: DateTime<Utc>) -> String {
    let (secs, nanos) = unix(at);
    Uuid::new_v7(Timestamp::from_unix(NoContext, secs, nanos)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_made_in_one_millisecond_keep_their_order() {
        let now = Utc::now();
        let ids: Vec<String> = (0..100).map(|_| new_id(now)).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
    }
}
