import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 政策包 and 惠民政策明白卡 for the public: the package page (policies, interpretations, guides,
/// contacts, QR), its print and .docx, its feed, and the one-page card per township or village
/// (A4 or A5, .docx) with the QR code to subscribe as that audience there.
enum PolicyPackageRoutes {
    struct Entry: Sendable {
        let title: String
        let href: String
        let note: String
    }

    struct GuideEntry: Sendable {
        let name: String
        let href: String
        let conditions: String
        let apply: String
        let phone: String
    }

    struct PackageView: Sendable {
        let chrome: PageChrome
        let name: String
        let intro: String
        let publisher: String
        let audience: String
        let policies: [Entry]
        let hasPolicies: Bool
        let interpretations: [Entry]
        let hasInterpretations: Bool
        let guides: [GuideEntry]
        let hasGuides: Bool
        let contacts: [String]
        let hasContacts: Bool
        let cards: [Entry]
        let printHref: String
        let docxHref: String
        let feedHref: String
        let subscribeHref: String
        let qr: String
    }

    struct CardView: Sendable {
        let title: String
        let region: String
        let publisher: String
        let guides: [GuideEntry]
        let hasGuides: Bool
        let policies: [Entry]
        let hasPolicies: Bool
        let contacts: [String]
        let qr: String
        let subscribeURL: String
        let sizeClass: String
        let otherSizeHref: String
        let otherSizeLabel: String
        let docxHref: String
        let backHref: String
        let date: String
    }

    static func guideEntry(_ g: ServiceGuideQueries.Listed) -> GuideEntry {
        let c = g.content
        let apply = [c.place, c.hours.replacingOccurrences(of: "\n", with: "；"), c.onlineURL.isEmpty ? "" : "网上办理：\(c.onlineURL)"]
            .filter { !$0.isEmpty }.joined(separator: "；")
        return GuideEntry(name: c.name, href: ServiceGuideQueries.href(g.guide), conditions: c.conditions, apply: apply, phone: c.enquiryPhone)
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        let base = services.config.publicBase

        router.get("/zhitongche/packages/:package") { _, context -> Response in
            guard let p = try await PolicyPackageQueries.publicPackage(context.parameters.get("package"), services) else { throw HTTPError(.notFound) }
            return services.templates.page("push-package", try await view(p, services, context, base: base))
        }

        router.get("/zhitongche/packages/:package/print") { _, context -> Response in
            guard let p = try await PolicyPackageQueries.publicPackage(context.parameters.get("package"), services) else { throw HTTPError(.notFound) }
            return services.templates.page("push-package-print", try await view(p, services, context, base: base))
        }

        router.get("/zhitongche/packages/:package/package.docx") { _, context -> Response in
            guard let p = try await PolicyPackageQueries.publicPackage(context.parameters.get("package"), services) else { throw HTTPError(.notFound) }
            let v = try await view(p, services, context, base: base)
            var blocks: [DocxWriter.Block] = []
            if !v.intro.isEmpty { blocks.append(.paragraph(v.intro)) }
            if !v.audience.isEmpty { blocks.append(.paragraph("适用对象：\(v.audience)")) }
            blocks.append(.heading("一、政策文件"))
            blocks += v.policies.enumerated().map { .paragraph("\($0 + 1). \($1.title)（\($1.note)）") }
            if v.hasInterpretations { blocks.append(.heading("二、政策解读")); blocks += v.interpretations.map { .paragraph($0.title) } }
            if v.hasGuides {
                blocks.append(.heading("三、办事指南"))
                for g in v.guides {
                    blocks.append(.paragraph(g.name))
                    if !g.conditions.isEmpty { blocks.append(.paragraph("申请条件：\(g.conditions)")) }
                    if !g.apply.isEmpty { blocks.append(.paragraph("怎么办：\(g.apply)")) }
                    if !g.phone.isEmpty { blocks.append(.paragraph("咨询电话：\(g.phone)")) }
                }
            }
            if v.hasContacts { blocks.append(.heading("四、咨询电话")); blocks += v.contacts.map { .paragraph($0) } }
            blocks.append(.paragraph("网上查看和订阅：\(base)\(PolicyPackageQueries.href(p))"))
            let bytes = DocxWriter.write(title: p.name, blocks: blocks, issuer: v.publisher, date: services.clock.today().chinese(withYear: true))
            return Download.response(ByteBuffer(bytes: bytes), contentType: AttachmentType.docx.mimeType, fallbackName: "policy-package.docx", fileName: "\(p.name).docx")
        }

        router.get("/zhitongche/packages/:package/feed.xml") { _, context -> Response in
            guard let p = try await PolicyPackageQueries.publicPackage(context.parameters.get("package"), services) else { throw HTTPError(.notFound) }
            let c = try await PolicyPackageQueries.contents(p, services)
            await PushQueries.countFetch("package:\(p.id!.uuidString)", on: services.db)
            let items = (c.policies.map(\.item) + c.interpretations).sorted { ($0.publishedAt ?? .distantPast) > ($1.publishedAt ?? .distantPast) }
            return FeedRoutes.xml(FeedRoutes.atom(title: "\(p.name) - \(services.config.siteName)", selfURL: "\(base)\(PolicyPackageQueries.href(p))/feed.xml",
                                                  pageURL: base + PolicyPackageQueries.href(p), author: services.config.siteName, items: Array(items.prefix(30)), base: base))
        }

        router.get("/zhitongche/packages/:package/card/:region") { request, context -> Response in
            let (p, region) = try await cardTarget(context, services)
            let a5 = request.query["size"] == "a5"
            return services.templates.page("push-card", try await card(p, region: region, a5: a5, services, base: base))
        }

        router.get("/zhitongche/packages/:package/card/:region/card.docx") { _, context -> Response in
            let (p, region) = try await cardTarget(context, services)
            let v = try await card(p, region: region, a5: false, services, base: base)
            var blocks: [DocxWriter.Block] = [.paragraph("适用：\(v.region)")]
            for g in v.guides {
                blocks.append(.heading(g.name))
                if !g.conditions.isEmpty { blocks.append(.paragraph("谁可以享受：\(g.conditions)")) }
                if !g.apply.isEmpty { blocks.append(.paragraph("怎么申请：\(g.apply)")) }
                if !g.phone.isEmpty { blocks.append(.paragraph("咨询电话：\(g.phone)")) }
            }
            if v.hasPolicies { blocks.append(.heading("相关政策")); blocks += v.policies.map { .paragraph("\($0.title)：\($0.note)") } }
            blocks.append(.heading("联系我们"))
            blocks += v.contacts.map { .paragraph($0) }
            blocks.append(.paragraph("扫码或访问 \(v.subscribeURL) 订阅政策推送"))
            let bytes = DocxWriter.write(title: v.title, blocks: blocks, issuer: v.publisher, date: v.date)
            return Download.response(ByteBuffer(bytes: bytes), contentType: AttachmentType.docx.mimeType, fallbackName: "mingbaika.docx", fileName: "\(v.title).docx")
        }
    }

    static func cardTarget(_ context: AppRequestContext, _ services: AppServices) async throws -> (PolicyPackage, Organisation) {
        guard let p = try await PolicyPackageQueries.publicPackage(context.parameters.get("package"), services),
              let id = context.parameters.get("region", as: Int.self), try await PushQueries.regions(services).contains(where: { $0.id == id }),
              let o = try await Organisation.find(id, on: services.db) else { throw HTTPError(.notFound) }
        return (p, o)
    }

    static func audienceText(_ a: Audience, _ services: AppServices) async throws -> String {
        a.isEmpty ? "" : try await PushFeedRoutes.title(a, services)
    }

    static func view(_ p: PolicyPackage, _ services: AppServices, _ context: AppRequestContext, base: String) async throws -> PackageView {
        let c = try await PolicyPackageQueries.contents(p, services)
        let names = try await OrganisationQueries.activeNames(services)
        let regions = try await PushQueries.regions(services)
        let qs = PushFeedRoutes.queryString(p.audience)
        let subscribe = "/zhitongche/subscribe?\(qs.isEmpty ? "" : qs + "&")source=package:\(p.id!.uuidString.prefix(8))"
        let href = PolicyPackageQueries.href(p)
        return PackageView(
            chrome: PageChrome(services: services, context: context, title: p.name, path: "/zhitongche"),
            name: p.name, intro: p.intro, publisher: names[p.organisationID] ?? "", audience: try await audienceText(p.audience, services),
            policies: c.policies.map { Entry(title: $0.item.title, href: ParticipationQueries.itemHref($0.item),
                                             note: [$0.item.documentNumber, names[$0.item.organisationID] ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")) },
            hasPolicies: !c.policies.isEmpty,
            interpretations: c.interpretations.map { Entry(title: $0.title, href: ParticipationQueries.itemHref($0), note: names[$0.organisationID] ?? "") },
            hasInterpretations: !c.interpretations.isEmpty,
            guides: c.guides.map(guideEntry), hasGuides: !c.guides.isEmpty,
            contacts: p.contactLines, hasContacts: !p.contactLines.isEmpty,
            cards: regions.map { Entry(title: "\($0.label)明白卡", href: PolicyPackageQueries.cardHref(p, region: $0.id), note: "") },
            printHref: href + "/print", docxHref: href + "/package.docx", feedHref: href + "/feed.xml", subscribeHref: subscribe,
            qr: QRCode(text: base + href)?.svg(label: "扫码查看\(p.name)", moduleSize: 3) ?? "")
    }

    static func card(_ p: PolicyPackage, region: Organisation, a5: Bool, _ services: AppServices, base: String) async throws -> CardView {
        let c = try await PolicyPackageQueries.contents(p, region: region.id, services)
        let names = try await OrganisationQueries.activeNames(services)
        var audience = p.audience
        audience.regions = [region.id!]
        let subscribe = "\(base)/zhitongche/subscribe?\(PushFeedRoutes.queryString(audience))&source=card"
        let here = PolicyPackageQueries.cardHref(p, region: region.id!)
        var contacts = p.contactLines
        let local = [region.officeName, region.officePhone].filter { !$0.isEmpty }.joined(separator: " ")
        if !local.isEmpty { contacts.append("\(PushQueries.displayName(region))：\(local)") }
        return CardView(
            title: "\(PushQueries.displayName(region))\(p.name)明白卡", region: PushQueries.displayName(region), publisher: names[p.organisationID] ?? "",
            guides: c.guides.prefix(8).map(guideEntry), hasGuides: !c.guides.isEmpty,
            policies: c.policies.prefix(8).map { Entry(title: $0.item.title, href: ParticipationQueries.itemHref($0.item),
                                                       note: $0.item.summary.isEmpty ? (names[$0.item.organisationID] ?? "") : $0.item.summary) },
            hasPolicies: !c.policies.isEmpty, contacts: contacts,
            qr: QRCode(text: subscribe)?.svg(label: "扫码订阅\(PushQueries.displayName(region))的\(p.name)推送", moduleSize: 3) ?? "",
            subscribeURL: subscribe, sizeClass: a5 ? "a5" : "a4", otherSizeHref: a5 ? here : here + "?size=a5", otherSizeLabel: a5 ? "A4版" : "A5版",
            docxHref: here + "/card.docx", backHref: PolicyPackageQueries.href(p), date: services.clock.today().chinese(withYear: true))
    }
}
