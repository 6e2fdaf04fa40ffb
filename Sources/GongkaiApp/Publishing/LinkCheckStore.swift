import FluentKit
import Foundation
import GongkaiDomain

/// The last result of checking one web address found in published items.
final class LinkCheckRecord: Model, @unchecked Sendable {
    static let schema = "link_checks"

    @ID(key: .id) var id: UUID?
    @Field(key: "url") var url: String
    @Field(key: "working") var working: Bool
    @Field(key: "detail") var detail: String
    @Field(key: "checked_at") var checkedAt: Date

    init() {}
}

/// Checks the links of published items in the background, each address at most once a day, and
/// reports the dead ones on the items' review screens.
struct LinkCheckStore: Sendable {
    let services: AppServices
    var probe = LinkProbe()
    static let recheckAfter: TimeInterval = 24 * 3600
    static let perRun = 50

    /// Absolute web addresses in the bodies of public items.
    func addressesInPublicItems() async throws -> [String] {
        let items = try await ItemQueries.publicItems(on: services.db).all()
        var seen = Set<String>()
        var out: [String] = []
        for i in items {
            for l in LinkCheck.links(in: i.bodyHTML) {
                let lower = l.url.lowercased()
                guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), seen.insert(l.url).inserted else { continue }
                out.append(l.url)
            }
        }
        return out
    }

    /// Checks the addresses that are due; returns how many were checked.
    @discardableResult
    func run(now: Date? = nil) async throws -> Int {
        let now = now ?? services.clock.now()
        let addresses = try await addressesInPublicItems()
        let records = try await LinkCheckRecord.query(on: services.db).all()
        let fresh = Set(records.filter { now.timeIntervalSince($0.checkedAt) < Self.recheckAfter }.map(\.url))
        var checked = 0
        for url in addresses where !fresh.contains(url) {
            guard checked < Self.perRun else { break }
            let outcome = await probe.check(url)
            let r = records.first { $0.url == url } ?? LinkCheckRecord()
            if r.id == nil { r.id = UUID() }
            r.url = url
            r.working = outcome.isWorking
            switch outcome {
            case .working(let code): r.detail = "HTTP \(code)"
            case .broken(let code): r.detail = "HTTP \(code)"
            case .unreachable(let why): r.detail = why
            }
            r.checkedAt = now
            try await r.save(on: services.db)
            checked += 1
        }
        return checked
    }

    /// Findings for links of this body that the last check found dead.
    func deadLinkFindings(in html: String) async throws -> [Finding] {
        let links = LinkCheck.links(in: html)
        guard !links.isEmpty else { return [] }
        let dead = try await LinkCheckRecord.query(on: services.db).filter(\.$url ~~ links.map(\.url)).filter(\.$working == false).all()
        let chars = Array(html)
        return links.compactMap { l in
            guard let r = dead.first(where: { $0.url == l.url }) else { return nil }
            let when = SiteClock.timeText(r.checkedAt)
            return Finding(kind: .link, source: "正文链接", range: l.range, match: l.url, context: String(chars[l.range]),
                           message: "链接无法访问（\(r.detail)，\(when)检查）", suggestion: nil)
        }
    }
}
