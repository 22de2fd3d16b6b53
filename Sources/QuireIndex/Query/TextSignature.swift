/// A 1,024-bit summary of which bytes and byte pairs occur in a document's searchable text
/// (a Bloom filter). A phrase can only occur in a text whose signature has every bit of the
/// phrase's own signature, so `_q` checks 128 bytes per document and reads the text of only
/// the few that pass, instead of every word of every document.
typealias TextSignature = SIMD16<UInt64>

enum TextSignatures {
    static func of(_ texts: [String]) -> TextSignature {
        var signature = TextSignature()
        for var text in texts {
            text.withUTF8 { add($0, to: &signature) }
        }
        return signature
    }

    static func of(_ bytes: [UInt8]) -> TextSignature {
        var signature = TextSignature()
        bytes.withUnsafeBufferPointer { add($0, to: &signature) }
        return signature
    }

    static func contains(_ signature: TextSignature, _ wanted: TextSignature) -> Bool {
        (signature & wanted) == wanted
    }

    private static func add(_ bytes: UnsafeBufferPointer<UInt8>, to signature: inout TextSignature) {
        guard !bytes.isEmpty else { return }
        var previous = UInt32(bytes[0])
        set(0x1_0000 | previous, in: &signature)
        for byte in bytes.dropFirst() {
            let current = UInt32(byte)
            set(0x1_0000 | current, in: &signature)
            set(previous << 8 | current, in: &signature)
            previous = current
        }
    }

    private static func set(_ gram: UInt32, in signature: inout TextSignature) {
        let bit = Int((gram &* 0x9E37_79B1) >> 22)  // 10 bits: 0..<1024
        signature[bit >> 6] |= 1 << UInt64(bit & 63)
    }
}
