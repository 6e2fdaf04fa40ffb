import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// One source, many outputs: the policies for an audience as a page, an Atom feed (also one per
/// subscriber), an embeddable fragment for other county sites, a full-screen rotating display for
/// 大屏 and 数字电视, and QR codes that lead to a policy or to subscribing with the audience preset.
enum PushFeedRoutes {
    struct Row: Sendable {
        let title: String
        let href: String
        let note: String
        let why: String
    }

    struct AudienceView: Sendable {
        let chrome: PageChrome
        let title: String
        let rows: [Row]
        let hasRows: Bool
        let feedHref: String
        let embedHref: String
        let screenHref: String
        let subscribeHref: String
        let qr: String
    }

    struct EmbedView: Sendable {
        let title: String
        let rows: [Row]
        let hasRows: Bool
        let moreHref: String
        let siteName: String
    }

    struct ScreenView: Sendable {
        let title: String
        let row: Row?
        let position: String
        /// The next policy's page (the display moves on by itself with screen.js).
        let next: String
        let qr: String
        let siteName: String
    }

    /// The audience a query string describes (the same names as the subscription form).
    static func audience(_ q: FormData, _ services: AppServices) async throws -> Audience {
        let regions = Set(try await PushQueries.regions(services).map(\.id))
        return Audience(regions: q.all("region").prefix(3).compactMap { Int($0.prefix(12)) }.filter { regions.contains($0) },
                        groups: q.all("group"), lifeEvents: q.all("life_event"), industries: q.all("industry"),
                        sizes: q.all("size"), parks: q.all("park")).normalised(services.config.audienceVocabulary)
    }

    static func queryString(_ a: Audience) -> String {
        var parts: [String] = []
        parts += a.regions.map { "region=\($0)" }
        parts += a.groups.map { "group=\(PushPublicRoutes.escape($0))" }
        parts += a.lifeEvents.map { "life_event=\(PushPublicRoutes.escape($0))" }
        parts += a.industries.map { "industry=\($0)" }
        parts += a.sizes.map { "size=\($0)" }
        parts += a.parks.map { "park=\(PushPublicRoutes.escape($0))" }
        return parts.joined(separator: "&")
    }

    static func title(_ a: Audience, _ services: AppServices) async throws -> String {
        title(a, regionNames: try await PushQueries.matcher(services).names)
    }

    static func title(_ a: Audience, regionNames names: [Int: String]) -> String {
        let words = a.regions.compactMap { names[$0] } + a.groups + a.lifeEvents + a.industries.compactMap { IndustrySection(rawValue: $0)?.label }
            + a.sizes.compactMap { EnterpriseSize(rawValue: $0)?.label } + a.parks
        return words.isEmpty ? "全部政策" : words.joined(separator: "、")
    }

    static func rows(_ services: AppServices, _ a: Audience, limit: Int) async throws -> [Row] {
        guard !a.isEmpty else { return [] }
        let names = try await OrganisationQueries.activeNames(services)
        return try await PushQueries.matching(services, PushInterest(audience: a), limit: limit).map { m in
            Row(title: m.item.title, href: ParticipationQueries.itemHref(m.item),
                note: "\(names[m.item.organisationID] ?? "") · \(m.item.publishedAt.map { SiteClock.day(of: $0).description } ?? "")",
                why: PushReason.explanation(m.reasons))
        }
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        let base = services.config.publicBase

        router.get("/zhitongche/audience") { request, context -> Response in
            let a = try await audience(request.query, services)
            let qs = queryString(a)
            let name = try await title(a, services)
            let subscribe = "/zhitongche/subscribe?\(qs)&source=audience"
            return services.templates.page("push-audience", AudienceView(
                chrome: PageChrome(services: services, context: context, title: "\(name)相关政策", path: "/zhitongche"),
                title: "\(name)相关政策", rows: try await rows(services, a, limit: 50), hasRows: !a.isEmpty,
                feedHref: "/zhitongche/feed.xml?\(qs)", embedHref: "/zhitongche/embed?\(qs)", screenHref: "/zhitongche/screen?\(qs)",
                subscribeHref: subscribe,
                qr: QRCode(text: base + subscribe)?.svg(label: "扫码订阅\(name)相关政策", moduleSize: 3) ?? ""))
        }

        router.get("/zhitongche/feed.xml") { request, _ -> Response in
            let a = try await audience(request.query, services)
            let qs = queryString(a)
            let items = try await PushQueries.matching(services, PushInterest(audience: a), limit: 30).map(\.item)
            await PushQueries.countFetch("audience:\(qs)", on: services.db)
            return FeedRoutes.xml(FeedRoutes.atom(title: "\(try await title(a, services))相关政策 - \(services.config.siteName)", selfURL: "\(base)/zhitongche/feed.xml?\(qs)",
                                                  pageURL: "\(base)/zhitongche/audience?\(qs)", author: services.config.siteName, items: items, base: base))
        }

        // A subscriber's own feed: the link is in their profile; it works while the subscription does.
        router.get("/zhitongche/feed/:token") { _, context -> Response in
            guard let s = try await SubscriptionDesk(services: services).find(token: context.parameters.get("token") ?? ""), s.confirmedAt != nil else {
                throw HTTPError(.notFound)
            }
            let items = try await PushQueries.matching(services, s.interest, limit: 30).map(\.item)
            await PushQueries.countFetch("subscribers", on: services.db)
            var r = FeedRoutes.xml(FeedRoutes.atom(title: "我订阅的政策 - \(services.config.siteName)", selfURL: "\(base)/zhitongche/feed/…",
                                                   pageURL: "\(base)/zhitongche", author: services.config.siteName, items: items, base: base))
            r.headers[.cacheControl] = "no-store"
            return r
        }

        // For an iframe on the county's other sites: no site chrome, may be framed anywhere.
        router.get("/zhitongche/embed") { request, _ -> Response in
            let a = try await audience(request.query, services)
            let qs = queryString(a)
            await PushQueries.countFetch("embed:\(qs)", on: services.db)
            var r = services.templates.page("push-embed", EmbedView(title: "\(try await title(a, services))相关政策", rows: try await rows(services, a, limit: 8),
                                                                    hasRows: !a.isEmpty, moreHref: "\(base)/zhitongche/audience?\(qs)", siteName: services.config.siteName))
            r.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors *; base-uri 'none'; form-action 'none'"
            return r
        }

        // 大屏 / 数字电视: one policy at a time, the next after 15 seconds (our small script; a link without it).
        router.get("/zhitongche/screen") { request, _ -> Response in
            let q = request.query
            let a = try await audience(q, services)
            let qs = queryString(a)
            let all = try await rows(services, a, limit: 20)
            let n = try q.integer("n", in: 0...1000, fallback: 0, label: "n（序号）")
            let row = all.isEmpty ? nil : all[n % all.count]
            let next = all.isEmpty ? 0 : (n + 1) % all.count
            return services.templates.page("push-screen", ScreenView(
                title: "\(try await title(a, services))相关政策", row: row, position: all.isEmpty ? "" : "\(n % all.count + 1)/\(all.count)",
                next: "/zhitongche/screen?\(qs.isEmpty ? "" : qs + "&")n=\(next)",
                qr: row.flatMap { QRCode(text: base + $0.href)?.svg(label: "扫码阅读全文", moduleSize: 5) } ?? "", siteName: services.config.siteName))
        }
    }

    /// The QR code on every public policy page: its own address (and the subscription link beside it).
    static func itemFacts(_ services: AppServices, _ item: InformationItem) async throws -> [ItemFact] {
        let base = services.config.publicBase
        let url = base + ParticipationQueries.itemHref(item)
        var facts: [ItemFact] = []
        if let qr = QRCode(text: url) {
            facts.append(ItemFact(label: "二维码", value: "扫码在手机上阅读本文", svg: qr.svg(label: "本文地址的二维码：\(url)", moduleSize: 3)))
        }
        var preset = try await PushQueries.confirmedAudiences(of: [item.requireID()], on: services.db)[item.requireID()] ?? Audience()
        preset.regions = Array(preset.regions.prefix(3))
        let qs = queryString(preset)
        facts.append(ItemFact(label: "政策推送", value: "订阅同类政策", href: "/zhitongche/subscribe?\(qs.isEmpty ? "" : qs + "&")source=item"))
        return facts
    }
}
