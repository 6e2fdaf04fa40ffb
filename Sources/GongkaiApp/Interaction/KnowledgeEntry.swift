import FluentKit
import Foundation
import GongkaiDomain

/// One question and answer of the 知识问答库. An entry whose policy has been repealed or has
/// expired is flagged and leaves the public list until staff review it.
final class KnowledgeEntry: Model, @unchecked Sendable {
    static let schema = "knowledge_entries"
    @ID(key: .id) var id: UUID?
    /// The organisation that answers for it.
    @Field(key: "organisation_id") var organisationID: Int
    /// 主题分类 (the topics of the policy library).
    @Field(key: "topic") var topic: String
    @Field(key: "question") var question: String
    @Field(key: "answer") var answer: String
    @OptionalField(key: "policy_item_id") var policyItemID: UUID?
    /// "reply" (a published reply), "interpretation" (a 简明问答 pair), "staff".
    @Field(key: "source") var source: String
    /// The letter number or the interpretation's 索引号.
    @Field(key: "source_ref") var sourceRef: String
    /// Why it is held back ("所依据的政策已废止"); empty when it may be shown.
    @Field(key: "flag") var flag: String
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var sourceLabel: String {
        switch source {
        case "reply": return "来信答复"
        case "interpretation": return "政策解读问答"
        default: return "工作人员编写"
        }
    }

    var isPublic: Bool { publishedAt != nil && flag.isEmpty }
}
