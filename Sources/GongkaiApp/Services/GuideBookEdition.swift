import FluentKit
import Foundation
import GongkaiDomain

/// One edition of an organisation's 办事一本通: the guides as they were published when it was
/// compiled (so an edition never changes), numbered and dated.
final class GuideBookEdition: Model, @unchecked Sendable {
    static let schema = "guide_book_editions"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "edition") var edition: Int
    @Field(key: "built_on") var builtOn: String
    @Field(key: "snapshot_json") var snapshotJSON: String
    @Field(key: "changes") var changes: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    struct Entry: Codable, Sendable {
        let id: String
        let name: String
        let version: Int
        let organisation: String
        let content: ServiceGuideContent
    }

    var snapshot: [Entry] { (try? JSONDecoder().decode([Entry].self, from: Data(snapshotJSON.utf8))) ?? [] }
}
