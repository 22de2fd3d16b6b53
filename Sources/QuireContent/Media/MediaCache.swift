import Foundation

/// Derived images on disk, outside git (`.git/quire/media-cache/<sha256>/...`): made once,
/// reused by every request and every server process, made again whenever missing (a cache
/// folder can always be deleted). Files are written to a temporary name then renamed, so a
/// reader never sees half a file.
public struct MediaCache: Sendable {
    public let root: String

    public init(gitDirectory: String) {
        root = gitDirectory + "/quire/media-cache"
    }

    public func path(of variant: MediaVariant) -> String { root + "/" + variant.cacheName }

    public func read(_ variant: MediaVariant) -> [UInt8]? {
        FileManager.default.contents(atPath: path(of: variant)).map { Array($0) }
    }

    public func write(_ bytes: [UInt8], for variant: MediaVariant) {
        let target = path(of: variant)
        let folder = (target as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = target + ".\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else { return }
        if rename(temporary, target) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
    }

    /// The variant's bytes: from the cache, or made from `original()` (off the event loop) and kept.
    public func derived(_ variant: MediaVariant, original: () async throws -> [UInt8]?) async throws -> [UInt8]? {
        if let cached = read(variant) { return cached }
        guard let source = try await original() else { return nil }
        let encoded = try await MediaWork.shared.run { () throws(VipsError) in try variant.render(source) }
        write(encoded.bytes, for: variant)
        return encoded.bytes
    }
}
