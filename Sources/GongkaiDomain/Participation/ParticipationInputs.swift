/// A consultation as a staff member enters it, checked field by field (messages in Chinese). The
/// period is checked against the minimum for its subject on the working calendar.
public struct ConsultationInput: Sendable, Equatable {
    public var title = ""
    public var subject: ParticipationPeriod.Subject = .majorDecision
    public var explanation = ""
    public var draft = ""
    public var opensOn = CivilDate(year: 2000, month: 1, day: 1)!
    public var closesOn = CivilDate(year: 2000, month: 1, day: 1)!
    public var shortenedReason = ""
    public var nameRequired = false
    public var otherChannels = ""

    public static let draftLimit = 100_000

    public init() {}

    public static func parse(_ value: (String) -> String, calendar: WorkingCalendar) -> (ConsultationInput, [String: String]) {
        var i = ConsultationInput()
        var e: [String: String] = [:]
        i.title = value("title").trimmingSpaces()
        if i.title.isEmpty { e["title"] = "请填写征求意见稿的名称" } else if i.title.count > 200 { e["title"] = "名称不能超过200个字" }
        if let s = ParticipationPeriod.Subject(rawValue: value("subject")) { i.subject = s } else { e["subject"] = "请选择征求意见的文件类别" }
        i.explanation = value("explanation").trimmingSpaces()
        if i.explanation.isEmpty { e["explanation"] = "请填写起草说明（《重大行政决策程序暂行条例》第十五条要求公布草案及其说明）" }
        else if i.explanation.count > 20_000 { e["explanation"] = "起草说明不能超过20000个字" }
        i.draft = value("draft").trimmingSpaces()
        if i.draft.isEmpty { e["draft"] = "请填写征求意见稿正文" } else if i.draft.count > draftLimit { e["draft"] = "正文不能超过\(draftLimit)个字" }
        let opens = CivilDate(iso: value("opens_on").trimmingSpaces())
        let closes = CivilDate(iso: value("closes_on").trimmingSpaces())
        if opens == nil { e["opens_on"] = "请填写开始日期，格式如 2026-03-01" }
        if closes == nil { e["closes_on"] = "请填写截止日期，格式如 2026-03-31" }
        i.shortenedReason = value("shortened_reason").trimmingSpaces()
        if i.shortenedReason.count > 500 { e["shortened_reason"] = "理由不能超过500个字" }
        if let opens, let closes {
            i.opensOn = opens
            i.closesOn = closes
            if !(2000...2100).contains(opens.year) || !(2000...2100).contains(closes.year) {
                e["closes_on"] = "日期超出可用范围"
            } else if e["subject"] == nil, let p = ParticipationPeriod.problem(i.subject, opensOn: opens, closesOn: closes,
                                                                               shortenedBecause: i.shortenedReason, calendar: calendar) {
                e["closes_on"] = p
            }
        }
        i.nameRequired = value("name_required") == "1"
        i.otherChannels = value("other_channels").trimmingSpaces()
        if i.otherChannels.count > 500 { e["other_channels"] = "其他反馈方式不能超过500个字" }
        return (i, e)
    }
}

/// A comment as a member of the public submits it.
public struct CommentInput: Sendable, Equatable {
    public var name = ""
    public var contact = ""
    public var text = ""
    /// The clause commented on (its number among the clauses), nil for the draft as a whole.
    public var section: Int?

    public static let textLimit = 5000

    public init() {}

    public static func parse(_ value: (String) -> String, nameRequired: Bool, clauses: Int) -> (CommentInput, [String: String]) {
        var i = CommentInput()
        var e: [String: String] = [:]
        i.name = value("name").trimmingSpaces()
        if nameRequired, i.name.isEmpty { e["name"] = "本次征求意见须署名，请填写姓名或单位名称" }
        if i.name.count > 50 { e["name"] = "姓名不能超过50个字" }
        i.contact = value("contact").trimmingSpaces()
        if i.contact.count > 100 { e["contact"] = "联系方式不能超过100个字" }
        i.text = value("text").trimmingSpaces()
        if i.text.isEmpty { e["text"] = "请填写意见建议" }
        else if i.text.count > textLimit { e["text"] = "意见建议不能超过\(textLimit)个字（现为\(i.text.count)个字）" }
        let raw = value("section").trimmingSpaces()
        if !raw.isEmpty {
            if raw.count <= 6, raw.allSatisfy(\.isASCII), let n = Int(raw), (1...clauses).contains(n) { i.section = n }
            else { e["section"] = "请从列表中选择意见针对的条款" }
        }
        return (i, e)
    }
}

/// A matter on the decision list as entered by staff.
public struct DecisionInput: Sendable, Equatable {
    public var title = ""
    public var kind: DecisionKind = .publicPolicy
    public var undertaker = ""
    public var planned = ""
    public var methods: [ParticipationMethod] = []

    public init() {}

    public static func parse(_ value: (String) -> String, methods: [String]) -> (DecisionInput, [String: String]) {
        var i = DecisionInput()
        var e: [String: String] = [:]
        i.title = value("title").trimmingSpaces()
        if i.title.isEmpty { e["title"] = "请填写决策事项名称" } else if i.title.count > 200 { e["title"] = "名称不能超过200个字" }
        if let k = DecisionKind(rawValue: value("kind")) { i.kind = k } else { e["kind"] = "请选择事项类别（《重大行政决策程序暂行条例》第三条）" }
        i.undertaker = value("undertaker").trimmingSpaces()
        if i.undertaker.isEmpty { e["undertaker"] = "请填写承办单位" } else if i.undertaker.count > 100 { e["undertaker"] = "承办单位不能超过100个字" }
        i.planned = value("planned").trimmingSpaces()
        if i.planned.isEmpty { e["planned"] = "请填写计划完成时间，如“2026年6月”" } else if i.planned.count > 40 { e["planned"] = "计划完成时间不能超过40个字" }
        i.methods = ParticipationMethod.allCases.filter { methods.contains($0.rawValue) }
        if i.methods.isEmpty { e["methods"] = "请至少选择一种公众参与方式" }
        return (i, e)
    }
}
