import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird

/// Importing a 任务分解表: upload (.xlsx, checked row by row), then the review of unit names the
/// matcher could not place, then the import in one transaction.
enum PlanImportRoutes {
    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/plan/import", roles: PlanLedgerDesk.office, target: .global) { request, context, _ in
            page(services, context, year: request.query.get("year") ?? String(services.clock.today().year), problems: [], status: .ok)
        }
        bo.post("/admin/plan/import", roles: PlanLedgerDesk.office, target: .global) { _, context, auth in
            let yearText = context.form["year"].trimmingSpaces()
            guard let year = Int(yearText), (2000...2100).contains(year) else {
                return page(services, context, year: yearText, problems: ["年度应为2000–2100之间的年份"], status: .badRequest)
            }
            guard let file = context.uploads.first(where: { $0.field == "file" && !$0.data.isEmpty }) else {
                return page(services, context, year: yearText, problems: ["请选择要导入的任务分解表（.xlsx）"], status: .badRequest)
            }
            do {
                let draft = try await PlanImporter(services: services).read(fileName: file.filename, data: file.data, year: year, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/plan/import/\(draft.id!.uuidString)", type: .found)
            } catch PlanImporter.Failure.problems(let problems) {
                return page(services, context, year: yearText, problems: problems, status: .badRequest)
            }
        }
        bo.get("/admin/plan/import/:draft", roles: PlanLedgerDesk.office, target: .global) { _, context, _ in
            guard let draft = try await PlanImportDraft.find(context.parameters.get("draft", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            return try await review(services, context, draft: draft, mapping: [:], problems: [], status: .ok)
        }
        bo.post("/admin/plan/import/:draft", roles: PlanLedgerDesk.office, target: .global) { _, context, auth in
            guard let draft = try await PlanImportDraft.find(context.parameters.get("draft", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let importer = PlanImporter(services: services)
            // The choices are posted by index into the list of unplaced names.
            let names = try await importer.preview(draft, mapping: [:]).unresolved
            var mapping: [String: Int] = [:]
            let active = Set(try await Organisation.query(on: services.db).filter(\.$isActive == true).all().compactMap(\.id))
            for (i, name) in names.enumerated() {
                if let id = Int(context.form["unit\(i)"]), id == 0 || active.contains(id) { mapping[name] = id }
            }
            do {
                let year = draft.year
                _ = try await importer.commit(draft, mapping: mapping, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/plan?year=\(year)&notice=imported", type: .found)
            } catch PlanImporter.Failure.unmapped(let problems) {
                return try await review(services, context, draft: draft, mapping: mapping, problems: problems, status: .badRequest)
            } catch PlanImporter.Failure.problems(let problems) {
                return page(services, context, year: String(draft.year), problems: problems, status: .badRequest)
            }
        }
    }

    static func page(_ services: AppServices, _ context: AppRequestContext, year: String, problems: [String], status: HTTPResponse.Status) -> Response {
        services.templates.page("admin-plan-import", PlanViews.ImportView(
            chrome: AdminChrome.make(services, context, title: "导入任务分解表", path: "/admin/plan"), year: year,
            problems: problems, hasProblems: !problems.isEmpty, draftAction: nil, fileName: nil, rows: [], choices: [], hasChoices: false, count: 0), status: status)
    }

    static func review(_ services: AppServices, _ context: AppRequestContext, draft: PlanImportDraft, mapping: [String: Int], problems: [String],
                       status: HTTPResponse.Status) async throws -> Response {
        let importer = PlanImporter(services: services)
        let names = try await importer.preview(draft, mapping: [:]).unresolved
        let preview = try await importer.preview(draft, mapping: mapping)
        let orgNames = try await OrganisationQueries.activeNames(services)
        let orgs = try await OrganisationQueries.tree(on: services.db, activeOnly: true).map(\.node)
        let rows = preview.rows.map { r in
            PlanViews.ImportRow(line: r.row.line, category: r.row.category, task: r.row.task,
                                leads: (r.units.leads.compactMap { orgNames[$0] } + r.units.unresolved.filter { r.row.units.leads.map(ResponsibleUnits.normalise).contains($0) }.map { "【\($0)】" }).joined(separator: "、"),
                                participants: r.units.participants.count > 6 ? "\(r.units.participants.count)个单位" : r.units.participants.compactMap { orgNames[$0] }.joined(separator: "、"),
                                deadline: r.row.deadline.label)
        }
        let choices = names.enumerated().map { i, name in
            PlanViews.NameChoice(index: i, name: name, options: [OptionItem(value: "", label: "请选择", selected: mapping[name] == nil),
                                                                OptionItem(value: "0", label: "（不是本县单位，略去）", selected: mapping[name] == 0)]
                                 + orgs.map { OptionItem(value: String($0.id!), label: $0.name, selected: mapping[name] == $0.id) })
        }
        return services.templates.page("admin-plan-import", PlanViews.ImportView(
            chrome: AdminChrome.make(services, context, title: "导入任务分解表：核对", path: "/admin/plan"), year: String(draft.year),
            problems: problems, hasProblems: !problems.isEmpty, draftAction: "/admin/plan/import/\(draft.id!.uuidString)", fileName: draft.fileName,
            rows: rows, choices: choices, hasChoices: !choices.isEmpty, count: rows.count), status: status)
    }
}
