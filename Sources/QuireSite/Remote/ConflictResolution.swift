import QuireContent
import QuireGit
import QuireIndex

/// How a sync settles files that both this server and the remote changed since they last agreed.
///
/// - One side deleted the file, the other changed it: the changed file stays (nothing is lost).
/// - A document: merged field by field against the common ancestor (`FieldMerge`, as publishing
///   does); a field both sides changed differently takes the remote's value.
/// - Anything else (a schema, `quire.yaml`, a file that does not parse): the remote's version.
///
/// Every field or file where our value gave way is listed in `overridden`.
enum ConflictResolution {
    struct Result {
        var blobs: [String: ObjectID?] = [:]
        var overridden: [String] = []
    }

    static func resolve(_ paths: [String], ours: ObjectID, theirs: ObjectID, store: SiteStore) async throws -> Result {
        let repository = store.repository
        let base = try await repository.mergeBase(ours, theirs)
        let baseTree = try await base.asyncMap { try await repository.commit($0).tree }
        let oursTree = try await repository.commit(ours).tree
        let theirsTree = try await repository.commit(theirs).tree
        // The remote's schemas: its documents are the ones that must keep validating.
        let definition = try await store.readDefinition(tree: theirsTree)
        var result = Result()
        for path in paths {
            let mine = try await blob(atPath: path, inTree: oursTree, repository)
            let other = try await blob(atPath: path, inTree: theirsTree, repository)
            guard let mine else {
                result.blobs[path] = other
                continue
            }
            guard let other else {
                result.blobs[path] = mine
                continue
            }
            let was = try await baseTree.asyncMap { try await blob(atPath: path, inTree: $0, repository) } ?? nil
            if let merged = try await mergeDocument(path, base: was, ours: mine, theirs: other, definition: definition, repository) {
                result.blobs[path] = merged.blob
                result.overridden += merged.overridden.map { "\(path): \($0)" }
            } else {
                result.blobs[path] = other
                result.overridden.append("\(path) (whole file)")
            }
        }
        return result
    }

    /// nil when the file is not a document of a known type, or one side does not read.
    private static func mergeDocument(
        _ path: String, base: ObjectID?, ours: ObjectID, theirs: ObjectID, definition: SiteDefinition, _ repository: Repository
    ) async throws -> (blob: ObjectID, overridden: [String])? {
        guard let (key, format) = SiteLayout.documentKey(forPath: path),
              let type = definition.schema.contentType(singular: key.type) else { return nil }
        let codec = DocumentCodec(schema: definition.schema)
        func fields(_ blob: ObjectID) async throws -> OrderedObject? {
            codec.decode(try await repository.readBlob(blob), format: format, type: type, path: path, isDraft: true).fields
        }
        guard let mine = try await fields(ours), let other = try await fields(theirs) else { return nil }
        let was = try await base.asyncMap { try await fields($0) } ?? nil
        let outcome = FieldMerge.merge(base: was ?? OrderedObject(), published: mine, draft: other, type: type)
        let conflicting = Set(outcome.conflicts.map(\.field))
        var merged: [(String, Value)] = []
        for attribute in type.attributes {
            let value = conflicting.contains(attribute.name) ? other[attribute.name] : outcome.fields[attribute.name]
            if let value { merged.append((attribute.name, value)) }
        }
        let bytes = codec.encode(OrderedObject(merged), type: type, format: format)
        return (try await repository.writeBlob(bytes), outcome.conflicts.map(\.field))
    }

    private static func blob(atPath path: String, inTree tree: ObjectID, _ repository: Repository) async throws -> ObjectID? {
        guard let entry = try await repository.entry(atPath: path, inTree: tree), entry.kind != .tree else { return nil }
        return entry.id
    }
}
