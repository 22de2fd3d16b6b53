@testable import QuireIndex

/// Random filters and sorts over `QueryFixture`'s schema.
struct RandomQueries {
    var random: SeededGenerator

    mutating func pick<T>(_ options: [T]) -> T { options.randomElement(using: &random)! }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func operand(for field: String) -> String {
        switch field {
        case "views", "age", "score": String(Int.random(in: -2...62, using: &random))
        case "rating": pick(["2.5", "0", "4.9", "1.25", "3"])
        case "featured": pick(["true", "false", "t", "0", "1"])
        case "publishDate": "2024-0\(Int.random(in: 1...9, using: &random))-15"
        case "category": pick(["news", "review", "guide", "other"])
        case "createdAt", "updatedAt", "publishedAt": "1970-01-01T00:0\(Int.random(in: 0...6, using: &random)):00.000Z"
        case "id": pick(["1", "12345"])
        case "documentId": "article-\(Int.random(in: 0..<3000, using: &random))"
        default: pick(QueryFixture.words + ["a", "e", "ETA", "épé", "ss", "ß", "7", ""])
        }
    }

    mutating func condition(_ field: String) -> Filter {
        let textual = ["title", "name", "metaTitle", "category", "documentId"].contains(field)
        let operators: [FilterOperator] = textual
            ? FilterOperator.allCases
            : [.eq, .ne, .lt, .lte, .gt, .gte, .in, .notIn, .between, .null, .notNull, .containsi, .startsWith]
        let op = pick(operators)
        switch op {
        case .null, .notNull: return .field(field, op, [pick(["true", "false"])])
        case .in, .notIn: return .field(field, op, (0..<Int.random(in: 0...3, using: &random)).map { _ in operand(for: field) })
        case .between: return .field(field, op, [operand(for: field), operand(for: field)])
        default:
            if chance(10) { return .field(field, op, [nil]) }
            return .field(field, op, [operand(for: field)])
        }
    }

    mutating func filter(depth: Int = 0) -> Filter {
        let roll = Int.random(in: 0..<100, using: &random)
        if depth < 3, roll < 25 {
            let parts = (0..<Int.random(in: 1...3, using: &random)).map { _ in filter(depth: depth + 1) }
            return chance(50) ? .and(parts) : .or(parts)
        }
        if depth < 3, roll < 35 { return .not(filter(depth: depth + 1)) }
        if roll < 45 { return .nested("author", authorFilter(depth: depth + 1)) }
        if roll < 55 { return .nested("tags", chance(80) ? condition("name") : .not(condition("name"))) }
        if roll < 62 { return .nested("seo", condition(pick(["metaTitle", "score", "id"]))) }
        if roll < 65 { return .search(pick(["ta", "É", "7", "Beta", "1"])) }
        return condition(pick(["title", "views", "rating", "featured", "publishDate", "category", "id", "documentId", "createdAt", "publishedAt"]))
    }

    mutating func authorFilter(depth: Int) -> Filter {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return .not(condition("name"))
        case 1: return .nested("articles", condition(pick(["views", "title"])))
        case 2: return .field("id", pick([.null, .notNull]), ["true"])
        case 3, 4: return condition("age")
        default: return condition("name")
        }
    }

    mutating func sort() -> [SortTerm] {
        let paths: [[String]] = [["title"], ["views"], ["rating"], ["featured"], ["publishDate"], ["category"], ["id"],
                                 ["createdAt"], ["documentId"], ["author", "name"], ["tags", "name"], ["seo", "score"]]
        return (0..<Int.random(in: 0...3, using: &random)).map { _ in
            let path = pick(paths)
            // Folded (Apostrophe's title order) only on a document's own fields.
            return SortTerm(path: path, descending: chance(50), folded: path.count == 1 && chance(25))
        }
    }

    mutating func window(total: Int) -> Range<Int> {
        let start = chance(70) ? Int.random(in: 0...10, using: &random) : Int.random(in: 0...max(0, total + 5), using: &random)
        return start..<(start + pick([1, 5, 25, 100]))
    }
}
