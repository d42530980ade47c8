import Foundation

extension CalendarSeeder {
    /// A past occurrence: a few walk-ins registered at the door and checked in by their code, a paper roster
    /// for the rest (two of them volunteers), and the closing report.
    func recordAttendance(_ occurrence: Occurrence, compound: Int) async throws -> Figures {
        var figures = Figures()
        let residents = city.residents[compound] ?? []
        let count = min(8 + (occurrence.index * 7 + occurrence.month * 3) % 15, residents.count - 1)
        let offset = (occurrence.month * 11) % max(residents.count - count, 1)
        let present = Array(residents[offset..<(offset + count)])
        for resident in present.prefix(3) {
            let registration = try await calendar.eventually(
                "POST",
                occurrence.path + "/registrations",
                json: #"{"residentID":\#(resident.id),"channel":"walk-in"}"#
            )
            guard let code = registration["checkInCode"] as? String else { throw APIClient.Failure(description: "a registration without a code") }
            try await calendar.send("POST", occurrence.path + "/check-ins", json: #"{"code":"\#(code.lowercased())"}"#)
            figures.registrations += 1
        }
        let entries = present.dropFirst(3).enumerated().map { position, resident in
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
        for resident in residents.dropFirst(10 + occurrence.month % 5).prefix(6) {
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
            for resident in household.prefix(4) {
                try await calendar.with(token: token).eventually(
                    "POST",
                    occurrence.path + "/registrations",
                    json: #"{"residentID":\#(resident.id)}"#
                )
                figures.registrations += 1
            }
        }
        if occurrence.index % 2 == 0, let firstSelf {
            try await calendar.with(token: firstSelf.token).send("POST", "/v1/registrations/\(firstSelf.registration)/cancel")
            figures.cancellations += 1
        }
        return figures
    }
}
