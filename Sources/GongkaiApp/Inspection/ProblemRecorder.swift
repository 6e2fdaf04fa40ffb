import FluentKit
import Foundation
import GongkaiDomain

/// Records what a run finds: a problem already known (same site and fingerprint) is marked seen
/// again, a problem that had gone and came back is reopened, a new one starts open.
struct ProblemRecorder: Sendable {
    let services: AppServices
    let site: MonitoredSite
    let runID: UUID
    /// When set, nothing is written: the fingerprints go here (checking one problem again).
    var sink: FingerprintSink? = nil

    func record(_ kind: InspectionProblemKind, organisationID: Int, page: String, target: String, detail: String) async throws {
        let fingerprint = String("\(kind.rawValue)|\(String(page.prefix(1000)))|\(String(target.prefix(1000)))".prefix(1000))
        if let sink { await sink.add(fingerprint); return }
        let now = services.clock.now()
        if let p = try await MonitorProblem.query(on: services.db).filter(\.$siteKey == site.key).filter(\.$fingerprint == fingerprint).first() {
            p.lastRunID = runID
            p.lastSeenAt = now
            p.detail = String(detail.prefix(500))
            if p.status == "resolved" { p.status = "open"; p.resolvedAt = nil; p.note = "" }
            try await p.update(on: services.db)
            return
        }
        let p = MonitorProblem()
        p.id = UUID()
        p.siteKey = site.key
        p.organisationID = organisationID
        p.kind = kind.rawValue
        p.pageURL = String(page.prefix(1000))
        p.target = String(target.prefix(1000))
        p.detail = String(detail.prefix(500))
        p.fingerprint = fingerprint
        p.firstRunID = runID
        p.lastRunID = runID
        p.firstSeenAt = now
        p.lastSeenAt = now
        p.status = "open"
        p.assignee = ""
        p.note = ""
        do { try await p.create(on: services.db) } catch {
            // Another instance recorded it at the same moment.
            if try await MonitorProblem.query(on: services.db).filter(\.$siteKey == site.key).filter(\.$fingerprint == fingerprint).count() == 0 { throw error }
        }
    }

    static let legalTerms: Set<String> = ["国家秘密", "工作秘密", "涉密", "密级", "商业秘密", "个人隐私"]

    /// Hidden links, links to suspicious hosts, and the text checks of one page.
    func check(_ scan: PageScan, page: String, organisationID: Int, checker: ContentChecker) async throws {
        let bad = services.config.monitor.suspiciousHosts
        for link in scan.links {
            guard let target = link.absolute, let host = URLComponents(string: target)?.host?.lowercased() else { continue }
            if let entry = bad.match(host) {
                try await record(.hiddenLink, organisationID: organisationID, page: page, target: target,
                                 detail: "链接指向可疑网站 \(host)（名单项“\(entry)”）\(link.hidden ? "，且被隐藏" : "")")
            } else if link.hidden && !site.owns(target) {
                try await record(.hiddenLink, organisationID: organisationID, page: page, target: target,
                                 detail: "隐藏的外部链接（页面上看不到，搜索引擎能看到）：\(host)")
            }
        }
        for f in checker.check(title: scan.title, bodyHTML: "", extra: [("页面正文", scan.text)]) {
            let kind: InspectionProblemKind
            switch f.kind {
            case .idNumber, .mobileNumber, .bankCard: kind = .privacyLeak
            case .typo: kind = .typo
            case .sensitiveWord:
                // Words that are also ordinary legal terms (a 负面清单 or the annual report's table names
                // 国家秘密) are a warning before publication, not a finding on a public page.
                if Self.legalTerms.contains(f.match) { continue }
                kind = .seriousWording
            case .leaderTitle: kind = .seriousWording
            case .link: continue
            }
            let shown = kind == .privacyLeak ? (f.suggestion ?? "已隐去") : f.match
            try await record(kind, organisationID: organisationID, page: page, target: kind == .privacyLeak ? f.kind.rawValue + ":" + String(f.match.suffix(4)) : f.match,
                             detail: "\(f.kind.label)：“\(shown)”\(kind == .privacyLeak ? "" : "，上下文：" + f.context) \(f.message)")
        }
    }

    /// The personal-data scanner over an attachment's text.
    func checkAttachment(_ text: String, url: String, foundOn: String, organisationID: Int, checker: ContentChecker) async throws {
        for f in checker.check(title: "", bodyHTML: "", extra: [("附件", text)]) where f.kind.isPersonalData {
            try await record(.privacyLeak, organisationID: organisationID, page: foundOn, target: url + "#" + f.kind.rawValue + ":" + String(f.match.suffix(4)),
                             detail: "附件中有\(f.kind.label)（\(f.suggestion ?? "已隐去")）：\(url)")
        }
    }
}
