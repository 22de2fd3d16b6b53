import Foundation
import Yams

/// The mails of Strapi's users-permissions, as its admin panel's email templates edit them
/// (`reset_password`, `email_confirmation`): a subject and a body with Strapi's placeholders
/// (`<%= URL %>`, `<%= TOKEN %>`, `<%= CODE %>`, `<%= USER.username %>`, …). Strapi sends its one
/// HTML message as both the text and the HTML part; Quire keeps a plain-text and an HTML body.
/// As in Strapi (strict interpolation, nothing evaluated), only known placeholders are filled;
/// here an unknown one is a problem of quire.yaml rather than text left in the mail.
public struct EmailTemplate: Sendable, Equatable {
    public var subject: String
    /// nil: the mail has no such part (at least one of the two is set).
    public var text: String?
    public var html: String?

    public enum Kind: String, Sendable, CaseIterable {
        case resetPassword = "reset_password"
        case emailConfirmation = "email_confirmation"

        /// Placeholders the body may use (USER's fields come on top); the subject takes USER's only.
        var bodyPlaceholders: [String] {
            switch self {
            case .resetPassword: ["URL", "SERVER_URL", "TOKEN"]
            case .emailConfirmation: ["URL", "SERVER_URL", "CODE"]
            }
        }
    }

    /// The user's fields a template may show, as Strapi's sanitized user (never the password).
    public static let userFields = ["id", "documentId", "username", "email", "provider", "confirmed", "blocked"]

    /// Strapi's defaults (`bootstrap/index.js` `initEmails`): its message as the HTML part, and
    /// the same words as plain text.
    public static func standard(_ kind: Kind) -> EmailTemplate {
        switch kind {
        case .resetPassword:
            EmailTemplate(subject: "Reset password", text: """
                We heard that you lost your password. Sorry about that!

                But don’t worry! You can use the following link to reset your password:

                <%= URL %>?code=<%= TOKEN %>

                Thanks.
                """, html: """
                <p>We heard that you lost your password. Sorry about that!</p>

                <p>But don’t worry! You can use the following link to reset your password:</p>
                <p><%= URL %>?code=<%= TOKEN %></p>

                <p>Thanks.</p>
                """)
        case .emailConfirmation:
            EmailTemplate(subject: "Account confirmation", text: """
                Thank you for registering!

                You have to confirm your email address. Please click on the link below.

                <%= URL %>?confirmation=<%= CODE %>

                Thanks.
                """, html: """
                <p>Thank you for registering!</p>

                <p>You have to confirm your email address. Please click on the link below.</p>

                <p><%= URL %>?confirmation=<%= CODE %></p>

                <p>Thanks.</p>
                """)
        }
    }

    /// The mail for `values` (placeholder → text; `USER.<field>` keys for the user): values
    /// are HTML-escaped in the HTML part (a username is whatever its owner typed).
    public func render(_ values: [String: String]) -> (subject: String, text: String?, html: String?) {
        (Self.fill(subject, values, escape: false).replacingOccurrences(of: "\n", with: " "),
         text.map { Self.fill($0, values, escape: false) },
         html.map { Self.fill($0, values, escape: true) })
    }

    /// Every `<%= NAME %>` of `template`, in order, with its range.
    static func placeholders(in template: String) -> [(name: String, range: Range<String.Index>)] {
        var found: [(String, Range<String.Index>)] = []
        var rest = template.startIndex..<template.endIndex
        while let open = template.range(of: "<%=", range: rest), let close = template.range(of: "%>", range: open.upperBound..<template.endIndex) {
            let name = template[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            found.append((name, open.lowerBound..<close.upperBound))
            rest = close.upperBound..<template.endIndex
        }
        return found
    }

    static func fill(_ template: String, _ values: [String: String], escape: Bool) -> String {
        var result = ""
        var last = template.startIndex
        for (name, range) in placeholders(in: template) {
            result += template[last..<range.lowerBound]
            let value = values[name] ?? ""
            // Quotes of both kinds, so a value is safe in any attribute a template writes.
            result += escape ? HTMLSanitizer.escape(value).replacingOccurrences(of: "'", with: "&#39;") : value
            last = range.upperBound
        }
        return result + template[last...]
    }
}

extension EmailTemplate {
    /// `email.templates.<kind>` in quire.yaml: `subject`, `text`, `html`, each replacing Strapi's
    /// default. Setting one body and not the other sends only that part.
    static func read(_ node: Node?, kind: Kind, reader: inout SchemaFileReader) -> EmailTemplate {
        var template = standard(kind)
        let what = "email.templates.\(kind.rawValue)"
        guard let node, !SchemaFileReader.isNull(node), let pairs = reader.pairs(node, what) else { return template }
        for (key, keyNode, _) in pairs where !["subject", "text", "html"].contains(key) {
            reader.report(keyNode, "unknown \(what) option '\(key)' (html, subject, text)")
        }
        if let subject = reader.string(reader.value(node, "subject"), "\(what).subject") { template.subject = subject }
        let text = reader.string(reader.value(node, "text"), "\(what).text")
        let html = reader.string(reader.value(node, "html"), "\(what).html")
        if text != nil || html != nil { (template.text, template.html) = (text, html) }
        let user = userPlaceholders
        let slots: [(String, String?, [String])] = [("subject", template.subject, user),
                                                     ("text", text, kind.bodyPlaceholders + user), ("html", html, kind.bodyPlaceholders + user)]
        for (slot, value, allowed) in slots {
            guard let value else { continue }
            checkPlaceholders(value, allowed: allowed, node: reader.value(node, slot), what: "\(what).\(slot)", reader: &reader)
        }
        return template
    }

    static var userPlaceholders: [String] { userFields.map { "USER.\($0)" } }

    /// Reports each placeholder of `text` that is not one of `allowed`.
    static func checkPlaceholders(_ text: String, allowed: [String], node: Node?, what: String, reader: inout SchemaFileReader) {
        for (name, _) in placeholders(in: text) where !allowed.contains(name) {
            reader.report(node, "\(what): unknown placeholder <%= \(name) %> (\(allowed.joined(separator: ", ")))")
        }
    }
}
