import Foundation
import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Testing

/// With several servers on one remote, an event is announced by the server that accepted the
/// write, not again by every server that fetches it: webhooks fire once per write.
@Suite struct RemoteEventsTests {
    @Test func eachWriteIsAnnouncedOnlyByTheServerThatAcceptedIt() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let (first, second) = (cluster.servers[0], cluster.servers[1])
        let firstEvents = first.site.events()
        let secondEvents = second.site.events()
        let author = Signature(name: "E", email: "e@example.com")
        _ = try await first.site.write(WriteRequest(
            operation: .create(documentId: "from-first"), type: "author", locale: "en", status: .published,
            data: ["name": .string("From the first server")], author: author))
        try await cluster.settle()
        #expect(second.site.snapshot.document(view: .published, key: DocumentKey(locale: "en", type: "author", documentId: "from-first")) != nil)

        _ = try await second.site.write(WriteRequest(
            operation: .create(documentId: "from-second"), type: "author", locale: "en", status: .published,
            data: ["name": .string("From the second server")], author: author))

        var firstIterator = firstEvents.makeAsyncIterator()
        #expect(await firstIterator.next()?.key.documentId == "from-first")
        var secondIterator = secondEvents.makeAsyncIterator()
        let secondsFirst = await secondIterator.next()
        #expect(secondsFirst?.key.documentId == "from-second", "the fetched write was not announced again")
        #expect(secondsFirst?.kind == .create)
    }
}
