import Foundation
import GongkaiDomain

// libFuzzer drives `fuzzOne`; the target is chosen by GONGKAI_FUZZ_TARGET (see FuzzTarget).
// SwiftPM links executables with `main` aliased to `gongkai_fuzz_main`, so that is where libFuzzer's
// driver is started from.

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

nonisolated(unsafe) var selectedTarget: FuzzTarget?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let target = selectedTarget else { return 0 }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    target.run(bytes)
    return 0
}

@_cdecl("gongkai_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    let name = ProcessInfo.processInfo.environment["GONGKAI_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")
        FileHandle.standardError.write(Data("GONGKAI_FUZZ_TARGET must be one of: \(names)\n".utf8))
        return 2
    }
    selectedTarget = target
    var c = argc
    var v = argv
    return runFuzzerDriver(&c, &v, fuzzOne)
}
