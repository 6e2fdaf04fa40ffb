/// The elements of a 办事指南 as staff write them. `missing` names every key element left out: a
/// guide without them fails the national inspection ("服务不实用") and is not published.
public struct ServiceGuideContent: Sendable, Equatable, Codable {
    public var name = ""
    public var kind: ServiceKind?
    /// 设定依据.
    public var basis = ""
    /// 受理条件.
    public var conditions = ""
    public var materials: [GuideMaterial] = []
    public var steps: [GuideStep] = []
    /// 法定时限 and 承诺时限 in working days (0 = 即办).
    public var statutoryDays: Int?
    public var promisedDays: Int?
    /// 收费标准及依据; empty with `free` set means 不收费.
    public var fee = ""
    public var free = false
    /// 办理地点和时间.
    public var place = ""
    public var hours = ""
    public var enquiryPhone = ""
    public var complaintPhone = ""
    public var onlineURL = ""
    /// 到现场次数 (0 = 全程网办).
    public var visits: Int?

    public init() {}

    public enum Element: String, CaseIterable, Sendable {
        case name = "事项名称"
        case kind = "事项类型"
        case basis = "设定依据"
        case conditions = "受理条件"
        case materials = "申请材料"
        case steps = "办理流程"
        case statutoryDays = "法定时限"
        case promisedDays = "承诺时限"
        case fee = "收费标准"
        case place = "办理地点"
        case hours = "办理时间"
        case enquiryPhone = "咨询电话"
        case complaintPhone = "投诉电话"
        case visits = "到现场次数"
    }

    /// Key elements left out, in the order of the guide.
    public var missing: [Element] {
        var m: [Element] = []
        if name.isEmpty { m.append(.name) }
        if kind == nil { m.append(.kind) }
        if basis.isEmpty { m.append(.basis) }
        if conditions.isEmpty { m.append(.conditions) }
        if materials.isEmpty { m.append(.materials) }
        if steps.isEmpty { m.append(.steps) }
        if statutoryDays == nil { m.append(.statutoryDays) }
        if promisedDays == nil { m.append(.promisedDays) }
        if fee.isEmpty && !free { m.append(.fee) }
        if place.isEmpty { m.append(.place) }
        if hours.isEmpty { m.append(.hours) }
        if enquiryPhone.isEmpty { m.append(.enquiryPhone) }
        if complaintPhone.isEmpty { m.append(.complaintPhone) }
        if visits == nil { m.append(.visits) }
        return m
    }

    /// 最多跑一次: how the visits read to the public.
    public var visitsLabel: String {
        switch visits {
        case .none: return ""
        case .some(0): return "全程网办，无需到现场"
        case .some(1): return "最多跑一次"
        case .some(let n): return "到现场\(n)次"
        }
    }

    public static let maxDays = 365

    /// Reads the form; messages are keyed by field. Missing key elements are not errors here (a
    /// draft may be saved incomplete); `missing` blocks the submission for review.
    public static func parse(_ value: (String) -> String) -> (ServiceGuideContent, [String: String]) {
        var c = ServiceGuideContent()
        var e: [String: String] = [:]
        func text(_ key: String, _ label: String, max: Int) -> String {
            let v = value(key).trimmingSpaces()
            if v.count > max { e[key] = "\(label)不能超过\(max)个字" }
            return v
        }
        c.name = text("name", "事项名称", max: 100)
        let rawKind = value("kind")
        if !rawKind.isEmpty { if let k = ServiceKind(rawValue: rawKind) { c.kind = k } else { e["kind"] = "请选择事项类型" } }
        c.basis = text("basis", "设定依据", max: 2000)
        c.conditions = text("conditions", "受理条件", max: 2000)
        let (materials, materialErrors) = GuideMaterial.parse(value("materials"))
        c.materials = materials
        if !materialErrors.isEmpty { e["materials"] = materialErrors.joined(separator: "；") }
        let (steps, stepErrors) = GuideStep.parse(value("steps"))
        c.steps = steps
        if !stepErrors.isEmpty { e["steps"] = stepErrors.joined(separator: "；") }
        func days(_ key: String, _ label: String) -> Int? {
            let v = value(key).trimmingSpaces()
            guard !v.isEmpty else { return nil }
            guard v.count <= 3, v.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(v), (0...maxDays).contains(n) else {
                e[key] = "\(label)应为0到\(maxDays)个工作日（0表示即办）"; return nil
            }
            return n
        }
        c.statutoryDays = days("statutory_days", "法定时限")
        c.promisedDays = days("promised_days", "承诺时限")
        if let s = c.statutoryDays, let p = c.promisedDays, p > s { e["promised_days"] = "承诺时限不能长于法定时限（\(s)个工作日）" }
        c.free = value("free") == "1"
        c.fee = text("fee", "收费标准及依据", max: 1000)
        if c.free && !c.fee.isEmpty { e["fee"] = "选择了不收费时，请不要填写收费标准" }
        c.place = text("place", "办理地点", max: 300)
        c.hours = text("hours", "办理时间", max: 300)
        for (key, label) in [("enquiry_phone", "咨询电话"), ("complaint_phone", "投诉电话")] {
            let v = text(key, label, max: 40)
            if !ContactFormat.isPhoneText(v) { e[key] = "\(label)只能包含数字、连字符、括号和分隔符" }
            if key == "enquiry_phone" { c.enquiryPhone = v } else { c.complaintPhone = v }
        }
        c.onlineURL = text("online_url", "网上办理链接", max: 500)
        if !c.onlineURL.isEmpty && !(c.onlineURL.hasPrefix("https://") || c.onlineURL.hasPrefix("http://")) { e["online_url"] = "网上办理链接应以 http:// 或 https:// 开头" }
        let v = value("visits").trimmingSpaces()
        if !v.isEmpty {
            if v.count <= 1, let n = Int(v), (0...9).contains(n) { c.visits = n } else { e["visits"] = "到现场次数应为0到9（0表示全程网办）" }
        }
        return (c, e)
    }

    /// The day a case accepted on `acceptedOn` is due by the promised limit (0: the same day).
    public func promisedDue(acceptedOn: CivilDate, calendar: WorkingCalendar) -> CivilDate? {
        guard let days = promisedDays else { return nil }
        return days == 0 ? acceptedOn : calendar.addingWorkingDays(days, after: acceptedOn).date
    }
}
