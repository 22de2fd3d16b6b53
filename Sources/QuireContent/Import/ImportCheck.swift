/// The checks that need the whole import at once: documentIds that repeat or already exist,
/// relation targets (which may be created by the same import), unique values.
struct ImportCheck {
    /// Every document of the site on main or on a draft branch.
    let existing: Set<DocumentKey>
    /// Unique values held by documents of the site, for the types the import touches.
    let existingUniques: [UniqueSlot: DocumentKey]
    let update: Bool

    struct UniqueSlot: Hashable {
        var locale: String
        var type: String
        var attribute: String
        var value: Value
    }

    func problems(_ documents: [PreparedDocument]) -> [ImportProblem] {
        var problems: [ImportProblem] = []
        var seen: [DocumentKey: ImportOrigin] = [:]
        seen.reserveCapacity(documents.count)
        for document in documents {
            if let first = seen.updateValue(document.origin, forKey: document.key) {
                problems.append(ImportProblem(document.origin, "\(document.key) is imported twice (first at \(first))"))
            } else if !update, existing.contains(document.key) {
                problems.append(ImportProblem(document.origin, "\(document.key) already exists (use --update to replace it)"))
            }
        }
        var uniques = existingUniques
        for document in documents {
            for target in document.relations where seen[target.key] == nil && !existing.contains(target.key) {
                problems.append(ImportProblem(
                    document.origin, "\(target.field): no \(target.key.type) with documentId '\(target.key.documentId)' in locale \(target.key.locale)"))
            }
            for unique in document.uniques {
                let slot = UniqueSlot(locale: document.key.locale, type: document.key.type, attribute: unique.attribute, value: unique.value)
                if let holder = uniques.updateValue(document.key, forKey: slot), holder != document.key {
                    // With --update, the site's own copy of a replaced document does not count.
                    if update, seen[holder] != nil, existingUniques[slot] == holder { continue }
                    problems.append(ImportProblem(document.origin, "\(unique.attribute): This attribute must be unique (\(holder.documentId) has it too)"))
                }
            }
        }
        return problems
    }
}

extension ContentType {
    /// The attributes whose values may not repeat within a type and locale: `uid` ones and
    /// those marked `unique: true`.
    var uniqueAttributes: [Attribute] {
        attributes.filter { attribute in
            if case .uid = attribute.type { return true }
            return attribute.unique
        }
    }
}
