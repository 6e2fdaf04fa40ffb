import ArgumentParser
import Foundation
import GongkaiApp
import GongkaiDomain

/// Completeness of phrase search: for every phrase of the query list, the documents of a random
/// sample whose text contains it (brute force, character by character after the same folding as
/// the index) must be exactly those the index matches.
struct Phrases: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check phrase queries against a brute-force scan of a sample.")

    @Option(help: "Sample size.") var sample = 100_000
    @Option(help: "Take every n-th item (in id order) into the sample.") var every = 10
    @Option(help: "Query list.") var queries = "bench/queries.txt"
    @Option(help: "Where to write the JSON summary.") var out: String?

    static func normalise(_ s: String) -> [Unicode.Scalar] { s.unicodeScalars.map(SearchTokenizer.fold) }

    func run() async throws {
        let phrases = try QueryLine.read(queries).filter { $0.filters.isEmpty }.map { $0.text.replacingOccurrences(of: "\"", with: "") }
            .filter { p in !p.contains(" ") && p.unicodeScalars.allSatisfy { SearchTokenizer.isCJK($0) || ("0"..."9").contains($0) } }
        let (sample, every, out) = (sample, every, out)
        try await Bench.withServices { services in
            let probe = SearchProbe(services: services)
            let texts = try await probe.sampleTexts(every: every, limit: sample).map { ($0.id, $0.fields.map(Self.normalise)) }
            var results: [[String: Any]] = []
            var missingTotal = 0, extraTotal = 0
            for p in phrases {
                let needle = Self.normalise(p)
                var brute = Set<UUID>()
                for (id, fields) in texts where fields.contains(where: { Self.contains($0, needle) }) { brute.insert(id) }
                let indexed = try await probe.allMatches(p)
                let sampleIDs = Set(texts.map(\.0))
                let found = indexed.intersection(sampleIDs)
                let missing = brute.subtracting(found).count, extra = found.subtracting(brute).count
                missingTotal += missing
                extraTotal += extra
                results.append(["phrase": p, "bruteForce": brute.count, "index": found.count, "missing": missing, "extra": extra])
            }
            try Bench.write(["sample": texts.count, "phrases": phrases.count, "missing": missingTotal, "extra": extraTotal, "results": results], to: out)
        }
    }

    static func contains(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard !needle.isEmpty, needle.count <= hay.count else { return false }
        let first = needle[0]
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
