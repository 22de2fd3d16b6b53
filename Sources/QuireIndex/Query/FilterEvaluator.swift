import QuireContent

/// Evaluates a compiled filter over a whole collection at once, as a set of positions, using
/// the collection's indexes: equality and range conditions are binary searches in a sorted
/// order, relation conditions run on the target collection and come back through postings,
/// and only text patterns, components and `_q` scan (over cached columns where possible).
/// Same semantics as `RecordMatcher`, which the tests hold it to.
struct FilterEvaluator {
    func evaluate(_ filter: CompiledFilter, in scope: CollectionScope, negated: Bool = false) -> Bitset {
        switch filter {
        case .constant(let value):
            return Bitset(count: scope.count, full: value != negated)
        case .and(let parts), .or(let parts):
            var isAnd = if case .and = filter { true } else { false }
            if negated { isAnd.toggle() }
            guard let first = parts.first else { return Bitset(count: scope.count, full: isAnd) }
            var result = evaluate(first, in: scope, negated: negated)
            for part in parts.dropFirst() {
                if isAnd && result.population == 0 { break }
                let next = evaluate(part, in: scope, negated: negated)
                if isAnd { result.formIntersection(next) } else { result.formUnion(next) }
            }
            return result
        case .not(let inner):
            return evaluate(inner, in: scope, negated: !negated)
        case .field(let field, let predicate):
            return leaf(field, predicate, in: scope, negated: negated)
        case .relation(let hop, let inner):
            let target = scope.target(hop)
            let matched = target.masked(evaluate(inner, in: target, negated: negated))
            var result = scope.sources(linkedTo: matched, through: hop, target: target)
            if RecordMatcher().holds(inner, .null, negated: negated) {
                let linked = scope.sources(linkedTo: target.live, through: hop, target: target)
                result.formUnion(linked.complement())
            }
            return result
        case .search(let plan):
            let result = search(plan, in: scope)
            return negated ? result.complement() : result
        case .items:
            // No index: check each document on its own.
            let matcher = RecordMatcher()
            var result = Bitset(count: scope.count)
            for (position, version) in scope.documents.enumerated()
            where !version.isRemoved && matcher.holds(filter, .document(version, scope), negated: negated) {
                result.insert(position)
            }
            return result
        }
    }

    private func leaf(_ field: QueryField, _ predicate: Predicate, in scope: CollectionScope, negated: Bool) -> Bitset {
        let count = scope.count
        switch predicate.test {
        case .constant(let value):
            return Bitset(count: count, full: value != negated)
        case .unknown:
            return Bitset(count: count)
        case .pattern(let pattern):
            return scan(field, pattern, in: scope, negated: negated)
        default:
            break
        }
        let (keys, order) = scope.order(field)
        let nulls = order.nullCount(in: keys)
        // Built only when needed: most leaves are plain positive comparisons.
        func entries(_ range: Range<Int>) -> Bitset {
            var result = Bitset(count: count)
            order.forEach(in: range) { result.insert(Int($0)) }
            return result
        }
        func nonNull() -> Bitset { entries(nulls..<order.count) }
        if case .isNull(let wanted) = predicate.test {
            return wanted != negated ? entries(0..<nulls) : nonNull()
        }
        var matched = Bitset(count: count)
        func add(_ lower: ScalarKey?, _ lowerInclusive: Bool, _ upper: ScalarKey?, _ upperInclusive: Bool) {
            let range = order.range(in: keys, lower: lower, lowerInclusive: lowerInclusive, upper: upper, upperInclusive: upperInclusive)
            order.forEach(in: range) { matched.insert(Int($0)) }
        }
        var complementary = false
        switch predicate.test {
        case .equal(let key): add(key, true, key, true)
        case .notEqual(let key): add(key, true, key, true); complementary = true
        case .oneOf(let keys): for key in keys { add(key, true, key, true) }
        case .noneOf(let keys): for key in keys { add(key, true, key, true) }; complementary = true
        case .range(let lower, let lowerInclusive, let upper, let upperInclusive): add(lower, lowerInclusive, upper, upperInclusive)
        default: break
        }
        // `matched` holds the non-null rows where the positive comparison is true; a negative
        // operator or a `$not` keeps the other non-null rows (null rows stay unknown).
        guard complementary != negated else { return matched }
        var rest = nonNull()
        rest.subtract(matched)
        return rest
    }

    /// `_q`: documents whose signature may hold the phrase, then their text. `id` and numeric
    /// fields only take part for a numeric phrase, which is checked by plain scanning.
    private func search(_ plan: SearchPlan, in scope: CollectionScope) -> Bitset {
        let pattern = TextPattern(kind: .contains, negated: false, foldsCase: true, needle: plan.needle)
        var result = Bitset(count: scope.count)
        let textFields = plan.fields.filter { if case .scalar(let attribute) = $0 { attribute.type.isSearchableText } else { false } }
        if textFields.count == plan.fields.count - 1, !plan.needle.isEmpty {
            let signatures = scope.signatures(textFields)
            let wanted = TextSignatures.of(plan.needle)
            let columns = textFields.map { scope.keys($0) }
            for position in 0..<scope.count where TextSignatures.contains(signatures[position], wanted) {
                if columns.contains(where: { $0[position].map { pattern.matches(stored: $0.text) } ?? false }) { result.insert(position) }
            }
            return result
        }
        for field in plan.fields {
            scope.keys(field).forEach { position, key in
                if let key, !result.contains(position), pattern.matches(stored: key.text) { result.insert(position) }
            }
        }
        return result
    }

    private func scan(_ field: QueryField, _ pattern: TextPattern, in scope: CollectionScope, negated: Bool) -> Bitset {
        var result = Bitset(count: scope.count)
        scope.keys(field).forEach { position, key in
            if let key, pattern.matches(stored: key.text) != negated { result.insert(position) }
        }
        return result
    }
}
