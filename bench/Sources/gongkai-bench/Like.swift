import ArgumentParser
import Foundation
import GongkaiApp
import GongkaiDomain

/// The naive `LIKE '%…%'` search against the index, in the same process on the same database, for
/// the first N queries of the list (a LIKE scan reads every row, so the full list would take hours).
struct Like: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time LIKE scans against the index for the first N queries.")

    @Option(help: "Query list.") var queries = "bench/queries.txt"
    @Option(help: "How many queries (from the top of the list, unfiltered ones).") var limit = 20
    @Option(help: "Where to write the JSON summary.") var out: String?

    func run() async throws {
        let list = Array(try QueryLine.read(queries).filter { $0.filters.isEmpty && !$0.text.contains(" ") && !$0.text.contains("\"") }.prefix(limit))
        let out = out
        try await Bench.withServices { services in
            let probe = SearchProbe(services: services)
            var rows: [[String: Any]] = []
            var likeTotal = 0.0, indexTotal = 0.0
            for q in list {
                _ = try await probe.search(q.text)  // warm
                let t0 = Date()
                let indexed = try await probe.search(q.text)
                let t1 = Date()
                let like = try await probe.likeScan(q.text)
                let t2 = Date()
                let (i, l) = (t1.timeIntervalSince(t0) * 1000, t2.timeIntervalSince(t1) * 1000)
                indexTotal += i
                likeTotal += l
                rows.append(["query": q.text, "indexMs": (i * 10).rounded() / 10, "likeMs": l.rounded(), "indexTotal": indexed.total,
                             "indexExact": indexed.exact, "likeTotal": like.total])
                FileHandle.standardError.write(Data("\(q.text): index \(Int(i)) ms, LIKE \(Int(l)) ms\n".utf8))
            }
            try Bench.write(["queries": list.count, "indexMeanMs": indexTotal / Double(max(1, list.count)),
                             "likeMeanMs": likeTotal / Double(max(1, list.count)),
                             "ratio": indexTotal > 0 ? (likeTotal / indexTotal).rounded() : 0, "results": rows], to: out)
        }
    }
}
