import Foundation
import GongkaiDomain

/// One generated document, before it is stored.
struct GeneratedDocument: Sendable {
    let organisationSlot: Int
    let title: String
    let bodyHTML: String
    /// Characters of text (title and body, no markup): what "raw text" means in the report.
    let textCharacters: Int
    let textBytes: Int
    let documentNumber: String
    let kind: InformationKind
    let genre: String
    let topic: String
    let column: String
    let validity: Validity
    let writtenOn: CivilDate
    let publishedAt: Date
}

/// Government prose from the vocabulary: titles by kind, numbered sections, sentences built from
/// templates, numbers, places and dates; 300–5,000 characters (log-normal around 1,100, as most
/// notices and news are short and plans and policies long); dates from 2010 to 2026 rising with
/// the document number, so loading follows publication order.
struct DocumentGenerator: Sendable {
    static let organisationCount = 20
    let subject, verb, object, noun, adverb, purpose, connector, place, unit, heading: ZipfPicker
    let columnOf: [String: String]
    let topics: [String]
    let total: Int
    let seed: UInt64

    init(vocabulary v: Vocabulary, total: Int, seed: UInt64) {
        subject = ZipfPicker(v.list("subject")); verb = ZipfPicker(v.list("verb")); object = ZipfPicker(v.list("object"), exponent: 0.8)
        noun = ZipfPicker(v.list("noun")); adverb = ZipfPicker(v.list("adverb")); purpose = ZipfPicker(v.list("purpose"))
        connector = ZipfPicker(v.list("connector")); place = ZipfPicker(v.list("place")); unit = ZipfPicker(v.list("unit"))
        heading = ZipfPicker(v.list("heading"))
        columnOf = v.columnOf
        topics = TopicCategory.values(of: TopicCategory.standard)
        self.total = total
        self.seed = seed
    }

    static let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    static let start = CivilDate(year: 2010, month: 1, day: 4)!
    static let end = CivilDate(year: 2026, month: 10, day: 30)!
    static let kinds: [(InformationKind, Double)] = [
        (.workNews, 0.38), (.notice, 0.20), (.otherDocument, 0.12), (.statistics, 0.07), (.normativeDocument, 0.05),
        (.plan, 0.05), (.budget, 0.04), (.interpretation, 0.04), (.personnel, 0.03), (.other, 0.02),
    ]
    static let organisationNames = ["县政府", "县政府办", "自然资源局", "文广旅局", "统计局", "交通运输局", "发改局", "政务服务中心", "财政局",
                                    "住建局", "综合执法局", "市场监管局", "应急局", "司法局", "人社局", "民政局", "清溪镇", "石桥镇", "横塘镇", "白塔街道"]

    func document(_ n: Int) -> GeneratedDocument {
        var rng = SplitMix64(seed: seed &+ UInt64(n) &* 0x2545F4914F6CDD1D)
        // Organisation: the county government and its office publish most.
        let slot = min(Self.organisationCount - 1, Int(pow(rng.unit(), 1.6) * Double(Self.organisationCount)))
        let u = rng.unit()
        var acc = 0.0
        var kind = InformationKind.other
        for (k, p) in Self.kinds { acc += p; if u < acc { kind = k; break } }
        let days = Self.end.dayNumber - Self.start.dayNumber
        let day = Self.start.adding(days: min(days, Int(Double(days) * Double(n) / Double(max(1, total))) + rng.int(0...3)))
        let published = day.adding(days: rng.int(0...6))
        let at = Self.date(published, hour: rng.int(8...17), minute: rng.int(0...59))
        let obj = object.pick(&rng)
        let column: String
        switch kind {
        case .normativeDocument, .otherDocument, .regulation: column = "zcwj"
        case .interpretation: column = "zcjd"
        case .statistics: column = "tjxx"
        case .plan: column = "ghxx"
        case .budget: column = "czyjs"
        case .personnel: column = "gwyzk"
        default: column = columnOf[obj] ?? "qtxx"
        }
        let title = makeTitle(kind, obj, slot: slot, year: day.year, month: day.month, &rng)
        // Length: log-normal, median 1,100 characters, kept within 300–5,000.
        let normal = sqrt(-2 * log(max(1e-12, rng.unit()))) * cos(2 * .pi * rng.unit())
        let target = min(5_000, max(300, Int(1_100 * exp(0.6 * normal))))
        var paragraphs: [String] = []
        var length = 0
        var section = 0
        let sectioned = [.normativeDocument, .otherDocument, .plan, .notice].contains(kind)
        while length < target {
            if sectioned && paragraphs.count % 3 == 0 && section < 10 {
                let h = Self.numerals[section] + "、" + heading.pick(&rng)
                section += 1
                paragraphs.append(h)
                length += h.count
            }
            var p = ""
            for _ in 0..<rng.int(2...5) { p += sentence(obj, day: day, &rng) }
            if length + p.count > 5_000 { p = String(p.prefix(5_000 - length)) }
            paragraphs.append(p)
            length += p.count
        }
        let body = paragraphs.map { "<p>" + $0 + "</p>" }.joined(separator: "\n")
        let validity: Validity = {
            guard kind.isPolicy else { return .inForce }
            let v = rng.unit()
            return v < 0.06 ? .repealed : v < 0.10 ? .expired : .inForce
        }()
        let number = kind.isPolicy ? "清\(["府", "府办", "民发", "财", "农发", "住建发"][slot % 6])〔\(day.year)〕\(rng.int(1...180))号" : ""
        let textChars = title.count + length
        let textBytes = title.utf8.count + paragraphs.reduce(0) { $0 + $1.utf8.count }
        return GeneratedDocument(organisationSlot: slot, title: title, bodyHTML: body, textCharacters: textChars, textBytes: textBytes,
                                 documentNumber: number, kind: kind, genre: genre(kind, title), topic: topics[Int(rng.next() % UInt64(topics.count))],
                                 column: column, validity: validity, writtenOn: day, publishedAt: at)
    }

    func genre(_ kind: InformationKind, _ title: String) -> String {
        for g in ["通知", "意见", "方案", "办法", "公示", "公告", "批复", "规划", "计划", "报告"] where title.hasSuffix(g) || title.contains(g + "（") { return g }
        return kind == .workNews ? "其他" : "通知"
    }

    func makeTitle(_ kind: InformationKind, _ obj: String, slot: Int, year: Int, month: Int, _ rng: inout SplitMix64) -> String {
        let n = noun.pick(&rng), v = verb.pick(&rng), pl = place.pick(&rng), org = Self.organisationNames[slot]
        switch kind {
        case .normativeDocument, .regulation:
            return ["关于\(v)\(obj)\(n)的通知", "清溪县\(obj)\(n)（试行）", "关于印发《清溪县\(obj)\(n)》的通知", "关于\(v)\(obj)工作的意见"][rng.int(0...3)]
        case .otherDocument:
            return ["关于\(pl)\(obj)项目的批复", "关于开展\(year)年\(obj)\(n)的通知", "关于调整\(obj)领导小组成员的通知"][rng.int(0...2)]
        case .interpretation: return "《清溪县\(obj)\(n)》政策解读"
        case .workNews: return ["\(pl)\(v)\(obj)\(n)", "\(org)召开\(obj)工作推进会", "我县\(v)\(obj)\(n)取得阶段性成效", "\(org)开展\(obj)\(n)"][rng.int(0...3)]
        case .notice: return ["关于\(year)年\(obj)\(n)的公示", "\(year)年\(month)月\(obj)资金发放情况公示", "关于\(pl)\(obj)的公告"][rng.int(0...2)]
        case .statistics: return "\(year)年\(month)月\(obj)统计数据"
        case .plan: return ["清溪县\(year)年\(obj)工作计划", "清溪县\(obj)专项规划（\(year)—\(year + 4)年）"][rng.int(0...1)]
        case .budget: return ["清溪县\(org)\(year)年部门预算", "清溪县\(org)\(year - 1)年部门决算"][rng.int(0...1)]
        case .personnel: return "清溪县\(year)年\(obj)公告"
        case .workRules: return "\(org)政府信息公开保密审查制度"
        case .other: return "\(org)\(year)年\(obj)工作总结"
        }
    }

    func sentence(_ topic: String, day: CivilDate, _ rng: inout SplitMix64) -> String {
        let obj = rng.unit() < 0.5 ? topic : object.pick(&rng)
        switch rng.int(0...6) {
        case 0: return "\(subject.pick(&rng))要\(adverb.pick(&rng))\(verb.pick(&rng))\(obj)\(noun.pick(&rng))，\(purpose.pick(&rng))。"
        case 1: return "\(connector.pick(&rng))\(place.pick(&rng))\(verb.pick(&rng))\(obj)\(noun.pick(&rng))，累计\(rng.int(2...3000))\(unit.pick(&rng))。"
        case 2: return "\(day.year)年\(day.month)月\(day.day)日，\(place.pick(&rng))召开\(obj)工作推进会，\(verb.pick(&rng))\(obj)\(noun.pick(&rng))。"
        case 3: return "\(adverb.pick(&rng))\(verb.pick(&rng))\(obj)\(noun.pick(&rng))和\(object.pick(&rng))\(noun.pick(&rng))，\(purpose.pick(&rng))。"
        case 4: return "全县共\(verb.pick(&rng))\(obj)\(noun.pick(&rng))\(rng.int(2...500))\(unit.pick(&rng))，涉及资金\(rng.int(1...9000)).\(rng.int(0...99))万元。"
        case 5: return "对\(obj)中发现的问题，\(subject.pick(&rng))要\(adverb.pick(&rng))整改到位，\(purpose.pick(&rng))。"
        default: return "\(connector.pick(&rng))\(subject.pick(&rng))\(adverb.pick(&rng))\(verb.pick(&rng))\(obj)\(noun.pick(&rng))。"
        }
    }

    static let china: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return c
    }()

    static func date(_ d: CivilDate, hour: Int, minute: Int) -> Date {
        china.date(from: DateComponents(year: d.year, month: d.month, day: d.day, hour: hour, minute: minute))!
    }
}
