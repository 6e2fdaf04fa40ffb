import FluentKit
import Foundation
import GongkaiDomain
import NIOConcurrencyHelpers
import XCTest
@testable import GongkaiApp

/// `gongkai import FILE`: JSON Lines from an earlier website, in batches, all or nothing per batch,
/// with the content checks' findings in each item's history and attachments checked like uploads.
final class ArchiveImportTests: XCTestCase {
    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gk-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("files"), withIntermediateDirectories: true)
        return dir
    }

    func line(_ title: String, body: String = "<p>正文</p>", published: String = "2019-03-05", column: String = "shjz",
              extra: String = "") -> String {
        #"{"title": "\#(title)", "body_html": "\#(body)", "written_on": "2019-03-01", "published_on": "\#(published)", "kind": "公示公告", "columns": ["\#(column)"]\#(extra)}"#
    }

    func testImportsInBatchesWithChecksAndAttachments() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let dir = try folder()
            defer { try? FileManager.default.removeItem(at: dir) }
            // A Word name list with an ID number: the checks read attachment text too.
            let docx = DocxWriter.write(FormalDocument(title: "救助对象名单", paragraphs: [.init("张三 11010519491231002X")],
                                                       issuer: "测试县民政局", date: "2019年3月1日"))
            try Data(docx).write(to: dir.appendingPathComponent("files/名单.docx"))
            let lines = [
                line("2019年第一季度低保资金发放公示", extra: #", "attachments": ["files/名单.docx"]"#),
                line("关于开展临时救助工作的通知", published: "2019-04-10T02:00:00Z"),
                "",
                line("关于做好防汛工作的通知", body: "<p>联系人手机13812345678</p>", published: "2019-05-20"),
            ]
            let file = dir.appendingPathComponent("archive.jsonl")
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            let said = NIOLockedValueBox<[String]>([])
            let summary = try await ArchiveImport(services: env.services)
                .run(file: file, organisationID: f.deptA.id!, author: "officera", batchSize: 2, progress: { l in said.withLockedValue { $0.append(l) } })
            XCTAssertEqual(summary.imported, 3)
            XCTAssertEqual(summary.withSevereFindings, 2, "the ID number in the attachment and the mobile number in the body")
            XCTAssertEqual(said.withLockedValue { $0 }, ["已导入 2 条（至第2行）", "已导入 3 条（至第4行）"])

            let items = try await InformationItem.query(on: env.db).filter(\.$organisationID == f.deptA.id!).sort(\.$publishedAt).all()
            XCTAssertEqual(items.map(\.title), ["2019年第一季度低保资金发放公示", "关于开展临时救助工作的通知", "关于做好防汛工作的通知"])
            XCTAssertTrue(items.allSatisfy { $0.isPublic && $0.kindValue == .notice })
            XCTAssertEqual(SiteClock.day(of: items[1].publishedAt!).description, "2019-04-10")
            let attachment = try await ItemAttachment.query(on: env.db).filter(\.$itemID == items[0].id!).first()
            XCTAssertEqual(attachment?.displayName, "名单.docx")
            XCTAssertEqual(attachment?.typeValue, .docx)
            XCTAssertTrue(attachment?.text?.contains("11010519491231002X") ?? false, "the text is extracted once, at import")
            let note = try await ItemEvent.query(on: env.db).filter(\.$itemID == items[0].id!).first()?.note ?? ""
            XCTAssertTrue(note.hasPrefix("导入时检查发现："), note)
            XCTAssertTrue(note.contains("请核查"), note)
            let clean = try await ItemEvent.query(on: env.db).filter(\.$itemID == items[1].id!).first()?.note
            XCTAssertEqual(clean, "")
            // Searchable, attachment text included.
            let found = try await SearchService(services: env.services).search(SearchQuery("11010519491231002X"), filter: SearchFilter(), page: 1, perPage: 5)
            XCTAssertEqual(found.items.map(\.id), [items[0].id])
            // PostgreSQL: the import moved its rows out of the search index's pending lists
            // (PostgresSearchSlicesTests shows that storing alone leaves them there).
            if env.services.database.dialect.kind == .postgres {
                let pending = try await PostgresSearchSlices.flushPending(on: env.db)
                XCTAssertEqual(pending, 0)
            }
        }
    }

    func testABadLineStopsItsBatchAndNamesTheLine() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let dir = try folder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("archive.jsonl")
            func run(_ lines: [String]) async throws -> ArchiveImport.Problem? {
                try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
                do {
                    _ = try await ArchiveImport(services: env.services).run(file: file, organisationID: f.deptA.id!, author: "officera", batchSize: 2)
                    return nil
                } catch let p as ArchiveImport.Problem { return p }
            }
            let problem = try await run([line("第一批之一"), line("第一批之二"), line("第二批之一"), line("第二批之二", published: "2019-13-40")])
            XCTAssertEqual(problem?.description, "第4行：发布日期“2019-13-40”应为 YYYY-MM-DD 或 ISO 8601 时间（此前的 2 条已导入；本批未导入）")
            let titles = try await InformationItem.query(on: env.db).all().map(\.title)
            XCTAssertEqual(Set(titles), ["第一批之一", "第一批之二"])
            // Refused by the checks of a batch read while the one before it is being stored: that
            // one is finished and counted first.
            let checked = try await run([line("第三批之一"), line("第三批之二"), line("第四批之一", column: "nonsense")])
            XCTAssertEqual(checked?.description, "第3行：栏目“nonsense”不适用于测试县民政局（此前的 2 条已导入；本批未导入）")

            let cases: [(String, String)] = [
                ("{\"title\": 1}", "第1行：字段“title”的类型不对"),
                ("not json", "第1行：不是有效的 JSON"),
                (#"{"title": "x", "written_on": "2019-03-01", "published_on": "2019-03-05", "columns": ["shjz"]}"#, "第1行：缺少字段“body_html”"),
                (line("栏目不对", column: "nonsense"), "第1行：栏目“nonsense”不适用于测试县民政局"),
                (line("附件越界", extra: #", "attachments": ["../../etc/passwd"]"#), "第1行：附件路径“../../etc/passwd”应在导入文件所在的文件夹内"),
                (line("附件缺失", extra: #", "attachments": ["files/none.pdf"]"#), "第1行：找不到附件“files/none.pdf”"),
                (line("未来发布", published: "2999-01-01"), "第1行：发布日期“2999-01-01”晚于今天"),
                (line("类别不对", extra: #", "kind2": 1"#).replacingOccurrences(of: "公示公告", with: "公告栏"), "第1行：类别“公告栏”不存在，可用：" + InformationKind.allCases.map(\.label).joined(separator: "、")),
            ]
            for (text, expected) in cases {
                let p = try await run([text])
                XCTAssertEqual(p?.description, expected + "（未导入任何信息）")
            }
            // Not an image although it says so: refused by content, like an upload.
            try Data("not a picture".utf8).write(to: dir.appendingPathComponent("files/photo.png"))
            let fake = try await run([line("假图片", extra: #", "attachments": ["files/photo.png"]"#)])
            XCTAssertTrue(fake?.description.hasPrefix("第1行：“photo.png”不是可接受的文件") ?? false, fake?.description ?? "")
            let count = try await InformationItem.query(on: env.db).count()
            XCTAssertEqual(count, 4, "the two first batches of the two runs that got that far")
        }
    }
}
