import Yams

/// Reads one scalar of a file by its attribute's type. YAML text is taken as written (so `NO`
/// in a string field stays "NO"); JSON values must already have the right JSON type.
enum FieldScalarDecoding {
    /// The value, or what was expected (for a problem message).
    static func decode(_ scalar: DocumentSource.Scalar, as type: AttributeType) -> Result<Value, Expectation> {
        switch scalar {
        case .yaml(let node): decode(text: node.string, as: type)
        case .json(let value): decode(json: value, as: type)
        }
    }

    struct Expectation: Error {
        var description: String
    }

    static func expectation(for type: AttributeType) -> Expectation {
        switch type {
        case .string, .text, .richtext, .email, .password, .uid, .enumeration: Expectation(description: "a string")
        case .integer: Expectation(description: "an integer")
        case .biginteger: Expectation(description: "an integer (biginteger)")
        case .float, .decimal: Expectation(description: "a number")
        case .boolean: Expectation(description: "true or false")
        case .date: Expectation(description: "a date (YYYY-MM-DD)")
        case .time: Expectation(description: "a time (HH:mm:ss.SSS)")
        case .datetime: Expectation(description: "an ISO 8601 date-time")
        case .relation(let kind, _, _, _): Expectation(description: kind.isToMany ? "a list of documentIds" : "a documentId")
        case .blocks: Expectation(description: "a list of blocks")
        case .component(_, let repeatable): Expectation(description: repeatable ? "a list of mappings" : "a mapping")
        case .dynamiczone: Expectation(description: "a list of mappings with __component")
        case .json, .media: Expectation(description: "a value")
        case .area: Expectation(description: "an area (a mapping with items)")
        case .checkboxes, .oembed: Expectation(description: ApostropheValues.expectation(type))
        }
    }

    static func decode(text: String, as type: AttributeType) -> Result<Value, Expectation> {
        let value: Value?
        switch type {
        case .string, .text, .richtext, .email, .password, .uid, .enumeration:
            value = .string(text)
        case .integer:
            value = NumberText.isInteger(text) ? Int64(text).map(Value.int) : nil
        case .biginteger:
            value = NumberText.canonicalBigInteger(text).map(Value.string)
        case .float, .decimal:
            value = NumberText.double(text).map(Value.double)
        case .boolean:
            switch text {
            case "true", "True", "TRUE": value = .bool(true)
            case "false", "False", "FALSE": value = .bool(false)
            default: value = nil
            }
        case .date:
            value = TemporalText.canonicalDate(text).map(Value.string)
        case .time:
            value = TemporalText.canonicalTime(text).map(Value.string)
        case .datetime:
            value = TemporalText.canonicalDateTime(text).map(Value.string)
        case .relation(let kind, _, _, _):
            value = kind.isToMany ? nil : .string(text)
        case .json, .media:
            value = YAMLCoreSchema.typed(text)
        case .blocks, .component, .dynamiczone, .area, .checkboxes, .oembed:
            value = nil
        }
        return value.map(Result.success) ?? .failure(expectation(for: type))
    }

    static func decode(json: Value, as type: AttributeType) -> Result<Value, Expectation> {
        let value: Value?
        switch (type, json) {
        case (.string, .string), (.text, .string), (.richtext, .string), (.email, .string), (.password, .string),
             (.uid, .string), (.enumeration, .string), (.boolean, .bool):
            value = json
        case (.integer, .int):
            value = json
        case (.integer, .double(let number)):
            value = NumberText.exactInteger(number).map(Value.int)
        case (.biginteger, .int(let number)):
            value = .string(String(number))
        case (.biginteger, .string(let text)):
            value = NumberText.canonicalBigInteger(text).map(Value.string)
        case (.float, .int(let number)), (.decimal, .int(let number)):
            value = .double(Double(number))
        case (.float, .double), (.decimal, .double):
            value = json
        case (.date, .string(let text)):
            value = TemporalText.canonicalDate(text).map(Value.string)
        case (.time, .string(let text)):
            value = TemporalText.canonicalTime(text).map(Value.string)
        case (.datetime, .string(let text)):
            value = TemporalText.canonicalDateTime(text).map(Value.string)
        case (.relation(let kind, _, _, _), .string):
            value = kind.isToMany ? nil : json
        case (.json, _), (.media, _):
            value = json
        case (.checkboxes, _), (.oembed, _):
            value = ApostropheValues.checked(json, as: type)
        default:
            value = nil
        }
        return value.map(Result.success) ?? .failure(expectation(for: type))
    }
}
