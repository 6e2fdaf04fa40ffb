import FluentKit
import Foundation
import GongkaiDomain

/// The unit's explanation of passages its report shares with another (a fixed legal formula, a
/// joint statement…), given for the number of passages found then.
final class ReportSimilarityNote: Model, @unchecked Sendable {
    static let schema = "report_similarity_notes"
    @ID(key: .id) var id: UUID?
    @Field(key: "report_id") var reportID: UUID
    @Field(key: "note") var note: String
    @Field(key: "matches") var matches: Int
    @Field(key: "noted_by") var notedBy: String
    @Field(key: "noted_at") var notedAt: Date
    init() {}
}

/// Annual reports that are the unit's own (濉溪 task 36): before publication a report's texts are
/// compared sentence by sentence with the other units' reports of the same year and with the
/// unit's own report of last year; passages at or above the threshold must be rewritten or
/// explained. Sentences the system wrote from the unit's own figures are not counted: they state
/// that unit's facts, not someone else's.
struct ReportSimilarity: Sendable {
    let services: AppServices

    struct Comparison: Sendable {
        let against: String
        let matches: [PassageSimilarity.Match]
    }

    var matcher: PassageSimilarity { PassageSimilarity(threshold: Double(services.config.monitor.reportSimilarityPercent) / 100) }

    static func text(_ r: AnnualReport) -> String { [r.overview, r.problems, r.otherMatters].joined(separator: "\n") }

    func comparisons(for r: AnnualReport, org: Organisation) async throws -> [Comparison] {
        let ours = Self.text(r)
        guard !ours.trimmingSpaces().isEmpty else { return [] }
        let own = try await prefilled(org, year: r.year)
        let names = try await OrganisationQueries.activeNames(services)
        var out: [Comparison] = []
        let others = try await AnnualReport.query(on: services.db).filter(\.$year == r.year).filter(\.$organisationID != org.id!).all()
        for o in others.sorted(by: { $0.organisationID < $1.organisationID }) {
            let m = matcher.matches(ours, against: Self.text(o)).filter { !own.contains($0.ours) }
            if !m.isEmpty { out.append(Comparison(against: "\(names[o.organisationID] ?? "其他单位")\(r.year)年度报告", matches: m)) }
        }
        if let last = try await AnnualReport.query(on: services.db).filter(\.$year == r.year - 1).filter(\.$organisationID == org.id!).first() {
            let m = matcher.matches(ours, against: Self.text(last)).filter { !own.contains($0.ours) }
            if !m.isEmpty { out.append(Comparison(against: "本单位\(r.year - 1)年度报告", matches: m)) }
        }
        return out
    }

    /// The sentences the system wrote for the unit from its own figures.
    func prefilled(_ org: Organisation, year: Int) async throws -> Set<String> {
        // One reading of the unit's year (it walks every case and its events), for both pre-filled texts.
        let facts = try await AnnualReportDesk(services: services).overviewFacts(for: org, year: year)
        return Set(PassageSimilarity.sentences(facts.overview + "\n" + facts.feeSentence))
    }

    func note(for r: AnnualReport) async throws -> ReportSimilarityNote? {
        guard let id = r.id else { return nil }
        return try await ReportSimilarityNote.query(on: services.db).filter(\.$reportID == id).first()
    }

    /// The passages still to rewrite or explain (0 once explained for at least as many).
    func unexplained(for r: AnnualReport, org: Organisation) async throws -> Int {
        let found = try await comparisons(for: r, org: org).reduce(0) { $0 + $1.matches.count }
        guard found > 0 else { return 0 }
        return (try await note(for: r)?.matches ?? 0) >= found ? 0 : found
    }

    func explain(_ r: AnnualReport, org: Organisation, note text: String, actor: AuditActor) async throws {
        let t = text.trimmingSpaces()
        guard t.count >= 10, t.count <= 1000 else { throw AnnualReportDesk.Failure.invalid(["similarity_note": "请说明相似语句的原因（10–1000字），如引用的法定表述、联合开展的工作"]) }
        guard let id = r.id else { throw AnnualReportDesk.Failure.refused("请先保存报告正文") }
        let found = try await comparisons(for: r, org: org).reduce(0) { $0 + $1.matches.count }
        let n = try await note(for: r) ?? ReportSimilarityNote()
        if n.id == nil { n.id = UUID(); n.reportID = id }
        n.note = t
        n.matches = found
        n.notedBy = actor.name
        n.notedAt = services.clock.now()
        let audit = services.audit
        try await services.db.transaction { db in
            try await n.save(on: db)
            try await audit.record(on: db, actor: actor, organisationID: r.organisationID, entity: .annualReport, entityID: "\(r.year)",
                                   action: "说明相似语句", changes: [.init(field: "similarity_note", before: nil, after: "\(found)处：\(t)")])
        }
    }

    struct Pair: Sendable {
        let a: String
        let b: String
        let overall: Double
        let passages: Int
    }

    /// Every pair of the year's reports among the organisations, most similar first.
    func pairs(year: Int, organisationIDs: Set<Int>) async throws -> [Pair] {
        let names = try await OrganisationQueries.activeNames(services)
        let reports = try await AnnualReport.query(on: services.db).filter(\.$year == year).all()
            .filter { organisationIDs.contains($0.organisationID) && !Self.text($0).trimmingSpaces().isEmpty }
            .sorted { $0.organisationID < $1.organisationID }
        var own: [Int: Set<String>] = [:]
        for org in try await Organisation.query(on: services.db).filter(\.$id ~~ reports.map(\.organisationID)).all() {
            own[try org.requireID()] = try await prefilled(org, year: year)
        }
        var out: [Pair] = []
        for (i, a) in reports.enumerated() {
            for b in reports[(i + 1)...] {
                let ta = Self.text(a), tb = Self.text(b)
                let copied = matcher.matches(ta, against: tb).filter { !(own[a.organisationID] ?? []).contains($0.ours) }
                out.append(Pair(a: names[a.organisationID] ?? "", b: names[b.organisationID] ?? "", overall: PassageSimilarity.overall(ta, tb),
                                passages: copied.count))
            }
        }
        return out.sorted { $0.overall > $1.overall }
    }
}
