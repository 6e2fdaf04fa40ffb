import FluentKit
import Foundation
import GongkaiDomain

/// Participation pages in site search: consultations, events, questionnaires and decision lists
/// whose text holds every searched word (and none of the excluded ones). These are few per county,
/// so they are matched in memory rather than indexed.
enum ParticipationSearch {
    struct Candidate: Sendable {
        let title: String
        let text: String
        let href: String
        let note: String
        /// Title and text in lower case, made once (a cached corpus is matched by every search).
        let hay: String

        init(title: String, text: String, href: String, note: String) {
            self.title = title
            self.text = text
            self.href = href
            self.note = note
            hay = (title + "\n" + text).lowercased()
        }
    }

    static func matches(_ c: Candidate, _ q: SearchQuery) -> Bool {
        q.parts.allSatisfy { c.hay.contains($0.text.lowercased()) } && !q.excluded.contains { c.hay.contains($0.text.lowercased()) }
    }

    static func find(_ services: AppServices, _ q: SearchQuery, limit: Int = 10) async throws -> HomeBlock? {
        // Read once per recorded change (and day), not on every search page.
        let candidates = try await services.pageCache.value("search-also-participation", db: services.db) { try await corpus(services) }
        let found = candidates.filter { matches($0, q) }.prefix(limit)
        guard !found.isEmpty else { return nil }
        return HomeBlock(heading: "公众参与中的相关内容", links: found.map { HomeLink(title: $0.title, href: $0.href, note: $0.note) })
    }

    /// Every public participation page as a search candidate.
    static func corpus(_ services: AppServices) async throws -> [Candidate] {
        let db = services.db
        let today = services.clock.today()
        let names = try await OrganisationQueries.activeNames(services)
        var candidates: [Candidate] = []
        for c in try await Consultation.query(on: db).filter(\.$publishedAt != nil).filter(\.$opensOn <= today.description).sort(\.$opensOn, .descending).limit(2000).all()
        where names[c.organisationID] != nil {
            candidates.append(Candidate(title: c.title, text: c.explanation + "\n" + c.draft, href: ParticipationQueries.href(c),
                                        note: "公开征求意见 · \(names[c.organisationID] ?? "") · \(c.phase(on: today).label)"))
        }
        for e in try await ParticipationEvent.query(on: db).filter(\.$publishedAt != nil).sort(\.$startsOn, .descending).limit(2000).all()
        where names[e.organisationID] != nil {
            candidates.append(Candidate(title: e.title, text: e.description + "\n" + (e.recordPublishedAt == nil ? "" : e.record), href: EventPage.href(e),
                                        note: "\(e.kindValue.label) · \(names[e.organisationID] ?? "") · \(e.day.chinese(withYear: true))"))
        }
        for s in try await Survey.query(on: db).filter(\.$publishedAt != nil).filter(\.$opensOn <= today.description).limit(2000).all()
        where names[s.organisationID] != nil {
            candidates.append(Candidate(title: s.title, text: s.intro, href: "/participation/surveys/\(s.id!.uuidString)",
                                        note: "问卷调查 · \(names[s.organisationID] ?? "")"))
        }
        let lists = try await DecisionList.query(on: db).filter(\.$publishedAt != nil).all().filter { names[$0.organisationID] != nil }
        let listIDs = lists.compactMap(\.id)
        if !listIDs.isEmpty {
            for d in try await Decision.query(on: db).filter(\.$listID ~~ listIDs).all() where d.removedReason == nil {
                candidates.append(Candidate(title: d.title, text: d.undertaker, href: "/xxgk/\(d.organisationID)/decisions?year=\(d.year)#d-\(d.position)",
                                            note: "重大行政决策事项 · \(names[d.organisationID] ?? "") · \(d.stageValue.label)"))
            }
        }
        // 政策解读日 themes of published plans, and the published 公众参与事项清单 rows.
        let plans = try await InterpretationPlan.query(on: db).filter(\.$publishedAt != nil).sort(\.$year, .descending).sort(\.$month, .descending)
            .limit(500).all().filter { names[$0.organisationID] != nil }
        let planIDs = plans.compactMap(\.id)
        if !planIDs.isEmpty {
            for t in try await InterpretationTheme.query(on: db).filter(\.$planID ~~ planIDs).all() {
                guard let p = plans.first(where: { $0.id == t.planID }) else { continue }
                candidates.append(Candidate(title: t.title, text: t.interpreter + "\n" + t.audience,
                                            href: "/participation/interpretation-days/\(p.organisationID)?year=\(p.year)&month=\(p.month)",
                                            note: "政策解读日 · \(names[p.organisationID] ?? "") · \(p.year)年\(p.month)月"))
            }
        }
        for m in try await ParticipationMatter.query(on: db).filter(\.$publishedAt != nil).limit(2000).all() where names[m.organisationID] != nil {
            candidates.append(Candidate(title: m.matter, text: m.scope + "\n" + m.channels, href: "/xxgk/\(m.organisationID)/decisions?year=\(m.year)#matters",
                                        note: "公众参与事项 · \(names[m.organisationID] ?? "")"))
        }
        return candidates
    }
}
