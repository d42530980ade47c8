import ServiceKit

extension FieldChecks {
    /// Refuses with every problem found (422 naming each field), for desks that throw ``Refusal``.
    func refuseIfAny() throws {
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
    }
}
