import Foundation

/// Where the `linli` commands write their lines. Each line is written at once (a `write(2)` of the
/// whole line), not left in stdio's buffer: stdout to a pipe or a file is block-buffered, so `print`
/// alone shows a long command's progress only when it ends, or never if it is killed.
struct Console: Sendable {
    /// Whether stdout is a terminal (then a step's updates may overwrite one line).
    let isTerminal: Bool

    /// The process's stdout and stderr.
    init() { isTerminal = isatty(STDOUT_FILENO) == 1 }

    /// Writes `text` and a newline to stdout.
    func line(_ text: String) { write(text + "\n") }

    /// Writes `text` as it is to stdout (no newline added).
    func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    /// Writes `text` and a newline to stderr.
    func error(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}
