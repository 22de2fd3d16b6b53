import Foundation
import HashTreeCollections
import QuireContent
import QuireGit

/// The changes made since the saved index was written, appended to
/// `<git dir>/quire/index.journal`, so that keeping the saved index current costs what changed
/// rather than a rewrite of every document (185 MB at 100,000 documents) every 30 seconds.
///
/// Layout: magic, format version, the identity of the `index.bin` it continues, then records.
/// A record is its payload's length and CRC-32, then the payload: the head as `index.bin`
/// has it (main, draft tips, bad files, drafts: few, written whole) and the published entries
/// added, changed or removed since the record before. A start replays the records in order and
/// stops at the first that is torn or damaged: each record is a whole state, so what was
/// replayed is a state that existed, and the sync that follows catches up from there. A
/// journal naming another `index.bin` (one rewritten since) is ignored.
package enum SavedJournal {
    static let magic: [UInt8] = Array("QUIREJNL".utf8)
    static let headerSize = 8 + 4 + 8
    static let recordHeaderSize = 8 + 4

    /// Where the files on disk stand: what the next record is a difference from.
    package struct Mark: Sendable {
        /// `SavedState.identity` of the `index.bin` the journal continues.
        var base: UInt64
        var baseLength: Int
        /// Bytes of the journal that hold whole records (0: no journal yet).
        var journalLength: Int
        /// The published entries as base and journal together hold them.
        var published: TreeDictionary<DocumentKey, PublishedEntry>

        /// A journal past a quarter of the base (at least 8 MiB) is folded into a new base:
        /// starts stay quick and the disk holds at most 1.25 copies.
        func allowsAppending(_ bytes: Int) -> Bool {
            journalLength + bytes <= max(8 << 20, baseLength / 4)
        }
    }

    static func file(gitDirectory: String) -> String {
        gitDirectory + "/quire/index.journal"
    }

    /// Saves `state`: a journal record when one is allowed after `mark`, else a new base (and
    /// no journal). Returns the new mark.
    package static func save(_ state: SiteState, after mark: Mark?, gitDirectory: String) throws -> Mark {
        if let mark, case let record = record(state, since: mark.published), mark.allowsAppending(record.count) {
            try append(record, at: mark, gitDirectory: gitDirectory)
            return Mark(base: mark.base, baseLength: mark.baseLength,
                        journalLength: max(mark.journalLength, headerSize) + record.count, published: state.published)
        }
        let (identity, length) = try SavedState.save(state, gitDirectory: gitDirectory)
        // A journal of the old base would be ignored anyway; removing it saves the space.
        unlink(file(gitDirectory: gitDirectory))
        return Mark(base: identity, baseLength: length, journalLength: 0, published: state.published)
    }

    /// The record taking `previous` to `state`, framed.
    static func record(_ state: SiteState, since previous: TreeDictionary<DocumentKey, PublishedEntry>) -> [UInt8] {
        var payload = ByteWriter()
        payload.head(state)
        var changed: [(DocumentKey, PublishedEntry)] = []
        for (key, entry) in state.published {
            // Unchanged entries share their storage with the previous state's, so this
            // comparison is a few pointer checks; a re-read document compares in full.
            if let old = previous[key], old.blob == entry.blob, old.path == entry.path, old.times == entry.times,
               old.fields == entry.fields { continue }
            changed.append((key, entry))
        }
        let removed = previous.keys.filter { state.published[$0] == nil }
        payload.count(changed.count)
        for (key, entry) in changed { payload.published(key, entry) }
        payload.count(removed.count)
        for key in removed { payload.key(key) }
        var framed = ByteWriter()
        framed.fixed64(UInt64(payload.bytes.count))
        framed.fixed32(payload.bytes.withUnsafeBytes { Checksum.crc32($0) })
        framed.bytes.append(contentsOf: payload.bytes)
        return framed.bytes
    }

    /// Cuts off whatever follows the mark's whole records (a torn record of a crash), writes the
    /// header if the journal is new, appends, and flushes: a cache, but one a start trusts.
    private static func append(_ record: [UInt8], at mark: Mark, gitDirectory: String) throws {
        let path = file(gitDirectory: gitDirectory)
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        guard fd >= 0 else { throw GitError.durability("open \(path)", errno: errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        if mark.journalLength < headerSize {
            var header = ByteWriter()
            header.bytes.append(contentsOf: magic)
            header.fixed32(SavedState.formatVersion)
            header.fixed64(mark.base)
            bytes = header.bytes
        }
        bytes.append(contentsOf: record)
        let offset = mark.journalLength < headerSize ? 0 : mark.journalLength
        guard ftruncate(fd, off_t(offset)) == 0 else { throw GitError.durability("truncate \(path)", errno: errno) }
        var written = 0
        try bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = pwrite(fd, buffer.baseAddress! + written, buffer.count - written, off_t(offset + written))
                if result < 0 {
                    if errno == EINTR { continue }
                    throw GitError.durability("write \(path)", errno: errno)
                }
                written += result
            }
        }
        guard fdatasync(fd) == 0 else { throw GitError.durability("fdatasync \(path)", errno: errno) }
    }

    /// Applies the journal's whole records for base `base` to `contents`; returns the length of
    /// the journal they span (0 when there is none to continue: missing, other base, damaged header).
    static func replay(gitDirectory: String, base: UInt64, onto contents: inout SavedState.Contents) -> Int {
        guard let data = FileManager.default.contents(atPath: file(gitDirectory: gitDirectory)) else { return 0 }
        let bytes = Array(data)
        return bytes.withUnsafeBytes { raw -> Int in
            guard raw.count >= headerSize, Array(raw[0..<8]) == magic else { return 0 }
            var reader = ByteReader(raw, from: 8)
            guard (try? reader.fixed32()) == SavedState.formatVersion, (try? reader.fixed64()) == base else { return 0 }
            var end = headerSize
            while raw.count - end >= recordHeaderSize {
                var frame = ByteReader(raw, from: end)
                guard let length = try? frame.fixed64(), let crc = try? frame.fixed32(),
                      length <= UInt64(raw.count - end - recordHeaderSize) else { break }
                let start = end + recordHeaderSize
                let payload = UnsafeRawBufferPointer(rebasing: raw[start..<start + Int(length)])
                guard Checksum.crc32(payload) == crc else { break }
                var record = ByteReader(raw, from: start, to: start + Int(length))
                guard let applied = try? apply(&record, to: contents) else { break }
                contents = applied
                end = start + Int(length)
            }
            return end
        }
    }

    private static func apply(_ reader: inout ByteReader, to contents: SavedState.Contents) throws -> SavedState.Contents {
        var next = try reader.head()
        next.published = contents.published
        for _ in 0..<(try reader.count()) {
            let (key, entry) = try reader.published()
            next.published[key] = entry
        }
        for _ in 0..<(try reader.count()) {
            next.published[try reader.key()] = nil
        }
        guard reader.isAtEnd else { throw SavedIndexError(description: "a journal record has trailing bytes") }
        return next
    }
}
