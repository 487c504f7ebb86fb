// swift-tools-version:6.0
//
// The libFuzzer target of ReportSite, a package of its own so that the ordinary `swift build`
// and `swift test` of the repository never see it: an executable whose `main` comes from
// libFuzzer's driver exists only when built with `-sanitize=fuzzer`. Run it with `scripts/fuzz.sh`.
import PackageDescription

let package = Package(
    name: "ReportSiteFuzz",
    dependencies: [.package(name: "ReportSite", path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "ReportSiteFuzz",
            dependencies: ["CLibFuzzer", .product(name: "ReportSiteCore", package: "ReportSite")]
        ),
    ]
)
