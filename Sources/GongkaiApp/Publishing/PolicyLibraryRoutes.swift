import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 政策文件库: every public 规章, 行政规范性文件 and other policy document of the county, in force
/// or no longer in force, filterable by organisation, year and 主题.
enum PolicyLibraryRoutes {
    struct View: Sendable {
        let chrome: PageChrome
        let current: Bool
        let currentHref: String
        let invalidHref: String
        let organisations: [OptionItem]
        let years: [OptionItem]
        let topics: [OptionItem]
        let rows: [Row]
        let isEmpty: Bool
        let total: Int
        let pager: Pager
    }

    struct Row: Sendable {
        let title: String
        let href: String
        let organisation: String
        let documentNumber: String
        let writtenOn: String
        let validity: String
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/zcwjk") { request, context -> Response in
            try await services.pageCache.page(request, context, db: services.db) {
                let qp = request.query
                let topicList = try await CheckTermStore(services: services).topics()
                var f = ItemQueries.PolicyFilter()
                f.current = qp.get("validity") != "invalid"
                f.organisationID = try qp.optionalInteger("org", in: 1...Int(Int32.max), label: "机构（org）")
                f.year = try qp.optionalInteger("year", in: 1949...2100, label: "年份（year）")
                f.topic = qp.get("topic").flatMap { t in topicList.contains { $0.name == t } ? t : nil }
                f.page = try qp.page()
                let page = try await ItemQueries.policies(f, today: services.clock.today(), on: services.db)
                let orgs = try await OrganisationQueries.tree(on: services.db, activeOnly: true).map(\.node).filter { $0.kind.isAdministrativeOrgan }
                let names = Dictionary(orgs.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
                func href(current: Bool, page: Int? = nil) -> String {
                    var c = URLComponents()
                    c.path = "/zcwjk"
                    var items = [URLQueryItem(name: "validity", value: current ? "current" : "invalid")]
                    if let o = f.organisationID { items.append(.init(name: "org", value: String(o))) }
                    if let y = f.year { items.append(.init(name: "year", value: String(y))) }
                    if let t = f.topic { items.append(.init(name: "topic", value: t)) }
                    if let p = page { items.append(.init(name: "page", value: String(p))) }
                    c.queryItems = items
                    return c.string ?? "/zcwjk"
                }
                let thisYear = services.clock.today().year
                let view = View(
                    chrome: PageChrome(services: services, context: context, title: "政策文件库", path: "/zcwjk"),
                    current: f.current, currentHref: href(current: true), invalidHref: href(current: false),
                    organisations: [OptionItem(value: "", label: "全部机构", selected: f.organisationID == nil)]
                        + orgs.map { OptionItem(value: String($0.id ?? 0), label: $0.name, selected: $0.id == f.organisationID) },
                    years: [OptionItem(value: "", label: "全部年份", selected: f.year == nil)]
                        + (2008...thisYear).reversed().map { OptionItem(value: String($0), label: "\($0)年", selected: $0 == f.year) },
                    topics: [OptionItem(value: "", label: "全部主题", selected: f.topic == nil)]
                        + topicList.map { OptionItem(value: $0.name, label: $0.name, selected: $0.name == f.topic) },
                    rows: page.items.map { i in
                        Row(title: i.title, href: "/xxgk/\(i.organisationID)/content/\(i.id!.uuidString)", organisation: names[i.organisationID] ?? "",
                            documentNumber: i.documentNumber, writtenOn: i.writtenOn, validity: i.currentValidity(today: services.clock.today()).label)
                    },
                    isEmpty: page.items.isEmpty, total: page.total,
                    pager: Pager(page: page.page, pageCount: page.pageCount) { href(current: f.current, page: $0) })
                return services.templates.render("portal-policies", view)
            }
        }
    }
}
