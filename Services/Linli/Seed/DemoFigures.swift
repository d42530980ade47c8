/// What the demo city holds, counted: the plan the seed checks itself against, and what it reports.
struct DemoFigures: Equatable, Sendable {
    var compounds = 0
    var residents = 0
    var themes = 0
    var activities = 0
    var registrations = 0
    var attendances = 0
    var cancellations = 0
    var concerns = 0
    var settled = 0
    var councils = 0
    var decisions = 0

    /// The figures by name, in a fixed order.
    var named: [(name: String, value: Int)] {
        [
            ("compounds", compounds), ("residents", residents), ("themes", themes), ("activities", activities),
            ("registrations", registrations), ("attendances", attendances), ("cancellations", cancellations),
            ("concerns", concerns), ("settled", settled), ("councils", councils), ("decisions", decisions),
        ]
    }

    /// `compounds=20 residents=1440 …`: the form the seed prints its plan and totals in (the end-to-end test reads it).
    var line: String { named.map { "\($0.name)=\($0.value)" }.joined(separator: " ") }

    /// The figures that differ from `expected`, as `registrations 180 (planned 200)`.
    func differences(from expected: DemoFigures) -> [String] {
        zip(named, expected.named).compactMap { mine, planned in
            mine.value == planned.value ? nil : "\(mine.name) \(mine.value) (planned \(planned.value))"
        }
    }
}
