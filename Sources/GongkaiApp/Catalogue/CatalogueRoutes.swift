import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird

/// Editing an organisation's 政务公开事项标准目录 per domain, with XLSX/CSV import and export.
enum CatalogueRoutes {
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer]
    /// Who checks a catalogue before it is released (not the author of the change).
    static let approvers: Set<StaffRole> = [.disclosureOfficeAdministrator]

    struct RowView: Sendable {
        let id: String
        let position: Int
        let cells: [String]
        let editHref: String
        /// The confirmation page of 删除 (a removed row can be restored).
        let deleteHref: String
    }

    struct RemovedRowView: Sendable {
        let summary: String
        let removedAt: String
        let restoreAction: String
    }

    struct DeleteView: Sendable {
        let chrome: PageChrome
        let organisation: String
        let domain: String
        let headers: [String]
        let cells: [String]
        let action: String
        let backHref: String
    }

    struct FormView: Sendable {
        let action: String
        let v: [String: String]
        let channels: [ColumnChoice]
        let audiences: [OptionItem]
        let modes: [OptionItem]
        let levels: [ColumnChoice]
        let errors: [String: String]
        let submitLabel: String
    }

    struct ColumnChoice: Sendable {
        let value: String
        let checked: Bool
    }

    struct EditorView: Sendable {
        let chrome: PageChrome
        let organisation: String
        let domain: String
        let base: String
        let rows: [RowView]
        let removed: [RemovedRowView]
        let isEmpty: Bool
        let headers: [String]
        let form: FormView
        let versions: [String]
        let importProblems: [String]
        let publicHref: String
        let templateFrom: String?
        /// Review before release: what the public sees and what waits for approval.
        let publishedVersion: String?
        let pendingVersion: String?
        let canApprove: Bool
    }

    struct IndexView: Sendable {
        let chrome: PageChrome
        let organisations: [OrgCatalogues]
        let domains: [OptionItem]
    }

    struct OrgCatalogues: Sendable {
        let id: Int
        let name: String
        let catalogues: [DomainLink]
    }

    struct DomainLink: Sendable {
        let name: String
        let href: String
        let count: Int
    }

    /// The domain of the path: one of the county's domains (a deactivated one keeps its catalogues).
    static func domainParameter(_ context: AppRequestContext, _ services: AppServices) async throws -> String {
        let raw = context.parameters.get("domain") ?? ""
        let name = raw.removingPercentEncoding ?? raw
        guard try await CatalogueDomainStore(services: services).named(name) != nil else { throw HTTPError(.notFound) }
        return name
    }

    static func path(_ org: Int, _ domain: String) -> String {
        "/admin/catalogue/\(org)/\(domain.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? domain)"
    }

    /// Form field names (ASCII, for the templates) of the catalogue columns.
    static let keys: [String: String] = [
        "一级事项": "level1", "二级事项": "level2", "公开内容（要素）": "content", "公开依据": "basis", "公开时限": "limit",
        "公开主体": "subject", "公开渠道和载体": "channels", "公开对象": "audience", "公开方式": "mode", "公开层级": "levels",
    ]

    static func keyed(_ byColumn: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: byColumn.compactMap { k, v in keys[k].map { ($0, v) } })
    }

    static func formValues(_ row: CatalogueRow) -> [String: String] {
        keyed(Dictionary(uniqueKeysWithValues: zip(CatalogueRow.columns, row.cells)))
    }

    static func form(action: String, values: [String: String], errors: [String: String], submit: String) -> FormView {
        let channels = CatalogueRow.split(values["channels"] ?? "")
        let levels = CatalogueRow.split(values["levels"] ?? "县级")
        return FormView(
            action: action, v: values,
            channels: (CatalogChannel.standard + channels.filter { !CatalogChannel.standard.contains($0) }).map { ColumnChoice(value: $0, checked: channels.contains($0)) },
            audiences: CatalogueRow.audiences.map { OptionItem(value: $0, label: $0, selected: $0 == (values["audience"] ?? "全社会")) },
            modes: CatalogueRow.modes.map { OptionItem(value: $0, label: $0, selected: $0 == (values["mode"] ?? "主动")) },
            levels: CatalogueRow.levelNames.map { ColumnChoice(value: $0, checked: levels.contains($0)) },
            errors: keyed(errors), submitLabel: submit)
    }

    /// The editor's form fields as the row parser reads them (checkbox lists joined).
    static func parse(_ form: FormData) -> (CatalogueRow, [String: String]) {
        CatalogueRow.parse { name in
            switch name {
            case "公开渠道和载体": return (form.all("channels") + [form["custom_channel"]]).filter { !$0.isEmpty }.joined(separator: "、")
            case "公开层级": return form.all("levels").joined(separator: "、")
            default: return form.raw(keys[name] ?? name)
            }
        }
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let store = CatalogueStore(services: services)
        let target = AccessTarget.organisation(param: "org")

        bo.get("/admin/catalogue", roles: editors, target: .anyScope) { request, context, auth in
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db)
                .map(\.node).filter { $0.kind.isAdministrativeOrgan }
            var list: [OrgCatalogues] = []
            for o in orgs {
                let id = o.id ?? 0
                list.append(OrgCatalogues(id: id, name: o.name, catalogues: try await store.domains(of: id).map {
                    DomainLink(name: $0.domain, href: path(id, $0.domain), count: $0.count)
                }))
            }
            let view = IndexView(chrome: AdminChrome.make(services, context, title: "标准目录", path: "/admin/catalogue", notice: AdminChrome.notice(request)),
                                 organisations: list, domains: try await CatalogueDomainStore(services: services).active().map {
                                     OptionItem(value: $0.name, label: $0.name, selected: false)
                                 })
            return services.templates.page("admin-catalogue-index", view)
        }

        bo.get("/admin/catalogue/:org", roles: editors, target: target) { request, _, auth in
            let name = request.query.get("domain") ?? ""
            guard let d = try await CatalogueDomainStore(services: services).named(name), d.active else {
                return .redirect(to: "/admin/catalogue", type: .found)
            }
            return .redirect(to: path(auth.organisation!.id!, name), type: .found)
        }

        bo.get("/admin/catalogue/:org/:domain", roles: editors, target: target) { request, context, auth in
            try await editor(services, store, context, org: auth.organisation!, domain: try await domainParameter(context, services), notice: AdminChrome.notice(request))
        }

        bo.post("/admin/catalogue/:org/:domain/rows", roles: editors, target: target) { _, context, auth in
            let org = auth.organisation!, domain = try await domainParameter(context, services)
            let (row, errors) = parse(context.form)
            guard errors.isEmpty else {
                return try await editor(services, store, context, org: org, domain: domain, formValues: rawValues(context.form), formErrors: errors, status: .badRequest)
            }
            try await store.add(row, org: org.id!, domain: domain, actor: auth.staff.actor(context))
            return .redirect(to: path(org.id!, domain) + "?notice=saved", type: .found)
        }

        bo.get("/admin/catalogue/:org/:domain/rows/:row", roles: editors, target: target) { _, context, auth in
            let org = auth.organisation!, domain = try await domainParameter(context, services)
            let item = try await loadRow(context, services, org: org.id!, domain: domain)
            return services.templates.page("admin-catalogue-row", RowEditView(
                chrome: AdminChrome.make(services, context, title: "修改目录事项", path: "/admin/catalogue"),
                backHref: path(org.id!, domain),
                form: form(action: path(org.id!, domain) + "/rows/\(item.id!.uuidString)", values: formValues(item.row), errors: [:], submit: "保存")))
        }

        bo.post("/admin/catalogue/:org/:domain/rows/:row", roles: editors, target: target) { _, context, auth in
            let org = auth.organisation!, domain = try await domainParameter(context, services)
            let item = try await loadRow(context, services, org: org.id!, domain: domain)
            let (row, errors) = parse(context.form)
            guard errors.isEmpty else {
                return services.templates.page("admin-catalogue-row", RowEditView(
                    chrome: AdminChrome.make(services, context, title: "修改目录事项", path: "/admin/catalogue"), backHref: path(org.id!, domain),
                    form: form(action: path(org.id!, domain) + "/rows/\(item.id!.uuidString)", values: rawValues(context.form), errors: errors, submit: "保存")),
                    status: .badRequest)
            }
            try await store.update(item, to: row, actor: auth.staff.actor(context))
            return .redirect(to: path(org.id!, domain) + "?notice=saved", type: .found)
        }

        bo.get("/admin/catalogue/:org/:domain/rows/:row/delete", roles: editors, target: target) { _, context, auth in
            let org = auth.organisation!, domain = try await domainParameter(context, services)
            let item = try await loadRow(context, services, org: org.id!, domain: domain)
            let base = path(org.id!, domain)
            return services.templates.page("admin-catalogue-delete", DeleteView(
                chrome: AdminChrome.make(services, context, title: "删除目录事项", path: "/admin/catalogue"),
                organisation: org.name, domain: domain, headers: CatalogueRow.columns, cells: item.row.cells,
                action: base + "/rows/\(item.id!.uuidString)/delete", backHref: base))
        }

        bo.post("/admin/catalogue/:org/:domain/rows/:row/restore", roles: editors, target: target) { _, context, auth in
            let org = auth.organisation!, domain = try await domainParameter(context, services)
            guard let id = context.parameters.get("row", as: UUID.self), let item = try await CatalogueItem.find(id, on: services.db),
                  item.organisationID == org.id!, item.domain == domain else { throw HTTPError(.notFound) }
            guard !item.active else { throw UserFacingError(status: .badRequest, message: "该事项没有被删除，无需恢复。") }
            try await store.restore(item, actor: auth.staff.actor(context))
            return .redirect(to: path(org.id!, domain) + "?notice=restored", type: .found)
        }

        bo.post("/admin/catalogue/:org/:domain/rows/:row/delete", roles: editors, target: target) { _, context, auth in
            let org = auth.organisation!, domain = try await domainParameter(context, services)
            let item = try await loadRow(context, services, org: org.id!, domain: domain)
            try await store.remove(item, actor: auth.staff.actor(context))
            return .redirect(to: path(org.id!, domain) + "?notice=saved", type: .found)
        }

        bo.post("/admin/catalogue/:org/:domain/approve", roles: approvers, target: target) { _, context, auth in
            let org = auth.organisation!, domain = try await domainParameter(context, services)
            do {
                try await store.approve(org.id!, domain, approverID: auth.staff.user.id, actor: auth.staff.actor(context))
            } catch CatalogueStore.ApprovalRefusal.ownChange {
                return try await editor(services, store, context, org: org, domain: domain,
                                        importProblems: ["这一版是您本人修改的，须由本机关另一位管理员或上级公开办审核后才能公开"], status: .conflict)
            } catch CatalogueStore.ApprovalRefusal.nothingPending {
                return try await editor(services, store, context, org: org, domain: domain, importProblems: ["没有待审核的版本"], status: .badRequest)
            }
            return .redirect(to: path(org.id!, domain) + "?notice=approved", type: .found)
        }

        bo.post("/admin/catalogue/:org/:domain/import", roles: editors, target: target) { _, context, auth in
            let org = auth.organisation!, domain = try await domainParameter(context, services)
            guard let file = context.uploads.first else {
                return try await editor(services, store, context, org: org, domain: domain, importProblems: ["请选择要导入的 XLSX 或 CSV 文件"], status: .badRequest)
            }
            let table: [[String]]?
            let headerRows: Int
            if AttachmentType.detect(file.data) == .xlsx {
                table = XlsxReader.read(file.data)
                headerRows = 2
            } else if let text = String(bytes: file.data, encoding: .utf8), file.filename.lowercased().hasSuffix(".csv") {
                table = CatalogueSheet.readCSV(text)
                headerRows = 1
            } else {
                table = nil
                headerRows = 0
            }
            guard let t = table else {
                return try await editor(services, store, context, org: org, domain: domain,
                                        importProblems: ["“\(file.filename)”不是可读取的 XLSX 或 UTF-8 编码的 CSV 文件"], status: .badRequest)
            }
            let (rows, problems) = CatalogueSheet.parse(t, headerRows: headerRows)
            guard problems.isEmpty else {
                return try await editor(services, store, context, org: org, domain: domain,
                                        importProblems: ["未导入任何事项，请修改文件后重新导入："] + problems.prefix(100).map(\.description), status: .badRequest)
            }
            let changed = try await store.replace(org: org.id!, domain: domain, with: rows, actor: auth.staff.actor(context), source: file.filename)
            return .redirect(to: path(org.id!, domain) + (changed ? "?notice=saved" : "?notice=unchanged"), type: .found)
        }

        bo.get("/admin/catalogue/:org/:domain/export", roles: editors, target: target) { request, context, auth in
            let org = auth.organisation!, domain = try await domainParameter(context, services)
            let rows = try await store.rows(org.id!, domain).map(\.row)
            let fileBase = "\(org.shortName)\(domain)领域基层政务公开标准目录"
            if request.query.get("format") == "csv" {
                return Download.response(ByteBuffer(string: CatalogueSheet.csv(rows)), contentType: "text/csv; charset=utf-8",
                                         fallbackName: "catalogue.csv", fileName: fileBase + ".csv")
            }
            return Download.response(ByteBuffer(bytes: CatalogueSheet.xlsx(rows, title: domain)), contentType: AttachmentType.xlsx.mimeType,
                                     fallbackName: "catalogue.xlsx", fileName: fileBase + ".xlsx")
        }

        bo.post("/admin/catalogue/:org/:domain/copy", roles: editors, target: target) { _, context, auth in
            let org = auth.organisation!, domain = try await domainParameter(context, services)
            guard let source = try await templateSource(services, org: org, domain: domain) else {
                return try await editor(services, store, context, org: org, domain: domain, importProblems: ["没有可复制的上级目录"], status: .badRequest)
            }
            // Townships take the rows the county marks 乡级, as 乡级 rows.
            let township = [.townshipGovernment, .subdistrictOffice].contains(org.kind)
            var rows = try await store.rows(source.id!, domain).map(\.row)
            if township { rows = rows.filter { $0.levels.contains("乡级") }.map { var r = $0; r.levels = ["乡级"]; return r } }
            try await store.replace(org: org.id!, domain: domain, with: rows, actor: auth.staff.actor(context), source: "（复制自\(source.name)）")
            return .redirect(to: path(org.id!, domain) + "?notice=saved", type: .found)
        }
    }

    struct RowEditView: Sendable {
        let chrome: PageChrome
        let backHref: String
        let form: FormView
    }

    static func rawValues(_ form: FormData) -> [String: String] {
        var v = Dictionary(uniqueKeysWithValues: keys.values.map { ($0, form.raw($0)) })
        v["channels"] = (form.all("channels") + [form["custom_channel"]]).filter { !$0.isEmpty }.joined(separator: "、")
        v["levels"] = form.all("levels").joined(separator: "、")
        return v
    }

    static func loadRow(_ context: AppRequestContext, _ services: AppServices, org: Int, domain: String) async throws -> CatalogueItem {
        guard let id = context.parameters.get("row", as: UUID.self), let item = try await CatalogueItem.find(id, on: services.db),
              item.organisationID == org, item.domain == domain, item.active else { throw HTTPError(.notFound) }
        return item
    }

    /// The catalogue a new one starts from: the nearest ancestor's catalogue of the same domain.
    static func templateSource(_ services: AppServices, org: Organisation, domain: String) async throws -> Organisation? {
        for ancestor in try await OrganisationQueries.ancestors(of: org, on: services.db).reversed() {
            if try await CatalogueStore(services: services).rows(ancestor.id!, domain).count > 0 { return ancestor }
        }
        // A township also starts from a county department's catalogue of the domain.
        let departments = try await Organisation.query(on: services.db).filter(\.$kindRaw == OrganisationKind.countyDepartment.rawValue).all()
        for d in departments where d.id != org.id {
            if try await CatalogueStore(services: services).rows(d.id!, domain).count > 0 { return d }
        }
        return nil
    }

    static func editor(_ services: AppServices, _ store: CatalogueStore, _ context: AppRequestContext, org: Organisation, domain: String,
                       notice: String? = nil, formValues: [String: String]? = nil, formErrors: [String: String] = [:],
                       importProblems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = org.id!
        let rows = try await store.rows(id, domain)
        let versions = try await CatalogueVersion.query(on: services.db).filter(\.$organisationID == id).filter(\.$domain == domain)
            .sort(\.$version, .descending).limit(10).all()
            .map { "第\($0.version)版 \(SiteClock.timeText($0.changedAt)) \($0.changedBy)：\($0.summary)" }
        let base = path(id, domain)
        let template = rows.isEmpty ? try await templateSource(services, org: org, domain: domain) : nil
        let latest = try await store.latestVersion(id, domain)
        let published = try await store.publishedVersion(id, domain)
        let viewerID = context.staff?.user.id
        let viewerMayApprove = context.staff?.policy.allows(approvers, ancestry: org.ancestry.ids) ?? false
        let view = EditorView(
            chrome: AdminChrome.make(services, context, title: "\(domain)领域标准目录", path: "/admin/catalogue", notice: notice),
            organisation: org.name, domain: domain, base: base,
            rows: rows.map { RowView(id: $0.id!.uuidString, position: $0.position, cells: $0.row.cells, editHref: base + "/rows/\($0.id!.uuidString)",
                                     deleteHref: base + "/rows/\($0.id!.uuidString)/delete") },
            removed: try await store.removedRows(id, domain).map {
                RemovedRowView(summary: [$0.row.level1, $0.row.level2, String($0.row.content.prefix(40))].filter { !$0.isEmpty }.joined(separator: "／"),
                               removedAt: SiteClock.timeText($0.updatedAt),
                               restoreAction: base + "/rows/\($0.id!.uuidString)/restore")
            },
            isEmpty: rows.isEmpty, headers: CatalogueRow.columns,
            form: form(action: base + "/rows", values: formValues ?? [:], errors: formErrors, submit: "添加事项"),
            versions: versions, importProblems: importProblems,
            publicHref: "/xxgk/\(id)/catalogue/\(domain.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? domain)",
            templateFrom: template?.name,
            publishedVersion: published.map { "第\($0.version)版（\($0.approvedBy)审核通过）" },
            pendingVersion: latest.flatMap { $0.approvedAt == nil ? "第\($0.version)版（\($0.changedBy)：\($0.summary)）" : nil },
            canApprove: latest?.approvedAt == nil && latest != nil && (latest?.changedByID == nil || latest?.changedByID != viewerID)
                && viewerMayApprove)
        return services.templates.page("admin-catalogue", view, status: status)
    }
}
