/// What a unit's own data say about its year, and the pre-filled text of 一、总体情况 and the fee
/// sentence of 六 built only from them (issue 11.8). No sentence claims what the data do not show:
/// "均在法定期限内答复" only when no case was late, fees "实收" only for fees actually followed by payment,
/// and the unit's own busiest columns and numbers make two units' drafts differ.
public struct ReportOverviewFacts: Sendable, Equatable {
    public var year: Int
    public var organisationName: String
    public var published: Int
    public var interpretations: Int
    /// The unit's columns with most items this year, most first (name, count).
    public var topColumns: [(String, Int)]
    public var newApplications: Int
    public var carriedOver: Int
    /// Cases of the year answered, by outcome group.
    public var decidedByGroup: [ReplyOutcome.Group: Int]
    /// Cases answered after their due date, and cases still open past it.
    public var answeredLate: Int
    public var openOverdue: Int
    public var feeNotices: Int
    public var feesNotified: Int
    /// Fees of notices after which the applicant paid (the case resumed).
    public var feesPaid: Int
    public var reviews: Int
    public var lawsuits: Int
    /// Public consultations the unit opened in the year, and letters (政民互动) it handled.
    public var consultations = 0
    public var letters = 0
    public var lettersAnswered = 0

    public init(year: Int, organisationName: String, published: Int = 0, interpretations: Int = 0, topColumns: [(String, Int)] = [],
                newApplications: Int = 0, carriedOver: Int = 0, decidedByGroup: [ReplyOutcome.Group: Int] = [:],
                answeredLate: Int = 0, openOverdue: Int = 0, feeNotices: Int = 0, feesNotified: Int = 0, feesPaid: Int = 0,
                reviews: Int = 0, lawsuits: Int = 0) {
        self.year = year
        self.organisationName = organisationName
        self.published = published
        self.interpretations = interpretations
        self.topColumns = topColumns
        self.newApplications = newApplications
        self.carriedOver = carriedOver
        self.decidedByGroup = decidedByGroup
        self.answeredLate = answeredLate
        self.openOverdue = openOverdue
        self.feeNotices = feeNotices
        self.feesNotified = feesNotified
        self.feesPaid = feesPaid
        self.reviews = reviews
        self.lawsuits = lawsuits
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.overview == b.overview && a.feeSentence == b.feeSentence
    }

    /// 一、总体情况, as a draft the office edits.
    public var overview: String {
        var s = "\(year)年，\(organisationName)"
        if published == 0 {
            s += "未在政府信息公开平台主动公开政府信息"
        } else {
            s += "在政府信息公开平台主动公开政府信息\(published)条"
            if interpretations > 0 { s += "，其中政策解读\(interpretations)条" }
            let top = topColumns.prefix(3).filter { $0.1 > 0 }
            if !top.isEmpty { s += "，较多的是" + top.map { "“\($0.0)”\($0.1)条" }.joined(separator: "、") }
        }
        s += "。"
        let total = newApplications + carriedOver
        if total == 0 {
            s += "全年未收到政府信息公开申请。"
        } else {
            s += "全年新收政府信息公开申请\(newApplications)件"
            if carriedOver > 0 { s += "，上年结转\(carriedOver)件" }
            let decided = ReplyOutcome.Group.allCases.reduce(0) { $0 + (decidedByGroup[$1] ?? 0) }
            if decided > 0 {
                let parts = ReplyOutcome.Group.allCases.compactMap { g -> String? in
                    guard let n = decidedByGroup[g], n > 0 else { return nil }
                    return "\(Self.shortLabel(g))\(n)件"
                }
                s += "；已办结\(decided)件，其中" + parts.joined(separator: "、")
            }
            let pending = total - decided
            if pending > 0 { s += "；结转下年办理\(pending)件" }
            s += "。"
            let late = answeredLate + openOverdue
            if late == 0 {
                if decided > 0 { s += "已办结的申请均在法定期限内答复。" }
            } else {
                var l: [String] = []
                if answeredLate > 0 { l.append("\(answeredLate)件超过法定期限答复") }
                if openOverdue > 0 { l.append("\(openOverdue)件至年底已超过法定期限仍未答复") }
                s += "其中" + l.joined(separator: "，") + "，须在“存在的主要问题及改进情况”中说明原因和整改措施。"
            }
        }
        if reviews + lawsuits > 0 {
            s += "因政府信息公开被申请行政复议\(reviews)件、提起行政诉讼\(lawsuits)件。"
        }
        var engagement: [String] = []
        if consultations > 0 { engagement.append("就\(consultations)项事项公开征求意见") }
        if letters > 0 { engagement.append("办理群众来信\(letters)件、已答复\(lettersAnswered)件") }
        if !engagement.isEmpty { s += "在政民互动方面，" + engagement.joined(separator: "，") + "。" }
        return s
    }

    /// The fee sentence that starts 六、其他需要报告的事项.
    public var feeSentence: String {
        if feeNotices == 0 {
            return "依据《政府信息公开信息处理费管理办法》，本年度未发出信息处理费收费通知，未收取信息处理费。"
        }
        let paid = feesPaid == 0 ? "申请人均未缴费，未实际收取信息处理费" : "申请人缴费后继续办理的，实收信息处理费\(feesPaid)元"
        return "依据《政府信息公开信息处理费管理办法》，本年度发出收费通知\(feeNotices)件，通知金额合计\(feesNotified)元；\(paid)。"
    }

    static func shortLabel(_ g: ReplyOutcome.Group) -> String {
        switch g {
        case .disclosed: return "予以公开"
        case .partial: return "部分公开"
        case .withheld: return "不予公开"
        case .unavailable: return "无法提供"
        case .notProcessed: return "不予处理"
        case .other: return "其他处理"
        }
    }
}
