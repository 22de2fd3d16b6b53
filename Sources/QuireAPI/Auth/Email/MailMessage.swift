import Foundation

/// An email as sent over SMTP: headers (non-ASCII ones encoded per RFC 2047), a UTF-8 plain-text
/// body, an HTML one, or both as `multipart/alternative` (RFC 2046 §5.1.4, the plain text first);
/// lines ending in CRLF and leading dots doubled (RFC 5321 §4.5.2).
struct MailMessage: Sendable {
    /// `Name <address>` or a bare address.
    let from: String
    let to: String
    let replyTo: String?
    let subject: String
    /// The plain-text part (`body`) and the HTML part; at least one is set.
    let body: String?
    var html: String? = nil
    let date: Date

    /// The address inside `from`'s angle brackets, or all of it.
    var fromAddress: String {
        guard let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close else { return from }
        return String(from[from.index(after: open)..<close])
    }

    func dataSection() -> [UInt8] {
        var headers = [
            "From: \(Self.mailbox(from))",
            "To: <\(to)>",
            "Subject: \(Self.header(subject))",
            "Date: \(Self.dateFormatter.string(from: date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@\(fromAddress.split(separator: "@").last ?? "quire.localhost")>",
            "MIME-Version: 1.0",
        ]
        if let replyTo { headers.insert("Reply-To: \(Self.mailbox(replyTo))", at: 2) }
        let parts = [body.map { ("text/plain", $0) }, html.map { ("text/html", $0) }].compactMap { $0 }
        var lines: [String]
        if parts.count == 1, let only = parts.first {
            lines = headers + Self.part(only.0, only.1)
        } else {
            // Random, so no body line can be mistaken for it.
            let boundary = "quire-" + UUID().uuidString.lowercased()
            lines = headers + ["Content-Type: multipart/alternative; boundary=\"\(boundary)\"", ""]
            for (type, text) in parts { lines += ["--" + boundary] + Self.part(type, text) }
            lines.append("--" + boundary + "--")
        }
        let stuffed = lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }
        return Array((stuffed + ["."]).map { $0 + "\r\n" }.joined().utf8)
    }

    /// A part's headers, a blank line, and its text as CRLF-free lines.
    private static func part(_ type: String, _ text: String) -> [String] {
        ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: 8bit", ""]
            + text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Header text with CR/LF stripped (no header injection) and non-ASCII text as an encoded word.
    static func header(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard !flat.unicodeScalars.allSatisfy(\.isASCII) else { return flat }
        return "=?utf-8?B?" + Data(flat.utf8).base64EncodedString() + "?="
    }

    /// `Name <address>` with only the name encoded.
    static func mailbox(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<") else { return header(text) }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        return (name.isEmpty ? "" : header(name) + " ") + header(String(text[open...]))
    }

    // DateFormatter is thread-safe since macOS 10.9 and in swift-corelibs-foundation.
    nonisolated(unsafe) private static let dateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss +0000"
        return formatter
    }()
}
