#!/usr/bin/env bash
# Builds DealerCrmFFI.xcframework (libcrm_ffi.a for iOS devices, and for the simulator on Apple
# silicon and Intel, profile `mobile`) and generates the Swift bindings into
# Sources/DealerCrm/DealerCrm.swift. Needs macOS with Xcode and the Rust targets:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
#
# Usage: bindings/swift/build-xcframework.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/target/xcframework"
cd "$root"

# A static library (iOS apps link no dynamic one of their own): the crate's lib target built
# as `staticlib` for this build only, so that other builds need not produce one.
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
    cargo rustc --profile mobile -p crm-bindings --lib --target "$target" --crate-type staticlib
done

# Bindings from the device library: DealerCrm.swift, DealerCrmFFI.h, DealerCrmFFI.modulemap.
cargo build -p crm-bindings --bin uniffi-bindgen
rm -rf "$work" && mkdir -p "$work/headers" "$work/simulator"
target/debug/uniffi-bindgen generate --library target/aarch64-apple-ios/mobile/libcrm_ffi.a \
    --language swift --out-dir "$work/generated" --no-format
cp "$work/generated/DealerCrm.swift" "$here/Sources/DealerCrm/DealerCrm.swift"
cp "$work/generated/DealerCrmFFI.h" "$work/headers/"
# An XCFramework's headers carry their module map under this name.
cp "$work/generated/DealerCrmFFI.modulemap" "$work/headers/module.modulemap"

# One simulator library for both simulator architectures.
lipo -create target/aarch64-apple-ios-sim/mobile/libcrm_ffi.a \
    target/x86_64-apple-ios/mobile/libcrm_ffi.a -output "$work/simulator/libcrm_ffi.a"

rm -rf "$here/DealerCrmFFI.xcframework"
xcodebuild -create-xcframework \
    -library target/aarch64-apple-ios/mobile/libcrm_ffi.a -headers "$work/headers" \
    -library "$work/simulator/libcrm_ffi.a" -headers "$work/headers" \
    -output "$here/DealerCrmFFI.xcframework"
echo "built $here/DealerCrmFFI.xcframework"
