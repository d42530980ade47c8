import Foundation
import Postgres
import ServiceKit

/// The templates in force: listing them, replacing one (checked against its channel's byte budget
/// with the kind's sample values), going back to the default, and previews.
struct TemplateDesk {
    let pool: PostgresPool

    /// Every kind on every slot, custom where saved, else the default.
    func templates() async throws -> [Template] {
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

    /// The kind and slot a path names, or not found.
    static func place(kind: String, channel: String) throws -> (MessageKind, TemplateSlot) {
        guard let kind = MessageKind.named(kind), let slot = TemplateSlot(rawValue: channel) else { throw Refusal.notFound("template") }
        return (kind, slot)
    }

    /// Saves a replacement, if it renders within the slot's budget.
    func save(kind: MessageKind, slot: TemplateSlot, _ new: NewTemplate, by principal: Principal) async throws -> Template {
        do {
            _ = try TemplateRenderer.check(new.body, kind: kind, slot: slot)
        } catch let problem {
            throw Refusal.invalid("body", problem.message)
        }
        try await pool.withConnection { try TemplateStore.save(kind: kind.name, slot: slot, body: new.body, by: principal.subject, on: $0) }
        return Template(kind: kind.name, channel: slot.rawValue, body: new.body, source: "custom", byteBudget: slot.byteBudget)
    }

    /// Goes back to the default.
    func reset(kind: MessageKind, slot: TemplateSlot) async throws {
        try await pool.withConnection { try TemplateStore.delete(kind: kind.name, slot: slot, on: $0) }
    }

    /// Renders a kind on a slot with the saved text (or the one asked) and the kind's sample values (or those asked).
    func preview(_ asked: PreviewRequest) async throws -> Preview {
        guard let kind = MessageKind.named(asked.kind) else { throw Refusal.invalid("kind", "is not a message kind") }
        guard let slot = TemplateSlot(rawValue: asked.channel) else {
            throw Refusal.invalid("channel", "must be one of \(TemplateSlot.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let renderer = try await pool.withConnection { try TemplateStore.renderer(on: $0) }
        let source = asked.body ?? renderer.source(kind: kind, slot: slot)
        let template: TemplateRenderer
        do {
            _ = try TemplateRenderer.parse(source)
            template = TemplateRenderer(overrides: [.init(kind: kind.name, slot: slot): source])
        } catch {
            throw Refusal.invalid("body", "is not a valid Mustache template: \(error)")
        }
        let values = asked.context ?? kind.sample
        let rendered = template.render(kind: kind, slot: slot, context: values)
        let budget = slot == .wecomRobot ? RobotMessage.limit(for: rendered) : slot.byteBudget
        let form = slot == .wecomRobot ? RobotMessage(content: rendered, title: kind.name, link: values["link"]?.text, urgent: false).msgtype : nil
        return Preview(rendered: rendered, bytes: rendered.utf8.count, byteBudget: budget, fits: rendered.utf8.count <= budget, robotForm: form)
    }
}
