/// `diff -u` / `git diff` output for two versions of one text file, computed with Myers'
/// O(ND) algorithm so that a small edit of a long document costs little.
public enum UnifiedDiff {
    /// nil bytes: the file does not exist on that side (shown as /dev/null). Empty when equal.
    public static func make(old: [UInt8]?, new: [UInt8]?, oldPath: String, newPath: String, context: Int = 3) -> String {
        if old == new { return "" }
        let a = Lines(old ?? []), b = Lines(new ?? [])
        let edits = script(a.lines, b.lines)
        var output = "--- \(old == nil ? "/dev/null" : "a/" + oldPath)\n+++ \(new == nil ? "/dev/null" : "b/" + newPath)\n"
        for hunk in hunks(edits, context: context) {
            output += header(hunk, edits: edits)
            for edit in edits[hunk] {
                switch edit.kind {
                case .equal: output += line(" ", a, edit.old)
                case .delete: output += line("-", a, edit.old)
                case .insert: output += line("+", b, edit.new)
                }
            }
        }
        return output
    }

    struct Edit {
        enum Kind { case equal, delete, insert }
        var kind: Kind
        /// Line positions before this edit is applied (the edited line's index for its side).
        var old: Int
        var new: Int
    }

    /// A file split into lines, remembering whether the last one ended with a newline.
    struct Lines {
        var lines: [Substring] = []
        var lastHasNewline = true

        init(_ bytes: [UInt8]) {
            let text = String(decoding: bytes, as: UTF8.self)
            guard !text.isEmpty else { return }
            lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() } else { lastHasNewline = false }
        }
    }

    private static func line(_ mark: String, _ side: Lines, _ index: Int) -> String {
        let missingNewline = index == side.lines.count - 1 && !side.lastHasNewline
        return mark + side.lines[index] + "\n" + (missingNewline ? "\\ No newline at end of file\n" : "")
    }

    /// Beyond this many differing lines the shortest script is not worth its memory:
    /// the changed middle is shown as removed and re-added.
    static let maximumDistance = 4000

    static func script(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var edits = (0..<prefix).map { Edit(kind: .equal, old: $0, new: $0) }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])
        let middle = myers(middleA, middleB) ?? (
            middleA.indices.map { Edit(kind: .delete, old: $0, new: 0) } + middleB.indices.map { Edit(kind: .insert, old: middleA.count, new: $0) })
        edits += middle.map { Edit(kind: $0.kind, old: $0.old + prefix, new: $0.new + prefix) }
        edits += (0..<suffix).map { Edit(kind: .equal, old: a.count - suffix + $0, new: b.count - suffix + $0) }
        return edits
    }

    /// The shortest edit script, or nil when it is longer than `maximumDistance`.
    private static func myers(_ a: [Substring], _ b: [Substring]) -> [Edit]? {
        let n = a.count, m = b.count
        let limit = min(n + m, maximumDistance)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { found = true; break search }
            }
        }
        guard found else { return nil }
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let row = trace[d]
            func at(_ k: Int) -> Int { row[k + d] }
            let k = x - y
            let previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : at(previousK)
            let previousY = d == 0 ? 0 : previousX - previousK
            while x > previousX, y > previousY {
                x -= 1; y -= 1
                edits.append(Edit(kind: .equal, old: x, new: y))
            }
            if d > 0 {
                if x == previousX { edits.append(Edit(kind: .insert, old: x, new: y - 1)) } else { edits.append(Edit(kind: .delete, old: x - 1, new: y)) }
            }
            x = previousX; y = previousY
        }
        return edits.reversed()
    }

    /// Ranges of the script to print: each change with `context` equal lines around it,
    /// neighbouring changes sharing one hunk when their contexts touch.
    private static func hunks(_ edits: [Edit], context: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for index in edits.indices where edits[index].kind != .equal {
            let start = max(0, index - context), end = min(edits.count, index + context + 1)
            if let last = result.last, last.upperBound >= start {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, end)
            } else {
                result.append(start..<end)
            }
        }
        return result
    }

    private static func header(_ hunk: Range<Int>, edits: [Edit]) -> String {
        let slice = edits[hunk]
        let oldCount = slice.filter { $0.kind != .insert }.count
        let newCount = slice.filter { $0.kind != .delete }.count
        let first = edits[hunk.lowerBound]
        // An empty side names the line after which the other side's lines go (diff -u's rule).
        func range(_ start: Int, _ count: Int) -> String {
            let line = count == 0 ? start : start + 1
            return count == 1 ? "\(line)" : "\(line),\(count)"
        }
        return "@@ -\(range(first.old, oldCount)) +\(range(first.new, newCount)) @@\n"
    }
}
