import FluentKit
import Foundation
import GongkaiDomain

/// One entry of an administrator-managed check list.
final class CheckTerm: Model, @unchecked Sendable {
    static let schema = "check_terms"

    enum List: String, CaseIterable, Sendable {
        case sensitive, typo, leader, host, topic

        var label: String {
            switch self {
            case .sensitive: return "敏感词"
            case .typo: return "易错词"
            case .leader: return "领导姓名和职务"
            case .host: return "可信网站"
            case .topic: return "主题分类"
            }
        }

        /// How one line of the editor reads.
        var lineFormat: String {
            switch self {
            case .sensitive: return "每行一个词"
            case .typo: return "每行一对：错误写法=正确写法，如 按装=安装"
            case .leader: return "每行一人：姓名=职务（多个职务用、分隔），如 张伟=县长"
            case .host: return "每行一个域名；gov.cn 表示所有以 .gov.cn 结尾的网站"
            case .topic: return "每行一个：一级分类，或 一级分类/二级分类；留空则使用国务院21类标准主题分类"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "list") var list: String
    @Field(key: "term") var term: String
    /// The right spelling (typo), the titles joined by 、 (leader); empty otherwise.
    @Field(key: "value") var value: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// Reads the check lists into a `ContentChecker` and replaces a list from the editor.
struct CheckTermStore: Sendable {
    let services: AppServices

    func checker() async throws -> ContentChecker {
        let all = try await CheckTerm.query(on: services.db).all()
        func list(_ l: CheckTerm.List) -> [CheckTerm] { all.filter { $0.list == l.rawValue } }
        var hosts = list(.host).map(\.term)
        hosts.append("gov.cn")
        if let own = services.config.baseURL.host { hosts.append(own) }
        return ContentChecker(
            idPreset: services.config.idMaskPreset,
            sensitiveWords: list(.sensitive).map(\.term),
            typos: list(.typo).map { TypoCheck.Pair(wrong: $0.term, right: $0.value) },
            leaders: list(.leader).map { LeaderTitleCheck.Leader(name: $0.term, titles: $0.value.split(separator: "、").map(String.init)) },
            trustedHosts: hosts)
    }

    /// The 主题分类 in use: the administrators' list, or the standard 21 categories.
    func topics() async throws -> [TopicCategory] {
        let rows = try await CheckTerm.query(on: services.db).filter(\.$list == CheckTerm.List.topic.rawValue).sort(\.$createdAt).all()
        return TopicCategory.list(from: rows.map(\.term))
    }

    /// The list as the editor shows it, one entry per line.
    func text(of l: CheckTerm.List) async throws -> String {
        try await CheckTerm.query(on: services.db).filter(\.$list == l.rawValue).sort(\.$term).all()
            .map { $0.value.isEmpty ? $0.term : "\($0.term)=\($0.value)" }.joined(separator: "\n")
    }

    /// Parses the editor's text: entries, or the line numbers that could not be read.
    static func parse(_ text: String, list: CheckTerm.List) -> (entries: [(String, String)], badLines: [Int]) {
        var entries: [(String, String)] = []
        var bad: [Int] = []
        var seen = Set<String>()
        for (n, raw) in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpaces()
            if line.isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            switch list {
            case .sensitive, .host, .topic:
                guard parts.count == 1, line.count <= 100 else { bad.append(n + 1); continue }
                let term = list == .host ? line.lowercased() : line
                if seen.insert(term).inserted { entries.append((term, "")) }
            case .typo, .leader:
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, parts[0] != parts[1] else { bad.append(n + 1); continue }
                if seen.insert(parts[0]).inserted { entries.append((parts[0], parts[1])) }
            }
        }
        return (entries, bad)
    }

    enum Failure: Error, Equatable { case badLines([Int]) }

    func replace(_ l: CheckTerm.List, with text: String, actor: AuditActor) async throws {
        let (entries, bad) = Self.parse(text, list: l)
        guard bad.isEmpty else { throw Failure.badLines(bad) }
        let audit = services.audit
        try await services.db.transaction { db in
            let before = try await CheckTerm.query(on: db).filter(\.$list == l.rawValue).count()
            try await CheckTerm.query(on: db).filter(\.$list == l.rawValue).delete()
            for (term, value) in entries {
                let t = CheckTerm()
                t.id = UUID()
                t.list = l.rawValue
                t.term = term
                t.value = value
                t.createdAt = services.clock.now()
                try await t.create(on: db)
            }
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .checkList, entityID: l.rawValue, action: "update",
                                   changes: [.init(field: "entries", before: String(before), after: String(entries.count))])
        }
    }
}
