/// The kinds of organisation in a county's disclosure tree, with the parent kinds each may sit under.
public enum OrganisationKind: String, CaseIterable, Codable, Sendable, Hashable {
    case countyGovernment = "county_government"
    case governmentOffice = "government_office"
    case countyDepartment = "county_department"
    case townshipGovernment = "township_government"
    case subdistrictOffice = "subdistrict_office"
    case villageCommittee = "village_committee"
    case residentsCommittee = "residents_committee"

    public var label: String {
        switch self {
        case .countyGovernment: return "县（市、区）人民政府"
        case .governmentOffice: return "政府办公室"
        case .countyDepartment: return "县级部门"
        case .townshipGovernment: return "乡镇人民政府"
        case .subdistrictOffice: return "街道办事处"
        case .villageCommittee: return "村民委员会"
        case .residentsCommittee: return "居民委员会"
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
        }
    }

    public var isRoot: Bool { allowedParents.isEmpty }

    /// Governments at each level must publish a 政府信息公开指南 and annual report of their own (条例 Art. 4);
    /// villages publish 村务 but are not administrative organs.
    public var isAdministrativeOrgan: Bool {
        self != .villageCommittee && self != .residentsCommittee
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
