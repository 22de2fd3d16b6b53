/// A broken property: libFuzzer sees the trap as a crash and saves the input.
public func fail(_ message: String, file: StaticString = #file, line: UInt = #line) -> Never {
    fatalError(message, file: file, line: line)
}

public func check(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
    if !condition { fail(message(), file: file, line: line) }
}
