import FluentKit
import Foundation
import GongkaiDomain

/// The 政府公报: an issue is made (year, number, day), published items are placed in it by 索引号
/// (in the section of their kind unless chosen), and the issue is published; entries can be
/// removed until then. Audited.
struct GazetteDesk: Sendable {
    let services: AppServices
    typealias Failure = DeskFailure
    var db: any Database { services.db }

    func create(in org: Organisation, year rawYear: String, number rawNumber: String, issuedOn rawDay: String, actor: AuditActor) async throws -> GazetteIssue {
        var errors: [String: String] = [:]
        let year = Int(rawYear.prefix(4)).flatMap { (2000...2100).contains($0) ? $0 : nil }
        if year == nil || rawYear.count != 4 { errors["year"] = "请填写年份（2000–2100）" }
        let number = rawNumber.count <= 3 ? Int(rawNumber).flatMap { (1...366).contains($0) ? $0 : nil } : nil
        if number == nil { errors["number"] = "期号应为1到366" }
        let day = CivilDate(iso: rawDay.trimmingSpaces())
        if day == nil { errors["issued_on"] = "请填写出版日期" } else if let day, let year, day.year != year { errors["issued_on"] = "出版日期应在\(year)年内" }
        guard errors.isEmpty, let year, let number, let day else { throw Failure.invalid(errors) }
        let orgID = try org.requireID()
        if try await GazetteIssue.query(on: db).filter(\.$organisationID == orgID).filter(\.$year == year).filter(\.$number == number).first() != nil {
            throw Failure.invalid(["number": "\(year)年第\(number)期已存在"])
        }
        let overall = try await GazetteIssue.query(on: db).filter(\.$organisationID == orgID).count() + 1
        let issue = GazetteIssue()
        issue.id = UUID(); issue.organisationID = orgID; issue.year = year; issue.number = number; issue.overall = overall
        issue.issuedOn = day.description; issue.createdAt = services.clock.now()
        try await db.transaction { tx in
            try await issue.create(on: tx)
            try await audit(issue, "新建公报期次", on: tx, actor: actor)
        }
        return issue
    }

    /// Places a published item of the organisation (or one below it) in the issue.
    func add(_ issue: GazetteIssue, indexNumber raw: String, section rawSection: String, actor: AuditActor) async throws {
        guard issue.publishedAt == nil else { throw Failure.refused("本期已出版，不能再调整目录") }
        let index = raw.trimmingSpaces()
        guard !index.isEmpty, index.count <= 100, let item = try await ItemQueries.publicItems(on: db).filter(\.$indexNumber == index).first() else {
            throw Failure.invalid(["index_number": "找不到索引号为“\(index.prefix(60))”的已发布信息"])
        }
        guard let owner = try await Organisation.find(item.organisationID, on: db), owner.ancestry.ids.contains(issue.organisationID) else {
            throw Failure.invalid(["index_number": "只能刊登本机关或其下属单位发布的信息"])
        }
        let section = rawSection.isEmpty ? GazetteSection.of(item.kindValue) : GazetteSection(rawValue: rawSection)
        guard let section else { throw Failure.invalid(["section": "请选择栏目"]) }
        let issueID = try issue.requireID(), itemID = try item.requireID()
        if try await GazetteEntry.query(on: db).filter(\.$issueID == issueID).filter(\.$itemID == itemID).first() != nil {
            throw Failure.invalid(["index_number": "本期已刊登该信息"])
        }
        let last = try await GazetteEntry.query(on: db).filter(\.$issueID == issueID).sort(\.$position, .descending).first()
        let e = GazetteEntry()
        e.id = UUID(); e.issueID = issueID; e.section = section.rawValue; e.position = (last?.position ?? 0) + 1; e.itemID = itemID
        try await db.transaction { tx in
            try await e.create(on: tx)
            try await audit(issue, "刊登：\(item.title.prefix(40))", on: tx, actor: actor)
        }
    }

    func remove(_ issue: GazetteIssue, entry: GazetteEntry, actor: AuditActor) async throws {
        guard issue.publishedAt == nil else { throw Failure.refused("本期已出版，不能再调整目录") }
        try await db.transaction { tx in
            try await entry.delete(on: tx)
            try await audit(issue, "撤下一篇", on: tx, actor: actor)
        }
    }

    func publish(_ issue: GazetteIssue, actor: AuditActor) async throws {
        guard issue.publishedAt == nil else { throw Failure.refused("本期已出版") }
        guard try await GazetteEntry.query(on: db).filter(\.$issueID == issue.requireID()).count() > 0 else { throw Failure.refused("本期还没有刊登任何信息") }
        issue.publishedAt = services.clock.now()
        try await db.transaction { tx in
            try await issue.update(on: tx)
            try await audit(issue, "出版公报", on: tx, actor: actor)
        }
    }

    func audit(_ issue: GazetteIssue, _ action: String, on tx: any Database, actor: AuditActor) async throws {
        try await services.audit.record(on: tx, actor: actor, organisationID: issue.organisationID, entity: .gazette, entityID: issue.title, action: action)
    }
}
