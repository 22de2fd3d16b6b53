import QuireGit

/// The schemas and settings a tree defines, with what was wrong reading them.
public struct SiteDefinition: Sendable {
    public var schema: SiteSchema
    public var config: SiteConfig
    public var problems: [Problem]

    public init(schema: SiteSchema, config: SiteConfig, problems: [Problem]) {
        self.schema = schema
        self.config = config
        self.problems = problems
    }
}

/// A document file in some tree, not yet read.
public struct DocumentFile: Sendable {
    public var key: DocumentKey
    public var format: DocumentFormat
    public var path: String
    public var blob: ObjectID

    public init(key: DocumentKey, format: DocumentFormat, path: String, blob: ObjectID) {
        self.key = key
        self.format = format
        self.path = path
        self.blob = blob
    }
}

/// One document file as read from a tree: decoded fields, or nil with the reasons it is unusable.
public struct LoadedDocument: Sendable {
    public var key: DocumentKey
    public var path: String
    public var blob: ObjectID
    public var fields: OrderedObject?
    public var problems: [Problem]
}

/// Told how many documents of how many a long read has decoded so far.
public typealias LoadProgress = @Sendable (_ done: Int, _ total: Int) -> Void

/// Maps git trees and commits to documents and back. Holds no state of its own: every call
/// reads from or writes to the repository, so the index above decides what to cache.
public struct SiteStore: Sendable {
    public let repository: Repository

    public init(repository: Repository) {
        self.repository = repository
    }

    /// Where every commit on the site's branches is made.
    public var commits: SiteCommits {
        SiteCommits(repository: repository)
    }

    public func readDefinition(tree: ObjectID) async throws -> SiteDefinition {
        let schemaEntries = try await repository.blobs(inTree: tree, under: SiteLayout.schemasFolder)
            .filter { SiteLayout.isSchemaPath($0.path) }
        let blobs = try await repository.readBlobs(schemaEntries.map(\.id))
        let schema = SiteSchema.load(files: zip(schemaEntries, blobs).map { ($0.path, $1) })
        var configBytes: [UInt8]?
        if let entry = try await repository.entry(atPath: SiteLayout.configPath, inTree: tree) {
            configBytes = try await repository.readBlob(entry.id)
        }
        let (config, configProblems) = SiteConfig.load(configBytes, path: SiteLayout.configPath)
        return SiteDefinition(schema: schema, config: config, problems: schema.problems + configProblems)
    }

    /// Every document file below `content/` (or one type's folder), and a problem for each
    /// document-like file there that names no document (`SiteLayout.strayProblem`), from one
    /// walk of the tree.
    public func contentFiles(
        tree: ObjectID, under folder: String = SiteLayout.contentFolder
    ) async throws -> (documents: [DocumentFile], strays: [Problem]) {
        var documents: [DocumentFile] = []
        var strays: [Problem] = []
        for entry in try await repository.blobs(inTree: tree, under: folder) {
            if let (key, format) = SiteLayout.documentKey(forPath: entry.path) {
                documents.append(DocumentFile(key: key, format: format, path: entry.path, blob: entry.id))
            } else if let problem = SiteLayout.strayProblem(forPath: entry.path) {
                strays.append(problem)
            }
        }
        return (documents, strays)
    }

    /// Every document file below `content/` (or one type's folder), by key.
    public func documentFiles(tree: ObjectID, under folder: String = SiteLayout.contentFolder) async throws -> [DocumentFile] {
        try await contentFiles(tree: tree, under: folder).documents
    }

    /// Reads and decodes files, spreading the YAML parsing over every core; `progress` hears
    /// how many of them are done after each group. The result follows the order of `files`.
    ///
    /// Many blobs are read in the order they sit in the packs (`Repository.packOrder`), which
    /// costs a tenth of the CPU of path order, and the next group is read while this one
    /// decodes. Fewer than 512 are read as given: finding the order reads every pack index
    /// (28 bytes per object in the repository), which would cost more than it saves.
    public func loadDocuments(
        _ files: [DocumentFile],
        definition: SiteDefinition,
        progress: LoadProgress? = nil
    ) async throws -> [LoadedDocument] {
        let codec = DocumentCodec(schema: definition.schema)
        let chunkSize = 512
        let order = files.count < chunkSize ? Array(files.indices) : repository.packOrder(of: files.map(\.blob))
        let groups = stride(from: 0, to: order.count, by: chunkSize * 4).map {
            Array(order[$0..<min(order.count, $0 + chunkSize * 4)])
        }
        let repository = repository
        func read(_ group: Int) -> Task<[[UInt8]], any Error>? {
            guard group < groups.count else { return nil }
            let ids = groups[group].map { files[$0].blob }
            return Task { try await repository.readBlobs(ids) }
        }
        var loaded = [LoadedDocument?](repeating: nil, count: files.count)
        var done = 0
        var reading = read(0)
        defer { reading?.cancel() }
        for (number, group) in groups.enumerated() {
            guard let blobs = try await reading?.value else { break }
            reading = read(number + 1)
            await withTaskGroup(of: [(Int, LoadedDocument)].self) { tasks in
                for start in stride(from: 0, to: group.count, by: chunkSize) {
                    let end = min(group.count, start + chunkSize)
                    tasks.addTask {
                        (start..<end).map { slot in
                            let index = group[slot]
                            return (index, Self.decode(files[index], bytes: blobs[slot], codec: codec, definition: definition))
                        }
                    }
                }
                for await part in tasks {
                    for (index, document) in part { loaded[index] = document }
                }
            }
            done += group.count
            progress?(done, files.count)
        }
        return loaded.compactMap { $0 }
    }

    static func decode(
        _ file: DocumentFile,
        bytes: [UInt8], codec: DocumentCodec, definition: SiteDefinition
    ) -> LoadedDocument {
        let path = file.path
        guard let type = definition.schema.contentType(singular: file.key.type) else {
            let problem = Problem(path: path, line: 0, message: "no content type '\(file.key.type)' in schemas/")
            return LoadedDocument(key: file.key, path: path, blob: file.blob, fields: nil, problems: [problem])
        }
        guard definition.config.locales.contains(file.key.locale) else {
            let problem = Problem(path: path, line: 0, message: "locale '\(file.key.locale)' is not in quire.yaml")
            return LoadedDocument(key: file.key, path: path, blob: file.blob, fields: nil, problems: [problem])
        }
        if !type.localized, file.key.locale != definition.config.defaultLocale {
            let problem = Problem(
                path: path, line: 0,
                message: "\(type.singularName) is not localized: its documents live under content/\(definition.config.defaultLocale)/")
            return LoadedDocument(key: file.key, path: path, blob: file.blob, fields: nil, problems: [problem])
        }
        var decoded = codec.decode(bytes, format: file.format, type: type, path: path)
        if type.kind == .singleType, file.key.documentId != type.singularName {
            decoded.problems.append(Problem(path: path, line: 0, message: "a single type's file must be named \(type.singularName).\(file.format.rawValue)"))
            decoded.fields = nil
        }
        return LoadedDocument(key: file.key, path: path, blob: file.blob, fields: decoded.fields, problems: decoded.problems)
    }
}
