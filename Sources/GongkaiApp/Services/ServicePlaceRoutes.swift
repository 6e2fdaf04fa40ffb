import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 政务地图 for the public: every place as a list (filter by township, kind and words) usable
/// without scripts or a map service, with today's opening, links that open the common map apps,
/// an SVG overview with numbered markers, the printable sheet, and GeoJSON.
enum ServicePlaceRoutes {
    struct Card: Sendable {
        let number: Int
        let name: String
        let kind: String
        let area: String
        let address: String
        let phone: String?
        let today: String
        let openNow: Bool
        let hours: [String]
        let accessibility: String?
        let links: [HomeLink]
        let guides: [HomeLink]
        let hasGuides: Bool
        let coordinates: String
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let areas: [OptionItem]
        let kinds: [OptionItem]
        let query: String
        let cards: [Card]
        let hasCards: Bool
        let map: String
        let printHref: String
        let geojsonHref: String
        let datum: String
    }

    struct SheetView: Sendable {
        let title: String
        let map: String
        let cards: [Card]
        let date: String
    }

    struct Filter: Sendable {
        var area: Int?
        var kind: PlaceKind?
        var query = SearchQuery("")
        var queryString = ""
    }

    static func filter(_ request: Request) throws -> Filter {
        var f = Filter()
        f.area = try request.query.optionalInteger("area", in: 1...Int(Int32.max), label: "area（乡镇编号）")
        let raw = request.query.get("kind") ?? ""
        f.kind = PlaceKind(rawValue: raw)
        if !raw.isEmpty && f.kind == nil { throw UserFacingError(status: .badRequest, message: "kind 不是已知的场所类型") }
        let text = String((request.query.get("q") ?? "").prefix(SearchQuery.maxLength))
        f.query = SearchQuery(text)
        var parts: [String] = []
        if let a = f.area { parts.append("area=\(a)") }
        if let k = f.kind { parts.append("kind=\(k.rawValue)") }
        if !text.isEmpty { parts.append("q=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
        f.queryString = parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
        return f
    }

    static func places(_ services: AppServices, _ f: Filter) async throws -> [ServicePlace] {
        let names = try await OrganisationQueries.activeNames(services)
        var q = ServicePlace.query(on: services.db).filter(\.$isPublic == true)
        if let a = f.area { q = q.filter(\.$areaID == a) }
        if let k = f.kind { q = q.filter(\.$kind == k.rawValue) }
        return try await q.sort(\.$areaID).sort(\.$name).limit(1000).all().filter { names[$0.organisationID] != nil }
            .filter { f.query.isEmpty || ParticipationSearch.matches(.init(title: $0.name, text: $0.address, href: "", note: ""), f.query) }
    }

    static func cards(_ places: [ServicePlace], _ services: AppServices) async throws -> [Card] {
        let names = try await OrganisationQueries.activeNames(services)
        let calendar = try await CalendarStore(services: services).calendar()
        let now = services.clock.now(), today = services.clock.today()
        let parts = SiteClock.timeText(now).dropFirst(11).split(separator: ":")
        let minute = (Int(parts.first ?? "0") ?? 0) * 60 + (Int(parts.dropFirst().first ?? "0") ?? 0)
        let guides = try await ServiceGuideQueries.published(services)
        return places.enumerated().map { n, p in
            let status: String
            var open = false
            switch p.openingHours.today(today, minute: minute, calendar: calendar) {
            case .openNow(let s): status = "今日开放，现在开放中（至\(s.toText)）"; open = true
            case .opensLater(let s): status = "今日开放，\(s.fromText)起办理"
            case .closedForTheDay: status = "今日已结束办理"
            case .closedToday(let holiday): status = holiday.map { "今日\($0)放假，不开放" } ?? "今日不开放"
            }
            let offered = guides.filter { p.guides.contains($0.guide.id!) }
            return Card(number: n + 1, name: p.name, kind: p.kindValue.label, area: names[p.areaID] ?? "", address: p.address, phone: p.phone.nonEmpty,
                        today: status, openNow: open, hours: p.hours.split(whereSeparator: \.isNewline).map(String.init),
                        accessibility: p.accessibility.nonEmpty,
                        links: p.point?.mapLinks(name: p.name).map { HomeLink(title: "用\($0.app)导航", href: $0.url, note: "") } ?? [],
                        guides: offered.map { HomeLink(title: $0.content.name, href: ServiceGuideQueries.href($0.guide), note: "") },
                        hasGuides: !offered.isEmpty, coordinates: p.point?.text ?? "")
        }
    }

    static func sketch(_ places: [ServicePlace], title: String) -> String {
        PlaceMapSketch.svg(places.enumerated().compactMap { n, p in p.point.map { PlaceMapSketch.Marker(number: n + 1, point: $0) } }, title: title)
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/banshi/map") { request, context -> Response in
            let f = try filter(request)
            let all = try await places(services, Filter())
            let shown = try await places(services, f)
            let names = try await OrganisationQueries.activeNames(services)
            return services.templates.page("portal-banshi-map", ListView(
                chrome: PageChrome(services: services, context: context, title: "政务地图", path: "/banshi"),
                areas: [OptionItem(value: "", label: "全部乡镇", selected: f.area == nil)]
                    + Array(Set(all.map(\.areaID))).sorted().compactMap { id in names[id].map { OptionItem(value: String(id), label: $0, selected: id == f.area) } },
                kinds: [OptionItem(value: "", label: "全部类型", selected: f.kind == nil)]
                    + PlaceKind.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: $0 == f.kind) },
                query: request.query.get("q").map { String($0.prefix(SearchQuery.maxLength)) } ?? "",
                cards: try await cards(shown, services), hasCards: !shown.isEmpty,
                map: sketch(shown, title: "政务服务场所示意图（编号与下方列表对应）"),
                printHref: "/banshi/map/print" + f.queryString, geojsonHref: "/banshi/map.geojson" + f.queryString, datum: GeoPoint.datum))
        }

        router.get("/banshi/map/print") { request, context -> Response in
            let shown = try await places(services, try filter(request))
            return services.templates.page("place-sheet", SheetView(
                title: "\(services.config.siteName)线下政务地图", map: sketch(shown, title: "政务服务场所示意图"),
                cards: try await cards(shown, services), date: services.clock.today().chinese(withYear: true)))
        }

        router.get("/banshi/map.geojson") { request, _ -> Response in
            let shown = try await places(services, try filter(request))
            let names = try await OrganisationQueries.activeNames(services)
            let features: [[String: Any]] = shown.compactMap { p in
                guard let pt = p.point else { return nil }
                return ["type": "Feature", "geometry": ["type": "Point", "coordinates": [pt.longitude, pt.latitude]],
                        "properties": ["name": p.name, "kind": p.kindValue.label, "area": names[p.areaID] ?? "", "address": p.address,
                                       "phone": p.phone, "hours": p.hours, "datum": GeoPoint.datum]]
            }
            let data = try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features], options: [.sortedKeys])
            var headers = HTTPFields()
            headers[.contentType] = "application/geo+json; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"places.geojson\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
