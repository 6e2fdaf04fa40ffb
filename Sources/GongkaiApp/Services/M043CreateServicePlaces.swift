import FluentKit
import SQLKit

/// 政务地图 (issue 16): service places with coordinates (GCJ-02), hours and the services offered.
struct M043CreateServicePlaces: AsyncMigration {
    var name: String { "M043CreateServicePlaces" }

    func prepare(on db: any Database) async throws {
        try await db.schema("service_places")
            .id()
            .field("organisation_id", .int, .required)
            .field("area_id", .int, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("address", .string, .required)
            .field("longitude", .double, .required)
            .field("latitude", .double, .required)
            .field("hours", .string, .required)
            .field("phone", .string, .required)
            .field("accessibility", .string, .required)
            .field("guide_ids", .string, .required)
            .field("is_public", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX service_places_area ON service_places (area_id, kind)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("service_places").delete()
    }
}
