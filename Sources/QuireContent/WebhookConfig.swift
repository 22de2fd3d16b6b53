import Foundation
import Yams

/// One entry of `webhooks:` in quire.yaml. Secrets are never in the file (it is committed): it
/// names an environment variable or a file inside the git directory that holds them.
public struct WebhookConfig: Sendable, Equatable {
    /// Strapi 5's event names, accepted with or without the `entry.` prefix.
    public static let eventNames = ["entry.create", "entry.update", "entry.delete", "entry.publish", "entry.unpublish", "entry.draft-discard"]
    /// The Upload plugin's events, sent to webhooks that list them.
    public static let mediaEventNames = ["media.create", "media.update", "media.delete"]

    public var url: String
    /// A label for logs; the URL's host when not given.
    public var name: String
    public var events: Set<String>
    /// The environment variable holding the signing secret.
    public var secretEnv: String?
    /// A file in `.git/quire/` holding the signing secret.
    public var secretFile: String?
    /// Extra request headers, as Strapi's webhooks have; `${NAME}` is replaced by that
    /// environment variable, so tokens stay out of the repository.
    public var headers: [(name: String, value: String)] = []

    public init(url: String, name: String? = nil, events: Set<String> = Set(eventNames.dropLast()), secretEnv: String? = nil, secretFile: String? = nil) {
        self.url = url
        self.name = name ?? URL(string: url)?.host ?? url
        self.events = events
        self.secretEnv = secretEnv
        self.secretFile = secretFile
    }

    public static func == (lhs: WebhookConfig, rhs: WebhookConfig) -> Bool {
        lhs.url == rhs.url && lhs.name == rhs.name && lhs.events == rhs.events && lhs.secretEnv == rhs.secretEnv
            && lhs.secretFile == rhs.secretFile && lhs.headers.elementsEqual(rhs.headers) { $0 == $1 }
    }

    static func readList(_ node: Node?, reader: inout SchemaFileReader) -> [WebhookConfig] {
        guard let node, !SchemaFileReader.isNull(node) else { return [] }
        guard case .sequence(let items) = node else {
            reader.report(node, "webhooks must be a list of {url, events}")
            return []
        }
        return items.compactMap { read($0, reader: &reader) }
    }

    private static func read(_ node: Node, reader: inout SchemaFileReader) -> WebhookConfig? {
        guard let pairs = reader.pairs(node, "a webhook") else { return nil }
        let known: Set = ["url", "name", "events", "secretEnv", "secretFile", "headers"]
        for (key, keyNode, _) in pairs where !known.contains(key) {
            if key == "secret" {
                reader.report(keyNode, "a webhook secret must not be committed: name an environment variable (secretEnv) or a file in .git/quire/ (secretFile)")
            } else {
                reader.report(keyNode, "unknown webhook option '\(key)' (\(known.sorted().joined(separator: ", ")))")
            }
        }
        let urlNode = reader.value(node, "url")
        guard let url = reader.string(urlNode, "webhook url") else {
            reader.report(node, "a webhook needs a url")
            return nil
        }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false else {
            reader.report(urlNode, "webhook url '\(url)' must be an http or https URL")
            return nil
        }
        var hook = WebhookConfig(url: url, name: reader.string(reader.value(node, "name"), "webhook name"))
        let eventsNode = reader.value(node, "events")
        if let names = reader.strings(eventsNode, "webhook events") {
            hook.events = []
            for (index, name) in names.enumerated() {
                let full = name.hasPrefix("entry.") || name.hasPrefix("media.") ? name : "entry.\(name)"
                if eventNames.contains(full) || mediaEventNames.contains(full) {
                    hook.events.insert(full)
                } else {
                    let item = eventsNode?.sequence.map { $0[index] } ?? eventsNode
                    reader.report(item, "unknown webhook event '\(name)' (\((eventNames + mediaEventNames).joined(separator: ", ")))")
                }
            }
        }
        hook.secretEnv = reader.string(reader.value(node, "secretEnv"), "webhook secretEnv")
        let fileNode = reader.value(node, "secretFile")
        if let file = reader.string(fileNode, "webhook secretFile") {
            if file.isEmpty || file.contains("/") || file.hasPrefix(".") {
                reader.report(fileNode, "secretFile must be a plain file name inside .git/quire/")
            } else {
                hook.secretFile = file
            }
        }
        for (header, _, valueNode) in reader.pairs(reader.value(node, "headers"), "webhook headers") ?? [] {
            if let value = reader.string(valueNode, "webhook header \(header)") { hook.headers.append((header, value)) }
        }
        return hook
    }
}
