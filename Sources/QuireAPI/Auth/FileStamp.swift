// `stat` is declared by several C modules on Linux, and which one the compiler credits with it
// changes between debug and release builds (MemberImportVisibility): import each of them.
#if canImport(CoreFoundation)
import CoreFoundation
#endif
#if canImport(CDispatch)
import CDispatch
#endif
#if canImport(Glibc)
import Glibc
#endif
#if canImport(CVips)
import CVips
#endif
import Foundation

extension Authenticator {
    /// When and what the token file last was. One `stat` call: Foundation's `attributesOfItem`
    /// also looks up the owner's name and group, which cost more than the rest of a read.
    struct FileStamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            #if canImport(Darwin)
            (seconds, nanoseconds) = (info.st_mtimespec.tv_sec, info.st_mtimespec.tv_nsec)
            #else
            (seconds, nanoseconds) = (info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
            #endif
            size = Int64(info.st_size)
            inode = UInt64(info.st_ino)
        }
    }
}
