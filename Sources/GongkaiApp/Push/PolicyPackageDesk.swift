import FluentKit
import Foundation
import GongkaiDomain

/// 政策包 in the back office: written, picked, published, withdrawn; audited.
struct PolicyPackageDesk: Sendable {
    let services: AppServices

    struct Input: Sendable {
        var name = ""
        var intro = ""
        var audience = Audience()
        var picks: [String] = []
        var contacts = ""
    }

    static func parse(_ form: FormData, vocabulary: AudienceVocabulary, regions: Set<Int>) -> (Input, [String: String]) {
        var i = Input()
        var e: [String: String] = [:]
        i.name = form["name"].trimmingSpaces()
        if i.name.isEmpty || i.name.count > 40 { e["name"] = "请填写政策包名称（40字以内），如“小微企业政策包”" }
        i.intro = form["intro"].trimmingSpaces()
        if i.intro.count > 1000 { e["intro"] = "简介不能超过1000个字" }
        let regionIDs = form.all("region").compactMap { Int($0.prefix(12)) }
        if regionIDs.contains(where: { !regions.contains($0) }) { e["region"] = "请从列表中选择乡镇（村、社区）" }
        i.audience = Audience(regions: regionIDs, groups: form.all("group"), lifeEvents: form.all("life_event"), industries: form.all("industry"),
                              sizes: form.all("size"), parks: form.all("park")).normalised(vocabulary)
        let picks = form["picks"].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "，" }).map(String.init)
        if picks.count > 100 { e["picks"] = "手动选入的信息最多100条" }
        i.picks = picks
        i.contacts = form["contacts"].trimmingSpaces()
        if i.contacts.count > 2000 { e["contacts"] = "咨询电话不能超过2000个字" }
        if e.isEmpty, !i.audience.hasTopics, i.audience.regions.isEmpty, i.picks.isEmpty {
            e["group"] = "请至少选择一项适用对象（人群、人生事项、行业、企业规模、园区或乡镇），或手动选入信息"
        }
        return (i, e)
    }

    /// Picks are written as 索引号 of public items or ids of published guides; each is checked.
    func resolvePicks(_ raw: [String]) async throws -> (picks: [String], errors: [String]) {
        var out: [String] = [], bad: [String] = []
        let guides = try await ServiceGuideQueries.published(services)
        for r in raw {
            if let item = try await ItemQueries.publicItems(on: services.db).filter(\.$indexNumber == r).first() {
                out.append("item:\(item.id!.uuidString)")
            } else if let id = UUID(uuidString: r), guides.contains(where: { $0.guide.id == id }) {
                out.append("guide:\(id.uuidString)")
            } else {
                bad.append(r)
            }
        }
        return (out, bad)
    }

    @discardableResult
    func save(_ input: Input, package existing: PolicyPackage?, organisationID: Int, actor: AuditActor) async throws -> PolicyPackage {
        let (picks, bad) = try await resolvePicks(input.picks)
        if !bad.isEmpty { throw DeskFailure.invalid(["picks": "找不到：\(bad.prefix(5).joined(separator: "、"))（请填写已发布信息的索引号或办事指南编号）"]) }
        let now = services.clock.now()
        let p = existing ?? PolicyPackage()
        let isNew = existing == nil
        if isNew { p.id = UUID(); p.organisationID = organisationID; p.createdAt = now }
        p.name = input.name; p.intro = input.intro; p.audience = input.audience; p.picks = picks.joined(separator: " ")
        p.contacts = input.contacts; p.updatedAt = now
        try await services.db.transaction { tx in
            if isNew { try await p.create(on: tx) } else { try await p.update(on: tx) }
            try await services.audit.record(on: tx, actor: actor, organisationID: p.organisationID, entity: .policyPackage, entityID: p.name,
                                            action: isNew ? "新建政策包" : "修改政策包")
        }
        return p
    }

    func setPublished(_ p: PolicyPackage, _ published: Bool, actor: AuditActor) async throws {
        guard (p.publishedAt != nil) != published else { return }
        p.publishedAt = published ? services.clock.now() : nil
        try await services.db.transaction { tx in
            try await p.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: p.organisationID, entity: .policyPackage, entityID: p.name,
                                            action: published ? "发布政策包" : "撤下政策包")
        }
    }
}
