import Yams

/// `quire.yaml`: locales and what unauthenticated callers may do.
public struct SiteConfig: Sendable, Equatable {
    public var locales: [String]
    public var defaultLocale: String
    /// Singular content type name → allowed actions (`find`, `findOne`, `create`, `update`, `delete`).
    public var publicPermissions: [String: Set<String>]
    /// Role name → content type (or `*`) → actions, for every role `permissions:` declares
    /// (`public` included); see `RolePermissions` for the built-in roles.
    public var rolePermissions: [String: [String: Set<String>]] = [:]
    public var auth = AuthSettings()
    public var cors = CORSConfig()
    public var webhooks: [WebhookConfig] = []
    public var media = MediaConfig()
    /// Apostrophe's external front (Astro): where its key is kept; nil when not enabled.
    public var externalFront: ExternalFrontConfig?
    /// The SMTP server password-reset emails go through; nil: Quire sends no email.
    public var email: EmailConfig?
    public var aposLogin = AposLoginConfig()

    public init(locales: [String] = ["en"], defaultLocale: String = "en", publicPermissions: [String: Set<String>] = [:]) {
        self.locales = locales
        self.defaultLocale = defaultLocale
        self.publicPermissions = publicPermissions
    }

    /// Parses quire.yaml; a missing file (nil) gives the defaults. Problems are reported with lines,
    /// and the defaults stand in for whatever could not be read.
    public static func load(_ bytes: [UInt8]?, path: String = "quire.yaml") -> (config: SiteConfig, problems: [Problem]) {
        guard let bytes else { return (SiteConfig(), []) }
        let root: Node
        do {
            guard let composed = try YAMLSource.compose(bytes) else { return (SiteConfig(), []) }
            root = composed
        } catch {
            return (SiteConfig(), [Problem(path: path, line: error.line, message: error.message)])
        }
        var reader = SchemaFileReader(path: path)
        guard reader.pairs(root, "quire.yaml") != nil else { return (SiteConfig(), reader.problems) }
        // Other keys belong to other features (cors, webhooks, …) and are theirs to read.
        var config = SiteConfig()
        let locales = readLocales(reader.value(root, "locales"), reader: &reader)
        if !locales.isEmpty { config.locales = locales }
        let defaultNode = reader.value(root, "defaultLocale")
        if let wanted = reader.string(defaultNode, "defaultLocale") {
            if config.locales.contains(wanted) {
                config.defaultLocale = wanted
            } else {
                reader.report(defaultNode, "defaultLocale '\(wanted)' is not one of the locales (\(config.locales.joined(separator: ", ")))")
                config.defaultLocale = config.locales[0]
            }
        } else {
            config.defaultLocale = config.locales[0]
        }
        let permissions = reader.value(root, "permissions")
        for (role, _, typesNode) in reader.pairs(permissions, "permissions") ?? [] {
            var table: [String: Set<String>] = [:]
            for (type, typeNode, actionsNode) in reader.pairs(typesNode, "permissions.\(role)") ?? [] {
                guard let actions = reader.strings(actionsNode, "permissions.\(role).\(type)") else { continue }
                var allowed: Set<String> = []
                for (index, action) in actions.enumerated() {
                    if Self.actions.contains(action) {
                        allowed.insert(action)
                    } else {
                        let node = actionsNode.sequence.map { $0[index] } ?? typeNode
                        reader.report(node, "unknown action '\(action)' (\(Self.actions.joined(separator: ", ")))")
                    }
                }
                table[type] = allowed
            }
            config.rolePermissions[role] = table
        }
        config.publicPermissions = config.rolePermissions["public"] ?? [:]
        config.auth = AuthSettings.read(reader.value(root, "auth"), reader: &reader)
        config.cors = CORSConfig.read(reader.value(root, "cors"), reader: &reader)
        config.webhooks = WebhookConfig.readList(reader.value(root, "webhooks"), reader: &reader)
        config.media = MediaConfig.read(reader.value(root, "media"), reader: &reader)
        config.externalFront = ExternalFrontConfig.read(reader.value(root, "apostrophe"), reader: &reader)
        config.email = EmailConfig.read(reader.value(root, "email"), reader: &reader)
        config.aposLogin = AposLoginConfig.read(reader.value(root, "apostrophe"), emailConfigured: config.email != nil, reader: &reader)
        return (config, reader.problems)
    }

    /// What `permissions.<role>.<type>` may list: Strapi's names, then publishing (merging a
    /// draft into main) and reading drafts (`status=draft`, Apostrophe's `view-draft`).
    public static let actions = ["find", "findOne", "create", "update", "delete", "publish", "view-draft"]

    private static func readLocales(_ node: Node?, reader: inout SchemaFileReader) -> [String] {
        guard let node, let names = reader.strings(node, "locales") else { return [] }
        var locales: [String] = []
        for (index, name) in names.enumerated() {
            let item = node.sequence.map { $0[index] } ?? node
            if !isValidLocale(name) {
                reader.report(item, "locale '\(name)' must be letters, digits and - (like en or pt-BR)")
            } else if locales.contains(name) {
                reader.report(item, "locale '\(name)' is listed twice")
            } else {
                locales.append(name)
            }
        }
        if names.isEmpty { reader.report(node, "locales must list at least one locale") }
        return locales
    }

    /// Locale codes become folder and branch names: keep them to letters, digits and hyphens.
    static func isValidLocale(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-") }
    }
}
