import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 政策服务直通车 for the public: the start page, subscribing (double opt-in), the profile behind
/// the link in every message, one-click unsubscribe, and the policies for an audience.
enum PushPublicRoutes {
    struct Link: Sendable {
        let title: String
        let href: String
        let note: String
    }

    struct HomeView: Sendable {
        let chrome: PageChrome
        let packages: [Link]
        let hasPackages: Bool
        let cards: [Link]
        let hasCards: Bool
        let audiences: [Link]
        let subscribeQR: String
    }

    struct FormView: Sendable {
        let chrome: PageChrome
        let heading: String
        let action: String
        let isProfile: Bool
        let email: String
        let emailError: String?
        let audience: AudienceForm
        let keywords: String
        let keywordsError: String?
        let organisations: [AudienceForm.Choice]
        let orgError: String?
        let columns: [AudienceForm.Choice]
        let frequencies: [AudienceForm.Choice]
        let frequencyError: String?
        let hasErrors: Bool
        let errorList: [String]
        let source: String
        let feedHref: String?
        let unsubscribeHref: String?
        let notice: String?
    }

    struct MessageView: Sendable {
        let chrome: PageChrome
        let heading: String
        let paragraphs: [String]
        let links: [Link]
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/zhitongche") { _, context -> Response in
            let packages = try await PolicyPackageQueries.published(services)
            let regions = try await PushQueries.regions(services)
            let townships = regions.filter { !$0.label.contains(" · ") }
            let base = services.config.publicBase
            let cards = packages.prefix(3).flatMap { p in
                townships.map { Link(title: "\($0.label) · \(p.name)明白卡", href: PolicyPackageQueries.cardHref(p, region: $0.id), note: "") }
            }
            return services.templates.page("push-home", HomeView(
                chrome: PageChrome(services: services, context: context, title: "政策服务直通车", path: "/zhitongche"),
                packages: packages.map { Link(title: $0.name, href: PolicyPackageQueries.href($0), note: $0.intro) }, hasPackages: !packages.isEmpty,
                cards: cards, hasCards: !cards.isEmpty,
                audiences: services.config.audienceVocabulary.groups.map { Link(title: $0, href: "/zhitongche/audience?group=\(escape($0))", note: "") },
                subscribeQR: QRCode(text: base + "/zhitongche/subscribe")?.svg(label: "扫码订阅政策推送", moduleSize: 4) ?? ""))
        }

        router.get("/zhitongche/subscribe") { request, context -> Response in
            // A QR code on a 明白卡 or 政策包 presets the choices ("扫码上车").
            let q = request.query
            let regions = try await choices(services).regions
            let preset = Audience(regions: q.all("region").compactMap { Int($0.prefix(12)) }.filter { regions.contains($0) },
                                  groups: q.all("group"), lifeEvents: q.all("life_event"), industries: q.all("industry"),
                                  sizes: q.all("size"), parks: q.all("park")).normalised(services.config.audienceVocabulary)
            var input = SubscriptionDesk.Input()
            input.interest.audience = preset
            let source = q["source"].prefix(60).filter { $0.isLetter || $0.isNumber || $0 == ":" || $0 == "-" }
            return try await form(services, context, input: input, errors: [:], isProfile: false, action: "/zhitongche/subscribe",
                                  source: String(source), token: nil, notice: nil, status: .ok)
        }

        router.post("/zhitongche/subscribe") { _, context -> Response in
            let form = context.form
            if !form["website"].isEmpty { throw UserFacingError(status: .badRequest, message: "提交未被接受。请不要使用自动填表工具。") }
            let (input, errors) = SubscriptionDesk.parse(form, choices: try await choices(services), needsEmail: true)
            let source = String(form["source"].prefix(60))
            guard errors.isEmpty else {
                return try await Self.form(services, context, input: input, errors: errors, isProfile: false, action: "/zhitongche/subscribe",
                                           source: source, token: nil, notice: nil, status: .badRequest)
            }
            do {
                _ = try await SubscriptionDesk(services: services).subscribe(input, source: source.isEmpty ? "web" : source, clientAddress: context.clientAddress)
            } catch let r as SubscriptionDesk.Refused {
                return try await Self.form(services, context, input: input, errors: ["email": r.message], isProfile: false, action: "/zhitongche/subscribe",
                                           source: source, token: nil, notice: nil, status: .tooManyRequests)
            }
            kickMail(services)
            return message(services, context, heading: "请查收确认邮件",
                           paragraphs: ["我们已向 \(Masking.email(input.email)) 发送了一封确认邮件。点击邮件中的链接后，订阅才会生效。",
                                        "如果几分钟后仍未收到，请查看垃圾邮件箱。7天内未确认的订阅将被删除。"],
                           links: [Link(title: "返回政策服务直通车", href: "/zhitongche", note: "")])
        }

        router.get("/zhitongche/confirm/:token") { _, context -> Response in
            let desk = SubscriptionDesk(services: services)
            guard let s = try await desk.find(token: context.parameters.get("token") ?? "") else { return invalidLink(services, context) }
            do {
                try await desk.confirm(s)
            } catch let r as SubscriptionDesk.Refused {
                return message(services, context, heading: "无法确认", paragraphs: [r.message], links: [Link(title: "重新订阅", href: "/zhitongche/subscribe", note: "")], status: .gone)
            }
            let token = context.parameters.get("token") ?? ""
            return message(services, context, heading: "订阅已生效",
                           paragraphs: ["今后与您所选内容相关的政策发布、更正或废止时，我们将按您选择的频率发邮件告诉您，并说明推送原因。",
                                        "每封邮件都附有修改订阅和一键退订的链接。"],
                           links: [Link(title: "查看或修改订阅", href: "/zhitongche/profile/\(token)", note: ""),
                                   Link(title: "返回政策服务直通车", href: "/zhitongche", note: "")])
        }

        router.get("/zhitongche/profile/:token") { request, context -> Response in
            let token = context.parameters.get("token") ?? ""
            guard let s = try await SubscriptionDesk(services: services).find(token: token), s.confirmedAt != nil else { return invalidLink(services, context) }
            var input = SubscriptionDesk.Input()
            input.email = s.email; input.interest = s.interest; input.frequency = s.frequencyValue
            return try await form(services, context, input: input, errors: [:], isProfile: true, action: "/zhitongche/profile/\(token)",
                                  source: "", token: token, notice: request.query["notice"] == "saved" ? "已保存。" : nil, status: .ok)
        }

        router.post("/zhitongche/profile/:token") { _, context -> Response in
            let token = context.parameters.get("token") ?? ""
            let desk = SubscriptionDesk(services: services)
            guard let s = try await desk.find(token: token), s.confirmedAt != nil else { return invalidLink(services, context) }
            let (parsed, errors) = SubscriptionDesk.parse(context.form, choices: try await choices(services), needsEmail: false)
            var input = parsed
            input.email = s.email
            guard errors.isEmpty else {
                return try await form(services, context, input: input, errors: errors, isProfile: true, action: "/zhitongche/profile/\(token)",
                                      source: "", token: token, notice: nil, status: .badRequest)
            }
            try await desk.update(s, with: input)
            return .redirect(to: "/zhitongche/profile/\(token)?notice=saved", type: .found)
        }

        // One click from the message: the subscription and everything matched to it are deleted.
        router.get("/zhitongche/unsubscribe/:token") { _, context -> Response in
            let desk = SubscriptionDesk(services: services)
            guard let s = try await desk.find(token: context.parameters.get("token") ?? "") else {
                return message(services, context, heading: "已退订", paragraphs: ["该订阅已不存在（可能已经退订）。"],
                               links: [Link(title: "返回政策服务直通车", href: "/zhitongche", note: "")])
            }
            try await desk.unsubscribe(s)
            return message(services, context, heading: "已退订",
                           paragraphs: ["您已退订政策推送，您的邮箱和订阅选择已经删除，今后不会再收到推送邮件。"],
                           links: [Link(title: "重新订阅", href: "/zhitongche/subscribe", note: "")])
        }
    }

    static func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }

    /// Delivers queued mail now rather than at the next job run (the confirmation is awaited);
    /// the message is already stored, so a failure here loses nothing.
    static func kickMail(_ services: AppServices) {
        Task { _ = try? await MailOutbox(services: services).deliverDue(now: services.clock.now()) }
    }

    static func choices(_ services: AppServices) async throws -> SubscriptionDesk.Choices {
        let orgs = try await Organisation.query(on: services.db).filter(\.$isActive == true).all()
        return SubscriptionDesk.Choices(vocabulary: services.config.audienceVocabulary, regions: Set(try await PushQueries.regions(services).map(\.id)),
                                        organisations: Set(orgs.compactMap(\.id)))
    }

    static func form(_ services: AppServices, _ context: AppRequestContext, input: SubscriptionDesk.Input, errors: [String: String], isProfile: Bool,
                     action: String, source: String, token: String?, notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let regions = try await PushQueries.regions(services)
        let orgs = try await Organisation.query(on: services.db).filter(\.$isActive == true).all()
            .filter { $0.kind.isAdministrativeOrgan }.sorted { $0.ancestry.description < $1.ancestry.description }
        let interest = input.interest
        let columns = PushQueries.columnLabels.sorted { $0.value < $1.value }
        var response = services.templates.page("push-subscribe", FormView(
            chrome: PageChrome(services: services, context: context, title: isProfile ? "我的政策订阅" : "订阅政策推送", path: "/zhitongche"),
            heading: isProfile ? "我的政策订阅" : "订阅政策推送", action: action, isProfile: isProfile,
            email: isProfile ? Masking.email(input.email) : input.email, emailError: errors["email"],
            audience: AudienceForm.make(vocabulary: services.config.audienceVocabulary, regions: regions, chosen: interest.audience, errors: errors, prefix: "s"),
            keywords: interest.keywords.joined(separator: " "), keywordsError: errors["keywords"],
            organisations: orgs.enumerated().map { n, o in
                AudienceForm.Choice(name: "org", value: String(o.id!), label: PushQueries.displayName(o), checked: interest.organisations.contains(o.id!), key: "s-org-\(n)")
            }, orgError: errors["org"],
            columns: columns.enumerated().map { n, c in
                AudienceForm.Choice(name: "column", value: c.key, label: c.value, checked: interest.columns.contains(c.key), key: "s-col-\(n)")
            },
            frequencies: DigestFrequency.allCases.enumerated().map { n, f in
                AudienceForm.Choice(name: "frequency", value: f.rawValue, label: f.label, checked: input.frequency == f, key: "s-freq-\(n)")
            }, frequencyError: errors["frequency"],
            hasErrors: !errors.isEmpty, errorList: ["email", "region", "group", "keywords", "org", "column", "frequency"].compactMap { errors[$0] },
            source: source, feedHref: token.map { "/zhitongche/feed/\($0)" }, unsubscribeHref: token.map { "/zhitongche/unsubscribe/\($0)" },
            notice: notice), status: status)
        if token != nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    static func message(_ services: AppServices, _ context: AppRequestContext, heading: String, paragraphs: [String], links: [Link],
                        status: HTTPResponse.Status = .ok) -> Response {
        var r = services.templates.page("push-message", MessageView(chrome: PageChrome(services: services, context: context, title: heading, path: "/zhitongche"),
                                                                     heading: heading, paragraphs: paragraphs, links: links), status: status)
        r.headers[.cacheControl] = "no-store"
        return r
    }

    static func invalidLink(_ services: AppServices, _ context: AppRequestContext) -> Response {
        message(services, context, heading: "链接无效", paragraphs: ["该链接无效或已失效。订阅链接在退订后失效；未确认的订阅7天后删除。"],
                links: [Link(title: "重新订阅", href: "/zhitongche/subscribe", note: "")], status: .notFound)
    }
}
