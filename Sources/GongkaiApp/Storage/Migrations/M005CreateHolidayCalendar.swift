import FluentKit
import Foundation

struct M005CreateHolidayCalendar: AsyncMigration {
    var name: String { "M005CreateHolidayCalendar" }

    func prepare(on db: any Database) async throws {
        try await db.schema("holiday_years")
            .id()
            .field("year", .int, .required)
            .field("source", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "year")
            .create()
        try await db.schema("holiday_days")
            .id()
            .field("year", .int, .required)
            .field("day", .string, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "day")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("holiday_days").delete()
        try await db.schema("holiday_years").delete()
    }
}
