import Yams

/// Reads every schema file, then checks what they say about each other. Any problem in a
/// file leaves its type (or component) out; a type that depends on one left out goes too,
/// so whatever loads is whole and consistent.
struct SchemaLoader {
    struct Loaded<Definition> {
        var definition: Definition
        var path: String
        var attributeLines: [String: Int]
        /// Where the names that must be unique across types are written.
        var nameLine = 0
    }

    private(set) var problems: [Problem] = []
    private(set) var types: [Loaded<ContentType>] = []
    private(set) var components: [Loaded<Component>] = []
    /// Names that some file claimed, loaded or not: their failures are reported in their own file.
    private var attemptedTypes: Set<String> = []
    private var attemptedComponents: Set<String> = []

    mutating func read(files: [(path: String, bytes: [UInt8])]) {
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard DocumentFormat(path: file.path) != nil else { continue }
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            let stem = Self.stem(of: file.path)
            if parts.count == 2, parts[0] == "schemas" {
                attemptedTypes.insert(stem)
                readType(file.bytes, path: file.path, stem: stem)
            } else if parts.count == 4, parts[0] == "schemas", parts[1] == "components" {
                let uid = "\(parts[2]).\(stem)"
                attemptedComponents.insert(uid)
                readComponent(file.bytes, path: file.path, uid: uid)
            } else {
                problems.append(Problem(path: file.path, line: 0,
                                        message: "not a schema location: use schemas/<name>.yaml or schemas/components/<category>/<name>.yaml"))
            }
        }
    }

    static func stem(of path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: ".") else { return file }
        return String(file[..<dot])
    }

    private mutating func parse(_ bytes: [UInt8], path: String) -> Node? {
        do {
            guard let root = try YAMLSource.compose(bytes) else {
                problems.append(Problem(path: path, line: 0, message: "the file is empty"))
                return nil
            }
            guard case .mapping = root else {
                problems.append(Problem(path: path, line: YAMLSource.line(of: root), message: "a schema must be a mapping"))
                return nil
            }
            return root
        } catch {
            // libyaml reads nearly all JSON, but not e.g. surrogate-pair escapes: ask the JSON parser.
            let looksLikeJSON = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
            guard path.hasSuffix(".json"), looksLikeJSON else {
                problems.append(Problem(path: path, line: error.line, message: error.message))
                return nil
            }
            do {
                let root = YAMLEmit().value(try JSON.parse(bytes))
                guard case .mapping = root else {
                    problems.append(Problem(path: path, line: 0, message: "a schema must be a mapping"))
                    return nil
                }
                return root
            } catch let jsonError as JSONError {
                problems.append(Problem(path: path, line: JSON.line(ofOffset: jsonError.offset, in: bytes),
                                        message: "JSON syntax error: \(jsonError.reason)"))
                return nil
            } catch {
                problems.append(Problem(path: path, line: 0, message: "\(error)"))
                return nil
            }
        }
    }

    private mutating func readType(_ bytes: [UInt8], path: String, stem: String) {
        guard let root = parse(bytes, path: path) else { return }
        var reader = SchemaFileReader(path: path)
        let kindNode = reader.value(root, "kind")
        let kindName = reader.string(kindNode, "kind")
        let kind = kindName.flatMap(ContentType.Kind.init(rawValue:))
        if kindName == nil {
            reader.report(root, "missing kind (collectionType or singleType)")
        } else if kind == nil {
            reader.report(kindNode, "unknown kind '\(kindName ?? "")' (collectionType or singleType)")
        }
        let info = reader.value(root, "info")
        _ = reader.pairs(info, "info")
        let singularNode = reader.value(info, "singularName")
        let singular = reader.string(singularNode, "info.singularName")
        if let singular, singular != stem {
            reader.report(singularNode, "info.singularName '\(singular)' must equal the file name '\(stem)'")
        } else if singular == nil {
            reader.report(info ?? root, "missing info.singularName")
        }
        if !Self.isValidTypeName(stem) {
            reader.report(singularNode ?? root, "the name '\(stem)' must start with a letter and hold only letters, digits, - and _")
        }
        let pluralNode = reader.value(info, "pluralName")
        var plural = reader.string(pluralNode, "info.pluralName")
        if plural == nil {
            if kind == .collectionType { reader.report(info ?? root, "missing info.pluralName") }
            plural = stem
        } else if let name = plural, !Self.isValidTypeName(name) {
            reader.report(pluralNode, "info.pluralName '\(name)' must start with a letter and hold only letters, digits, - and _")
        } else if kind == .collectionType, plural == stem {
            reader.report(pluralNode, "info.pluralName must differ from singularName")
        }
        for (field, name, node) in [("singularName", stem, singularNode), ("pluralName", plural ?? stem, pluralNode)] {
            if let owner = ReservedTypeNames.owner(of: name), field == "singularName" || name != stem {
                reader.report(node ?? root, "info.\(field) '\(name)' is reserved: \(owner) answers there")
            }
        }
        let displayName = reader.string(reader.value(info, "displayName"), "info.displayName") ?? stem
        let options = reader.value(root, "options")
        _ = reader.pairs(options, "options")
        let draftAndPublish = reader.bool(reader.value(options, "draftAndPublish"), "options.draftAndPublish") ?? false
        let shard = reader.integer(reader.value(options, "shard"), "options.shard", minimum: 1)
        let pageTree = reader.bool(reader.value(options, "pageTree"), "options.pageTree") ?? false
        let guestApiAccess = reader.bool(reader.value(options, "guestApiAccess"), "options.guestApiAccess") ?? false
        let i18n = reader.value(reader.value(root, "pluginOptions"), "i18n")
        let localized = reader.bool(reader.value(i18n, "localized"), "pluginOptions.i18n.localized") ?? false
        let entries = SchemaAttributeReader.read(reader.value(root, "attributes"), in: &reader, allowZones: true)
        problems += reader.problems
        guard reader.problems.isEmpty, let kind, let plural else { return }
        var type = ContentType(kind: kind, singularName: stem, pluralName: plural, displayName: displayName,
                               draftAndPublish: draftAndPublish, localized: localized, shard: shard,
                               attributes: entries.map(\.attribute), sourcePath: path)
        if pageTree { type.makePageType() }
        type.guestApiAccess = guestApiAccess
        let nameLine = YAMLSource.line(of: pluralNode ?? singularNode ?? root)
        types.append(Loaded(definition: type, path: path, attributeLines: Self.lines(entries), nameLine: nameLine))
    }

    private mutating func readComponent(_ bytes: [UInt8], path: String, uid: String) {
        guard let root = parse(bytes, path: path) else { return }
        var reader = SchemaFileReader(path: path)
        let info = reader.value(root, "info")
        _ = reader.pairs(info, "info")
        let displayName = reader.string(reader.value(info, "displayName"), "info.displayName") ?? Self.stem(of: path)
        let entries = SchemaAttributeReader.read(reader.value(root, "attributes"), in: &reader, allowZones: false)
        problems += reader.problems
        guard reader.problems.isEmpty else { return }
        let component = Component(uid: uid, displayName: displayName,
                                  attributes: ApostropheFieldTypes.withItemId(entries.map(\.attribute)), sourcePath: path)
        components.append(Loaded(definition: component, path: path, attributeLines: Self.lines(entries)))
    }

    private static func lines(_ entries: [SchemaAttributeReader.Entry]) -> [String: Int] {
        Dictionary(entries.map { ($0.attribute.name, $0.line) }, uniquingKeysWith: { first, _ in first })
    }

    static func isValidTypeName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "-" || $0 == "_" }
    }

    // MARK: - Cross-references

    mutating func crossCheck() {
        removeDuplicateNames()
        // Each round may remove definitions others depend on; stop when a round removes none.
        while checkComponents() || checkTypes() {}
    }

    private mutating func removeDuplicateNames() {
        var seenTypes: [String: String] = [:]
        var routeNames: [String: String] = [:]
        types = types.filter { loaded in
            let type = loaded.definition
            if let other = seenTypes[type.singularName] {
                problems.append(Problem(path: loaded.path, line: loaded.nameLine, message: "'\(type.singularName)' is already defined by \(other)"))
                return false
            }
            for name in Set([type.singularName, type.pluralName]) {
                if let other = routeNames[name] {
                    let field = name == type.pluralName ? "pluralName" : "singularName"
                    problems.append(Problem(path: loaded.path, line: loaded.nameLine, message: "\(field) '\(name)' is already used by the type '\(other)'"))
                    return false
                }
            }
            seenTypes[type.singularName] = loaded.path
            routeNames[type.singularName] = type.singularName
            routeNames[type.pluralName] = type.singularName
            return true
        }
        var seenComponents: [String: String] = [:]
        components = components.filter { loaded in
            if let other = seenComponents[loaded.definition.uid] {
                problems.append(Problem(path: loaded.path, line: 0, message: "'\(loaded.definition.uid)' is already defined by \(other)"))
                return false
            }
            seenComponents[loaded.definition.uid] = loaded.path
            return true
        }
    }

    /// Removes components naming missing components or including themselves; true if any went.
    private mutating func checkComponents() -> Bool {
        let known = Set(components.map(\.definition.uid))
        let graph = Dictionary(uniqueKeysWithValues: components.map { ($0.definition.uid, Self.componentReferences($0.definition.attributes)) })
        let before = components.count
        components = components.filter { loaded in
            var fine = true
            for attribute in loaded.definition.attributes {
                for uid in Self.componentReferences([attribute]) {
                    if !known.contains(uid) {
                        report(loaded, attribute, missingComponent(uid))
                        fine = false
                    } else if Self.reaches(uid, loaded.definition.uid, in: graph) {
                        report(loaded, attribute, "component '\(uid)' includes '\(loaded.definition.uid)' again: components cannot nest themselves")
                        fine = false
                    }
                }
                if case .relation(let kind, let target, _, _) = attribute.type, !Self.isMorph(kind),
                   !types.contains(where: { $0.definition.singularName == target }) {
                    report(loaded, attribute, missingTarget(target))
                    fine = false
                }
            }
            return fine
        }
        return components.count != before
    }

    /// Removes types whose components or relation targets are missing; true if any went.
    private mutating func checkTypes() -> Bool {
        let knownComponents = Set(components.map(\.definition.uid))
        let knownTypes = Set(types.map(\.definition.singularName))
        let before = types.count
        types = types.filter { loaded in
            var fine = true
            for attribute in loaded.definition.attributes {
                for uid in Self.componentReferences([attribute]) where !knownComponents.contains(uid) {
                    report(loaded, attribute, missingComponent(uid))
                    fine = false
                }
                if case .relation(let kind, let target, _, _) = attribute.type, !Self.isMorph(kind), !knownTypes.contains(target) {
                    report(loaded, attribute, missingTarget(target))
                    fine = false
                }
            }
            return fine
        }
        return types.count != before
    }

    private func missingComponent(_ uid: String) -> String {
        attemptedComponents.contains(uid) ? "component '\(uid)' could not be loaded" : "unknown component '\(uid)'"
    }

    private func missingTarget(_ target: String) -> String {
        attemptedTypes.contains(target) ? "relation target '\(target)' could not be loaded" : "unknown relation target '\(target)'"
    }

    private mutating func report<Definition>(_ loaded: Loaded<Definition>, _ attribute: Attribute, _ message: String) {
        problems.append(Problem(path: loaded.path, line: loaded.attributeLines[attribute.name] ?? 0,
                                message: "attribute '\(attribute.name)': \(message)"))
    }

    private static func isMorph(_ kind: RelationKind) -> Bool {
        kind == .morphToOne || kind == .morphToMany
    }

    private static func componentReferences(_ attributes: [Attribute]) -> [String] {
        attributes.flatMap { attribute -> [String] in
            switch attribute.type {
            case .component(let uid, _): [uid]
            case .dynamiczone(let uids): uids
            default: []
            }
        }
    }

    /// Whether `start` leads back to `goal` through component attributes.
    private static func reaches(_ start: String, _ goal: String, in graph: [String: [String]]) -> Bool {
        var stack = [start]
        var seen: Set<String> = []
        while let uid = stack.popLast() {
            if uid == goal { return true }
            guard seen.insert(uid).inserted else { continue }
            stack += graph[uid] ?? []
        }
        return false
    }
}

private extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
