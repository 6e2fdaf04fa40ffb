/// What an officer enters for a piece of government information, checked field by field with
/// messages in Chinese. The body arrives as HTML and is sanitised here.
public struct ItemInput: Sendable, Equatable {
    public var title = ""
    public var documentNumber = ""
    public var coIssuers = ""
    public var writtenOn: CivilDate?
    public var formedOn: CivilDate?
    public var kind: InformationKind = .workNews
    public var genre = "通知"
    public var topic = "综合政务"
    public var keywords = ""
    public var summary = ""
    public var bodyHTML = ""
    public var columns: [String] = []
    public var attribute: DisclosureAttribute = .proactive
    public var ground: NonDisclosureGround?
    public var groundReason = ""
    public var reevaluateOn: CivilDate?
    public var validity: Validity = .inForce
    public var effectiveOn: CivilDate?
    public var expiresOn: CivilDate?
    /// A 行政规范性文件 marked as needing an interpretation (三同步).
    public var needsInterpretation = false
    /// For a 政策解读: its form, the 索引号 of the policy it interprets, Q&A text, video link.
    public var interpretationForm: InterpretationForm?
    public var interprets = ""
    public var qaText = ""
    public var mediaURL = ""
    /// 定时发布: publish at this local (Beijing) time once approved; nil publishes on approval.
    public var publishAt: LocalDateTime?

    public init() {}

    public static let summaryLimit = 100
    public static let titleLimit = 200

    /// `value` reads one form field; `columns` are the checked column keys; `allowedColumns` those
    /// of the publishing organisation.
    public static func parse(_ value: (String) -> String, columns: [String], allowedColumns: [DisclosureColumn],
                             topics: [TopicCategory] = TopicCategory.standard) -> (ItemInput, [String: String]) {
        var i = ItemInput()
        var e: [String: String] = [:]
        func date(_ field: String, required: Bool, label: String) -> CivilDate? {
            let raw = value(field).trimmingSpaces()
            if raw.isEmpty {
                if required { e[field] = "请填写\(label)" }
                return nil
            }
            guard let d = CivilDate(iso: raw) else { e[field] = "\(label)格式应为 年-月-日，如 2026-03-01"; return nil }
            return d
        }
        i.title = value("title").trimmingSpaces()
        if i.title.isEmpty { e["title"] = "请填写标题" } else if i.title.count > titleLimit { e["title"] = "标题不能超过\(titleLimit)个字" }
        i.documentNumber = value("document_number").trimmingSpaces()
        i.coIssuers = value("co_issuers").trimmingSpaces()
        i.writtenOn = date("written_on", required: true, label: "成文日期")
        i.formedOn = date("formed_on", required: false, label: "信息形成日期") ?? i.writtenOn
        if let w = i.writtenOn, let f = i.formedOn, f < w { e["formed_on"] = "信息形成（变更）日期不能早于成文日期" }
        if let k = InformationKind(rawValue: value("kind")) { i.kind = k } else { e["kind"] = "请选择信息类别" }
        i.genre = value("genre").trimmingSpaces()
        if !Genre.standard.contains(i.genre) { e["genre"] = "请选择体裁" }
        i.topic = value("topic").trimmingSpaces()
        if !TopicCategory.isKnown(i.topic, in: topics) { e["topic"] = "请选择主题分类" }
        i.keywords = value("keywords").trimmingSpaces()
        i.summary = value("summary").trimmingSpaces()
        if i.summary.count > summaryLimit { e["summary"] = "内容概述不能超过\(summaryLimit)个字（现为\(i.summary.count)个字）" }
        i.bodyHTML = HTMLSanitizer.sanitize(value("body"))
        if HTMLSanitizer.plainText(i.bodyHTML).isEmpty && !i.bodyHTML.contains("<img") { e["body"] = "请填写正文" }

        let allowed = Set(allowedColumns.map(\.key))
        i.columns = columns.filter { allowed.contains($0) }
        if let a = DisclosureAttribute(rawValue: value("attribute")) { i.attribute = a } else { e["attribute"] = "请选择公开属性" }
        if i.attribute == .proactive {
            if i.columns.isEmpty { e["columns"] = "主动公开的信息请至少选择一个公开栏目" }
        } else {
            if let g = NonDisclosureGround(rawValue: value("ground")) {
                if g.allows(i.attribute) { i.ground = g } else { e["ground"] = "该依据不适用于“\(i.attribute.label)”" }
            } else {
                e["ground"] = "\(i.attribute.label)须选择第十四条至第十六条中的依据"
            }
            i.groundReason = value("ground_reason").trimmingSpaces()
            if i.groundReason.count < 4 { e["ground_reason"] = "请说明\(i.attribute.label)的理由" }
            i.reevaluateOn = date("reevaluate_on", required: true, label: "复核日期")
            if let r = i.reevaluateOn, let w = i.writtenOn, r <= w { e["reevaluate_on"] = "复核日期应晚于成文日期" }
        }

        if let v = Validity(rawValue: value("validity").isEmpty ? Validity.inForce.rawValue : value("validity")) {
            i.validity = v
        } else {
            e["validity"] = "请选择有效性"
        }
        i.effectiveOn = date("effective_on", required: false, label: "施行日期")
        i.expiresOn = date("expires_on", required: false, label: "失效日期")
        if let a = i.effectiveOn, let b = i.expiresOn, b <= a { e["expires_on"] = "失效日期应晚于施行日期" }

        let scheduled = value("publish_at").trimmingSpaces()
        if !scheduled.isEmpty {
            if let t = LocalDateTime(parsing: scheduled) { i.publishAt = t } else { e["publish_at"] = "定时发布时间格式应为 年-月-日 时:分" }
        }
        i.needsInterpretation = value("needs_interpretation") == "1" && i.kind.isPolicy
        if i.kind == .interpretation {
            i.interpretationForm = InterpretationForm(rawValue: value("interpretation_form"))
            if i.interpretationForm == nil { e["interpretation_form"] = "请选择解读形式" }
            i.interprets = value("interprets").trimmingSpaces()
            if i.interprets.isEmpty { e["interprets"] = "请填写所解读政策文件的索引号" }
            i.qaText = value("qa_text").trimmingSpaces()
            if i.interpretationForm == .questionsAndAnswers {
                do { _ = try QuestionsAndAnswers(parsing: i.qaText) } catch { e["qa_text"] = error.description }
            }
            i.mediaURL = value("media_url").trimmingSpaces()
            if i.interpretationForm?.needsMediaLink == true && !i.mediaURL.lowercased().hasPrefix("https://") {
                e["media_url"] = "视频解读请填写以 https:// 开头的视频地址"
            } else if !i.mediaURL.isEmpty && HTMLSanitizer.safeURL(i.mediaURL, allowMailto: false) == nil {
                e["media_url"] = "地址格式不正确"
            }
        }
        return (i, e)
    }
}

/// A date and time of day without a time zone (the app reads it as Beijing time).
public struct LocalDateTime: Sendable, Equatable {
    public let date: CivilDate
    public let hour: Int
    public let minute: Int

    public init?(date: CivilDate, hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
    }

    /// "2026-11-30T09:00" (an HTML datetime-local value) or "2026-11-30 09:00".
    public init?(parsing raw: String) {
        let parts = raw.replacingOccurrences(of: "T", with: " ").split(separator: " ")
        guard parts.count == 2, let d = CivilDate(iso: String(parts[0])) else { return nil }
        let hm = parts[1].split(separator: ":")
        guard hm.count >= 2, let h = Int(hm[0]), let m = Int(hm[1]) else { return nil }
        self.init(date: d, hour: h, minute: m)
    }

    public var formValue: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date.description)T\(two(hour)):\(two(minute))"
    }
}
