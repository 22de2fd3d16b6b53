import CFuzzer
import Glibc

/// The harness's entry point. SwiftPM links each executable's `main` to the target's own, so
/// libFuzzer's `main` never runs; this hands the command line to libFuzzer's driver instead.
/// Each harness still exports `LLVMFuzzerTestOneInput`, which libFuzzer's runtime refers to.
public func runFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}
