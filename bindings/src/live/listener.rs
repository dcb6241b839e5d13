//! [`ChangeListener`], `addChangeListener` / `removeChangeListener`, and the [`Notifier`]
//! that every `CrmStore` open on one file in this process shares, so that a write through
//! one (a background worker's) reaches the listeners of the others.

use crate::live::change::{ChangeSource, DataChange, DataKind};
use crate::number::Signed;
use crate::store::CrmStore;
use crm_core::CustomerId;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};

/// Told after each committed write that concerns it (the app implements it).
///
/// Called on one of the library's threads, after the transaction committed: keep it short
/// (hand the change to a channel, a Flow, an AsyncStream) and do not call the store from it
/// synchronously.
#[uniffi::export(with_foreign)]
pub trait ChangeListener: Send + Sync {
    /// The write committed; `change` says what it changed and where it came from.
    fn on_change(&self, change: DataChange);
}

/// One registered listener and what it listens to.
struct Subscription {
    id: u64,
    /// The `CrmStore` it was registered on (its changes are `Local` to it).
    store: u64,
    listener: Arc<dyn ChangeListener>,
    kinds: Vec<DataKind>,
    customer: Option<CustomerId>,
}

/// What one committed write changed, as the writer knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Touched {
    /// The kinds it changed.
    pub(crate) kinds: &'static [DataKind],
    /// The customer it concerned, when one.
    pub(crate) customer: Option<CustomerId>,
    /// Who made it.
    origin: Origin,
}

/// Who made a committed write, as the notifier is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// A call on a `CrmStore` of this process.
    Call,
    /// A sync applying rows from the server.
    Sync,
    /// Another process: noticed by a store's [`crate::live::watcher::Watcher`], and told
    /// to that store's listeners only.
    OtherProcess,
}

impl Touched {
    /// A write that changed `kinds`, of no customer in particular.
    pub(crate) fn kinds(kinds: &'static [DataKind]) -> Self {
        Touched {
            kinds,
            customer: None,
            origin: Origin::Call,
        }
    }

    /// The same write, of `customer`.
    pub(crate) fn of(self, customer: &CustomerId) -> Self {
        Touched {
            customer: Some(customer.clone()),
            ..self
        }
    }

    /// A sync: rows of any kind and customer applied from the server.
    pub(crate) fn sync() -> Self {
        Touched {
            kinds: &DataKind::ALL,
            customer: None,
            origin: Origin::Sync,
        }
    }

    /// Writes by another process: of any kind and customer.
    pub(crate) fn elsewhere() -> Self {
        Touched {
            kinds: &DataKind::ALL,
            customer: None,
            origin: Origin::OtherProcess,
        }
    }

    /// Whether a listener of `kinds` (of `customer`, or of all) is concerned.
    fn concerns(&self, kinds: &[DataKind], customer: Option<&CustomerId>) -> bool {
        let kind = kinds.is_empty() || self.kinds.iter().any(|k| kinds.contains(k));
        let who = match (customer, &self.customer) {
            (Some(wanted), Some(changed)) => wanted == changed,
            _ => true,
        };
        kind && who
    }
}

/// The listeners of every `CrmStore` open on one file in this process.
#[derive(Default)]
pub(crate) struct Notifier {
    subscriptions: Mutex<Vec<Subscription>>,
    /// How many writes each `CrmStore` of the file has committed through this notifier:
    /// a store's watcher takes a change of the file made while another store of this
    /// process wrote for that store's, already told.
    commits: Mutex<HashMap<u64, u64>>,
}

impl std::fmt::Debug for Notifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notifier").finish_non_exhaustive()
    }
}

/// The notifiers of the files open in this process, by canonical path.
fn notifiers() -> &'static Mutex<HashMap<String, Weak<Notifier>>> {
    static NOTIFIERS: OnceLock<Mutex<HashMap<String, Weak<Notifier>>>> = OnceLock::new();
    NOTIFIERS.get_or_init(Default::default)
}

/// A number for each `CrmStore` and each subscription, unique in the process.
fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Notifier {
    /// The notifier of the book at `path`, shared with every other `CrmStore` open on the
    /// same file; a book in memory (`None`, `:memory:`) has one of its own.
    pub(crate) fn for_book(path: Option<&str>) -> Arc<Notifier> {
        let key = path
            .filter(|p| *p != ":memory:")
            .and_then(|p| std::fs::canonicalize(Path::new(p)).ok())
            .map(|p| p.to_string_lossy().into_owned());
        let Some(key) = key else {
            return Arc::default();
        };
        let mut all = notifiers().lock().unwrap_or_else(PoisonError::into_inner);
        all.retain(|_, n| n.strong_count() > 0);
        if let Some(shared) = all.get(&key).and_then(Weak::upgrade) {
            return shared;
        }
        let notifier = Arc::new(Notifier::default());
        all.insert(key, Arc::downgrade(&notifier));
        notifier
    }

    /// A new number for a `CrmStore`, to tell its own writes from the others'.
    pub(crate) fn store_id() -> u64 {
        next_id()
    }

    /// Tells every concerned listener that `touched` was committed by store `from` (for
    /// another process's writes: noticed by store `from`, whose listeners alone are told).
    pub(crate) fn notify(&self, from: u64, touched: &Touched) {
        if touched.origin != Origin::OtherProcess {
            let mut commits = self.commits.lock().unwrap_or_else(PoisonError::into_inner);
            *commits.entry(from).or_default() += 1;
        }
        // The listeners are called outside the lock: one may add or remove another.
        let concerned: Vec<(Arc<dyn ChangeListener>, ChangeSource)> = {
            let subscriptions = self
                .subscriptions
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            subscriptions
                .iter()
                .filter(|s| touched.concerns(&s.kinds, s.customer.as_ref()))
                .filter(|s| touched.origin != Origin::OtherProcess || s.store == from)
                .map(|s| {
                    let source = match (touched.origin, s.store == from) {
                        (Origin::Sync, _) => ChangeSource::Sync,
                        (Origin::OtherProcess, _) => ChangeSource::OtherProcess,
                        (Origin::Call, true) => ChangeSource::Local,
                        (Origin::Call, false) => ChangeSource::OtherStore,
                    };
                    (Arc::clone(&s.listener), source)
                })
                .collect()
        };
        for (listener, source) in concerned {
            let change = DataChange {
                kinds: touched.kinds.to_vec(),
                customer_ids: touched.customer.iter().cloned().collect(),
                source,
            };
            // A listener that panics must not stop the others nor the write's caller.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                listener.on_change(change)
            }));
        }
    }

    /// How many writes the other `CrmStore`s of the file have committed, all told.
    pub(crate) fn commits_by_others(&self, store: u64) -> u64 {
        let commits = self.commits.lock().unwrap_or_else(PoisonError::into_inner);
        commits
            .iter()
            .filter(|(from, _)| **from != store)
            .map(|(_, n)| n)
            .sum()
    }

    fn add(&self, subscription: Subscription) {
        let mut subscriptions = self
            .subscriptions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        subscriptions.push(subscription);
    }

    fn remove(&self, id: u64) -> bool {
        let mut subscriptions = self
            .subscriptions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let before = subscriptions.len();
        subscriptions.retain(|s| s.id != id);
        subscriptions.len() < before
    }
}

#[uniffi::export]
impl CrmStore {
    /// Registers `listener`, told after each committed write that changed one of `kinds`
    /// (empty: any) and, when `customerId` is given, that customer's data (or no customer's
    /// in particular: an import, a sync). Writes through this store, a sync, another
    /// `CrmStore` open on the same file in this process, and another process (polled four
    /// times a second from this store's first listener on) all count. Returns the id that
    /// `removeChangeListener` takes. The library keeps the listener until then.
    #[uniffi::method(default(kinds = [], customer_id = None))]
    pub fn add_change_listener(
        &self,
        listener: Arc<dyn ChangeListener>,
        kinds: Vec<DataKind>,
        customer_id: Option<CustomerId>,
    ) -> i64 {
        let id = next_id();
        self.watch_other_processes();
        self.notifier().add(Subscription {
            id,
            store: self.id(),
            listener,
            kinds,
            customer: customer_id,
        });
        id.signed()
    }

    /// Stops telling listener `id`; false when there was none (removed already).
    pub fn remove_change_listener(&self, id: i64) -> bool {
        u64::try_from(id).is_ok_and(|id| self.notifier().remove(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Recorder(Mutex<Vec<DataChange>>);

    impl ChangeListener for Recorder {
        fn on_change(&self, change: DataChange) {
            self.0.lock().unwrap().push(change);
        }
    }

    fn subscribe(
        n: &Notifier,
        store: u64,
        kinds: Vec<DataKind>,
        customer: Option<CustomerId>,
    ) -> Arc<Recorder> {
        let recorder = Arc::new(Recorder::default());
        n.add(Subscription {
            id: next_id(),
            store,
            listener: recorder.clone(),
            kinds,
            customer,
        });
        recorder
    }

    #[test]
    fn a_listener_hears_the_writes_of_its_kinds_and_customer_with_their_source() {
        let n = Notifier::default();
        let a = CustomerId("a".into());
        let agenda = subscribe(&n, 1, vec![DataKind::FollowUps, DataKind::Customers], None);
        let one = subscribe(&n, 2, vec![], Some(a.clone()));
        n.notify(1, &Touched::kinds(&[DataKind::FollowUps]).of(&a));
        n.notify(2, &Touched::kinds(&[DataKind::Settings]));
        n.notify(
            2,
            &Touched::kinds(&[DataKind::Deals]).of(&CustomerId("b".into())),
        );
        n.notify(3, &Touched::sync());
        let heard = agenda.0.lock().unwrap().clone();
        assert_eq!(
            heard.iter().map(|c| c.source).collect::<Vec<_>>(),
            [ChangeSource::Local, ChangeSource::Sync]
        );
        assert_eq!(heard[0].customer_ids, std::slice::from_ref(&a));
        let heard = one.0.lock().unwrap().clone();
        assert_eq!(
            heard.iter().map(|c| c.source).collect::<Vec<_>>(),
            [
                ChangeSource::OtherStore,
                ChangeSource::Local,
                ChangeSource::Sync
            ],
            "store 1's write of a, its own settings write (no customer), the sync; not b's deal"
        );
    }

    #[test]
    fn a_removed_listener_hears_nothing_more() {
        let n = Notifier::default();
        let r = Arc::new(Recorder::default());
        let id = next_id();
        n.add(Subscription {
            id,
            store: 1,
            listener: r.clone(),
            kinds: vec![],
            customer: None,
        });
        assert!(n.remove(id));
        assert!(!n.remove(id));
        n.notify(1, &Touched::sync());
        assert!(r.0.lock().unwrap().is_empty());
    }

    #[test]
    fn stores_on_one_file_share_a_notifier_and_books_in_memory_do_not() {
        let dir = std::env::temp_dir().join(format!("crm-ffi-live-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("book.sqlite3");
        std::fs::write(&path, b"").unwrap();
        let p = path.to_string_lossy().into_owned();
        let first = Notifier::for_book(Some(&p));
        let second = Notifier::for_book(Some(&p));
        assert!(Arc::ptr_eq(&first, &second));
        assert!(!Arc::ptr_eq(
            &Notifier::for_book(Some(":memory:")),
            &Notifier::for_book(Some(":memory:"))
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
