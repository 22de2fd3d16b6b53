import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import QuireContent
import QuireIndex
import QuireSite

/// A server that is one of several on a git remote: its sync (the push webhook and `/_health`
/// report to it), and the webhook's secret shared with the git host (from the command line or
/// the environment, never from the repository).
public struct RemoteServing: Sendable {
    public var sync: RemoteSync
    public var webhookSecret: String?

    public init(sync: RemoteSync, webhookSecret: String?) {
        self.sync = sync
        self.webhookSecret = webhookSecret.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// A git host telling us the remote moved: fetch now rather than at the next interval.
/// The request proves it knows the secret the way each host does it: GitHub (and Gitea,
/// Forgejo) sign the body with HMAC-SHA256 in `X-Hub-Signature-256: sha256=<hex>`, Gitea also
/// in `X-Gitea-Signature: <hex>`; GitLab sends the secret itself in `X-Gitlab-Token`.
struct PushWebhookRoutes: Sendable {
    let remote: RemoteServing

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/git/webhook/push", use: push)
    }

    /// GitHub's cap on webhook payloads. The body is hashed as it arrives, never held.
    static let payloadLimit = 25 << 20

    func push(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let secret = remote.webhookSecret else {
            throw StrapiError(.forbidden, "ForbiddenError", "Push webhooks are off: start the server with --webhook-secret")
        }
        if RequestBody.declaresMore(request, than: Self.payloadLimit) { throw StrapiError.payloadTooLarge }
        let key = SymmetricKey(data: Data(secret.utf8))
        var hmac = HMAC<SHA256>(key: key)
        var size = 0
        for try await chunk in request.body {
            size += chunk.readableBytes
            guard size <= Self.payloadLimit else { throw StrapiError.payloadTooLarge }
            chunk.withUnsafeReadableBytes { hmac.update(data: $0) }
        }
        guard Self.isAuthentic(request.headers, bodyCode: hmac.finalize(), key: key, secret: secret) else {
            throw StrapiError(.unauthorized, "UnauthorizedError", "Missing or invalid webhook signature")
        }
        // GitHub's `ping` on creating the hook, or any other event, costs at most one fetch.
        await remote.sync.requestFetch()
        let answer = JSON.encode(.object(["data": .object(["fetching": .bool(true)]), "meta": .object([:])]))
        return Response(
            status: .accepted, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer)))
    }

    /// Every comparison is constant-time, so the time taken says nothing about the secret.
    static func isAuthentic(_ headers: HTTPFields, bodyCode: HMAC<SHA256>.MAC, key: SymmetricKey, secret: String) -> Bool {
        let signatures = [
            headers[HTTPField.Name("X-Hub-Signature-256")!].map { $0.hasPrefix("sha256=") ? String($0.dropFirst(7)) : "" },
            headers[HTTPField.Name("X-Gitea-Signature")!],
        ]
        for case let hex? in signatures {
            if let given = bytes(hex: hex), bodyCode == given { return true }
        }
        if let token = headers[HTTPField.Name("X-Gitlab-Token")!] {
            let given = HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: key)
            return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: Data(secret.utf8), using: key)
        }
        return false
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var result: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            result.append(byte)
        }
        return result
    }
}
