/// 事项类型 of a service in the 政务服务事项 catalogue: the ten kinds of administrative power and
/// public services.
public enum ServiceKind: String, CaseIterable, Sendable, Codable {
    case licence = "licence"
    case benefit = "benefit"
    case confirmation = "confirmation"
    case adjudication = "adjudication"
    case award = "award"
    case levy = "levy"
    case inspection = "inspection"
    case penalty = "penalty"
    case otherPower = "other_power"
    case publicService = "public_service"

    public var label: String {
        switch self {
        case .licence: return "行政许可"
        case .benefit: return "行政给付"
        case .confirmation: return "行政确认"
        case .adjudication: return "行政裁决"
        case .award: return "行政奖励"
        case .levy: return "行政征收"
        case .inspection: return "行政检查"
        case .penalty: return "行政处罚"
        case .otherPower: return "其他行政权力"
        case .publicService: return "公共服务"
        }
    }
}
