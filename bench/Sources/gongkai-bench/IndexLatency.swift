import ArgumentParser
import Foundation
import GongkaiApp
import GongkaiDomain

/// Gongkai's search index alone, in this process, over the fixed queries with their filters: the
/// same measure as bench/anchors.py takes of Xapian and FTS5 trigram (one untimed pass, then the
/// list three times; each timing is the ranked first page and the count, no items read).
struct IndexLatency: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "index", abstract: "Time the search index alone over the query list (in-process).")

    @Option(help: "Query list.") var queries = "bench/queries.txt"
    @Option(help: "Passes over the list (after one untimed pass).") var passes = 3
    @Option(help: "Where to write the JSON summary.") var out: String?

    func run() async throws {
        let list = try QueryLine.read(queries)
        let (passes, out) = (passes, out)
        guard (1...20).contains(passes) else { throw ValidationError("passes: 1–20") }
        try await Bench.withServices { services in
            let probe = SearchProbe(services: services)
            let orgs = try await Bench.organisations(services).map { $0.id! }
            func run(_ q: QueryLine) async throws -> (ms: Double, total: Int) {
                let f = q.filters
                let org = f["org"].flatMap(Int.init).flatMap { (1...orgs.count).contains($0) ? orgs[$0 - 1] : nil }
                let t = Date()
                let r = try await probe.indexSearch(q.text, organisationID: org, kind: f["kind"], validity: f["validity"],
                                                    fromYear: f["from"].flatMap(Int.init), toYear: f["to"].flatMap(Int.init))
                return (Date().timeIntervalSince(t) * 1000, r.total)
            }
            for q in list { _ = try await run(q) }
            var timings: [Double] = []
            var byQuery: [String: [Double]] = [:]
            var totals: [String: Int] = [:]
            for _ in 0..<passes {
                for q in list {
                    let (ms, total) = try await run(q)
                    let key = q.text + (q.filters.isEmpty ? "" : "\t" + q.filters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&"))
                    timings.append(ms)
                    byQuery[key, default: []].append(ms)
                    totals[key] = total
                }
            }
            let sorted = timings.sorted()
            func pct(_ p: Double) -> Double { sorted.isEmpty ? 0 : (sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)] * 100).rounded() / 100 }
            let median = byQuery.mapValues { $0.sorted()[$0.count / 2] }
            let slowest = median.sorted { $0.value > $1.value }.prefix(10).map { ["query": $0.key, "medianMs": ($0.value * 100).rounded() / 100, "total": totals[$0.key] ?? 0] as [String: Any] }
            try Bench.write(["queries": list.count, "timings": timings.count, "p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99),
                             "max": pct(1.0), "slowest": slowest], to: out)
        }
    }
}
