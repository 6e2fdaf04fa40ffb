import FluentKit
import Foundation

/// 政务公开事项标准目录: rows per organisation and domain, every change as a numbered version, and
/// the links from information items to the rows they fulfil.
struct M020CreateCatalogue: AsyncMigration {
    var name: String { "M020CreateCatalogue" }

    func prepare(on db: any Database) async throws {
        try await db.schema("catalogue_items")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("domain", .string, .required)
            .field("position", .int, .required)
            .field("row_json", .string, .required)
            .field("active", .bool, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("catalogue_versions")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("domain", .string, .required)
            .field("version", .int, .required)
            .field("summary", .string, .required)
            .field("rows_json", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("changed_by", .string, .required)
            .unique(on: "organisation_id", "domain", "version")
            .create()
        try await db.schema("item_catalogue_links")
            .id()
            .field("item_id", .uuid, .required, .references("information_items", "id"))
            .field("catalogue_item_id", .uuid, .required, .references("catalogue_items", "id"))
            .unique(on: "item_id", "catalogue_item_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("item_catalogue_links").delete()
        try await db.schema("catalogue_versions").delete()
        try await db.schema("catalogue_items").delete()
    }
}
