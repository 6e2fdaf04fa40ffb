import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// Documents brought over in bulk (the archive of an earlier website: `gongkai import`; the search
/// benchmark): published 主动公开 items with their own dates, numbered with the organisation's 索引号
/// pattern, sanitised like any body, attachments checked by content like an upload, the content
/// checks run over title, body and attachment text with the findings written into the "imported"
/// step of each item's history, indexed for search and the column lists, one audit record per batch.
/// A batch is one transaction: all or nothing.
public struct BulkImport: Sendable {
    public struct Document: Sendable {
        public var title: String
        public var bodyHTML: String
        public var documentNumber: String
        public var writtenOn: CivilDate
        public var kind: InformationKind
        public var genre: String
        public var topic: String
        public var columns: [String]
        public var validity: Validity
        public var publishedAt: Date
        public var attachments: [Attachment]

        public init(title: String, bodyHTML: String, documentNumber: String, writtenOn: CivilDate, kind: InformationKind, genre: String,
                    topic: String, columns: [String], validity: Validity, publishedAt: Date, attachments: [Attachment] = []) {
            self.attachments = attachments
            self.title = title
            self.bodyHTML = bodyHTML
            self.documentNumber = documentNumber
            self.writtenOn = writtenOn
            self.kind = kind
            self.genre = genre
            self.topic = topic
            self.columns = columns
            self.validity = validity
            self.publishedAt = publishedAt
        }
    }

    /// A file to attach, as read from disk.
    public struct Attachment: Sendable {
        public var name: String
        public var data: [UInt8]

        public init(name: String, data: [UInt8]) {
            self.name = name
            self.data = data
        }
    }

    /// What a stored batch holds.
    public struct Batch: Sendable {
        public let ids: [UUID]
        /// Items where the content checks found something (recorded in their history).
        public let withFindings: Int
        /// Items with personal data or sensitive words: the office should look at them.
        public let withSevereFindings: Int
    }

    public struct Problem: Error, CustomStringConvertible {
        public let position: Int
        public let message: String
        public var description: String { "第\(position + 1)条：\(message)" }
    }

    let services: AppServices
    /// Shared by the copies of this import (two batches may be stored at once).
    let statistics = ImportStatistics()

    public init(services: AppServices) {
        self.services = services
    }

    /// One checked attachment, ready to store.
    struct CheckedFile: Sendable {
        let name: String
        let type: AttachmentType
        let data: [UInt8]
        let hash: String
        let text: String?
    }

    /// A batch checked and made ready without the database: its documents validated, attachments
    /// checked, the content checks run, bodies sanitised and turned into the index's plain text.
    /// This is the CPU part of an import; `store` is the database part. A loader can prepare the
    /// next batch while the last one is stored (the writes are one sequence and leave a core idle).
    public struct Prepared: Sendable {
        let organisation: Organisation
        let docs: [Document]
        let files: [[CheckedFile]]
        let findings: [[Finding]]
        /// Sanitised bodies, the index terms of their plain text, of the titles and of the
        /// attachments' text, in the order of `docs`.
        let bodies: [String]
        let bodyTerms: [String]
        let titleTerms: [String]
        let attachmentTerms: [[String]]
    }

    /// Checks, numbers and stores `docs` for `org`; returns their ids in order and what the checks found.
    @discardableResult
    public func publish(_ docs: [Document], in org: Organisation, author: StaffUser, actor: AuditActor) async throws -> Batch {
        try await store(try await prepare(docs, in: org, checker: try await checker()), author: author, actor: actor)
    }

    /// After an import's last batch: on PostgreSQL the search index's pending rows are moved into
    /// the index now (`PostgresSearchSlices.flushPending`), so the first searches do not read them.
    /// Returns the pending pages moved (0 on SQLite, whose FTS5 index has no such list). Everything
    /// is stored by then, so a failure here is logged, not thrown (and counts 0).
    @discardableResult
    public func finish() async -> Int {
        guard SQLDialects.of(services.db).kind == .postgres else { return 0 }
        return await PostgresSearchSlices.flushPending(on: services.db, logger: services.logger) ?? 0
    }

    /// The content checks as the office has set them (read once per import: `prepare` then needs
    /// no database, so it can run while another batch is being stored).
    public func checker() async throws -> ContentChecker {
        try await CheckTermStore(services: services).checker()
    }

    /// Validates and checks `docs` for `org` on all cores; throws `Problem` for the first bad one.
    public func prepare(_ docs: [Document], in org: Organisation, checker: ContentChecker) async throws -> Prepared {
        let allowed = Set(DisclosureColumn.columns(for: org.kind).map(\.key))
        var checkedFiles: [[CheckedFile]] = []
        for (n, d) in docs.enumerated() {
            let title = d.title.trimmingSpaces()
            if title.isEmpty || title.count > 200 { throw Problem(position: n, message: "标题应为1–200字") }
            if d.columns.isEmpty { throw Problem(position: n, message: "至少选择一个栏目") }
            if let bad = d.columns.first(where: { !allowed.contains($0) }) { throw Problem(position: n, message: "栏目“\(bad)”不适用于\(org.name)") }
            do { checkedFiles.append(try checked(d.attachments)) } catch let failure as AttachmentStore.Failure {
                guard case .invalid(let message) = failure else { throw failure }
                throw Problem(position: n, message: message)
            }
        }
        let files = checkedFiles
        // The same checks as a review screen, which reads the stored (sanitised) body: over title,
        // body and attachment text. The body's plain text is made once, for the checks and the index.
        let done: [(findings: [Finding], body: String, terms: String, title: String, attachments: [String])] = await Self.parallelMap(Array(docs.indices)) { n in
            let body = HTMLSanitizer.sanitize(docs[n].bodyHTML)
            let text = HTMLSanitizer.plainText(body)
            let findings = checker.check(title: docs[n].title, bodyHTML: body, bodyText: text,
                                         extra: files[n].compactMap { f in f.text.map { (source: "附件：\(f.name)", text: $0) } })
            return (findings, body, SearchTokenizer.indexTerms(text),
                    SearchTokenizer.indexTerms(docs[n].title.trimmingSpaces()), files[n].compactMap(\.text).map(SearchTokenizer.indexTerms))
        }
        return Prepared(organisation: org, docs: docs, files: files, findings: done.map(\.findings), bodies: done.map(\.body),
                        bodyTerms: done.map(\.terms), titleTerms: done.map(\.title), attachmentTerms: done.map(\.attachments))
    }

    /// Numbers and stores a prepared batch in one transaction: items, their first history steps,
    /// attachments, the search index, the column lists and one audit record.
    @discardableResult
    public func store(_ batch: Prepared, author: StaffUser, actor: AuditActor) async throws -> Batch {
        let org = batch.organisation
        let orgID = try org.requireID()
        let (docs, files, findings) = (batch.docs, batch.files, batch.findings)
        let pattern = try await PublishingDesk(services: services).settings(for: orgID).indexPattern
        let authorID = try author.requireID()
        let audit = services.audit
        let stored = try await services.db.transaction { db in
            var nextSerial = try await Self.lastSerials(of: orgID, in: Set(docs.map(\.writtenOn.year)), on: db).mapValues { $0 + 1 }
            var items: [InformationItem] = []
            let now = services.clock.now()
            // Ids in the order they are made: the batch's rows append to the id indexes instead of
            // landing on thousands of scattered pages (TimeOrderedIDs).
            var ids = TimeOrderedIDs()
            for (n, d) in docs.enumerated() {
                let year = d.writtenOn.year
                if nextSerial[year] == nil { nextSerial[year] = 1 }
                let item = InformationItem()
                item.id = ids.next(at: now)
                item.organisationID = orgID
                item.year = year
                item.serial = nextSerial[year]!
                nextSerial[year]! += 1
                item.indexNumber = pattern.format(creditCode: org.creditCode ?? "", organisationID: orgID, year: year, serial: item.serial)
                item.title = d.title.trimmingSpaces()
                item.documentNumber = d.documentNumber
                item.coIssuers = ""
                item.writtenOn = d.writtenOn.description
                item.formedOn = d.writtenOn.description
                item.kind = d.kind.rawValue
                item.genre = d.genre
                item.topic = d.topic
                item.keywords = ""
                item.summary = ""
                item.bodyHTML = batch.bodies[n]
                item.columns = " " + d.columns.joined(separator: " ") + " "
                item.attribute = DisclosureAttribute.proactive.rawValue
                item.groundReason = ""
                item.validity = d.validity.rawValue
                item.needsInterpretation = false
                item.status = ReviewFlow.State.published.stored.status
                item.publishedAt = d.publishedAt
                item.authorID = authorID
                item.authorName = author.displayName
                item.version = 1
                item.createdAt = now
                item.updatedAt = now
                items.append(item)
            }
            // The body's and title's terms were made in `prepare`; the 索引号 is known only now.
            let search = items.enumerated().map { n, i in
                // Keywords and summary are empty on imported items.
                SearchDocument(itemID: i.id!, title: i.title, titleTerms: batch.titleTerms[n],
                               textTerms: SearchService.indexedTerms(plainTextTerms: batch.bodyTerms[n], documentNumber: i.documentNumber,
                                                                     indexNumber: i.indexNumber, keywords: "", summary: "",
                                                                     attachmentTerms: batch.attachmentTerms[n]),
                               facets: SearchFacets.terms(organisationID: i.organisationID, kind: i.kind, topic: i.topic,
                                                          validity: i.validity, writtenOn: i.writtenOn),
                               published: (i.publishedAt ?? now).timeIntervalSince1970)
            }
            try await ImportRows.insert(items, into: InformationItem.schema, columns: ImportRows.itemColumns, on: db,
                                        values: ImportRows.itemValues)
            let events = items.enumerated().map { n, item in
                let e = ItemEvent()
                e.id = ids.next(at: now)
                e.itemID = item.id!
                e.sequence = 1
                e.action = ItemHistoryAction.imported.rawValue
                e.actorName = actor.name
                e.note = Self.summary(findings[n])
                e.at = now
                return e
            }
            try await ImportRows.insert(events, into: ItemEvent.schema, columns: ImportRows.eventColumns, on: db,
                                        values: ImportRows.eventValues)
            try await Self.store(files, of: items, at: now, on: db)
            try await SearchIndexes.forDatabase(db).insertNew(search, on: db)
            try await ColumnListing.insertNew(items, on: db)
            try await audit.record(on: db, actor: actor, organisationID: orgID, entity: .informationItem,
                                   entityID: items.first?.indexNumber ?? "", action: "批量导入",
                                   changes: [.init(field: "count", before: nil, after: String(items.count))])
            return Batch(ids: items.map { $0.id! }, withFindings: findings.filter { !$0.isEmpty }.count,
                         withSevereFindings: findings.filter { $0.contains(where: \.isSevere) }.count)
        }
        if statistics.add(docs.count) { await ImportStatistics.analyze(on: services.db, logger: services.logger) }
        return stored
    }

    /// The highest 索引号 serial of `org` in each of `years` that has one, in one statement (a
    /// batch spans many years; reading the newest item per year was a query and a whole row each).
    static func lastSerials(of org: Organisation.IDValue, in years: Set<Int>, on db: any Database) async throws -> [Int: Int] {
        guard let sql = db as? any SQLDatabase else { throw ImportRows.ImportRowsError.notSQL }
        guard !years.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT year, MAX(serial) AS last FROM \(ident: InformationItem.schema)
            WHERE organisation_id = \(bind: org) AND year IN (\(binds: Array(years))) GROUP BY year
            """).all()
        var last: [Int: Int] = [:]
        for row in rows { last[try row.decode(column: "year", as: Int.self)] = try row.decode(column: "last", as: Int.self) }
        return last
    }

    /// Attachments are checked like an upload (size, type by content, Word/Excel readable within
    /// the decompression budget), with their text extracted once.
    func checked(_ attachments: [Attachment]) throws -> [CheckedFile] {
        guard attachments.count <= AttachmentStore.maxPerItem else {
            throw AttachmentStore.Failure.invalid("每条信息最多\(AttachmentStore.maxPerItem)个附件")
        }
        return try attachments.map { a in
            let (type, text) = try AttachmentStore.check(name: a.name, data: a.data, limit: services.config.uploadMaxBytes)
            return CheckedFile(name: AttachmentType.safeName(a.name, type: type), type: type, data: a.data,
                               hash: Tokens.sha256Hex(bytes: a.data), text: text)
        }
    }

    /// Stores each file once per content and links it to its item.
    static func store(_ files: [[CheckedFile]], of items: [InformationItem], at now: Date, on db: any Database) async throws {
        let hashes = Set(files.flatMap { $0.map(\.hash) })
        guard !hashes.isEmpty else { return }
        var known = Set(try await StoredFile.query(on: db).filter(\.$sha256 ~~ Array(hashes)).field(\.$sha256).all().map(\.sha256))
        for (n, item) in items.enumerated() {
            for f in files[n] {
                if !known.contains(f.hash) {
                    try await StoredFile(sha256: f.hash, data: f.data, type: f.type, at: now).create(on: db)
                    known.insert(f.hash)
                }
                let a = ItemAttachment()
                a.id = UUID(); a.itemID = item.id!; a.sha256 = f.hash; a.displayName = f.name; a.type = f.type.rawValue
                a.size = f.data.count; a.createdAt = now; a.text = f.text
                try await a.create(on: db)
            }
        }
    }

    /// `transform` of every element, in order, on all cores but one, in a few slices, on Dispatch's
    /// threads rather than Swift's cooperative pool: a loader stores one batch while it prepares the
    /// next, and the store's many short steps (a statement each) need a cooperative thread between
    /// database calls. When the preparation held every cooperative thread the store stood still,
    /// and the two stages took turns instead of overlapping (one core busy of two; issue 21).
    static func parallelMap<R: Sendable>(_ indices: [Int], workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1),
                                         _ transform: @escaping @Sendable (Int) -> R) async -> [R] {
        let slices = max(1, min(workers, indices.count / 8))
        let size = (indices.count + slices - 1) / slices
        let results = SliceResults<R>(count: slices)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                DispatchQueue.concurrentPerform(iterations: slices) { s in
                    results.set(s, indices[min(indices.count, s * size)..<min(indices.count, (s + 1) * size)].map(transform))
                }
                done.resume()
            }
        }
        return results.joined()
    }

    /// Each slice's results, written by its own worker.
    final class SliceResults<R: Sendable>: @unchecked Sendable {
        private var slices: [[R]]
        private let lock = NSLock()

        init(count: Int) { slices = Array(repeating: [], count: count) }

        func set(_ slice: Int, _ values: [R]) { lock.withLock { slices[slice] = values } }

        func joined() -> [R] { lock.withLock { slices.flatMap { $0 } } }
    }

    /// The findings of the checks, counted by kind, for the item's history ("" when none).
    static func summary(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "" }
        var counts: [(label: String, n: Int)] = []
        for f in findings {
            if let i = counts.firstIndex(where: { $0.label == f.kind.label }) { counts[i].n += 1 } else { counts.append((f.kind.label, 1)) }
        }
        return "导入时检查发现：" + counts.map { "\($0.label)\($0.n)处" }.joined(separator: "、")
            + (findings.contains(where: \.isSevere) ? "（含个人信息或敏感词，请核查）" : "")
    }
}
