/// A 1,024-bit summary of which bytes and byte pairs occur in a document's searchable text
/// (a Bloom filter). A phrase can only occur in a text whose signature has every bit of the
/// phrase's own signature, so `_q` checks 128 bytes per document and reads the text of only
/// the few that pass, instead of every word of every document.
typealias TextSignature = SIMD16<UInt64>

enum TextSignatures {
    /// The signature of the texts lowercased, without a lowercased copy of ASCII text (see
    /// `ASCIIFolding`): a start signs every searchable field of a site.
    static func of(folding texts: [String]) -> TextSignature {
        var signature = TextSignature()
        for var text in texts {
            let signed = text.withUTF8 { bytes -> Bool in
                guard ASCIIFolding.isASCII(bytes) else { return false }
                add(bytes, to: &signature, folding: true)
                return true
            }
            if !signed {
                var lowered = text.lowercased()
                lowered.withUTF8 { add($0, to: &signature) }
            }
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

    private static func add(_ bytes: UnsafeBufferPointer<UInt8>, to signature: inout TextSignature, folding: Bool = false) {
        guard !bytes.isEmpty else { return }
        var previous = UInt32(folding ? ASCIIFolding.fold(bytes[0]) : bytes[0])
        set(0x1_0000 | previous, in: &signature)
        for byte in bytes.dropFirst() {
            let current = UInt32(folding ? ASCIIFolding.fold(byte) : byte)
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
