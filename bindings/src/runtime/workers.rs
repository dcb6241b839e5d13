//! [`Workers`]: the writer thread and the reader threads of one `CrmStore`, and
//! [`Workers::run`], which runs one call on them and completes a future with its result.
//!
//! A call is a closure over `&crm_store::Store`. It runs whole on a worker thread, and its
//! result completes the caller's future from there, so the caller's thread only queues it and
//! is woken when it is done. When the caller gives up first (a cancelled coroutine or task),
//! a call that has not started is dropped unstarted and one that has started runs to its end:
//! either way a write is applied whole or not at all (each store method is one transaction).

use crate::error::CrmError;
use crm_store::Store;
use futures_channel::oneshot;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

/// One call, as a worker thread runs it.
type Job = Box<dyn FnOnce(&Store) + Send>;

/// Which threads run a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lane {
    /// The writer thread: writes, one after another in the order they were called.
    Write,
    /// The reader threads: reads, and the calls that wait on the network (`sync`), so that
    /// they never hold up the writes queued behind them.
    Read,
}

/// How many reader threads each `CrmStore` starts. The store reads through one connection,
/// so more threads would only queue there; two let a slow read (a report, a sync waiting on
/// the network) not hold up a quick one.
const READERS: usize = 2;

/// The worker threads of one store. Dropping it lets the threads finish the calls already
/// queued, then waits for them, so that the database is closed when the `CrmStore` is.
pub(crate) struct Workers {
    writer: Option<Sender<Job>>,
    readers: Option<Sender<Job>>,
    threads: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for Workers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workers")
            .field("threads", &self.threads.len())
            .finish()
    }
}

impl Workers {
    /// Starts the writer thread and the reader threads over `store`. Fails with `Storage`
    /// when the system refuses a thread.
    pub(crate) fn start(store: Arc<Store>) -> Result<Workers, CrmError> {
        let (writer, writes) = channel::<Job>();
        let (readers, reads) = channel::<Job>();
        let reads = Arc::new(Mutex::new(reads));
        let mut workers = Workers {
            writer: Some(writer),
            readers: Some(readers),
            threads: Vec::with_capacity(1 + READERS),
        };
        let writes = Arc::new(Mutex::new(writes));
        workers.spawn("crm-writer".into(), &store, writes)?;
        for i in 0..READERS {
            workers.spawn(format!("crm-reader-{i}"), &store, Arc::clone(&reads))?;
        }
        Ok(workers)
    }

    /// Starts one thread that runs the jobs of `queue` until every sender is gone.
    fn spawn(
        &mut self,
        name: String,
        store: &Arc<Store>,
        queue: Arc<Mutex<Receiver<Job>>>,
    ) -> Result<(), CrmError> {
        let store = Arc::clone(store);
        let thread = std::thread::Builder::new()
            .name(name)
            .spawn(move || loop {
                // The lock is held only to take the next job, never while running it.
                let next = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
                match next {
                    Ok(job) => job(&store),
                    Err(_) => break,
                }
            })
            .map_err(|_| CrmError::Storage {
                detail: "could not start the library's worker thread".into(),
            })?;
        self.threads.push(thread);
        Ok(())
    }

    /// Queues `call` on `lane` and returns the future of its result. The future holds no
    /// borrow of `self`: it completes from the worker thread that ran the call.
    pub(crate) fn run<T, F>(
        &self,
        lane: Lane,
        call: F,
    ) -> impl Future<Output = Result<T, CrmError>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, CrmError> + Send + 'static,
    {
        let (done, result) = oneshot::channel::<Result<T, CrmError>>();
        let job: Job = Box::new(move |store| {
            if done.is_canceled() {
                // The caller gave up before the call started: nothing is done.
                return;
            }
            // A panic must not cross the FFI nor stop the thread: it fails this call only.
            let outcome = catch_unwind(AssertUnwindSafe(|| call(store))).unwrap_or_else(|_| {
                Err(CrmError::Storage {
                    detail: "internal error: the call panicked; nothing was written".into(),
                })
            });
            // The caller may have given up meanwhile; the result is then dropped.
            let _ = done.send(outcome);
        });
        let queue = match lane {
            Lane::Write => self.writer.as_ref(),
            Lane::Read => self.readers.as_ref(),
        };
        let queued = queue.is_some_and(|q| q.send(job).is_ok());
        async move {
            if !queued {
                return Err(stopped());
            }
            result.await.unwrap_or_else(|_| Err(stopped()))
        }
    }
}

/// The error of a call whose worker thread is gone (only while the store is being dropped).
fn stopped() -> CrmError {
    CrmError::Storage {
        detail: "the store is closed".into(),
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        // Closing the queues ends each thread once it has run what was queued.
        self.writer = None;
        self.readers = None;
        let me = std::thread::current().id();
        for thread in self.threads.drain(..) {
            // A worker never drops the store's last reference, but never wait on yourself.
            if thread.thread().id() != me {
                let _ = thread.join();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pollster::block_on;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    fn workers() -> Workers {
        Workers::start(Arc::new(Store::open_in_memory().unwrap())).unwrap()
    }

    #[test]
    fn a_call_runs_on_a_worker_thread_and_completes_the_future() {
        let workers = workers();
        let caller = std::thread::current().id();
        for lane in [Lane::Write, Lane::Read] {
            let (ran_on, name) = block_on(workers.run(lane, |_| {
                let t = std::thread::current();
                Ok((t.id(), t.name().map(str::to_owned)))
            }))
            .unwrap();
            assert_ne!(ran_on, caller);
            let name = name.unwrap();
            match lane {
                Lane::Write => assert_eq!(name, "crm-writer"),
                Lane::Read => assert!(name.starts_with("crm-reader-"), "{name}"),
            }
        }
    }

    #[test]
    fn writes_run_one_after_another_in_call_order() {
        let workers = workers();
        let order = Arc::new(Mutex::new(Vec::new()));
        let futures: Vec<_> = (0..50)
            .map(|i| {
                let order = Arc::clone(&order);
                workers.run(Lane::Write, move |_| {
                    order.lock().unwrap().push(i);
                    Ok(())
                })
            })
            .collect();
        for f in futures {
            block_on(f).unwrap();
        }
        assert_eq!(*order.lock().unwrap(), (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn a_call_given_up_before_it_starts_is_never_run() {
        let workers = workers();
        let (release, hold) = channel::<()>();
        // The writer is busy until released; the second write is queued behind it.
        let busy = workers.run(Lane::Write, move |_| {
            hold.recv_timeout(Duration::from_secs(10)).ok();
            Ok(())
        });
        let ran = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&ran);
        let given_up = workers.run(Lane::Write, move |_| {
            counted.fetch_add(1, Ordering::SeqCst);
            Ok(())
        });
        drop(given_up);
        release.send(()).unwrap();
        block_on(busy).unwrap();
        block_on(workers.run(Lane::Write, |_| Ok(()))).unwrap();
        assert_eq!(ran.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn a_panicking_call_fails_alone_and_the_thread_goes_on() {
        let workers = workers();
        let failed =
            block_on(workers.run(Lane::Write, |_| -> Result<(), CrmError> { panic!("a bug") }));
        assert!(matches!(failed, Err(CrmError::Storage { detail }) if detail.contains("panicked")));
        assert_eq!(block_on(workers.run(Lane::Write, |_| Ok(7))), Ok(7));
    }

    #[test]
    fn dropping_the_workers_runs_what_was_queued_then_stops_the_threads() {
        let workers = workers();
        let ran = Arc::new(AtomicUsize::new(0));
        let pending: Vec<_> = (0..10)
            .map(|_| {
                let ran = Arc::clone(&ran);
                workers.run(Lane::Read, move |_| {
                    ran.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                })
            })
            .collect();
        drop(workers);
        assert_eq!(ran.load(Ordering::SeqCst), 10);
        for f in pending {
            assert_eq!(block_on(f), Ok(()));
        }
    }
}
