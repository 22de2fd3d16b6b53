/// A query string parsed the way Strapi's `qs.parse(…, { strictNullHandling: true, arrayLimit: 100, depth: 20 })`
/// does: bracket paths become nested maps, numeric indices become lists.
public indirect enum QueryNode: Sendable, Equatable {
    /// `?x` (no `=`) is nil; `?x=` is the empty string.
    case value(String?)
    case list([QueryNode])
    case map([(String, QueryNode)])

    public static func == (lhs: QueryNode, rhs: QueryNode) -> Bool {
        switch (lhs, rhs) {
        case (.value(let a), .value(let b)): a == b
        case (.list(let a), .list(let b)): a == b
        case (.map(let a), .map(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: false
        }
    }

    public subscript(key: String) -> QueryNode? {
        if case .map(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    public var string: String? {
        if case .value(let value) = self { return value }
        return nil
    }
}

public enum QueryString {
    static let arrayLimit = 100
    static let depthLimit = 20

    public static func parse(_ query: String?) -> QueryNode {
        var root = Builder()
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let (rawKey, rawValue): (Substring, Substring?) = {
                guard let equals = pair.firstIndex(of: "=") else { return (pair, nil) }
                return (pair[..<equals], pair[pair.index(after: equals)...])
            }()
            let key = decode(rawKey)
            guard !key.isEmpty else { continue }
            root.insert(path: segments(of: key), value: rawValue.map(decode))
        }
        return root.node
    }

    /// `filters[title][$eq]` → ["filters", "title", "$eq"]; deeper than the limit stays one segment, as in qs.
    static func segments(of key: String) -> [String] {
        guard let open = key.firstIndex(of: "["), open != key.startIndex else { return [key] }
        var result = [String(key[..<open])]
        var rest = key[open...]
        while rest.first == "[", let close = rest.firstIndex(of: "]"), result.count <= depthLimit {
            result.append(String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { result.append(String(rest)) }
        return result
    }

    static func decode(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Collects values by path, then turns maps whose keys are all small indices into lists.
    struct Builder {
        var values: [String?] = []
        var children: [(String, Builder)] = []
        var appended: [Builder] = []

        mutating func insert(path: [String], value: String?) {
            guard let first = path.first else {
                values.append(value)
                return
            }
            let rest = Array(path.dropFirst())
            if first.isEmpty {
                var child = Builder()
                child.insert(path: rest, value: value)
                appended.append(child)
            } else if let index = children.firstIndex(where: { $0.0 == first }) {
                children[index].1.insert(path: rest, value: value)
            } else {
                var child = Builder()
                child.insert(path: rest, value: value)
                children.append((first, child))
            }
        }

        var node: QueryNode {
            if children.isEmpty && appended.isEmpty {
                if values.count == 1 { return .value(values[0]) }
                return .list(values.map { .value($0) })
            }
            let indices = children.compactMap { Int($0.0) }
            if values.isEmpty, indices.count == children.count, indices.allSatisfy({ $0 >= 0 && $0 <= QueryString.arrayLimit }) {
                let sorted = children.sorted { Int($0.0)! < Int($1.0)! }
                return .list(sorted.map(\.1.node) + appended.map(\.node))
            }
            if values.isEmpty, children.isEmpty {
                return .list(appended.map(\.node))
            }
            var pairs = children.map { ($0.0, $0.1.node) }
            for (offset, child) in appended.enumerated() { pairs.append((String(indices.count + offset), child.node)) }
            return .map(pairs)
        }
    }
}
