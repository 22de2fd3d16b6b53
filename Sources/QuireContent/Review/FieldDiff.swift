/// One attribute that differs between two versions of a document (nil: absent on that side).
public struct FieldChange: Sendable, Equatable {
    public var field: String
    public var from: Value?
    public var to: Value?
}

/// The structured side of a document diff: which attributes changed, in schema order.
public enum FieldDiff {
    public static func changes(from old: OrderedObject, to new: OrderedObject, type: ContentType) -> [FieldChange] {
        type.attributes.compactMap { attribute in
            let (before, after) = (old[attribute.name], new[attribute.name])
            guard before != after else { return nil }
            // Say that a password changed, never what it was or became.
            if attribute.type == .password { return FieldChange(field: attribute.name, from: nil, to: nil) }
            return FieldChange(field: attribute.name, from: before, to: after)
        }
    }

    /// `fields` with every password attribute replaced by a placeholder, for text diffs of
    /// types that have any (the raw file would show the value).
    public static func maskingPasswords(_ fields: OrderedObject, type: ContentType) -> OrderedObject? {
        let passwords = type.attributes.filter { $0.type == .password }.map(\.name)
        guard !passwords.isEmpty else { return nil }
        var masked = fields
        for name in passwords where masked[name] != nil { masked[name] = .string("********") }
        return masked
    }
}
