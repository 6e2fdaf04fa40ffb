import FluentKit
import Foundation
import GongkaiDomain

/// The audience attributes of one information item, service guide or 标准目录 row: suggested when
/// drafted, confirmed by a reviewer before matching uses them. A row's audience is suggested to the
/// items filed under it.
final class AudienceTag: Model, @unchecked Sendable {
    static let schema = "push_audiences"

    enum Target: String, Sendable {
        case item, guide
        case catalogueRow = "catalogue_row"
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "target_kind") var targetKind: String
    @Field(key: "target_id") var targetID: String
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "audience_json") var audienceJSON: String
    @OptionalField(key: "confirmed_by") var confirmedBy: String?
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var audience: Audience {
        get { (try? JSONDecoder().decode(Audience.self, from: Data(audienceJSON.utf8))) ?? Audience() }
        set { audienceJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }

    var isConfirmed: Bool { confirmedAt != nil }
}
