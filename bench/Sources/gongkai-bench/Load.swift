import ArgumentParser
import FluentKit
import Foundation
import GongkaiApp
import GongkaiDomain

/// Loads the demo county, then N generated documents through `BulkImport` (the app's own storage:
/// items, history, search index, column lists, audit), reporting documents per second.
struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate and load N documents into the configured database.")

    @Option(help: "Number of documents.") var count: Int = 100_000
    @Option(help: "Seed of the generator.") var seed: UInt64 = 2026
    @Option(help: "Word lists.") var vocabulary = "bench/vocabulary.txt"
    @Option(help: "Documents per organisation per transaction (FTS5 writes one segment per transaction: 2,500 left it a fifth less merging than 1,000 on the benchmark's text).") var batch = 2_500
    @Option(help: "Where to write the JSON summary.") var out: String?
    @Flag(help: "PostgreSQL: drop the search indexes by year before loading and build them after (timed as part of the load).") var indexAfter = false

    func run() async throws {
        let vocabulary = try Vocabulary(path: vocabulary)
        let generator = DocumentGenerator(vocabulary: vocabulary, total: count, seed: seed)
        let (count, batch, out, indexAfter) = (count, batch, out, indexAfter)
        try await Bench.withServices { services in
            _ = try await DemoCounty(services: services).loadIfEmpty()
            try await SearchProbe(services: services).prepareIndexes()
            if indexAfter { try await SearchProbe(services: services).dropIndexes() }
            let orgs = try await Bench.organisations(services)
            guard let author = try await StaffUser.query(on: services.db).filter(\.$username == "admin").first() else {
                throw ValidationError("the demo administrator is missing")
            }
            let importer = BulkImport(services: services)
            let actor = AuditActor.commandLine("gongkai-bench load")
            var pending = Array(repeating: [BulkImport.Document](), count: orgs.count)
            var loaded = 0, textChars = 0, textBytes = 0
            // Batches are stored while the next is prepared (checks, sanitising: the CPU part). SQLite
            // has one writer, so one batch at a time; PostgreSQL writes each transaction in its own
            // server process, so two batches of different organisations (numbers are per
            // organisation) are stored at once.
            let checker = try await importer.checker()
            let inFlight = SearchProbe(services: services).isPostgres ? 2 : 1
            var storing: [(org: Int, task: Task<(count: Int, seconds: Double), any Error>)] = []
            // Where the wall time goes: preparing batches, waiting for a store to finish, and the
            // stores' own durations (on SQLite the stores are one sequence: their sum against the
            // wall time says how busy the one writer was).
            var preparing = 0.0, waiting = 0.0, stored = 0.0, generating = 0.0
            func collect(_ at: Int) async throws {
                let began = Date()
                let done = try await storing.remove(at: at).task.value
                waiting += Date().timeIntervalSince(began)
                loaded += done.count
                stored += done.seconds
            }
            func submit(_ docs: [BulkImport.Document], to org: Organisation) async throws {
                let began = Date()
                let prepared = try await importer.prepare(docs, in: org, checker: checker)
                preparing += Date().timeIntervalSince(began)
                while let same = storing.firstIndex(where: { $0.org == org.id! }) ?? (storing.count >= inFlight ? 0 : nil) {
                    try await collect(same)
                }
                storing.append((org.id!, Task {
                    let began = Date()
                    let count = try await importer.store(prepared, author: author, actor: actor).ids.count
                    return (count, Date().timeIntervalSince(began))
                }))
            }
            let chunk = 2_000
            let started = Date()
            var lastReport = started
            // Generation of the next chunk runs beside the writing of this one.
            func generate(_ range: Range<Int>) async -> [GeneratedDocument] {
                await Task.detached { range.map(generator.document) }.value
            }
            var next = await generate(0..<min(count, chunk))
            var position = next.count
            while !next.isEmpty {
                let current = next
                async let upcoming = generate(position..<min(count, position + chunk))
                for g in current {
                    textChars += g.textCharacters
                    textBytes += g.textBytes
                    pending[g.organisationSlot].append(BulkImport.Document(
                        title: g.title, bodyHTML: g.bodyHTML, documentNumber: g.documentNumber, writtenOn: g.writtenOn, kind: g.kind,
                        genre: g.genre, topic: g.topic, columns: [g.column], validity: g.validity, publishedAt: g.publishedAt))
                    if pending[g.organisationSlot].count >= batch {
                        try await submit(pending[g.organisationSlot], to: orgs[g.organisationSlot])
                        pending[g.organisationSlot] = []
                    }
                }
                let began = Date()
                next = await upcoming
                generating += Date().timeIntervalSince(began)
                position += next.count
                if Date().timeIntervalSince(lastReport) > 30 {
                    lastReport = Date()
                    let s = lastReport.timeIntervalSince(started)
                    FileHandle.standardError.write(Data("loaded \(loaded) in \(Int(s)) s (\(Int(Double(loaded) / s))/s)\n".utf8))
                }
            }
            for (slot, docs) in pending.enumerated() where !docs.isEmpty {
                try await submit(docs, to: orgs[slot])
            }
            while !storing.isEmpty { try await collect(0) }
            // As `gongkai import` ends: PostgreSQL's pending index rows moved into the index (timed).
            let finishing = Date()
            await importer.finish()
            let finishingSeconds = Date().timeIntervalSince(finishing)
            var indexing = 0.0
            if indexAfter {
                let began = Date()
                try await SearchProbe(services: services).prepareIndexes()
                indexing = Date().timeIntervalSince(began)
            }
            let seconds = Date().timeIntervalSince(started)
            try Bench.write([
                "documents": loaded, "seconds": (seconds * 10).rounded() / 10, "documentsPerSecond": Int(Double(loaded) / seconds),
                "preparingSeconds": (preparing * 10).rounded() / 10, "waitingForStoreSeconds": (waiting * 10).rounded() / 10,
                "storingSeconds": (stored * 10).rounded() / 10,
                "waitingForGeneratorSeconds": (generating * 10).rounded() / 10,
                "indexingAfterSeconds": (indexing * 10).rounded() / 10,
                "finishingSeconds": (finishingSeconds * 10).rounded() / 10,
                "textCharacters": textChars, "textBytes": textBytes, "averageCharacters": loaded > 0 ? textChars / loaded : 0,
                "organisations": orgs.map { ["id": $0.id!, "name": $0.name] },
            ], to: out)
        }
    }
}
