import HashTreeCollections
import QuireContent

/// Which documents hold each value of a uid or `unique` attribute, per view, locale and type, so
/// that checking a write is a lookup instead of a scan of the whole collection. Built lazily from
/// the writer's state, refreshed for the documents each write changes, and dropped whenever the
/// state is replaced wholesale (a sync or a reload).
package final class UniqueIndex {
    struct Scope: Hashable {
        var view: View
        var locale: String
        var type: String
        var attribute: String
    }

    private var holders: [Scope: [Value: Set<String>]] = [:]
    private var values: [Scope: [String: Value]] = [:]

    package init() {}

    package func reset() {
        holders = [:]
        values = [:]
    }

    /// Whether a document other than `key` holds `value` in that view.
    package func isTaken(_ value: Value, attribute: String, key: DocumentKey, view: View, state: SiteState) -> Bool {
        let scope = Scope(view: view, locale: key.locale, type: key.type, attribute: attribute)
        build(scope, state: state)
        guard let owners = holders[scope]?[value] else { return false }
        return owners.contains { $0 != key.documentId }
    }

    /// Brings the built scopes up to date for documents the state just changed.
    package func refresh(_ keys: Set<DocumentKey>, state: SiteState) {
        guard !values.isEmpty else { return }
        // A copy of the scopes: iterating `values.keys` while setting would keep the outer
        // table shared, so each set would copy it and then every inner table it holds.
        let scopes = Array(values.keys)
        for key in keys {
            for scope in scopes where scope.locale == key.locale && scope.type == key.type {
                set(key.documentId, to: Self.value(of: key, scope: scope, state: state), in: scope)
            }
        }
    }

    private func build(_ scope: Scope, state: SiteState) {
        guard values[scope] == nil else { return }
        values[scope] = [:]
        holders[scope] = [:]
        for key in state.allKeys where key.locale == scope.locale && key.type == scope.type {
            set(key.documentId, to: Self.value(of: key, scope: scope, state: state), in: scope)
        }
    }

    private func set(_ documentId: String, to value: Value?, in scope: Scope) {
        if let old = values[scope]?[documentId] {
            holders[scope]?[old]?.remove(documentId)
            if holders[scope]?[old]?.isEmpty == true { holders[scope]?[old] = nil }
        }
        values[scope]?[documentId] = value
        if let value { holders[scope]?[value, default: []].insert(documentId) }
    }

    private static func value(of key: DocumentKey, scope: Scope, state: SiteState) -> Value? {
        let fields = scope.view == .draft ? (state.drafts[key]?.fields ?? state.published[key]?.fields) : state.published[key]?.fields
        guard let value = fields?[scope.attribute], value != .null else { return nil }
        return value
    }
}
