import FluentKit
import Foundation
import GongkaiDomain

/// A 政策包: the policies, interpretations, guides and contacts for one audience, kept current
/// from its attributes plus the office's own picks; the 明白卡 of each township and village is
/// printed from it.
final class PolicyPackage: Model, @unchecked Sendable {
    static let schema = "policy_packages"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "name") var name: String
    @Field(key: "intro") var intro: String
    @Field(key: "audience_json") var audienceJSON: String
    /// Manual picks: "item:<uuid>" or "guide:<uuid>", space-separated.
    @Field(key: "picks") var picks: String
    /// 咨询电话 and offices, one per line ("民政局社会救助股 0000-1234567").
    @Field(key: "contacts") var contacts: String
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var audience: Audience {
        get { (try? JSONDecoder().decode(Audience.self, from: Data(audienceJSON.utf8))) ?? Audience() }
        set { audienceJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }

    var pickedItems: [UUID] { picks.split(separator: " ").compactMap { $0.hasPrefix("item:") ? UUID(uuidString: String($0.dropFirst(5))) : nil } }
    var pickedGuides: [UUID] { picks.split(separator: " ").compactMap { $0.hasPrefix("guide:") ? UUID(uuidString: String($0.dropFirst(6))) : nil } }
    var contactLines: [String] { contacts.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty } }
}
