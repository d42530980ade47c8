import Foundation
import Hummingbird
import ServiceKit

/// `GET /festival?month=YYYY-MM`: this month's festival for the signed-in resident (sign-in first otherwise).
struct FestivalPageRoutes: Sendable {
    let service: CalendarService
    let view = FestivalPageView()

    var desk: FestivalPageDesk { FestivalPageDesk(service: service) }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/festival") { request, context in
            let month = request.uri.queryParameters["month"].map(String.init)
            return view.render(try await desk.festival(month: month, by: try context.caller()))
        }
    }
}
