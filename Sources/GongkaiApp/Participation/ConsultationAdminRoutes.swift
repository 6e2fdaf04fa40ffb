import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The back office of consultations: opening one, moderating and classifying its comments, and
/// drafting the 意见采纳情况反馈 (published through the review flow; also as .docx).
enum ConsultationAdminRoutes {
    static let editors = DecisionAdminRoutes.editors
    static let viewers = DecisionAdminRoutes.viewers

    static let owner = RecordOwner(kind: "consultation") { raw, db in
        guard let id = UUID(uuidString: raw), let c = try await Consultation.find(id, on: db) else { return [] }
        return [c.organisationID]
    }

    struct FormView: Sendable {
        let chrome: PageChrome
        let heading: String
        let organisation: String
        let action: String
        let fields: [FieldView]
        let subjects: [OptionItem]
        let subjectError: String?
        let decisions: [OptionItem]
        let nameRequired: Bool
        let hasErrors: Bool
        let errorList: [String]
        let rule: String
    }

    struct CommentRow: Sendable {
        let receipt: String
        let name: String
        let contact: String?
        let date: String
        let section: String?
        let text: String
        let flags: String?
        let moderation: String
        let isPending: Bool
        let moderateAction: String
        let classifyAction: String
        let dispositions: [OptionItem]
        let theme: String
        let response: String
        let disposition: String?
        let error: String?
    }

    struct PageView: Sendable {
        let chrome: PageChrome
        let title: String
        let organisation: String
        let publicHref: String?
        let period: String
        let phase: String
        let subject: String
        let shortenedReason: String?
        let comments: [CommentRow]
        let hasComments: Bool
        let pending: Int
        let isClosed: Bool
        let canEdit: Bool
        let editHref: String?
        let feedbackProblem: String?
        let feedbackAction: String
        let feedbackItemHref: String?
        let feedbackDocxHref: String
        let preview: [String]
        let decision: DecisionListPage.Link?
        let notice: String?
        let isPublished: Bool
        let publishAction: String
        let publishError: String?
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = ConsultationDesk(services: services)
        let orgTarget = AccessTarget.organisation(param: "org")

        bo.get("/admin/participation/:org/consultations/new", roles: editors, target: orgTarget) { request, context, auth in
            var values: [String: String] = ["opens_on": services.clock.today().description]
            if let d = request.query.get("decision") { values["decision"] = d }
            return try await form(services, context, auth, consultation: nil, values: values, errors: [:], status: .ok)
        }

        bo.post("/admin/participation/:org/consultations", roles: editors, target: orgTarget) { request, context, auth in
            let org = auth.organisation!
            let form = context.form
            let calendar = try await CalendarStore(services: services).calendar()
            var (input, errors) = ConsultationInput.parse({ form[$0] }, calendar: calendar)
            if input.opensOn < services.clock.today(), errors["opens_on"] == nil { errors["opens_on"] = "开始日期不能早于今天" }
            var decision: Decision?
            do { decision = try await DecisionDesk(services: services).ownDecision(form["decision"], organisationID: org.id!) }
            catch let f as DeskFailure { errors["decision"] = f.message }
            guard errors.isEmpty else {
                return try await Self.form(services, context, auth, consultation: nil, values: values(form), errors: errors, status: .badRequest)
            }
            let c = try await desk.create(input, in: org, decision: decision, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/participation/consultations/\(c.id!.uuidString)?notice=created", type: .found)
        }

        let target = AccessTarget.record(param: "consultation", owner: owner)
        bo.get("/admin/participation/consultations/:consultation", roles: viewers, target: target) { request, context, auth in
            try await page(services, request, context, auth, errors: [:], status: .ok)
        }

        bo.get("/admin/participation/consultations/:consultation/edit", roles: editors, target: target) { _, context, auth in
            let c = try await consultation(context, services)
            let values: [String: String] = ["title": c.title, "subject": c.subject, "explanation": c.explanation, "draft": c.draft,
                                             "opens_on": c.opensOn, "closes_on": c.closesOn, "shortened_reason": c.shortenedReason,
                                             "name_required": c.nameRequired ? "1" : "", "other_channels": c.otherChannels,
                                             "decision": c.decisionID?.uuidString ?? ""]
            return try await form(services, context, auth, consultation: c, values: values, errors: [:], status: .ok)
        }

        bo.post("/admin/participation/consultations/:consultation/edit", roles: editors, target: target) { _, context, auth in
            let c = try await consultation(context, services)
            let form = context.form
            let calendar = try await CalendarStore(services: services).calendar()
            var (input, errors) = ConsultationInput.parse({ form[$0] }, calendar: calendar)
            if input.opensOn < services.clock.today(), errors["opens_on"] == nil { errors["opens_on"] = "开始日期不能早于今天" }
            var decision: Decision?
            do { decision = try await DecisionDesk(services: services).ownDecision(form["decision"], organisationID: c.organisationID) }
            catch let f as DeskFailure { errors["decision"] = f.message }
            if errors.isEmpty {
                do { try await desk.update(c, with: input, decision: decision, actor: auth.staff.actor(context)) }
                catch let f as DeskFailure { errors = ["title": f.message] }
            }
            guard errors.isEmpty else {
                return try await Self.form(services, context, auth, consultation: c, values: values(form), errors: errors, status: .badRequest)
            }
            return .redirect(to: "/admin/participation/consultations/\(c.id!.uuidString)?notice=saved", type: .found)
        }

        bo.post("/admin/participation/consultations/:consultation/comments/:comment", roles: editors, target: target) { request, context, auth in
            let c = try await consultation(context, services)
            guard let mid = context.parameters.get("comment", as: UUID.self), let m = try await ConsultationComment.find(mid, on: services.db),
                  m.consultationID == c.id else { throw HTTPError(.notFound) }
            let form = context.form
            let actor = auth.staff.actor(context)
            do {
                if form["action"] == "classify" {
                    try await desk.classify(m, in: c, disposition: form["disposition"], theme: form["theme"], response: form["response"], actor: actor)
                } else {
                    guard let outcome = CommentModeration(rawValue: form["moderation"]) else { throw DeskFailure.invalid(["moderation": "请选择审核结果"]) }
                    try await desk.moderate(m, in: c, to: outcome, note: form["moderation_note"], actor: actor)
                }
            } catch let f as DeskFailure {
                return try await page(services, request, context, auth, errors: [m.receipt: f.message], status: .badRequest)
            }
            return .redirect(to: "/admin/participation/consultations/\(c.id!.uuidString)?notice=saved#c-\(m.receipt)", type: .found)
        }

        bo.post("/admin/participation/consultations/:consultation/publish", roles: editors, target: target) { request, context, auth in
            let c = try await consultation(context, services)
            do {
                try await desk.publish(c, actor: auth.staff.actor(context))
            } catch let f as DeskFailure {
                return try await page(services, request, context, auth, errors: ["publish": f.message], status: .conflict)
            }
            return .redirect(to: "/admin/participation/consultations/\(c.id!.uuidString)?notice=saved", type: .found)
        }

        bo.post("/admin/participation/consultations/:consultation/feedback", roles: editors, target: target) { request, context, auth in
            let c = try await consultation(context, services)
            let org = auth.organisation!
            do {
                let item = try await desk.draftFeedback(c, organisation: org, author: auth.staff.user, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/items/\(item.id!.uuidString)?notice=created", type: .found)
            } catch let f as DeskFailure {
                return try await page(services, request, context, auth, errors: ["feedback": f.message], status: .conflict)
            }
        }

        bo.get("/admin/participation/consultations/:consultation/feedback.docx", roles: viewers, target: target) { _, context, auth in
            let c = try await consultation(context, services)
            let doc = desk.feedbackDocument(c, organisation: auth.organisation!, comments: try await desk.comments(of: c))
            return Download.response(ByteBuffer(bytes: DocxWriter.write(doc)),
                                     contentType: AttachmentType.docx.mimeType,
                                     fallbackName: "feedback.docx", fileName: "\(doc.title).docx", cacheControl: "no-store")
        }
    }

    static func values(_ form: FormData) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ["title", "subject", "explanation", "draft", "opens_on", "closes_on", "shortened_reason",
                                          "name_required", "other_channels", "decision"].map { ($0, form[$0]) })
    }

    static func consultation(_ context: AppRequestContext, _ services: AppServices) async throws -> Consultation {
        guard let id = context.parameters.get("consultation", as: UUID.self), let c = try await Consultation.find(id, on: services.db) else {
            throw HTTPError(.notFound)
        }
        return c
    }

    static func form(_ services: AppServices, _ context: AppRequestContext, _ auth: Authorised, consultation c: Consultation?,
                     values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let org = auth.organisation!
        let year = services.clock.today().year
        let decisions = try await Decision.query(on: services.db).filter(\.$organisationID == org.id!).filter(\.$year >= year - 1)
            .sort(\.$year, .descending).sort(\.$position).all().filter { $0.removedReason == nil }
        let labels: [(String, String, String?, Bool)] = [
            ("title", "征求意见稿名称", "如“某县临时救助实施办法（征求意见稿）”", false),
            ("explanation", "起草说明", "起草的必要性、依据、主要内容和需要说明的问题", true),
            ("draft", "征求意见稿正文", "粘贴全文；以“第一条”“第二条”或“一、”“二、”开头的行会分成可逐条提意见的条款", true),
            ("opens_on", "开始日期", "格式如 2026-03-01", false),
            ("closes_on", "截止日期", "含当日", false),
            ("shortened_reason", "期限缩短的理由", "只有重大行政决策草案可因情况紧急等原因缩短，理由将向社会公布", true),
            ("other_channels", "其他反馈方式", "如信函地址、电子邮箱、联系电话（将公开）", true),
        ]
        let fields = labels.map { l in
            FieldView(name: l.0, label: l.1, value: values[l.0] ?? "", error: errors[l.0], hint: l.2,
                      required: ["title", "explanation", "draft", "opens_on", "closes_on"].contains(l.0), multiline: l.3,
                      inputType: l.0.hasSuffix("_on") ? "date" : "text")
        }
        let action = c.map { "/admin/participation/consultations/\($0.id!.uuidString)/edit" } ?? "/admin/participation/\(org.id!)/consultations"
        let view = FormView(
            chrome: AdminChrome.make(services, context, title: c == nil ? "新建征求意见" : "修改征求意见", path: "/admin/participation"),
            heading: c == nil ? "新建公开征求意见" : "修改公开征求意见", organisation: org.name, action: action, fields: fields,
            subjects: ParticipationPeriod.Subject.allCases.map { OptionItem(value: $0.rawValue, label: "\($0.label)（不少于\($0.minimumText)）", selected: values["subject"] == $0.rawValue) },
            subjectError: errors["subject"],
            decisions: [OptionItem(value: "", label: "（不属于重大行政决策事项）", selected: (values["decision"] ?? "").isEmpty)]
                + decisions.map { OptionItem(value: $0.id!.uuidString, label: "\($0.year)年：\($0.title)", selected: values["decision"] == $0.id!.uuidString) },
            nameRequired: values["name_required"] == "1", hasErrors: !errors.isEmpty,
            errorList: ["title", "subject", "explanation", "draft", "opens_on", "closes_on", "shortened_reason", "other_channels", "decision"].compactMap { errors[$0] },
            rule: "期限自发布次日起算，最后一日为法定节假日的顺延至节假日后的第一个工作日；行政规范性文件按工作日计算。")
        return services.templates.page("admin-consultation-form", view, status: status)
    }

    static func maskedContact(_ s: String) -> String {
        if s.isEmpty { return "" }
        return s.contains("@") ? Masking.email(s) : Masking.phone(s)
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let c = try await consultation(context, services)
        let org = auth.organisation!
        let desk = ConsultationDesk(services: services)
        let comments = try await desk.comments(of: c)
        let today = services.clock.today()
        let phase = c.phase(on: today)
        let base = "/admin/participation/consultations/\(c.id!.uuidString)"
        let canEdit = auth.staff.policy.allows(editors, ancestry: org.ancestry.ids)
        var decision: DecisionListPage.Link?
        if let id = c.decisionID, let d = try await Decision.find(id, on: services.db) {
            decision = .init(title: d.title, href: "/admin/participation/decisions/\(id.uuidString)", note: d.stageValue.label)
        }
        let rows = comments.map { m in
            CommentRow(receipt: m.receipt, name: m.name.isEmpty ? "匿名" : Masking.name(m.name), contact: maskedContact(m.contact).nonEmpty,
                       date: SiteClock.timeText(m.submittedAt), section: m.sectionLabel, text: m.text, flags: m.flags.nonEmpty,
                       moderation: m.moderationValue.label, isPending: m.moderationValue == .pending,
                       moderateAction: "\(base)/comments/\(m.id!.uuidString)", classifyAction: "\(base)/comments/\(m.id!.uuidString)",
                       dispositions: CommentDisposition.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: m.disposition == $0.rawValue) },
                       theme: m.theme, response: m.response, disposition: m.dispositionValue?.label, error: errors[m.receipt])
        }
        let problem = errors["feedback"] ?? desk.feedbackProblem(c, comments: comments)
        let preview = problem == nil ? desk.feedbackDocument(c, organisation: org, comments: comments).paragraphs.map(\.text) : []
        let view = PageView(
            chrome: AdminChrome.make(services, context, title: c.title, path: "/admin/participation", notice: AdminChrome.notice(request)),
            title: c.title, organisation: org.name, publicHref: phase == .scheduled ? nil : ParticipationQueries.href(c),
            period: ParticipationQueries.period(c), phase: c.publishedAt == nil ? "未发布" : phase.label, subject: c.subjectValue.label, shortenedReason: c.shortenedReason.nonEmpty,
            comments: rows, hasComments: !rows.isEmpty, pending: comments.filter { $0.moderationValue == .pending }.count,
            isClosed: phase == .closed, canEdit: canEdit, editHref: phase == .scheduled && canEdit ? "\(base)/edit" : nil,
            feedbackProblem: c.feedbackItemID == nil ? problem : nil, feedbackAction: "\(base)/feedback",
            feedbackItemHref: c.feedbackItemID.map { "/admin/items/\($0.uuidString)" }, feedbackDocxHref: "\(base)/feedback.docx",
            preview: c.feedbackItemID == nil ? preview : [], decision: decision, notice: nil,
            isPublished: c.publishedAt != nil, publishAction: "\(base)/publish", publishError: errors["publish"])
        return services.templates.page("admin-consultation", view, status: status)
    }
}

extension Optional {
    func asyncFlatMap<U>(_ f: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let v = self else { return nil }
        return try await f(v)
    }
}
