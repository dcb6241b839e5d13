//! What the upload queue costs the writes: the same writes on two copies of one book, the
//! book as it is (every write also queues its changes, by trigger, in its transaction)
//! and a copy whose outbox triggers were dropped, timed alternately in the same run.

use crate::measure::side_by_side;
use crate::results::Row;
use chrono::{DateTime, Duration, TimeZone, Utc};
use crm_core::{
    ContactInput, ContactKind, CustomerId, CustomerPatch, FollowUpKind, FollowUpMethod,
    ManualClock, NewCustomer, NewFollowUp, SourceChannel, Stage,
};
use crm_examples::generator::generate;
use crm_store::Store;
use std::cell::RefCell;
use std::error::Error;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn today() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// `size` generated customers, imported in batches of 1,000; the queue the imports filled
/// is emptied, as after a sync.
fn build(path: &Path, size: usize, seed: u64) -> Result<()> {
    let clock = Arc::new(ManualClock::new(today()));
    let store = Store::open_with_clock(path, clock)?;
    let mut done = 0;
    for batch in generate(seed, size, today()).chunks(1_000) {
        done += store.import_customers(&batch)?.len();
        eprint!("\routbox: customers {done}/{size}   ");
    }
    eprintln!();
    drop(store);
    rusqlite::Connection::open(path)?.execute("DELETE FROM sync_outbox", [])?;
    Ok(())
}

/// Drops the outbox triggers of the book at `path`.
fn drop_outbox_triggers(path: &Path) -> Result<usize> {
    let conn = rusqlite::Connection::open(path)?;
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_outbox_%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in &names {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    Ok(names.len())
}

/// One book and the customers the timed writes work on.
struct Book {
    store: Store,
    clock: Arc<ManualClock>,
    ids: Vec<CustomerId>,
}

impl Book {
    fn open(path: &Path, count: usize) -> Result<Book> {
        let clock = Arc::new(ManualClock::new(today()));
        let store = Store::open_with_clock(path, clock.clone())?;
        let ids = (0..count)
            .map(|i| {
                store.create_customer(&NewCustomer::new(
                    format!("基准{i}"),
                    ContactInput::new(ContactKind::Mobile, format!("166{i:08}")),
                    SourceChannel::ShowroomWalkIn,
                ))
            })
            .map(|r| r.map(|c| c.id))
            .collect::<std::result::Result<_, _>>()?;
        Ok(Book { store, clock, ids })
    }

    fn version(&self, id: &CustomerId) -> u64 {
        self.store.get_customer(id).map_or(0, |c| c.version)
    }

    fn tick(&self) {
        self.clock.advance(Duration::seconds(1));
    }
}

/// Times each write on both books. Returns the rows and a note.
pub fn run(size: usize, seed: u64, iterations: usize, dir: &Path) -> Result<(Vec<Row>, String)> {
    let started = Instant::now();
    let ours_path = dir.join("outbox.sqlite3");
    let bare_path = dir.join("no-outbox.sqlite3");
    build(&ours_path, size, seed)?;
    std::fs::copy(&ours_path, &bare_path)?;
    let dropped = drop_outbox_triggers(&bare_path)?;
    let build_secs = started.elapsed().as_secs_f64();
    let runs = iterations.max(1);
    let ours = Book::open(&ours_path, runs)?;
    let bare = Book::open(&bare_path, runs)?;
    let inputs: Vec<usize> = (0..runs).collect();
    let mut rows = Vec::new();
    let baseline = "the same write, outbox triggers dropped";
    // A write that fails would time its error path: the first failure ends the run.
    let failure: RefCell<Option<String>> = RefCell::new(None);
    let mut time = |op: &str, write: &dyn Fn(&Book, usize) -> crm_store::Result<()>| {
        let run = |book: &Book, i: usize| {
            if let Err(e) = write(book, i) {
                failure.borrow_mut().get_or_insert(format!("{op}: {e}"));
            }
        };
        let (a, b) = side_by_side(&inputs, runs, |i| run(&ours, *i), |i| run(&bare, *i));
        rows.push(Row::new(op, size, &a, baseline, &b));
    };

    time("outbox: create customer", &|book, i| {
        book.tick();
        let new = NewCustomer::new(
            format!("新客{i}"),
            ContactInput::new(ContactKind::Mobile, format!("177{i:08}")),
            SourceChannel::ShowroomWalkIn,
        );
        book.store.create_customer(&new).map(drop)
    });
    time("outbox: edit a customer's notes", &|book, i| {
        book.tick();
        let id = &book.ids[i];
        let patch = CustomerPatch {
            notes: Some(Some(format!("第{i}次回访后更新"))),
            ..Default::default()
        };
        book.store
            .update_customer(id, book.version(id), &patch)
            .map(drop)
    });
    time("outbox: replace a customer's contacts", &|book, i| {
        book.tick();
        let id = &book.ids[i];
        let patch = CustomerPatch {
            contacts: Some(vec![
                ContactInput::new(ContactKind::Mobile, format!("188{i:08}")).primary(),
                ContactInput::new(ContactKind::Wechat, format!("wxid_{i:06}")),
            ]),
            ..Default::default()
        };
        book.store
            .update_customer(id, book.version(id), &patch)
            .map(drop)
    });
    time("outbox: log a follow-up", &|book, i| {
        book.tick();
        let id = &book.ids[i];
        let f = NewFollowUp::new(
            id.clone(),
            FollowUpMethod::Phone,
            FollowUpKind::Other,
            today() - Duration::hours(1),
            "电话回访，客户考虑中",
        );
        book.store.log_follow_up(id, &f, None).map(drop)
    });
    time("outbox: advance a stage", &|book, i| {
        book.tick();
        book.store
            .advance_stage(&book.ids[i], Stage::Contacted, None)
            .map(drop)
    });

    if let Some(failed) = failure.into_inner() {
        return Err(failed.into());
    }
    let queued = ours.store.pending_count()?;
    let note = format!(
        "outbox at {size}: book imported in {build_secs:.0} s; the baseline is a copy with its \
         {dropped} outbox triggers dropped; {queued} changes queued by the timed writes"
    );
    Ok((rows, note))
}
