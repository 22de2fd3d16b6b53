import QuireContent

/// Apostrophe's PATCH body applied to a document's fields (`schema/index.js`
/// `implementPatchOperators`): top-level keys and dot paths (`body.items.0.content`), `@<_id>`
/// references to any nested object by its `_id`, and one of `$push` (with `$each`,
/// `$position`, `$before`, `$after`), `$pullAll`, `$pullAllById` or `$move` per patch object.
/// `_patches` applies several in order. Paths are resolved against Apostrophe field names.
struct AposPatch {
    let input: AposFieldInput
    static let controlKeys: Set = ["_patches", "_publish", "_advisoryLock", "$push", "$pullAll", "$pullAllById", "$move", "_copyingId", "_newInstance"]

    func apply(_ body: OrderedObject, to fields: inout OrderedObject) throws(AposError) {
        if case .array(let patches)? = body["_patches"] {
            for case .object(let patch) in patches { try apply(patch, to: &fields) }
        }
        for (key, value) in body.pairs where !Self.controlKeys.contains(key) {
            try set(key, value, in: &fields)
        }
        if case .object(let pushes)? = body["$push"] {
            for (path, value) in pushes.pairs { try push(value, at: path, in: &fields) }
        } else if case .object(let pulls)? = body["$pullAll"] {
            for (path, value) in pulls.pairs { try pull(path, in: &fields) { item in list(value).contains(item) || list(value).contains(Self.idValue(item)) } }
        } else if case .object(let pulls)? = body["$pullAllById"] {
            for (path, value) in pulls.pairs {
                let ids = list(value)
                try pull(path, in: &fields) { item in ids.contains(Self.idValue(item)) }
            }
        } else if case .object(let moves)? = body["$move"] {
            for (path, value) in moves.pairs { try move(value, at: path, in: &fields) }
        }
    }

    // MARK: Paths

    /// `title`, `body.items.0.content` or `@widgetId.content`, as an attribute name and the
    /// keys and indices below it.
    private func resolve(_ path: String, in fields: OrderedObject) throws(AposError) -> (attribute: String, rest: [String])? {
        var segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if segments[0].hasPrefix("@") {
            let id = String(segments[0].dropFirst())
            guard let found = Self.locate(id: id, in: .object(fields)) else { throw AposError.invalid("No object with _id \(id)") }
            segments = found + segments.dropFirst()
            return (segments[0], Array(segments.dropFirst()))
        }
        guard let attribute = input.map.attribute(forField: segments[0]) else {
            if segments.count > 1 { throw AposError.invalid("\(path) names no field") }
            return nil
        }
        return (attribute.name, Array(segments.dropFirst()))
    }

    private func set(_ path: String, _ value: Value, in fields: inout OrderedObject) throws(AposError) {
        guard let (attribute, rest) = try resolve(path, in: fields) else { return try input.refuseUnhonoured(path, value) }
        if rest.isEmpty {
            let key = path.hasPrefix("@") ? attribute : path
            for (name, stored) in try input.convert(key, value, current: fields) { fields[name] = stored }
            return
        }
        var root = fields[attribute] ?? .null
        try Self.update(&root, at: rest[...], path: path) { $0 = value }
        // An item set whole (`items.0`, `@<_id>`) comes as read: back to stored form.
        fields[attribute] = try stored(attribute, root)
    }

    /// Runs `change` on the value at `rest` below `value`; a missing or inherited step is 400.
    private static func update(_ value: inout Value, at rest: ArraySlice<String>, path: String, _ change: (inout Value) throws(AposError) -> Void) throws(AposError) {
        guard let key = rest.first else { return try change(&value) }
        switch value {
        case .object(var object):
            guard let child = object[key] ?? (rest.count == 1 ? .null : nil) else { throw AposError.invalid("\(path) does not exist") }
            var next = child
            try update(&next, at: rest.dropFirst(), path: path, change)
            object[key] = next
            value = .object(object)
        case .array(var items):
            guard let index = Int(key), items.indices.contains(index) else { throw AposError.invalid("\(path) does not exist") }
            try update(&items[index], at: rest.dropFirst(), path: path, change)
            value = .array(items)
        default:
            throw AposError.invalid("\(path) does not exist")
        }
    }

    /// The key path to the object whose `_id` is `id`, searching depth-first.
    static func locate(id: String, in value: Value) -> [String]? {
        switch value {
        case .object(let object):
            for (key, child) in object.pairs {
                if case .object(let inner) = child, inner["_id"] == .string(id) { return [key] }
                if let found = locate(id: id, in: child) { return [key] + found }
            }
        case .array(let items):
            for (index, child) in items.enumerated() {
                if case .object(let inner) = child, inner["_id"] == .string(id) { return [String(index)] }
                if let found = locate(id: id, in: child) { return [String(index)] + found }
            }
        default: break
        }
        return nil
    }

    // MARK: Operators

    private func withList(_ path: String, in fields: inout OrderedObject, _ change: (inout [Value], Bool) throws(AposError) -> Void) throws(AposError) {
        guard let (attribute, rest) = try resolve(path, in: fields) else { throw AposError.invalid("\(path) names no field") }
        let isRelation = input.map.type.attribute(named: attribute)?.isRelation ?? false
        // A morph relation's items keep their `type` (`{_id, type}`); other relations hold ids.
        let holdsIds = isRelation && input.map.type.attribute(named: attribute)?.isMorph != true
        var root = fields[attribute] ?? .array([])
        try Self.update(&root, at: rest[...], path: path) { (value: inout Value) throws(AposError) in
            var items: [Value]
            switch value {
            case .array(let list): items = list
            case .null: items = []
            default: throw AposError.invalid("\(path) is not an array")
            }
            try change(&items, holdsIds)
            value = .array(items)
        }
        if isRelation {
            for (name, stored) in try input.convert("_" + attribute, root, current: fields) { fields[name] = stored }
        } else {
            fields[attribute] = try stored(attribute, root)
        }
    }

    private func stored(_ name: String, _ root: Value) throws(AposError) -> Value {
        guard let attribute = input.map.type.attribute(named: name) else { return root }
        return try input.storedComponent(attribute, root)
    }

    private func push(_ value: Value, at path: String, in fields: inout OrderedObject) throws(AposError) {
        var items = [value]
        var position: Int?
        var anchor: (id: Value, after: Bool)?
        if case .object(let spec) = value, let each = spec["$each"] {
            items = list(each)
            if case .int(let index)? = spec["$position"] { position = Int(index) }
            if let before = spec["$before"] { anchor = (before, false) }
            if let after = spec["$after"] { anchor = (after, true) }
        }
        try withList(path, in: &fields) { list, holdsIds in
            let added = holdsIds ? items.map(Self.idValue) : items
            var index = list.count
            if let position, (0...list.count).contains(position) { index = position }
            if let anchor, let found = list.firstIndex(where: { Self.idValue($0) == anchor.id }) { index = anchor.after ? found + 1 : found }
            list.insert(contentsOf: added, at: index)
        }
    }

    private func pull(_ path: String, in fields: inout OrderedObject, where matches: (Value) -> Bool) throws(AposError) {
        try withList(path, in: &fields) { list, _ in list.removeAll(where: matches) }
    }

    private func move(_ spec: Value, at path: String, in fields: inout OrderedObject) throws(AposError) {
        guard case .object(let object) = spec, let item = object["$item"] else { throw AposError.invalid("$move needs $item") }
        try withList(path, in: &fields) { list, _ in
            guard let from = list.firstIndex(where: { Self.idValue($0) == item }) else { return }
            let moved = list.remove(at: from)
            var index = list.count
            if let before = object["$before"], let found = list.firstIndex(where: { Self.idValue($0) == before }) { index = found }
            if let after = object["$after"], let found = list.firstIndex(where: { Self.idValue($0) == after }) { index = found + 1 }
            list.insert(moved, at: index)
        }
    }

    private func list(_ value: Value) -> [Value] {
        if case .array(let items) = value { return items }
        return [value]
    }

    /// An array item's identity: its `_id` (widgets, array items, related documents), or the
    /// value itself (ids in a relation), with any `:locale:mode` suffix removed.
    static func idValue(_ item: Value) -> Value {
        var value = item
        if case .object(let object) = item, let id = object["_id"] { value = id }
        if case .string(let text) = value { return .string(String(text.split(separator: ":", maxSplits: 1).first ?? "")) }
        return value
    }
}
