import CLibPQ

/// A transaction's isolation level.
public enum PostgresIsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension PostgresConnection {
    /// Runs `body` inside a transaction: committed if it returns, rolled back if it throws.
    ///
    /// `body` receives the connection isolated, so its statements run without hops:
    ///
    /// ```swift
    /// try await connection.withTransaction { tx in
    ///     try tx.execute("UPDATE …")
    ///     try queue.enqueue(job, on: tx)
    /// }
    /// ```
    /// - Parameters:
    ///   - isolation: the isolation level; `nil` uses the session default (read committed).
    ///   - readOnly: start a read-only transaction.
    @discardableResult
    public func withTransaction<T: Sendable>(
        isolation: PostgresIsolationLevel? = nil,
        readOnly: Bool = false,
        _ body: @Sendable (isolated PostgresConnection) async throws -> T
    ) async throws -> T {
        var begin = "BEGIN"
        if let isolation { begin += " ISOLATION LEVEL \(isolation.rawValue)" }
        if readOnly { begin += " READ ONLY" }
        try executeScript(begin)
        let value: T
        do {
            value = try await body(self)
        } catch {
            rollbackAfterFailure()
            throw error
        }
        do {
            // A transaction whose statement failed (and whose error `body` swallowed) would turn
            // COMMIT into a silent ROLLBACK: report it instead.
            if try transactionFailed() {
                throw PostgresError(code: .unexpectedResult, reason: "the transaction was aborted by an earlier error")
            }
            try executeScript("COMMIT")
        } catch {
            rollbackAfterFailure()
            throw error
        }
        return value
    }

    private func transactionFailed() throws -> Bool {
        PQtransactionStatus(try requireHandle()) == PQTRANS_INERROR
    }

    /// Rolls back after a failure; if even that fails the session is unusable.
    private func rollbackAfterFailure() {
        guard !isBroken else { return }
        do {
            try executeScript("ROLLBACK")
        } catch {
            markBroken()
        }
    }
}
