import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// A note type for patch tests: a relation list and a JSON field with nested arrays.
let aposNoteSchema: [String: String] = [
    "schemas/note.yaml": """
        kind: collectionType
        info: { singularName: note, pluralName: notes, displayName: Note }
        options: { draftAndPublish: true }
        pluginOptions: { i18n: { localized: true } }
        attributes:
          title: { type: string, required: true }
          tags: { type: relation, relation: manyToMany, target: tag }
          data: { type: json }
        """,
    "content/en/tag/food.yaml": "name: Food\n",
    "content/en/tag/wine.yaml": "name: Wine\n",
    "content/en/note/n1.yaml": """
        title: Note one
        tags: [travel, food]
        data: { items: [{ _id: a, label: A }, { _id: b, label: B }, { _id: c, label: C }] }
        """,
]

extension TestClientProtocol {
    func apos(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        try await send(method, uri, token: token, json: json, headers: headers)
    }
}

extension Value {
    var intValue: Int64? {
        if case .int(let number) = self { return number }
        return nil
    }

    var array: [Value] {
        if case .array(let items) = self { return items }
        return []
    }
}

/// `{"name": name, "data": {...}, "message": ...}` with that name.
func expectAposError(_ response: TestResponse, _ status: HTTPResponse.Status, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(response.status == status, sourceLocation: sourceLocation)
    let body = try response.json
    #expect(body["name"] == .string(name), "\(response.text)", sourceLocation: sourceLocation)
    if status != .forbidden || body["data"] != nil {
        #expect(body["message"]?.stringValue != nil, sourceLocation: sourceLocation)
    }
}

// Literals keep the expected Apostrophe bodies readable in these tests.
extension Value: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
}
