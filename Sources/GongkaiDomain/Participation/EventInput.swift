/// A participation event as the organiser enters it, checked field by field (Chinese messages).
public struct EventInput: Sendable, Equatable {
    public var kind: EventKind = .openDay
    public var title = ""
    public var startsOn = CivilDate(year: 2000, month: 1, day: 1)!
    public var startsAt = "09:00"
    public var place = ""
    public var description = ""
    public var selectionMethod = ""
    public var capacity = 0
    public var registrationClosesOn: CivilDate?
    public var streamURL = ""
    public var publicInterest = true
    /// 列席 places by category (open meetings); when given, the capacity is their sum.
    public var seats = CategorySeats(seats: [])

    public init() {}

    public static func parse(_ value: (String) -> String, today: CivilDate) -> (EventInput, [String: String]) {
        var i = EventInput()
        var e: [String: String] = [:]
        if let k = EventKind(rawValue: value("kind")) { i.kind = k } else { e["kind"] = "请选择活动类型" }
        i.title = value("title").trimmingSpaces()
        if i.title.isEmpty { e["title"] = "请填写名称" } else if i.title.count > 200 { e["title"] = "名称不能超过200个字" }
        if let d = CivilDate(iso: value("starts_on").trimmingSpaces()), (2000...2100).contains(d.year) { i.startsOn = d }
        else { e["starts_on"] = "请填写日期，格式如 2026-10-20" }
        let time = value("starts_at").trimmingSpaces()
        let parts = time.split(separator: ":")
        if parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }), let h = Int(parts[0]), let m = Int(parts[1]),
           (0...23).contains(h), (0...59).contains(m) { i.startsAt = time } else { e["starts_at"] = "请填写开始时间，格式如 09:30" }
        i.place = value("place").trimmingSpaces()
        if i.place.isEmpty { e["place"] = "请填写地点" } else if i.place.count > 200 { e["place"] = "地点不能超过200个字" }
        i.description = value("description").trimmingSpaces()
        if i.description.isEmpty { e["description"] = "请填写活动内容（议程、议题或安排）" } else if i.description.count > 20_000 { e["description"] = "内容不能超过20000个字" }
        i.selectionMethod = value("selection_method").trimmingSpaces()
        if i.kind == .hearing, i.selectionMethod.isEmpty, e["kind"] == nil {
            e["selection_method"] = "请填写听证参加人的遴选办法（《重大行政决策程序暂行条例》第十六条要求事先公布）"
        }
        if i.selectionMethod.count > 2000 { e["selection_method"] = "遴选办法不能超过2000个字" }
        let raw = value("capacity").trimmingSpaces()
        if raw.isEmpty {
            i.capacity = 0
        } else if raw.count <= 5, raw.allSatisfy(\.isASCII), let n = Int(raw), (0...10_000).contains(n) {
            i.capacity = n
        } else {
            e["capacity"] = "名额应为0到10000之间的整数"
        }
        if e["kind"] == nil, i.kind == .openMeeting {
            let (seats, seatErrors) = CategorySeats.parse(value, categories: i.kind.categories)
            e.merge(seatErrors) { a, _ in a }
            if !seats.isEmpty { i.seats = seats; i.capacity = seats.total }
        }
        if e["kind"] == nil, i.kind.takesRegistration, e["capacity"] == nil, i.capacity == 0 {
            e["capacity"] = i.kind == .openMeeting ? "请填写各类别的列席名额或总名额" : "接受报名的活动请填写名额"
        }
        let closes = value("registration_closes_on").trimmingSpaces()
        if !closes.isEmpty {
            if let d = CivilDate(iso: closes) {
                i.registrationClosesOn = d
                if e["starts_on"] == nil, d > i.startsOn { e["registration_closes_on"] = "报名截止日期不能晚于活动日期" }
            } else { e["registration_closes_on"] = "报名截止日期格式如 2026-10-15" }
        }
        i.streamURL = value("stream_url").trimmingSpaces()
        if !i.streamURL.isEmpty, HTMLSanitizer.safeURL(i.streamURL, allowMailto: false) == nil || !i.streamURL.hasPrefix("https://") {
            e["stream_url"] = "直播或回放地址应以 https:// 开头"
        }
        i.publicInterest = value("public_interest") == "1"
        if e["starts_on"] == nil, i.startsOn < today.adding(days: -366) { e["starts_on"] = "日期不能早于一年前" }
        return (i, e)
    }
}

/// A sign-up for an event: a name and a way to reach the person are needed to give them a place.
public struct RegistrationInput: Sendable, Equatable {
    public var name = ""
    public var contact = ""
    public var category = ""
    public var note = ""

    public init() {}

    /// `offered`: the categories that have places (an open meeting's 列席 seats); all of the
    /// kind's when nil.
    public static func parse(_ value: (String) -> String, kind: EventKind, offered: [String]? = nil) -> (RegistrationInput, [String: String]) {
        let categories = offered.flatMap { $0.isEmpty ? nil : $0 } ?? kind.categories
        var i = RegistrationInput()
        var e: [String: String] = [:]
        i.name = value("name").trimmingSpaces()
        if i.name.isEmpty { e["name"] = "请填写姓名" } else if i.name.count > 50 { e["name"] = "姓名不能超过50个字" }
        i.contact = value("contact").trimmingSpaces()
        if i.contact.isEmpty { e["contact"] = "请填写手机号码或电子邮箱，以便通知您" }
        else if !(ContactFormat.isMobile(i.contact) || ContactFormat.isEmail(i.contact)) { e["contact"] = "请填写11位手机号码或电子邮箱" }
        i.category = value("category").trimmingSpaces()
        if categories.count == 1 { i.category = categories[0] }
        else if !categories.contains(i.category) { e["category"] = "请选择报名类别" }
        i.note = value("note").trimmingSpaces()
        if i.note.count > 500 { e["note"] = "说明不能超过500个字" }
        return (i, e)
    }
}
