import FluentKit
import SQLKit
import Foundation
import XCTest
@testable import GongkaiApp

/// The bulk import writes items and their first history step with its own INSERTs (issue 21); they
/// must hold exactly what Fluent would have written.
final class ImportRowsTests: XCTestCase {
    static func databaseKeys(_ model: some Fields) -> [String] {
        model.properties.compactMap { $0 as? any AnyDatabaseProperty }.flatMap(\.keys).map(\.description)
    }

    func testColumnListsAreTheModelsFields() {
        XCTAssertEqual(Set(ImportRows.itemColumns), Set(Self.databaseKeys(InformationItem())))
        XCTAssertEqual(ImportRows.itemColumns.count, Self.databaseKeys(InformationItem()).count)
        XCTAssertEqual(Set(ImportRows.eventColumns), Set(Self.databaseKeys(ItemEvent())))
        XCTAssertEqual(ImportRows.eventColumns.count, Self.databaseKeys(ItemEvent()).count)
    }

    /// Every field, optional ones set and unset, reads back through the model as Fluent's own insert does.
    func testRowsReadBackAsFluentsOwn() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            // Items the full ones point to (successor, interpreted document).
            var other: UUID?
            func item(_ serial: Int, full: Bool) throws -> InformationItem {
                let i = InformationItem()
                i.id = UUID()
                i.organisationID = try f.deptA.requireID()
                i.indexNumber = "X-2024-\(serial)"; i.year = 2024; i.serial = serial
                i.title = "标题\(serial)"; i.documentNumber = "清民发〔2024〕\(serial)号"; i.coIssuers = full ? "县财政局" : ""
                i.writtenOn = "2024-03-01"; i.formedOn = "2024-03-02"; i.kind = "通知"; i.genre = "规范性文件"; i.topic = "民政"
                i.keywords = "救助"; i.summary = "摘要"; i.bodyHTML = "<p>正文 ' \" \\ ; -- x</p>"; i.columns = " shjz "
                i.attribute = "主动公开"; i.ground = full ? "第十五条" : nil; i.groundReason = full ? "理由" : ""
                i.reevaluateOn = full ? "2025-01-01" : nil; i.validity = "有效"; i.effectiveOn = full ? "2024-04-01" : nil
                i.expiresOn = full ? "2029-04-01" : nil; i.successorID = full ? other : nil; i.interpretsID = full ? other : nil
                i.needsInterpretation = full; i.interpretationForm = full ? "图解" : nil; i.qaText = full ? "问答" : nil
                i.mediaURL = full ? "https://example.gov.cn/v.mp4" : nil; i.status = "published"; i.reviewStep = full ? 2 : nil
                i.publishAt = full ? Date(timeIntervalSince1970: 1_717_000_000.25) : nil
                i.publishedAt = Date(timeIntervalSince1970: 1_717_171_717.5); i.authorID = try f.officerA.requireID()
                i.authorName = "信息员"; i.overrideReason = full ? "已核实" : nil; i.overrideBy = full ? "审核员" : nil
                i.version = 3; i.createdAt = Date(timeIntervalSince1970: 1_700_000_000.125); i.updatedAt = Date(timeIntervalSince1970: 1_700_000_001)
                return i
            }
            let base = try item(9, full: false)
            try await base.create(on: env.db)
            other = base.id
            for full in [true, false] {
                let ours = try item(full ? 1 : 2, full: full), fluents = try item(full ? 3 : 4, full: full)
                try await ImportRows.insert([ours], into: InformationItem.schema, columns: ImportRows.itemColumns, on: env.db,
                                            values: ImportRows.itemValues)
                try await fluents.create(on: env.db)
                let foundA = try await InformationItem.find(ours.id, on: env.db)
                let foundB = try await InformationItem.find(fluents.id, on: env.db)
                let a = try XCTUnwrap(foundA), b = try XCTUnwrap(foundB)
                var ja = try Self.fields(a), jb = try Self.fields(b)
                for key in ["id", "indexNumber", "serial", "title", "documentNumber"] { ja[key] = nil; jb[key] = nil }
                XCTAssertEqual(ja, jb, "full \(full)")
                XCTAssertEqual(a.serial, full ? 1 : 2)
                XCTAssertEqual(a.bodyHTML, ours.bodyHTML)
                XCTAssertEqual(a.ground, ours.ground)
                XCTAssertEqual(a.publishedAt, ours.publishedAt)
            }

            let event = ItemEvent()
            event.id = UUID(); event.itemID = try XCTUnwrap(other); event.sequence = 1; event.action = "imported"; event.actorName = "命令行"
            event.note = "导入时检查发现：错别字1处"; event.at = Date(timeIntervalSince1970: 1_717_171_717.75)
            try await ImportRows.insert([event], into: ItemEvent.schema, columns: ImportRows.eventColumns, on: env.db,
                                        values: ImportRows.eventValues)
            let foundEvent = try await ItemEvent.find(event.id, on: env.db)
            let back = try XCTUnwrap(foundEvent)
            XCTAssertEqual([back.itemID.uuidString, String(back.sequence), back.action, back.actorName, back.note],
                           [event.itemID.uuidString, "1", "imported", "命令行", event.note])
            XCTAssertEqual(back.at, event.at)
        }
    }

    /// SQLite's index holds a batch's terms in memory (M052, raised by M053) instead of 1 MiB at a time.
    func testSQLiteIndexHoldsABatchInMemory() async throws {
        try await withEnvironment { env in
            guard env.services.database.dialect.kind == .sqlite, let sql = env.db as? any SQLDatabase else { return }
            for table in ["item_search", "item_search_titles"] {
                let v = try await sql.raw(SQLQueryString("SELECT v FROM \(table)_config WHERE k = 'hashsize'")).first()?.decode(column: "v", as: Int.self)
                XCTAssertEqual(v, 33_554_432, table)
            }
        }
    }

    static func fields(_ item: InformationItem) throws -> [String: String] {
        let data = try JSONEncoder().encode(item)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return object.mapValues { "\($0)" }
    }
}
