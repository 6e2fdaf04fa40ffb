/// The indicators the plans are assessed by (the seeds' 考核 sections and 国办发〔2019〕61号 practice).
/// Each is computed per organisation and period by one query function in the app, together with the
/// records behind the number.
public enum PlanIndicator: String, Sendable, CaseIterable {
    case interpretation
    case preDisclosure = "pre_disclosure"
    case meetingOpenness = "meeting_openness"
    case applicationsOnTime = "applications_on_time"
    case reviewCorrection = "review_correction"
    case lettersOnTime = "letters_on_time"
    case letterSatisfaction = "letter_satisfaction"
    case catalogueCoverage = "catalogue_coverage"
    case catalogueTimeliness = "catalogue_timeliness"
    case keyAreas = "key_areas"
    case openDays = "open_days"
    case monitoringOpen = "monitoring_open"

    public var label: String {
        switch self {
        case .interpretation: return "政策解读率"
        case .preDisclosure: return "重大决策预公开率"
        case .meetingOpenness: return "会议公开率"
        case .applicationsOnTime: return "依申请按期办结率"
        case .reviewCorrection: return "行政复议、诉讼纠错率"
        case .lettersOnTime: return "信箱按期答复率"
        case .letterSatisfaction: return "信箱答复满意度"
        case .catalogueCoverage: return "标准目录覆盖率"
        case .catalogueTimeliness: return "按时公开率（20个工作日）"
        case .keyAreas: return "重点领域信息公开率"
        case .openDays: return "政府开放日（次）"
        case .monitoringOpen: return "网站监测未消除问题（个）"
        }
    }

    /// What the number means, for the page and the screen reader.
    public var explanation: String {
        switch self {
        case .interpretation: return "应解读的政策文件中，在文件公开后3个工作日内发布解读的比例"
        case .preDisclosure: return "期内审议的重大行政决策中，审议前已公开征求意见或公开决策草案的比例"
        case .meetingOpenness: return "期内已召开的会议中，公开会议过程（提前公告的直播或列席）的比例"
        case .applicationsOnTime: return "期内办结的依申请公开中，在法定期限内答复的比例"
        case .reviewCorrection: return "期内审结的行政复议、行政诉讼中，被纠错（撤销、确认违法、责令履行）的比例，越低越好"
        case .lettersOnTime: return "期内应答复的来信中，在承诺时限内答复的比例"
        case .letterSatisfaction: return "期内有评价的答复中，评价为满意或基本满意的比例"
        case .catalogueCoverage: return "标准目录中本单位应公开事项里，已有信息公开的比例"
        case .catalogueTimeliness: return "期内公开的主动公开信息中，在形成或变更之日起20个工作日内公开的比例"
        case .keyAreas: return "期内形成的重点领域信息（财政预决算、重大建设项目、政府采购、民生政策、应急管理、监督检查、收费、规划）中，已公开的比例"
        case .openDays: return "期内举办的政府开放日次数"
        case .monitoringOpen: return "网站监测发现、至期末尚未消除的问题数，越少越好"
        }
    }

    public var isCount: Bool { self == .openDays || self == .monitoringOpen }
    /// For ranking: a lower correction rate or fewer open problems is better.
    public var higherIsBetter: Bool { self != .reviewCorrection && self != .monitoringOpen }
}

/// One computed indicator value. Nothing to measure is 无数据, never zero.
public enum IndicatorValue: Sendable, Equatable {
    case noData
    case rate(numerator: Int, denominator: Int)
    case count(Int)

    public static func ratio(_ numerator: Int, of denominator: Int) -> IndicatorValue {
        denominator == 0 ? .noData : .rate(numerator: numerator, denominator: denominator)
    }

    /// The value as a number (percent for rates).
    public var number: Double? {
        switch self {
        case .noData: return nil
        case .rate(let n, let d): return Double(n) * 100 / Double(d)
        case .count(let c): return Double(c)
        }
    }

    public var text: String {
        switch self {
        case .noData: return "无数据"
        case .rate(let n, let d): return Self.percent(n, d) + "（\(n)/\(d)）"
        case .count(let c): return String(c)
        }
    }

    /// One decimal, rounded half up on exact integers so the page and the workbook agree.
    public static func percent(_ n: Int, _ d: Int) -> String {
        let tenths = (n * 1000 + d / 2) / d
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
