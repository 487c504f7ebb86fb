import CLibFuzzer
import Foundation
import ReportSiteCore

/// libFuzzer calls this once per input. The first byte chooses the target (report file, report
/// body, front matter, importer, settings); see `FuzzEntryPoints` in ReportSiteCore, which the
/// regression tests call with every crash found (`Tests/ReportSiteCoreTests/Fixtures/fuzz/`).
@_cdecl("LLVMFuzzerTestOneInput")
public func reportSiteFuzzTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    FuzzEntryPoints.run(Data(bytes: start, count: count))
    return 0
}

// SwiftPM gives an executable a `main` of its own, so libFuzzer's `main` is not used: this one
// hands the command line to libFuzzer's driver.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, reportSiteFuzzTestOneInput))
