import QuireContent
import QuireGit

/// What `quire doctor` says about media: metadata whose original is missing, originals in git
/// that no metadata names, files no document uses (on main or a draft branch), and metadata
/// files that do not parse.
public struct MediaHealth: Sendable {
    public var files = 0
    public var missingOriginals: [MediaRecord] = []
    /// Paths under `media/originals/` that no metadata names.
    public var strayOriginals: [String] = []
    public var unused: [MediaRecord] = []
    public var problems: [Problem] = []

    /// `originals`: the site's original store (a directory store keeps them outside git).
    public static func check(repository: Repository, originals: any MediaOriginalStore) async throws -> MediaHealth {
        let library = MediaLibrary(repository: repository)
        let catalog = try await library.refresh()
        var health = MediaHealth(files: catalog.records.count, problems: catalog.problems)
        guard let tip = catalog.commit else { return health }
        let tree = try await repository.commit(tip).tree
        let records = catalog.all
        var named: Set<String> = []
        for record in records {
            let path = MediaLayout.originalPath(sha256: record.sha256, ext: record.ext)
            named.insert(path)
            let inGit = try await repository.entry(atPath: path, inTree: tree) != nil
            if !inGit, try await originals.read(path: path, tree: tree) == nil { health.missingOriginals.append(record) }
        }
        health.strayOriginals = try await repository.blobs(inTree: tree, under: MediaLayout.originalsFolder)
            .map(\.path).filter { !named.contains($0) }
        // Documents name files by documentId (in the reference Quire writes, or as typed by hand).
        var trees = [tree]
        for (_, draftTip) in try await repository.references(withPrefix: SiteLayout.draftPrefix) {
            trees.append(try await repository.commit(draftTip).tree)
        }
        var seen: Set<ObjectID> = []
        var unused = Set(records.map(\.documentId))
        for documents in trees {
            let blobs = try await repository.blobs(inTree: documents, under: SiteLayout.contentFolder).filter { seen.insert($0.id).inserted }
            for start in stride(from: 0, to: blobs.count, by: 500) {
                let chunk = Array(blobs[start..<min(blobs.count, start + 500)])
                for bytes in try await repository.readBlobs(chunk.map(\.id)) {
                    guard !unused.isEmpty else { break }
                    let text = String(decoding: bytes, as: UTF8.self)
                    unused = unused.filter { !text.contains($0) }
                }
            }
        }
        health.unused = records.filter { unused.contains($0.documentId) }
        return health
    }
}
