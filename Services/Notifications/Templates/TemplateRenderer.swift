import Foundation
import Mustache

/// Renders message templates (Mustache, plain text: nothing is HTML-escaped) and checks them
/// against a channel's byte budget.
public struct TemplateRenderer: Sendable {
    /// The templates in force: the saved ones, else each kind's default.
    let overrides: [TemplateKey: String]

    /// One template's place: a kind and a slot.
    struct TemplateKey: Hashable, Sendable {
        let kind: String
        let slot: TemplateSlot
    }

    /// Why a template was refused.
    struct Problem: Error, Sendable {
        let message: String
    }

    /// A renderer using saved templates over the defaults.
    init(overrides: [TemplateKey: String] = [:]) { self.overrides = overrides }

    /// The template text in force for a slot of a kind.
    func source(kind: MessageKind, slot: TemplateSlot) -> String {
        overrides[TemplateKey(kind: kind.name, slot: slot)] ?? kind.defaultTemplate(slot)
    }

    /// Renders one slot; a broken saved template falls back to the default (it was checked when saved).
    func render(kind: MessageKind, slot: TemplateSlot, context: TemplateContext) -> String {
        let text = source(kind: kind, slot: slot)
        let template = (try? Self.parse(text)) ?? (try? Self.parse(kind.defaultTemplate(slot)))
        return template.map { Self.clean($0.render(context.mapValues(\.mustacheValue))) } ?? ""
    }

    /// Renders the title and the text of each channel a message may use.
    func renderAll(kind: MessageKind, context: TemplateContext) -> (title: String, contents: [String: String]) {
        let title = RobotMessage.truncate(render(kind: kind, slot: .title, context: context), to: TemplateSlot.title.byteBudget)
        var contents: [String: String] = [:]
        for slot in TemplateSlot.allCases where slot != .title {
            contents[slot.rawValue] = RobotMessage.truncate(render(kind: kind, slot: slot, context: context), to: slot.byteBudget)
        }
        return (title, contents)
    }

    /// Parses a template as plain text.
    static func parse(_ text: String) throws -> MustacheTemplate {
        try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
    }

    /// Checks a template before it is saved: it parses, and rendered with the kind's sample it fits the slot's budget.
    /// - Returns: the sample rendering.
    static func check(_ text: String, kind: MessageKind, slot: TemplateSlot) throws(Problem) -> String {
        let template: MustacheTemplate
        do {
            template = try parse(text)
        } catch {
            throw Problem(message: "is not a valid Mustache template: \(error)")
        }
        let rendered = clean(template.render(kind.sample.mapValues(\.mustacheValue)))
        guard !rendered.isEmpty else { throw Problem(message: "renders nothing with the sample values of \(kind.name)") }
        let budget = slot == .wecomRobot ? RobotMessage.limit(for: rendered) : slot.byteBudget
        guard rendered.utf8.count <= budget else {
            throw Problem(message: "renders \(rendered.utf8.count) bytes with the sample values; the \(slot.rawValue) budget is \(budget) bytes")
        }
        return rendered
    }

    /// Trims surrounding whitespace.
    static func clean(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}
