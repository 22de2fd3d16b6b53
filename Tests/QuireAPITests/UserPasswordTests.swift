import Foundation
@testable import QuireAPI
import Testing

/// Every route that sets a password (CLI, change-password, reset, both dialects' user
/// admin) goes through `UserRecord.setPassword`.
@Suite struct UserPasswordTests {
    @Test func aNewPasswordEndsSessionsAndSpendsAPendingResetCode() {
        var record = UserRecord(
            id: 1, documentId: "a", username: "ada", email: "ada@example.com", displayName: nil, role: "authenticated",
            blocked: false, passwordHash: "old", tokenGeneration: 3,
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        record.resetCodeHash = "code"
        record.resetCodeExpires = Date(timeIntervalSinceNow: 3600)
        record.setPassword(hash: "old")
        #expect(record.tokenGeneration == 3 && record.resetCodeHash == "code", "the same hash changes nothing")
        record.setPassword(hash: "new")
        #expect(record.passwordHash == "new" && record.tokenGeneration == 4)
        #expect(record.resetCodeHash == nil && record.resetCodeExpires == nil)
    }
}
