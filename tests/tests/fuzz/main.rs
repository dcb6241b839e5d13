//! Fuzzing of the parsers that take free text or JSON from users, files and the sync
//! server, as long property runs: structure-aware generators and character-, byte- and
//! JSON-level mutations of the seed corpus in `tests/fuzz_corpus/<target>/`.
//!
//! Every target checks that nothing panics, that every refusal is a typed error naming
//! the field, that nothing is written on refusal, and that what is accepted reads back as
//! itself where a printer exists. `cargo test` runs a short run of each; a long one:
//!
//! ```sh
//! CRM_FUZZ_CASES=200000 cargo test --release -p crm-tests --test fuzz
//! ```
//!
//! A failure is saved to the target's `.proptest-regressions` file beside it (replayed
//! first by every later run); the bug it finds is fixed with a named unit test of its own
//! beside the fixed code. The server's upload body is fuzzed the same way, with this
//! harness, in `examples/server/tests/fuzz_upload_body.rs` (it needs PostgreSQL).

mod care_rules;
mod catalogue;
mod harness;
mod phone;
mod search;
mod sync_payloads;
mod templates;
mod thread_book;
mod views;
