import FluentKit

/// 公众参与事项清单 (issue 14, seeds 001/002): what each government opens to public participation in a
/// year, how and through which channels; a row is public once published.
struct M036CreateParticipationMatters: AsyncMigration {
    var name: String { "M036CreateParticipationMatters" }

    func prepare(on db: any Database) async throws {
        try await db.schema("participation_matters")
            .id()
            .field("organisation_id", .int, .required)
            .field("year", .int, .required)
            .field("position", .int, .required)
            .field("matter", .string, .required)
            .field("scope", .string, .required)
            .field("methods", .string, .required)
            .field("channels", .string, .required)
            .field("timing", .string, .required)
            .field("published_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("participation_matters").delete()
    }
}
