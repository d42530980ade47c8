import Foundation
import JobQueue

/// Typed reads from environment variables, each failure naming its key.
public struct EnvironmentReader: Sendable {
    let environment: [String: String]

    /// Reads from these variables.
    public init(_ environment: [String: String]) { self.environment = environment }

    /// A value that must be present and not empty.
    public func required(_ key: String) throws(ConfigurationError) -> String {
        guard let value = environment[key], !value.isEmpty else {
            throw ConfigurationError(key: key, problem: "is required")
        }
        return value
    }

    /// A value, or the default when unset or empty.
    public func string(_ key: String, default fallback: String) -> String {
        guard let value = environment[key], !value.isEmpty else { return fallback }
        return value
    }

    /// A whole number within a range.
    public func integer(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let text = environment[key], !text.isEmpty else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(key: key, problem: "must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }

    /// An http(s) URL without a trailing slash.
    public func url(_ key: String, default fallback: String) throws(ConfigurationError) -> String {
        let text = string(key, default: fallback)
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ConfigurationError(key: key, problem: "must be an http or https URL, got '\(text)'")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// An IANA time zone such as `Asia/Shanghai`.
    public func timeZone(_ key: String, default fallback: String) throws(ConfigurationError) -> TimeZone {
        let name = string(key, default: fallback)
        guard let zone = TimeZone(identifier: name) else {
            throw ConfigurationError(key: key, problem: "must be an IANA time zone such as Asia/Shanghai, got '\(name)'")
        }
        return zone
    }

    /// A five-field cron expression, read in `timeZone`.
    public func cron(_ key: String, default fallback: String, timeZone: TimeZone) throws(ConfigurationError) -> CronSchedule {
        let expression = string(key, default: fallback)
        do {
            return try CronSchedule(expression, timeZone: timeZone)
        } catch {
            throw ConfigurationError(key: key, problem: "must be a five-field cron expression, got '\(expression)' (\(error))")
        }
    }

    /// A boolean written `true`/`false`/`1`/`0`.
    public func bool(_ key: String, default fallback: Bool) throws(ConfigurationError) -> Bool {
        guard let text = environment[key], !text.isEmpty else { return fallback }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ConfigurationError(key: key, problem: "must be true or false, got '\(text)'")
        }
    }
}
