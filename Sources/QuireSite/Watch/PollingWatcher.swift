import Foundation

/// Reports saved files by comparing the work tree's content/, schemas/ and quire.yaml every
/// `interval`: the fallback when inotify is unavailable (other kernels, network file systems,
/// too few inotify watches). Changes are reported once a scan finds nothing newer.
struct PollingWatcher: Sendable {
    struct Stamp: Equatable {
        var modified: Date?
        var size: Int
        var inode: Int
    }

    let root: String

    func changes(every interval: Duration) -> AsyncStream<Set<String>> {
        // The first look happens now, so a save made right after this call is reported.
        let initial = scan()
        return AsyncStream { continuation in
            let task = Task {
                var known = initial
                var pending = Set<String>()
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    let current = scan()
                    let changed = Set(current.keys).union(known.keys).filter { current[$0] != known[$0] }
                    known = current
                    if changed.isEmpty, !pending.isEmpty {
                        continuation.yield(pending)
                        pending = []
                    }
                    pending.formUnion(changed)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func scan() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let manager = FileManager.default
        if let stamp = stamp(of: "quire.yaml") { stamps["quire.yaml"] = stamp }
        for folder in ["content", "schemas"] {
            guard let walker = manager.enumerator(atPath: root + "/" + folder) else { continue }
            while let entry = walker.nextObject() as? String {
                let path = folder + "/" + entry
                if let stamp = stamp(of: path) { stamps[path] = stamp }
            }
        }
        return stamps
    }

    private func stamp(of path: String) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: root + "/" + path),
              attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
        return Stamp(
            modified: attributes[.modificationDate] as? Date,
            size: (attributes[.size] as? NSNumber)?.intValue ?? 0,
            inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? 0)
    }
}
