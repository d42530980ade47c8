import CLibPQ

/// Identifies a prepared statement: the same text with other parameter types is another statement.
struct PreparedKey: Hashable {
    let text: String
    let types: [UInt32]
}

extension PostgresConnection {
    /// How many prepared statements a session keeps before it deallocates the oldest.
    static let preparedStatementLimit = 256

    /// Runs one statement and returns its rows.
    /// - Parameters:
    ///   - sql: the statement; interpolated values are bound as parameters.
    ///   - prepared: prepare the statement once per session and reuse its plan (for hot statements).
    /// - Throws: ``PostgresError``; after a `connectionLost` the connection is not reused.
    public func query(_ sql: SQL, prepared: Bool = false) throws -> PostgresResult {
        let handle = try requireHandle()
        if let invalid = sql.bindings.invalidParameter {
            throw PostgresError(code: .invalidParameter, reason: "parameter $\(invalid) cannot be encoded")
        }
        let raw: OpaquePointer?
        if prepared {
            let name = try preparedName(for: sql, handle: handle)
            raw = sql.bindings.withLibpqArrays { _, values, lengths, formats in
                PQexecPrepared(handle, name, Int32(sql.bindings.count), values, lengths, formats, 1)
            }
        } else {
            raw = sql.bindings.withLibpqArrays { types, values, lengths, formats in
                PQexecParams(handle, sql.text, Int32(sql.bindings.count), types, values, lengths, formats, 1)
            }
        }
        do {
            return try checked(raw, expecting: [PGRES_TUPLES_OK, PGRES_COMMAND_OK])
        } catch var error as PostgresError {
            error.statement = sql.summary
            throw error
        }
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: SQL, prepared: Bool = false) throws -> Int {
        try query(sql, prepared: prepared).affectedRows
    }

    /// Runs a script of one or more statements without parameters (the simple query protocol), as migrations need.
    public func executeScript(_ script: String) throws {
        let handle = try requireHandle()
        _ = try checked(PQexec(handle, script), expecting: [PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY])
    }

    /// Wraps a libpq result, or throws its error (freeing it).
    func checked(_ raw: OpaquePointer?, expecting statuses: [ExecStatusType]) throws -> PostgresResult {
        guard let raw else { throw makeError(from: nil) }
        let status = PQresultStatus(raw)
        guard statuses.contains(status) else {
            let error =
                status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR
                ? makeError(from: raw)
                : PostgresError(code: .unexpectedResult, reason: "unexpected result status \(status.rawValue)")
            PQclear(raw)
            throw error
        }
        return PostgresResult(raw)
    }

    private func preparedName(for sql: SQL, handle: OpaquePointer) throws -> String {
        let key = PreparedKey(text: sql.text, types: sql.bindings.parameters.map(\.type.oid))
        if let name = preparedStatements[key] { return name }
        if preparedOrder.count >= Self.preparedStatementLimit {
            let oldest = preparedOrder.removeFirst()
            if let name = preparedStatements.removeValue(forKey: oldest) {
                try execute(SQL(unsafeSQL: "DEALLOCATE \"\(name)\""))
            }
        }
        nextPreparedNumber += 1
        let name = "linli_\(nextPreparedNumber)"
        let raw = key.types.withUnsafeBufferPointer { types in
            PQprepare(handle, name, sql.text, Int32(key.types.count), types.baseAddress)
        }
        _ = try checked(raw, expecting: [PGRES_COMMAND_OK])
        preparedStatements[key] = name
        preparedOrder.append(key)
        return name
    }
}
