import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Synchronization

extension JobWorker {
    public func run() async throws {
        try await jobs.subscribe(queue: configuration.queue, to: subscribedTopics)
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.flushUntilStopped() }
                group.addTask { await self.heartbeatUntilStopped() }
                group.addTask { await self.maintainUntilStopped() }
                await self.fetchUntilShutdown(group: &group)
                await self.drainInFlight()
                self.background.stop()
                self.transitions.signal.fire()
            }
        } onGracefulShutdown: {
            self.isShuttingDown.store(true, ordering: .releasing)
            self.wake.fire()
        }
        await queuePool.shutdown()
        logger.info("worker stopped")
    }

    /// Claims and starts jobs until graceful shutdown begins; claimed jobs still waiting for a free
    /// slot are then handed back.
    private func fetchUntilShutdown(group: inout DiscardingTaskGroup) async {
        var nextDue: Date?
        var mustStage = true
        var waiting: [[ClaimedJob]] = []  // claimed units waiting for a free slot, in claim order
        let minimumClaim = max(1, min(configuration.batchSize, configuration.concurrency) / 4)
        let jobsPerUnit = largestBatch
        while !isShuttingDown.load(ordering: .acquiring) && !Task.isCancelled {
            if let due = wake.takeEarliestDue() { nextDue = min(nextDue ?? due, due) }
            do {
                if mustStage || nextDue.map({ $0 <= Date() }) == true {
                    let queue = configuration.queue
                    let staged = try await queuePool.withConnection { try JobStore.stage(queue: queue, on: $0) }
                    nextDue = staged.nextDue
                    mustStage = false
                }
                startWaiting(&waiting, in: &group)
                let capacity = configuration.concurrency - inFlight.runningUnits
                if !waiting.isEmpty || capacity < minimumClaim {
                    await wake.wait(timeout: configuration.pollInterval)
                    continue
                }
                // A claim fills at least one batch of the largest batching kind.
                let requested = min(max(configuration.batchSize, jobsPerUnit), capacity * jobsPerUnit)
                let claimed = try await claim(requested)
                waiting = units(of: claimed)
                startWaiting(&waiting, in: &group)
                if claimed.count < requested {
                    let untilDue = nextDue.map { Duration.seconds(max(0.001, $0.timeIntervalSinceNow)) }
                    let timeout = min(configuration.pollInterval, untilDue ?? configuration.pollInterval)
                    if await !wake.wait(timeout: timeout) { mustStage = true }  // a poll: also look for due jobs
                }
            } catch {
                logger.warning("cannot fetch jobs; retrying after the poll interval", metadata: ["error": "\(error)"])
                await wake.wait(timeout: configuration.pollInterval)
                mustStage = true
            }
        }
        for job in waiting.joined() { record(job, .reschedule(delay: 0, note: "handed back at shutdown")) }
    }

    /// Starts waiting units, in order, while slots are free; a batch whose kind has its most batches
    /// running stays waiting without holding back the units behind it.
    private func startWaiting(_ waiting: inout [[ClaimedJob]], in group: inout DiscardingTaskGroup) {
        var free = configuration.concurrency - inFlight.runningUnits
        guard free > 0, !waiting.isEmpty else { return }
        var kept: [[ClaimedJob]] = []
        for unit in waiting {
            if free > 0 && !batchLimitReached(for: unit) {
                start(unit, in: &group)
                free -= 1
            } else {
                kept.append(unit)
            }
        }
        waiting = kept
    }

    private func claim(_ limit: Int) async throws -> [ClaimedJob] {
        let (queue, worker) = (configuration.queue, configuration.workerName)
        let lease = configuration.leaseDuration.secondsValue
        let claimed = try await queuePool.withConnection { connection in
            try JobStore.claim(queue: queue, limit: limit, leaseSeconds: lease, worker: worker, on: connection)
        }
        for job in claimed { inFlight.add(job) }
        return claimed
    }

    /// Runs one unit (a job, or a batch of one kind) in its own task, so a lost lease or an operator
    /// can cancel just that one.
    private func start(_ unit: [ClaimedJob], in group: inout DiscardingTaskGroup) {
        inFlight.begin(unit.map(\.id))
        let kind = unit[0].kind
        let isBatch = handlers.withLock { $0[kind]?.batchConcurrency != nil }
        if isBatch { countBatch(of: kind, by: 1) }
        group.addTask {
            let task = Task {
                if unit.count == 1 { await self.execute(unit[0]) } else { await self.executeBatch(unit) }
                if isBatch {
                    self.countBatch(of: kind, by: -1)
                    self.wake.fire()
                }
            }
            self.inFlight.attach(task, to: unit.map(\.id))
            await withTaskCancellationHandler {
                await task.value
            } onCancel: {
                task.cancel()
            }
        }
    }

    /// After shutdown began: waits for running handlers up to the timeout, then cancels them (their jobs are handed back).
    private func drainInFlight() async {
        let deadline = ContinuousClock.now + configuration.shutdownTimeout
        while inFlight.count > 0 && ContinuousClock.now < deadline {
            await wake.wait(timeout: min(.milliseconds(100), deadline - ContinuousClock.now))
        }
        if inFlight.count > 0 {
            logger.warning("shutdown timeout: cancelling running jobs and handing them back", metadata: ["jobs": "\(inFlight.count)"])
            inFlight.cancelAll()
            while inFlight.count > 0 && !Task.isCancelled { await wake.wait(timeout: .milliseconds(100)) }
        }
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
