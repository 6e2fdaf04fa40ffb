/// 问卷调查 and 民意调查 (Art. 14), written by staff as plain lines so that no script is needed:
///
///     [单选] 您对城区停车状况是否满意？
///     - 满意
///     - 一般
///     - 不满意
///     [多选] 您希望在哪些地方增加停车位？
///     - 医院
///     - 学校
///     [打分] 请为停车收费标准打分
///     [填空] 其他意见建议
///
/// A question marked "（选填）" may be left out. The same engine serves 社会评议 later.
public struct Questionnaire: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case single = "单选"
        case multiple = "多选"
        case scale = "打分"
        case text = "填空"
    }

    public struct Question: Sendable, Equatable {
        public let kind: Kind
        public let text: String
        public let options: [String]
        public let required: Bool
    }

    public let questions: [Question]

    public init(questions: [Question]) { self.questions = questions }

    public static let scale = 1...5
    public static let textLimit = 1000
    static let optionalMark = "（选填）"

    /// Parses the definition; errors name the line.
    public static func parse(_ definition: String) -> (Questionnaire?, [String]) {
        var questions: [Question] = []
        var errors: [String] = []
        var current: (kind: Kind, text: String, options: [String], line: Int)?
        func close() {
            guard let c = current else { return }
            let required = !c.text.hasSuffix(optionalMark)
            let text = required ? c.text : String(c.text.dropLast(optionalMark.count)).trimmingSpaces()
            switch c.kind {
            case .single, .multiple:
                if c.options.count < 2 { errors.append("第\(c.line)行的问题至少需要2个选项（以“- ”开头的行）") }
                if Set(c.options).count != c.options.count { errors.append("第\(c.line)行的问题有重复的选项") }
            case .scale, .text:
                if !c.options.isEmpty { errors.append("第\(c.line)行的\(c.kind.rawValue)题不需要选项") }
            }
            if text.isEmpty { errors.append("第\(c.line)行缺少问题内容") }
            if text.count > 200 { errors.append("第\(c.line)行的问题不能超过200个字") }
            questions.append(Question(kind: c.kind, text: text, options: c.options, required: required))
            current = nil
        }
        let lines = definition.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        guard lines.count <= 500 else { return (nil, ["问卷不能超过500行"]) }
        for (n, line) in lines.enumerated() where !line.isEmpty {
            if line.hasPrefix("[") || line.hasPrefix("【") {
                close()
                let closing: Character = line.hasPrefix("[") ? "]" : "】"
                guard let end = line.firstIndex(of: closing), let kind = Kind(rawValue: String(line[line.index(after: line.startIndex)..<end])) else {
                    errors.append("第\(n + 1)行：题型应为[单选]、[多选]、[打分]或[填空]")
                    continue
                }
                current = (kind, String(line[line.index(after: end)...]).trimmingSpaces(), [], n + 1)
            } else if line.hasPrefix("-") || line.hasPrefix("－") {
                let option = String(line.dropFirst()).trimmingSpaces()
                guard current != nil else { errors.append("第\(n + 1)行的选项前面没有问题"); continue }
                if option.isEmpty { errors.append("第\(n + 1)行的选项是空的") } else if option.count > 100 { errors.append("第\(n + 1)行的选项不能超过100个字") }
                else { current!.options.append(option) }
            } else {
                errors.append("第\(n + 1)行：问题以[题型]开头，选项以“- ”开头")
            }
        }
        close()
        if questions.isEmpty, errors.isEmpty { errors.append("请至少写一个问题") }
        if questions.count > 50 { errors.append("问题不能超过50个") }
        return errors.isEmpty ? (Questionnaire(questions: questions), []) : (nil, errors)
    }

    /// One respondent's answers by question index, as the form sent them (`value` for one field,
    /// `all` for the checked boxes). Errors by field name ("q3").
    public func answers(_ value: (String) -> String, all: (String) -> [String]) -> ([Int: [String]], [String: String]) {
        var out: [Int: [String]] = [:]
        var errors: [String: String] = [:]
        for (i, q) in questions.enumerated() {
            let field = "q\(i + 1)"
            switch q.kind {
            case .single:
                let v = value(field)
                if v.isEmpty { if q.required { errors[field] = "请选择一项" } }
                else if q.options.contains(v) { out[i] = [v] } else { errors[field] = "请从列出的选项中选择" }
            case .multiple:
                let v = Array(Set(all(field))).sorted { (q.options.firstIndex(of: $0) ?? 0) < (q.options.firstIndex(of: $1) ?? 0) }
                if v.isEmpty { if q.required { errors[field] = "请至少选择一项" } }
                else if v.allSatisfy(q.options.contains) { out[i] = v } else { errors[field] = "请从列出的选项中选择" }
            case .scale:
                let v = value(field)
                if v.isEmpty { if q.required { errors[field] = "请打分" } }
                else if v.count == 1, let n = Int(v), Self.scale.contains(n) { out[i] = [v] } else { errors[field] = "请打1到5分" }
            case .text:
                let v = value(field).trimmingSpaces()
                if v.isEmpty { if q.required { errors[field] = "请填写" } }
                else if v.count > Self.textLimit { errors[field] = "不能超过\(Self.textLimit)个字" } else { out[i] = [v] }
            }
        }
        return (out, errors)
    }

    /// The results: for choice and scale questions the count per option (scale: per point, with the
    /// mean), for text questions the answers.
    public struct Result: Sendable, Equatable {
        public let question: Question
        public let respondents: Int
        public let counts: [(label: String, count: Int)]
        public let mean: Double?
        public let texts: [String]

        public static func == (a: Result, b: Result) -> Bool {
            a.question == b.question && a.respondents == b.respondents && a.counts.map(\.label) == b.counts.map(\.label)
                && a.counts.map(\.count) == b.counts.map(\.count) && a.mean == b.mean && a.texts == b.texts
        }
    }

    public func tally(_ responses: [[Int: [String]]]) -> [Result] {
        questions.enumerated().map { i, q in
            let given = responses.compactMap { $0[i] }
            switch q.kind {
            case .single, .multiple:
                return Result(question: q, respondents: given.count,
                              counts: q.options.map { o in (o, given.filter { $0.contains(o) }.count) }, mean: nil, texts: [])
            case .scale:
                let points = given.compactMap { $0.first.flatMap(Int.init) }
                return Result(question: q, respondents: points.count,
                              counts: Self.scale.map { p in ("\(p)分", points.filter { $0 == p }.count) },
                              mean: points.isEmpty ? nil : Double(points.reduce(0, +)) / Double(points.count), texts: [])
            case .text:
                return Result(question: q, respondents: given.count, counts: [], mean: nil, texts: given.compactMap(\.first))
            }
        }
    }
}

/// A horizontal bar chart as SVG text, drawn on the server (no script). Labels are escaped; the
/// chart carries its numbers in its accessible name, and pages show the same numbers as a table.
public enum BarChart {
    public static func svg(title: String, bars: [(label: String, count: Int)], width: Int = 320) -> String {
        let rowHeight = 28, labelWidth = 110, top = 8
        let height = top * 2 + max(1, bars.count) * rowHeight
        let maximum = max(1, bars.map(\.count).max() ?? 1)
        let total = bars.map(\.count).reduce(0, +)
        let summary = bars.map { "\($0.label)\($0.count)" }.joined(separator: "，")
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-label=\"\(XMLText.escape(title + "：" + summary))\">"
        for (i, bar) in bars.enumerated() {
            let y = top + i * rowHeight
            let barWidth = (width - labelWidth - 60) * bar.count / maximum
            let label = bar.label.count > 8 ? String(bar.label.prefix(7)) + "…" : bar.label
            let percent = total == 0 ? 0 : (bar.count * 1000 / total + 5) / 10
            out += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 18)\" text-anchor=\"end\" font-size=\"13\">\(XMLText.escape(label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 5)\" width=\"\(barWidth)\" height=\"18\" fill=\"#2f5d8a\"/>"
            out += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 18)\" font-size=\"13\">\(bar.count)（\(percent)%）</text>"
        }
        return out + "</svg>"
    }
}
