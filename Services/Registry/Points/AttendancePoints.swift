import Foundation
import JobQueue
import Models
import Postgres

/// Awards the points an attendance earns, once: the subscription skips a redelivered event, and
/// the ledger's idempotency key (`attendance:<id>`) makes even a republished one a no-op.
enum AttendancePoints {
    static func register(on worker: JobWorker) {
        worker.subscribe(AttendanceRecorded.self) { attendance, context, tx, outbox in
            guard attendance.points > 0 else { return }
            guard try ResidentStore.exists(attendance.residentID, on: tx) else {
                throw JobError.discard("attendance \(attendance.attendanceID) names resident \(attendance.residentID), who is not registered")
            }
            let entry = PointsLedger.Entry(
                residentID: attendance.residentID,
                compoundID: attendance.placement.compoundID,
                delta: attendance.points,
                reason: "attendance",
                sourceRef: "attendance:\(attendance.attendanceID)",
                idempotencyKey: "attendance:\(attendance.attendanceID)",
                createdBy: "calendar"
            )
            if let awarded = try PointsLedger.append(entry, on: tx) {
                try outbox.publish(awarded, correlationID: context.correlationID, on: tx)
            }
        }
    }
}
