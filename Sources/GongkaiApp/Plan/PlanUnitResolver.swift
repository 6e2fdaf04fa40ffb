import FluentKit
import Foundation
import GongkaiDomain

/// Turns a 责任单位 cell into organisations: named units through `UnitNameMatcher` (or the office's
/// choice on the review screen), collective phrases through the organisation tree (县直各单位: the
/// county's departments and offices; 各乡镇: townships and subdistricts; 各政务新媒体主办单位: the units
/// with an active account).
struct PlanUnitResolver: Sendable {
    let matcher: UnitNameMatcher
    let groups: [ResponsibleUnits.Group: [Int]]

    struct Resolved: Sendable, Equatable {
        var leads: [Int] = []
        var participants: [Int] = []
        var unresolved: [String] = []
    }

    static let departmentKinds: Set<OrganisationKind> = [.countyDepartment, .governmentOffice]
    static let townshipKinds: Set<OrganisationKind> = [.townshipGovernment, .subdistrictOffice]

    /// The active organisations in the tree's order.
    static func activeOrganisations(_ services: AppServices) async throws -> [Organisation] {
        try await Organisation.query(on: services.db).filter(\.$isActive == true).all().sorted { ($0.sortOrder, $0.id!) < ($1.sortOrder, $1.id!) }
    }

    /// The county's departments and offices, then its townships (the 联席会议's members, the units assessed).
    static func departmentsAndTownships(_ services: AppServices) async throws -> [Organisation] {
        let orgs = try await activeOrganisations(services)
        return orgs.filter { departmentKinds.contains($0.kind) } + orgs.filter { townshipKinds.contains($0.kind) }
    }

    static func load(_ services: AppServices) async throws -> PlanUnitResolver {
        let orgs = try await activeOrganisations(services)
        let government = orgs.first { $0.kind == .countyGovernment } ?? orgs.first { $0.parentID == nil }
        var prefix = government?.name ?? ""
        if prefix.hasSuffix("人民政府") { prefix = String(prefix.dropLast(4)) }
        let matcher = UnitNameMatcher(candidates: orgs.map { .init(id: $0.id!, name: $0.name, shortName: $0.shortName) }, countyPrefix: prefix)
        let owners = Set(try await NewMediaAccount.query(on: services.db).filter(\.$status == "active").all().map(\.organisationID))
        return PlanUnitResolver(matcher: matcher, groups: [
            .countyDepartments: orgs.filter { departmentKinds.contains($0.kind) }.map { $0.id! },
            .townships: orgs.filter { townshipKinds.contains($0.kind) }.map { $0.id! },
            .newMediaOwners: orgs.filter { owners.contains($0.id!) }.map { $0.id! },
        ])
    }

    /// `mapping`: the office's choice for names the matcher could not place (0: leave the name out).
    func resolve(_ units: ResponsibleUnits, mapping: [String: Int] = [:]) -> Resolved {
        var out = Resolved()
        func place(_ name: String) -> Int?? {
            if let chosen = mapping[ResponsibleUnits.normalise(name)] { return chosen == 0 ? .some(nil) : .some(chosen) }
            if case .one(let id) = matcher.match(name) { return .some(id) }
            return nil
        }
        for name in units.leads {
            switch place(name) {
            case .some(.some(let id)): if !out.leads.contains(id) { out.leads.append(id) }
            case .some(.none): break
            case .none: out.unresolved.append(ResponsibleUnits.normalise(name))
            }
        }
        for g in units.leadGroups { for id in groups[g] ?? [] where !out.leads.contains(id) { out.leads.append(id) } }
        for name in units.participants {
            switch place(name) {
            case .some(.some(let id)): if !out.leads.contains(id) && !out.participants.contains(id) { out.participants.append(id) }
            case .some(.none): break
            case .none: out.unresolved.append(ResponsibleUnits.normalise(name))
            }
        }
        for g in units.participantGroups {
            for id in groups[g] ?? [] where !out.leads.contains(id) && !out.participants.contains(id) { out.participants.append(id) }
        }
        return out
    }
}
