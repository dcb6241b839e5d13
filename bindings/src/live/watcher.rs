//! The [`Watcher`]: notices writes to a book's file by other processes, which no notifier
//! of this process hears, by polling the store's `data_version` (it changes when another
//! connection commits, never for the store's own writes).

use crate::live::listener::{Notifier, Touched};
use crm_store::Store;
use std::path::Path;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// How often a store with listeners asks whether its file changed elsewhere: a PRAGMA that
/// reads the log's header, a few microseconds.
pub(crate) const POLL_EVERY: Duration = Duration::from_millis(250);

/// A thread that polls one store's file while the `CrmStore` lives. Dropping the watcher
/// stops the thread at its next wake-up (it is not waited for: a listener running on it
/// may be what drops the store).
#[derive(Debug)]
pub(crate) struct Watcher {
    _stop: Sender<()>,
}

impl Watcher {
    /// Starts polling `store` every `every`; a change not made through `store` is told to
    /// the listeners registered on store `store_id` of `notifier`. The thread ends when
    /// the watcher is dropped or the store closed. `None` for a book in memory, which no
    /// other process can write to, and when the system refuses a thread (the listeners
    /// then hear this process's writes only).
    pub(crate) fn start(
        store: Weak<Store>,
        notifier: Arc<Notifier>,
        store_id: u64,
        every: Duration,
    ) -> Option<Watcher> {
        let open = store.upgrade()?;
        if open.path() == Path::new(":memory:") {
            return None;
        }
        let first = open.data_version().ok();
        drop(open);
        let (stop, stopped) = channel::<()>();
        std::thread::Builder::new()
            .name("crm-watcher".into())
            .spawn(move || {
                let mut seen = first;
                let mut others = notifier.commits_by_others(store_id);
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
                    let Some(store) = store.upgrade() else { break };
                    // Read before the file's number: a write of this process counted after
                    // it is heard at the next poll, never taken for another process's.
                    let others_now = notifier.commits_by_others(store_id);
                    let now = store.data_version().ok();
                    drop(store);
                    if now.is_some() && now != seen {
                        seen = now;
                        if others_now == others {
                            notifier.notify(store_id, &Touched::elsewhere());
                        }
                    }
                    others = others_now;
                }
            })
            .ok()?;
        Some(Watcher { _stop: stop })
    }
}

#[cfg(test)]
mod tests {
    use crate::live::change::{ChangeSource, DataChange, DataKind};
    use crate::live::listener::ChangeListener;
    use crate::settings::store_info::StoreInfo;
    use crate::store::CrmStore;
    use crm_core::{ContactInput, ContactKind, NewCustomer, SourceChannel};
    use std::sync::mpsc::{channel, Receiver, Sender};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    /// Hands each change to the test's thread.
    struct Forward(Mutex<Sender<DataChange>>);

    impl ChangeListener for Forward {
        fn on_change(&self, change: DataChange) {
            let _ = self.0.lock().unwrap().send(change);
        }
    }

    fn listen(store: &CrmStore) -> Receiver<DataChange> {
        let (tx, rx) = channel();
        store.add_change_listener(Arc::new(Forward(Mutex::new(tx))), vec![], None);
        rx
    }

    /// What is heard: the first change within a few seconds (a loaded machine may hold up
    /// the watcher's thread), then every other until two polls pass without one.
    fn heard(rx: &Receiver<DataChange>) -> Vec<DataChange> {
        let mut all: Vec<DataChange> = rx
            .recv_timeout(Duration::from_secs(5))
            .into_iter()
            .collect();
        let quiet = super::POLL_EVERY * 2 + Duration::from_millis(100);
        while let Ok(change) = rx.recv_timeout(quiet) {
            all.push(change);
        }
        all
    }

    /// A book's file in `dir`.
    fn book_path(dir: &tempfile::TempDir) -> String {
        let path = dir.path().join("book.sqlite3");
        path.to_string_lossy().into_owned()
    }

    /// A settings write through `store`.
    fn rename(store: &CrmStore) {
        let info = StoreInfo {
            name: Some("天河店".into()),
            ..StoreInfo::default()
        };
        pollster::block_on(store.set_store_info(info)).unwrap();
    }

    #[test]
    fn another_connections_write_is_told_once_and_the_stores_own_never_as_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let path = book_path(&dir);
        let app = CrmStore::new(path.clone()).unwrap();
        let rx = listen(&app);
        // A connection no notifier of this process hears, as another process's would be.
        let elsewhere = crm_store::Store::open(&path).unwrap();

        let new = NewCustomer::new(
            "张三",
            ContactInput::new(ContactKind::Mobile, "13800138000"),
            SourceChannel::ShowroomWalkIn,
        );
        elsewhere.create_customer(&new).unwrap();
        let told = heard(&rx);
        assert_eq!(told.len(), 1, "{told:?}");
        assert_eq!(told[0].source, ChangeSource::OtherProcess);
        assert_eq!(told[0].kinds, DataKind::ALL);
        assert!(told[0].customer_ids.is_empty());

        rename(&app);
        let told = heard(&rx);
        let sources: Vec<_> = told.iter().map(|c| c.source).collect();
        assert_eq!(sources, [ChangeSource::Local], "its own write, told once");
    }

    #[test]
    fn another_store_of_this_process_is_heard_once_as_other_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = book_path(&dir);
        let app = CrmStore::new(path.clone()).unwrap();
        let worker = CrmStore::new(path).unwrap();
        let rx = listen(&app);
        rename(&worker);
        let told = heard(&rx);
        let sources: Vec<_> = told.iter().map(|c| c.source).collect();
        assert_eq!(sources, [ChangeSource::OtherStore]);
    }

    #[test]
    fn a_book_in_memory_has_no_watcher() {
        let app = CrmStore::open_in_memory().unwrap();
        let _rx = listen(&app);
        assert!(!app.watches_other_processes());
    }
}
