import Foundation
import Hummingbird

extension MatrixRoute {
    /// Every write route staff, residents or seat holders use on a compound's objects (not the queue's admin routes).
    static let all: [MatrixRoute] = [
        // A resident raises for their own household; the seat holder has no household, so cannot raise.
        MatrixRoute(
            method: .post,
            path: "/v1/concerns",
            body: #"{"compoundID":{compound},"category":"water-leak","source":"hotline","title":"车库积水{unique}"}"#,
            target: .none,
            inside: MatrixCaller.staff + [.residentB],
            outside: MatrixCaller.outsiders + [.ownerB],
            refusals: staffNamed
        ),
        MatrixRoute(method: .post, path: "/v1/concerns/{concern}/transitions", body: MatrixTarget.acknowledged, target: open),
        // The holder of the owner party's seat starts and settles what is assigned to their party.
        MatrixRoute(
            method: .post,
            path: "/v1/concerns/{concern}/transitions",
            body: transition("start"),
            target: acknowledged,
            inside: MatrixCaller.staff + [.ownerB],
            outside: MatrixCaller.outsiders + [.residentB]
        ),
        MatrixRoute(
            method: .post,
            path: "/v1/concerns/{concern}/transitions",
            body: transition("refer"),
            target: acknowledged
        ),
        MatrixRoute(
            method: .post,
            path: "/v1/concerns/{concern}/transitions",
            body: transition("settle"),
            target: acknowledged,
            inside: MatrixCaller.staff + [.ownerB],
            outside: MatrixCaller.outsiders + [.residentB]
        ),
        MatrixRoute(
            method: .post,
            path: "/v1/concerns/{concern}/transitions",
            body: transition("close", #","note":"重复诉求""#),
            target: open
        ),
        // The reporter (B's resident) confirms or reopens their settled concern, as staff recording a call-back do.
        MatrixRoute(
            method: .post,
            path: "/v1/concerns/{concern}/transitions",
            body: transition("confirm"),
            target: .concern(byResident: true, actions: settled),
            inside: MatrixCaller.staff + [.residentB],
            outside: MatrixCaller.outsiders + [.ownerB]
        ),
        MatrixRoute(
            method: .post,
            path: "/v1/concerns/{concern}/transitions",
            body: transition("reopen"),
            target: .concern(byResident: true, actions: settled),
            inside: MatrixCaller.staff + [.residentB],
            outside: MatrixCaller.outsiders + [.ownerB]
        ),
        MatrixRoute(
            method: .post,
            path: "/v1/concerns/{concern}/updates",
            body: #"{"note":"已联系物业{unique}","public":true}"#,
            target: acknowledged,
            inside: MatrixCaller.staff + [.ownerB],
            outside: MatrixCaller.outsiders + [.residentB]
        ),
        MatrixRoute(
            method: .put,
            path: "/v1/concerns/{concern}/owner",
            body: #"{"ownerParty":"owners-committee"}"#,
            target: acknowledged
        ),
        // "Me too" is a household's word: residents and heads only, never staff; the seat holder has no household (422).
        MatrixRoute(
            method: .post,
            path: "/v1/concerns/{concern}/me-too",
            body: "{}",
            target: open,
            inside: [.residentB],
            outside: MatrixCaller.outsiders + MatrixCaller.staff + [.ownerB],
            refusals: staffNamed
        ),
        // Service levels are the city's: administrators only.
        MatrixRoute(
            method: .put,
            path: "/v1/service-levels/water-leak",
            body: #"{"name":"漏水","hours":48}"#,
            target: .none,
            inside: [.admin],
            outside: MatrixCaller.outsiders + [.districtB, .secretaryB, .residentB, .ownerB]
        ),
        MatrixRoute(
            method: .post,
            path: "/v1/councils",
            body: #"{"compoundID":{compound}}"#,
            target: .freshCompound,
            outside: MatrixCaller.outsiders + [.residentB, .ownerB],
            refusals: staffNamed
        ),
        MatrixRoute(
            method: .post,
            path: "/v1/councils/{council}/seats",
            body: #"{"party":"resident-representatives","holderSubject":"resident:{unique}","holderName":"代表"}"#,
            target: .none
        ),
        MatrixRoute(method: .delete, path: "/v1/councils/{council}/seats/{seat}", body: "", target: .seat),
        MatrixRoute(method: .post, path: "/v1/councils/{council}/meetings", body: meeting, target: .none),
        MatrixRoute(method: .post, path: "/v1/meetings/{meeting}/agenda", body: #"{"proposals":["楼道堆物{unique}"]}"#, target: .meeting),
        MatrixRoute(method: .post, path: "/v1/meetings/{meeting}/hold", body: hold, target: .meeting),
        MatrixRoute(method: .put, path: "/v1/meetings/{meeting}/minutes", body: #"{"minutes":"修订纪要{unique}"}"#, target: .heldMeeting),
        MatrixRoute(method: .post, path: "/v1/meetings/{meeting}/decisions", body: decision, target: .heldMeeting),
        // The holder of the action item's owner party's seat reports its progress.
        MatrixRoute(
            method: .post,
            path: "/v1/action-items/{item}/progress",
            body: #"{"progress":50}"#,
            target: .actionItem,
            inside: MatrixCaller.staff + [.ownerB],
            outside: MatrixCaller.outsiders + [.residentB]
        ),
    ]
}
