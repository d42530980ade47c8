/// How big a generated city is.
public struct CityScale: Sendable {
    public var districts: Int
    public var compounds: Int
    public var households: Int
    public var residents: Int
    /// Months of activity, ending with the month before `end`.
    public var months: Int
    public var attendances: Int
    /// The seed of the deterministic random numbers.
    public var seed: UInt64

    /// Creates a scale.
    public init(districts: Int, compounds: Int, households: Int, residents: Int, months: Int, attendances: Int, seed: UInt64 = 42) {
        self.districts = max(1, districts)
        self.compounds = max(1, compounds)
        self.households = max(compounds, households)
        self.residents = max(households, residents)
        self.months = max(1, months)
        self.attendances = attendances
        self.seed = seed
    }

    /// A few compounds and a few hundred attendances: what tests compute by hand.
    public static let small = CityScale(districts: 2, compounds: 4, households: 40, residents: 90, months: 3, attendances: 500, seed: 7)
    /// Zhuzhou's scale: 1,075 compounds, 400,000 households, 1,000,000 residents, 10,000,000 attendances.
    public static let city = CityScale(
        districts: 9,
        compounds: 1_075,
        households: 400_000,
        residents: 1_000_000,
        months: 12,
        attendances: 10_000_000
    )
}

/// SplitMix64: small, fast, and the same sequence on every platform for a seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from a seed.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
