import Foundation
import GongkaiDomain
import Logging
import ServiceLifecycle

/// The periodic work of the site: deadline reminders, mail delivery, scheduled publication. `serve` runs it every
/// GONGKAI_JOBS_INTERVAL_MINUTES; `gongkai jobs` runs it once (for cron, or to catch up).
public struct BackgroundJobs: Service {
    let services: AppServices
    let transport: (any MailTransport)?

    public init(services: AppServices, transport: (any MailTransport)? = nil) {
        self.services = services
        self.transport = transport
    }

    public struct Report: Sendable {
        public let remindersQueued: Int
        public let mail: MailOutbox.Report
        public let itemsPublished: Int
        public let linksChecked: Int
    }

    /// One pass. `today` is the date reminders are computed for (default: today in China).
    public func runOnce(today: CivilDate? = nil) async throws -> Report {
        let queued = try await DeadlineReminderJob(services: services)
            .run(today: today ?? ApplicationDesk.today(), leadDays: services.config.reminderLeadDays)
        let mail = try await MailOutbox(services: services, transport: transport).deliverDue()
        let published = try await PublishingDesk(services: services).publishDue()
        let links = services.config.checkLinks ? try await LinkCheckStore(services: services, probe: LinkProbe(allowPrivateAddresses: services.config.linkCheckPrivateAddresses)).run() : 0
        return Report(remindersQueued: queued, mail: mail, itemsPublished: published, linksChecked: links)
    }

    public func run() async throws {
        let minutes = services.config.jobsIntervalMinutes
        guard minutes > 0 else { return try await gracefulShutdown() }
        let logger = services.logger
        try await cancelWhenGracefulShutdown {
            var anchoredOn: CivilDate?
            while !Task.isCancelled {
                do {
                    // Once a day the audit chain's head goes into the log, outside the database,
                    // so that `gongkai audit verify --head` can tell if the newest records vanish.
                    let today = ApplicationDesk.today()
                    if anchoredOn != today, let head = try await services.audit.head(on: services.db) {
                        logger.notice("审计链头 \(head)")
                        anchoredOn = today
                    }
                    let r = try await runOnce()
                    if r.remindersQueued + r.mail.sent + r.mail.retrying + r.mail.failed + r.itemsPublished > 0 {
                        logger.info("后台任务：排队提醒邮件 \(r.remindersQueued) 封，发出 \(r.mail.sent) 封，待重试 \(r.mail.retrying) 封，失败 \(r.mail.failed) 封，定时发布信息 \(r.itemsPublished) 条")
                    }
                } catch {
                    logger.error("后台任务出错：\(error)")
                }
                // Cancelled at shutdown: end quietly (a thrown CancellationError made `serve` exit 1 on SIGTERM).
                try? await Task.sleep(for: .seconds(minutes * 60))
            }
        }
    }
}
