import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 政民互动 for the public: the overview with the public replies, writing a letter, reading a
/// public letter, and tracking one's own letter (number + query code) to rate the reply or ask once more.
enum LetterPublicRoutes {
    struct OverviewView: Sendable {
        let chrome: PageChrome
        let mailboxes: [DecisionListPage.Link]
        let letters: [LetterQueries.PublicRow]
        let hasLetters: Bool
        let periods: String
    }

    struct FormView: Sendable {
        let chrome: PageChrome
        let mailboxes: [OptionItem]
        let kinds: [OptionItem]
        let kindError: String?
        let fields: [FieldView]
        let isPublic: Bool
        let hasErrors: Bool
        let errorList: [String]
        let periods: String
        let query: String
        let suggestions: [HomeLink]
        let hasSuggestions: Bool
        let searched: Bool
        /// For a 政策咨询: policies in force matching the words, the one chosen first.
        let policies: [OptionItem]
        let hasPolicies: Bool
        let policyError: String?
    }

    struct ReceiptView: Sendable {
        let chrome: PageChrome
        let number: String
        let code: String
        let mailbox: String
        let due: String
    }

    struct LetterView: Sendable {
        let chrome: PageChrome
        let number: String
        let subject: String
        let kind: String
        let mailbox: String
        let writer: String
        let received: String
        let body: [String]
        let handler: String
        let reply: [String]
        let repliedOn: String
        let rating: String?
        let followUp: [String]
        let hasFollowUp: Bool
        let policy: DecisionListPage.Link?
    }

    struct TrackView: Sendable {
        let chrome: PageChrome
        let found: Bool
        let error: String?
        let number: String
        let code: String
        let subject: String
        let state: String
        let due: String
        let steps: [DecisionListPage.Link]
        let reply: [String]
        let canRate: Bool
        let canFollowUp: Bool
        let ratings: [OptionItem]
        let rating: String?
        let notice: String?
        let followUpError: String?
    }

    static func periodsText(_ services: AppServices) -> String {
        LetterKind.allCases.map { "\($0.label)\(services.config.letterPeriods.workingDays(for: $0))个工作日" }.joined(separator: "、")
    }

    static func mailboxes(_ services: AppServices) async throws -> [Organisation] {
        try await OrganisationQueries.tree(on: services.db, activeOnly: true).map(\.node).filter { $0.kind.isAdministrativeOrgan }
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/hudong") { request, context -> Response in
            let boxes = try await mailboxes(services)
            let letters = try await LetterQueries.publicLetters(services, limit: 30)
            return services.templates.page("portal-hudong", OverviewView(
                chrome: PageChrome(services: services, context: context, title: "政民互动", path: request.uri.path),
                mailboxes: boxes.map { DecisionListPage.Link(title: LetterQueries.mailboxName($0), href: "/hudong/write?to=\($0.id!)", note: $0.name) },
                letters: letters, hasLetters: !letters.isEmpty, periods: periodsText(services)))
        }

        router.get("/hudong/write") { request, context -> Response in
            var values = ["is_public": "1"]
            if let to = request.query.get("to") { values["to"] = String(to.prefix(12)) }
            if let p = request.query.get("policy") { values["policy"] = String(p.prefix(36)); values["kind"] = LetterKind.policyQuestion.rawValue }
            if let q = request.query.get("q") { values["q"] = String(q.prefix(SearchQuery.maxLength)); values["subject"] = values["q"] }
            return try await form(services, request, context, values: values, errors: [:], status: .ok)
        }

        router.post("/hudong/write") { request, context -> Response in
            let form = context.form
            if !form["website"].isEmpty { throw UserFacingError(status: .badRequest, message: "提交未被接受。请不要使用自动填表工具。") }
            let values = Dictionary(uniqueKeysWithValues: ["to", "kind", "subject", "body", "name", "phone", "email", "is_public", "policy", "q"].map { ($0, form[$0]) })
            let (input, parsed) = LetterDesk.Input.parse { form[$0] }
            var errors = parsed
            let boxes = try await mailboxes(services)
            let mailbox = boxes.first { String($0.id ?? 0) == form["to"] }
            if mailbox == nil { errors["to"] = "请选择写信给哪个信箱" }
            var policy: InformationItem?
            if !form["policy"].isEmpty {
                policy = try await LetterQueries.policy(form["policy"], today: services.clock.today(), on: services.db)
                if policy == nil { errors["policy"] = "所选政策已不在现行有效的政策中，请重新选择" }
            }
            guard errors.isEmpty, let mailbox else { return try await Self.form(services, request, context, values: values, errors: errors, status: .badRequest) }
            do {
                let (letter, code) = try await LetterDesk(services: services).submit(input, to: mailbox, policy: policy, clientAddress: context.clientAddress)
                var response = services.templates.page("portal-hudong-receipt", ReceiptView(
                    chrome: PageChrome(services: services, context: context, title: "来信回执", path: request.uri.path),
                    number: letter.number, code: code, mailbox: LetterQueries.mailboxName(mailbox), due: letter.due.chinese(withYear: true)))
                response.headers[.cacheControl] = "no-store"
                return response
            } catch let r as LetterDesk.Refused {
                return try await Self.form(services, request, context, values: values, errors: ["body": r.message], status: .tooManyRequests)
            }
        }

        router.get("/hudong/letters/:number") { request, context -> Response in
            guard let l = try await LetterQueries.publicLetter(context.parameters.get("number") ?? "", on: services.db) else { throw HTTPError(.notFound) }
            let names = try await OrganisationQueries.activeNames(services)
            let mailbox = try await Organisation.find(l.mailboxID, on: services.db)
            let policy = try await l.policyItemID.asyncFlatMap { try await ItemQueries.publicItems([$0], on: services.db).first }
            return services.templates.page("portal-hudong-letter", LetterView(
                chrome: PageChrome(services: services, context: context, title: l.subject, path: request.uri.path),
                number: l.number, subject: l.subject, kind: l.kindValue.label, mailbox: mailbox.map(LetterQueries.mailboxName) ?? "",
                writer: Masking.name(l.writerName), received: l.received.chinese(withYear: true),
                body: EventPage.paragraphs(ParticipationQueries.masked(l.body)), handler: names[l.handlingID] ?? "",
                reply: EventPage.paragraphs(l.reply), repliedOn: l.repliedOn.flatMap(CivilDate.init(iso:))?.chinese(withYear: true) ?? "",
                rating: l.ratingValue?.label, followUp: EventPage.paragraphs(ParticipationQueries.masked(l.followUpText)),
                hasFollowUp: !l.followUpText.isEmpty,
                policy: policy.map { DecisionListPage.Link(title: $0.title, href: ParticipationQueries.itemHref($0), note: "") }))
        }

        router.get("/hudong/track") { request, context -> Response in
            services.templates.page("portal-hudong-track", blankTrack(services, context, error: nil))
        }

        router.post("/hudong/track") { request, context -> Response in
            try await track(services, request, context, notice: nil, followUpError: nil)
        }

        router.post("/hudong/track/respond") { request, context -> Response in
            let form = context.form
            guard let l = try await verified(services, context) else {
                return services.templates.page("portal-hudong-track", blankTrack(services, context, error: "编号或查询码不正确，请核对回执上的信息。"), status: .notFound)
            }
            let desk = LetterDesk(services: services)
            do {
                if let r = ReplyRating(rawValue: form["rating"]) {
                    try await desk.writerResponds(l, rating: r, followUp: "", clientAddress: context.clientAddress)
                    return try await track(services, request, context, notice: "感谢您的评价。", followUpError: nil)
                }
                try await desk.writerResponds(l, rating: nil, followUp: form["follow_up"], clientAddress: context.clientAddress)
                return try await track(services, request, context, notice: "已提交追问，承办单位将再次答复。", followUpError: nil)
            } catch let f as DeskFailure {
                return try await track(services, request, context, notice: nil, followUpError: f.message)
            }
        }
    }

    static func blankTrack(_ services: AppServices, _ context: AppRequestContext, error: String?) -> TrackView {
        TrackView(chrome: PageChrome(services: services, context: context, title: "来信办理查询", path: "/hudong/track"), found: false, error: error,
                  number: "", code: "", subject: "", state: "", due: "", steps: [], reply: [], canRate: false, canFollowUp: false,
                  ratings: [], rating: nil, notice: nil, followUpError: nil)
    }

    /// The letter named by the form's number and query code, failures counted by `TrackingThrottle`.
    static func verified(_ services: AppServices, _ context: AppRequestContext) async throws -> Letter? {
        let number = context.form["number"].trimmingSpaces(), code = ApplicationPublicRoutes.normalisedCode(context.form["code"])
        let throttle = TrackingThrottle(services: services, tracker: "查询来信")
        if try await throttle.isBlocked(context.clientAddress) { throw UserFacingError(status: .tooManyRequests, message: "查询失败次数过多，请一小时后再试。") }
        guard number.count <= 40, let l = try await Letter.query(on: services.db).filter(\.$number == number).first(),
              Tokens.constantTimeEqual(l.queryCodeHash, Tokens.sha256Hex(code)) else {
            try await throttle.recordFailure(context.clientAddress)
            return nil
        }
        return l
    }

    static func track(_ services: AppServices, _ request: Request, _ context: AppRequestContext, notice: String?, followUpError: String?) async throws -> Response {
        guard let l = try await verified(services, context) else {
            return services.templates.page("portal-hudong-track", blankTrack(services, context, error: "编号或查询码不正确，请核对回执上的信息。"), status: .notFound)
        }
        let events = try await LetterEvent.query(on: services.db).filter(\.$letterID == l.requireID()).sort(\.$at).all()
        let names = try await OrganisationQueries.activeNames(services)
        let replied = l.repliedOn != nil && [.replied, .closed, .followUp].contains(l.stateValue)
        let canFollowUp = l.stateValue == .replied && l.followUps == 0
        var response = services.templates.page("portal-hudong-track", TrackView(
            chrome: PageChrome(services: services, context: context, title: "来信办理查询", path: "/hudong/track"), found: true,
            error: canFollowUp ? nil : followUpError,
            number: l.number, code: ApplicationPublicRoutes.normalisedCode(context.form["code"]), subject: l.subject, state: l.stateValue.label,
            due: l.due.chinese(withYear: true),
            steps: events.map { DecisionListPage.Link(title: $0.action, href: "", note: "\(SiteClock.timeText($0.at))\($0.organisationID.flatMap { names[$0] }.map { " · \($0)" } ?? "")") },
            reply: replied ? EventPage.paragraphs(l.reply) : [], canRate: l.stateValue == .replied, canFollowUp: canFollowUp,
            ratings: ReplyRating.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: false) },
            rating: l.ratingValue?.label, notice: notice, followUpError: canFollowUp ? followUpError : nil))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func form(_ services: AppServices, _ request: Request, _ context: AppRequestContext, values: [String: String],
                     errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let boxes = try await mailboxes(services)
        // 可能已有答复: what the knowledge base and the public replies say about the words asked.
        let query = SearchQuery(values["q"] ?? "")
        var suggestions: [HomeLink] = []
        if !query.isEmpty {
            suggestions = try await KnowledgeRoutes.matching(query, services: services, limit: 5).map {
                HomeLink(title: $0.question, href: "/hudong/knowledge#k-\($0.id!.uuidString.prefix(8))", note: "知识问答")
            }
            let interpretations = try await ItemQueries.publicItems(on: services.db).filter(\.$kind == InformationKind.interpretation.rawValue)
                .sort(\.$writtenOn, .descending).limit(2000).all()
            for i in interpretations where suggestions.count < 8 && ParticipationSearch.matches(.init(title: i.title, text: i.summary, href: "", note: ""), query) {
                suggestions.append(HomeLink(title: i.title, href: ParticipationQueries.itemHref(i), note: "政策解读"))
            }
            for r in try await LetterQueries.publicLetters(services, limit: 2000) where suggestions.count < 10 {
                if ParticipationSearch.matches(.init(title: r.subject, text: "", href: "", note: ""), query) {
                    suggestions.append(HomeLink(title: r.subject, href: r.href, note: "来信选登"))
                }
            }
        }
        // 一号答: the policy asked about, found by the same words (the one already chosen stays first).
        let today = services.clock.today()
        var policies = try await LetterQueries.policyChoices(query, today: today, limit: 8, on: services.db)
        if let chosen = try await LetterQueries.policy(values["policy"] ?? "", today: today, on: services.db) {
            policies = [chosen] + policies.filter { $0.id != chosen.id }
        }
        let policyOptions = policies.map { OptionItem(value: $0.id!.uuidString, label: $0.title, selected: $0.id?.uuidString == values["policy"]) }
        let labels: [(String, String, String?, Bool)] = [("subject", "标题", nil, false), ("body", "内容", "不超过3000字；请勿填写身份证号等个人信息", true),
                                                         ("name", "姓名", "不公开", false), ("phone", "手机号码", "不公开，用于答复和查询", false),
                                                         ("email", "电子邮箱", "选填，不公开", false)]
        var response = services.templates.page("portal-hudong-write", FormView(
            chrome: PageChrome(services: services, context: context, title: "我要写信", path: "/hudong/write"),
            mailboxes: boxes.map { OptionItem(value: String($0.id!), label: "\(LetterQueries.mailboxName($0))（\($0.name)）", selected: values["to"] == String($0.id!)) },
            kinds: LetterKind.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: values["kind"] == $0.rawValue) },
            kindError: errors["kind"] ?? errors["to"],
            fields: labels.map { FieldView(name: $0.0, label: $0.1, value: values[$0.0] ?? "", error: errors[$0.0], hint: $0.2,
                                           required: ["subject", "body", "name"].contains($0.0), multiline: $0.3, inputType: $0.0 == "email" ? "email" : "text") },
            isPublic: values["is_public"] != "0", hasErrors: !errors.isEmpty,
            errorList: ["to", "kind", "policy", "subject", "body", "name", "phone", "email"].compactMap { errors[$0] }, periods: periodsText(services),
            query: values["q"] ?? "", suggestions: suggestions, hasSuggestions: !suggestions.isEmpty, searched: !query.isEmpty,
            policies: policyOptions, hasPolicies: !policyOptions.isEmpty, policyError: errors["policy"]), status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
