//! The book a target writes to: one per test thread, so that one test's writes (a seed
//! run beside the property run) never land between another's write and its read-back.

use crm_store::Store;

/// This thread's empty in-memory book, opened on first use and kept for the thread's life.
pub fn thread_book() -> &'static Store {
    thread_local! {
        static BOOK: &'static Store =
            Box::leak(Box::new(Store::open_in_memory().expect("an in-memory book")));
    }
    BOOK.with(|book| *book)
}
