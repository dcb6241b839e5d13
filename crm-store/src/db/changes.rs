//! Noticing writes made through other connections to the book's file: another process (an
//! app extension, a widget, the `crm` tool) or another [`Store`] open on the same file.

use crate::error::Result;
use crate::store::Store;

impl Store {
    /// A number that changes whenever another connection commits to this book's file
    /// (another process, or another `Store` open on the same file) and never for this
    /// store's own writes (SQLite's `PRAGMA data_version`). Poll it, and compare, to learn
    /// that the book changed elsewhere; the value itself means nothing. A book in memory
    /// has no other connection: its number never changes.
    ///
    /// On a store that can write, it waits for a write of this store under way to end.
    pub fn data_version(&self) -> Result<i64> {
        self.db.data_version()
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;
    use crm_core::{ContactInput, ContactKind, NewCustomer, SourceChannel};

    fn walk_in(store: &Store, phone: &str) {
        let new = NewCustomer::new(
            "张三",
            ContactInput::new(ContactKind::Mobile, phone),
            SourceChannel::ShowroomWalkIn,
        );
        store.create_customer(&new).expect("a customer");
    }

    #[test]
    fn the_number_changes_for_another_connections_commit_and_not_for_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.sqlite3");
        let here = Store::open(&path).unwrap();
        let elsewhere = Store::open(&path).unwrap();
        let reader = Store::open_read_only(&path).unwrap();
        let (mine, read) = (here.data_version().unwrap(), reader.data_version().unwrap());

        walk_in(&here, "13800138000");
        assert_eq!(here.data_version().unwrap(), mine, "its own write");
        let read_after_mine = reader.data_version().unwrap();
        assert_ne!(read_after_mine, read, "a read-only store sees every write");

        walk_in(&elsewhere, "13900139000");
        let after = here.data_version().unwrap();
        assert_ne!(after, mine, "another connection's write");
        assert_eq!(
            here.data_version().unwrap(),
            after,
            "unchanged until the next one"
        );
        assert_ne!(reader.data_version().unwrap(), read_after_mine);
    }

    #[test]
    fn a_book_in_memory_keeps_its_number() {
        let store = Store::open_in_memory().unwrap();
        let before = store.data_version().unwrap();
        walk_in(&store, "13800138000");
        assert_eq!(store.data_version().unwrap(), before);
    }
}
