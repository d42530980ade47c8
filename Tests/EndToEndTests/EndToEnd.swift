import Testing

/// The end-to-end suites, one at a time: each starts five services and a PostgreSQL of its own,
/// and the 2-core machines that run `scripts/test` run every other suite at the same time.
@Suite("End to end", .serialized)
enum EndToEnd {}
