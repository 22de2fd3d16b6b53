/// Something wrong in a file of the site: reported by `quire validate`, logged by the server.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    /// Repository-relative path, e.g. `content/en/article/hello.yaml`.
    public var path: String
    /// 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): \(message)" }
}
