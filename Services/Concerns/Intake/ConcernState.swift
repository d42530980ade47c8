import Foundation
import ServiceKit

/// Where a concern stands: open → acknowledged → in progress → referred to the council → settled,
/// or closed unsettled at any point before settlement.
enum ConcernState: String, Codable, Sendable, CaseIterable {
    case open
    case acknowledged
    case inProgress = "in-progress"
    case referred
    case settled
    case closedUnsettled = "closed-unsettled"

    /// The states in which a concern is still being worked on (and may fall overdue).
    static let unsettled: [ConcernState] = [.open, .acknowledged, .inProgress, .referred]

    /// Whether the concern is still being worked on.
    var isUnsettled: Bool { Self.unsettled.contains(self) }
}

/// Something done to a concern that changes its state.
enum ConcernAction: String, Codable, Sendable, CaseIterable {
    /// Staff take it on and name the owner party.
    case acknowledge
    /// The owner starts work (also takes it back from the council).
    case start
    /// Staff refer it to the compound's four-party council.
    case refer
    /// Staff or the owner settle it.
    case settle
    /// Staff close it without settling it (a reason is required).
    case close
    /// The reporter confirms the settlement.
    case confirm
    /// The reporter reopens a settled concern within the window; it goes back to the owner.
    case reopen

    /// The states the action may be taken from.
    var allowedFrom: Set<ConcernState> {
        switch self {
        case .acknowledge: [.open]
        case .start: [.acknowledged, .referred]
        case .refer: [.acknowledged, .inProgress]
        case .settle: [.acknowledged, .inProgress, .referred]
        case .close: [.open, .acknowledged, .inProgress, .referred]
        case .confirm, .reopen: [.settled]
        }
    }

    /// The state the action leads to.
    var target: ConcernState {
        switch self {
        case .acknowledge: .acknowledged
        case .start, .reopen: .inProgress
        case .refer: .referred
        case .settle, .confirm: .settled
        case .close: .closedUnsettled
        }
    }
}

/// Why a transition was refused; the code becomes the problem type.
struct TransitionRefusal: Error, Equatable {
    let code: String
    let detail: String

    /// The domain's refusal: the one place a refused transition becomes a conflict.
    var refusal: Refusal { .conflict(detail, code: code) }
}

/// The state machine: whether an action may be taken now, and where it leads.
enum ConcernTransition {
    /// The state after `action`, or why it is refused.
    /// - Parameters:
    ///   - settledAt: when the concern was settled (the reopen window starts there).
    ///   - confirmedAt: set once the reporter confirmed; a confirmed settlement is final.
    static func check(
        _ action: ConcernAction,
        from state: ConcernState,
        settledAt: Date?,
        confirmedAt: Date?,
        now: Date,
        reopenWindow: TimeInterval
    ) -> Result<ConcernState, TransitionRefusal> {
        guard action.allowedFrom.contains(state) else {
            let allowed = ConcernState.allCases.filter(action.allowedFrom.contains).map(\.rawValue).joined(separator: ", ")
            return .failure(
                TransitionRefusal(code: "wrong-state", detail: "cannot \(action.rawValue) a concern that is \(state.rawValue) (only from \(allowed))")
            )
        }
        if action == .confirm || action == .reopen, confirmedAt != nil {
            return .failure(TransitionRefusal(code: "already-confirmed", detail: "the reporter already confirmed the settlement"))
        }
        if action == .reopen, let settledAt, now.timeIntervalSince(settledAt) > reopenWindow {
            let days = Int(reopenWindow / 86_400)
            return .failure(TransitionRefusal(code: "reopen-window-passed", detail: "a settled concern may be reopened within \(days) days"))
        }
        return .success(action.target)
    }
}
