import FuzzSupport
import QuireContent

/// The JSON reader (request bodies, `.json` document files): any bytes either parse or throw a
/// `JSONError` pointing into the input, and what parses writes back (compact and pretty) to
/// text that parses to the same value.
@main enum JSONFuzz {
    static func main() { runFuzzer(fuzzJSON) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let value: Value
    do {
        value = try JSON.parse(bytes)
    } catch let error as JSONError {
        check(error.offset >= 0 && error.offset <= size, "error offset \(error.offset) outside an input of \(size) bytes")
        _ = JSON.line(ofOffset: error.offset, in: bytes)
        return 0
    } catch {
        fail("JSON.parse threw something other than a JSONError: \(error)")
    }
    for written in [JSON.encode(value), JSON.encodePretty(value)] {
        let reread = try? JSON.parse(written)
        check(reread == value, "written JSON does not read back: \(String(decoding: written, as: UTF8.self))")
    }
    return 0
}
