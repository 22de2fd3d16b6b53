import Crypto
import Foundation
import QuireContent

/// Where a webhook's secret and header values come from: the environment or `.git/quire/`,
/// read at each delivery so a rotated secret applies at once. Values are never logged.
struct WebhookSigner: Sendable {
    let gitDirectory: String
    let environment: [String: String]

    enum Failure: Error, CustomStringConvertible {
        case missingVariable(String)
        case missingFile(String)

        var description: String {
            switch self {
            case .missingVariable(let name): "the environment variable \(name) is not set"
            case .missingFile(let name): "the secret file .git/quire/\(name) cannot be read"
            }
        }
    }

    /// The signing key, or nil when the webhook has none configured.
    func secret(for hook: WebhookConfig) throws(Failure) -> [UInt8]? {
        if let name = hook.secretEnv {
            guard let value = environment[name], !value.isEmpty else { throw .missingVariable(name) }
            return Array(value.utf8)
        }
        if let name = hook.secretFile {
            let path = gitDirectory + "/quire/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw .missingFile(name) }
            // Files written with `echo` end with a newline that is not part of the secret.
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw .missingFile(name) }
            return Array(text.utf8)
        }
        return nil
    }

    /// The configured headers with `${NAME}` replaced by environment variables.
    func headers(for hook: WebhookConfig) throws(Failure) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for (name, template) in hook.headers {
            var value = ""
            var rest = Substring(template)
            while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
                value += rest[..<start.lowerBound]
                let variable = String(rest[start.upperBound..<end])
                guard let replacement = environment[variable] else { throw .missingVariable(variable) }
                value += replacement
                rest = rest[rest.index(after: end)...]
            }
            result.append((name, value + rest))
        }
        return result
    }

    /// `sha256=<hex>`: HMAC-SHA256 of the exact body bytes, as GitHub signs its webhooks.
    static func signature(of body: [UInt8], secret: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}
