import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension EventConsumers {
    func registerRegistry(on worker: JobWorker) {
        consume(ResidentRegistered.self, on: worker) { event, tx in
            let placeID = try places.id(for: event.placement, on: tx)
            let year = buckets.calendar.component(.year, from: event.registeredAt)
            let fact = Fact(
                kind: ResidentRegistered.topic,
                sourceID: event.residentID,
                variant: event.revision,
                occurredAt: event.registeredAt,
                recordedAt: event.registeredAt,
                placeID: placeID,
                buildingID: event.placement.buildingID,
                householdID: event.placement.householdID,
                residentID: event.residentID,
                ageBand: AgeBand.of(birthYear: event.birthYear, in: year)
            )
            guard try FactWriter.insert(fact, on: tx) else { return }
            let previous = try tx.query("SELECT place_id FROM analytics.residents WHERE resident_id = \(event.residentID)").scalar(Int?.self) ?? nil
            try tx.execute(
                """
                INSERT INTO analytics.residents AS r (resident_id, birth_year, place_id, household_id, revision)
                VALUES (\(event.residentID), \(event.birthYear), \(placeID), \(event.placement.householdID), \(event.revision))
                ON CONFLICT (resident_id) DO UPDATE SET birth_year = EXCLUDED.birth_year, place_id = EXCLUDED.place_id,
                    household_id = EXCLUDED.household_id, revision = EXCLUDED.revision
                WHERE r.revision < EXCLUDED.revision
                """
            )
            try PlaceState.recompute(Array(Set([placeID] + (previous.map { [$0] } ?? []))), on: tx)
        }
        consume(ResidentChanged.self, on: worker) { event, tx in
            // Names and phones are not analytics' business: only that something changed is kept.
            let placeID = try places.residentPlace(event.residentID, on: tx) ?? 0
            let now = clock.now()
            _ = try FactWriter.insert(
                Fact(
                    kind: ResidentChanged.topic,
                    sourceID: event.residentID,
                    variant: event.revision,
                    occurredAt: now,
                    recordedAt: now,
                    placeID: placeID,
                    residentID: event.residentID
                ),
                on: tx
            )
        }
        consume(ResidentMoved.self, on: worker) { event, tx in
            let fromPlace = try places.id(for: event.from, on: tx)
            let toPlace = try event.to.map { try places.id(for: $0, on: tx) }
            let fact = Fact(
                kind: ResidentMoved.topic,
                sourceID: event.residentID,
                variant: event.revision,
                occurredAt: event.movedAt,
                recordedAt: event.movedAt,
                placeID: fromPlace,
                buildingID: event.from.buildingID,
                householdID: event.from.householdID,
                residentID: event.residentID
            )
            guard try FactWriter.insert(fact, on: tx) else { return }
            let current = try tx.query("SELECT place_id FROM analytics.residents WHERE resident_id = \(event.residentID)").scalar(Int?.self) ?? nil
            try tx.execute(
                """
                INSERT INTO analytics.residents AS r (resident_id, place_id, household_id, revision)
                VALUES (\(event.residentID), \(toPlace), \(event.to?.householdID), \(event.revision))
                ON CONFLICT (resident_id) DO UPDATE SET place_id = EXCLUDED.place_id, household_id = EXCLUDED.household_id,
                    revision = EXCLUDED.revision
                WHERE r.revision < EXCLUDED.revision
                """
            )
            try PlaceState.recompute(Array(Set([fromPlace] + [toPlace, current].compactMap { $0 })), on: tx)
        }
        consume(HouseholdChanged.self, on: worker) { event, tx in
            let placeID = try places.id(for: event.placement, on: tx)
            let now = clock.now()
            let fact = Fact(
                kind: HouseholdChanged.topic,
                sourceID: event.householdID,
                variant: event.revision,
                occurredAt: now,
                recordedAt: now,
                placeID: placeID,
                buildingID: event.placement.buildingID,
                householdID: event.householdID
            )
            guard try FactWriter.insert(fact, on: tx) else { return }
            try lockProjected(.households, [event.householdID], on: tx)
            let previous = try tx.query("SELECT place_id FROM analytics.households WHERE household_id = \(event.householdID)").scalar(Int.self)
            try tx.execute(
                """
                INSERT INTO analytics.households AS h (household_id, place_id, dissolved, revision)
                VALUES (\(event.householdID), \(placeID), \(event.dissolved), \(event.revision))
                ON CONFLICT (household_id) DO UPDATE SET place_id = EXCLUDED.place_id, dissolved = EXCLUDED.dissolved,
                    revision = EXCLUDED.revision
                WHERE h.revision < EXCLUDED.revision
                """
            )
            try PlaceState.recompute(Array(Set([placeID] + (previous.map { [$0] } ?? []))), on: tx)
        }
        consume(CompoundChanged.self, on: worker) { event, tx in
            let placeID = try places.id(
                for: Places.Key(compoundID: event.compoundID, gridID: event.gridIDs.first ?? 0, areaPath: event.areaPath),
                on: tx
            )
            let now = clock.now()
            let fact = Fact(
                kind: CompoundChanged.topic,
                sourceID: event.compoundID,
                variant: event.revision,
                occurredAt: now,
                recordedAt: now,
                placeID: placeID
            )
            guard try FactWriter.insert(fact, on: tx) else { return }
            try lockProjected(.compounds, [event.compoundID], on: tx)
            let previous = try tx.query("SELECT place_id FROM analytics.compounds WHERE compound_id = \(event.compoundID)").scalar(Int.self)
            try tx.execute(
                """
                INSERT INTO analytics.compounds AS c (compound_id, name, place_id, has_party_branch, has_owners_committee,
                    has_property_company, revision)
                VALUES (\(event.compoundID), \(event.name), \(placeID), \(event.hasPartyBranch), \(event.hasOwnersCommittee),
                    \(event.hasPropertyCompany), \(event.revision))
                ON CONFLICT (compound_id) DO UPDATE SET name = EXCLUDED.name, place_id = EXCLUDED.place_id,
                    has_party_branch = EXCLUDED.has_party_branch, has_owners_committee = EXCLUDED.has_owners_committee,
                    has_property_company = EXCLUDED.has_property_company, revision = EXCLUDED.revision
                WHERE c.revision < EXCLUDED.revision
                """
            )
            try PlaceState.recompute(Array(Set([placeID] + (previous.map { [$0] } ?? []))), on: tx)
        }
        registerHeadsAndChats(on: worker)
    }
}
