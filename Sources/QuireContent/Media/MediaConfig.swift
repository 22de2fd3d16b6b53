import Yams

/// `media:` in quire.yaml: where originals live, the sizes made from images, and the limits.
public struct MediaConfig: Sendable, Equatable {
    public enum Store: String, Sendable {
        /// Originals committed to git next to their metadata (the default).
        case git
        /// Originals in a folder outside git (`directory:`), only metadata in git: for sites
        /// with many large videos, which would make every clone huge.
        case directory
    }

    public struct Size: Sendable, Equatable {
        public var name: String
        public var width: Int
        public var height: Int

        public init(name: String, width: Int, height: Int) {
            self.name = name
            self.width = width
            self.height = height
        }
    }

    public var store = Store.git
    /// For `store: directory`: absolute, or relative to the repository's work tree (or git directory).
    public var directory: String?
    /// Largest upload body, in bytes (Strapi's documented `sizeLimit`: 200 MiB).
    public var maxFileSize = 209_715_200
    /// Images with more pixels are refused from their header, before decoding (a decompression bomb).
    public var maxPixels = 100_000_000
    /// JPEG/WebP quality of derived images (Strapi and Apostrophe both use 80).
    public var quality = 80
    /// Strapi's thumbnail box (`fit: inside`).
    public var thumbnail = Size(name: "thumbnail", width: 245, height: 156)
    /// Strapi's breakpoints (`plugin::upload.breakpoints`): the longest side equals the value.
    public var breakpoints: [Size] = [
        Size(name: "large", width: 1000, height: 1000),
        Size(name: "medium", width: 750, height: 750),
        Size(name: "small", width: 500, height: 500),
    ]
    /// Strapi's `responsiveDimensions`: breakpoints on or off (the thumbnail is always made).
    public var responsiveDimensions = true
    /// Apostrophe's `imageSizes`, largest first.
    public var apostropheSizes: [Size] = [
        Size(name: "max", width: 1600, height: 1600),
        Size(name: "full", width: 1140, height: 1140),
        Size(name: "two-thirds", width: 760, height: 760),
        Size(name: "one-half", width: 570, height: 700),
        Size(name: "one-third", width: 380, height: 700),
        Size(name: "one-sixth", width: 190, height: 350),
    ]
    /// Modern encodings served instead of JPEG/PNG when the request's `Accept` allows them.
    public var modernFormats: [String] = ["avif", "webp"]

    public init() {}

    static func read(_ node: Node?, reader: inout SchemaFileReader) -> MediaConfig {
        var config = MediaConfig()
        guard let node, !SchemaFileReader.isNull(node), reader.pairs(node, "media") != nil else { return config }
        if let storeNode = reader.value(node, "store"), let text = reader.string(storeNode, "media.store") {
            if let store = Store(rawValue: text) { config.store = store } else { reader.report(storeNode, "media.store must be git or directory") }
        }
        config.directory = reader.string(reader.value(node, "directory"), "media.directory")
        if config.store == .directory, config.directory == nil {
            reader.report(node, "media.store: directory needs media.directory (the folder for originals)")
            config.store = .git
        }
        if let value = reader.integer(reader.value(node, "maxFileSize"), "media.maxFileSize", minimum: 1) { config.maxFileSize = value }
        if let value = reader.integer(reader.value(node, "maxPixels"), "media.maxPixels", minimum: 1) { config.maxPixels = value }
        if let value = reader.integer(reader.value(node, "quality"), "media.quality", minimum: 1) { config.quality = min(value, 100) }
        if let value = reader.bool(reader.value(node, "responsiveDimensions"), "media.responsiveDimensions") { config.responsiveDimensions = value }
        if let thumb = reader.value(node, "thumbnail"), let size = readBox(thumb, name: "thumbnail", what: "media.thumbnail", reader: &reader) {
            config.thumbnail = size
        }
        if let list = reader.value(node, "breakpoints") {
            var sizes: [Size] = []
            for (name, _, value) in reader.pairs(list, "media.breakpoints") ?? [] {
                if let width = reader.integer(value, "media.breakpoints.\(name)", minimum: 1) {
                    sizes.append(Size(name: name, width: width, height: width))
                }
            }
            config.breakpoints = sizes.sorted { $0.width > $1.width }
        }
        if let list = reader.value(node, "apostropheSizes") {
            var sizes: [Size] = []
            for (name, _, value) in reader.pairs(list, "media.apostropheSizes") ?? [] {
                if let size = readBox(value, name: name, what: "media.apostropheSizes.\(name)", reader: &reader) { sizes.append(size) }
            }
            config.apostropheSizes = sizes.sorted { $0.width > $1.width }
        }
        if let formatsNode = reader.value(node, "formats"), let formats = reader.strings(formatsNode, "media.formats") {
            let known = formats.filter { ["avif", "webp"].contains($0) }
            if known.count != formats.count { reader.report(formatsNode, "media.formats may list avif and webp") }
            config.modernFormats = known
        }
        return config
    }

    private static func readBox(_ node: Node, name: String, what: String, reader: inout SchemaFileReader) -> Size? {
        guard reader.pairs(node, what) != nil,
              let width = reader.integer(reader.value(node, "width"), "\(what).width", minimum: 1),
              let height = reader.integer(reader.value(node, "height"), "\(what).height", minimum: 1) else { return nil }
        return Size(name: name, width: width, height: height)
    }
}
