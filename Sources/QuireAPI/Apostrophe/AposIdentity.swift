import QuireContent
import QuireIndex

/// How Apostrophe names one record: `<aposDocId>:<locale>:<mode>`, with `aposDocId` the Quire
/// documentId. A type is "localized" in Apostrophe's sense (it has per-locale draft and published
/// records) when Quire localizes it or gives it drafts; other types answer with the bare documentId.
struct AposIdentity: Sendable, Equatable {
    var documentId: String
    var locale: String
    var mode: View

    /// `"x:en:draft"`, or `"x"` for a type without locales or drafts.
    func id(for type: ContentType) -> String {
        Self.hasModes(type) ? "\(documentId):\(locale):\(mode.rawValue)" : documentId
    }

    var aposLocale: String { "\(locale):\(mode.rawValue)" }

    static func hasModes(_ type: ContentType) -> Bool {
        type.localized || type.draftAndPublish
    }
}

/// The locale and mode of a request: `aposLocale` (`fr` or `fr:draft`) and `aposMode`, falling
/// back to the default locale and published mode, as `i18n/index.js` resolves them.
struct AposScope: Sendable {
    var locale: String
    var mode: View
    /// Whether the query string named them: then they override an `_id`'s own suffix.
    var localeGiven: Bool
    var modeGiven: Bool

    init(_ node: QueryNode, config: SiteConfig) {
        locale = config.defaultLocale
        mode = .published
        localeGiven = false
        modeGiven = false
        if let raw = node["aposLocale"]?.string {
            let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
            // An unknown locale falls back to the default, as Apostrophe's middleware does.
            if let first = parts.first, config.locales.contains(first) {
                locale = first
                localeGiven = true
            }
            if parts.count == 2, let given = View(rawValue: parts[1]) {
                mode = given
                modeGiven = true
            }
        }
        if let raw = node["aposMode"]?.string {
            // Anything but `draft` means published.
            mode = raw == "draft" ? .draft : .published
            modeGiven = true
        }
    }

    /// The record an `:_id` path segment names: its own suffix, overridden by the query.
    func identity(of rawId: String, config: SiteConfig) -> AposIdentity {
        let parts = rawId.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var identity = AposIdentity(documentId: parts[0], locale: locale, mode: mode)
        if parts.count == 3 {
            if !localeGiven, config.locales.contains(parts[1]) { identity.locale = parts[1] }
            if !modeGiven { identity.mode = parts[2] == "draft" ? .draft : .published }
        }
        return identity
    }

    /// The locale documents of `type` live in: the default one for types that are not localized.
    func locale(for type: ContentType, config: SiteConfig) -> String {
        type.localized ? locale : config.defaultLocale
    }
}
