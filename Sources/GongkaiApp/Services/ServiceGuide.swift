import FluentKit
import Foundation
import GongkaiDomain

/// A 办事指南: the published version the public reads and, while staff work on the next one, a
/// draft that goes through review (先审后发). Each published version is kept (`ServiceGuideVersion`).
final class ServiceGuide: Model, @unchecked Sendable {
    static let schema = "service_guides"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    /// The name as last saved (for lists and search; the published one is in `publishedJSON`).
    @Field(key: "name") var name: String
    @OptionalField(key: "published_json") var publishedJSON: String?
    @Field(key: "version") var version: Int
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "draft_json") var draftJSON: String?
    /// "draft" or "in_review" while there is a draft.
    @OptionalField(key: "draft_state") var draftState: String?
    @OptionalField(key: "submitted_by") var submittedBy: UUID?
    @Field(key: "return_reason") var returnReason: String
    /// Withdrawn from the public (the service no longer exists); kept for the record.
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var published: ServiceGuideContent? { publishedJSON.flatMap(ServiceGuide.decode) }
    var draft: ServiceGuideContent? { draftJSON.flatMap(ServiceGuide.decode) }
    var isPublic: Bool { publishedJSON != nil && withdrawnAt == nil }

    static func decode(_ json: String) -> ServiceGuideContent? {
        try? JSONDecoder().decode(ServiceGuideContent.self, from: Data(json.utf8))
    }

    static func encode(_ c: ServiceGuideContent) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(c), as: UTF8.self)
    }
}

/// A published version of a guide, for the record and for the 一本通's list of changes.
final class ServiceGuideVersion: Model, @unchecked Sendable {
    static let schema = "service_guide_versions"
    @ID(key: .id) var id: UUID?
    @Field(key: "guide_id") var guideID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "content_json") var contentJSON: String
    @Field(key: "approved_by") var approvedBy: String
    @Field(key: "published_at") var publishedAt: Date

    init() {}
}

/// 一件事: services bundled into one life event, in the order the citizen goes through them.
final class ServiceBundle: Model, @unchecked Sendable {
    static let schema = "service_bundles"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    /// Guide ids in order, separated by spaces.
    @Field(key: "guide_ids") var guideIDs: String
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var guides: [UUID] { guideIDs.split(separator: " ").compactMap { UUID(uuidString: String($0)) } }
}
