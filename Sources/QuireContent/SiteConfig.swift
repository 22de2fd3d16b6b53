/// `quire.yaml`: locales and what unauthenticated callers may do.
public struct SiteConfig: Sendable, Equatable {
    public var locales: [String]
    public var defaultLocale: String
    /// Singular content type name → allowed actions (`find`, `findOne`, `create`, `update`, `delete`).
    public var publicPermissions: [String: Set<String>]

    public init(locales: [String] = ["en"], defaultLocale: String = "en", publicPermissions: [String: Set<String>] = [:]) {
        self.locales = locales
        self.defaultLocale = defaultLocale
        self.publicPermissions = publicPermissions
    }

    /// Parses quire.yaml; a missing file (nil) gives the defaults. Problems are reported with lines,
    /// and the defaults stand in for whatever could not be read.
    public static func load(_ bytes: [UInt8]?, path: String = "quire.yaml") -> (config: SiteConfig, problems: [Problem]) {
        fatalError("unimplemented")
    }
}
