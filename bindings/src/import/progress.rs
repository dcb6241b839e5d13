//! The progress of an import, told to the app.

/// Told how far an import has gone (the app implements it): every few hundred rows, and
/// once at the end with `done == total`. Called on the library's writer thread: keep it
/// short (post to the UI thread) and do not call the store from it.
#[uniffi::export(with_foreign)]
pub trait ImportProgressListener: Send + Sync {
    /// `done` data rows of `total` (for CSV the file's lines, an estimate).
    fn on_progress(&self, done: i64, total: i64);
}
