import Yams

/// `email:` in quire.yaml: the SMTP server Strapi's password-reset emails go through, and the
/// link they carry. As with every secret, the SMTP password is never in the file (it is
/// committed): `passwordEnv` names the environment variable that holds it.
public struct EmailConfig: Sendable, Equatable {
    public var host: String
    /// 25 unless set; 465 when `tls` is `implicit`, 587 when it is `starttls`.
    public var port = 25
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain text: only for a relay on loopback or a private network.
        case none
        /// STARTTLS after the greeting, required (a server not offering it is refused).
        case starttls
        /// TLS from the first byte ("SMTPS", port 465).
        case implicit
    }
    /// Unless set: `implicit` on port 465, `starttls` on 587, `none` otherwise.
    public var tls = TLSMode.none
    /// A PEM file of the CA that signed the server's certificate (a private CA), trusted instead
    /// of the system's roots. Certificates are always verified.
    public var caFile: String?
    /// The sender, `Name <address>` or a bare address (Strapi's `settings.from`).
    public var from: String
    public var replyTo: String?
    public var username: String?
    /// The environment variable holding the SMTP password (AUTH PLAIN or LOGIN).
    public var passwordEnv: String?
    /// Strapi's advanced setting `email_reset_password`: the page of the front end that takes
    /// the code. The mail links to it with `?code=<code>` added.
    public var resetPasswordURL: String
    /// The reset mail (Strapi's `reset_password` template; `subject:` is a shorthand for its subject).
    public var resetPasswordTemplate = EmailTemplate.standard(.resetPassword)
    /// Seconds to connect and for each server reply before the attempt is given up.
    public var timeout = 10
    /// Seconds a reset code stays usable (Strapi's never expire; an hour is safer).
    public var resetCodeLifetime = 3600
    /// Seconds a confirmation link works (Strapi's never expire; three days, then ask again).
    public var confirmationLifetime = 3 * 86400
    /// Strapi's advanced setting `email_confirmation`: a registered user must follow the link
    /// of a confirmation mail before signing in.
    public var emailConfirmation = false
    /// Strapi's `email_confirmation_redirection`: where a followed confirmation link lands ("/" unless set).
    public var emailConfirmationRedirection: String?
    /// Where this server is reached from outside (Strapi's `server.url`): the confirmation link
    /// is `<serverURL>/api/auth/email-confirmation?confirmation=<token>`. Never taken from a
    /// request's Host header, which a caller chooses.
    public var serverURL: String?
    /// The confirmation mail (Strapi's `email_confirmation`; `confirmationSubject:` sets its subject).
    public var confirmationTemplate = EmailTemplate.standard(.emailConfirmation)

    public init(host: String, from: String, resetPasswordURL: String) {
        self.host = host
        self.from = from
        self.resetPasswordURL = resetPasswordURL
    }

    static let keys: Set = ["host", "port", "from", "replyTo", "username", "passwordEnv", "resetPasswordURL", "subject",
                            "timeout", "resetCodeLifetime", "emailConfirmation", "emailConfirmationRedirection", "serverURL",
                            "confirmationSubject", "tls", "caFile", "templates", "confirmationLifetime"]

    /// nil when quire.yaml has no `email:` (or it cannot be used: the problem is reported).
    static func read(_ node: Node?, reader: inout SchemaFileReader) -> EmailConfig? {
        guard let node, !SchemaFileReader.isNull(node), let pairs = reader.pairs(node, "email") else { return nil }
        for (key, keyNode, _) in pairs where !keys.contains(key) {
            if key == "password" {
                reader.report(keyNode, "an SMTP password must not be committed: name an environment variable (passwordEnv)")
            } else {
                reader.report(keyNode, "unknown email option '\(key)' (\(keys.sorted().joined(separator: ", ")))")
            }
        }
        let host = reader.string(reader.value(node, "host"), "email.host")
        let from = reader.string(reader.value(node, "from"), "email.from")
        let urlNode = reader.value(node, "resetPasswordURL")
        let url = reader.string(urlNode, "email.resetPasswordURL")
        guard let host, !host.isEmpty, let from, !from.isEmpty, let url else {
            reader.report(node, "email needs host, from and resetPasswordURL")
            return nil
        }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            reader.report(urlNode, "email.resetPasswordURL must be an http(s) URL")
            return nil
        }
        var config = EmailConfig(host: host, from: from, resetPasswordURL: url)
        let portNode = reader.value(node, "port")
        if let port = reader.integer(portNode, "email.port", minimum: 1) {
            if port <= 65535 { config.port = port } else { reader.report(portNode, "email.port must be at most 65535") }
        }
        config.replyTo = reader.string(reader.value(node, "replyTo"), "email.replyTo")
        config.username = reader.string(reader.value(node, "username"), "email.username")
        config.passwordEnv = reader.string(reader.value(node, "passwordEnv"), "email.passwordEnv")
        if let seconds = AuthSettings.duration(reader.value(node, "timeout"), "email.timeout", reader: &reader) { config.timeout = seconds }
        if let seconds = AuthSettings.duration(reader.value(node, "resetCodeLifetime"), "email.resetCodeLifetime", reader: &reader) {
            config.resetCodeLifetime = seconds
        }
        if let seconds = AuthSettings.duration(reader.value(node, "confirmationLifetime"), "email.confirmationLifetime", reader: &reader) {
            config.confirmationLifetime = seconds
        }
        config.readConfirmation(node, reader: &reader)
        config.readTemplates(node, reader: &reader)
        config.readTLS(node, reader: &reader)
        if config.username != nil, config.passwordEnv == nil {
            reader.report(node, "email.username needs passwordEnv (the environment variable holding the password)")
        }
        return config
    }
}

extension EmailConfig {
    private mutating func readTLS(_ node: Node, reader: inout SchemaFileReader) {
        let tlsNode = reader.value(node, "tls")
        if let text = reader.string(tlsNode, "email.tls") {
            if let mode = TLSMode(rawValue: text) {
                tls = mode
            } else {
                reader.report(tlsNode, "email.tls must be \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        } else {
            tls = port == 465 ? .implicit : port == 587 ? .starttls : .none
        }
        let caNode = reader.value(node, "caFile")
        if let path = reader.string(caNode, "email.caFile") {
            if !path.hasPrefix("/") {
                reader.report(caNode, "email.caFile must be an absolute path (the server may run from any folder)")
            } else if tls == .none {
                reader.report(caNode, "email.caFile needs tls: starttls or implicit")
            } else {
                caFile = path
            }
        }
        if tls == .none, username != nil, !Self.isThisMachine(host) {
            reader.report(tlsNode ?? node, "email.username with tls: none would send the SMTP password to \(host) in plain text: set tls to starttls or implicit (only a server on this machine may take it unencrypted; Quire refuses to send it)")
        }
    }

    /// `localhost` or a loopback address, as written in quire.yaml (the client checks the address it reached).
    static func isThisMachine(_ host: String) -> Bool {
        host.lowercased() == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    /// `templates:` (Strapi's template names) and the older subject shorthands, one or the other.
    private mutating func readTemplates(_ node: Node, reader: inout SchemaFileReader) {
        let templates = reader.value(node, "templates")
        if let templates, !SchemaFileReader.isNull(templates), let pairs = reader.pairs(templates, "email.templates") {
            for (key, keyNode, _) in pairs where EmailTemplate.Kind(rawValue: key) == nil {
                reader.report(keyNode, "unknown email template '\(key)' (reset_password, email_confirmation)")
            }
        }
        resetPasswordTemplate = EmailTemplate.read(reader.value(templates, "reset_password"), kind: .resetPassword, reader: &reader)
        confirmationTemplate = EmailTemplate.read(reader.value(templates, "email_confirmation"), kind: .emailConfirmation, reader: &reader)
        for (key, kind) in [("subject", EmailTemplate.Kind.resetPassword), ("confirmationSubject", .emailConfirmation)] {
            let shorthand = reader.value(node, key)
            guard let subject = reader.string(shorthand, "email.\(key)") else { continue }
            EmailTemplate.checkPlaceholders(subject, allowed: EmailTemplate.userPlaceholders, node: shorthand, what: "email.\(key)", reader: &reader)
            if reader.value(reader.value(templates, kind.rawValue), "subject") != nil {
                reader.report(shorthand, "email.\(key) and email.templates.\(kind.rawValue).subject both set the subject: keep one")
            } else if kind == .resetPassword {
                resetPasswordTemplate.subject = subject
            } else {
                confirmationTemplate.subject = subject
            }
        }
        let urlThenQuery = [resetPasswordTemplate.text, resetPasswordTemplate.html].contains { $0?.contains("<%= URL %>?") == true }
        if resetPasswordURL.contains("?"), urlThenQuery {
            reader.report(reader.value(node, "resetPasswordURL"),
                          "email.resetPasswordURL has a query, and the reset mail adds ?code= to it: write email.templates.reset_password with &code=")
        }
        let usesServerURL = [resetPasswordTemplate, confirmationTemplate].contains { template in
            [template.text, template.html].contains { $0.map { EmailTemplate.placeholders(in: $0).contains { $0.name == "SERVER_URL" } } ?? false }
        }
        if usesServerURL, serverURL == nil {
            reader.report(templates, "email.templates use <%= SERVER_URL %>: set email.serverURL")
        }
    }

    private mutating func readConfirmation(_ node: Node, reader: inout SchemaFileReader) {
        if let on = reader.bool(reader.value(node, "emailConfirmation"), "email.emailConfirmation") { emailConfirmation = on }
        for key in ["emailConfirmationRedirection", "serverURL"] {
            let urlNode = reader.value(node, key)
            guard let url = reader.string(urlNode, "email.\(key)") else { continue }
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                reader.report(urlNode, "email.\(key) must be an http(s) URL")
                continue
            }
            if key == "serverURL" { serverURL = String(url.trimmingSuffix("/")) } else { emailConfirmationRedirection = url }
        }
        if emailConfirmation, serverURL == nil {
            reader.report(node, "email.emailConfirmation needs serverURL (where the confirmation link reaches this server)")
            emailConfirmation = false
        }
    }
}

private extension String {
    func trimmingSuffix(_ suffix: Character) -> Substring {
        var text = Substring(self)
        while text.last == suffix { text = text.dropLast() }
        return text
    }
}
