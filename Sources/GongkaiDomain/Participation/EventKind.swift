/// The gatherings through which the public takes part (重大行政决策程序暂行条例 Arts. 14–17 and the
/// county plans): hearings, 座谈会, field visits, meetings opened to the public, 政府开放日 and
/// 局长进大厅. What each kind asks for differs; the kind says it.
public enum EventKind: String, CaseIterable, Sendable {
    case hearing
    case symposium
    case fieldVisit = "field_visit"
    case openMeeting = "open_meeting"
    case openDay = "open_day"
    case hallVisit = "hall_visit"

    public var label: String {
        switch self {
        case .hearing: return "听证会"
        case .symposium: return "座谈会"
        case .fieldVisit: return "实地走访"
        case .openMeeting: return "开放会议"
        case .openDay: return "政府开放日"
        case .hallVisit: return "局长进大厅"
        }
    }

    /// The public may sign up online.
    public var takesRegistration: Bool { self != .fieldVisit && self != .symposium }

    /// Who takes part is chosen by the organiser (hearing participants by the published method,
    /// 列席 places by category); for open days places go in order of sign-up, then a waiting list.
    public var selectsParticipants: Bool { self == .hearing || self == .openMeeting }

    /// Categories people sign up under.
    public var categories: [String] {
        switch self {
        case .openMeeting: return ["利益相关方", "群众代表", "专家", "媒体"]
        case .hearing: return ["利害关系人", "群众代表", "专家", "其他"]
        default: return ["公众"]
        }
    }

    /// The participants (names, or the bodies they represent) are published (Art. 16 for hearings;
    /// the plans ask the same of 座谈会 and field visits).
    public var publishesParticipants: Bool { [.hearing, .symposium, .fieldVisit].contains(self) }

    /// Hearing materials reach the participants at least 7 days before (Art. 17).
    public var deliversMaterials: Bool { self == .hearing }

    /// What the published account afterwards is called.
    public var recordLabel: String {
        switch self {
        case .hearing: return "听证笔录（经参加人确认）"
        case .symposium, .fieldVisit: return "参加人员及意见情况"
        case .openMeeting: return "会议纪要摘要"
        case .openDay, .hallVisit: return "活动情况"
        }
    }
}

/// Where an event's sign-up and record stand, for the organiser's warnings.
public enum EventChecks {
    /// Warnings for a hearing or other event on `today` (Chinese, empty when all is well).
    public static func warnings(kind: EventKind, startsOn: CivilDate, today: CivilDate, materialsDeliveredOn: CivilDate?,
                                participantsPublished: Bool, recordPublished: Bool) -> [String] {
        var out: [String] = []
        if kind.deliversMaterials, materialsDeliveredOn == nil {
            let latest = ParticipationPeriod.latestMaterialsDelivery(hearingOn: startsOn)
            if today > latest {
                out.append("听证材料应于\(latest.chinese(withYear: true))前送达参加人（《重大行政决策程序暂行条例》第十七条），尚未登记送达")
            } else {
                out.append("听证材料须于\(latest.chinese(withYear: true))前送达参加人")
            }
        }
        if let delivered = materialsDeliveredOn, kind.deliversMaterials, delivered > ParticipationPeriod.latestMaterialsDelivery(hearingOn: startsOn) {
            out.append("听证材料于\(delivered.chinese(withYear: true))送达，距听证不足7日")
        }
        if kind == .hearing, !participantsPublished, today < startsOn {
            out.append("听证参加人名单尚未公布（第十六条要求事先公布）")
        }
        if today > startsOn, !recordPublished {
            out.append("活动已结束，\(kind.recordLabel)尚未公开")
        }
        return out
    }
}
