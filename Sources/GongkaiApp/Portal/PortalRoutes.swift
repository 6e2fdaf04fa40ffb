import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The public 政府信息公开 site: the home page and the frame of each organisation's column. The
/// capabilities fill both (`Capability.home`, `Capability.columnSections`); the portal names none.
enum PortalRoutes {
    struct OrgLink: Sendable {
        let name: String
        let href: String
    }

    struct OrgGroup: Sendable {
        let heading: String
        let links: [OrgLink]
    }

    struct HomeView: Sendable {
        let chrome: PageChrome
        let government: OrgLink?
        let groups: [OrgGroup]
        let isEmpty: Bool
        /// Entry buttons and blocks of links from the capabilities, in their order.
        let actions: [HomeAction]
        let hasActions: Bool
        let blocks: [HomeBlock]
    }

    /// The standard first-level sections of an organisation's column (国办公开办函〔2019〕61号 as practised).
    struct Section: Sendable {
        let key: String
        let label: String
        let href: String
        let current: Bool
    }

    struct Fact: Sendable {
        let label: String
        let value: String
        var href: String? = nil
        /// Pre-escaped SVG (a QR code from our encoder).
        var svg: String? = nil
    }

    struct OrgPageView: Sendable {
        var chrome: PageChrome
        let organisationName: String
        let organisationID: Int
        let sections: [Section]
        let sectionLabel: String
        let breadcrumbs: [OrgLink]
        // 机关简介
        let functionsText: String?
        let structureText: String?
        let headName: String?
        let facts: [Fact]
        let hasFacts: Bool
        // 指南
        let guideText: String?
        /// 指南: the 信息处理费 standard and where information can be consulted, from the settings.
        /// Below the section (a column, an item): the section becomes a link, then these, then `trailCurrent`.
        var hasTrail = false
        var sectionHref = ""
        var trail: [OrgLink] = []
        var trailCurrent = ""
        var feeStandard: String = InformationProcessingFee().standardText
        var consultationPlaces: String = ""
        let children: [OrgLink]
        let hasChildren: Bool
        let parent: OrgLink?
        let isAdministrativeOrgan: Bool
        let kindLabel: String
        /// What the section's capability shows in it (its template reads it as `sectionBody`).
        var sectionBody: (any Sendable)? = nil
    }

    /// The sections of an organisation's column, in order.
    static func sections(_ services: AppServices) -> [ColumnSection] {
        services.capabilities.flatMap(\.columnSections).sorted { $0.order < $1.order }
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        // Cached like item pages; rendered again at least every minute because the capabilities'
        // blocks may turn on the time of day (an interview going live) without a recorded change.
        router.get("/") { request, context -> Response in
            try await services.pageCache.page(request, context, db: services.db, maxAge: 60) {
                try await homePage(services, context: context)
            }
        }

        router.get("/xxgk") { _, _ -> Response in .redirect(to: "/", type: .permanent) }

        router.get("/care-mode") { request, context -> Response in
            let on = request.query.get("on") == "1"
            var back = request.query.get("back") ?? "/"
            // Only local paths: never an open redirect.
            if !back.hasPrefix("/") || back.hasPrefix("//") || back.contains("\\") { back = "/" }
            var response = Response.redirect(to: back, type: .found)
            response.setCookie(Cookie(name: "gk_care", value: on ? "1" : "0", maxAge: 365 * 24 * 3600, path: "/",
                                      secure: services.config.cookiesSecure, httpOnly: true, sameSite: .lax))
            return response
        }

        router.get("/static/:file") { request, context -> Response in
            guard let name = context.parameters.get("file"), let r = services.assets.response(for: name) else {
                throw HTTPError(.notFound)
            }
            return r
        }

        // Healthy means the database still takes a write (a load balancer then stops sending
        // traffic to an instance whose disk is full or whose database turned read-only).
        router.get("/healthz") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            headers[.cacheControl] = "no-store"
            do {
                try await services.database.checkWritable()
            } catch {
                services.logger.error("健康检查失败：\(error)")
                return Response(status: .serviceUnavailable, headers: headers,
                                body: .init(byteBuffer: ByteBuffer(string: "数据库无法写入")))
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "ok")))
        }
    }

    /// The home page: the organisations by group and what the capabilities put there.
    static func homePage(_ services: AppServices, context: AppRequestContext) async throws -> String {
        let entries = try await OrganisationQueries.tree(on: services.db, activeOnly: true)
        let government = entries.first { $0.node.kind == .countyGovernment }?.node
        func links(_ kinds: Set<OrganisationKind>) -> [OrgLink] {
            entries.filter { kinds.contains($0.node.kind) }.map { OrgLink(name: $0.node.name, href: "/xxgk/\($0.node.id ?? 0)") }
        }
        let groups = [
            OrgGroup(heading: "政府办公室", links: links([.governmentOffice])),
            OrgGroup(heading: "县级部门", links: links([.countyDepartment])),
            OrgGroup(heading: "乡镇（街道）", links: links([.townshipGovernment, .subdistrictOffice])),
        ].filter { !$0.links.isEmpty }
        let names = Dictionary(entries.map { ($0.node.id ?? 0, $0.node.shortName) }, uniquingKeysWith: { a, _ in a })
        let home = HomeContext(government: government, shortNames: names)
        var actions: [HomeAction] = [], blocks: [HomeBlock] = []
        for c in services.capabilities.compactMap(\.home).sorted(by: { $0.order < $1.order }) {
            let part = try await c.build(services, home)
            actions += part.actions
            blocks += part.blocks
        }
        let view = HomeView(chrome: PageChrome(services: services, context: context, title: services.config.siteName, path: "/"),
                            government: government.map { OrgLink(name: $0.name, href: "/xxgk/\($0.id ?? 0)") },
                            groups: groups, isEmpty: entries.isEmpty, actions: actions, hasActions: !actions.isEmpty, blocks: blocks)
        return services.templates.render("portal-index", view)
    }

    static func orgPage(_ services: AppServices, request: Request, context: AppRequestContext, sectionKey: String) async throws -> Response {
        try await services.pageCache.page(request, context, db: services.db) {
            guard let id = context.parameters.get("org", as: Int.self),
                  let org = try await Organisation.find(id, on: services.db), org.isActive else { throw HTTPError(.notFound) }
            let view = try await orgPageModel(services, org: org, sectionKey: sectionKey, request: request, context: context)
            return services.templates.render("portal-\(sectionKey)", view)
        }
    }

    /// The view model every page of an organisation's column starts from.
    static func orgPageModel(_ services: AppServices, org: Organisation, sectionKey: String, request: Request,
                             context: AppRequestContext) async throws -> OrgPageView {
        let id = org.id ?? 0
        let db = services.db
        let ancestors = try await OrganisationQueries.ancestors(of: org, on: db).filter(\.isActive)
        let children = try await OrganisationQueries.children(of: id, on: db)
        let defs = sections(services).filter { $0.kinds?.contains(org.kind) ?? true }
        guard let def = defs.first(where: { $0.key == sectionKey }) else { throw HTTPError(.notFound) }
        let base = "/xxgk/\(id)"
        let sections = defs.map { Section(key: $0.key, label: $0.label, href: base + $0.path, current: $0.key == sectionKey) }
        let facts = [
            Fact(label: "信息公开工作机构", value: org.officeName),
            Fact(label: "办公地址", value: org.officeAddress),
            Fact(label: "办公时间", value: org.officeHours),
            Fact(label: "联系电话", value: org.officePhone),
            Fact(label: "传真", value: org.officeFax),
            Fact(label: "电子邮箱", value: org.officeEmail),
            Fact(label: "网址", value: org.officeWeb),
        ].filter { !$0.value.isEmpty }
        let title = "\(def.label) - \(org.name)"
        var view = OrgPageView(
            chrome: PageChrome(services: services, context: context, title: title, path: request.uri.path),
            organisationName: org.name, organisationID: id, sections: sections, sectionLabel: def.label,
            breadcrumbs: ancestors.map { OrgLink(name: $0.shortName, href: "/xxgk/\($0.id ?? 0)") },
            functionsText: org.functionsText.nonEmpty, structureText: org.structureText.nonEmpty, headName: org.headName.nonEmpty,
            facts: facts, hasFacts: !facts.isEmpty, guideText: org.guideText.nonEmpty,
            children: children.map { OrgLink(name: $0.name, href: "/xxgk/\($0.id ?? 0)") }, hasChildren: !children.isEmpty,
            parent: ancestors.last.map { OrgLink(name: $0.name, href: "/xxgk/\($0.id ?? 0)") },
            isAdministrativeOrgan: org.kind.isAdministrativeOrgan, kindLabel: org.kind.label)
        // Art. 25: 查阅场所 at the archives, the public library and the 政务服务场所; and the office itself.
        view.consultationPlaces = (org.officeAddress.isEmpty ? "本机关信息公开工作机构" : "本机关信息公开工作机构（\(org.officeAddress)"
            + (org.officeHours.isEmpty ? "）" : "，\(org.officeHours)）"))
            + "，以及本级国家档案馆、公共图书馆和政务服务场所设置的政府信息查阅场所（条例第二十五条）。"
        return view
    }
}
