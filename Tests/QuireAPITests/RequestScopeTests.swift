import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Synchronization
import Testing

/// One request sees one snapshot of the site and resolves its caller once.
@Suite struct RequestScopeTests {
    @Test func aRequestKeepsTheSnapshotItArrivedWithWhileWritesLand() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let key = DocumentKey(locale: "en", type: "article", documentId: "first-post")
        try await RequestScope.$current.withValue(RequestScope(snapshot: site.site.snapshot)) {
            _ = try await site.site.write(WriteRequest(
                operation: .update(documentId: "first-post"), type: "article", locale: "en", status: .published,
                data: ["views": .int(9)], author: Signature(name: "Test", email: "test@example.com")))
            #expect(site.site.pinned.document(view: .published, key: key)?.fields["views"] == .int(3), "the request's own state")
            #expect(site.site.snapshot.document(view: .published, key: key)?.fields["views"] == .int(9), "the live state shows the write")
        }
        #expect(site.site.pinned.document(view: .published, key: key)?.fields["views"] == .int(9), "outside a request: the live state")
        try await RequestScope.$current.withValue(RequestScope(snapshot: site.site.snapshot)) {
            _ = try await site.site.writeHashingPasswords(WriteRequest(
                operation: .update(documentId: "first-post"), type: "article", locale: "en", status: .published,
                data: ["views": .int(10)], author: Signature(name: "Test", email: "test@example.com")))
            #expect(site.site.pinned.document(view: .published, key: key)?.fields["views"] == .int(10), "a request reads its own write")
        }
    }

    @Test func theCallerIsResolvedOncePerRequest() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let asked = Mutex(0)
        try await RequestScope.$current.withValue(RequestScope(snapshot: site.site.snapshot)) {
            for _ in 0..<3 {
                let principal = try await RequestScope.caller {
                    asked.withLock { $0 += 1 }
                    return .anonymous
                }
                #expect(principal == .anonymous)
            }
        }
        #expect(asked.withLock { $0 } == 1)
    }

    @Test func everyRouteRunsInsideAScope() async throws {
        // The scope middleware is outermost: even a 404 for an unknown route is answered in it,
        // and a read through either dialect works with it in place.
        let site = try await TestSite.make()
        try await site.test { client async throws in
            #expect(try await client.send(.get, "/api/articles", token: site.fullToken).status == .ok)
            #expect(try await client.send(.get, "/api/v1/article", token: site.fullToken).status == .ok)
            #expect(try await client.send(.get, "/api/nothing/here/at/all").status == .notFound)
        }
    }
}
