/// The annual report laid out in the national format. Versioned by format: a later change of the
/// format is a new case here, not a rewrite of the old one (reports of past years keep theirs).
public enum AnnualReportFormat: String, Sendable, CaseIterable, Codable {
    /// 国办公开办函〔2021〕30号, used from the 2021 reports on.
    case y2021 = "2021"

    public static func forYear(_ year: Int) -> AnnualReportFormat { .y2021 }

    public static let sectionHeadings = [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]

    public func proactiveGrid(_ t: ProactiveTable) -> ReportGrid {
        typealias C = ReportGrid.Cell
        func block(_ article: String) -> [C] { [C(article, colspan: 4, header: true)] }
        let policyHeader = [C("信息内容", header: true), C("本年制发件数", header: true), C("本年废止件数", header: true), C("现行有效件数", header: true)]
        func decisions(_ label: String) -> [C] { [C("信息内容", header: true), C(label, colspan: 3, header: true)] }
        func policy(_ label: String, _ r: ProactiveTable.PolicyRow) -> [C] { [C(label), C("\(r.issued)"), C("\(r.repealed)"), C("\(r.inForce)")] }
        return ReportGrid(rows: [
            block("第二十条第（一）项"), policyHeader,
            policy("规章", t.regulations), policy("行政规范性文件", t.normativeDocuments),
            block("第二十条第（五）项"), decisions("本年处理决定数量"),
            [C("行政许可"), C("\(t.entered.licensingDecisions)", colspan: 3)],
            block("第二十条第（六）项"), decisions("本年处理决定数量"),
            [C("行政处罚"), C("\(t.entered.penaltyDecisions)", colspan: 3)],
            [C("行政强制"), C("\(t.entered.enforcementDecisions)", colspan: 3)],
            block("第二十条第（八）项"), decisions("本年收费金额（单位：万元）"),
            [C("行政事业性收费"), C(ProactiveTable.wanYuan(t.entered.feesYuan), colspan: 3)],
        ])
    }

    public func applicationGrid(_ t: ApplicationTable) -> ReportGrid {
        typealias C = ReportGrid.Cell
        func numbers(_ row: ApplicationTable.Row) -> [C] {
            ApplicantKind.allCases.map { C("\(t.count(row, $0))") } + [C("\(t.total(row))")]
        }
        var rows: [[C]] = [
            [C("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan: 3, rowspan: 3, header: true),
             C("申请人情况", colspan: 7, header: true)],
            [C("自然人", rowspan: 2, header: true), C("法人或其他组织", colspan: 5, header: true), C("总计", rowspan: 2, header: true)],
            ApplicantKind.allCases.filter { $0 != .naturalPerson }.map { C($0.label, header: true) },
            [C(ApplicationTable.Row.newThisYear.label, colspan: 3)] + numbers(.newThisYear),
            [C(ApplicationTable.Row.carriedOver.label, colspan: 3)] + numbers(.carriedOver),
        ]
        // 三 spans the outcome groups: (一) and (二) single rows, (三)–(六) with their leaf rows, then (七).
        var third: [[C]] = []
        for g in ReplyOutcome.Group.allCases {
            let leaves = ReplyOutcome.allCases.filter { $0.group == g }
            if g == .disclosed || g == .partial {
                third.append([C(g.label, colspan: 2)] + numbers(.outcome(leaves[0])))
            } else {
                for (i, o) in leaves.enumerated() {
                    third.append((i == 0 ? [C(g.label, rowspan: leaves.count)] : []) + [C(o.rowLabel)] + numbers(.outcome(o)))
                }
            }
        }
        third.append([C(ApplicationTable.Row.decidedTotal.label, colspan: 2)] + numbers(.decidedTotal))
        third[0].insert(C("三、本年度办理结果", rowspan: third.count), at: 0)
        rows += third
        rows.append([C(ApplicationTable.Row.carriedForward.label, colspan: 3)] + numbers(.carriedForward))
        return ReportGrid(rows: rows)
    }

    public func reviewGrid(_ t: ReviewTable) -> ReportGrid {
        typealias C = ReportGrid.Cell
        let results = ProceedingResult.allCases.map { C($0.label, header: true) } + [C("总计", header: true)]
        func group(_ k: ProceedingKind) -> [C] { ProceedingResult.allCases.map { C("\(t.count(k, $0))") } + [C("\(t.total(k))")] }
        return ReportGrid(rows: [
            [C("行政复议", colspan: 5, header: true), C("行政诉讼", colspan: 10, header: true)],
            ProceedingResult.allCases.map { C($0.label, rowspan: 2, header: true) } + [C("总计", rowspan: 2, header: true),
             C("未经复议直接起诉", colspan: 5, header: true), C("复议后起诉", colspan: 5, header: true)],
            results + results,
            group(.administrativeReview) + group(.litigationDirect) + group(.litigationAfterReview),
        ])
    }

    /// The whole report as document blocks, sections in the statutory order.
    public func blocks(overview: String, proactive: ProactiveTable, applications: ApplicationTable, reviews: ReviewTable,
                       problems: String, other: String) -> [DocxWriter.Block] {
        func paragraphs(_ text: String) -> [DocxWriter.Block] {
            text.split(separator: "\n").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }.map { .paragraph($0) }
        }
        let h = Self.sectionHeadings
        return [.heading(h[0])] + paragraphs(overview)
            + [.heading(h[1]), .grid(proactiveGrid(proactive))]
            + [.heading(h[2]), .grid(applicationGrid(applications))]
            + [.heading(h[3]), .grid(reviewGrid(reviews))]
            + [.heading(h[4])] + paragraphs(problems)
            + [.heading(h[5])] + paragraphs(other)
    }
}
