import ArgumentParser

// `stdout` is a C global; nothing else writes to it concurrently while main sets its buffering.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Starts `linli-bench` with its output flushed line by line.
@main
enum Entrypoint {
    static func main() async {
        // stdout into a pipe (scripts/bench, CI logs, `| tee`) is block-buffered: a long benchmark's
        // progress lines would arrive minutes late, all at once. Flush at each newline instead.
        setvbuf(stdout, nil, _IOLBF, 0)
        await Bench.main()
    }
}
