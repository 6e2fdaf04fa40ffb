import Foundation
import GongkaiDomain
import Logging
import ServiceLifecycle

/// The periodic work of the site, from every capability's `jobs` (deadline reminders, mail
/// delivery, scheduled publication, link checks…). `serve` runs it every
/// GONGKAI_JOBS_INTERVAL_MINUTES; `gongkai jobs` runs it once (for cron, or to catch up).
public struct BackgroundJobs: Service {
    let services: AppServices
    let transport: (any MailTransport)?
    /// Every capability's jobs, in the capabilities' order.
    let jobs: [BackgroundJob]

    public init(services: AppServices, transport: (any MailTransport)? = nil) {
        self.init(services: services, transport: transport, jobs: services.capabilities.flatMap(\.jobs))
    }

    init(services: AppServices, transport: (any MailTransport)?, jobs: [BackgroundJob]) {
        self.services = services
        self.transport = transport
        self.jobs = jobs
    }

    public struct Report: Sendable {
        /// One Chinese line per job, in the capabilities' order.
        public let lines: [String]
        /// How many things all jobs did together.
        public let total: Int
        /// Some job left work an operator should look at (mail not delivered, a job failed).
        public let needsAttention: Bool
        /// The jobs that failed (each logged with its error); the pass went on with the others.
        public let failed: [String]
    }

    /// One pass. `today` is the date deadlines are computed for (default: the clock's today).
    /// With `claims`, each job runs only if this instance claims it (several instances on one
    /// database: each job once per interval); without, every job runs (`gongkai jobs`, tests).
    public func runOnce(today: CivilDate? = nil) async throws -> Report {
        try await runOnce(today: today, claims: nil, interval: 0, force: false)
    }

    func runOnce(today: CivilDate?, claims: JobClaims?, interval: Int, force: Bool) async throws -> Report {
        let context = JobContext(services: services, today: today ?? services.clock.today(), transport: transport)
        var lines: [String] = [], total = 0, attention = false, failed: [String] = []
        for job in jobs {
            try Task.checkCancellation()
            // One job's failure (a database error, a bug) is logged and the pass goes on: the jobs
            // of the other capabilities (mail, reminders, scheduled publication) must not wait for it.
            do {
                if let claims, !(try await claims.claim(job.name, now: services.clock.now(), interval: interval, force: force)) {
                    continue
                }
                let outcome = try await job.run(context)
                lines.append(outcome.summary)
                total += outcome.count
                attention = attention || outcome.needsAttention
            } catch {
                // Shutting down (clients report it with their own errors too): stop the pass, claim nothing more.
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                services.logger.error("后台任务 \(job.name) 出错：\(error)")
                lines.append("后台任务 \(job.name) 出错（见日志）")
                failed.append(job.name)
                attention = true
            }
        }
        return Report(lines: lines, total: total, needsAttention: attention, failed: failed)
    }

    public func run() async throws {
        let minutes = services.config.jobsIntervalMinutes
        guard minutes > 0 else { return try await gracefulShutdown() }
        let logger = services.logger
        let claims = JobClaims(db: services.db, holder: JobClaims.instanceName())
        try await cancelWhenGracefulShutdown {
            var anchoredOn: CivilDate?
            var woken = false
            while !Task.isCancelled {
                do {
                    // Once a day the audit chain's head goes into the log, outside the database,
                    // so that `gongkai audit verify --head` can tell if the newest records vanish.
                    let today = services.clock.today()
                    if anchoredOn != today, let head = try await services.audit.head(on: services.db) {
                        logger.notice("审计链头 \(head)")
                        anchoredOn = today
                    }
                    // Due a little early: this instance's own next pass comes exactly an interval later.
                    let r = try await runOnce(today: nil, claims: claims, interval: max(1, minutes * 60 - 5), force: woken)
                    if r.total > 0 || !r.failed.isEmpty { logger.info("后台任务：\(r.lines.joined(separator: "；"))") }
                } catch {
                    logger.error("后台任务出错：\(error)")
                }
                // Cancelled at shutdown: end quietly (a thrown CancellationError made `serve` exit 1 on SIGTERM).
                // A capability may ask for the next pass sooner (立即检查): the wait is checked every second.
                var waited = 0
                woken = false
                while waited < minutes * 60, !Task.isCancelled {
                    if await JobWakeUp.shared.take() { woken = true; break }
                    try? await Task.sleep(for: .seconds(1))
                    waited += 1
                }
            }
        }
    }
}

/// Asks the running background jobs for their next pass now instead of at the end of the interval
/// (an on-demand site check). Work still runs inside the jobs service, which `serve` shuts down in
/// order; with the jobs switched off (`GONGKAI_JOBS_INTERVAL_MINUTES=0`) the next `gongkai jobs` does it.
actor JobWakeUp {
    static let shared = JobWakeUp()
    private var requested = false

    func wake() { requested = true }

    /// Whether a pass was asked for since the last look.
    func take() -> Bool {
        defer { requested = false }
        return requested
    }
}
