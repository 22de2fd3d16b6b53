import Dispatch
import Foundation
import Yams

// Composes the same document files with Yams (as `YAMLSource.composeWithYams` does: UTF-8
// check, then `compose` with the rule-less resolver) and with the fast reader, in one process,
// alternating rounds so the machine's noise falls on both. Prints docs/s per reader, on one
// core and on every core (each thread takes every n-th file, as the first load shares files).
let arguments = CommandLine.arguments
guard arguments.count == 3, let rounds = Int(arguments[2]) else {
    FileHandle.standardError.write("usage: yaml-parse FILE_LIST ROUNDS\n".data(using: .utf8)!)
    exit(2)
}
let paths = try String(contentsOfFile: arguments[1], encoding: .utf8).split(separator: "\n").map(String.init)
let files: [[UInt8]] = paths.map { Array(FileManager.default.contents(atPath: $0)!) }
let bytes = files.reduce(0) { $0 + $1.count }

func yams(_ file: [UInt8]) -> Bool {
    guard let text = String(validating: file, as: UTF8.self) else { return false }
    return (try? Yams.compose(yaml: text, Resolver.basic)) != nil
}

func fast(_ file: [UInt8]) -> Bool {
    YAMLFastReader.compose(file) != nil
}

func rate(_ read: ([UInt8]) -> Bool, threads: Int) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    DispatchQueue.concurrentPerform(iterations: threads) { share in
        var read_ = 0
        for index in stride(from: share, to: files.count, by: threads) where read(files[index]) { read_ += 1 }
        precondition(read_ >= 0)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return Double(files.count) / seconds
}

let accepted = files.filter(fast).count
print("files \(files.count), \(bytes / files.count) bytes on average; fast reader accepts \(accepted) (\(100 * accepted / files.count)%)")
let cores = ProcessInfo.processInfo.activeProcessorCount
var results: [String: [Double]] = [:]
for _ in 0..<rounds {
    for threads in [1, cores] {
        results["yams \(threads)", default: []].append(rate(yams, threads: threads))
        results["fast \(threads)", default: []].append(rate(fast, threads: threads))
    }
}
for threads in [1, cores] {
    let slow = results["yams \(threads)"]!.sorted()[rounds / 2]
    let quick = results["fast \(threads)"]!.sorted()[rounds / 2]
    print(String(format: "%d thread(s): Yams %.0f docs/s, fast reader %.0f docs/s (median of %d rounds), %.1f×",
                 threads, slow, quick, rounds, quick / slow))
}
