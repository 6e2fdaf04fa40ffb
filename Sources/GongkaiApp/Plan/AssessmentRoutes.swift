import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 考核 in the back office: schemes, scoring (computed and manual with confirmation), deductions
/// and bonuses, the ranking, the 通报 draft and the workbook. County-wide: the office and leaders.
enum AssessmentRoutes {
    struct SchemeLink: Sendable {
        let title: String
        let year: Int
        let weight: String
        let href: String
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let schemes: [SchemeLink]
        let hasSchemes: Bool
        let isOffice: Bool
        let year: String
        let title: String
        let weight: String
        let items: String
        let errors: [String: String]
    }

    struct ItemHead: Sendable {
        let index: Int
        let name: String
        let points: String
        let rule: String
        let manual: Bool
    }

    struct ResultRow: Sendable {
        let rank: Int
        let unit: String
        let cells: [String]
        let deductions: String
        let bonus: String
        let total: String
        let pending: Int?
    }

    struct PendingRow: Sendable {
        let id: String
        let unit: String
        let item: String
        let points: String
        let basis: String
        let scoredBy: String
        let evidenceHref: String?
        let evidenceName: String
    }

    struct SchemeView: Sendable {
        let chrome: PageChrome
        let title: String
        let year: Int
        let weight: String
        let items: [ItemHead]
        let results: [ResultRow]
        let pending: [PendingRow]
        let hasPending: Bool
        let isOffice: Bool
        let canReview: Bool
        let action: String
        let units: [OptionItem]
        let manualItems: [OptionItem]
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
        let noticeHref: String?
        let exportHref: String
        let chartSVG: String
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/assessments", roles: AssessmentDesk.viewers, target: .global) { request, context, auth in
            try await list(services, request, context, auth, form: nil, errors: [:], status: .ok)
        }
        bo.post("/admin/assessments", roles: PlanLedgerDesk.office, target: .global) { request, context, auth in
            let f = context.form
            do {
                let s = try await AssessmentDesk(services: services).create(year: f["year"], title: f["title"], weight: f["weight"], items: f.raw("items"), actor: auth.staff.actor(context))
                return .redirect(to: "/admin/assessments/\(s.id!.uuidString)?notice=created", type: .found)
            } catch DeskFailure.invalid(let errors) {
                return try await list(services, request, context, auth, form: f, errors: errors, status: .badRequest)
            }
        }
        bo.get("/admin/assessments/:scheme", roles: AssessmentDesk.viewers, target: .global) { request, context, auth in
            guard let s = try await AssessmentSchemeRecord.find(context.parameters.get("scheme", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            if request.query.get("format") == "xlsx" { return try await export(services, s) }
            if let raw = request.query.get("evidence") {
                guard let id = UUID(uuidString: raw), let sc = try await AssessmentScore.find(id, on: services.db), sc.schemeID == s.id,
                      let sha = sc.fileSHA256 else { throw HTTPError(.notFound) }
                return try await PlanEvidence.download(sha256: sha, type: sc.fileType, name: sc.fileName, on: services.db)
            }
            return try await page(services, request, context, auth, s, errors: [:], status: .ok)
        }
        bo.post("/admin/assessments/:scheme", roles: AssessmentDesk.reviewers, target: .global) { request, context, auth in
            guard let s = try await AssessmentSchemeRecord.find(context.parameters.get("scheme", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let desk = AssessmentDesk(services: services)
            let f = context.form
            let actor = auth.staff.actor(context)
            let office = try await PlanRoutes.isOffice(services, auth)
            do {
                switch f["action"] {
                case "confirm":
                    guard let id = UUID(uuidString: f["score"]), let sc = try await AssessmentScore.find(id, on: services.db), sc.schemeID == s.id else {
                        throw DeskFailure.refused("找不到该评分")
                    }
                    try await desk.confirm(sc, actor: actor)
                case "compute" where office:
                    _ = try await desk.compute(s, actor: actor)
                case "score" where office:
                    try await desk.score(s, itemIndex: Int(f["item"]) ?? -1, organisationID: Int(f["organisation"]) ?? 0, points: f["points"], basis: f["basis"],
                                         file: context.uploads.first { $0.field == "file" && !$0.data.isEmpty }, actor: actor)
                case "deduct" where office, "bonus" where office:
                    try await desk.adjust(s, organisationID: Int(f["adjust_org"]) ?? 0, bonus: f["action"] == "bonus", points: f["adjust_points"], reason: f["reason"], actor: actor)
                case "notice" where office:
                    let item = try await desk.draftNotice(s, author: auth.staff.user, actor: actor)
                    return .redirect(to: "/admin/items/\(item.id!.uuidString)", type: .found)
                case "compute", "score", "deduct", "bonus", "notice":
                    throw UserFacingError.forbidden()
                default:
                    throw DeskFailure.refused("请选择要办理的事项")
                }
            } catch let failure as DeskFailure {
                return try await page(services, request, context, auth, s, errors: failure.fieldErrors(refusalAt: "action"), status: .badRequest)
            }
            return .redirect(to: "/admin/assessments/\(s.id!.uuidString)?notice=saved", type: .found)
        }
    }

    static func list(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, form: FormData?,
                     errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let schemes = try await AssessmentSchemeRecord.query(on: services.db).sort(\.$year, .descending).all()
        let year = services.clock.today().year
        return services.templates.page("admin-assessments", ListView(
            chrome: AdminChrome.make(services, context, title: "政务公开考核", path: "/admin/indicators", notice: PlanRoutes.notice(request)),
            schemes: schemes.map { SchemeLink(title: $0.title, year: $0.year, weight: AssessmentScheme.format($0.performanceWeight) + "%", href: "/admin/assessments/\($0.id!.uuidString)") },
            hasSchemes: !schemes.isEmpty, isOffice: try await PlanRoutes.isOffice(services, auth),
            year: form?["year"] ?? String(year), title: form?["title"] ?? "清溪县\(year)年度政务公开工作考核方案", weight: form?["weight"] ?? "4",
            items: form?.raw("items") ?? AssessmentDesk.defaultItems, errors: errors), status: status)
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, _ s: AssessmentSchemeRecord,
                     errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let desk = AssessmentDesk(services: services)
        let scheme = s.scheme
        let units = try await desk.units()
        let results = try await desk.results(s, units: units)
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.name) })
        let pending = try await AssessmentScore.query(on: services.db).filter(\.$schemeID == s.id!).filter(\.$reviewedBy == "").all()
        let office = try await PlanRoutes.isOffice(services, auth)
        let roots = try await OrganisationQueries.rootIDs(on: services.db)
        let heads = scheme.items.enumerated().map { i, item -> ItemHead in
            let rule: String
            switch item.rule {
            case .manual: rule = "人工评分"
            case .indicator(let ind, let full, let zero): rule = "\(ind.label)：\(AssessmentScheme.format(full))得满分，\(AssessmentScheme.format(zero))不得分"
            }
            return ItemHead(index: i, name: item.name, points: AssessmentScheme.format(item.points), rule: rule, manual: item.rule == .manual)
        }
        let chart = SVGChart.bars(id: "assessment", title: "\(s.title)：各单位得分", description: results.map { "\($0.rank). \($0.organisation.name) \(AssessmentScheme.format($0.total))分" }.joined(separator: "，"),
                                  bars: results.map { SVGChart.Bar(label: $0.organisation.shortName.isEmpty ? $0.organisation.name : $0.organisation.shortName, value: $0.total, text: AssessmentScheme.format($0.total)) },
                                  maxValue: AssessmentScheme.totalPoints + AssessmentScheme.maxBonus)
        return services.templates.page("admin-assessment", SchemeView(
            chrome: AdminChrome.make(services, context, title: s.title, path: "/admin/indicators", notice: PlanRoutes.notice(request)),
            title: s.title, year: s.year, weight: AssessmentScheme.format(s.performanceWeight) + "%", items: heads,
            results: results.map { r in ResultRow(rank: r.rank, unit: r.organisation.name, cells: r.itemPoints.map { $0.map(AssessmentScheme.format) ?? "—" },
                                                  deductions: AssessmentScheme.format(r.deductions), bonus: AssessmentScheme.format(r.bonus),
                                                  total: AssessmentScheme.format(r.total), pending: r.pending > 0 ? r.pending : nil) },
            pending: pending.map { p in PendingRow(id: p.id!.uuidString, unit: names[p.organisationID] ?? "", item: scheme.items.indices.contains(p.itemIndex) ? scheme.items[p.itemIndex].name : "",
                                                   points: AssessmentScheme.format(p.points), basis: p.basis, scoredBy: p.scoredBy,
                                                   evidenceHref: p.fileSHA256 == nil ? nil : "/admin/assessments/\(s.id!.uuidString)?evidence=\(p.id!.uuidString)",
                                                   evidenceName: p.fileName) },
            hasPending: !pending.isEmpty, isOffice: office,
            canReview: auth.staff.policy.allowsGlobally(AssessmentDesk.reviewers, rootIDs: roots),
            action: "/admin/assessments/\(s.id!.uuidString)",
            units: units.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
            manualItems: heads.map { OptionItem(value: String($0.index), label: "\($0.name)（\($0.points)分）", selected: false) },
            errors: errors, hasErrors: !errors.isEmpty, errorList: errors.keys.sorted().compactMap { errors[$0] },
            noticeHref: s.noticeItemID.map { "/admin/items/\($0.uuidString)" }, exportHref: "/admin/assessments/\(s.id!.uuidString)?format=xlsx",
            chartSVG: chart), status: status)
    }

    static func export(_ services: AppServices, _ s: AssessmentSchemeRecord) async throws -> Response {
        let scheme = s.scheme
        let results = try await AssessmentDesk(services: services).results(s)
        let rows = [["名次", "单位"] + scheme.items.map { "\($0.name)（\(AssessmentScheme.format($0.points))分）" } + ["扣分", "加分", "总分"]]
            + results.map { r in [String(r.rank), r.organisation.name] + r.itemPoints.map { $0.map(AssessmentScheme.format) ?? "" }
                + [AssessmentScheme.format(r.deductions), AssessmentScheme.format(r.bonus), AssessmentScheme.format(r.total)] }
        return Download.response(ByteBuffer(bytes: XlsxSheet.write(name: "考核得分", rows: rows)), contentType: AttachmentType.xlsx.mimeType,
                                 fallbackName: "assessment-\(s.year).xlsx", fileName: "\(s.title)得分.xlsx", cacheControl: "no-store")
    }
}
