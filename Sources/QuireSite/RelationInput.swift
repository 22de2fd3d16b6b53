import QuireContent

/// A relation value in a write payload, in any of Strapi's forms: a documentId, a list of them
/// (a `set`), `{documentId}` objects, or `{connect, disconnect}` / `{set}` with positions.
struct RelationInput {
    struct Connection {
        enum Position { case end, start, before(String), after(String) }
        var documentId: String
        var position: Position
    }

    var set: [String]?
    var connect: [Connection] = []
    var disconnect: [String] = []

    init(_ value: Value, field: String) throws {
        try self.init(value, field: field, identify: Self.documentId)
    }

    /// `identify` names one target of the payload (a documentId; for morph relations, the type
    /// and documentId together, see `MorphInput`).
    init(_ value: Value, field: String, identify: (Value, String) throws -> String) throws {
        switch value {
        case .null:
            set = []
        case .string:
            set = [try identify(value, field)]
        case .object where !Self.isOperationObject(value):
            set = [try identify(value, field)]
        case .array(let items):
            set = try items.map { try identify($0, field) }
        case .object(let object):
            for name in object.keys where !["connect", "disconnect", "set", "options"].contains(name) {
                throw WriteError.invalidKey("\(field).\(name)")
            }
            if let value = object["set"] {
                guard object["connect"] == nil, object["disconnect"] == nil else {
                    throw WriteError.invalid([ValidationIssue(path: [field], message: "\(field): set cannot be combined with connect or disconnect")])
                }
                set = try Self.list(value).map { try identify($0, field) }
            }
            connect = try Self.list(object["connect"]).map { try Self.connection($0, field: field, identify: identify) }
            disconnect = try Self.list(object["disconnect"]).map { try identify($0, field) }
            let ids = connect.map(\.documentId)
            if Set(ids).count != ids.count {
                throw WriteError.invalid([ValidationIssue(path: [field], message: "\(field): a relation cannot be connected twice")])
            }
        default:
            throw WriteError.invalid([ValidationIssue(path: [field], message: "\(field) must be a documentId, a list of documentIds, or {connect, disconnect, set}")])
        }
    }

    /// The related documentIds after this input is applied to the current value, order kept.
    func resolve(current: Value?) throws -> [String] {
        var ids: [String]
        ids = set ?? Self.ids(current)
        ids.removeAll { disconnect.contains($0) }
        for connection in connect {
            ids.removeAll { $0 == connection.documentId }
            switch connection.position {
            case .end: ids.append(connection.documentId)
            case .start: ids.insert(connection.documentId, at: 0)
            case .before(let other), .after(let other):
                guard let index = ids.firstIndex(of: other) else {
                    throw WriteError.invalid([ValidationIssue(path: [], message: "There is no relation \(other) to position \(connection.documentId) against")])
                }
                if case .before = connection.position { ids.insert(connection.documentId, at: index) } else { ids.insert(connection.documentId, at: index + 1) }
            }
        }
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// The documentIds a stored relation value holds (one, or a list).
    static func ids(_ value: Value?) -> [String] {
        switch value {
        case .string(let id)?: [id]
        case .array(let items)?: items.compactMap { if case .string(let id) = $0 { id } else { nil } }
        default: []
        }
    }

    private static func isOperationObject(_ value: Value) -> Bool {
        guard case .object(let object) = value else { return false }
        return object.keys.contains { ["connect", "disconnect", "set"].contains($0) }
    }

    private static func list(_ value: Value?) throws -> [Value] {
        switch value {
        case nil, .null?: []
        case .array(let items)?: items
        case let single?: [single]
        }
    }

    static func documentId(_ value: Value, field: String) throws -> String {
        switch value {
        case .string(let id) where DocumentID.isValid(id):
            return id
        case .object(let object):
            if case .string(let id)? = object["documentId"], DocumentID.isValid(id) { return id }
        default:
            break
        }
        throw WriteError.invalid([ValidationIssue(path: [field], message: "\(field) must name documents by documentId")])
    }

    private static func connection(_ value: Value, field: String, identify: (Value, String) throws -> String) throws -> Connection {
        let id = try identify(value, field)
        guard case .object(let object) = value, case .object(let position)? = object["position"] else {
            return Connection(documentId: id, position: .end)
        }
        if case .string(let other)? = position["before"] { return Connection(documentId: id, position: .before(other)) }
        if case .string(let other)? = position["after"] { return Connection(documentId: id, position: .after(other)) }
        if position["start"] == .bool(true) { return Connection(documentId: id, position: .start) }
        return Connection(documentId: id, position: .end)
    }
}
