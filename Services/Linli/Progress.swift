import Synchronization

/// Numbered steps of a long command, each line written at once: `[3/5] calendar: each compound's year`,
/// with the seconds since the start. Updates within a step (`12/20 compounds`) overwrite one line on a
/// terminal and are plain lines otherwise (a pipe, a log file, CI).
final class Progress: Sendable {
    private let console: Console
    private let steps: Int
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    private struct State {
        var step = 0
        /// How many things the current step has done (``advance(of:_:)``).
        var done = 0
        /// An update line on the terminal not yet ended by a newline.
        var openLine = false
    }

    /// Progress of a command of `steps` steps.
    init(steps: Int, console: Console = Console()) {
        self.steps = steps
        self.console = console
    }

    /// The time since the start, as `  42 s`.
    var elapsed: String {
        let seconds = Double((ContinuousClock.now - started).components.seconds)
        return String(Int(seconds.rounded())).leftPadded(to: 4) + " s"
    }

    /// Starts the next step.
    func step(_ title: String) {
        state.withLock { state in
            state.step += 1
            state.done = 0
            let text = "[\(state.step)/\(steps)] \(title)"
            console.write((state.openLine ? "\n" : "") + "[\(elapsed)] \(text)\n")
            state.openLine = false
        }
    }

    /// Reports how far the current step has got.
    func update(_ text: String) {
        state.withLock { state in
            let line = "[\(elapsed)]       \(text)"
            if console.isTerminal {
                console.write("\r\u{1B}[K" + line)
                state.openLine = true
            } else {
                console.write(line + "\n")
            }
        }
    }

    /// Counts one more thing of the current step's `total` done, from any task, and reports it:
    /// every one on a terminal, every tenth of the total (and the last) otherwise, to keep logs short.
    func advance(of total: Int, _ unit: String) {
        let (done, show) = state.withLock { state in
            state.done += 1
            return (state.done, console.isTerminal || state.done == total || state.done % max(total / 10, 1) == 0)
        }
        if show { update("\(done)/\(total) \(unit)") }
    }

    /// Ends an update line left open on the terminal, before something else (an error) is written.
    func close() {
        state.withLock { state in
            if state.openLine { console.write("\n") }
            state.openLine = false
        }
    }

    /// Writes a line of its own (a summary), ending any update line first.
    func line(_ text: String) {
        state.withLock { state in
            console.write((state.openLine ? "\n" : "") + text + "\n")
            state.openLine = false
        }
    }
}

extension String {
    /// The string with spaces in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(width - count, 0)) + self }
}
