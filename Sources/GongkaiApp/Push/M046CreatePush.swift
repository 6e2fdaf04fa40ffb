import FluentKit
import SQLKit

/// 政策服务直通车 (issue 17): audience attributes of items and guides, subscribers, the notices
/// about policies and their deliveries, webhooks with their delivery log, 政策包, feed counters.
struct M046CreatePush: AsyncMigration {
    var name: String { "M046CreatePush" }

    func prepare(on db: any Database) async throws {
        try await db.schema("push_audiences")
            .id()
            .field("target_kind", .string, .required)
            .field("target_id", .string, .required)
            .field("organisation_id", .int, .required)
            .field("audience_json", .string, .required)
            .field("confirmed_by", .string)
            .field("confirmed_at", .datetime)
            .field("updated_at", .datetime, .required)
            .unique(on: "target_kind", "target_id")
            .create()
        try await db.schema("push_subscribers")
            .id()
            .field("email", .string, .required)
            .field("token_hash", .string, .required)
            .field("token_sealed", .string, .required)
            .field("interest_json", .string, .required)
            .field("frequency", .string, .required)
            .field("source", .string, .required)
            .field("confirmed_at", .datetime)
            .field("last_sent_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("client_address", .string, .required)
            .unique(on: "token_hash")
            .create()
        try await db.schema("push_notices")
            .id()
            .field("key", .string, .required)
            .field("item_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("organisation_id", .int, .required)
            .field("title", .string, .required)
            .field("successor_title", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "key")
            .create()
        try await db.schema("push_deliveries")
            .id()
            .field("notice_id", .uuid, .required)
            .field("subscriber_id", .uuid, .required)
            .field("explanation", .string, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "notice_id", "subscriber_id")
            .create()
        try await db.schema("push_webhooks")
            .id()
            .field("organisation_id", .int, .required)
            .field("name", .string, .required)
            .field("url", .string, .required)
            .field("secret", .string, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("push_webhook_deliveries")
            .id()
            .field("webhook_id", .uuid, .required)
            .field("notice_id", .uuid, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime)
            .field("delivered_at", .datetime)
            .field("failed_at", .datetime)
            .field("last_result", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "webhook_id", "notice_id")
            .create()
        try await db.schema("policy_packages")
            .id()
            .field("organisation_id", .int, .required)
            .field("name", .string, .required)
            .field("intro", .string, .required)
            .field("audience_json", .string, .required)
            .field("picks", .string, .required)
            .field("contacts", .string, .required)
            .field("published_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("push_feed_counts")
            .id()
            .field("feed_key", .string, .required)
            .field("fetches", .int, .required)
            .unique(on: "feed_key")
            .create()
        // The dispatcher reads new publication events by time.
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS item_events_at ON item_events (at)").run()
            try await sql.raw("CREATE INDEX IF NOT EXISTS push_deliveries_pending ON push_deliveries (subscriber_id, sent_at)").run()
        }
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS item_events_at").run()
        }
        for t in ["push_feed_counts", "policy_packages", "push_webhook_deliveries", "push_webhooks", "push_deliveries", "push_notices",
                  "push_subscribers", "push_audiences"] {
            try await db.schema(t).delete()
        }
    }
}
