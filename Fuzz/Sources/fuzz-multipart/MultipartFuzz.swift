import FuzzSupport
import HTTPTypes
import Hummingbird
import NIOCore
@testable import QuireAPI

/// The multipart reader of uploads (`MultipartUpload.read`: the boundary from Content-Type,
/// multipart-kit's streaming parser, Content-Disposition with RFC 5987 file names, the size
/// limits). Input: one byte for the chunk size the body streams in (0: all at once), the
/// Content-Type up to the first newline, then the body. Every input must give parts with names
/// within the limit, or a `Failure` (a 400 or 413), never anything else.
@main enum MultipartFuzz {
    static func main() { runFuzzer(fuzzMultipart) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzMultipart(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    guard let first = input.first else { return 0 }
    let chunkSize = Int(first)
    let rest = input[1...]
    let newline = rest.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
    let contentType = String(decoding: rest[..<newline], as: UTF8.self)
    let body = Array(rest[min(newline + 1, rest.endIndex)...])
    let limit = 8192
    let outcome = runBlocking { () -> Result<[MultipartUpload.Part], MultipartUpload.Failure> in
        var head = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/api/upload")
        head.headerFields[.contentType] = contentType
        let chunks = chunkSize == 0 ? [body] : stride(from: 0, to: body.count, by: chunkSize).map {
            Array(body[$0..<min($0 + chunkSize, body.count)])
        }
        let stream = AsyncStream<ByteBuffer> { continuation in
            for chunk in chunks { continuation.yield(ByteBuffer(bytes: chunk)) }
            continuation.finish()
        }
        let request = Request(head: head, body: RequestBody(asyncSequence: stream))
        do throws(MultipartUpload.Failure) {
            return .success(try await MultipartUpload.read(request, limit: limit).parts)
        } catch {
            return .failure(error)
        }
    }
    if case .success(let parts) = outcome {
        check(parts.allSatisfy { !$0.name.isEmpty }, "a part without a name was accepted")
        check(parts.reduce(0) { $0 + $1.bytes.count } <= limit, "more than the limit was accepted")
    }
    return 0
}
