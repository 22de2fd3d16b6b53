import Yams

/// Reads typed options out of one schema or settings file's YAML nodes, collecting problems
/// with the line of the node at fault. Absent and null options read as nil without a problem.
struct SchemaFileReader {
    let path: String
    private(set) var problems: [Problem] = []

    init(path: String) {
        self.path = path
    }

    mutating func report(_ node: Node?, _ message: String) {
        problems.append(Problem(path: path, line: node.map(YAMLSource.line) ?? 0, message: message))
    }

    mutating func report(line: Int, _ message: String) {
        problems.append(Problem(path: path, line: line, message: message))
    }

    /// The pairs of a mapping, keys as written; nil (with a problem) for anything else.
    mutating func pairs(_ node: Node?, _ what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard let node, !Self.isNull(node) else { return nil }
        guard case .mapping(let mapping) = node else {
            report(node, "\(what) must be a mapping")
            return nil
        }
        return mapping.map { pair in
            let key: String
            if case .scalar(let scalar) = pair.key { key = scalar.string } else { key = "" }
            return (key, pair.key, pair.value)
        }
    }

    /// The value under `key` in a mapping node (nil if absent or not a mapping).
    func value(_ node: Node?, _ key: String) -> Node? {
        guard case .mapping(let mapping)? = node else { return nil }
        for pair in mapping {
            if case .scalar(let scalar) = pair.key, scalar.string == key { return pair.value }
        }
        return nil
    }

    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node, !Self.isNull(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            report(node, "\(what) must be text")
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let text = string(node, what) else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            report(node, "\(what) must be true or false, not '\(text)'")
            return nil
        }
    }

    mutating func integer(_ node: Node?, _ what: String, minimum: Int = 0) -> Int? {
        guard let text = string(node, what) else { return nil }
        guard NumberText.isInteger(text), let value = Int(text), value >= minimum else {
            report(node, "\(what) must be a whole number of at least \(minimum), not '\(text)'")
            return nil
        }
        return value
    }

    mutating func number(_ node: Node?, _ what: String) -> Double? {
        guard let text = string(node, what) else { return nil }
        guard let value = NumberText.double(text) else {
            report(node, "\(what) must be a number, not '\(text)'")
            return nil
        }
        return value
    }

    /// A list of texts; a single text is not accepted, so typos show.
    mutating func strings(_ node: Node?, _ what: String) -> [String]? {
        guard let node, !Self.isNull(node) else { return nil }
        guard case .sequence(let sequence) = node else {
            report(node, "\(what) must be a list")
            return nil
        }
        var result: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item, !scalar.isNull else {
                report(item, "\(what) must list texts")
                return nil
            }
            result.append(scalar.string)
        }
        return result
    }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return scalar.isNull }
        return false
    }
}
