import FluentKit
import Foundation
import SQLKit

/// 政策解读: form, Q&A text, media link; and the 三同步 mark on policies.
struct M014AddInterpretationFields: AsyncMigration {
    var name: String { "M014AddInterpretationFields" }

    func prepare(on db: any Database) async throws {
        // One column per ALTER: SQLite adds a single column per statement.
        try await db.schema("information_items").field("needs_interpretation", .bool, .required, .sql(.default(false))).update()
        try await db.schema("information_items").field("interpretation_form", .string).update()
        try await db.schema("information_items").field("qa_text", .string).update()
        try await db.schema("information_items").field("media_url", .string).update()
    }

    func revert(on db: any Database) async throws {
        for f in ["needs_interpretation", "interpretation_form", "qa_text", "media_url"] {
            try await db.schema("information_items").deleteField(.string(f)).update()
        }
    }
}
