import FluentKit
import Foundation

/// A county system that receives every notice as signed JSON (WeChat or SMS gateway, 融媒体).
final class PushWebhook: Model, @unchecked Sendable {
    static let schema = "push_webhooks"

    @ID(key: .id) var id: UUID?
    /// The government whose notices (its own and its subtree's) it receives.
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "name") var name: String
    @Field(key: "url") var url: String
    @Field(key: "secret") var secret: String
    @Field(key: "active") var active: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One notice to one webhook: tried, retried with growing pauses, then given up; the log the
/// office reads.
final class WebhookDelivery: Model, @unchecked Sendable {
    static let schema = "push_webhook_deliveries"

    @ID(key: .id) var id: UUID?
    @Field(key: "webhook_id") var webhookID: UUID
    @Field(key: "notice_id") var noticeID: UUID
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Date?
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    @OptionalField(key: "failed_at") var failedAt: Date?
    /// "HTTP 200", "HTTP 500", "连接失败：…".
    @Field(key: "last_result") var lastResult: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var stateLabel: String {
        if deliveredAt != nil { return "已送达" }
        if failedAt != nil { return "已放弃" }
        return attempts == 0 ? "待发送" : "待重试"
    }
}
