import HashTreeCollections
import QuireContent
import QuireIndex

/// Computes a document's new fields from a Strapi `data` payload: types converted, relations
/// resolved and checked, defaults filled in, schema rules and uniqueness enforced.
struct DocumentEdit {
    let definition: SiteDefinition
    let state: SiteState
    /// The last published snapshot, plus the keys this batch changed since (read from `state`).
    let snapshot: SiteSnapshot
    let changed: Set<DocumentKey>
    /// The writer's index of unique values; without one, uniqueness is checked by a scan.
    let uniqueIndex: UniqueIndex?
    /// What the writer may see of related documents (nil: everything).
    let visibility: RelationVisibility?

    init(definition: SiteDefinition, state: SiteState, snapshot: SiteSnapshot, changed: Set<DocumentKey>, uniqueIndex: UniqueIndex? = nil,
         visibility: RelationVisibility? = nil) {
        self.definition = definition
        self.state = state
        self.snapshot = snapshot
        self.changed = changed
        self.uniqueIndex = uniqueIndex
        self.visibility = visibility
    }

    func apply(_ data: OrderedObject, to current: OrderedObject, key: DocumentKey, type: ContentType, view: View, isNew: Bool) throws -> OrderedObject {
        let validator = DocumentValidator(schema: definition.schema)
        let patch: OrderedObject
        do {
            patch = try validator.normalize(data, for: type)
        } catch let error as DataError {
            switch error {
            case .invalidKey(let name): throw WriteError.invalidKey(name)
            case .invalid(let issues): throw WriteError.invalid(issues)
            }
        }
        var merged = current
        for (name, value) in patch.pairs {
            guard let attribute = type.attribute(named: name) else { throw WriteError.invalidKey(name) }
            if case .relation(let kind, _, _, _) = attribute.type, kind.isMorph {
                // As Strapi's input validation: naming a type the writer may not read is an invalid key.
                if let visibility, RelationVisibility.namedTypes(value, schema: definition.schema).contains(where: { !visibility.mayRead($0) }) {
                    throw WriteError.invalidKey(name)
                }
                let stored = MorphLink.links(merged[name])
                let visible = { (link: MorphLink) in sees(link.documentId, type: link.type, locale: key.locale) }
                let links = try MorphInput.resolve(value, current: MorphLink.value(stored.filter(visible), toMany: true), field: name, schema: definition.schema)
                for link in links { try checkTargets([link.documentId], target: link.type, locale: key.locale, field: name) }
                let kept = RelationVisibility.keepingUnseen(links, stored: stored, sees: visible)
                try checkReplaces(written: links.count, kept: kept.count, toMany: kind.isToMany, field: name)
                merged[name] = MorphLink.value(kept, toMany: kind.isToMany)
            } else if case .relation(let kind, let target, _, _) = attribute.type {
                if let visibility, !visibility.mayRead(target) { throw WriteError.invalidKey(name) }
                let input = try RelationInput(value, field: name)
                let stored = RelationInput.ids(merged[name])
                let visible = { (id: String) in sees(id, type: target, locale: key.locale) }
                var ids = try input.resolve(current: .array(stored.filter(visible).map(Value.string)))
                try checkTargets(ids, target: target, locale: key.locale, field: name)
                let kept = RelationVisibility.keepingUnseen(ids, stored: stored, sees: visible)
                try checkReplaces(written: ids.count, kept: kept.count, toMany: kind.isToMany, field: name)
                ids = kept
                merged[name] = kind.isToMany ? (ids.isEmpty ? nil : .array(ids.map(Value.string))) : ids.last.map(Value.string)
            } else {
                merged[name] = value == .null ? nil : value
            }
        }
        if isNew {
            for attribute in type.attributes where merged[attribute.name] == nil {
                if let value = attribute.defaultValue { merged[attribute.name] = value }
            }
        }
        // Keys in schema order, whatever order the payload used.
        let fields = OrderedObject(type.attributes.compactMap { attribute in merged[attribute.name].map { (attribute.name, $0) } })
        let issues = validator.validate(fields, for: type) + uniquenessIssues(fields, key: key, type: type, view: view)
        guard issues.isEmpty else { throw WriteError.invalid(issues) }
        return fields
    }

    /// A document the writer cannot see is, to its writes, no document: the same error.
    private func checkTargets(_ ids: [String], target: String, locale: String, field: String) throws {
        guard let targetType = definition.schema.contentType(singular: target) else { return }
        let targetLocale = targetType.localized ? locale : definition.config.defaultLocale
        for id in ids {
            let targetKey = DocumentKey(locale: targetLocale, type: target, documentId: id)
            let exists = visibility.map { $0.sees(targetKey, in: state) } ?? (state.published[targetKey] != nil || state.drafts[targetKey] != nil)
            if !exists {
                throw WriteError.relationTargetMissing(field: field, documentId: id, locale: targetLocale)
            }
        }
    }

    /// Whether the writer may see the related document `documentId` of `type` (always, without a `visibility`).
    private func sees(_ documentId: String, type: String, locale: String) -> Bool {
        guard let visibility, let targetType = definition.schema.contentType(singular: type) else { return true }
        let targetLocale = targetType.localized ? locale : definition.config.defaultLocale
        return visibility.sees(DocumentKey(locale: targetLocale, type: type, documentId: documentId), in: state)
    }

    /// A to-one relation holding a document its writer cannot see is not replaced by another.
    private func checkReplaces(written: Int, kept: Int, toMany: Bool, field: String) throws {
        guard !toMany, written > 0, kept > written else { return }
        throw WriteError.invalid([ValidationIssue(path: [field], message: "\(field) links a document you may not read: it cannot be replaced")])
    }

    /// uid attributes and `unique: true` ones may not repeat within a type, locale and view.
    private func uniquenessIssues(_ fields: OrderedObject, key: DocumentKey, type: ContentType, view: View) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for attribute in type.attributes {
            let mustBeUnique: Bool
            if case .uid = attribute.type { mustBeUnique = true } else { mustBeUnique = attribute.unique }
            guard mustBeUnique, let value = fields[attribute.name], value != .null else { continue }
            if isTaken(value, attribute: attribute.name, key: key, view: view) {
                issues.append(ValidationIssue(path: [attribute.name], message: "This attribute must be unique"))
            }
        }
        return issues
    }

    private func isTaken(_ value: Value, attribute: String, key: DocumentKey, view: View) -> Bool {
        if let uniqueIndex {
            return uniqueIndex.isTaken(value, attribute: attribute, key: key, view: view, state: state)
        }
        for version in snapshot.collection(view: view, locale: key.locale, type: key.type).documents {
            let other = version.key
            if other != key, !changed.contains(other), version.fields[attribute] == value { return true }
        }
        for other in changed where other != key && other.locale == key.locale && other.type == key.type {
            let fields = view == .draft ? (state.drafts[other]?.fields ?? state.published[other]?.fields) : state.published[other]?.fields
            if fields?[attribute] == value { return true }
        }
        return false
    }
}
