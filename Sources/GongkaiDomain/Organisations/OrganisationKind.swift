/// The kinds of organisation in a county's disclosure tree, with the parent kinds each may sit under.
public enum OrganisationKind: String, CaseIterable, Codable, Sendable, Hashable {
    case countyGovernment = "county_government"
    case governmentOffice = "government_office"
    case countyDepartment = "county_department"
    case townshipGovernment = "township_government"
    case subdistrictOffice = "subdistrict_office"
    case villageCommittee = "village_committee"
    case residentsCommittee = "residents_committee"
    /// 开发区、园区管理委员会 (the government's own 派出机构 for a zone).
    case developmentZone = "development_zone"
    /// A 派出机构 of a department or township (条例第十条: one that deals with the public in its own
    /// name also discloses in its own name).
    case dispatchedAgency = "dispatched_agency"
    /// 所属事业单位 of a government or department.
    case affiliatedInstitution = "affiliated_institution"
    /// 公共企事业单位, each under its supervising department.
    case school = "school"
    case hospital = "hospital"
    case utility = "utility"
    case environmentalService = "environmental_service"
    case publicTransport = "public_transport"

    public var label: String {
        switch self {
        case .countyGovernment: return "县（市、区）人民政府"
        case .governmentOffice: return "政府办公室"
        case .countyDepartment: return "县级部门"
        case .townshipGovernment: return "乡镇人民政府"
        case .subdistrictOffice: return "街道办事处"
        case .villageCommittee: return "村民委员会"
        case .residentsCommittee: return "居民委员会"
        case .developmentZone: return "开发区（园区）管委会"
        case .dispatchedAgency: return "派出机构"
        case .affiliatedInstitution: return "所属事业单位"
        case .school: return "学校（公共企事业单位）"
        case .hospital: return "医疗卫生机构（公共企事业单位）"
        case .utility: return "供水、供电、供气、供热单位（公共企事业单位）"
        case .environmentalService: return "环境保护单位（公共企事业单位）"
        case .publicTransport: return "公共交通单位（公共企事业单位）"
        }
    }

    /// Kinds allowed as parent; empty means the kind is a root.
    public var allowedParents: Set<OrganisationKind> {
        switch self {
        case .countyGovernment: return []
        case .governmentOffice, .countyDepartment, .townshipGovernment, .subdistrictOffice:
            return [.countyGovernment]
        case .villageCommittee, .residentsCommittee:
            return [.townshipGovernment, .subdistrictOffice]
        case .developmentZone:
            return [.countyGovernment]
        case .dispatchedAgency:
            return [.countyDepartment, .townshipGovernment, .subdistrictOffice, .developmentZone]
        case .affiliatedInstitution:
            return [.countyGovernment, .governmentOffice, .countyDepartment, .townshipGovernment, .subdistrictOffice, .developmentZone]
        case .school, .hospital, .utility, .environmentalService, .publicTransport:
            // Under the supervising department (学校 → 教育和体育局, 医院 → 卫生健康局, 公交 → 交通运输局 …).
            return [.countyDepartment]
        }
    }

    /// 村（居）民委员会: they publish 村（居）务, under their township's column.
    public var isVillage: Bool { self == .villageCommittee || self == .residentsCommittee }

    /// 公共企事业单位: they disclose under their sector's rules, watched by their supervising department.
    public var isPublicEnterprise: Bool { [.school, .hospital, .utility, .environmentalService, .publicTransport].contains(self) }

    public var isRoot: Bool { allowedParents.isEmpty }

    /// Governments at each level must publish a 政府信息公开指南 and annual report of their own (条例 Art. 4);
    /// villages publish 村务, and 事业单位 and 公共企事业单位 disclose under their own rules: none of them
    /// is an administrative organ. A 管委会 or 派出机构 is (条例第十条).
    public var isAdministrativeOrgan: Bool {
        !isVillage && !isPublicEnterprise && self != .affiliatedInstitution
    }

    /// Checks a placement; returns a Chinese message when it is not allowed.
    public func placementProblem(parent: OrganisationKind?) -> String? {
        switch parent {
        case nil:
            return isRoot ? nil : "“\(label)”必须有上级机构（可选：\(allowedParents.sortedLabels)）"
        case .some(let p):
            if isRoot { return "“\(label)”是最上级机构，不能设置上级机构" }
            return allowedParents.contains(p) ? nil
                : "“\(label)”的上级机构只能是：\(allowedParents.sortedLabels)，不能是“\(p.label)”"
        }
    }
}

extension Set where Element == OrganisationKind {
    var sortedLabels: String {
        OrganisationKind.allCases.filter { contains($0) }.map(\.label).joined(separator: "、")
    }
}
