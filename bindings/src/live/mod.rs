//! Live queries: an app registers a [`listener::ChangeListener`] and is told, after each
//! committed write, which kinds of data changed and for which customer, whether the write
//! was this `CrmStore`'s, a sync's, another `CrmStore`'s on the same file (a background
//! worker in the same process), or another process's (polled). The Kotlin `Flow` and Swift
//! `AsyncSequence` helpers in `bindings/kotlin/` and `bindings/swift/` re-run a query on the
//! changes that concern it.
//!
//! - [`change`]: `DataKind`, `ChangeSource`, `DataChange`, what a listener is told.
//! - [`listener`]: the `ChangeListener` callback interface, `addChangeListener` /
//!   `removeChangeListener`, and the notifier that every `CrmStore` of one file shares.
//! - `watcher`: the thread that notices other processes' writes to the file by polling.

pub mod change;
pub mod listener;
pub(crate) mod watcher;
