//! `library_version()`: which build of the library the app loaded.

/// The version of the native library (`0.1.0`), for logs and bug reports. Also the
/// cheapest call there is: the benchmarks time it as the bare cost of one FFI call.
#[uniffi::export]
pub fn library_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
