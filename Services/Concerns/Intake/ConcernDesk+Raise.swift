import Foundation
import JobQueue
import Models
import ServiceKit

extension ConcernDesk {
    /// Raises a concern and publishes `concern.raised` in the same transaction; answers with the
    /// concern and the open ones in the same compound and category that look like it.
    /// - Parameter attachments: photos uploaded from the concern page, checked already, stored in the
    ///   same transaction (a refused concern leaves none behind).
    func raise(_ new: NewConcern, by principal: Principal, requestID: String?, attachments: [PhotoImage] = []) async throws -> RaisedConcern {
        guard principal.has(.admin, .district, .secretary, .head, .resident) else {
            throw Refusal.forbidden("only residents, heads and staff raise concerns")
        }
        var checks = FieldChecks()
        let title = checks.text(new.title, field: "title", max: 100)
        let description = checks.text(new.description, field: "description", required: false, max: 2_000) ?? ""
        checks.choice(new.source, field: "source", in: NewConcern.sources)
        if new.category.range(of: "^[a-z][a-z-]{0,39}$", options: .regularExpression) == nil {
            checks.fail("category", "is not a known category")
        }
        let photos = new.photos ?? []
        if photos.count > 9 { checks.fail("photos", "at most 9 photos") }
        for (index, link) in photos.enumerated() where !Self.isPhotoLink(link) {
            checks.fail("photos[\(index)]", "must be an http or https link of at most 500 characters")
        }
        try checks.check()
        let settings = configuration
        return try await jobs.withTransaction { tx, outbox in
            let viewer = try Viewer.load(principal, now: clock.now(), on: tx)
            let draft = try ConcernIntake.draft(new, title: title ?? "", description: description, photos: photos, viewer: viewer, on: tx)
            guard let record = try ConcernStore.insert(draft, on: tx) else { throw Refusal.invalid("category", "is not a known category") }
            try ConcernPhotoStore.insert(attachments, concern: record.id, on: tx)
            try outbox.publish(ConcernRaised(concern: record.summary), correlationID: requestID, on: tx)
            let duplicates = try ConcernStore.duplicates(
                compoundID: record.compoundID,
                category: record.category,
                titleTerms: SearchTerms.of(record.title),
                allTerms: SearchTerms.of(record.title + "\n" + record.description),
                threshold: settings.duplicateThreshold,
                excluding: record.id,
                reopenWindow: settings.reopenWindow,
                on: tx
            )
            return RaisedConcern(concern: try view(record, viewer: viewer, on: tx), possibleDuplicates: duplicates)
        }
    }

    static func isPhotoLink(_ text: String) -> Bool {
        guard text.count <= 500, let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host != nil else { return false }
        return scheme == "http" || scheme == "https"
    }
}
