/// Password attributes hold a bcrypt hash in files, never the password itself. The API hashes
/// what a client sends before it reaches the store; these helpers find those values (at the top
/// level and inside component and dynamic-zone items), check the plain text's rules, and take
/// password and private values out of nested values that are shown to clients.
public enum PasswordValues {
    /// bcrypt's modular crypt form: `$2a$`, `$2b$` or `$2y$`, a two-digit cost, `$`, then 53
    /// characters of bcrypt's base 64 (salt and checksum).
    public static func isHash(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 60, bytes[0] == UInt8(ascii: "$"), bytes[1] == UInt8(ascii: "2"),
              [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "y")].contains(bytes[2]), bytes[3] == UInt8(ascii: "$"),
              isDigit(bytes[4]), isDigit(bytes[5]), bytes[6] == UInt8(ascii: "$") else { return false }
        return bytes[7...].allSatisfy { isDigit($0) || isLetter($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") }
    }

    /// A value that must be hashed before it is stored: a non-empty string that is not a hash
    /// already (an empty string means "no password"; a stored hash, as a restore or a merge
    /// writes back, stays as it is).
    public static func needsHash(_ value: Value) -> String? {
        guard case .string(let text) = value, !text.isEmpty, !isHash(text) else { return nil }
        return text
    }

    /// bcrypt reads no further than this many bytes; a longer password would be silently cut.
    public static let maximumBytes = 72

    /// The rules a plain password breaks (`minLength`, `maxLength`, bcrypt's 72 bytes), with
    /// yup's messages, for every password value of `data` that will be hashed.
    public static func issues(in data: OrderedObject, attributes: [Attribute], schema: SiteSchema) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        visit(data, attributes: attributes, schema: schema, path: []) { text, attribute, path in
            let label = IssueLabel.label(path)
            let length = text.utf16.count
            if let minimum = attribute.minLength, length < minimum {
                issues.append(ValidationIssue(path: path, message: "\(label) must be at least \(minimum) characters"))
            }
            if let maximum = attribute.maxLength, length > maximum {
                issues.append(ValidationIssue(path: path, message: "\(label) must be at most \(maximum) characters"))
            }
            if text.utf8.count > maximumBytes {
                issues.append(ValidationIssue(path: path, message: "\(label) must be at most \(maximumBytes) bytes"))
            }
        }
        return issues
    }

    /// Every plain password value of `data` with its path, in payload order.
    public static func plainValues(in data: OrderedObject, attributes: [Attribute], schema: SiteSchema) -> [(path: [String], text: String)] {
        var found: [(path: [String], text: String)] = []
        visit(data, attributes: attributes, schema: schema, path: []) { text, _, path in found.append((path, text)) }
        return found
    }

    /// `data` with the value at each path replaced (paths as `plainValues` gives them).
    public static func replacing(_ data: OrderedObject, with values: [(path: [String], value: Value)]) -> OrderedObject {
        var result = Value.object(data)
        for (path, value) in values { set(&result, path[...], to: value) }
        if case .object(let object) = result { return object }
        return data
    }

    /// A component or dynamic-zone value without its password and private attributes, at any depth.
    public static func shown(_ value: Value, attribute: Attribute, schema: SiteSchema) -> Value {
        switch (attribute.type, value) {
        case (.component(let uid, _), _):
            guard let component = schema.components[uid] else { return value }
            return mapItems(value) { shown($0, attributes: component.attributes, schema: schema) }
        case (.dynamiczone, _):
            return mapItems(value) { item in
                guard case .string(let uid)? = item["__component"], let component = schema.components[uid] else { return item }
                return shown(item, attributes: component.attributes, schema: schema)
            }
        default:
            return value
        }
    }

    private static func shown(_ item: OrderedObject, attributes: [Attribute], schema: SiteSchema) -> OrderedObject {
        var result = item
        for attribute in attributes {
            guard let value = item[attribute.name] else { continue }
            if attribute.isPrivate || attribute.type == .password {
                result[attribute.name] = nil
            } else {
                result[attribute.name] = shown(value, attribute: attribute, schema: schema)
            }
        }
        return result
    }

    private static func mapItems(_ value: Value, _ transform: (OrderedObject) -> OrderedObject) -> Value {
        switch value {
        case .object(let object): .object(transform(object))
        case .array(let items): .array(items.map { item in if case .object(let object) = item { .object(transform(object)) } else { item } })
        default: value
        }
    }

    private static func visit(_ data: OrderedObject, attributes: [Attribute], schema: SiteSchema, path: [String],
                              _ body: (String, Attribute, [String]) -> Void) {
        for attribute in attributes {
            guard let value = data[attribute.name] else { continue }
            let here = path + [attribute.name]
            switch attribute.type {
            case .password:
                if let text = needsHash(value) { body(text, attribute, here) }
            case .component(let uid, _):
                guard let component = schema.components[uid] else { continue }
                forEachItem(value, path: here) { item, itemPath in
                    visit(item, attributes: component.attributes, schema: schema, path: itemPath, body)
                }
            case .dynamiczone:
                forEachItem(value, path: here) { item, itemPath in
                    guard case .string(let uid)? = item["__component"], let component = schema.components[uid] else { return }
                    visit(item, attributes: component.attributes, schema: schema, path: itemPath, body)
                }
            default:
                continue
            }
        }
    }

    private static func forEachItem(_ value: Value, path: [String], _ body: (OrderedObject, [String]) -> Void) {
        switch value {
        case .object(let object):
            body(object, path)
        case .array(let items):
            for (index, item) in items.enumerated() {
                if case .object(let object) = item { body(object, path + [String(index)]) }
            }
        default:
            break
        }
    }

    private static func set(_ value: inout Value, _ path: ArraySlice<String>, to new: Value) {
        guard let head = path.first else { value = new; return }
        switch value {
        case .object(var object):
            guard var child = object[head] else { return }
            set(&child, path.dropFirst(), to: new)
            object[head] = child
            value = .object(object)
        case .array(var items):
            guard let index = Int(head), items.indices.contains(index) else { return }
            set(&items[index], path.dropFirst(), to: new)
            value = .array(items)
        default:
            break
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
