import FluentKit
import Foundation
import GongkaiDomain

/// The work behind the shell commands, kept in the library so it is tested like the rest.
public struct CommandLineAdmin: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public enum Result: Sendable {
        case success(String)
        case failure(String)
    }

    func findOrganisation(_ ref: String) async throws -> Organisation? {
        if let id = Int(ref) { return try await Organisation.find(id, on: services.db) }
        return try await Organisation.query(on: services.db).filter(\.$name == ref).first()
    }

    public func createUser(username: String, displayName: String, organisation: String, roles: [StaffRole],
                           includesSubtree: Bool, password: String) async throws -> Result {
        guard let org = try await findOrganisation(organisation) else {
            return .failure("找不到机构“\(organisation)”。请先用 gongkai org create 建立机构，或用 gongkai org list 查看编号。")
        }
        guard !roles.isEmpty else { return .failure("请至少指定一个角色（--role）。") }
        do {
            let u = try await StaffDirectory(services: services).create(
                .init(username: username, displayName: displayName, organisationID: org.id ?? 0, password: password),
                roles: roles.map { ($0, includesSubtree: includesSubtree) }, actor: .commandLine("gongkai user create"))
            return .success("已创建账户 \(u.username)：\(roles.map(\.label).joined(separator: "、"))（\(org.name)\(includesSubtree ? "及下级机构" : "")）")
        } catch StaffDirectory.Failure.invalid(let errors) {
            return .failure(errors.sorted { $0.key < $1.key }.map(\.value).joined(separator: "；"))
        }
    }

    public func createOrganisation(name: String, shortName: String, kind: String, parent: String?, creditCode: String?) async throws -> Result {
        var form = "name=\(Self.enc(name))&short_name=\(Self.enc(shortName))&kind=\(Self.enc(kind))"
        if let c = creditCode { form += "&credit_code=\(Self.enc(c))" }
        let (input, errors) = OrganisationInput.parse(FormData(urlEncoded: form))
        guard errors.isEmpty else { return .failure(errors.sorted { $0.key < $1.key }.map(\.value).joined(separator: "；")) }
        var parentOrg: Organisation?
        if let p = parent {
            guard let found = try await findOrganisation(p) else { return .failure("找不到上级机构“\(p)”。") }
            parentOrg = found
        }
        do {
            let o = try await OrganisationDirectory(services: services).create(input, parent: parentOrg, actor: .commandLine("gongkai org create"))
            return .success("已创建机构 \(o.name)，编号 \(o.id ?? 0)")
        } catch OrganisationDirectory.Failure.invalid(let errors) {
            return .failure(errors.values.sorted().joined(separator: "；"))
        }
    }

    public func organisationLines() async throws -> [String] {
        try await OrganisationQueries.tree(on: services.db).map {
            String(repeating: "  ", count: $0.depth) + "\($0.node.id ?? 0)\t\($0.node.name)（\($0.node.kind.label)）\($0.node.isActive ? "" : " [已停用]")"
        }
    }

    public func backup(to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupError.targetExists(path) }
        try await services.database.dialect.backup(on: services.db, to: path)
    }

    static func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
}
