import FluentKit
import SQLKit

/// 列席 places of an open meeting by category (issue 14): "利益相关方=2;媒体=1".
struct M037AddEventCategorySeats: AsyncMigration {
    var name: String { "M037AddEventCategorySeats" }

    func prepare(on db: any Database) async throws {
        try await db.schema("participation_events")
            .field("category_seats", .string, .required, .sql(.default(SQLRaw("''")))).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("participation_events").deleteField("category_seats").update()
    }
}
