import FluentKit
import Foundation
import GongkaiDomain

/// 社会评议: the public's satisfaction from the participation questionnaires, the county's
/// 政务公开社会监督员 with their feedback, and third-party evaluation results, whose findings (and
/// any feedback the office accepts) go into the 三单.
struct SocialEvaluationDesk: Sendable {
    let services: AppServices

    func addSupervisor(name: String, phone: String, area: String, appointedOn: String, actor: AuditActor) async throws {
        var e: [String: String] = [:]
        let n = name.trimmingSpaces(), p = phone.trimmingSpaces(), a = area.trimmingSpaces()
        if n.count < 2 || n.count > 20 { e["name"] = "请填写姓名（2–20字）" }
        if !p.isEmpty && !(ContactFormat.isMobile(p) || (ContactFormat.isPhoneText(p) && p.count >= 7 && p.count <= 20)) { e["phone"] = "联系电话应为手机号或固定电话" }
        if a.count > 100 { e["area"] = "所在单位或地区不超过100字" }
        let day = CivilDate(iso: appointedOn.trimmingSpaces())
        if day == nil || day! > services.clock.today() || day!.year < 2000 { e["appointed_on"] = "请填写聘任日期（不晚于今天）" }
        guard e.isEmpty, let day else { throw DeskFailure.invalid(e) }
        let s = PublicSupervisor()
        s.id = UUID(); s.name = n; s.phone = p; s.area = a; s.appointedOn = day.description; s.active = true; s.createdAt = services.clock.now()
        let audit = services.audit
        try await services.db.transaction { db in
            try await s.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .publicSupervisor, entityID: Masking.name(n),
                                   action: "聘任", changes: [.init(field: "appointed_on", before: nil, after: day.description)])
        }
    }

    func setActive(_ s: PublicSupervisor, _ active: Bool, actor: AuditActor) async throws {
        s.active = active
        let audit = services.audit
        try await services.db.transaction { db in
            try await s.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .publicSupervisor, entityID: Masking.name(s.name),
                                   action: active ? "恢复" : "解聘")
        }
    }

    /// Records feedback; with `rectify` it is also put into the 问题清单 for the unit.
    func addFeedback(supervisor: String, organisation: String, body: String, receivedOn: String, rectify: Bool, actor: AuditActor) async throws {
        var e: [String: String] = [:]
        let sup = UUID(uuidString: supervisor) == nil ? nil : try await PublicSupervisor.find(UUID(uuidString: supervisor), on: services.db)
        if sup == nil { e["supervisor"] = "请选择社会监督员" }
        let org = Int(organisation) == nil ? nil : try await Organisation.find(Int(organisation), on: services.db)
        if org == nil { e["feedback_org"] = "请选择涉及的单位" }
        let text = body.trimmingSpaces()
        if text.count < 4 || text.count > 2000 { e["body"] = "请填写反馈内容（4–2000字）" }
        let day = CivilDate(iso: receivedOn.trimmingSpaces())
        if day == nil || day! > services.clock.today() || day!.year < 2000 { e["received_on"] = "请填写收到日期（不晚于今天）" }
        guard e.isEmpty, let sup, let org, let day else { throw DeskFailure.invalid(e) }
        let f = SupervisorFeedback()
        f.id = UUID(); f.supervisorID = sup.id!; f.organisationID = org.id!; f.body = text; f.receivedOn = day.description; f.createdAt = services.clock.now()
        if rectify {
            let r = try await RectificationDesk(services: services).save(
                .init(source: RectificationSource.publicSupervisor.rawValue, problem: "社会监督员反馈：" + String(text.prefix(900)), organisation: String(org.id!)),
                rectification: nil, organisations: [org.id!], actor: actor)
            f.rectificationID = r.id
        }
        let audit = services.audit
        try await services.db.transaction { db in
            try await f.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: org.id, entity: .publicSupervisor, entityID: Masking.name(sup.name),
                                   action: "记录反馈", changes: [.init(field: "body", before: nil, after: String(text.prefix(200)))])
        }
    }

    /// A third-party evaluation's result; each line of `findings` becomes a problem of the 三单 for `organisation`.
    func addEvaluation(year: String, evaluator: String, result: String, summary: String, findings: String, organisation: String,
                       actor: AuditActor) async throws -> Int {
        var e: [String: String] = [:]
        let y = Int(year.trimmingSpaces()).flatMap { (2000...2100).contains($0) ? $0 : nil }
        if y == nil { e["eval_year"] = "年度应为2000–2100之间的年份" }
        let who = evaluator.trimmingSpaces(), what = result.trimmingSpaces(), text = summary.trimmingSpaces()
        if who.count < 2 || who.count > 100 { e["evaluator"] = "请填写评估机构（2–100字）" }
        if what.isEmpty || what.count > 100 { e["result"] = "请填写评估结果，如“得分86.5，全市第3名”（不超过100字）" }
        if text.count > 2000 { e["summary"] = "评估概述不超过2000字" }
        let lines = findings.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if lines.count > 100 || lines.contains(where: { $0.count > 500 }) { e["findings"] = "发现的问题每行一个，最多100个，每个不超过500字" }
        let org = Int(organisation) == nil ? nil : try await Organisation.find(Int(organisation), on: services.db)
        if !lines.isEmpty && org == nil { e["eval_org"] = "请选择问题的责任单位" }
        guard e.isEmpty, let y else { throw DeskFailure.invalid(e) }
        let ev = ThirdPartyEvaluation()
        ev.id = UUID(); ev.year = y; ev.evaluator = who; ev.result = what; ev.summary = text; ev.createdBy = actor.name; ev.createdAt = services.clock.now()
        let audit = services.audit
        try await services.db.transaction { db in
            try await ev.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .assessment, entityID: "\(y) \(who)", action: "录入第三方评估",
                                   changes: [.init(field: "result", before: nil, after: what)])
        }
        let desk = RectificationDesk(services: services)
        for line in lines {
            try await desk.save(.init(source: RectificationSource.thirdParty.rawValue, problem: "\(who)评估：\(line)", organisation: String(org!.id!)),
                                rectification: nil, organisations: [org!.id!], actor: actor)
        }
        return lines.count
    }

    struct SurveySatisfaction: Sendable {
        let survey: Survey
        let responses: Int
        let value: IndicatorValue
    }

    /// The year's published questionnaires about satisfaction (title with 满意 or 评议), tallied.
    func satisfaction(year: Int) async throws -> [SurveySatisfaction] {
        let surveys = try await Survey.query(on: services.db).filter(\.$publishedAt != nil).all()
            .filter { ($0.title.contains("满意") || $0.title.contains("评议")) && $0.opensOn.hasPrefix(String(year)) }
        var out: [SurveySatisfaction] = []
        for s in surveys {
            let responses = try await SurveyResponse.query(on: services.db).filter(\.$surveyID == s.id!).all()
            let tally = SatisfactionTally.count(responses.map { $0.decoded.values.flatMap { $0 } })
            out.append(SurveySatisfaction(survey: s, responses: responses.count, value: .ratio(tally.satisfied, of: tally.counted)))
        }
        return out
    }
}
