/// The outbox: mail is queued by the other capabilities and delivered here, with retries.
enum MailCapability {
    static let capability = Capability(
        name: "mail",
        backOfficeRoutes: { MailRoutes.register($0) },
        navigation: [.init(label: "邮件发送", path: "/admin/mail", roles: Roles.administrators, order: 140)],
        jobs: [BackgroundJob(name: "mail") { job in
            let r = try await MailOutbox(services: job.services, transport: job.transport).deliverDue(now: job.services.clock.now())
            return JobOutcome(count: r.sent + r.retrying + r.failed,
                              summary: "发出邮件 \(r.sent) 封，待重试 \(r.retrying) 封，失败 \(r.failed) 封",
                              needsAttention: r.retrying + r.failed > 0)
        }])
}
