import QuireContent

/// The sort keys of every document of a collection for a term that goes through relations or
/// components (`author.name`), with the order they give. Computing them reads other
/// collections, so they are kept together with the identities of those collections and used
/// only while all of them are unchanged.
struct DerivedOrder: Sendable {
    let keys: [ScalarKey?]
    let order: SortedOrder
    /// The indexes of every collection the keys were read from (changed collections get new ones).
    let sources: [ObjectIdentifier]
}

extension CollectionScope {
    /// Keys and order for a term with steps, cached in this collection's indexes.
    func derivedOrder(_ plan: SortPlan) -> DerivedOrder {
        let name = plan.cacheName
        let targets = plan.targetScopes(from: self)
        let sources = targets.compactMap { $0.map { ObjectIdentifier($0.collection.indexes) } }
        return collection.indexes.derived(name, valid: sources) {
            let keys = plan.derivedKeys(in: self, targets: targets)
            return DerivedOrder(keys: keys, order: SortedOrder(keys, count: keys.count), sources: sources)
        }
    }
}

extension SortPlan {
    var cacheName: String {
        let steps = steps.map { step -> String in
            switch step {
            case .relation(let hop): hop.attribute
            case .items(let name): name
            }
        }
        return (steps + [field.name]).joined(separator: ".") + (descending ? ":desc" : ":asc")
    }

    /// For each step, the collection its documents are in after it (nil for component steps,
    /// whose items stay inside the documents of the step before).
    func targetScopes(from scope: CollectionScope) -> [CollectionScope?] {
        var current = scope
        return steps.map { step in
            guard case .relation(let hop) = step else { return nil }
            current = current.target(hop)
            return current
        }
    }

    /// Follows the steps from every document at once, reading links and fields from the
    /// collections' columns rather than from each document's fields.
    func derivedKeys(in scope: CollectionScope, targets: [CollectionScope?]) -> [ScalarKey?] {
        enum Node {
            case document(Int)
            case item(OrderedObject, position: Int)
        }
        // Everything looked up once, outside the per-document loop: the document scope before
        // each step, and the link columns, postings and key column the steps read.
        var owners: [CollectionScope] = []
        var current = scope
        for (index, _) in steps.enumerated() {
            owners.append(current)
            if let target = targets[index] { current = target }
        }
        let final = current
        let links: [Column<[String]>?] = steps.enumerated().map { index, step in
            guard case .relation(let hop) = step, hop.mappedBy == nil else { return nil }
            return owners[index].links(hop.attribute)
        }
        let postings: [Postings?] = steps.enumerated().map { index, step in
            guard case .relation(let hop) = step, let mappedBy = hop.mappedBy else { return nil }
            return targets[index]!.postings(mappedBy)
        }
        let finalKeys: Column<ScalarKey?>? = if case .relation = steps.last { final.keys(field) } else { nil }
        var keys: [ScalarKey?] = []
        keys.reserveCapacity(scope.count)
        for start in 0..<scope.count {
            var nodes: [Node] = [.document(start)]
            for (index, step) in steps.enumerated() {
                var next: [Node] = []
                let owner = owners[index]
                switch step {
                case .relation(let hop):
                    let target = targets[index]!
                    for node in nodes {
                        switch node {
                        case .document(let position):
                            if let postings = postings[index] {
                                next += postings[owner.documents[position].key.documentId].map { .document(Int($0)) }
                            } else if let links = links[index] {
                                next += links[Int32(position)].compactMap { target.collection.position(of: $0).map(Node.document) }
                            }
                        case .item(let item, _):
                            guard hop.mappedBy == nil else { continue }
                            next += FieldValues.links(item[hop.attribute]).compactMap { target.collection.position(of: $0).map(Node.document) }
                        }
                    }
                case .items(let name):
                    for node in nodes {
                        let value: Value? = switch node {
                        case .document(let position): owner.documents[position].fields[name]
                        case .item(let item, _): item[name]
                        }
                        next += FieldValues.items(value).enumerated().map { .item($1, position: $0 + 1) }
                    }
                }
                nodes = next
            }
            var best: ScalarKey?
            for node in nodes {
                let key: ScalarKey? = switch node {
                case .document(let position): finalKeys?[Int32(position)] ?? FieldValues.key(field, of: final.documents[position], type: final.type)
                case .item(let item, let position): FieldValues.key(field, ofItem: item, position: position)
                }
                guard let key else { continue }
                if best == nil || (descending ? key > best! : key < best!) { best = key }
            }
            keys.append(best)
        }
        return keys
    }
}
