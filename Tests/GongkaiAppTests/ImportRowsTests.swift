import FluentKit
import GongkaiDomain
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

    /// A batch's ids are made in order (TimeOrderedIDs): the database sorts the batch's items, and
    /// their history rows, in the order the batch gave them, so its rows append to the id indexes.
    func testABatchsRowsSortInTheOrderTheyWereMade() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let docs = (0..<40).map { n in
                BulkImport.Document(title: "导入的文件\(n)", bodyHTML: "<p>正文\(n)</p>", documentNumber: "", writtenOn: CivilDate(year: 2020, month: 1, day: 1 + n % 28)!,
                                    kind: .notice, genre: "", topic: "", columns: ["shjz"], validity: .inForce,
                                    publishedAt: Date(timeIntervalSince1970: 1_600_000_000 - Double(n) * 86_400))
            }
            let batch = try await BulkImport(services: env.services).publish(docs, in: f.deptA, author: f.officerA, actor: .commandLine("test"))
            XCTAssertEqual(batch.ids.count, 40)
            let sql = try XCTUnwrap(env.db as? any SQLDatabase)
            let byID = try await sql.raw("SELECT id FROM information_items WHERE id IN (\(binds: batch.ids)) ORDER BY id").all()
                .map { try $0.decode(column: "id", as: UUID.self) }
            XCTAssertEqual(byID, batch.ids, "the database orders the items as they were made")
            let events = try await sql.raw("SELECT item_id FROM item_events WHERE item_id IN (\(binds: batch.ids)) ORDER BY id").all()
                .map { try $0.decode(column: "item_id", as: UUID.self) }
            XCTAssertEqual(events, batch.ids, "and their history rows")
            XCTAssertTrue(batch.ids.allSatisfy { Array($0.uuidString)[14] == "7" }, "version 7 ids")
        }
    }

    /// M054 dropped M022's second index on (organisation_id, year, serial); the unique constraint
    /// still indexes those columns and still refuses a second item with the same serial.
    func testTheSerialIsIndexedOnceAndStaysUnique() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let sql = try XCTUnwrap(env.db as? any SQLDatabase)
            if env.services.database.dialect.kind == .sqlite {
                var covering: [String] = []
                for index in try await sql.raw("PRAGMA index_list(information_items)").all() {
                    let name = try index.decode(column: "name", as: String.self)
                    let columns = try await sql.raw(SQLQueryString("PRAGMA index_info(\"\(name)\")")).all()
                        .map { try $0.decode(column: "name", as: String.self) }
                    if columns == ["organisation_id", "year", "serial"] { covering.append(name) }
                }
                XCTAssertEqual(covering.count, 1, "\(covering)")
            } else {
                let defs = try await sql.raw("SELECT indexdef FROM pg_indexes WHERE tablename = 'information_items'").all()
                    .map { try $0.decode(column: "indexdef", as: String.self) }
                XCTAssertEqual(defs.filter { $0.contains("(organisation_id, year, serial)") }.count, 1, "\(defs)")
            }
            let docs = [BulkImport.Document(title: "第一件", bodyHTML: "<p>正文</p>", documentNumber: "", writtenOn: CivilDate(year: 2021, month: 5, day: 1)!,
                                            kind: .notice, genre: "", topic: "", columns: ["shjz"], validity: .inForce, publishedAt: Date(timeIntervalSince1970: 1_620_000_000))]
            let batch = try await BulkImport(services: env.services).publish(docs, in: f.deptA, author: f.officerA, actor: .commandLine("test"))
            let found = try await InformationItem.find(batch.ids[0], on: env.db)
            // The stored item again under another id and 索引号, with its organisation, year and serial.
            let twin = try XCTUnwrap(found)
            twin.id = UUID()
            twin.indexNumber += "-另"
            do {
                try await ImportRows.insert([twin], into: InformationItem.schema, columns: ImportRows.itemColumns, on: env.db,
                                            values: ImportRows.itemValues)
                XCTFail("a second item with the same organisation, year and serial was stored")
            } catch {}
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
