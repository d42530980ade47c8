import Foundation

extension CalendarSeeder {
    /// A past occurrence: a few walk-ins registered at the door and checked in by their code, a paper roster
    /// for the rest (two of them volunteers), and the closing report.
    func recordAttendance(_ occurrence: Occurrence, compound: Int) async throws -> Figures {
        var figures = Figures()
        let residents = city.residents[compound] ?? []
        let count = DemoCity.attendees(compound: occurrence.index, month: occurrence.month, residents: residents.count)
        let offset = (occurrence.month * 11) % max(residents.count - count, 1)
        let present = Array(residents[offset..<(offset + count)])
        for resident in present.prefix(DemoCity.walkIns) {
            let registration = try await calendar.eventually(
                "POST",
                occurrence.path + "/registrations",
                json: #"{"residentID":\#(resident.id),"channel":"walk-in"}"#
            )
            guard let code = registration["checkInCode"] as? String else {
                throw calendar.failure("POST", occurrence.path + "/registrations", "answered a registration without a check-in code")
            }
            try await calendar.send("POST", occurrence.path + "/check-ins", json: #"{"code":"\#(code.lowercased())"}"#)
            figures.registrations += 1
        }
        let entries = present.dropFirst(DemoCity.walkIns).enumerated().map { position, resident in
            position < 2
                ? #"{"residentID":\#(resident.id),"volunteerRole":"引导","volunteerHours":2}"#
                : #"{"residentID":\#(resident.id)}"#
        }
        try await calendar.eventually("POST", occurrence.path + "/roster", json: #"{"entries":[\#(entries.joined(separator: ","))]}"#)
        try await calendar.send("PUT", occurrence.path + "/report", json: #"{"notes":"活动顺利开展，居民反响良好。"}"#)
        figures.attendances += present.count
        return figures
    }

    /// A coming occurrence: residents sign themselves up, a neighbour head signs up households they cover
    /// (proxy), and every other compound has one resident cancel.
    func takeSignUps(_ occurrence: Occurrence, compound: Int) async throws -> Figures {
        var figures = Figures()
        let residents = city.residents[compound] ?? []
        var registered: Set<Int> = []
        var firstSelf: (registration: Int, token: String)?
        for resident in residents.dropFirst(10 + occurrence.month % 5).prefix(DemoCity.selfSignUps) {
            let token = try await tokens.resident(resident)
            let answer = try await calendar.with(token: token).eventually(
                "POST",
                occurrence.path + "/registrations",
                json: #"{"residentID":\#(resident.id)}"#
            )
            if firstSelf == nil, let id = answer["id"] as? Int { firstSelf = (id, token) }
            registered.insert(resident.id)
            figures.registrations += 1
        }
        if let head = city.heads[compound]?.first {
            let token = try await tokens.head(head)
            let covered = Set(head.householdIDs)
            let household = residents.filter { covered.contains($0.householdID) && $0.id != head.residentID && !registered.contains($0.id) }
            for resident in household.prefix(DemoCity.proxySignUps) {
                try await calendar.with(token: token).eventually(
                    "POST",
                    occurrence.path + "/registrations",
                    json: #"{"residentID":\#(resident.id)}"#
                )
                figures.registrations += 1
            }
        }
        if DemoCity.cancelsOne(compound: occurrence.index), let firstSelf {
            try await calendar.with(token: firstSelf.token).send("POST", "/v1/registrations/\(firstSelf.registration)/cancel")
            figures.cancellations += 1
        }
        return figures
    }
}
