import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The annual report in the back office (compute, check, write, publish, consolidate) and on the
/// public 政府信息公开年报 page.
enum AnnualReportRoutes {
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer]
    static let viewers: Set<StaffRole> = editors.union([.leader, .systemAdministrator])

    struct ListRow: Sendable {
        let organisation: String
        let href: String
        let status: String
        let deadline: String
        let late: Bool
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let year: Int
        let years: [OptionItem]
        let rows: [ListRow]
        let published: Int
        let total: Int
    }

    struct EditView: Sendable {
        let chrome: PageChrome
        let organisation: String
        let year: Int
        let base: String
        let status: String
        let isPublished: Bool
        let deadline: String
        let body: AnnualReportViews.Body
        let problems: [String]
        let hasProblems: Bool
        let warnings: [String]
        let openCases: [String]
        let overview: String
        let problemsText: String
        let other: String
        let entered: ProactiveTable.EnteredFigures
        let feesWan: String
        let errors: [String: String]
        let refusal: String?
        let publicHref: String?
        let consolidatedHref: String
        /// The report's year has not ended: publishing needs a confirmation.
        let yearUnfinished: Bool
        let similarity: [SimilarityBlock]
        let hasSimilarity: Bool
        let similarityNote: String
        let similarityHref: String
    }

    struct SimilarityBlock: Sendable {
        let against: String
        let rows: [SimilarityRow]
    }

    struct SimilarityRow: Sendable {
        let ours: String
        let theirs: String
        let percent: Int
    }

    struct PairView: Sendable {
        let chrome: PageChrome
        let year: Int
        let years: [OptionItem]
        let rows: [PairRow]
        let hasRows: Bool
        let threshold: Int
    }

    struct PairRow: Sendable {
        let a: String
        let b: String
        let percent: Int
        let passages: Int
        let high: Bool
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = AnnualReportDesk(services: services)
        let target = AccessTarget.organisation(param: "org")

        bo.get("/admin/reports", roles: viewers, target: .anyScope) { request, context, auth in
            let year = try request.query.integer("year", in: 2008...2100, fallback: services.clock.today().year - 1, label: "年度（year）")
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: viewers, on: services.db)
                .map(\.node).filter { $0.kind.isAdministrativeOrgan }
            let reports = try await AnnualReport.query(on: services.db).filter(\.$year == year).all()
            let today = services.clock.today()
            let rows = orgs.map { o -> ListRow in
                let r = reports.first { $0.organisationID == o.id }
                let due = AnnualReportDesk.deadline(for: o, year: year, rule: services.config.annualReportDeadline)
                let published = r?.publishedAt.map { SiteClock.day(of: $0) }
                let late = published.map { $0 > due } ?? (today > due)
                return ListRow(organisation: o.name, href: "/admin/reports/\(o.id ?? 0)/\(year)",
                               status: r?.isPublished == true ? "已发布" : r == nil ? "未开始" : "草稿",
                               deadline: due.chinese(withYear: true), late: late)
            }
            let thisYear = today.year
            let view = ListView(chrome: AdminChrome.make(services, context, title: "年度报告", path: "/admin/reports", notice: AdminChrome.notice(request)),
                                year: year, years: (2021...thisYear).reversed().map { OptionItem(value: String($0), label: "\($0)年", selected: $0 == year) },
                                rows: rows, published: rows.filter { $0.status == "已发布" }.count, total: rows.count)
            return services.templates.page("admin-reports", view)
        }

        bo.get("/admin/reports/similarity", roles: viewers, target: .anyScope) { request, context, auth in
            let year = try request.query.integer("year", in: 2008...2100, fallback: services.clock.today().year - 1, label: "年度（year）")
            let orgs = Set(try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: viewers, on: services.db).compactMap(\.node.id))
            let pairs = try await ReportSimilarity(services: services).pairs(year: year, organisationIDs: orgs)
            let threshold = services.config.monitor.reportSimilarityPercent
            return services.templates.page("admin-report-similarity", PairView(
                chrome: AdminChrome.make(services, context, title: "年度报告相似度", path: "/admin/reports", notice: nil),
                year: year, years: (2021...services.clock.today().year).reversed().map { OptionItem(value: String($0), label: "\($0)年", selected: $0 == year) },
                rows: pairs.map { PairRow(a: $0.a, b: $0.b, percent: Int(($0.overall * 100).rounded()), passages: $0.passages, high: $0.passages > 0) },
                hasRows: !pairs.isEmpty, threshold: threshold))
        }

        bo.post("/admin/reports/:org/:year/similarity", roles: editors, target: target) { _, context, auth in
            let org = auth.organisation!
            let r = try await desk.report(for: org, year: try year(context))
            do {
                try await ReportSimilarity(services: services).explain(r, org: org, note: context.form["similarity_note"], actor: auth.staff.actor(context))
            } catch AnnualReportDesk.Failure.invalid(let e) {
                return try await edit(services, desk, context, org: org, report: r, errors: e, status: .badRequest)
            } catch AnnualReportDesk.Failure.refused(let m) {
                return try await edit(services, desk, context, org: org, report: r, refusal: m, status: .badRequest)
            }
            return .redirect(to: "/admin/reports/\(org.id!)/\(r.year)?notice=saved#h-similarity", type: .found)
        }

        bo.get("/admin/reports/:org/:year", roles: viewers, target: target) { request, context, auth in
            let org = auth.organisation!
            let r = try await desk.report(for: org, year: try year(context))
            return try await edit(services, desk, context, org: org, report: r, notice: AdminChrome.notice(request))
        }

        bo.post("/admin/reports/:org/:year", roles: editors, target: target) { _, context, auth in
            let org = auth.organisation!
            let r = try await desk.report(for: org, year: try year(context))
            let form = context.form
            // Counts are range-checked before any sum is made of them (-1 is reported as invalid).
            func int(_ k: String) -> Int {
                (try? Paging.integer(form[k].replacingOccurrences(of: ",", with: ""), in: 0...100_000_000, fallback: 0).get()) ?? -1
            }
            func yuan(_ k: String) -> Int {
                guard let d = Decimal(string: form[k].isEmpty ? "0" : form[k]), d >= 0, d <= 100_000_000 else { return -1 }
                return NSDecimalNumber(decimal: d * 10_000).intValue
            }
            let entered = ProactiveTable.EnteredFigures(
                licensingDecisions: form["licensing"].isEmpty ? 0 : int("licensing"), penaltyDecisions: form["penalties"].isEmpty ? 0 : int("penalties"),
                enforcementDecisions: form["enforcement"].isEmpty ? 0 : int("enforcement"), feesYuan: yuan("fees_wan"), source: form["source"])
            do {
                guard !r.isPublished else { throw AnnualReportDesk.Failure.refused("报告已发布；修改后请用“更正并重新发布”") }
                try await desk.save(r, overview: form.raw("overview"), problems: form.raw("problems"), other: form.raw("other"),
                                    entered: entered, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/reports/\(org.id!)/\(r.year)?notice=saved", type: .found)
            } catch AnnualReportDesk.Failure.invalid(let e) {
                return try await edit(services, desk, context, org: org, report: r, errors: e, status: .badRequest,
                                      typed: (form.raw("overview"), form.raw("problems"), form.raw("other"), entered))
            } catch AnnualReportDesk.Failure.refused(let m) {
                return try await edit(services, desk, context, org: org, report: r, refusal: m, status: .badRequest)
            }
        }

        bo.post("/admin/reports/:org/:year/publish", roles: [.disclosureOfficeAdministrator], target: target) { _, context, auth in
            let org = auth.organisation!
            let r = try await desk.report(for: org, year: try year(context))
            do {
                if r.isPublished {
                    // A correction may change the texts too.
                    let form = context.form
                    r.overview = form.raw("overview").isEmpty ? r.overview : form.raw("overview")
                    r.problems = form.raw("problems").isEmpty ? r.problems : form.raw("problems")
                    r.otherMatters = form.raw("other").isEmpty ? r.otherMatters : form.raw("other")
                }
                try await desk.publish(r, org: org, correctionNote: r.isPublished ? context.form["correction"] : nil,
                                       confirmUnfinishedYear: context.form["confirm_unfinished"] == "1", actor: auth.staff.actor(context))
                return .redirect(to: "/admin/reports/\(org.id!)/\(r.year)?notice=saved", type: .found)
            } catch AnnualReportDesk.Failure.invalid(let e) {
                return try await edit(services, desk, context, org: org, report: r, errors: e, status: .badRequest)
            } catch AnnualReportDesk.Failure.refused(let m) {
                return try await edit(services, desk, context, org: org, report: r, refusal: m, status: .badRequest)
            }
        }

        bo.get("/admin/reports/:org/:year/consolidated", roles: viewers, target: target) { _, context, auth in
            let org = auth.organisation!
            let y = try year(context)
            let members = try await Organisation.query(on: services.db).all()
                .filter { $0.ancestry.isWithin(org.ancestry) && $0.kind.isAdministrativeOrgan }
            var parts: [AnnualReportDesk.Tables] = []
            for m in members {
                let entered = try await AnnualReport.query(on: services.db).filter(\.$organisationID == m.requireID()).filter(\.$year == y).first()?.entered ?? .init()
                parts.append(try await desk.tables(for: m, year: y, entered: entered))
            }
            let format = AnnualReportFormat.forYear(y)
            let snapshot = ReportSnapshot(
                title: "\(org.name)及所属机关\(y)年政府信息公开工作年度报告汇总表（\(members.count)个机关）", organisation: org.name, year: y,
                overview: "本表由系统按各机关数据逐格相加生成，供汇总和核对使用。",
                proactive: format.proactiveGrid(ProactiveTable.sum(parts.map(\.proactive), year: y)),
                applications: format.applicationGrid(ApplicationTable.sum(parts.map(\.applications), year: y)),
                reviews: format.reviewGrid(ReviewTable.sum(parts.map(\.reviews), year: y)),
                problems: "—", otherMatters: "—", date: services.clock.today().chinese(withYear: true))
            return services.templates.page("admin-report-consolidated", ConsolidatedView(
                chrome: AdminChrome.make(services, context, title: "年度报告汇总", path: "/admin/reports"),
                body: AnnualReportViews.body(snapshot), backHref: "/admin/reports?year=\(y)"))
        }
    }

    struct ConsolidatedView: Sendable {
        let chrome: PageChrome
        let body: AnnualReportViews.Body
        let backHref: String
    }

    static func year(_ context: AppRequestContext) throws -> Int {
        guard let y = context.parameters.get("year", as: Int.self), (2008...2100).contains(y) else { throw HTTPError(.notFound) }
        return y
    }

    static func edit(_ services: AppServices, _ desk: AnnualReportDesk, _ context: AppRequestContext, org: Organisation, report r: AnnualReport,
                     notice: String? = nil, errors: [String: String] = [:], refusal: String? = nil, status: HTTPResponse.Status = .ok,
                     typed: (String, String, String, ProactiveTable.EnteredFigures)? = nil) async throws -> Response {
        let entered = typed?.3 ?? r.entered
        let tables = try await desk.tables(for: org, year: r.year, entered: entered)
        let problems = try await desk.problems(for: org, year: r.year, tables: tables)
        let warnings = try await desk.carryOverWarnings(for: org, year: r.year, tables: tables)
        let open = try await desk.openCases(for: org, year: r.year).map { "\($0.registrationNumber)（\($0.receiptDate ?? "")收到，结转下年度）" }
        let live = desk.snapshot(r, org: org, tables: tables)
        let similarity = ReportSimilarity(services: services)
        let blocks = try await similarity.comparisons(for: r, org: org).map { c in
            SimilarityBlock(against: c.against, rows: c.matches.map { SimilarityRow(ours: $0.ours, theirs: $0.theirs, percent: Int(($0.similarity * 100).rounded())) })
        }
        let view = EditView(
            chrome: AdminChrome.make(services, context, title: "\(r.year)年度报告", path: "/admin/reports", notice: notice),
            organisation: org.name, year: r.year, base: "/admin/reports/\(org.id!)/\(r.year)",
            status: r.isPublished ? "已发布" : r.id == nil ? "未保存" : "草稿", isPublished: r.isPublished,
            deadline: AnnualReportDesk.deadline(for: org, year: r.year, rule: services.config.annualReportDeadline).chinese(withYear: true),
            body: AnnualReportViews.body(live), problems: problems, hasProblems: !problems.isEmpty, warnings: warnings, openCases: open,
            overview: typed?.0 ?? r.overview, problemsText: typed?.1 ?? r.problems, other: typed?.2 ?? r.otherMatters, entered: entered,
            feesWan: ProactiveTable.wanYuan(max(0, entered.feesYuan)),
            errors: errors, refusal: refusal,
            publicHref: r.isPublished ? "/xxgk/\(org.id!)/annual-reports/\(r.year)" : nil,
            consolidatedHref: "/admin/reports/\(org.id!)/\(r.year)/consolidated",
            yearUnfinished: !r.isPublished && services.clock.today().year <= r.year,
            similarity: blocks, hasSimilarity: !blocks.isEmpty, similarityNote: try await similarity.note(for: r)?.note ?? "",
            similarityHref: "/admin/reports/\(org.id!)/\(r.year)/similarity")
        return services.templates.page("admin-report", view, status: status)
    }

    // MARK: Public

    /// The 年报 section: the published reports, newest first.
    struct PublicReports: Sendable {
        let reports: [PublicList]
    }

    struct PublicList: Sendable {
        let year: Int
        let href: String
        let title: String
        let publishedOn: String
    }

    struct PublicReport: Sendable {
        let body: AnnualReportViews.Body
        let corrections: [String]
        let docxHref: String
    }

    static func registerPublic(router: Router<AppRequestContext>, services: AppServices) {
        let desk = AnnualReportDesk(services: services)
        router.get("/xxgk/:org/annual-reports") { request, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "reports", request: request, context: context)
            view.sectionBody = PublicReports(reports: try await AnnualReport.query(on: services.db).filter(\.$organisationID == org.id!)
                .filter(\.$status == "published").sort(\.$year, .descending).all().map {
                    PublicList(year: $0.year, href: "/xxgk/\(org.id!)/annual-reports/\($0.year)",
                               title: "\(org.name)\($0.year)年政府信息公开工作年度报告",
                               publishedOn: $0.publishedAt.map { SiteClock.day(of: $0).description } ?? "")
                })
            return services.templates.page("portal-reports", view)
        }

        router.get("/xxgk/:org/annual-reports/:year") { request, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            guard let y = context.parameters.get("year", as: Int.self),
                  let r = try await AnnualReport.query(on: services.db).filter(\.$organisationID == org.id!).filter(\.$year == y).first(),
                  r.isPublished, let snapshot = desk.publishedSnapshot(r) else { throw HTTPError(.notFound) }
            if request.query.get("format") == "docx" {
                let bytes = DocxWriter.write(title: snapshot.title, blocks: AnnualReportDesk.blocks(snapshot), issuer: snapshot.organisation, date: snapshot.date)
                return ApplicationDocumentRoutes.docx(bytes, fileBase: snapshot.title)
            }
            let corrections = try await AnnualReportCorrection.query(on: services.db).filter(\.$reportID == r.requireID()).sort(\.$correctedAt).all()
                .map { "\(SiteClock.day(of: $0.correctedAt).chinese(withYear: true))更正：\($0.note)" }
            var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "reports", request: request, context: context)
            view.sectionBody = PublicReport(body: AnnualReportViews.body(snapshot), corrections: corrections,
                                       docxHref: "/xxgk/\(org.id!)/annual-reports/\(y)?format=docx")
            return services.templates.page("portal-report", view)
        }
    }
}
