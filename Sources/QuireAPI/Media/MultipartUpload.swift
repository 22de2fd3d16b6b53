import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` body read as it streams in: the size limit is enforced on every
/// chunk, so an oversized upload is refused after `limit` bytes, never buffered whole.
struct MultipartUpload {
    struct Part {
        var name: String
        var fileName: String?
        var contentType: String?
        var bytes: [UInt8] = []
    }

    var parts: [Part] = []

    var files: [Part] { parts.filter { $0.fileName != nil } }

    /// The text of the last non-file part called `name`.
    func field(_ name: String) -> String? {
        parts.last { $0.name == name && $0.fileName == nil }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// Non-file parts are form fields (`fileInfo`, `ref`...): small by nature.
    static let fieldLimit = 1 << 20

    enum Failure: Error {
        case notMultipart
        case malformed(String)
        case tooLarge
    }

    static func read(_ request: Request, limit: Int) async throws(Failure) -> MultipartUpload {
        guard let contentType = request.headers[.contentType], let boundary = boundary(of: contentType) else {
            throw .notMultipart
        }
        if RequestBody.declaresMore(request, than: limit) { throw .tooLarge }
        let parser = MultipartParser(boundary: boundary)
        var headerGuard = MultipartHeaderGuard(boundary: boundary)
        var upload = MultipartUpload()
        var current: Part?
        var headerFailure: String?
        var completed = false
        parser.onHeader = { name, value in
            if current == nil { current = Part(name: "") }
            switch name.lowercased() {
            case "content-disposition":
                guard let disposition = ContentDisposition(value) else {
                    headerFailure = "A part has a malformed Content-Disposition header"
                    return
                }
                current?.name = disposition.name
                current?.fileName = disposition.fileName
            case "content-type":
                current?.contentType = value
            default:
                break
            }
        }
        parser.onBody = { buffer in
            if current == nil { current = Part(name: "") }
            // One memcpy per slice: the generic element-wise append costs per byte.
            buffer.withUnsafeReadableBytes { current?.bytes.append(contentsOf: $0) }
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        }
        parser.onPartComplete = {
            if let part = current { upload.parts.append(part) }
            current = nil
            completed = true
        }
        var received = 0
        do {
            for try await chunk in request.body {
                received += chunk.readableBytes
                if received > limit { throw Failure.tooLarge }
                guard headerGuard.admits(chunk.readableBytesView) else { throw Failure.malformed("A part has a header name that is not ASCII") }
                try parser.execute(chunk)
                if let headerFailure { throw Failure.malformed(headerFailure) }
                if let part = current, part.fileName == nil, part.bytes.count > fieldLimit { throw Failure.tooLarge }
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .malformed("The multipart body could not be read")
        }
        // A body cut short leaves a part open: refuse it rather than store half a file.
        if current != nil || !completed { throw .malformed("The multipart body is incomplete") }
        if upload.parts.contains(where: { $0.name.isEmpty }) { throw .malformed("A part has no name") }
        return upload
    }

    /// The boundary parameter of a `multipart/form-data` content type (quoted or not), or nil.
    static func boundary(of contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            // RFC 2046: 1 to 70 characters. The parser needs at least one.
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }
}

/// `form-data; name="files"; filename="a.jpg"` (RFC 7578), `filename*=UTF-8''…` included.
struct ContentDisposition {
    var name: String
    var fileName: String?

    init?(_ header: String) {
        var parameters: [String: String] = [:]
        var rest = Substring(header)
        guard let semicolon = rest.firstIndex(of: ";") else { return nil }
        guard rest[..<semicolon].trimmingCharacters(in: .whitespaces).lowercased() == "form-data" else { return nil }
        rest = rest[rest.index(after: semicolon)...]
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == ";" || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(character); escaped = false; continue }
                    if character == "\\" { escaped = true; continue }
                    if character == "\"" { closed = true; break }
                    value.append(character)
                }
                guard closed else { return nil }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            parameters[key] = value
        }
        guard let name = parameters["name"] else { return nil }
        self.name = name
        if let extended = parameters["filename*"], let decoded = Self.decodeExtended(extended) {
            fileName = decoded
        } else {
            fileName = parameters["filename"]
        }
    }

    /// RFC 5987 `UTF-8''percent-encoded`.
    static func decodeExtended(_ value: String) -> String? {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        return String(pieces[2]).removingPercentEncoding
    }
}
