import FluentKit
import Foundation
import GongkaiDomain

/// A place on the 政务地图: where a service is offered, a 公开专区 or a 公报查阅点.
final class ServicePlace: Model, @unchecked Sendable {
    static let schema = "service_places"
    @ID(key: .id) var id: UUID?
    /// The organisation that keeps the entry (its office edits it).
    @Field(key: "organisation_id") var organisationID: Int
    /// The township (or the county) the place is in, for the filter.
    @Field(key: "area_id") var areaID: Int
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @Field(key: "address") var address: String
    @Field(key: "longitude") var longitude: Double
    @Field(key: "latitude") var latitude: Double
    @Field(key: "hours") var hours: String
    @Field(key: "phone") var phone: String
    @Field(key: "accessibility") var accessibility: String
    /// Guides of the services offered here, separated by spaces.
    @Field(key: "guide_ids") var guideIDs: String
    @Field(key: "is_public") var isPublic: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var kindValue: PlaceKind { PlaceKind(rawValue: kind) ?? .serviceCentre }
    var point: GeoPoint? { GeoPoint(longitude: longitude, latitude: latitude) }
    var openingHours: OpeningHours { OpeningHours.parse(hours).0 ?? OpeningHours() }
    var guides: [UUID] { guideIDs.split(separator: " ").compactMap { UUID(uuidString: String($0)) } }
}
