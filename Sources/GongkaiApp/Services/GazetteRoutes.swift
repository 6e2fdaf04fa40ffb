import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 政府公报 for the public: issues by year, one issue's contents grouped by section with links to
/// the items, the 查阅点 where the printed 公报 can be read, the print edition (A4, two columns) and .docx.
enum GazetteRoutes {
    struct Section: Sendable {
        let label: String
        let entries: [HomeLink]
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let years: [OptionItem]
        let issues: [HomeLink]
        let hasIssues: Bool
        let readingPoints: [HomeLink]
        let hasReadingPoints: Bool
    }

    struct IssueView: Sendable {
        let chrome: PageChrome
        let title: String
        let publisher: String
        let issued: String
        let sections: [Section]
        let printHref: String
        let docxHref: String
        let readingPoints: [HomeLink]
        let hasReadingPoints: Bool
    }

    struct Article: Sendable {
        let section: String?
        let title: String
        let meta: String
        let bodyHTML: String
    }

    struct PrintView: Sendable {
        let title: String
        let publisher: String
        let issued: String
        let sections: [Section]
        let articles: [Article]
        let backHref: String
    }

    static func href(_ i: GazetteIssue) -> String { "/gongbao/\(i.id!.uuidString)" }

    static func published(_ services: AppServices) async throws -> [GazetteIssue] {
        let names = try await OrganisationQueries.activeNames(services)
        return try await GazetteIssue.query(on: services.db).filter(\.$publishedAt != nil).sort(\.$year, .descending).sort(\.$number, .descending)
            .limit(2000).all().filter { names[$0.organisationID] != nil }
    }

    /// The issue's public items in print order, by section.
    static func contents(_ issue: GazetteIssue, _ services: AppServices) async throws -> [(section: GazetteSection, entries: [InformationItem])] {
        let entries = try await GazetteEntry.query(on: services.db).filter(\.$issueID == issue.requireID()).all()
        let items = try await ItemQueries.publicItems(entries.map(\.itemID), on: services.db)
        let placed: [(section: GazetteSection, position: Int, entry: InformationItem)] = entries.compactMap { e in
            items.first { $0.id == e.itemID }.map { (e.sectionValue, e.position, $0) }
        }
        return GazetteSection.contents(placed)
    }

    static func readingPoints(_ services: AppServices) async throws -> [HomeLink] {
        var f = ServicePlaceRoutes.Filter()
        f.kind = .gazetteReading
        return try await ServicePlaceRoutes.places(services, f).map {
            HomeLink(title: $0.name, href: "/banshi/map?kind=\(PlaceKind.gazetteReading.rawValue)", note: "\($0.address) · \($0.hours.replacingOccurrences(of: "\n", with: "；"))")
        }
    }

    static func publicIssue(_ context: AppRequestContext, _ services: AppServices) async throws -> GazetteIssue {
        guard let id = context.parameters.get("issue", as: UUID.self), let i = try await GazetteIssue.find(id, on: services.db), i.publishedAt != nil,
              try await OrganisationQueries.activeNames(services)[i.organisationID] != nil else { throw HTTPError(.notFound) }
        return i
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/gongbao") { request, context -> Response in
            let all = try await published(services)
            let years = Array(Set(all.map(\.year))).sorted(by: >)
            let year = try request.query.optionalInteger("year", in: 2000...2100, label: "year（年份）") ?? years.first
            let shown = all.filter { $0.year == year }
            let names = try await OrganisationQueries.activeNames(services)
            let points = try await readingPoints(services)
            return services.templates.page("portal-gongbao", ListView(
                chrome: PageChrome(services: services, context: context, title: "政府公报", path: "/gongbao"),
                years: years.map { OptionItem(value: String($0), label: "\($0)年", selected: $0 == year) },
                issues: shown.map { HomeLink(title: $0.title, href: href($0), note: "\(names[$0.organisationID] ?? "") · \(CivilDate(iso: $0.issuedOn)?.chinese(withYear: true) ?? "")") },
                hasIssues: !shown.isEmpty, readingPoints: points, hasReadingPoints: !points.isEmpty))
        }

        router.get("/gongbao/:issue") { request, context -> Response in
            let issue = try await publicIssue(context, services)
            let names = try await OrganisationQueries.activeNames(services)
            let points = try await readingPoints(services)
            let id = issue.id!.uuidString
            return services.templates.page("portal-gongbao-issue", IssueView(
                chrome: PageChrome(services: services, context: context, title: issue.title, path: "/gongbao"),
                title: "\(names[issue.organisationID] ?? "")公报 \(issue.title)", publisher: names[issue.organisationID] ?? "",
                issued: CivilDate(iso: issue.issuedOn)?.chinese(withYear: true) ?? "",
                sections: try await contents(issue, services).map { s in
                    Section(label: s.section.label, entries: s.entries.map { HomeLink(title: $0.title, href: ParticipationQueries.itemHref($0), note: $0.documentNumber) })
                },
                printHref: "/gongbao/\(id)/print", docxHref: "/gongbao/\(id)/issue.docx", readingPoints: points, hasReadingPoints: !points.isEmpty))
        }

        router.get("/gongbao/:issue/print") { request, context -> Response in
            let issue = try await publicIssue(context, services)
            return services.templates.page("gazette-print", try await printView(issue, services))
        }

        router.get("/gongbao/:issue/issue.docx") { request, context -> Response in
            let issue = try await publicIssue(context, services)
            let v = try await printView(issue, services)
            var blocks: [DocxWriter.Block] = [.paragraph("\(v.publisher)　\(v.issued)出版"), .heading("目录")]
            for s in v.sections { blocks.append(.heading(s.label)); blocks += s.entries.map { .paragraph($0.title) } }
            for a in v.articles {
                if let s = a.section { blocks.append(.heading("【\(s)】")) }
                blocks.append(.heading(a.title))
                if !a.meta.isEmpty { blocks.append(.paragraph(a.meta)) }
                blocks += HTMLSanitizer.plainText(a.bodyHTML).split(separator: "\n").map { .paragraph(String($0)) }
            }
            let bytes = DocxWriter.write(title: "\(v.publisher)公报 \(v.title)", blocks: blocks, issuer: v.publisher, date: v.issued)
            return Download.response(ByteBuffer(bytes: bytes), contentType: AttachmentType.docx.mimeType,
                                     fallbackName: "gazette-\(issue.year)-\(issue.number).docx", fileName: "政府公报\(issue.year)年第\(issue.number)期.docx")
        }
    }

    static func printView(_ issue: GazetteIssue, _ services: AppServices) async throws -> PrintView {
        let names = try await OrganisationQueries.activeNames(services)
        let contents = try await contents(issue, services)
        var articles: [Article] = []
        for s in contents {
            for (n, item) in s.entries.enumerated() {
                articles.append(Article(section: n == 0 ? s.section.label : nil, title: item.title,
                                        meta: [item.documentNumber, item.writtenOn.isEmpty ? "" : "（\(CivilDate(iso: item.writtenOn)?.chinese(withYear: true) ?? item.writtenOn)）"].joined(),
                                        bodyHTML: item.bodyHTML))
            }
        }
        return PrintView(title: issue.title, publisher: names[issue.organisationID] ?? "", issued: CivilDate(iso: issue.issuedOn)?.chinese(withYear: true) ?? "",
                         sections: contents.map { s in Section(label: s.section.label, entries: s.entries.map { HomeLink(title: $0.title, href: "", note: "") }) },
                         articles: articles, backHref: href(issue))
    }

    /// "刊登于：清溪县人民政府公报2026年第2期" on the item's page.
    static func itemFacts(_ services: AppServices, _ item: InformationItem) async throws -> [ItemFact] {
        guard let id = item.id else { return [] }
        let entries = try await GazetteEntry.query(on: services.db).filter(\.$itemID == id).all()
        guard !entries.isEmpty else { return [] }
        let issues = try await GazetteIssue.query(on: services.db).filter(\.$id ~~ entries.map(\.issueID)).filter(\.$publishedAt != nil).all()
        guard !issues.isEmpty else { return [] }
        let names = try await OrganisationQueries.activeNames(services)
        return [ItemFact(label: "刊登公报", value: issues.map { "\(names[$0.organisationID] ?? "")公报\($0.title)" }.joined(separator: "、"))]
    }
}
