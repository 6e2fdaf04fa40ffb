import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// A lost query code: the applicant gives the registration number and the e-mail address from the
/// application; a new code goes to that address (the old one stops working). The page answers the
/// same whatever was typed, so it tells an outsider nothing, and failures count against the same
/// per-address limit as tracking.
enum QueryCodeRecovery {
    struct View: Sendable {
        let chrome: PageChrome
        let number: String
        let sent: Bool
        let error: String?
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/ysq/track/recover") { _, context -> Response in
            services.templates.page("portal-track-recover", View(chrome: chrome(services, context), number: "", sent: false, error: nil))
        }

        router.post("/ysq/track/recover") { _, context -> Response in
            let form = context.form
            let number = String(form["number"].prefix(40))
            let email = String(form["email"].prefix(200)).lowercased()
            guard !number.isEmpty, ContactFormat.isEmail(email) else {
                return services.templates.page("portal-track-recover", View(chrome: chrome(services, context), number: number, sent: false,
                                                                            error: "请填写登记编号和申请时填写的电子邮箱"), status: .badRequest)
            }
            let windowStart = services.clock.now().addingTimeInterval(-3600)
            let failures = try await LoginAttempt.query(on: services.db).filter(\.$username == "查询申请")
                .filter(\.$clientAddress == context.clientAddress).filter(\.$succeeded == false).filter(\.$at >= windowStart).count()
            guard failures < 20 else {
                return services.templates.page("portal-track-recover", View(chrome: chrome(services, context), number: number, sent: false,
                                                                            error: "查询失败次数过多，请一小时后再试。"), status: .tooManyRequests)
            }
            if let a = try await InformationApplication.query(on: services.db).filter(\.$registrationNumber == number).first(),
               !a.email.isEmpty, a.email.lowercased() == email {
                try await issueNewCode(a, services: services, clientAddress: context.clientAddress)
            } else {
                let attempt = LoginAttempt()
                attempt.username = "查询申请"
                attempt.clientAddress = context.clientAddress
                attempt.succeeded = false
                attempt.at = services.clock.now()
                try await attempt.create(on: services.db)
            }
            var response = services.templates.page("portal-track-recover", View(chrome: chrome(services, context), number: number, sent: true, error: nil))
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    static func chrome(_ services: AppServices, _ context: AppRequestContext) -> PageChrome {
        PageChrome(services: services, context: context, title: "找回查询码", path: "/ysq/track/recover")
    }

    /// Replaces the code and mails the new one, in one transaction with its audit record.
    static func issueNewCode(_ a: InformationApplication, services: AppServices, clientAddress: String) async throws {
        let code = ApplicationDesk.newQueryCode()
        a.queryCodeHash = Tokens.sha256Hex(code)
        let audit = services.audit
        let site = services.config.siteName
        try await services.db.transaction { db in
            try await a.update(on: db)
            try await OutboxMail(recipient: a.email, recipientName: a.name, subject: "【政府信息公开申请】新的查询码",
                                 body: """
                                 \(a.name)：

                                 您（或他人使用您的登记编号和邮箱）申请重新获取查询码。登记编号 \(a.registrationNumber) 的新查询码为：\(code)
                                 原查询码已失效。请凭登记编号和新查询码在“申请办理进度查询”页面查看办理情况和文书。
                                 如果不是您本人操作，您的申请不受影响，也无需处理。

                                 本邮件由\(site)系统自动发送，请勿直接回复。
                                 """,
                                 purpose: "query_code:\(a.registrationNumber)", organisationID: a.organisationID, now: services.clock.now()).create(on: db)
            try await audit.record(on: db, actor: AuditActor(id: nil, name: "申请人（找回查询码）", clientAddress: clientAddress),
                                   organisationID: a.organisationID, entity: .application, entityID: a.registrationNumber,
                                   action: "重新发送查询码", changes: [.init(field: "query_code", before: "（旧）", after: "（新，已发送至申请人邮箱）")])
        }
    }
}
