import Foundation
import GongkaiDomain

/// View models of annual reports: tables with merged cells for the Mustache templates.
enum AnnualReportViews {
    struct CellView: Sendable {
        let text: String
        let cs: Int?
        let rs: Int?
        let header: Bool
    }

    struct RowView: Sendable {
        let cells: [CellView]
    }

    struct GridView: Sendable {
        let rows: [RowView]
    }

    static func grid(_ g: ReportGrid) -> GridView {
        GridView(rows: g.rows.map { RowView(cells: $0.map {
            CellView(text: $0.text, cs: $0.colspan > 1 ? $0.colspan : nil, rs: $0.rowspan > 1 ? $0.rowspan : nil, header: $0.header)
        }) })
    }

    struct Body: Sendable {
        let title: String
        let overview: [String]
        let proactive: GridView
        let applications: GridView
        let reviews: GridView
        let problems: [String]
        let otherMatters: [String]
        let organisation: String
        let date: String
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    static func body(_ s: ReportSnapshot) -> Body {
        Body(title: s.title, overview: lines(s.overview), proactive: grid(s.proactive), applications: grid(s.applications),
             reviews: grid(s.reviews), problems: lines(s.problems), otherMatters: lines(s.otherMatters), organisation: s.organisation, date: s.date)
    }
}
