//! Where the store's work runs: the library's own small pool of threads, so that an async
//! call never blocks the thread that polls it (a Kotlin dispatcher, a Swift executor).
//!
//! - [`workers`]: one writer thread (writes one after another, in call order) and a few
//!   reader threads (reads beside the writes), each call's result handed back through a
//!   one-shot channel that completes the caller's future.

pub(crate) mod workers;
