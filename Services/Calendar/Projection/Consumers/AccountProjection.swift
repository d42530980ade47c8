import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Keeps the calendar's `accounts` projection from `account.changed`, and drops the account's
/// cached principal so the change applies to this process's next request.
struct AccountProjection {
    let service: CalendarService

    func register(on worker: JobWorker) {
        let cache = service.runtime.scopes.cache
        worker.subscribe(AccountChanged.self) { event, _, tx, _ in
            try AccountProjectionStore.apply(event, on: tx)
            cache.invalidate(accountID: event.accountID)
        }
    }
}
