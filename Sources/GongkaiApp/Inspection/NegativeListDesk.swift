import FluentKit
import Foundation
import GongkaiDomain

/// The 负面清单: per organisation, the matters it does not disclose with their ground (Arts. 14–16)
/// and the law behind it, reviewed yearly (Art. 18). Withheld items and applications answered
/// 不予公开 cite an entry; the office sees entries never cited and withholdings that cite none.
struct NegativeListDesk: Sendable {
    let services: AppServices

    static let viewers: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer, .leader, .applicationHandler]
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer, .applicationHandler]

    enum Failure: Error { case invalid([String: String]) }

    struct Input: Sendable, Equatable {
        var matter = ""
        var ground = ""
        var basis = ""
        var scope = ""
        var reviewedOn = ""
        var published = true

        static func parse(_ form: FormData) -> Input {
            Input(matter: form["matter"].trimmingSpaces(), ground: form["ground"], basis: form["basis"].trimmingSpaces(),
                  scope: form["scope"].trimmingSpaces(), reviewedOn: form["reviewed_on"].trimmingSpaces(), published: form["published"] == "1")
        }

        func validate(today: CivilDate) -> [String: String] {
            var e: [String: String] = [:]
            if matter.count < 2 || matter.count > 100 { e["matter"] = "请填写不予公开的事项（2–100字）" }
            if !NegativeListReview.grounds.map(\.rawValue).contains(ground) { e["ground"] = "请选择不予公开的依据条款（第十四至十六条）" }
            if basis.count < 4 || basis.count > 300 { e["basis"] = "请写明依据的法律、法规或规定及条款（4–300字）" }
            if scope.count > 300 { e["scope"] = "适用范围不超过300字" }
            if !reviewedOn.isEmpty {
                if let d = CivilDate(iso: reviewedOn), d.year >= 2000 {
                    if d > today { e["reviewed_on"] = "复核日期不能晚于今天" }
                } else { e["reviewed_on"] = "复核日期应为日期，如 2026-11-02" }
            }
            return e
        }
    }

    @discardableResult
    func save(_ input: Input, entry: NegativeListEntry?, organisationID: Int, actor: AuditActor) async throws -> NegativeListEntry {
        let errors = input.validate(today: services.clock.today())
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        let e = entry ?? NegativeListEntry()
        let isNew = entry == nil
        if isNew { e.id = UUID(); e.organisationID = organisationID }
        let before = isNew ? nil : e.matter
        e.matter = input.matter
        e.ground = input.ground
        e.basis = input.basis
        e.scope = input.scope
        e.reviewedOn = input.reviewedOn.isEmpty ? services.clock.today().description : input.reviewedOn
        e.published = input.published
        e.updatedAt = services.clock.now()
        let audit = services.audit
        try await services.db.transaction { db in
            try await e.save(on: db)
            try await audit.record(on: db, actor: actor, organisationID: e.organisationID, entity: .negativeList, entityID: e.matter,
                                   action: isNew ? "新增" : "修改", changes: [.init(field: "matter", before: before, after: e.matter)])
        }
        return e
    }

    /// The yearly review: the entry still stands as of today.
    func markReviewed(_ e: NegativeListEntry, actor: AuditActor) async throws {
        let before = e.reviewedOn
        e.reviewedOn = services.clock.today().description
        e.updatedAt = services.clock.now()
        let audit = services.audit
        try await services.db.transaction { db in
            try await e.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: e.organisationID, entity: .negativeList, entityID: e.matter,
                                   action: "年度复核", changes: [.init(field: "reviewed_on", before: before, after: e.reviewedOn)])
        }
    }

    /// A withheld item or an application answered 不予公开 cites the entry (replacing an earlier citation).
    func cite(_ e: NegativeListEntry, targetKind: String, targetID: String, actor: AuditActor) async throws {
        guard let target = try await withholding(kind: targetKind, id: targetID) else {
            throw Failure.invalid(["target": "所选信息或申请不存在，或不是不予公开"])
        }
        guard target.organisationID == e.organisationID else { throw Failure.invalid(["entry": "只能引用本单位的负面清单事项"]) }
        let audit = services.audit
        let now = services.clock.now()
        try await services.db.transaction { db in
            try await NegativeListCitation.query(on: db).filter(\.$targetKind == targetKind).filter(\.$targetID == targetID).delete()
            let c = NegativeListCitation()
            c.id = UUID(); c.entryID = e.id!; c.targetKind = targetKind; c.targetID = targetID; c.citedBy = actor.name; c.citedAt = now
            try await c.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: e.organisationID, entity: .negativeList, entityID: e.matter,
                                   action: "引用", changes: [.init(field: targetKind, before: nil, after: target.label)])
        }
    }

    struct Withholding: Sendable {
        let kind: String
        let id: String
        let organisationID: Int
        let label: String
        let ground: String
    }

    func withholding(kind: String, id: String) async throws -> Withholding? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        switch kind {
        case "item":
            guard let i = try await InformationItem.find(uuid, on: services.db), i.attributeValue == .withheld else { return nil }
            return Withholding(kind: kind, id: id, organisationID: i.organisationID, label: "信息《\(i.title)》",
                               ground: i.ground.flatMap(NonDisclosureGround.init(rawValue:))?.label ?? "")
        case "application":
            guard let a = try await InformationApplication.find(uuid, on: services.db), let o = a.outcome.flatMap(ReplyOutcome.init(rawValue:)),
                  o.group == .withheld else { return nil }
            return Withholding(kind: kind, id: id, organisationID: a.organisationID, label: "申请\(a.registrationNumber)", ground: o.fullLabel)
        default:
            return nil
        }
    }

    /// Withheld items and applications answered 不予公开 of the organisations that cite no entry.
    func uncited(organisationIDs: [Int]) async throws -> [Withholding] {
        let cited = Set(try await NegativeListCitation.query(on: services.db).all().map { "\($0.targetKind)|\($0.targetID)" })
        var out: [Withholding] = []
        for i in try await InformationItem.query(on: services.db).filter(\.$organisationID ~~ organisationIDs)
            .filter(\.$attribute == DisclosureAttribute.withheld.rawValue).sort(\.$createdAt, .descending).limit(200).all()
            where !cited.contains("item|\(i.id!.uuidString)") {
            out.append(Withholding(kind: "item", id: i.id!.uuidString, organisationID: i.organisationID, label: "信息《\(i.title)》",
                                   ground: i.ground.flatMap(NonDisclosureGround.init(rawValue:))?.label ?? ""))
        }
        let withheld = ReplyOutcome.allCases.filter { $0.group == .withheld }.map(\.rawValue)
        for a in try await InformationApplication.query(on: services.db).filter(\.$organisationID ~~ organisationIDs)
            .filter(\.$outcome ~~ withheld).sort(\.$submittedAt, .descending).limit(200).all()
            where !cited.contains("application|\(a.id!.uuidString)") {
            out.append(Withholding(kind: "application", id: a.id!.uuidString, organisationID: a.organisationID, label: "申请\(a.registrationNumber)",
                                   ground: a.outcome.flatMap(ReplyOutcome.init(rawValue:))?.fullLabel ?? ""))
        }
        return out
    }

    func dueForReview(visibleTo policy: AccessPolicy) async throws -> Int {
        let visible = try await OrganisationQueries.tree(visibleTo: policy, roles: Self.viewers, on: services.db).compactMap(\.node.id)
        let today = services.clock.today()
        return try await NegativeListEntry.query(on: services.db).filter(\.$organisationID ~~ visible).all()
            .filter { CivilDate(iso: $0.reviewedOn).map { NegativeListReview.isDue(lastReviewed: $0, today: today) } ?? true }.count
    }
}
