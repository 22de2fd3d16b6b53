/// A field both sides changed differently since the draft branched: publishing stops and
/// answers with the three values instead of picking one.
public struct FieldConflict: Sendable, Equatable {
    public var field: String
    /// nil: the field was absent (or the document did not exist) on that side.
    public var base: Value?
    public var published: Value?
    public var draft: Value?

    public init(field: String, base: Value?, published: Value?, draft: Value?) {
        self.field = field
        self.base = base
        self.published = published
        self.draft = draft
    }
}

/// Three-way merge of one document, field by field: a top-level attribute is one unit (a
/// component or a list of tags changes as a whole), so the result never mixes halves of a
/// value and never needs a conflict marker.
public enum FieldMerge {
    public struct Outcome: Sendable, Equatable {
        /// In schema order; meaningful only when `conflicts` is empty.
        public var fields: OrderedObject
        public var conflicts: [FieldConflict]
    }

    public static func merge(base: OrderedObject, published: OrderedObject, draft: OrderedObject, type: ContentType) -> Outcome {
        var fields: [(String, Value)] = []
        var conflicts: [FieldConflict] = []
        for attribute in type.attributes {
            let name = attribute.name
            let (was, ours, theirs) = (base[name], published[name], draft[name])
            let merged: Value?
            if ours == theirs || was == theirs {
                merged = ours
            } else if was == ours {
                merged = theirs
            } else {
                // Password values never leave the server, not even in a conflict report.
                conflicts.append(attribute.type == .password
                    ? FieldConflict(field: name, base: nil, published: nil, draft: nil)
                    : FieldConflict(field: name, base: was, published: ours, draft: theirs))
                continue
            }
            if let merged { fields.append((name, merged)) }
        }
        return Outcome(fields: OrderedObject(fields), conflicts: conflicts)
    }
}
