/// What the office must look at for one 政务新媒体 account (practice.md §3.4): no update within the
/// limit (2 weeks by default; some counties use 10 days), no interaction function, nobody
/// responsible, renamed or closed without 备案.
public enum NewMediaAlert: Sendable, Equatable, Hashable {
    case stale(days: Int)
    case neverUpdated
    case noInteraction
    case noResponsiblePerson
    case renamedWithoutFiling
    case closedWithoutFiling

    public var text: String {
        switch self {
        case .stale(let days): return "超过\(days)天未更新"
        case .neverUpdated: return "未记录更新日期"
        case .noInteraction: return "未提供有效互动功能"
        case .noResponsiblePerson: return "无运维负责人（有账号无监管）"
        case .renamedWithoutFiling: return "更名未备案"
        case .closedWithoutFiling: return "关停或整合未备案"
        }
    }

    public struct Account: Sendable, Equatable {
        public var active: Bool
        public var lastUpdate: CivilDate?
        public var interaction: Bool
        public var responsiblePerson: String
        public var renamed: Bool
        public var renameFiled: Bool
        public var closedFiled: Bool
        public init(active: Bool, lastUpdate: CivilDate?, interaction: Bool, responsiblePerson: String,
                    renamed: Bool = false, renameFiled: Bool = false, closedFiled: Bool = true) {
            self.active = active
            self.lastUpdate = lastUpdate
            self.interaction = interaction
            self.responsiblePerson = responsiblePerson
            self.renamed = renamed
            self.renameFiled = renameFiled
            self.closedFiled = closedFiled
        }
    }

    /// Alerts for an account on `today`; a closed or merged account is only checked for its 备案.
    public static func alerts(_ a: Account, today: CivilDate, staleDays: Int) -> [NewMediaAlert] {
        guard a.active else { return a.closedFiled ? [] : [.closedWithoutFiling] }
        var out: [NewMediaAlert] = []
        if let last = a.lastUpdate {
            if today.dayNumber - last.dayNumber > staleDays { out.append(.stale(days: staleDays)) }
        } else {
            out.append(.neverUpdated)
        }
        if !a.interaction { out.append(.noInteraction) }
        if a.responsiblePerson.trimmingCharacters(in: .whitespaces).isEmpty { out.append(.noResponsiblePerson) }
        if a.renamed && !a.renameFiled { out.append(.renamedWithoutFiling) }
        return out
    }
}
