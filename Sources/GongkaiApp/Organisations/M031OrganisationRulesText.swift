import FluentKit
import SQLKit

/// 政府信息公开制度 (issue 13): an organisation's own text for the column, beside the items of kind
/// 工作制度 it publishes there.
struct M031OrganisationRulesText: AsyncMigration {
    var name: String { "M031OrganisationRulesText" }

    func prepare(on db: any Database) async throws {
        try await db.schema("organisations")
            .field("rules_text", .string, .required, .sql(.default(SQLRaw("''")))).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("organisations").deleteField("rules_text").update()
    }
}
