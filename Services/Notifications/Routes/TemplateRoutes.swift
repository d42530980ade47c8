import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `/v1/templates…`: the message templates in force, replacing one (checked against its channel's
/// byte budget when saved), going back to the default, and previews.
struct TemplateRoutes {
    let pool: PostgresPool

    /// A template in force.
    struct Template: Codable, Sendable, ResponseEncodable {
        var kind: String
        var channel: String
        var body: String
        /// `default` or `custom`.
        var source: String
        var byteBudget: Int
    }

    struct NewTemplate: Decodable, Sendable { var body: String }

    struct PreviewRequest: Decodable, Sendable {
        var kind: String
        var channel: String
        var body: String?
        var context: TemplateContext?
    }

    struct Preview: Codable, Sendable, ResponseEncodable {
        var rendered: String
        var bytes: Int
        var byteBudget: Int
        var fits: Bool
        /// For the robot: `text`, `markdown` or `news`.
        var robotForm: String?
    }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/templates") { _, context in
            _ = try Access.staff(context)
            let renderer = try await pool.withConnection { try TemplateStore.renderer(on: $0) }
            return MessageKind.all.values.sorted { $0.name < $1.name }.flatMap { kind in
                TemplateSlot.allCases.map { slot in
                    let custom = renderer.overrides[.init(kind: kind.name, slot: slot)] != nil
                    return Template(
                        kind: kind.name,
                        channel: slot.rawValue,
                        body: renderer.source(kind: kind, slot: slot),
                        source: custom ? "custom" : "default",
                        byteBudget: slot.byteBudget
                    )
                }
            }
        }
        router.put("/v1/templates/{kind}/{channel}") { request, context in
            let principal = try Access.admin(context)
            let (kind, slot) = try Self.place(context)
            let new = try await request.decodeBody(NewTemplate.self, context: context)
            do {
                _ = try TemplateRenderer.check(new.body, kind: kind, slot: slot)
            } catch let problem as TemplateRenderer.Problem {
                throw APIError.invalid("body", problem.message)
            }
            try await pool.withConnection { try TemplateStore.save(kind: kind.name, slot: slot, body: new.body, by: principal.subject, on: $0) }
            return Template(kind: kind.name, channel: slot.rawValue, body: new.body, source: "custom", byteBudget: slot.byteBudget)
        }
        router.delete("/v1/templates/{kind}/{channel}") { _, context in
            _ = try Access.admin(context)
            let (kind, slot) = try Self.place(context)
            try await pool.withConnection { try TemplateStore.delete(kind: kind.name, slot: slot, on: $0) }
            return Response(status: .noContent)
        }
        router.post("/v1/templates/preview") { request, context in
            _ = try Access.staff(context)
            let asked = try await request.decodeBody(PreviewRequest.self, context: context)
            return try await preview(asked)
        }
    }

    private func preview(_ asked: PreviewRequest) async throws -> Preview {
        guard let kind = MessageKind.named(asked.kind) else { throw APIError.invalid("kind", "is not a message kind") }
        guard let slot = TemplateSlot(rawValue: asked.channel) else {
            throw APIError.invalid("channel", "must be one of \(TemplateSlot.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let renderer = try await pool.withConnection { try TemplateStore.renderer(on: $0) }
        let source = asked.body ?? renderer.source(kind: kind, slot: slot)
        let template: TemplateRenderer
        do {
            _ = try TemplateRenderer.parse(source)
            template = TemplateRenderer(overrides: [.init(kind: kind.name, slot: slot): source])
        } catch {
            throw APIError.invalid("body", "is not a valid Mustache template: \(error)")
        }
        let values = asked.context ?? kind.sample
        let rendered = template.render(kind: kind, slot: slot, context: values)
        let budget = slot == .wecomRobot ? RobotMessage.limit(for: rendered) : slot.byteBudget
        let form = slot == .wecomRobot ? RobotMessage(content: rendered, title: kind.name, link: values["link"]?.text, urgent: false).msgtype : nil
        return Preview(rendered: rendered, bytes: rendered.utf8.count, byteBudget: budget, fits: rendered.utf8.count <= budget, robotForm: form)
    }

    /// The kind and slot in the path, or 404.
    static func place(_ context: LinliRequestContext) throws -> (MessageKind, TemplateSlot) {
        guard let kind = MessageKind.named(try context.parameters.require("kind")),
            let slot = TemplateSlot(rawValue: try context.parameters.require("channel"))
        else { throw APIError.notFound("template") }
        return (kind, slot)
    }
}
