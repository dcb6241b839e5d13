//! What the upload queue costs: an import into a book whose queue runs (a book that has
//! synced) and into one that never synced (no queue until its first sync), with the size
//! each leaves; then the same writes on two copies of one book, the book as it is after a
//! sync (every write also queues its changes, by trigger, in its transaction) and a copy
//! whose outbox triggers were dropped, timed alternately in the same run.

use crate::measure::{side_by_side, thread_cpu_time};
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

/// What importing a book cost.
struct Import {
    /// Wall time per customer, in microseconds.
    us_per_customer: f64,
    /// The importing thread's CPU time per customer, in microseconds (0 where the
    /// platform does not say): on a shared machine the wall time is mostly the wait for a
    /// CPU.
    cpu_us_per_customer: f64,
    /// The file's size once the import is done (and the store closed), in bytes.
    bytes: u64,
}

/// `size` generated customers, imported in batches of 1,000 into a new book at `path`, its
/// upload queue started first (`queueing`: a book that has synced) or not (a book that
/// never synced).
fn import(path: &Path, size: usize, seed: u64, queueing: bool) -> Result<Import> {
    let clock = Arc::new(ManualClock::new(today()));
    let store = Store::open_with_clock(path, clock)?;
    if queueing {
        store.start_upload_queue()?;
    }
    // Generated before the clock starts: only the imports are timed.
    let batches: Vec<_> = generate(seed, size, today()).chunks(1_000).collect();
    let started = Instant::now();
    let cpu_started = thread_cpu_time();
    let mut done = 0;
    for batch in batches {
        done += store.import_customers(&batch)?.len();
        eprint!("\routbox: customers {done}/{size}   ");
    }
    let elapsed = started.elapsed();
    let cpu = match (cpu_started, thread_cpu_time()) {
        (Some(from), Some(to)) => to.saturating_sub(from),
        _ => std::time::Duration::ZERO,
    };
    eprintln!();
    drop(store);
    Ok(Import {
        us_per_customer: elapsed.as_secs_f64() * 1e6 / size.max(1) as f64,
        cpu_us_per_customer: cpu.as_secs_f64() * 1e6 / size.max(1) as f64,
        bytes: std::fs::metadata(path)?.len(),
    })
}

/// The queue started on the book at `path` as its first sync starts it (every synced row
/// queued at once), then emptied as after that sync. Returns the changes queued and the
/// time it took, in milliseconds.
fn start_and_empty(path: &Path) -> Result<(u64, f64)> {
    let store = Store::open(path)?;
    let started = Instant::now();
    let queued = store.start_upload_queue()?;
    let ms = started.elapsed().as_secs_f64() * 1e3;
    drop(store);
    rusqlite::Connection::open(path)?.execute("DELETE FROM sync_outbox", [])?;
    Ok((queued, ms))
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
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
    let queued_path = dir.join("queueing.sqlite3");
    let with_queue = import(&queued_path, size, seed, true)?;
    std::fs::remove_file(&queued_path)?;
    let unsynced = import(&ours_path, size, seed, false)?;
    let (snapshot, snapshot_ms) = start_and_empty(&ours_path)?;
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
        "outbox at {size}: import into a book whose queue runs {:.0} us/customer ({:.0} us \
         of CPU), {:.1} MiB; into a book that never synced {:.0} us/customer ({:.0} us of \
         CPU), {:.1} MiB; its queue started \
         (as by a first sync) in {snapshot_ms:.0} ms, {snapshot} changes; books built in \
         {build_secs:.0} s; the timed writes run on that book, its queue emptied as after a \
         sync; the baseline is a copy with its {dropped} outbox triggers dropped; {queued} \
         changes queued by the timed writes",
        with_queue.us_per_customer,
        with_queue.cpu_us_per_customer,
        mib(with_queue.bytes),
        unsynced.us_per_customer,
        unsynced.cpu_us_per_customer,
        mib(unsynced.bytes),
    );
    Ok((rows, note))
}
