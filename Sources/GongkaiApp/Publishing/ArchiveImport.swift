import FluentKit
import Foundation
import GongkaiDomain

/// `gongkai import FILE`: the archive of an earlier website as JSON Lines, one document per line,
/// published through `BulkImport` in batches. Every line of a batch is read and checked before any
/// is stored; a bad line stops the import with a Chinese message naming it, and the batches before
/// it stay imported (the message says how far it got).
public struct ArchiveImport: Sendable {
    /// One line of the file.
    struct Line: Decodable {
        let title: String
        let body_html: String
        let document_number: String?
        let written_on: String
        /// YYYY-MM-DD (10:00 that day, Beijing time) or an ISO 8601 instant.
        let published_on: String
        let kind: String?
        let genre: String?
        let topic: String?
        let columns: [String]
        let validity: String?
        /// Paths of files to attach, relative to the import file's folder.
        let attachments: [String]?
    }

    public struct Problem: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        /// Documents stored before the failing batch.
        public let imported: Int
        public var description: String {
            "第\(line)行：\(message)" + (imported > 0 ? "（此前的 \(imported) 条已导入；本批未导入）" : "（未导入任何信息）")
        }
    }

    public struct Summary: Sendable {
        public let imported: Int
        public let withFindings: Int
        public let withSevereFindings: Int
    }

    /// A line longer than this is refused (a body of several megabytes is not a web page).
    public static let maxLineBytes = 8 * 1024 * 1024

    let services: AppServices

    public init(services: AppServices) {
        self.services = services
    }

    /// Imports `file` into the organisation `organisationID`, as published by the account `author`.
    /// `progress` gets one line per stored batch.
    public func run(file: URL, organisationID: Int, author: String, batchSize: Int = 500,
                    progress: @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        guard (1...5_000).contains(batchSize) else { throw Problem(line: 0, message: "每批条数应为1–5000", imported: 0) }
        guard let org = try await Organisation.find(organisationID, on: services.db), org.isActive else {
            throw Problem(line: 0, message: "找不到编号为 \(organisationID) 的机构（或已停用）", imported: 0)
        }
        guard let user = try await StaffUser.query(on: services.db).filter(\.$username == author).first() else {
            throw Problem(line: 0, message: "找不到用户名为“\(author)”的账户", imported: 0)
        }
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw Problem(line: 0, message: "无法读取文件“\(file.path)”", imported: 0)
        }
        defer { try? handle.close() }
        let folder = file.deletingLastPathComponent()
        let importer = BulkImport(services: services)
        let checker = try await importer.checker()
        let topics = try await CheckTermStore(services: services).topics()
        let actor = AuditActor.commandLine("gongkai import \(file.lastPathComponent)")
        var imported = 0, flagged = 0, severe = 0
        var batch: [(line: Int, doc: BulkImport.Document)] = []
        var reader = LineReader(handle: handle, limit: Self.maxLineBytes)
        // The batch being stored while the next one is read and checked (the checks are the CPU
        // part, the writes one sequence), with its last line for the progress report.
        var storing: (task: Task<BulkImport.Batch, any Error>, count: Int, lastLine: Int)?

        /// Waits for the batch being stored and counts it.
        func finishStoring() async throws {
            guard let s = storing else { return }
            storing = nil
            let stored = try await s.task.value
            flagged += stored.withFindings
            severe += stored.withSevereFindings
            imported += s.count
            progress("已导入 \(imported) 条（至第\(s.lastLine)行）")
        }

        /// Stops at a bad line; the batches before it stay imported, as the message says.
        func fail(_ line: Int, _ message: String) async throws -> Never {
            try await finishStoring()
            throw Problem(line: line, message: message, imported: imported)
        }

        func flush() async throws {
            guard !batch.isEmpty else { return }
            let prepared: BulkImport.Prepared
            do {
                prepared = try await importer.prepare(batch.map(\.doc), in: org, checker: checker)
            } catch let p as BulkImport.Problem {
                try await fail(batch[p.position].line, p.message)
            }
            try await finishStoring()
            storing = (Task { try await importer.store(prepared, author: user, actor: actor) }, batch.count, batch.last!.line)
            batch = []
        }

        do {
            while let (number, line) = try reader.next() {
                guard let text = line else { try await fail(number, "这一行超过 \(Self.maxLineBytes / 1024 / 1024) MB") }
                if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                do {
                    batch.append((number, try document(from: text, folder: folder, topics: topics)))
                } catch let message as LineError {
                    try await fail(number, message.text)
                }
                if batch.count >= batchSize { try await flush() }
            }
            try await flush()
            try await finishStoring()
            await importer.finish()
        } catch {
            // Nothing is left writing after this returns, whatever stopped it.
            if let s = storing { _ = try? await s.task.value }
            throw error
        }
        return Summary(imported: imported, withFindings: flagged, withSevereFindings: severe)
    }

    struct LineError: Error { let text: String }

    /// One line as a document, every field checked (the batch is stored only if all are good).
    func document(from text: String, folder: URL, topics: [TopicCategory]) throws -> BulkImport.Document {
        let l: Line
        do {
            l = try JSONDecoder().decode(Line.self, from: Data(text.utf8))
        } catch DecodingError.keyNotFound(let key, _) {
            throw LineError(text: "缺少字段“\(key.stringValue)”")
        } catch DecodingError.typeMismatch(_, let c) {
            throw LineError(text: "字段“\(c.codingPath.map(\.stringValue).joined(separator: "."))”的类型不对")
        } catch {
            throw LineError(text: "不是有效的 JSON")
        }
        guard let written = CivilDate(iso: l.written_on) else { throw LineError(text: "成文日期“\(l.written_on)”应为 YYYY-MM-DD") }
        guard let published = Self.instant(l.published_on) else {
            throw LineError(text: "发布日期“\(l.published_on)”应为 YYYY-MM-DD 或 ISO 8601 时间")
        }
        guard published <= services.clock.now() else { throw LineError(text: "发布日期“\(l.published_on)”晚于今天") }
        guard SiteClock.day(of: published) >= written else { throw LineError(text: "发布日期早于成文日期") }
        var kind = InformationKind.other
        if let raw = l.kind {
            guard let k = InformationKind(rawValue: raw) ?? InformationKind.allCases.first(where: { $0.label == raw }) else {
                throw LineError(text: "类别“\(raw)”不存在，可用：\(InformationKind.allCases.map(\.label).joined(separator: "、"))")
            }
            kind = k
        }
        var validity = Validity.inForce
        if let raw = l.validity {
            guard let v = Validity(rawValue: raw) ?? Validity.allCases.first(where: { $0.label == raw }) else {
                throw LineError(text: "有效性“\(raw)”应为 有效、失效、废止 或 已修改")
            }
            validity = v
        }
        if let topic = l.topic, !topic.isEmpty, !TopicCategory.isKnown(topic, in: topics) {
            throw LineError(text: "主题分类“\(topic)”不在主题分类表中")
        }
        var files: [BulkImport.Attachment] = []
        for path in l.attachments ?? [] {
            // Only files beside the import file or below it.
            let url = folder.appendingPathComponent(path).standardizedFileURL
            guard !path.hasPrefix("/"), url.path.hasPrefix(folder.standardizedFileURL.path + "/") else {
                throw LineError(text: "附件路径“\(path)”应在导入文件所在的文件夹内")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
            guard let bytes = size else { throw LineError(text: "找不到附件“\(path)”") }
            guard bytes <= services.config.uploadMaxBytes else {
                throw LineError(text: "附件“\(path)”超过 \(services.config.uploadMaxBytes / 1024 / 1024) MB")
            }
            guard let data = FileManager.default.contents(atPath: url.path) else { throw LineError(text: "无法读取附件“\(path)”") }
            files.append(.init(name: url.lastPathComponent, data: [UInt8](data)))
        }
        return BulkImport.Document(title: l.title, bodyHTML: l.body_html, documentNumber: l.document_number ?? "", writtenOn: written,
                                   kind: kind, genre: l.genre ?? "", topic: l.topic ?? "", columns: l.columns, validity: validity,
                                   publishedAt: published, attachments: files)
    }

    static func instant(_ raw: String) -> Date? {
        if let day = CivilDate(iso: raw) { return SiteClock.instant(day, hour: 10, minute: 0) }
        return ISO8601DateFormatter().date(from: raw)
    }
}

/// Lines of a file, read in chunks; a line longer than `limit` comes back as nil (and is skipped
/// to its end) instead of being held in memory.
struct LineReader {
    let handle: FileHandle
    let limit: Int
    var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts (lines are not cut off the front one by one).
    var start = 0
    var number = 0
    var atEnd = false

    init(handle: FileHandle, limit: Int) {
        self.handle = handle
        self.limit = limit
    }

    mutating func next() throws -> (Int, String?)? {
        var overlong = false
        var searched = start
        while true {
            if let lf = buffer[searched...].firstIndex(of: 10) {
                number += 1
                var end = lf
                if end > start, buffer[end - 1] == 13 { end -= 1 }
                let line = overlong ? nil : String(decoding: buffer[start..<end], as: UTF8.self)
                start = lf + 1
                return (number, line)
            }
            if buffer.count - start > limit {
                overlong = true
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            if atEnd {
                guard start < buffer.count || overlong else { return nil }
                number += 1
                defer { buffer = []; start = 0 }
                return (number, overlong ? nil : String(decoding: buffer[start...], as: UTF8.self))
            }
            // Drop what has been read before reading more.
            if start > 0 { buffer.removeSubrange(..<start); start = 0 }
            searched = buffer.count
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer += chunk }
        }
    }
}
