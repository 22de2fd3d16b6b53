import Foundation
import QuireGit

/// What `quire import` reads: an NDJSON file (one `{type, locale, documentId, data}` per line)
/// or a folder of JSON files (`<type>/*.json` or `<locale>/<type>/*.json`).
public enum ImportInput: Sendable {
    case ndjson(path: String)
    case folder(path: String)

    /// A file is read as NDJSON, a folder as a folder import.
    public static func at(_ path: String) throws -> ImportInput {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ImportFailure.unreadable("\(path): no such file or folder")
        }
        return isFolder.boolValue ? .folder(path: path) : .ndjson(path: path)
    }
}

/// Pieces of the input that are parsed and prepared independently, on every core.
enum ImportUnit: Sendable {
    /// NDJSON lines: 1-based numbers and byte ranges into the whole file.
    case lines(file: [UInt8], lines: [(number: Int, range: Range<Int>)])
    /// Files of a folder import, relative to `root`.
    case files(root: String, paths: [String])

    var itemCount: Int {
        switch self {
        case .lines(_, let lines): lines.count
        case .files(_, let paths): paths.count
        }
    }

    static func split(_ input: ImportInput, linesPerUnit: Int = 2048, filesPerUnit: Int = 32) throws -> [ImportUnit] {
        switch input {
        case .ndjson(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ImportFailure.unreadable("\(path): cannot be read")
            }
            let file = [UInt8](data)
            var lines: [(number: Int, range: Range<Int>)] = []
            var start = 0
            var number = 1
            file.withUnsafeBufferPointer { buffer in
                while start < buffer.count {
                    let end = memchr(buffer.baseAddress! + start, 0x0A, buffer.count - start)
                        .map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - buffer.baseAddress! } ?? buffer.count
                    // Blank lines (a trailing newline, a `\r\n` file's last line) hold nothing.
                    if buffer[start..<end].contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) {
                        lines.append((number, start..<end))
                    }
                    start = end + 1
                    number += 1
                }
            }
            return stride(from: 0, to: lines.count, by: linesPerUnit).map {
                .lines(file: file, lines: Array(lines[$0..<min(lines.count, $0 + linesPerUnit)]))
            }
        case .folder(let root):
            guard let walker = FileManager.default.enumerator(atPath: root) else {
                throw ImportFailure.unreadable("\(root): cannot be read")
            }
            var paths: [String] = []
            while let next = walker.nextObject() as? String {
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: root + "/" + next, isDirectory: &isFolder)
                if !isFolder.boolValue, !next.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { paths.append(next) }
            }
            paths.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return stride(from: 0, to: paths.count, by: filesPerUnit).map {
                .files(root: root, paths: Array(paths[$0..<min(paths.count, $0 + filesPerUnit)]))
            }
        }
    }

    /// Parses and prepares every document of this unit.
    func prepare(with preparer: ImportPreparer) -> (documents: [PreparedDocument], problems: [ImportProblem]) {
        let encoder = PackObjectEncoder()
        var random = SplitMix64()
        var documents: [PreparedDocument] = []
        var problems: [ImportProblem] = []
        func take(_ entry: ImportEntry) {
            switch preparer.prepare(entry, encoder: encoder, random: &random) {
            case .document(let document): documents.append(document)
            case .problems(let more): problems += more
            }
        }
        switch self {
        case .lines(let file, let lines):
            documents.reserveCapacity(lines.count)
            file.withUnsafeBufferPointer { buffer in
                for (number, range) in lines {
                    var parser = JSONParser(bytes: UnsafeBufferPointer(rebasing: buffer[range]))
                    do {
                        let value = try parser.parseDocument()
                        switch ImportEntryReader.entry(line: value, number: number) {
                        case .success(let entry): take(entry)
                        case .failure(let problem): problems.append(problem)
                        }
                    } catch let error as JSONError {
                        problems.append(ImportProblem(.line(number), "JSON syntax error: \(error.reason) (column \(error.offset + 1))"))
                    } catch {
                        problems.append(ImportProblem(.line(number), "\(error)"))
                    }
                }
            }
        case .files(let root, let paths):
            for path in paths {
                let origin = ImportOrigin.file(path, index: nil)
                guard path.hasSuffix(".json") else {
                    problems.append(ImportProblem(origin, "only .json files are imported from a folder"))
                    continue
                }
                guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
                    problems.append(ImportProblem(origin, "cannot be read"))
                    continue
                }
                let bytes = [UInt8](data)
                do {
                    let (entries, fileProblems) = ImportEntryReader.entries(file: try JSON.parse(bytes), relativePath: path)
                    problems += fileProblems
                    entries.forEach(take)
                } catch let error as JSONError {
                    let line = JSON.line(ofOffset: error.offset, in: bytes)
                    problems.append(ImportProblem(origin, "JSON syntax error at line \(line): \(error.reason)"))
                } catch {
                    problems.append(ImportProblem(origin, "\(error)"))
                }
            }
        }
        return (documents, problems)
    }
}
