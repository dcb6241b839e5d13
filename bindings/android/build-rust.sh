#!/usr/bin/env bash
# Builds libcrm_ffi.so for the Android ABIs with cargo-ndk (profile `mobile`: size first) and
# generates the Kotlin bindings from it, into build/generated/ of this module. Needs the
# Android NDK (ANDROID_NDK_HOME), `cargo install cargo-ndk`, and the Rust targets:
#   rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
# Encrypted books (the default feature `encryption`) need OpenSSL built in on Android: add
# libsqlite3-sys's `bundled-sqlcipher-vendored-openssl` feature to the build first (see
# crm-store's Cargo.toml), or build without them: FEATURES="" (no openEncrypted).
#
# Usage: bindings/android/build-rust.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/build/generated"
cd "$root"

features=(--no-default-features)
if [[ -n ${FEATURES-encryption} ]]; then features+=(--features "${FEATURES-encryption}"); fi

rm -rf "$out/jniLibs" "$out/uniffi"
cargo ndk -t arm64-v8a -t armeabi-v7a -t x86_64 -P 26 -o "$out/jniLibs" \
    build --profile mobile -p crm-bindings --lib "${features[@]}"

# The Kotlin is the same for every ABI: generate it from one of them (library mode reads the
# metadata the library carries; the host's uniffi-bindgen reads any target's .so).
cargo build -p crm-bindings --bin uniffi-bindgen
target/debug/uniffi-bindgen generate --library "$out/jniLibs/arm64-v8a/libcrm_ffi.so" \
    --language kotlin --out-dir "$out/uniffi/kotlin" --no-format
ls -l "$out"/jniLibs/*/libcrm_ffi.so
