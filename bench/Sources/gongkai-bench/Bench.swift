import ArgumentParser
import FluentKit
import Foundation
import GongkaiApp
import GongkaiDomain
import Logging

/// `gongkai-bench`: the search and page benchmark's tools (see bench/README.md). The database
/// comes from the same environment as `gongkai` (DATABASE_URL, GONGKAI_DATA_DIR).
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai-bench",
        abstract: "Benchmark tools: generate and load documents, check phrase completeness, compare with LIKE.",
        subcommands: [Load.self, Phrases.self, Like.self, IndexLatency.self])

    static func withServices<T: Sendable>(_ body: @Sendable (AppServices) async throws -> T) async throws -> T {
        var logger = Logger(label: "gongkai-bench")
        logger.logLevel = .warning
        let config = try AppConfig.fromEnvironment(ProcessInfo.processInfo.environment)
        let database = try DatabaseService(config: config, logger: logger)
        do {
            try await database.migrate()
            let services = try AppServices(config: config, database: database, logger: logger)
            let r = try await body(services)
            await database.shutdown()
            return r
        } catch {
            await database.shutdown()
            throw error
        }
    }

    /// The twenty administrative organs of the demo county that the documents are spread over.
    static func organisations(_ services: AppServices) async throws -> [Organisation] {
        let all = try await Organisation.query(on: services.db).sort(\.$id).all().filter { $0.kind.isAdministrativeOrgan && $0.isActive }
        guard all.count >= DocumentGenerator.organisationCount else { throw ValidationError("need \(DocumentGenerator.organisationCount) organisations, found \(all.count)") }
        return Array(all.prefix(DocumentGenerator.organisationCount))
    }

    static func write(_ object: [String: Any], to path: String?) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        if let path {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path))
        }
        print(String(decoding: data, as: UTF8.self))
    }
}

struct QueryLine: Sendable {
    let text: String
    let filters: [String: String]

    static func read(_ path: String) throws -> [QueryLine] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            let l = String(line)
            if l.trimmingCharacters(in: .whitespaces).isEmpty || l.hasPrefix("#") { return nil }
            let fields = l.split(separator: "\t").map(String.init)
            var filters: [String: String] = [:]
            for f in fields.dropFirst() {
                for pair in f.split(separator: "&") {
                    let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    if kv.count == 2 { filters[kv[0]] = kv[1] }
                }
            }
            return QueryLine(text: fields[0], filters: filters)
        }
    }
}
