import ServiceKit

extension FieldChecks {
    /// Refuses with every problem gathered, if any: the desk's form of `check()`, which throws the
    /// domain's ``Refusal`` rather than an HTTP error.
    func refuseIfAny() throws {
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
    }
}
