import Foundation

/// Whole-file writes that a reader (or a crash) never sees half done: a temporary file in the
/// same folder, then a rename. Foundation's `.atomic` option is not used because on Linux it
/// stages through a fresh folder in /tmp and leaves that folder behind on every write.
public enum AtomicFile {
    /// `temporaryPrefix`: how the temporary file is named until the rename (loose objects use
    /// git's `tmp_obj_`, which `git gc` and `quire doctor` know as left-overs of a crash).
    public static func write(
        _ bytes: some Collection<UInt8>, to path: String, permissions: mode_t = 0o644, temporaryPrefix: String = ".quire-tmp-"
    ) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array((folder + "/" + temporaryPrefix + "XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw GitError.durability("mkstemp in \(folder)", errno: errno) }
        let temporary = String(cString: template)
        let contents = Array(bytes)
        var written = 0
        var failure: Int32?
        contents.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += result
            }
        }
        fchmod(fd, permissions)
        close(fd)
        if let failure {
            unlink(temporary)
            throw GitError.durability("write \(temporary)", errno: failure)
        }
        guard rename(temporary, path) == 0 else {
            let error = errno
            unlink(temporary)
            throw GitError.durability("rename to \(path)", errno: error)
        }
    }
}
