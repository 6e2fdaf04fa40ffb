import FluentKit
import Foundation
import GongkaiDomain

/// One piece of government information (a document, notice, statistic, interpretation …) through
/// its whole life: draft, review, publication, correction, validity changes, withdrawal.
public final class InformationItem: Model, @unchecked Sendable {
    public static let schema = "information_items"

    @ID(key: .id) public var id: UUID?
    /// 发布机构.
    @Field(key: "organisation_id") public var organisationID: Int
    /// 索引号: assigned when the item is created, unique, never reused.
    @Field(key: "index_number") public var indexNumber: String
    @Field(key: "year") public var year: Int
    @Field(key: "serial") public var serial: Int
    @Field(key: "title") public var title: String
    /// 文号.
    @Field(key: "document_number") public var documentNumber: String
    /// 联合发文的其他机关 (names, one per line).
    @Field(key: "co_issuers") public var coIssuers: String
    /// 成文日期 (ISO date).
    @Field(key: "written_on") public var writtenOn: String
    /// The day the information was formed or changed, from which Art. 26's 20 working days run.
    @Field(key: "formed_on") public var formedOn: String
    @Field(key: "kind") public var kind: String
    @Field(key: "genre") public var genre: String
    @Field(key: "topic") public var topic: String
    @Field(key: "keywords") public var keywords: String
    /// 内容概述 (≤ 100 characters).
    @Field(key: "summary") public var summary: String
    /// Sanitised HTML.
    @Field(key: "body_html") public var bodyHTML: String
    /// Column keys of 法定主动公开内容, space-separated.
    @Field(key: "columns") public var columns: String
    @Field(key: "attribute") public var attribute: String
    @OptionalField(key: "ground") public var ground: String?
    @Field(key: "ground_reason") public var groundReason: String
    /// Art. 18: when a withheld or on-request item is looked at again.
    @OptionalField(key: "reevaluate_on") public var reevaluateOn: String?
    @Field(key: "validity") public var validity: String
    @OptionalField(key: "effective_on") public var effectiveOn: String?
    @OptionalField(key: "expires_on") public var expiresOn: String?
    /// The item that repealed or amended this one.
    @OptionalField(key: "successor_id") public var successorID: UUID?
    /// For a 政策解读: the policy it interprets.
    @OptionalField(key: "interprets_id") public var interpretsID: UUID?
    @Field(key: "needs_interpretation") public var needsInterpretation: Bool
    @OptionalField(key: "interpretation_form") public var interpretationForm: String?
    @OptionalField(key: "qa_text") public var qaText: String?
    @OptionalField(key: "media_url") public var mediaURL: String?
    @Field(key: "status") public var status: String
    @OptionalField(key: "review_step") public var reviewStep: Int?
    /// Publish at this time once approved (nil: at once).
    @OptionalField(key: "publish_at") public var publishAt: Date?
    @OptionalField(key: "published_at") public var publishedAt: Date?
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "author_name") public var authorName: String
    /// A 保密审查员's reason for letting severe findings pass; cleared whenever the text changes.
    @OptionalField(key: "override_reason") public var overrideReason: String?
    @OptionalField(key: "override_by") public var overrideBy: String?
    @Field(key: "version") public var version: Int
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    var state: ReviewFlow.State { ReviewFlow.State(status: status, step: reviewStep) ?? .draft }
    var kindValue: InformationKind { InformationKind(rawValue: kind) ?? .other }
    var attributeValue: DisclosureAttribute { DisclosureAttribute(rawValue: attribute) ?? .withheld }
    /// The validity as recorded (a 废止/失效 may be dated in the future: see `currentValidity`).
    var validityValue: Validity { Validity(rawValue: validity) ?? .inForce }

    /// The validity today: a 废止 or 失效 takes effect on its date.
    func currentValidity(today: CivilDate) -> Validity {
        validityValue.effective(changesOn: expiresOn.flatMap(CivilDate.init(iso:)), today: today)
    }
    var columnKeys: [String] { columns.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }

    /// Only published 主动公开 items are public: the single rule every public page, feed and API uses.
    var isPublic: Bool { state == .published && attributeValue.isPublic }
}

/// A step in an item's history (submitted, approved at 初审, sent back, published, corrected …).
final class ItemEvent: Model, @unchecked Sendable {
    static let schema = "item_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "seq") var sequence: Int
    @Field(key: "action") var action: String
    @Field(key: "actor_name") var actorName: String
    @Field(key: "note") var note: String
    @Field(key: "at") var at: Date

    init() {}
}

/// The text of a published item before a correction (更正), with the reason shown publicly.
final class ItemVersion: Model, @unchecked Sendable {
    static let schema = "item_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "title") var title: String
    @Field(key: "body_html") var bodyHTML: String
    /// Why it was corrected (shown on the public page).
    @Field(key: "reason") var reason: String
    @Field(key: "corrected_at") var correctedAt: Date
    @Field(key: "corrected_by") var correctedBy: String

    init() {}
}
