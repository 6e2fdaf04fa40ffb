/// One reason a policy reached a subscriber. The explanation in every message is built from the
/// reasons the matcher returned, never written separately.
public enum PushReason: Equatable, Hashable, Sendable {
    case group(String)
    case lifeEvent(String)
    case industry(IndustrySection)
    case size(EnterpriseSize)
    case park(String)
    case keyword(String)
    case organisation(String)
    case column(String)
    /// The subscriber's township or village, named.
    case region(String)

    /// The category the reason is listed under.
    var heading: String {
        switch self {
        case .group: return "您的身份"
        case .lifeEvent: return "您关注的人生事项"
        case .industry: return "所属行业"
        case .size: return "企业规模"
        case .park: return "所在园区"
        case .keyword: return "您关注"
        case .organisation: return "您关注的单位"
        case .column: return "您关注的栏目"
        case .region: return "所在乡镇（村、社区）"
        }
    }

    var value: String {
        switch self {
        case .group(let v), .lifeEvent(let v), .park(let v), .keyword(let v), .organisation(let v), .column(let v), .region(let v): return v
        case .industry(let s): return s.label
        case .size(let s): return s.label
        }
    }

    /// "因为您关注：涉农补贴；所在乡镇（村、社区）：石桥镇" — categories in a fixed order, values in the
    /// order found.
    public static func explanation(_ reasons: [PushReason]) -> String {
        guard !reasons.isEmpty else { return "" }
        var order: [String] = []
        var values: [String: [String]] = [:]
        for r in reasons {
            if values[r.heading] == nil { order.append(r.heading) }
            if !(values[r.heading] ?? []).contains(r.value) { values[r.heading, default: []].append(r.value) }
        }
        return "因为" + order.map { "\($0)：\(values[$0]!.joined(separator: "、"))" }.joined(separator: "；")
    }
}
