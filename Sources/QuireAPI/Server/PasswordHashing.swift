import QuireContent
import QuireIndex
import QuireSite

extension Site {
    /// The one way the API writes (the request's scope then reads what it wrote): password values in `request.data` are checked as plain text
    /// (lengths, bcrypt's 72 bytes) and replaced by their bcrypt hash before the write is queued,
    /// so no password reaches git, the log or a diff in clear. Hashing runs off the cooperative
    /// pool (see `Passwords`) and outside the write queue, which it would otherwise stall.
    func writeHashingPasswords(_ request: WriteRequest) async throws -> WriteResult {
        let result = try await write(request.hashingPasswords(schema: pinned.schema))
        RequestScope.advance(to: snapshot)
        return result
    }
}

extension WriteRequest {
    func hashingPasswords(schema: SiteSchema) async throws -> WriteRequest {
        guard !data.isEmpty, let type = schema.contentType(singular: self.type) else { return self }
        let plain = PasswordValues.plainValues(in: data, attributes: type.attributes, schema: schema)
        guard !plain.isEmpty else { return self }
        let issues = PasswordValues.issues(in: data, attributes: type.attributes, schema: schema)
        guard issues.isEmpty else { throw WriteError.invalid(issues) }
        var hashed: [(path: [String], value: Value)] = []
        for (path, text) in plain {
            hashed.append((path, .string(await Passwords.hash(text, cost: Passwords.defaultCost))))
        }
        var copy = self
        copy.data = PasswordValues.replacing(data, with: hashed)
        return copy
    }
}
