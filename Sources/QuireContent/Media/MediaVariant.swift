/// One derived image: which original, which crop, which box, which encoding. Its `cacheName`
/// depends on nothing else, so the same request always makes (and finds) the same file.
public struct MediaVariant: Sendable, Hashable {
    public var sha256: String
    /// The original's extension: derived images keep its format unless `encoding` says otherwise.
    public var ext: String
    public var crop: Vips.Crop?
    public var width: Int
    public var height: Int
    /// `webp` or `avif` to re-encode; nil keeps the original's format.
    public var encoding: String?
    public var quality: Int

    public init(sha256: String, ext: String, crop: Vips.Crop?, width: Int, height: Int, encoding: String?, quality: Int) {
        self.sha256 = sha256
        self.ext = ext
        self.crop = crop
        self.width = width
        self.height = height
        self.encoding = encoding
        self.quality = quality
    }

    /// The output's extension, lowercase with the dot.
    public var outputExtension: String {
        if let encoding { return "." + encoding }
        switch ext.lowercased() {
        case ".jpeg", ".jpe", ".jfif": return ".jpg"
        case ".tiff": return ".tif"
        default: return ext.lowercased()
        }
    }

    public var mime: String {
        switch outputExtension {
        case ".jpg": "image/jpeg"
        case ".png": "image/png"
        case ".gif": "image/gif"
        case ".webp": "image/webp"
        case ".avif": "image/avif"
        case ".tif": "image/tiff"
        default: "application/octet-stream"
        }
    }

    /// libvips' save suffix: quality for lossy formats, metadata stripped everywhere.
    var suffix: String {
        switch outputExtension {
        case ".jpg": ".jpg[Q=\(quality),strip,optimize_coding]"
        case ".webp": ".webp[Q=\(quality),strip]"
        case ".avif": ".avif[Q=\(max(quality - 30, 30)),strip]"
        case ".png": ".png[compression=6,strip]"
        case ".tif": ".tif[strip]"
        default: outputExtension
        }
    }

    /// `<sha256>/<box>[-c<crop>]-q<quality><ext>` under the cache folder.
    public var cacheName: String {
        var name = "\(sha256)/\(width)x\(height)"
        if let crop { name += "-c\(crop.left).\(crop.top).\(crop.width).\(crop.height)" }
        return name + "-q\(quality)" + outputExtension
    }

    public func render(_ original: [UInt8]) throws(VipsError) -> Vips.Encoded {
        try Vips.resize(original, crop: crop, width: width, height: height, suffix: suffix)
    }

    /// Strapi's formats for a `width`×`height` image: the thumbnail when larger than its box,
    /// then each breakpoint smaller than the image's longest side (never enlarged).
    public static func strapiSizes(width: Int, height: Int, config: MediaConfig) -> [MediaConfig.Size] {
        var sizes: [MediaConfig.Size] = []
        if width > config.thumbnail.width || height > config.thumbnail.height { sizes.append(config.thumbnail) }
        if config.responsiveDimensions {
            sizes += config.breakpoints.filter { $0.width < width || $0.height < height }
        }
        return sizes
    }
}
