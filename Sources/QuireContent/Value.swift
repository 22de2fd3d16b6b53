/// A JSON-shaped value: what a document field holds in memory, whatever file format it came from.
/// Not `indirect`: arrays and objects already keep their elements on the heap, so boxing every
/// case only added an allocation per scalar (a 100,000-document site held millions of them).
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([Value])
    case object(OrderedObject)
}

/// A JSON object that keeps its keys in insertion order (schema order, for documents).
public struct OrderedObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String] = []
    public private(set) var values: [Value] = []

    public init() {}
    public init(dictionaryLiteral elements: (String, Value)...) {
        for (key, value) in elements { self[key] = value }
    }
    public init(_ pairs: [(String, Value)]) {
        for (key, value) in pairs { self[key] = value }
    }

    /// For builders that already know the keys are distinct (parsers, decoders): skips the
    /// per-key lookup that makes the checked initialisers quadratic. The key list is shared with
    /// every other object that has the same keys in the same order (see `KeyListInterner`).
    public init(uniqueKeys keys: [String], values: [Value]) {
        self.keys = KeyListInterner.shared.intern(keys)
        self.values = values
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Setting nil removes the key; setting an existing key keeps its position.
    public subscript(key: String) -> Value? {
        get { keys.firstIndex(of: key).map { values[$0] } }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue { values[index] = newValue } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    public var pairs: Zip2Sequence<[String], [Value]> { zip(keys, values) }
}
