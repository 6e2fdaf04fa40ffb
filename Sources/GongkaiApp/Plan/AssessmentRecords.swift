import FluentKit
import Foundation
import GongkaiDomain

/// A year's 考核 scheme: its items as lines (`AssessmentScheme.parseItems`), the weight of 政务公开 in
/// the overall 绩效, and the 通报 drafted from its ranking.
final class AssessmentSchemeRecord: Model, @unchecked Sendable {
    static let schema = "assessment_schemes"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    @Field(key: "performance_weight") var performanceWeight: Double
    @Field(key: "items_text") var itemsText: String
    @OptionalField(key: "notice_item_id") var noticeItemID: UUID?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}

    var scheme: AssessmentScheme { AssessmentScheme(items: AssessmentScheme.parseItems(itemsText).items, performanceWeight: performanceWeight) }
}

/// Points of one unit on one item: computed from the indicator (basis: the value), or entered by
/// hand with the evidence and confirmed by a second person.
final class AssessmentScore: Model, @unchecked Sendable {
    static let schema = "assessment_scores"
    @ID(key: .id) var id: UUID?
    @Field(key: "scheme_id") var schemeID: UUID
    @Field(key: "item_index") var itemIndex: Int
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "points") var points: Double
    @Field(key: "basis") var basis: String
    /// The evidence uploaded with a manual score (kept once by content in `stored_files`).
    @OptionalField(key: "file_sha256") var fileSHA256: String?
    @Field(key: "file_name") var fileName: String
    @Field(key: "file_type") var fileType: String
    @Field(key: "scored_by") var scoredBy: String
    /// Empty until confirmed (manual items); "系统计算" for computed ones.
    @Field(key: "reviewed_by") var reviewedBy: String
    @Field(key: "scored_at") var scoredAt: Date
    init() {}
}

/// A deduction or bonus item for one unit, with its reason.
final class AssessmentAdjustment: Model, @unchecked Sendable {
    static let schema = "assessment_adjustments"
    @ID(key: .id) var id: UUID?
    @Field(key: "scheme_id") var schemeID: UUID
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "bonus") var bonus: Bool
    @Field(key: "points") var points: Double
    @Field(key: "reason") var reason: String
    @Field(key: "entered_by") var enteredBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// One of the county's 政务公开社会监督员 (seed 000). The phone number stays in the back office.
final class PublicSupervisor: Model, @unchecked Sendable {
    static let schema = "public_supervisors"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "phone") var phone: String
    @Field(key: "area") var area: String
    @Field(key: "appointed_on") var appointedOn: String
    @Field(key: "active") var active: Bool
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

final class SupervisorFeedback: Model, @unchecked Sendable {
    static let schema = "supervisor_feedback"
    @ID(key: .id) var id: UUID?
    @Field(key: "supervisor_id") var supervisorID: UUID
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "body") var body: String
    @Field(key: "received_on") var receivedOn: String
    @OptionalField(key: "rectification_id") var rectificationID: UUID?
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A third-party evaluation's result; its findings become items of the 三单.
final class ThirdPartyEvaluation: Model, @unchecked Sendable {
    static let schema = "third_party_evaluations"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "evaluator") var evaluator: String
    @Field(key: "result") var result: String
    @Field(key: "summary") var summary: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
