// swift-tools-version:6.1
//
// ReportSite: a static-site generator for government work reports (政府工作报告).
//
// Targets, dependencies pointing one way (C ← CommonMark ← core ← CLI):
// - Ccmark: the system library libcmark (Debian: libcmark-dev), a module map and nothing else.
// - CommonMark: the only module that imports Ccmark; returns Swift values with source positions.
// - ReportSiteCore: the build pipeline, one folder per stage.
// - ReportSiteServer: `reportsite serve` (Hummingbird): serves the output directory and reloads
//   open pages after a rebuild. A target of its own so the core and its tests stay free of NIO.
// - reportsite: the thin command-line executable.
import PackageDescription

let package = Package(
    name: "ReportSite",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "reportsite", targets: ["reportsite"]),
        .library(name: "ReportSiteCore", targets: ["ReportSiteCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Traits off: the server needs neither swift-configuration nor the full-Foundation extras.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(
            name: "CommonMark",
            dependencies: ["Ccmark"]
        ),
        .target(
            name: "ReportSiteCore",
            dependencies: [
                "CommonMark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "ReportSiteServer",
            dependencies: [
                "ReportSiteCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "reportsite",
            dependencies: [
                "ReportSiteCore",
                "ReportSiteServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CommonMarkTests",
            dependencies: ["CommonMark"]
        ),
        .testTarget(
            name: "ReportSiteCoreTests",
            dependencies: ["ReportSiteCore", "CommonMark", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ReportSiteServerTests",
            dependencies: ["ReportSiteServer", "ReportSiteCore"]
        ),
    ]
)
