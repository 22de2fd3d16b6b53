/// The characters the fast YAML reader can place with certainty. libyaml refuses control
/// characters, reads NEL, LS and PS as line breaks, skips a BOM, and treats tabs and CR
/// specially in indentation and folding; a file holding any of them is left to Yams, so the
/// fast reader only ever sees UTF-8 whose only break is `\n` and whose only blank is a space.
enum YAMLFastText {
    static func isReadable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                guard (lead >= 0x20 && lead != 0x7F) || lead == 0x0A else { return false }
                index += 1
                continue
            }
            guard let width = sequenceWidth(bytes, at: index) else { return false }
            index += width
        }
        return true
    }

    /// The length of the well-formed UTF-8 sequence at `index` if libyaml reads its character
    /// as printable, not a break; nil otherwise. Overlong forms and surrogates are refused as
    /// UTF-8 demands (the second byte's range narrows for E0, ED, F0 and F4).
    private static func sequenceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let width: Int
        switch lead {
        case 0xC2: width = 2; low = 0xA0  // U+0080…U+009F: C1 controls (refused) and NEL (a break)
        case 0xC3...0xDF: width = 2
        case 0xE0: width = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: width = 3
        case 0xED: width = 3; high = 0x9F
        case 0xF0: width = 4; low = 0x90
        case 0xF1...0xF3: width = 4
        case 0xF4: width = 4; high = 0x8F
        default: return nil
        }
        guard index + width <= bytes.count else { return nil }
        let second = bytes[index + 1]
        guard second >= low, second <= high else { return nil }
        for offset in 2..<max(2, width) where !isContinuation(bytes[index + offset]) { return nil }
        if width == 3 {
            let third = bytes[index + 2]
            // U+2028 and U+2029 are line breaks to libyaml.
            if lead == 0xE2, second == 0x80, third == 0xA8 || third == 0xA9 { return nil }
            // U+FEFF (a BOM, skipped), U+FFFE and U+FFFF (refused).
            if lead == 0xEF, second == 0xBB, third == 0xBF { return nil }
            if lead == 0xEF, second == 0xBF, third >= 0xBE { return nil }
        }
        return width
    }

    private static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }
}
