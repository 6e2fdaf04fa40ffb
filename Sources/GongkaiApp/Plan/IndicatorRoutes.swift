import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The indicators for leaders and the office: every indicator for the units the user sees, an
/// indicator's monthly trend and ranking of units as SVG charts with the numbers as a table, the
/// records behind the number, and the workbook.
enum IndicatorRoutes {
    static let viewers: Set<StaffRole> = [.disclosureOfficeAdministrator, .systemAdministrator, .leader, .informationOfficer]

    struct IndicatorRow: Sendable {
        let key: String
        let label: String
        let value: String
        let explanation: String
        let href: String
    }

    struct RecordRow: Sendable {
        let unit: String
        let label: String
        let date: String
        let met: String
        let missed: Bool
        let note: String
    }

    struct TableRow: Sendable {
        let label: String
        let value: String
    }

    struct DetailPart: Sendable {
        let label: String
        let explanation: String
        let value: String
        let trendSVG: String
        let trend: [TableRow]
        let rankingSVG: String?
        let ranking: [TableRow]
        let records: [RecordRow]
        let hasRecords: Bool
        let moreRecords: Int?
        let exportHref: String
    }

    struct PageView: Sendable {
        let chrome: PageChrome
        let period: String
        let years: [OptionItem]
        let months: [OptionItem]
        let units: [OptionItem]
        let indicators: [IndicatorRow]
        let detail: DetailPart?
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/indicators", roles: viewers, target: .anyScope) { request, context, auth in
            let today = services.clock.today()
            let year = Int(request.query.get("year") ?? "").flatMap { (2000...today.year).contains($0) ? $0 : nil } ?? today.year
            let month = Int(request.query.get("month") ?? "").flatMap { (1...12).contains($0) ? $0 : nil }
            let visible = try await PlanRoutes.units(services, auth, roles: viewers)
            let unit = Int(request.query.get("org") ?? "").flatMap { id in visible.first { $0.id == id } }
            let scope = unit.map { [$0.id!] } ?? visible.compactMap(\.id)
            let period = IndicatorPeriod(year: year, month: month)
            let indicator = PlanIndicator(rawValue: request.query.get("indicator") ?? "")
            let query = "year=\(year)" + (month.map { "&month=\($0)" } ?? "") + (unit.map { "&org=\($0.id!)" } ?? "")
            if request.query.get("format") == "xlsx" {
                return try await export(services, scope: scope, units: unit.map { [$0] } ?? visible, period: period)
            }
            var rows: [IndicatorRow] = []
            for i in PlanIndicator.allCases {
                let r = try await IndicatorQueries.compute(i, services, organisations: scope, period: period)
                rows.append(IndicatorRow(key: i.rawValue, label: i.label, value: r.value.text, explanation: i.explanation,
                                         href: "/admin/indicators?\(query)&indicator=\(i.rawValue)#detail"))
            }
            var detail: DetailPart?
            if let indicator {
                detail = try await detailPart(services, indicator, scope: scope, units: unit == nil ? visible : [], period: period, query: query)
            }
            return services.templates.page("admin-indicators", PageView(
                chrome: AdminChrome.make(services, context, title: "指标与考核", path: "/admin/indicators"),
                period: period.label + (unit.map { "，\($0.name)" } ?? ""),
                years: (max(today.year - 4, 2000)...today.year).reversed().map { OptionItem(value: String($0), label: "\($0)年", selected: $0 == year) },
                months: [OptionItem(value: "", label: "全年", selected: month == nil)] + (1...12).map { OptionItem(value: String($0), label: "\($0)月", selected: $0 == month) },
                units: [OptionItem(value: "", label: "全部单位", selected: unit == nil)] + visible.map { OptionItem(value: String($0.id!), label: $0.name, selected: $0.id == unit?.id) },
                indicators: rows, detail: detail))
        }
    }

    static func detailPart(_ services: AppServices, _ indicator: PlanIndicator, scope: [Int], units: [Organisation], period: IndicatorPeriod,
                           query: String) async throws -> DetailPart {
        let names = try await OrganisationQueries.activeNames(services)
        let result = try await IndicatorQueries.compute(indicator, services, organisations: scope, period: period)
        let today = services.clock.today()
        let lastMonth = period.year < today.year ? 12 : today.month
        var trend: [(String, IndicatorValue)] = []
        for m in 1...lastMonth {
            trend.append(("\(m)月", try await IndicatorQueries.compute(indicator, services, organisations: scope, period: IndicatorPeriod(year: period.year, month: m)).value))
        }
        let scale: Double? = indicator.isCount ? nil : 100
        let trendSVG = SVGChart.trend(id: "trend-\(indicator.rawValue)", title: "\(indicator.label)：\(period.year)年逐月",
                                      description: trend.map { "\($0.0)\($0.1.text)" }.joined(separator: "，"),
                                      points: trend.map { SVGChart.Point(label: $0.0, value: $0.1.number) }, maxValue: scale)
        var ranking: [(String, IndicatorValue)] = []
        // Ranking only where more than one unit is seen; units with nothing to measure go last.
        if units.count > 1 {
            for u in units where u.kind.isAdministrativeOrgan {
                let v = try await IndicatorQueries.compute(indicator, services, organisations: [u.id!], period: period).value
                ranking.append((u.shortName.isEmpty ? u.name : u.shortName, v))
            }
            ranking.sort { a, b in
                switch (a.1.number, b.1.number) {
                case let (x?, y?): return x != y ? (indicator.higherIsBetter ? x > y : x < y) : a.0 < b.0
                case (_?, nil): return true
                case (nil, _?): return false
                default: return a.0 < b.0
                }
            }
        }
        let rankingSVG = ranking.isEmpty ? nil : SVGChart.bars(id: "rank-\(indicator.rawValue)", title: "\(indicator.label)：各单位排名（\(period.label)）",
                                                              description: ranking.map { "\($0.0)\($0.1.text)" }.joined(separator: "，"),
                                                              bars: ranking.map { SVGChart.Bar(label: $0.0, value: $0.1.number, text: $0.1.text) }, maxValue: scale)
        let records = result.records.prefix(500).map { r in
            RecordRow(unit: names[r.organisationID] ?? "", label: r.label, date: r.date, met: r.met.map { $0 ? "是" : "否" } ?? "—",
                      missed: r.met == false && indicator.higherIsBetter || r.met == true && !indicator.higherIsBetter, note: r.note)
        }
        return DetailPart(label: indicator.label, explanation: indicator.explanation, value: result.value.text, trendSVG: trendSVG,
                          trend: trend.map { TableRow(label: $0.0, value: $0.1.text) }, rankingSVG: rankingSVG,
                          ranking: ranking.map { TableRow(label: $0.0, value: $0.1.text) }, records: Array(records), hasRecords: !records.isEmpty,
                          moreRecords: result.records.count > 500 ? result.records.count - 500 : nil,
                          exportHref: "/admin/indicators?\(query)&format=xlsx")
    }

    /// Every indicator for every unit of the period, one row per unit, and the scope's total.
    static func export(_ services: AppServices, scope: [Int], units: [Organisation], period: IndicatorPeriod) async throws -> Response {
        var rows = [["单位"] + PlanIndicator.allCases.map(\.label)]
        var total = ["合计"]
        for i in PlanIndicator.allCases { total.append(try await IndicatorQueries.compute(i, services, organisations: scope, period: period).value.text) }
        rows.append(total)
        for u in units where u.kind.isAdministrativeOrgan {
            var row = [u.name]
            for i in PlanIndicator.allCases { row.append(try await IndicatorQueries.compute(i, services, organisations: [u.id!], period: period).value.text) }
            rows.append(row)
        }
        return Download.response(ByteBuffer(bytes: XlsxSheet.write(name: "政务公开指标", rows: rows)), contentType: AttachmentType.xlsx.mimeType,
                                 fallbackName: "indicators-\(period.year).xlsx", fileName: "政务公开指标（\(period.label)）.xlsx", cacheControl: "no-store")
    }
}
