/// How an application reached the organ, and how its receipt date is fixed (条例 Art. 31).
public enum ApplicationChannel: String, CaseIterable, Codable, Sendable {
    case online
    case inPerson = "in_person"
    case registeredMail = "registered_mail"
    case ordinaryMail = "ordinary_mail"
    case fax
    case email
    /// Written down by staff for an applicant for whom writing is genuinely hard (Art. 29).
    case oral

    public var label: String {
        switch self {
        case .online: return "网上申请"
        case .inPerson: return "当面提交"
        case .registeredMail: return "邮寄（需签收）"
        case .ordinaryMail: return "平信邮寄"
        case .fax: return "传真"
        case .email: return "电子邮件"
        case .oral: return "口头提出（代为填写）"
        }
    }

    /// What fixes the receipt date, shown to staff when they register the application.
    public var receiptRule: String {
        switch self {
        case .inPerson, .oral: return "以申请人提交之日为收到申请之日"
        case .registeredMail: return "以本机关签收之日为收到申请之日"
        case .ordinaryMail: return "以与申请人确认之日为收到申请之日（应于收到信件当日确认）"
        case .online, .fax, .email: return "以双方确认之日为收到申请之日"
        }
    }

    /// Whether the receipt date is known when the application is entered (otherwise it is the
    /// date staff confirm it with the applicant).
    public var receiptKnownOnEntry: Bool {
        switch self {
        case .inPerson, .oral, .registeredMail: return true
        case .ordinaryMail, .online, .fax, .email: return false
        }
    }
}

/// The form in which the applicant wants the information, and how they will obtain it (Art. 29(三)).
public enum RequestedForm: String, CaseIterable, Codable, Sendable {
    case paper, email, electronicData = "electronic_data", viewOnSite = "view_on_site"

    public var label: String {
        switch self {
        case .paper: return "纸质文本"
        case .email: return "电子邮件"
        case .electronicData: return "电子数据（光盘、U盘等）"
        case .viewOnSite: return "当场查阅、抄录"
        }
    }
}

public enum ObtainingWay: String, CaseIterable, Codable, Sendable {
    case post, pickUp = "pick_up", email, online

    public var label: String {
        switch self {
        case .post: return "邮寄"
        case .pickUp: return "自行领取"
        case .email: return "电子邮件"
        case .online: return "网上获取"
        }
    }
}

/// The identity document given by the applicant.
public enum IdentityDocumentKind: String, CaseIterable, Codable, Sendable {
    case residentID = "resident_id"
    case creditCode = "credit_code"
    case other

    public var label: String {
        switch self {
        case .residentID: return "居民身份证"
        case .creditCode: return "统一社会信用代码"
        case .other: return "其他有效证件"
        }
    }
}
