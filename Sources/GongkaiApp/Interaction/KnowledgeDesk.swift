import FluentKit
import Foundation
import GongkaiDomain

/// The 知识问答库: entries written by staff, taken from a published reply or from the 简明问答 of a
/// published interpretation; flagged when their policy is no longer in force.
struct KnowledgeDesk: Sendable {
    let services: AppServices
    typealias Failure = DeskFailure

    var db: any Database { services.db }

    static func check(question: String, answer: String, topic: String, topics: [TopicCategory]) -> [String: String] {
        var e: [String: String] = [:]
        if question.trimmingSpaces().isEmpty { e["question"] = "请填写问题" } else if question.count > 300 { e["question"] = "问题不能超过300个字" }
        if answer.trimmingSpaces().isEmpty { e["answer"] = "请填写答案" } else if answer.count > 5000 { e["answer"] = "答案不能超过5000个字" }
        if !TopicCategory.isKnown(topic, in: topics) { e["topic"] = "请选择主题分类" }
        return e
    }

    func add(question: String, answer: String, topic: String, policy: InformationItem?, organisationID: Int, source: String,
             sourceRef: String, publish: Bool, actor: AuditActor) async throws -> KnowledgeEntry {
        let topics = try await CheckTermStore(services: services).topics()
        let errors = Self.check(question: question, answer: answer, topic: topic, topics: topics)
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        let k = KnowledgeEntry()
        k.id = UUID(); k.organisationID = organisationID; k.topic = topic
        k.question = question.trimmingSpaces(); k.answer = answer.trimmingSpaces()
        k.policyItemID = policy?.id; k.source = source; k.sourceRef = sourceRef
        k.flag = ""; k.publishedAt = publish ? services.clock.now() : nil; k.createdAt = services.clock.now()
        try await db.transaction { tx in
            try await k.create(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: organisationID, entity: .knowledge, entityID: String(k.question.prefix(40)),
                                            action: "新增问答", changes: [.init(field: "source", before: nil, after: k.sourceLabel)])
        }
        return k
    }

    /// A published reply as an entry (the letter's subject and body as the question, masked).
    func fromLetter(_ l: Letter, topic: String, actor: AuditActor) async throws -> KnowledgeEntry {
        guard l.repliedOn != nil else { throw Failure.refused("答复公开后才能加入知识问答库") }
        if let existing = try await KnowledgeEntry.query(on: db).filter(\.$source == "reply").filter(\.$sourceRef == l.number).first() { return existing }
        let question = String((l.subject + "：" + ParticipationQueries.masked(l.body)).prefix(300))
        return try await add(question: question, answer: l.reply, topic: topic, policy: nil, organisationID: l.handlingID,
                             source: "reply", sourceRef: l.number, publish: true, actor: actor)
    }

    /// The 简明问答 pairs of a published interpretation, each as an entry linked to its policy.
    func fromInterpretation(_ item: InformationItem, actor: AuditActor) async throws -> Int {
        guard item.kind == InformationKind.interpretation.rawValue, item.state == .published else { throw Failure.refused("只能导入已发布的政策解读") }
        guard let text = item.qaText, let qa = try? QuestionsAndAnswers(parsing: text), !qa.pairs.isEmpty else {
            throw Failure.refused("该解读没有简明问答")
        }
        let existing = Set(try await KnowledgeEntry.query(on: db).filter(\.$source == "interpretation").filter(\.$sourceRef == item.indexNumber).all().map(\.question))
        var added = 0
        let policy = try await item.interpretsID.asyncFlatMap { try await InformationItem.find($0, on: db) }
        for pair in qa.pairs where !existing.contains(pair.question) {
            _ = try await add(question: pair.question, answer: pair.answer, topic: item.topic, policy: policy,
                              organisationID: item.organisationID, source: "interpretation", sourceRef: item.indexNumber, publish: true, actor: actor)
            added += 1
        }
        return added
    }

    /// Flags entries whose policy is repealed, invalid or no longer public; returns how many were newly flagged.
    @discardableResult
    func flagOutdated(today: CivilDate) async throws -> Int {
        let linked = try await KnowledgeEntry.query(on: db).filter(\.$policyItemID != nil).filter(\.$flag == "").all()
        guard !linked.isEmpty else { return 0 }
        let policies = try await InformationItem.query(on: db).filter(\.$id ~~ linked.compactMap(\.policyItemID)).all()
        var n = 0
        for k in linked {
            let p = policies.first { $0.id == k.policyItemID }
            let reason: String?
            if let p, p.state != .published { reason = "所依据的政策已撤回" }
            else if let p, p.currentValidity(today: today) != .inForce { reason = "所依据的政策已\(p.currentValidity(today: today).label)" }
            else if p == nil { reason = "所依据的政策不存在" }
            else { reason = nil }
            guard let reason else { continue }
            k.flag = reason
            try await db.transaction { tx in
                try await k.update(on: tx)
                try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "系统：问答库检查", clientAddress: "本机"),
                                                organisationID: k.organisationID, entity: .knowledge, entityID: String(k.question.prefix(40)),
                                                action: "暂停公开", changes: [.init(field: "flag", before: nil, after: reason)])
            }
            n += 1
        }
        return n
    }

    /// Staff reviewed a flagged entry: edited answer, shown again (or withdrawn).
    func review(_ k: KnowledgeEntry, answer: String, keep: Bool, actor: AuditActor) async throws {
        let answer = answer.trimmingSpaces()
        guard !answer.isEmpty, answer.count <= 5000 else { throw Failure.invalid(["answer": "请填写答案（5000字以内）"]) }
        let before = k.flag
        k.answer = answer
        k.flag = ""
        if keep { k.policyItemID = nil } else { k.publishedAt = nil }
        try await db.transaction { tx in
            try await k.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: k.organisationID, entity: .knowledge, entityID: String(k.question.prefix(40)),
                                            action: keep ? "复核后恢复公开" : "复核后撤下", changes: [.init(field: "flag", before: before, after: "")])
        }
    }
}
