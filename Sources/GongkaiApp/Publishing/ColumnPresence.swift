import FluentKit
import Foundation
import GongkaiDomain

/// Which of an organisation's statutory columns have something in them. The public sees only columns
/// with content or with a catalogue domain of the same name (an empty "（0）" column reads as a failure
/// to publish, and inspections count them); the office gets the list of empty ones to fill or explain.
enum ColumnPresence {
    struct Column: Sendable {
        let column: DisclosureColumn
        let count: Int
        /// The organisation keeps a catalogue of the domain named like the column (e.g. 社会救助).
        let hasCatalogue: Bool

        var isShown: Bool { count > 0 || hasCatalogue }
    }

    static func columns(of org: Organisation, on db: any Database) async throws -> [Column] {
        let id = try org.requireID()
        let counts = try await ItemQueries.columnCounts(organisationID: id, on: db)
        let domains = Set(try await CatalogueItem.query(on: db).filter(\.$organisationID == id).filter(\.$active == true).all().map(\.domain))
        return DisclosureColumn.columns(for: org.kind).map {
            Column(column: $0, count: counts[$0.key] ?? 0, hasCatalogue: domains.contains($0.label))
        }
    }
}
