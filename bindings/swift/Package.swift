// swift-tools-version:5.9
// dealer-crm as a Swift package: the generated bindings and the hand-written companions
// (calendar dates, live queries) in the DealerCrm module, over DealerCrmFFI.xcframework
// (libcrm_ffi.a for iOS devices and the simulator, with its C header). Run
// ./build-xcframework.sh first (macOS with Xcode; see bindings/README.md).
import PackageDescription

let package = Package(
    name: "DealerCrm",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "DealerCrm", targets: ["DealerCrm"]),
    ],
    targets: [
        .binaryTarget(name: "DealerCrmFFI", path: "DealerCrmFFI.xcframework"),
        .target(
            name: "DealerCrm",
            dependencies: ["DealerCrmFFI"],
            path: "Sources/DealerCrm"
        ),
    ]
)
