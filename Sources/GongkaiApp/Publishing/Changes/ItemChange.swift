import FluentKit
import Foundation
import GongkaiDomain

/// A proposed 更正 or 有效性变更 of a published item: nothing of it is public until its last
/// review step applies it (see `PublicChange` for which steps).
final class ItemChange: Model, @unchecked Sendable {
    static let schema = "item_changes"

    enum Status: String { case inReview = "in_review", applied, returned }

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "status") var status: String
    /// Index into the change's own flow while in review.
    @Field(key: "step") var step: Int
    /// The corrected title and body (for a validity change: the item's, unchanged).
    @Field(key: "title") var title: String
    @Field(key: "body_html") var bodyHTML: String
    /// Shown to the public with the change.
    @Field(key: "reason") var reason: String
    @OptionalField(key: "validity") var validity: String?
    @OptionalField(key: "successor_index") var successorIndex: String?
    @OptionalField(key: "effective_on") var effectiveOn: String?
    @OptionalField(key: "proposer_id") var proposerID: UUID?
    @Field(key: "proposer_name") var proposerName: String
    @OptionalField(key: "override_reason") var overrideReason: String?
    @OptionalField(key: "override_by") var overrideBy: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    var kindValue: PublicChange { PublicChange(rawValue: kind) ?? .correction }
    var statusValue: Status { Status(rawValue: status) ?? .returned }
    var validityValue: Validity? { validity.flatMap(Validity.init(rawValue:)) }

    /// What the change states in words, for lists and the history.
    var summary: String {
        switch kindValue {
        case .correction: return "更正：\(reason)"
        case .validity: return "有效性变更为“\(validityValue?.label ?? "")”" + (reason.isEmpty ? "" : "：\(reason)")
        }
    }
}
