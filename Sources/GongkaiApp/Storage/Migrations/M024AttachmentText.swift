import FluentKit

/// The readable text of a Word or Excel attachment, extracted once at upload within the
/// decompression budget, so that no page view or check ever inflates an archive again.
/// Older rows stay NULL and are filled once, on first use.
struct M024AttachmentText: AsyncMigration {
    var name: String { "M024AttachmentText" }

    func prepare(on db: any Database) async throws {
        try await db.schema("item_attachments").field("text", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("item_attachments").deleteField("text").update()
    }
}
