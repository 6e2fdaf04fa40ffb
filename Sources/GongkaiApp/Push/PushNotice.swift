import FluentKit
import Foundation
import GongkaiDomain

/// One thing subscribers are told about a policy (published, corrected, 废止), made once.
final class PushNotice: Model, @unchecked Sendable {
    static let schema = "push_notices"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "title") var title: String
    @OptionalField(key: "successor_title") var successorTitle: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var kindValue: PushNoticeKind { PushNoticeKind(rawValue: kind) ?? .published }
    var path: String { "/xxgk/\(organisationID)/content/\(itemID.uuidString)" }
}

/// A notice matched to one subscriber, with the reason; sent in their next message.
final class PushDelivery: Model, @unchecked Sendable {
    static let schema = "push_deliveries"

    @ID(key: .id) var id: UUID?
    @Field(key: "notice_id") var noticeID: UUID
    @Field(key: "subscriber_id") var subscriberID: UUID
    @Field(key: "explanation") var explanation: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}

/// How often a feed was fetched (per audience, package or personal feeds together): a count, nothing else.
final class PushFeedCount: Model, @unchecked Sendable {
    static let schema = "push_feed_counts"

    @ID(key: .id) var id: UUID?
    @Field(key: "feed_key") var feedKey: String
    @Field(key: "fetches") var fetches: Int

    init() {}
}
