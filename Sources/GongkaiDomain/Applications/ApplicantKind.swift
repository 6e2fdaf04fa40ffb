/// Who applies: the columns of table 三 of the annual report.
public enum ApplicantKind: String, CaseIterable, Codable, Sendable {
    case naturalPerson = "natural_person"
    case commercialEnterprise = "commercial_enterprise"
    case researchInstitution = "research_institution"
    case publicInterestOrganisation = "public_interest_organisation"
    case legalServiceOrganisation = "legal_service_organisation"
    case otherOrganisation = "other_organisation"

    public var label: String {
        switch self {
        case .naturalPerson: return "自然人"
        case .commercialEnterprise: return "商业企业"
        case .researchInstitution: return "科研机构"
        case .publicInterestOrganisation: return "社会公益组织"
        case .legalServiceOrganisation: return "法律服务机构"
        case .otherOrganisation: return "其他"
        }
    }

    public var isOrganisation: Bool { self != .naturalPerson }
}
