/// The outcome of an application: exactly one leaf row of table 三 (国办公开办函〔2021〕30号).
/// The same codes drive the reply documents and the annual report.
public enum ReplyOutcome: String, CaseIterable, Codable, Sendable {
    case disclosed = "1"
    case partiallyDisclosed = "2"
    case withheldStateSecret = "3.1"
    case withheldProhibitedByLaw = "3.2"
    case withheldThreeSecurities = "3.3"
    case withheldThirdPartyRights = "3.4"
    case withheldInternalAffairs = "3.5"
    case withheldProcessInformation = "3.6"
    case withheldEnforcementFile = "3.7"
    case withheldAdministrativeQuery = "3.8"
    case unavailableNotHeld = "4.1"
    case unavailableWouldNeedCreating = "4.2"
    case unavailableStillUnclear = "4.3"
    case notProcessedPetition = "5.1"
    case notProcessedRepeat = "5.2"
    case notProcessedPublication = "5.3"
    case notProcessedExcessive = "5.4"
    case notProcessedConfirmation = "5.5"
    case otherNoCorrection = "6.1"
    case otherFeeUnpaid = "6.2"
    case otherMisc = "6.3"

    /// The group row: （一）…（六）.
    public enum Group: Int, CaseIterable, Sendable {
        case disclosed = 1, partial, withheld, unavailable, notProcessed, other

        public var label: String {
            switch self {
            case .disclosed: return "（一）予以公开"
            case .partial: return "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
            case .withheld: return "（三）不予公开"
            case .unavailable: return "（四）无法提供"
            case .notProcessed: return "（五）不予处理"
            case .other: return "（六）其他处理"
            }
        }
    }

    public var group: Group { Group(rawValue: Int(rawValue.prefix(1))!)! }

    /// The row label exactly as the national format prints it.
    public var rowLabel: String {
        switch self {
        case .disclosed: return "（一）予以公开"
        case .partiallyDisclosed: return "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        case .withheldStateSecret: return "1.属于国家秘密"
        case .withheldProhibitedByLaw: return "2.其他法律行政法规禁止公开"
        case .withheldThreeSecurities: return "3.危及“三安全一稳定”"
        case .withheldThirdPartyRights: return "4.保护第三方合法权益"
        case .withheldInternalAffairs: return "5.属于三类内部事务信息"
        case .withheldProcessInformation: return "6.属于四类过程性信息"
        case .withheldEnforcementFile: return "7.属于行政执法案卷"
        case .withheldAdministrativeQuery: return "8.属于行政查询事项"
        case .unavailableNotHeld: return "1.本机关不掌握相关政府信息"
        case .unavailableWouldNeedCreating: return "2.没有现成信息需要另行制作"
        case .unavailableStillUnclear: return "3.补正后申请内容仍不明确"
        case .notProcessedPetition: return "1.信访举报投诉类申请"
        case .notProcessedRepeat: return "2.重复申请"
        case .notProcessedPublication: return "3.要求提供公开出版物"
        case .notProcessedExcessive: return "4.无正当理由大量反复申请"
        case .notProcessedConfirmation: return "5.要求行政机关确认或重新出具已获取信息"
        case .otherNoCorrection: return "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        case .otherFeeUnpaid: return "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        case .otherMisc: return "3.其他"
        }
    }

    /// A label that stands alone, e.g. "（三）不予公开 · 1.属于国家秘密".
    public var fullLabel: String {
        switch group {
        case .disclosed, .partial: return rowLabel
        default: return "\(group.label) · \(rowLabel)"
        }
    }

    /// The outcome as the applicant reads it: without the report's numbering and counting notes
    /// (e.g. "部分公开", "不予公开：属于国家秘密").
    public var publicLabel: String {
        func plain(_ s: String) -> String {
            var t = s.replacingOccurrences(of: "（区分处理的，只计这一情形，不计其他情形）", with: "")
            if t.hasPrefix("（"), let close = t.firstIndex(of: "）") { t = String(t[t.index(after: close)...]) }
            if let dot = t.firstIndex(of: "."), t[..<dot].allSatisfy(\.isNumber) { t = String(t[t.index(after: dot)...]) }
            return t
        }
        switch group {
        case .disclosed, .partial: return plain(group.label)
        default: return "\(plain(group.label))：\(plain(rowLabel))"
        }
    }

    /// Outcomes whose reply must state a reason (不予公开, 无法提供, 不予处理).
    public var requiresReason: Bool { [.withheld, .unavailable, .notProcessed].contains(group) }

    /// Legal basis usually cited (an interpretation for drafting replies; editable per case).
    public var usualBasis: String {
        switch self {
        case .disclosed: return "《中华人民共和国政府信息公开条例》第三十六条第（二）项"
        case .partiallyDisclosed: return "《中华人民共和国政府信息公开条例》第三十七条"
        case .withheldStateSecret, .withheldProhibitedByLaw, .withheldThreeSecurities:
            return "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"
        case .withheldThirdPartyRights: return "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项"
        case .withheldInternalAffairs, .withheldProcessInformation, .withheldEnforcementFile:
            return "《中华人民共和国政府信息公开条例》第十六条、第三十六条第（三）项"
        case .withheldAdministrativeQuery: return "《中华人民共和国政府信息公开条例》第三十六条第（七）项"
        case .unavailableNotHeld: return NotHeldGround.doesNotExist.basis
        case .unavailableWouldNeedCreating: return "《中华人民共和国政府信息公开条例》第三十八条"
        case .unavailableStillUnclear, .otherNoCorrection: return "《中华人民共和国政府信息公开条例》第三十条"
        case .notProcessedPetition, .notProcessedPublication: return "《中华人民共和国政府信息公开条例》第三十九条"
        case .notProcessedRepeat: return "《中华人民共和国政府信息公开条例》第三十六条第（六）项"
        case .notProcessedExcessive: return "《中华人民共和国政府信息公开条例》第三十五条"
        case .notProcessedConfirmation, .otherMisc: return "《中华人民共和国政府信息公开条例》"
        case .otherFeeUnpaid: return "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
        }
    }
}
