import FluentKit
import Foundation
import GongkaiDomain

/// Questionnaires: created and changed while nobody has answered, published, answered once per
/// browser (and at most 20 times a day from one address, said on the page), tallied.
struct SurveyDesk: Sendable {
    let services: AppServices
    typealias Failure = DeskFailure
    struct Refused: Error { let message: String }
    static let perAddressPerDay = 20

    var db: any Database { services.db }

    struct Input: Sendable {
        var title = ""
        var intro = ""
        var definition = ""
        var opensOn = CivilDate(year: 2000, month: 1, day: 1)!
        var closesOn = CivilDate(year: 2000, month: 1, day: 1)!
        var resultsPublic = true

        static func parse(_ value: (String) -> String) -> (Input, [String: String]) {
            var i = Input()
            var e: [String: String] = [:]
            i.title = value("title").trimmingSpaces()
            if i.title.isEmpty { e["title"] = "请填写问卷名称" } else if i.title.count > 200 { e["title"] = "名称不能超过200个字" }
            i.intro = value("intro").trimmingSpaces()
            if i.intro.count > 5000 { e["intro"] = "说明不能超过5000个字" }
            i.definition = value("definition")
            if i.definition.count > 50_000 { e["definition"] = "问题不能超过50000个字" }
            else if case (nil, let problems) = Questionnaire.parse(i.definition) { e["definition"] = problems.prefix(5).joined(separator: "；") }
            if let d = CivilDate(iso: value("opens_on").trimmingSpaces()), (2000...2100).contains(d.year) { i.opensOn = d } else { e["opens_on"] = "请填写开始日期，格式如 2026-10-01" }
            if let d = CivilDate(iso: value("closes_on").trimmingSpaces()), (2000...2100).contains(d.year) { i.closesOn = d } else { e["closes_on"] = "请填写截止日期，格式如 2026-10-31" }
            if e["opens_on"] == nil, e["closes_on"] == nil, i.closesOn < i.opensOn { e["closes_on"] = "截止日期不能早于开始日期" }
            i.resultsPublic = value("results_public") == "1"
            return (i, e)
        }
    }

    static func apply(_ i: Input, to s: Survey) {
        s.title = i.title; s.intro = i.intro; s.definition = i.definition
        s.opensOn = i.opensOn.description; s.closesOn = i.closesOn.description; s.resultsPublic = i.resultsPublic
    }

    func create(_ input: Input, in org: Organisation, decision: Decision?, actor: AuditActor) async throws -> Survey {
        let s = Survey()
        s.id = UUID(); s.organisationID = try org.requireID(); s.decisionID = decision?.id
        Self.apply(input, to: s)
        s.createdAt = services.clock.now()
        try await db.transaction { tx in
            try await s.create(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: s.organisationID, entity: .survey, entityID: s.title, action: "新建")
        }
        return s
    }

    func update(_ s: Survey, with input: Input, actor: AuditActor) async throws {
        let surveyID = try s.requireID()
        let dialect = services.database.dialect
        try await db.transaction { tx in
            // Answers are stored under the same lock: none can arrive between the check and the change.
            try await dialect.lockAuditChain(on: tx)
            guard try await SurveyResponse.query(on: tx).filter(\.$surveyID == surveyID).count() == 0 else {
                throw Failure.refused("已经有人作答，问卷不能再修改")
            }
            Self.apply(input, to: s)
            try await s.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: s.organisationID, entity: .survey, entityID: s.title, action: "修改")
        }
    }

    func publish(_ s: Survey, actor: AuditActor) async throws {
        guard s.publishedAt == nil else { throw Failure.refused("问卷已经发布") }
        s.publishedAt = services.clock.now()
        try await db.transaction { tx in
            try await s.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: s.organisationID, entity: .survey, entityID: s.title, action: "发布")
        }
    }

    func setResultsPublic(_ s: Survey, _ on: Bool, actor: AuditActor) async throws {
        s.resultsPublic = on
        try await db.transaction { tx in
            try await s.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: s.organisationID, entity: .survey, entityID: s.title,
                                            action: on ? "公开调查结果" : "不公开调查结果")
        }
    }

    func hasAnswered(_ s: Survey, voter: String) async throws -> Bool {
        guard !voter.isEmpty else { return false }
        return try await SurveyResponse.query(on: db).filter(\.$surveyID == s.requireID())
            .filter(\.$voter == Self.key(voter, s)).first() != nil
    }

    static func key(_ voter: String, _ s: Survey) -> String { Tokens.sha256Hex("\(s.id?.uuidString ?? ""):\(voter)") }

    func respond(_ s: Survey, answers: [Int: [String]], voter: String, clientAddress: String) async throws {
        guard s.phase(on: services.clock.today()) == .open else { throw Refused(message: "本问卷不在填写期内。") }
        let now = services.clock.now()
        let key = Self.key(voter, s)
        let surveyID = try s.requireID()
        let dialect = services.database.dialect
        try await db.transaction { tx in
            try await dialect.lockAuditChain(on: tx)
            if try await SurveyResponse.query(on: tx).filter(\.$surveyID == surveyID).filter(\.$voter == key).first() != nil {
                throw Refused(message: "您已经填写过本问卷，感谢参与。")
            }
            if try await SurveyResponse.query(on: tx).filter(\.$surveyID == surveyID).filter(\.$clientAddress == clientAddress)
                .filter(\.$submittedAt >= now.addingTimeInterval(-86400)).count() >= Self.perAddressPerDay {
                throw Refused(message: "同一网络一天内提交的问卷已达\(Self.perAddressPerDay)份，请明天再试。")
            }
            let r = SurveyResponse()
            r.id = UUID(); r.surveyID = surveyID; r.voter = key; r.clientAddress = clientAddress
            r.answers = SurveyResponse.encode(answers); r.submittedAt = now
            try await r.create(on: tx)
            try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "公众（问卷）", clientAddress: clientAddress),
                                            organisationID: s.organisationID, entity: .survey, entityID: s.title, action: "提交问卷")
        }
    }

    func results(_ s: Survey) async throws -> (respondents: Int, results: [Questionnaire.Result]) {
        let responses = try await SurveyResponse.query(on: db).filter(\.$surveyID == s.requireID()).all().map(\.decoded)
        return (responses.count, s.questionnaire.tally(responses))
    }
}
