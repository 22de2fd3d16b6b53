import CVips

/// libvips through the `CVips` shim: header reads, full decodes and resizes of images held in
/// memory. Every call is blocking and CPU-bound: run it off the event loop (`MediaWork`).
public enum Vips {
    /// libvips starts once per process; `nil` when it could not (then every call fails).
    private static let started: Bool = quire_vips_start() == 0

    public struct Header: Sendable, Equatable {
        /// As displayed: EXIF orientation applied.
        public var width: Int
        public var height: Int
        public var pages: Int
        /// libvips' loader name, e.g. `VipsForeignLoadJpegBuffer`.
        public var loader: String
    }

    public struct Encoded: Sendable {
        public var bytes: [UInt8]
        public var width: Int
        public var height: Int
    }

    /// A rectangle of the displayed (auto-oriented) image, in pixels.
    public struct Crop: Sendable, Equatable, Hashable {
        public var left: Int
        public var top: Int
        public var width: Int
        public var height: Int

        public init(left: Int, top: Int, width: Int, height: Int) {
            self.left = left
            self.top = top
            self.width = width
            self.height = height
        }
    }

    /// The loader libvips picks for these bytes, or nil when no trusted loader reads them.
    public static func loader(_ bytes: [UInt8]) -> String? {
        guard started, !bytes.isEmpty else { return nil }
        return bytes.withUnsafeBytes { raw in quire_vips_loader(raw.baseAddress, raw.count).map { String(cString: $0) } }
    }

    /// Reads the header only: no pixel is decoded.
    public static func header(_ bytes: [UInt8]) throws(VipsError) -> Header {
        guard let found = Self.loader(bytes) else { throw VipsError("not an image libvips reads") }
        var width: Int32 = 0, height: Int32 = 0, pages: Int32 = 0
        let status = bytes.withUnsafeBytes { raw in quire_vips_header(raw.baseAddress, raw.count, &width, &height, &pages) }
        guard status == 0 else { throw VipsError.last() }
        return Header(width: Int(width), height: Int(height), pages: Int(max(pages, 1)), loader: found)
    }

    /// Decodes every pixel; throws for truncated or corrupt data.
    public static func verify(_ bytes: [UInt8]) throws(VipsError) {
        guard started else { throw VipsError("libvips did not start") }
        let status = bytes.withUnsafeBytes { raw in quire_vips_verify(raw.baseAddress, raw.count) }
        guard status == 0 else { throw VipsError.last() }
    }

    /// Auto-orients, crops (optional), shrinks to fit `width`×`height` (never enlarges) and
    /// encodes with a libvips suffix such as `.jpg[Q=80,strip]`.
    public static func resize(_ bytes: [UInt8], crop: Crop? = nil, width: Int, height: Int, suffix: String) throws(VipsError) -> Encoded {
        guard started else { throw VipsError("libvips did not start") }
        var output: UnsafeMutableRawPointer?
        var length = 0
        var outWidth: Int32 = 0, outHeight: Int32 = 0
        let box = crop ?? Crop(left: 0, top: 0, width: 0, height: 0)
        let status = bytes.withUnsafeBytes { raw in
            quire_vips_resize(
                raw.baseAddress, raw.count, Int32(box.left), Int32(box.top), Int32(box.width), Int32(box.height),
                Int32(width), Int32(height), suffix, &output, &length, &outWidth, &outHeight)
        }
        guard status == 0, let output else { throw VipsError.last() }
        defer { quire_vips_free(output) }
        let encoded = Array(UnsafeRawBufferPointer(start: output, count: length))
        return Encoded(bytes: encoded, width: Int(outWidth), height: Int(outHeight))
    }

    /// A gradient test picture of `width`×`height`, with an EXIF orientation tag when > 1.
    public static func sample(width: Int, height: Int, orientation: Int = 1, suffix: String = ".jpg[Q=85]") throws(VipsError) -> [UInt8] {
        guard started else { throw VipsError("libvips did not start") }
        var output: UnsafeMutableRawPointer?
        var length = 0
        guard quire_vips_sample(Int32(width), Int32(height), Int32(orientation), suffix, &output, &length) == 0, let output else {
            throw VipsError.last()
        }
        defer { quire_vips_free(output) }
        return Array(UnsafeRawBufferPointer(start: output, count: length))
    }
}

public struct VipsError: Error, Sendable, CustomStringConvertible {
    public var message: String

    init(_ message: String) { self.message = message }

    /// libvips' error buffer, first line, then cleared.
    static func last() -> VipsError {
        let text = String(cString: quire_vips_error())
        quire_vips_clear_error()
        let line = text.split(separator: "\n").first.map(String.init) ?? "libvips failed"
        return VipsError(line)
    }

    public var description: String { message }
}
