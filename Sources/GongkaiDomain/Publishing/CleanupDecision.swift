/// The outcome of a policy-document cleanup (文件清理) for one document, and the notice that
/// publishes the results.
public enum CleanupDecision: String, Sendable, CaseIterable, Codable {
    case keep = "keep"
    case amend = "amend"
    case repeal = "repeal"
    case declareInvalid = "invalid"

    public var label: String {
        switch self {
        case .keep: return "继续有效"
        case .amend: return "拟修改"
        case .repeal: return "废止"
        case .declareInvalid: return "宣布失效"
        }
    }

    /// The validity the document takes when the cleanup is finished (nil: unchanged; a document to
    /// be amended stays in force until the amending document is published).
    public var resultingValidity: Validity? {
        switch self {
        case .keep, .amend: return nil
        case .repeal: return .repealed
        case .declareInvalid: return .expired
        }
    }

    public struct Row: Sendable, Equatable {
        public let title: String
        public let documentNumber: String
        public let issuer: String
        public let decision: CleanupDecision
        public let note: String

        public init(title: String, documentNumber: String, issuer: String, decision: CleanupDecision, note: String) {
            self.title = title
            self.documentNumber = documentNumber
            self.issuer = issuer
            self.decision = decision
            self.note = note
        }
    }

    /// The body of the 清理结果 notice: an introduction and one table per outcome, in the order
    /// 继续有效, 拟修改, 废止, 宣布失效; outcomes with no documents are left out. Text is escaped.
    public static func noticeHTML(campaign: String, organisation: String, rows: [Row]) -> String {
        func e(_ s: String) -> String { HTMLSanitizer.escapeText(s) }
        var html = "<p>\(e(organisation))组织开展了\(e(campaign))。经清理，共清理文件\(rows.count)件，"
        html += allCases.compactMap { d in
            let n = rows.filter { $0.decision == d }.count
            return n == 0 ? nil : "\(d.label)\(n)件"
        }.joined(separator: "，") + "。现将清理结果公布如下：</p>"
        for (index, d) in allCases.filter({ d in rows.contains { $0.decision == d } }).enumerated() {
            html += "<h3>\(["一", "二", "三", "四"][index])、\(d.label)的文件</h3>"
            html += "<table><thead><tr><th scope=\"col\">序号</th><th scope=\"col\">文件名称</th><th scope=\"col\">文号</th><th scope=\"col\">发布机构</th><th scope=\"col\">说明</th></tr></thead><tbody>"
            for (n, r) in rows.filter({ $0.decision == d }).enumerated() {
                html += "<tr><td>\(n + 1)</td><td>\(e(r.title))</td><td>\(e(r.documentNumber))</td><td>\(e(r.issuer))</td><td>\(e(r.note))</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html
    }
}
