/// What an occurrence change reaches: this occurrence only (an override), or it and every later one
/// (the series is split).
enum OccurrenceScope: String, Codable, Sendable, CaseIterable {
    case this
    case following
}
