import Foundation

/// A child process started with `posix_spawn`: test clusters, worker processes in fault tests, pgbench in benchmarks.
///
/// `Foundation.Process` can hang after `pg_ctl start`, whose daemon inherits the test's pipes; here
/// the child's output goes to a file and every descriptor above stderr is closed in the child.
public struct ChildProcess: Sendable {
    /// The child's process id.
    public let pid: pid_t

    /// Starts a program.
    /// - Parameters:
    ///   - executable: an absolute path.
    ///   - arguments: the arguments after the program name.
    ///   - environment: extra variables on top of this process's environment.
    ///   - outputPath: where stdout and stderr go.
    ///   - newSession: start the child in a session of its own, so signals to the test's process group miss it.
    public static func spawn(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        outputPath: String = "/dev/null",
        newSession: Bool = false
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        closeInheritedDescriptors(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The spawning thread may be one of Dispatch's, which block signals: give the child an empty
        // mask and default handlers, or a program relying on SIGALRM (pgbench -T) never stops.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if newSession { flags |= Int16(0x80) }  // POSIX_SPAWN_SETSID
        posix_spawnattr_setflags(&attributes, flags)

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw ChildProcessError(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return ChildProcess(pid: pid)
    }

    /// Runs a program to completion and returns its exit status and output.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:]
    ) async throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("linli-child-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let child = try spawn(executable, arguments, environment: environment, outputPath: outputPath)
        let status = await child.wait()
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (status, output)
    }

    /// Waits for the child to end, on a thread of its own (never blocking the cooperative pool).
    /// - Returns: the exit status, or 128 + the signal number if a signal ended it.
    public func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let pid = self.pid
            let thread = Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
            }
            thread.start()
        }
    }

    /// Sends a signal (e.g. `SIGKILL`, `SIGTERM`).
    public func send(_ signal: Int32) { kill(pid, signal) }

    /// Whether the process still exists (it may be a zombie not yet waited for).
    public var isRunning: Bool { kill(pid, 0) == 0 }
}

/// Asks the child to close every descriptor above stderr (glibc's `posix_spawn_file_actions_addclosefrom_np`,
/// looked up at run time because Swift's Glibc module does not declare it).
private func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
    _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
}

/// A program could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let description: String
}
