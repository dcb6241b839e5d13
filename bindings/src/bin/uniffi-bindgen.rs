//! Runs uniffi's binding generator for this crate's library (`cargo run --bin uniffi-bindgen -- generate …`).
fn main() {
    uniffi::uniffi_bindgen_main()
}
