import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 办事服务 for the public: the guides by organisation, kind and words; one guide with its
/// promised-date calculator; its 一次告知单 as a print page and .docx; the 一件事 bundles.
enum ServiceGuideRoutes {
    struct ListView: Sendable {
        let chrome: PageChrome
        let organisations: [OptionItem]
        let kinds: [OptionItem]
        let query: String
        let rows: [HomeLink]
        let hasRows: Bool
        let bundles: [HomeLink]
        let hasBundles: Bool
    }

    struct MaterialRow: Sendable {
        let number: Int
        let name: String
        let source: String
        let copies: Int
        let medium: String
        let requirement: String
        let services: String?
    }

    struct StepRow: Sendable {
        let name: String
        let detail: String?
        let service: String?
    }

    struct GuideView: Sendable {
        let chrome: PageChrome
        let name: String
        let organisation: String
        let facts: [DecisionListPage.Link]
        let conditions: [String]
        let basis: [String]
        let materials: [MaterialRow]
        let steps: [StepRow]
        let onlineURL: String?
        let version: String
        let accepted: String
        let due: String?
        let dueError: String?
        let selfHref: String
        let checklistHref: String
        let docxHref: String
        let bundles: [HomeLink]
        let hasBundles: Bool
    }

    struct ChecklistView: Sendable {
        let title: String
        let service: String
        let organisation: String
        let materials: [MaterialRow]
        let steps: [StepRow]
        let notes: [String]
        let date: String
        let backHref: String
        let hasServicesColumn: Bool
    }

    static func materialRows(_ materials: [GuideMaterial]) -> [MaterialRow] {
        materials.enumerated().map { MaterialRow(number: $0.offset + 1, name: $0.element.name, source: $0.element.source.rawValue,
                                                 copies: $0.element.copies, medium: $0.element.medium.rawValue, requirement: $0.element.requirement, services: nil) }
    }

    static func facts(_ c: ServiceGuideContent, organisation: String) -> [DecisionListPage.Link] {
        func days(_ n: Int?) -> String { n.map { $0 == 0 ? "即办" : "\($0)个工作日" } ?? "" }
        return [("事项类型", c.kind?.label ?? ""), ("实施主体", organisation), ("法定时限", days(c.statutoryDays)), ("承诺时限", days(c.promisedDays)),
                ("收费标准", c.free ? "不收费" : c.fee), ("办理地点", c.place), ("办理时间", c.hours), ("咨询电话", c.enquiryPhone),
                ("投诉电话", c.complaintPhone), ("到现场次数", c.visitsLabel)]
            .filter { !$0.1.isEmpty }.map { DecisionListPage.Link(title: $0.0, href: "", note: $0.1) }
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/banshi") { request, context -> Response in
            let org = try request.query.optionalInteger("org", in: 1...Int(Int32.max), label: "org（机构编号）")
            let rawKind = request.query.get("kind") ?? ""
            let kind = ServiceKind(rawValue: rawKind)
            if !rawKind.isEmpty && kind == nil { throw UserFacingError(status: .badRequest, message: "kind 不是已知的事项类型") }
            let text = String((request.query.get("q") ?? "").prefix(SearchQuery.maxLength))
            let names = try await OrganisationQueries.activeNames(services)
            let all = try await ServiceGuideQueries.published(services)
            let shown = try await ServiceGuideQueries.published(services, organisationID: org, kind: kind, query: SearchQuery(text))
            let bundles = try await ServiceBundleQueries.published(services)
            return services.templates.page("portal-banshi", ListView(
                chrome: PageChrome(services: services, context: context, title: "办事服务", path: "/banshi"),
                organisations: [OptionItem(value: "", label: "全部单位", selected: org == nil)]
                    + Array(Set(all.map(\.guide.organisationID))).sorted().compactMap { id in names[id].map { OptionItem(value: String(id), label: $0, selected: id == org) } },
                kinds: [OptionItem(value: "", label: "全部类型", selected: kind == nil)]
                    + ServiceKind.allCases.filter { k in all.contains { $0.content.kind == k } }.map { OptionItem(value: $0.rawValue, label: $0.label, selected: $0 == kind) },
                query: text,
                rows: shown.map { HomeLink(title: $0.content.name, href: ServiceGuideQueries.href($0.guide),
                                           note: [names[$0.guide.organisationID] ?? "", $0.content.kind?.label ?? "", $0.content.visitsLabel].filter { !$0.isEmpty }.joined(separator: " · ")) },
                hasRows: !shown.isEmpty,
                bundles: bundles.map { HomeLink(title: $0.name, href: ServiceBundleQueries.href($0), note: "一件事") }, hasBundles: !bundles.isEmpty))
        }

        router.get("/banshi/guides/:guide") { request, context -> Response in
            guard let l = try await ServiceGuideQueries.publicGuide(context.parameters.get("guide", as: UUID.self), services) else { throw HTTPError(.notFound) }
            let c = l.content, g = l.guide
            let names = try await OrganisationQueries.activeNames(services)
            let raw = String((request.query.get("accepted") ?? "").prefix(20))
            var due: String?, dueError: String?
            if !raw.isEmpty {
                let calendar = try await CalendarStore(services: services).calendar()
                if let d = CivilDate(iso: raw), (2000...2100).contains(d.year), let end = c.promisedDue(acceptedOn: d, calendar: calendar) {
                    due = "\(d.chinese(withYear: true))受理的，承诺在\(end.chinese(withYear: true))前办结（按工作日和节假日安排计算）。"
                } else {
                    dueError = "请选择受理日期"
                }
            }
            let id = g.id!.uuidString
            let bundles = try await ServiceBundleQueries.published(services).filter { $0.guides.contains(g.id!) }
            return services.templates.page("portal-banshi-guide", GuideView(
                chrome: PageChrome(services: services, context: context, title: c.name, path: "/banshi"),
                name: c.name, organisation: names[g.organisationID] ?? "", facts: facts(c, organisation: names[g.organisationID] ?? ""),
                conditions: EventPage.paragraphs(c.conditions), basis: EventPage.paragraphs(c.basis), materials: materialRows(c.materials),
                steps: c.steps.map { StepRow(name: $0.name, detail: $0.detail.nonEmpty, service: nil) }, onlineURL: c.onlineURL.nonEmpty,
                version: "第\(g.version)版，\(g.publishedAt.map { SiteClock.day(of: $0).chinese(withYear: true) } ?? "")发布",
                accepted: raw, due: due, dueError: dueError, selfHref: "/banshi/guides/\(id)",
                checklistHref: "/banshi/guides/\(id)/checklist", docxHref: "/banshi/guides/\(id)/checklist.docx",
                bundles: bundles.map { HomeLink(title: $0.name, href: ServiceBundleQueries.href($0), note: "一件事") }, hasBundles: !bundles.isEmpty),
                status: dueError == nil ? .ok : .badRequest)
        }

        router.get("/banshi/guides/:guide/checklist") { request, context -> Response in
            guard let l = try await ServiceGuideQueries.publicGuide(context.parameters.get("guide", as: UUID.self), services) else { throw HTTPError(.notFound) }
            let view = try await checklist(l, services)
            return services.templates.page("guide-checklist", view)
        }

        router.get("/banshi/guides/:guide/checklist.docx") { request, context -> Response in
            guard let l = try await ServiceGuideQueries.publicGuide(context.parameters.get("guide", as: UUID.self), services) else { throw HTTPError(.notFound) }
            let view = try await checklist(l, services)
            return Download.response(ByteBuffer(bytes: docx(view)), contentType: AttachmentType.docx.mimeType,
                                     fallbackName: "checklist.docx", fileName: "一次告知单-\(l.content.name).docx")
        }
    }

    static func checklist(_ l: ServiceGuideQueries.Listed, _ services: AppServices) async throws -> ChecklistView {
        let c = l.content
        let names = try await OrganisationQueries.activeNames(services)
        var notes: [String] = []
        if let p = c.promisedDays { notes.append("承诺时限：\(p == 0 ? "即办" : "\(p)个工作日")") }
        notes.append("收费：\(c.free ? "不收费" : c.fee)")
        notes.append("办理地点：\(c.place)；办理时间：\(c.hours)")
        notes.append("咨询电话：\(c.enquiryPhone)；投诉电话：\(c.complaintPhone)")
        if !c.onlineURL.isEmpty { notes.append("网上办理：\(c.onlineURL)") }
        notes.append("以上为办理本事项所需的全部材料和环节，一次性告知。材料齐全、符合条件的，窗口应当受理。")
        return ChecklistView(title: "一次告知单", service: c.name, organisation: names[l.guide.organisationID] ?? "", materials: materialRows(c.materials),
                             steps: c.steps.map { StepRow(name: $0.name, detail: $0.detail.nonEmpty, service: nil) }, notes: notes,
                             date: services.clock.today().chinese(withYear: true), backHref: ServiceGuideQueries.href(l.guide), hasServicesColumn: false)
    }

    /// The same sheet as a Word document: the materials as a table, then steps and notes.
    static func docx(_ v: ChecklistView) -> [UInt8] {
        var header = ["序号", "申请材料", "来源", "份数", "形式", "要求"]
        if v.hasServicesColumn { header.append("所需事项") }
        let rows = [header.map { ReportGrid.Cell($0, header: true) }] + v.materials.map { m in
            ([String(m.number), m.name, m.source, String(m.copies), m.medium, m.requirement] + (v.hasServicesColumn ? [m.services ?? ""] : [])).map { ReportGrid.Cell($0) }
        }
        var blocks: [DocxWriter.Block] = [.paragraph("办理事项：\(v.service)（\(v.organisation)）"), .heading("一、申请材料"), .grid(ReportGrid(rows: rows)),
                                          .heading("二、办理流程")]
        blocks += v.steps.enumerated().map { .paragraph("\($0.offset + 1). \($0.element.service.map { "【\($0)】" } ?? "")\($0.element.name)\($0.element.detail.map { "：\($0)" } ?? "")") }
        blocks.append(.heading("三、其他事项"))
        blocks += v.notes.map { .paragraph($0) }
        return DocxWriter.write(title: v.title, blocks: blocks, issuer: v.organisation, date: v.date)
    }
}
