import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore
import ServiceKit

/// The resident's concern pages, through ``ConcernDesk`` (its rules decide who sees and does what):
/// - `GET /concerns`: my concerns, newest first, and a button to raise one;
/// - `GET /concerns/new` and `POST /concerns` (multipart/form-data, the CSRF token in `_csrf`):
///   category, title, text and up to three photos, checked by their bytes, stored with the concern
///   in one transaction or not at all;
/// - `GET /concerns/{id}`: the concern, its photos, progress and meetings, and once settled the
///   forms to confirm or reopen it (`POST /concerns/{id}/confirm`, `…/reopen`);
/// - `GET /concerns/{id}/photos/{n}`: a photo's bytes, to those who see the concern's own side.
/// Someone who may not see a concern gets the same 404 page as for one that does not exist.
struct ConcernPageRoutes: Sendable {
    let desk: ConcernDesk
    let pages: WebPages

    /// Photos one concern may carry from the page.
    static let maxPhotos = 3

    init(desk: ConcernDesk) {
        self.desk = desk
        do {
            pages = try WebPages(templates: [
                "concerns": ConcernPageTemplates.list, "concern-new": ConcernPageTemplates.new, "concern": ConcernPageTemplates.concern,
            ])
        } catch { fatalError("the concern page templates do not parse: \(error)") }
    }

    var pageDesk: ConcernPageDesk { ConcernPageDesk(desk: desk) }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/concerns") { request, context in try await list(request, context) }
        router.get("/concerns/new") { request, context in try await newForm(request, by: try context.requirePrincipal()) }
        router.post("/concerns") { request, context in
            let raised = try await raise(request, context)
            return HTMLResponse.redirect(to: "/concerns/\(raised.concern.id)")
        }
        router.get("/concerns/{id}") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await concern(id, request, context)
        }
        router.get("/concerns/{id}/photos/{n}") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let position = try context.parameters.require("n", as: Int.self)
            let photo = try await pageDesk.photo(id, position: position, by: try context.requirePrincipal())
            return Self.photoResponse(mime: photo.mime, bytes: photo.bytes)
        }
        router.post("/concerns/{id}/confirm") { request, context in try await answer(.confirm, request, context) }
        router.post("/concerns/{id}/reopen") { request, context in try await answer(.reopen, request, context) }
    }

    /// The photo with its stored type, never sniffed, cached only by the resident's own browser.
    static func photoResponse(mime: String, bytes: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = mime
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[.cacheControl] = "private, max-age=3600"
        headers[.contentDisposition] = "inline"
        headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'none'; sandbox"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // MARK: Raising

    /// Reads the multipart post, checks every photo by its bytes, then raises the concern through the desk.
    private func raise(_ request: Request, _ context: LinliRequestContext) async throws -> RaisedConcern {
        let principal = try context.requirePrincipal()
        let settings = desk.configuration
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: settings.uploadMaxBytes) } catch {
            throw Self.tooLarge("at most \(settings.uploadMaxBytes) bytes")
        }
        guard body.readableBytes <= settings.uploadMaxBytes else { throw Self.tooLarge("at most \(settings.uploadMaxBytes) bytes") }
        let upload = try ConcernUpload.parse(body, contentType: request.headers[.contentType])
        let photos = try Self.photos(upload.files, maxBytes: settings.photoMaxBytes)
        var householdID: Int?
        if let field = upload.fields["householdID"] {
            guard let id = Int(field) else { throw Refusal.invalid("householdID", "must be a household id") }
            householdID = id
        }
        let new = NewConcern(
            householdID: householdID,
            category: upload.fields["category"] ?? "",
            source: "app",
            title: upload.fields["title"] ?? "",
            description: upload.fields["description"]
        )
        return try await desk.raise(new, by: principal, requestID: context.requestID, attachments: photos)
    }

    /// The uploaded files as photos: at most ``maxPhotos``, each within `maxBytes` (413), each a
    /// JPEG, PNG or WebP by its magic bytes (415), whole and at most 8000 px a side (422).
    static func photos(_ files: [ConcernUpload.File], maxBytes: Int) throws -> [PhotoImage] {
        guard files.count <= maxPhotos else { throw Refusal.invalid("photos", "at most \(maxPhotos) photos") }
        return try files.enumerated().map { index, file in
            guard file.bytes.count <= maxBytes else { throw tooLarge("each photo at most \(maxBytes) bytes") }
            switch PhotoImage.inspect(file.bytes) {
            case .success(let photo): return photo
            case .failure(.notAnImage):
                throw APIError(
                    .unsupportedMediaType,
                    code: "not-an-image",
                    title: "A photo is not a JPEG, PNG or WebP image",
                    detail: "photo \(index + 1) is not a JPEG, PNG or WebP image"
                )
            case .failure(.malformed): throw Refusal.invalid("photos[\(index)]", "is not a whole JPEG, PNG or WebP image")
            case .failure(.tooLarge):
                throw Refusal.invalid("photos[\(index)]", "must be at most \(PhotoImage.maxSide) pixels wide and high")
            }
        }
    }

    static func tooLarge(_ detail: String) -> APIError {
        APIError(.contentTooLarge, code: "upload-too-large", title: "The upload is too large", detail: detail)
    }

    // MARK: Confirm and reopen

    /// The reporter's answer to a settlement, through the desk's transition (its rules and window).
    private func answer(_ action: ConcernAction, _ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int.self)
        var request = request
        let form = try await WebForm.read(&request, context: context)
        let body = TransitionRequest(action: action.rawValue, ownerParty: nil, note: action == .reopen ? form["note"] : nil, public: true)
        _ = try await desk.transition(id, body, by: try context.requirePrincipal(), requestID: context.requestID)
        return HTMLResponse.redirect(to: "/concerns/\(id)")
    }
}
