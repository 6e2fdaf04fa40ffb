/// 公开属性, decided when the information is made (条例 Arts. 13–16).
public enum DisclosureAttribute: String, Sendable, CaseIterable, Codable {
    case proactive = "proactive"
    case onRequest = "on_request"
    case withheld = "withheld"

    public var label: String {
        switch self {
        case .proactive: return "主动公开"
        case .onRequest: return "依申请公开"
        case .withheld: return "不予公开"
        }
    }

    /// Only 主动公开 information ever reaches a public page, feed, API or search.
    public var isPublic: Bool { self == .proactive }
    /// 依申请公开 and 不予公开 need a ground, a reason and a re-evaluation date (Art. 18).
    public var needsGround: Bool { self != .proactive }
}

/// The grounds of Arts. 14–16 for not publishing proactively.
public enum NonDisclosureGround: String, Sendable, CaseIterable, Codable {
    case stateSecret = "14.1"
    case prohibitedByLaw = "14.2"
    case threeSecurities = "14.3"
    case thirdPartyRights = "15"
    case internalAffairs = "16.1"
    case processInformation = "16.2"
    case enforcementFile = "16.3"
    /// Art. 13 with Art. 27: information that concerns only particular people is given on request.
    case requestOnly = "27"

    public var label: String {
        switch self {
        case .stateSecret: return "第十四条：依法确定为国家秘密"
        case .prohibitedByLaw: return "第十四条：法律、行政法规禁止公开"
        case .threeSecurities: return "第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定"
        case .thirdPartyRights: return "第十五条：涉及商业秘密、个人隐私等，公开会损害第三方合法权益"
        case .internalAffairs: return "第十六条第一款：人事管理、后勤管理、内部工作流程等内部事务信息"
        case .processInformation: return "第十六条第二款：讨论记录、过程稿、磋商信函、请示报告等过程性信息"
        case .enforcementFile: return "第十六条第二款：行政执法案卷信息"
        case .requestOnly: return "不属于主动公开范围，公民、法人或者其他组织可依申请获取"
        }
    }

    /// Which attributes a ground supports: the Art. 14 grounds mean 不予公开; the others may also
    /// leave the information available on request.
    public func allows(_ attribute: DisclosureAttribute) -> Bool {
        switch self {
        case .stateSecret, .prohibitedByLaw, .threeSecurities: return attribute == .withheld
        case .requestOnly: return attribute == .onRequest
        default: return attribute != .proactive
        }
    }
}

/// 有效性 of a document.
public enum Validity: String, Sendable, CaseIterable, Codable {
    case inForce = "in_force"
    case expired = "expired"
    case repealed = "repealed"
    case amended = "amended"

    public var label: String {
        switch self {
        case .inForce: return "有效"
        case .expired: return "失效"
        case .repealed: return "废止"
        case .amended: return "已修改"
        }
    }

    /// 已修改 names the amending document; 废止 may name the replacing one (a document repealed in a
    /// cleanup often has none).
    public var needsSuccessor: Bool { self == .amended }

    /// Whether the document no longer applies (失效 or 废止).
    public var isEnded: Bool { self == .expired || self == .repealed }

    /// The validity on `today` of a document recorded as `self` from `changesOn`: a 废止 or 失效
    /// dated in the future leaves the document 有效 until that day (and switches on it).
    public func effective(changesOn: CivilDate?, today: CivilDate) -> Validity {
        guard isEnded, let d = changesOn, d > today else { return self }
        return .inForce
    }

    /// What the public page says about a document recorded as `self` from `changesOn`.
    public func notice(changesOn: CivilDate?, today: CivilDate) -> String? {
        let date = changesOn.map { $0.chinese(withYear: true) } ?? ""
        switch self {
        case .inForce: return nil
        case .amended: return "本文件已被修改，请以修改后的文件为准。"
        case .expired, .repealed:
            let verb = self == .expired ? "失效" : "废止"
            if let d = changesOn, d > today { return "本文件将于\(date)\(verb)，在此之前继续有效。" }
            return date.isEmpty ? "本文件已\(verb)。" : "本文件已于\(date)\(verb)。"
        }
    }
    public var mayHaveSuccessor: Bool { self == .repealed || self == .amended }
}
