/// Back-office roles. A role is always granted for an organisation (optionally with its subtree).
public enum StaffRole: String, CaseIterable, Codable, Sendable, Hashable {
    case systemAdministrator = "system_admin"
    case disclosureOfficeAdministrator = "office_admin"
    case informationOfficer = "info_officer"
    case reviewer = "reviewer"
    case secrecyReviewer = "secrecy_reviewer"
    case applicationHandler = "application_handler"
    case leader = "leader"

    public var label: String {
        switch self {
        case .systemAdministrator: return "系统管理员"
        case .disclosureOfficeAdministrator: return "公开办管理员"
        case .informationOfficer: return "信息员"
        case .reviewer: return "审核员"
        case .secrecyReviewer: return "保密审查员"
        case .applicationHandler: return "依申请经办人"
        case .leader: return "领导"
        }
    }

    /// Roles for which a deployment may require a second factor (TOTP).
    public var isPrivileged: Bool {
        self == .systemAdministrator || self == .disclosureOfficeAdministrator
    }
}
