import Foundation

/// Python validators the tests check generated documents with: independent implementations
/// of the OpenAPI and JSON Schema specifications, so Quire is not graded by its own reading.
enum PythonTool {
    /// Installed at most once per test run (`make deps` normally has done it already).
    static let openAPIValidator = Result { try ensure(module: "openapi_spec_validator", package: "openapi-spec-validator") }
    static let jsonSchemaValidator = Result {
        try ensure(module: "jsonschema", package: "jsonschema")
        try ensure(module: "yaml", package: "PyYAML")
    }

    private static func ensure(module: String, package: String) throws {
        if (try? TestSite.run(["python3", "-c", "import \(module)"])) != nil { return }
        _ = try TestSite.run(["PIP_BREAK_SYSTEM_PACKAGES=1", "python3", "-m", "pip", "install", "--quiet", package])
        _ = try TestSite.run(["python3", "-c", "import \(module)"])
    }

    /// A fresh temporary folder for files handed to Python.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quire-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `openapi-spec-validator` on the document; throws with its report if it is not valid.
    static func validateOpenAPI(_ bytes: [UInt8]) throws {
        try openAPIValidator.get()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("openapi.json")
        try Data(bytes).write(to: file)
        _ = try TestSite.run(["python3", "-m", "openapi_spec_validator", file.path])
    }

    /// Validates YAML documents against JSON Schemas; returns the error messages per document
    /// (an empty list for a valid one). Pairs are (schema JSON, document YAML).
    static func validateYAML(_ pairs: [(name: String, schema: [UInt8], document: String)]) throws -> [String: [String]] {
        try jsonSchemaValidator.get()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var jobs: [String] = []
        for (index, pair) in pairs.enumerated() {
            let schema = folder.appendingPathComponent("\(index).schema.json")
            let document = folder.appendingPathComponent("\(index).yaml")
            try Data(pair.schema).write(to: schema)
            try pair.document.write(to: document, atomically: false, encoding: .utf8)
            jobs.append("[\(quoted(pair.name)), \(quoted(schema.path)), \(quoted(document.path))]")
        }
        let jobFile = folder.appendingPathComponent("jobs.json")
        try "[\(jobs.joined(separator: ","))]".write(to: jobFile, atomically: false, encoding: .utf8)
        let script = folder.appendingPathComponent("validate.py")
        try validateScript.write(to: script, atomically: false, encoding: .utf8)
        // Results go to a file: warnings Python prints must not mix into them.
        let resultFile = folder.appendingPathComponent("results.json")
        _ = try TestSite.run(["python3", script.path, jobFile.path, resultFile.path])
        let data = try JSONSerialization.jsonObject(with: Data(contentsOf: resultFile))
        guard let results = data as? [String: [String]] else { throw TestFailure("unexpected results: \(data)") }
        return results
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed), as: UTF8.self)
    }

    /// Reads YAML as YAML 1.2's core schema, the way yaml-language-server does: PyYAML's 1.1
    /// rules would turn `2024-02-12` into a date, `NO` into false and `14:30` into 870.
    private static let validateScript = #"""
        import json, re, sys
        import yaml
        from jsonschema import Draft202012Validator

        class Core12(yaml.SafeLoader):
            pass

        replaced = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}
        Core12.yaml_implicit_resolvers = {
            first: [(tag, rx) for tag, rx in resolvers if tag not in replaced]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        Core12.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
        Core12.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
        Core12.add_implicit_resolver("tag:yaml.org,2002:float",
            re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
            list("-+0123456789."))

        results = {}
        for name, schema_path, document_path in json.load(open(sys.argv[1])):
            schema = json.load(open(schema_path))
            Draft202012Validator.check_schema(schema)
            document = yaml.load(open(document_path, encoding="utf-8").read(), Loader=Core12)
            validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            errors = validator.iter_errors(document)
            results[name] = sorted("/".join(map(str, e.absolute_path)) + ": " + e.message for e in errors)
        json.dump(results, open(sys.argv[2], "w"))
        """#
}
