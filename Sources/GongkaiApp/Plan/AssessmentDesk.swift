import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats

/// The year's 考核: a scheme of items (from the indicators or by hand), the ≥ 4 % weight check,
/// computed and manual scores (a manual score counts once a second person confirmed it),
/// deductions and bonuses, the ranking of departments and townships, and the 通报 draft that goes
/// through 先审后发 like any other item.
struct AssessmentDesk: Sendable {
    let services: AppServices

    static let viewers: Set<StaffRole> = [.disclosureOfficeAdministrator, .systemAdministrator, .leader]
    /// Confirming a manual score: a leader, or an office administrator who did not enter it.
    static let reviewers: Set<StaffRole> = [.disclosureOfficeAdministrator, .systemAdministrator, .leader]

    static let defaultItems = """
    政策解读，10，政策解读率
    依申请按期办结，15，依申请按期办结率，100，80
    信箱按期答复，10，信箱按期答复率，100，80
    目录覆盖，15，标准目录覆盖率，100，50
    按时公开，10，按时公开率（20个工作日）
    网站监测问题整改，10，网站监测未消除问题（个），0，20
    重大决策预公开，10，重大决策预公开率
    年度工作任务落实，20，人工
    """

    func create(year: String, title: String, weight: String, items: String, actor: AuditActor) async throws -> AssessmentSchemeRecord {
        var e: [String: String] = [:]
        let y = Int(year.trimmingSpaces()).flatMap { (2000...2100).contains($0) ? $0 : nil }
        if y == nil { e["year"] = "年度应为2000–2100之间的年份" }
        let name = title.trimmingSpaces()
        if name.count < 2 || name.count > 100 { e["title"] = "请填写方案名称（2–100字）" }
        let w = Double(weight.trimmingSpaces())
        if w == nil { e["weight"] = "请填写政务公开在绩效考核中的权重（%）" }
        let parsed = AssessmentScheme.parseItems(items)
        if !parsed.problems.isEmpty { e["items"] = parsed.problems.joined(separator: "；") }
        if let w, parsed.problems.isEmpty {
            for p in AssessmentScheme(items: parsed.items, performanceWeight: w).problems() {
                if p.contains("权重") { e["weight"] = p } else { e["items"] = (e["items"].map { $0 + "；" } ?? "") + p }
            }
        }
        guard e.isEmpty, let y, let w else { throw DeskFailure.invalid(e) }
        let s = AssessmentSchemeRecord()
        s.id = UUID(); s.year = y; s.title = name; s.performanceWeight = w
        s.itemsText = parsed.items.map(AssessmentScheme.line).joined(separator: "\n")
        s.createdBy = actor.name; s.createdAt = services.clock.now()
        let audit = services.audit
        try await services.db.transaction { db in
            try await s.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .assessment, entityID: "\(y) \(name)", action: "制定考核方案",
                                   changes: [.init(field: "weight", before: nil, after: "\(AssessmentScheme.format(w))%"),
                                             .init(field: "items", before: nil, after: s.itemsText)])
        }
        return s
    }

    /// The assessed units: the county's departments and offices and its townships.
    func units() async throws -> [Organisation] {
        try await PlanUnitResolver.departmentsAndTownships(services)
    }

    /// Scores every indicator item for every unit from the year's figures (again, if asked again).
    func compute(_ s: AssessmentSchemeRecord, actor: AuditActor) async throws -> Int {
        let scheme = s.scheme
        let units = try await units()
        let period = IndicatorPeriod(year: s.year, month: nil)
        var fresh: [AssessmentScore] = []
        for (index, item) in scheme.items.enumerated() {
            guard case .indicator(let indicator, _, _) = item.rule else { continue }
            for u in units {
                let value = try await IndicatorQueries.compute(indicator, services, organisations: [u.id!], period: period).value
                let sc = AssessmentScore()
                sc.id = UUID(); sc.schemeID = s.id!; sc.itemIndex = index; sc.organisationID = u.id!
                // No data: full points are not earned by doing nothing, nor lost for having nothing to do; the item is scored by hand.
                guard let points = AssessmentScheme.score(item, value: value) else { continue }
                sc.points = points; sc.basis = "\(indicator.label)：\(value.text)"; sc.scoredBy = "系统计算"; sc.reviewedBy = "系统计算"
                sc.fileName = ""; sc.fileType = ""
                sc.scoredAt = services.clock.now()
                fresh.append(sc)
            }
        }
        let audit = services.audit
        let list = fresh
        try await services.db.transaction { db in
            for sc in list {
                try await AssessmentScore.query(on: db).filter(\.$schemeID == sc.schemeID).filter(\.$itemIndex == sc.itemIndex)
                    .filter(\.$organisationID == sc.organisationID).delete()
                try await sc.create(on: db)
            }
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .assessment, entityID: "\(s.year) \(s.title)", action: "计算指标得分",
                                   changes: [.init(field: "scores", before: nil, after: String(list.count))])
        }
        return list.count
    }

    /// A manual score (or one for an indicator without data), with the evidence it rests on.
    func score(_ s: AssessmentSchemeRecord, itemIndex: Int, organisationID: Int, points: String, basis: String, file: MultipartForm.File? = nil,
               actor: AuditActor) async throws {
        let scheme = s.scheme
        guard scheme.items.indices.contains(itemIndex) else { throw DeskFailure.invalid(["item": "请选择评分项"]) }
        let item = scheme.items[itemIndex]
        var e: [String: String] = [:]
        let p = Double(points.trimmingSpaces())
        if p == nil || p! < 0 || p! > item.points { e["points"] = "得分应为0–\(AssessmentScheme.format(item.points))之间的数" }
        let why = basis.trimmingSpaces()
        if why.count < 4 || why.count > 500 { e["basis"] = "请写明评分依据和佐证材料（4–500字）" }
        guard try await units().contains(where: { $0.id == organisationID }) else { throw DeskFailure.invalid(["organisation": "请选择被考核单位"]) }
        var evidence: PlanEvidence.File?
        switch PlanEvidence.file(file, limit: services.config.uploadMaxBytes) {
        case .success(let f): evidence = f
        case .failure(let f): e.merge(f.fieldErrors(refusalAt: "file")) { a, _ in a }
        }
        guard e.isEmpty, let p else { throw DeskFailure.invalid(e) }
        let sc = AssessmentScore()
        sc.id = UUID(); sc.schemeID = s.id!; sc.itemIndex = itemIndex; sc.organisationID = organisationID; sc.points = p; sc.basis = why
        sc.scoredBy = actor.name; sc.reviewedBy = ""; sc.scoredAt = services.clock.now()
        sc.fileSHA256 = evidence?.sha256; sc.fileName = evidence?.name ?? ""; sc.fileType = evidence?.type.rawValue ?? ""
        let audit = services.audit
        let now = services.clock.now()
        let upload = evidence
        try await services.db.transaction { db in
            try await upload?.store(at: now, on: db)
            try await AssessmentScore.query(on: db).filter(\.$schemeID == s.id!).filter(\.$itemIndex == itemIndex).filter(\.$organisationID == organisationID).delete()
            try await sc.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: organisationID, entity: .assessment, entityID: "\(s.year) \(s.title)",
                                   action: "人工评分", changes: [.init(field: item.name, before: nil, after: "\(AssessmentScheme.format(p))分：\(why)")])
        }
    }

    /// A second person confirms a manual score.
    func confirm(_ sc: AssessmentScore, actor: AuditActor) async throws {
        guard sc.reviewedBy.isEmpty else { throw DeskFailure.refused("该得分已复核") }
        guard sc.scoredBy != actor.name else { throw DeskFailure.refused("评分人不能复核自己的评分，请由其他人复核") }
        sc.reviewedBy = actor.name
        let audit = services.audit
        try await services.db.transaction { db in
            try await sc.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: sc.organisationID, entity: .assessment, entityID: sc.schemeID.uuidString,
                                   action: "复核评分", changes: [.init(field: "points", before: nil, after: AssessmentScheme.format(sc.points))])
        }
    }

    func adjust(_ s: AssessmentSchemeRecord, organisationID: Int, bonus: Bool, points: String, reason: String, actor: AuditActor) async throws {
        var e: [String: String] = [:]
        let p = Double(points.trimmingSpaces())
        if p == nil || p! <= 0 || p! > AssessmentScheme.maxBonus { e["adjust_points"] = "分值应为0–\(AssessmentScheme.format(AssessmentScheme.maxBonus))之间的数" }
        let why = reason.trimmingSpaces()
        if why.count < 4 || why.count > 300 { e["reason"] = "请写明加分或扣分的事由（4–300字）" }
        if !(try await units().contains { $0.id == organisationID }) { e["adjust_org"] = "请选择被考核单位" }
        guard e.isEmpty, let p else { throw DeskFailure.invalid(e) }
        let a = AssessmentAdjustment()
        a.id = UUID(); a.schemeID = s.id!; a.organisationID = organisationID; a.bonus = bonus; a.points = p; a.reason = why
        a.enteredBy = actor.name; a.createdAt = services.clock.now()
        let audit = services.audit
        try await services.db.transaction { db in
            try await a.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: organisationID, entity: .assessment, entityID: "\(s.year) \(s.title)",
                                   action: bonus ? "加分" : "扣分", changes: [.init(field: "points", before: nil, after: "\(AssessmentScheme.format(p))分：\(why)")])
        }
    }

    struct UnitResult: Sendable {
        let organisation: Organisation
        /// Per item: the points counted (nil: not scored, or a manual score awaiting confirmation).
        let itemPoints: [Double?]
        let pending: Int
        let deductions: Double
        let bonus: Double
        let total: Double
        var rank = 0
    }

    /// `units`: the assessed units when the caller has them already.
    func results(_ s: AssessmentSchemeRecord, units known: [Organisation]? = nil) async throws -> [UnitResult] {
        let scheme = s.scheme
        let units = known == nil ? try await self.units() : known!
        let scores = try await AssessmentScore.query(on: services.db).filter(\.$schemeID == s.id!).all()
        let adjustments = try await AssessmentAdjustment.query(on: services.db).filter(\.$schemeID == s.id!).all()
        var out = units.map { u -> UnitResult in
            let mine = scores.filter { $0.organisationID == u.id }
            let points = scheme.items.indices.map { i -> Double? in
                guard let sc = mine.first(where: { $0.itemIndex == i }), !sc.reviewedBy.isEmpty else { return nil }
                return sc.points
            }
            let adj = adjustments.filter { $0.organisationID == u.id }
            let deductions = adj.filter { !$0.bonus }.map(\.points), bonuses = adj.filter(\.bonus).map(\.points)
            return UnitResult(organisation: u, itemPoints: points, pending: mine.filter(\.reviewedBy.isEmpty).count,
                              deductions: deductions.reduce(0, +), bonus: min(bonuses.reduce(0, +), AssessmentScheme.maxBonus),
                              total: AssessmentScheme.total(itemPoints: points.compactMap { $0 }, deductions: deductions, bonuses: bonuses))
        }
        let ranks = AssessmentScheme.ranks(out.map(\.total))
        for i in out.indices { out[i].rank = ranks[i] }
        return out.sorted { ($0.rank, $0.organisation.sortOrder) < ($1.rank, $1.organisation.sortOrder) }
    }

    /// Drafts the 通报 of the results as an item of the county government office, to go through
    /// review and secrecy check before publication: the top three praised, the last three named.
    func draftNotice(_ s: AssessmentSchemeRecord, author: StaffUser, actor: AuditActor) async throws -> InformationItem {
        if let id = s.noticeItemID, let existing = try await InformationItem.find(id, on: services.db) { return existing }
        let results = try await results(s)
        guard results.contains(where: { $0.total > 0 }) else { throw DeskFailure.refused("还没有得分，请先计算指标得分并完成人工评分") }
        let orgs = try await Organisation.query(on: services.db).all()
        guard let office = orgs.first(where: { $0.kind == .governmentOffice }) ?? orgs.first(where: { $0.parentID == nil }) else {
            throw DeskFailure.refused("找不到县政府办公室")
        }
        let top = results.prefix(3), bottom = results.suffix(3).filter { r in !top.contains { $0.organisation.id == r.organisation.id } }
        let table = results.map { "<tr><td>\($0.rank)</td><td>\(HTMLText.escape($0.organisation.name))</td><td>\(AssessmentScheme.format($0.total))</td></tr>" }.joined()
        let body = "<p>根据《\(HTMLText.escape(s.title))》，现将\(s.year)年度政务公开工作考核结果通报如下。</p>"
            + "<p>一、表扬：" + top.map { HTMLText.escape($0.organisation.name) }.joined(separator: "、") + "政务公开工作成效明显，予以通报表扬。</p>"
            + (bottom.isEmpty ? "" : "<p>二、批评：" + bottom.map { HTMLText.escape($0.organisation.name) }.joined(separator: "、") + "得分靠后，予以通报批评，请对照考核问题限期整改。</p>")
            + "<table><thead><tr><th>名次</th><th>单位</th><th>得分</th></tr></thead><tbody>\(table)</tbody></table>"
        let fields: [String: String] = [
            "title": "关于\(s.year)年度政务公开工作考核结果的通报", "kind": InformationKind.notice.rawValue, "genre": "通报",
            "topic": "综合政务/政务公开", "written_on": services.clock.today().description, "summary": "\(s.year)年度政务公开工作考核结果。",
            "body": body, "attribute": DisclosureAttribute.proactive.rawValue, "validity": Validity.inForce.rawValue,
        ]
        let allowed = DisclosureColumn.columns(for: office.kind)
        let column = (allowed.first { $0.key == "qtxx" } ?? allowed.first).map { [$0.key] } ?? []
        let (input, errors) = ItemInput.parse({ fields[$0] ?? "" }, columns: column, allowedColumns: allowed)
        guard errors.isEmpty else { throw DeskFailure.refused("通报草稿无法生成：" + errors.values.joined(separator: "；")) }
        let item = try await PublishingDesk(services: services).create(input, in: office, author: author, actor: actor)
        s.noticeItemID = item.id
        try await s.update(on: services.db)
        return item
    }
}
