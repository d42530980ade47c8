import Foundation
import Models

extension City {
    /// A generated event with the time it happened, for ordering.
    public struct TimedEvent: Sendable {
        public let at: Date
        public let event: any DomainEvent
    }

    /// The city's events in phases to publish one after another: the registry's state, themes and
    /// activities first; then what happened before the move, the move, and what happened after.
    /// (Within a phase the queue delivers in any order; across phases in order.)
    public func eventPhases() -> [[any DomainEvent]] {
        let timed = timedEvents().sorted { $0.at < $1.at }
        guard let move = moves.first else { return [stateEvents(), timed.map(\.event)] }
        let before = timed.filter { $0.at < move.at }.map(\.event)
        let after = timed.filter { $0.at >= move.at }.map(\.event)
        let moved = ResidentMoved(
            residentID: move.residentID,
            from: placement(of: move.residentID, at: move.at.addingTimeInterval(-1)),
            to: placement(household: move.toHouseholdID),
            movedAt: move.at,
            revision: 2
        )
        return [stateEvents(), before, [moved], after]
    }

    /// Compounds, households, residents, heads, group chats, themes and activities.
    public func stateEvents() -> [any DomainEvent] {
        var events: [any DomainEvent] = compounds.map { compound in
            CompoundChanged(
                compoundID: compound.id,
                name: compound.name,
                areaPath: compound.areaPath,
                gridIDs: [compound.gridID],
                hasPartyBranch: compound.hasBranch,
                hasOwnersCommittee: compound.id % 2 == 0,
                hasPropertyCompany: true,
                hasRedProperty: false,
                revision: 1
            )
        }
        var members: [Int: [Int]] = [:]
        for resident in residents { members[resident.householdID, default: []].append(resident.id) }
        events += households.map { household in
            HouseholdChanged(
                householdID: household.id,
                placement: placement(household: household.id),
                dwelling: "\(household.buildingID % 100)栋",
                memberIDs: members[household.id] ?? [],
                dissolved: false,
                revision: 1
            )
        }
        events += residents.map { resident in
            ResidentRegistered(
                residentID: resident.id,
                name: "居民\(resident.id)",
                phone: nil,
                birthYear: resident.birthYear,
                placement: placement(household: resident.householdID),
                registeredAt: start,
                revision: 1
            )
        }
        for head in heads {
            events.append(
                HeadAssigned(
                    assignmentID: head.assignmentID,
                    level: .neighbour,
                    residentID: head.residentID,
                    compoundID: head.compoundID,
                    unitID: head.assignmentID,
                    householdIDs: head.householdIDs,
                    startsOn: start,
                    endsOn: nil
                )
            )
            if head.vacated {
                events.append(
                    HeadVacated(
                        assignmentID: head.assignmentID,
                        level: .neighbour,
                        residentID: head.residentID,
                        compoundID: head.compoundID,
                        unitID: head.assignmentID,
                        householdIDs: head.householdIDs,
                        endedOn: start.addingTimeInterval(86_400)
                    )
                )
            }
        }
        events += compounds.filter(\.hasGroupChat).map { compound in
            GroupChatChanged(
                compoundID: compound.id,
                chatID: compound.id,
                name: compound.name + "居民群",
                robotWebhook: compound.hasRobot ? "https://qyapi.example/cgi-bin/webhook/send?key=\(compound.id)" : nil,
                revision: 1
            )
        }
        events += themes.map {
            ThemePublished(themeID: $0.id, month: $0.month, title: $0.title, scopeAreaIDs: [1], earnsPoints: true, points: 5, revision: 1)
        }
        events += activities.map { ActivityPublished(activity: summary(of: $0), revision: 1) }
        return events
    }

    func summary(of activity: Activity) -> ActivitySummary {
        let compound = compound(activity.compoundID)
        return ActivitySummary(
            activityID: activity.id,
            compoundID: compound.id,
            areaPath: compound.areaPath,
            themeID: activity.themeID,
            title: activity.themeID.map { themes[$0 - 1].title } ?? "邻里活动",
            venue: "党群服务站",
            startsAt: activity.start,
            endsAt: activity.start.addingTimeInterval(7_200),
            recurrence: nil,
            capacity: nil,
            link: "https://linli.example/a/\(activity.id)",
            points: 5
        )
    }
}
