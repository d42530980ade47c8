import Models

extension AttendanceChannel {
    /// The channels a registration may have (`paper` is for attendance entered afterwards only).
    static let registration: [AttendanceChannel] = [.selfService, .proxy, .walkIn]
}
