import Yams

/// `apostrophe.externalFront` in quire.yaml: the key an Apostrophe external front (Astro through
/// `@apostrophecms/apostrophe-astro`) sends in `apos-external-front-key`. As with webhook
/// secrets, the key itself is never committed: quire.yaml names the environment variable or the
/// file in `.git/quire/` that holds it, read at each request so a rotated key applies at once.
public struct ExternalFrontConfig: Sendable, Equatable {
    /// The environment variable holding the key (Apostrophe's is `APOS_EXTERNAL_FRONT_KEY`).
    public var keyEnv: String?
    /// A file in `.git/quire/` holding the key.
    public var keyFile: String?

    public init(keyEnv: String? = nil, keyFile: String? = nil) {
        self.keyEnv = keyEnv
        self.keyFile = keyFile
    }

    /// `apostrophe: { externalFront: { keyEnv: … } }`; nil when the site has no external front.
    static func read(_ node: Node?, reader: inout SchemaFileReader) -> ExternalFrontConfig? {
        guard let node, !SchemaFileReader.isNull(node) else { return nil }
        for (key, keyNode, _) in reader.pairs(node, "apostrophe") ?? [] where key != "externalFront" && key != "login" {
            reader.report(keyNode, "unknown apostrophe option '\(key)' (externalFront, login)")
        }
        guard let front = reader.value(node, "externalFront"), !SchemaFileReader.isNull(front),
              let pairs = reader.pairs(front, "apostrophe.externalFront") else { return nil }
        let known: Set = ["keyEnv", "keyFile"]
        for (key, keyNode, _) in pairs where !known.contains(key) {
            if key == "key" {
                reader.report(keyNode, "an external front key must not be committed: name an environment variable (keyEnv) or a file in .git/quire/ (keyFile)")
            } else {
                reader.report(keyNode, "unknown externalFront option '\(key)' (keyEnv, keyFile)")
            }
        }
        var config = ExternalFrontConfig(keyEnv: reader.string(reader.value(front, "keyEnv"), "externalFront keyEnv"))
        let fileNode = reader.value(front, "keyFile")
        if let file = reader.string(fileNode, "externalFront keyFile") {
            if file.isEmpty || file.contains("/") || file.hasPrefix(".") {
                reader.report(fileNode, "keyFile must be a plain file name inside .git/quire/")
            } else {
                config.keyFile = file
            }
        }
        if config.keyEnv == nil, config.keyFile == nil {
            reader.report(front, "externalFront needs keyEnv (an environment variable) or keyFile (a file in .git/quire/)")
            return nil
        }
        return config
    }
}
