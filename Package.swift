// swift-tools-version:6.0
//
// ReportSite: a static-site generator for government work reports (政府工作报告).
//
// Targets, dependencies pointing one way (C ← CommonMark ← core ← CLI):
// - Ccmark: the system library libcmark (Debian: libcmark-dev), a module map and nothing else.
// - CommonMark: the only module that imports Ccmark; returns Swift values with source positions.
// - ReportSiteCore: the build pipeline, one folder per stage.
// - reportsite: the thin command-line executable.
import PackageDescription

let package = Package(
    name: "ReportSite",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "reportsite", targets: ["reportsite"]),
        .library(name: "ReportSiteCore", targets: ["ReportSiteCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
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
        .executableTarget(
            name: "reportsite",
            dependencies: [
                "ReportSiteCore",
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
    ]
)
