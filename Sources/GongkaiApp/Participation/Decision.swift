import FluentKit
import Foundation
import GongkaiDomain

/// A government's 重大行政决策事项目录 for one year: public once approved (Art. 3 ¶3: approved by
/// the Party committee at the same level, then published); changes after that are logged publicly.
final class DecisionList: Model, @unchecked Sendable {
    static let schema = "decision_lists"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "year") var year: Int
    /// How and when it was approved, as published (e.g. "经县委常委会2026年2月10日审定").
    @Field(key: "approval") var approval: String
    @OptionalField(key: "published_at") var publishedAt: Date?

    init() {}

    var isPublished: Bool { publishedAt != nil }
}

/// One matter on the list and where it stands.
final class Decision: Model, @unchecked Sendable {
    static let schema = "decisions"
    @ID(key: .id) var id: UUID?
    @Field(key: "list_id") var listID: UUID
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "year") var year: Int
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @Field(key: "kind") var kind: String
    /// 承办单位.
    @Field(key: "undertaker") var undertaker: String
    /// 计划完成时间 as the list states it ("2026年6月", "第三季度").
    @Field(key: "planned") var planned: String
    /// Participation methods, raw values separated by commas.
    @Field(key: "methods") var methods: String
    @Field(key: "stage") var stage: String
    /// The day each stage was entered: "drafting=2026-02-01;consultation=2026-03-02".
    @Field(key: "stage_days") var stageDays: String
    /// Set when the matter was taken off the list (调出), with the reason; it stays in the log.
    @OptionalField(key: "removed_reason") var removedReason: String?
    /// 意见采纳情况 as reported to the deliberation and explained on publication (Arts. 29, 32).
    @Field(key: "adoption_note") var adoptionNote: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var stageValue: DecisionStage { DecisionStage(rawValue: stage) ?? .drafting }
    var kindValue: DecisionKind? { DecisionKind(rawValue: kind) }
    var methodValues: [ParticipationMethod] { methods.split(separator: ",").compactMap { ParticipationMethod(rawValue: String($0)) } }

    var enteredDays: [DecisionStage: CivilDate] {
        get {
            var out: [DecisionStage: CivilDate] = [:]
            for pair in stageDays.split(separator: ";") {
                let p = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if p.count == 2, let s = DecisionStage(rawValue: p[0]), let d = CivilDate(iso: p[1]) { out[s] = d }
            }
            return out
        }
        set {
            stageDays = DecisionStage.allCases.compactMap { s in newValue[s].map { "\(s.rawValue)=\($0)" } }.joined(separator: ";")
        }
    }
}

/// A dated line of the list's public change log (调整说明).
final class DecisionChange: Model, @unchecked Sendable {
    static let schema = "decision_changes"
    @ID(key: .id) var id: UUID?
    @Field(key: "list_id") var listID: UUID
    @OptionalField(key: "decision_id") var decisionID: UUID?
    @Field(key: "changed_on") var changedOn: String
    @Field(key: "text") var text: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A published item that belongs to a decision: its draft, 起草说明, 决策依据, 解读, the decision itself.
final class DecisionMaterial: Model, @unchecked Sendable {
    static let schema = "decision_materials"
    @ID(key: .id) var id: UUID?
    @Field(key: "decision_id") var decisionID: UUID
    @Field(key: "role") var role: String
    @Field(key: "item_id") var itemID: UUID

    init() {}

    enum Role: String, CaseIterable, Sendable {
        case draft
        case explanation
        case basis
        case interpretation
        case decision

        var label: String {
            switch self {
            case .draft: return "决策草案"
            case .explanation: return "起草说明"
            case .basis: return "决策依据"
            case .interpretation: return "政策解读"
            case .decision: return "决策文件"
            }
        }
    }
}
