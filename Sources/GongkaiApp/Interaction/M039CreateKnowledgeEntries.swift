import FluentKit
import SQLKit

/// 知识问答库 (issue 15): questions and answers shared across departments, from published replies,
/// the Q&A of published interpretations, and entries staff write.
struct M039CreateKnowledgeEntries: AsyncMigration {
    var name: String { "M039CreateKnowledgeEntries" }

    func prepare(on db: any Database) async throws {
        try await db.schema("knowledge_entries")
            .id()
            .field("organisation_id", .int, .required)
            .field("topic", .string, .required)
            .field("question", .string, .required)
            .field("answer", .string, .required)
            .field("policy_item_id", .uuid)
            .field("source", .string, .required)
            .field("source_ref", .string, .required)
            .field("flag", .string, .required)
            .field("published_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX knowledge_entries_topic ON knowledge_entries (topic, organisation_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("knowledge_entries").delete()
    }
}
