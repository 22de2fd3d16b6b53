import Yams
@testable import QuireContent

/// What the fast reader must match: the node Yams composes (kind, scalar text, style, tag,
/// mark line and column, key order), compared field by field. `Node ==` would not do: it
/// ignores styles and marks, and it resolves (so changes) the implicit tags it compares.
enum YAMLNodeComparison {
    /// The first difference between the trees, as a path and a description; nil when equal.
    static func difference(_ fast: Node, _ yams: Node, path: String = "$") -> String? {
        if let difference = markDifference(fast.mark, yams.mark, path: path) { return difference }
        switch (fast, yams) {
        case let (.scalar(left), .scalar(right)):
            if left.string != right.string || !left.string.utf8.elementsEqual(right.string.utf8) {
                return "\(path): text \(left.string.debugDescription) ≠ \(right.string.debugDescription)"
            }
            if left.style != right.style { return "\(path): style \(left.style) ≠ \(right.style)" }
            return tagDifference(left.tag, right.tag, path: path)
        case let (.sequence(left), .sequence(right)):
            if left.style != right.style { return "\(path): sequence style \(left.style) ≠ \(right.style)" }
            if let difference = tagDifference(left.tag, right.tag, path: path) { return difference }
            guard left.count == right.count else { return "\(path): \(left.count) items ≠ \(right.count)" }
            for (index, (item, other)) in zip(left, right).enumerated() {
                if let difference = difference(item, other, path: "\(path)[\(index)]") { return difference }
            }
            return nil
        case let (.mapping(left), .mapping(right)):
            if left.style != right.style { return "\(path): mapping style \(left.style) ≠ \(right.style)" }
            if let difference = tagDifference(left.tag, right.tag, path: path) { return difference }
            guard left.count == right.count else { return "\(path): \(left.count) keys ≠ \(right.count)" }
            for (index, (pair, other)) in zip(left, right).enumerated() {
                let keyPath = "\(path).<key \(index)>"
                if let difference = difference(pair.key, other.key, path: keyPath) { return difference }
                if let difference = difference(pair.value, other.value, path: "\(path).\(other.key.string ?? "?")") {
                    return difference
                }
            }
            return nil
        default:
            return "\(path): \(kind(fast)) ≠ \(kind(yams))"
        }
    }

    private static func markDifference(_ left: Mark?, _ right: Mark?, path: String) -> String? {
        guard left?.line != right?.line || left?.column != right?.column else { return nil }
        return "\(path): mark \(left.map(\.description) ?? "none") ≠ \(right.map(\.description) ?? "none")"
    }

    /// Read through `rawValue`, which does not resolve an implicit tag.
    private static func tagDifference(_ left: Tag, _ right: Tag, path: String) -> String? {
        left.rawValue == right.rawValue ? nil : "\(path): tag '\(left.rawValue)' ≠ '\(right.rawValue)'"
    }

    private static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "scalar"
        case .sequence: "sequence"
        case .mapping: "mapping"
        case .alias: "alias"
        }
    }

    enum Outcome: Equatable {
        case accepted, declined
    }

    /// Checks one input: if the fast reader gives a node, Yams must give the same node; either
    /// way `YAMLSource.compose` must behave as Yams alone (same node, or the same failure).
    /// Returns what the fast reader did, or throws the difference.
    static func check(_ bytes: [UInt8]) throws -> Outcome {
        let fast = YAMLFastReader.compose(bytes)
        let yams: Result<Node?, YAMLSource.ParseFailure> = Result { () throws(YAMLSource.ParseFailure) in try YAMLSource.composeWithYams(bytes) }
        let both: Result<Node?, YAMLSource.ParseFailure> = Result { () throws(YAMLSource.ParseFailure) in try YAMLSource.compose(bytes) }
        switch (yams, both) {
        case let (.failure(expected), .failure(got)):
            guard expected.line == got.line, expected.message == got.message else {
                throw Mismatch(bytes: bytes, detail: "failure \(got) ≠ Yams' \(expected)")
            }
        case let (.success(expected?), .success(got?)):
            if let detail = difference(got, expected) { throw Mismatch(bytes: bytes, detail: detail) }
        case (.success(nil), .success(nil)):
            break
        default:
            throw Mismatch(bytes: bytes, detail: "YAMLSource.compose gave \(both), Yams alone \(yams)")
        }
        guard let fast else { return .declined }
        guard case .success(let expected?) = yams else {
            throw Mismatch(bytes: bytes, detail: "the fast reader read what Yams refuses: \(yams)")
        }
        if let detail = difference(fast, expected) { throw Mismatch(bytes: bytes, detail: detail) }
        return .accepted
    }

    struct Mismatch: Error, CustomStringConvertible {
        var bytes: [UInt8]
        var detail: String
        var description: String {
            "\(detail)\n--- input ---\n\(String(decoding: bytes, as: UTF8.self).debugDescription)"
        }
    }
}
