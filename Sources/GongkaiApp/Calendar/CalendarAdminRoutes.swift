import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Back-office pages for the working-day calendar: years known, each year's special days, importing
/// a year when the State Council publishes it, and a calculator that shows its working.
enum CalendarAdminRoutes {
    struct YearRow: Sendable {
        let year: Int
        let holidays: Int
        let workdays: Int
        let source: String
        let href: String
    }

    struct DayRow: Sendable {
        let date: String
        let weekday: String
        let kindLabel: String
        let name: String
        let isWorkday: Bool
    }

    struct View: Sendable {
        let chrome: PageChrome
        let years: [YearRow]
        let selectedYear: Int?
        let days: [DayRow]
        let hasDays: Bool
        let importYear: String
        let importSource: String
        let importCSV: String
        let importErrors: [String]
        let hasImportErrors: Bool
        let calcStart: String
        let calcDays: String
        let calcResult: String?
        let calcError: String?
        let calcProvisional: Bool
        let lastKnownYear: Int
    }

    static let weekdays = ["", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
    static let editors: Set<StaffRole> = [.systemAdministrator, .disclosureOfficeAdministrator]

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let store = CalendarStore(services: services)

        bo.get("/admin/calendar", roles: editors, target: .anyScope) { request, context, auth in
            let q = request.query
            return try await page(services, context, store: store, year: try q.optionalInteger("year", in: 1949...2100, label: "年份（year）"),
                                  calcStart: q.get("start") ?? "", calcDays: q.get("days") ?? "", importYear: "", source: "",
                                  csv: "", importErrors: [], notice: AdminChrome.notice(request), status: .ok)
        }

        bo.post("/admin/calendar/import", roles: editors, target: .global) { request, context, auth in
            let form = context.form
            guard let year = Int(form["year"]) else {
                return try await page(services, context, store: store, year: nil, calcStart: "", calcDays: "", importYear: form["year"],
                                      source: form["source"], csv: form.raw("csv"), importErrors: ["请填写年份，如 2027"], notice: nil, status: .badRequest)
            }
            do {
                _ = try await store.importYear(year, csv: form.raw("csv"), source: form["source"], actor: auth.staff.actor(context))
                return .redirect(to: "/admin/calendar?year=\(year)&notice=saved", type: .found)
            } catch CalendarStore.Failure.invalid(let errors) {
                return try await page(services, context, store: store, year: nil, calcStart: "", calcDays: "", importYear: form["year"],
                                      source: form["source"], csv: form.raw("csv"), importErrors: errors, notice: nil, status: .badRequest)
            }
        }
    }

    static func page(_ services: AppServices, _ context: AppRequestContext, store: CalendarStore, year: Int?, calcStart: String,
                     calcDays: String, importYear: String, source: String, csv: String, importErrors: [String],
                     notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let calendar = try await store.calendar()
        let sources = Dictionary(uniqueKeysWithValues: try await HolidayYear.query(on: services.db).all().map { ($0.year, $0.source) })
        let entries = calendar.schedule.entries.values
        let years = calendar.schedule.years.sorted(by: >).map { y in
            YearRow(year: y, holidays: entries.filter { $0.date.year == y && $0.kind == .holiday }.count,
                    workdays: entries.filter { $0.date.year == y && $0.kind == .workday }.count,
                    source: sources[y].map { "后台导入" + ($0.isEmpty ? "" : "：\($0)") } ?? "随系统发布",
                    href: "/admin/calendar?year=\(y)")
        }
        let days = year.map { y in
            entries.filter { $0.date.year == y }.sorted { $0.date < $1.date }.map {
                DayRow(date: $0.date.description, weekday: weekdays[$0.date.weekday],
                       kindLabel: $0.kind == .holiday ? "放假" : "调休上班", name: $0.name, isWorkday: $0.kind == .workday)
            }
        } ?? []
        var result: String?
        var calcError: String?
        var provisional = false
        if !calcStart.isEmpty || !calcDays.isEmpty {
            if let start = CivilDate(iso: calcStart), let n = Int(calcDays), (1...365).contains(n) {
                let r = calendar.addingWorkingDays(n, after: start)
                provisional = r.provisional
                result = calendar.explainWorkingDays(n, after: start, event: "起")
            } else {
                calcError = "请填写有效的起始日期（如 2026-09-28）和1至365之间的工作日数"
            }
        }
        let view = View(
            chrome: AdminChrome.make(services, context, title: "工作日历", path: "/admin/calendar", notice: notice),
            years: years, selectedYear: year, days: days, hasDays: !days.isEmpty,
            importYear: importYear, importSource: source, importCSV: csv, importErrors: importErrors,
            hasImportErrors: !importErrors.isEmpty, calcStart: calcStart, calcDays: calcDays, calcResult: result,
            calcError: calcError, calcProvisional: provisional, lastKnownYear: calendar.schedule.years.max() ?? 0)
        return services.templates.page("admin-calendar", view, status: status)
    }
}
