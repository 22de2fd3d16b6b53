/// Every size of one image under the current configuration: Strapi's formats (which the
/// metadata records) and Apostrophe's sizes and crops (which only the cache holds).
public enum MediaRescale {
    /// Makes every size of `record` from `original` into `cache`; returns the record with the
    /// formats the current configuration gives.
    public static func rescale(_ record: MediaRecord, original: [UInt8], config: MediaConfig, cache: MediaCache) throws(VipsError) -> MediaRecord {
        guard ["image/jpeg", "image/png", "image/webp", "image/gif", "image/tiff"].contains(record.mime),
              let width = record.width, let height = record.height else { return record }
        var updated = record
        updated.formats = []
        for size in MediaVariant.strapiSizes(width: width, height: height, config: config) {
            let variant = MediaVariant(sha256: record.sha256, ext: record.ext, crop: nil, width: size.width, height: size.height, encoding: nil, quality: config.quality)
            let encoded = try variant.render(original)
            cache.write(encoded.bytes, for: variant)
            updated.formats.append(MediaRecord.Format(name: size.name, width: encoded.width, height: encoded.height, bytes: encoded.bytes.count))
        }
        let crops: [Vips.Crop?] = [nil] + record.crops.map { $0 }
        for crop in crops {
            for size in config.apostropheSizes {
                let variant = MediaVariant(sha256: record.sha256, ext: record.ext, crop: crop, width: size.width, height: size.height, encoding: nil, quality: config.quality)
                cache.write(try variant.render(original).bytes, for: variant)
            }
        }
        return updated
    }
}
