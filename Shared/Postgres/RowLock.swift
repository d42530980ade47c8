/// A row-locking clause of a `SELECT`, spelled in one place so statements never carry it as a loose string.
///
/// Interpolate it into ``SQL`` directly (`"… LIMIT 1 \(RowLock.updateSkipLocked)"`); it adds text, never a bind.
public enum RowLock: Sendable, Hashable, CaseIterable {
    /// `FOR UPDATE`: the row is about to change or be deleted; waits for other lockers.
    case update
    /// `FOR UPDATE SKIP LOCKED`: claim a row nobody else holds, passing over those that are held.
    case updateSkipLocked
    /// `FOR NO KEY UPDATE`: the row changes, but not its key (does not block `FOR KEY SHARE`).
    case noKeyUpdate
    /// `FOR SHARE`: the row must not change until commit.
    case share
    /// `FOR KEY SHARE`: the row must not be deleted nor its key changed (what a foreign key takes).
    case keyShare

    /// The clause's SQL text.
    public var sql: String {
        switch self {
        case .update: "FOR UPDATE"
        case .updateSkipLocked: "FOR UPDATE SKIP LOCKED"
        case .noKeyUpdate: "FOR NO KEY UPDATE"
        case .share: "FOR SHARE"
        case .keyShare: "FOR KEY SHARE"
        }
    }
}

extension SQL.StringInterpolation {
    /// Appends a row-locking clause.
    public mutating func appendInterpolation(_ lock: RowLock) { appendInterpolation(unescaped: lock.sql) }

    /// Appends a row-locking clause, or nothing.
    public mutating func appendInterpolation(_ lock: RowLock?) { if let lock { appendInterpolation(unescaped: lock.sql) } }
}
