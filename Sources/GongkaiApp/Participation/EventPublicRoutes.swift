import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Public event pages and sign-up.
enum EventPublicRoutes {
    struct ReceiptView: Sendable {
        let chrome: PageChrome
        let receipt: String
        let title: String
        let href: String
        let when: String
        let status: String
        let explanation: String
    }

    static func publicEvent(_ raw: String, services: AppServices) async throws -> ParticipationEvent? {
        guard let id = UUID(uuidString: raw), let e = try await ParticipationEvent.find(id, on: services.db), e.publishedAt != nil,
              let org = try await Organisation.find(e.organisationID, on: services.db), org.isActive else { return nil }
        return e
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/participation/events/:id") { request, context -> Response in
            guard let e = try await publicEvent(context.parameters.get("id") ?? "", services: services) else { throw HTTPError(.notFound) }
            return try await page(services, request, context, e, values: [:], errors: [:], status: .ok)
        }

        router.post("/participation/events/:id/registrations") { request, context -> Response in
            guard let e = try await publicEvent(context.parameters.get("id") ?? "", services: services) else { throw HTTPError(.notFound) }
            guard e.registrationOpen(on: services.clock.today()) else {
                throw UserFacingError(status: .conflict, message: "本活动报名已截止。")
            }
            let form = context.form
            if !form["website"].isEmpty {
                throw UserFacingError(status: .badRequest, message: "提交未被接受。请不要使用自动填表工具。")
            }
            let values = Dictionary(uniqueKeysWithValues: ["name", "contact", "category", "note"].map { ($0, form[$0]) })
            let offered = CategorySeats(stored: e.categorySeats).seats.map(\.category)
            let (input, errors) = RegistrationInput.parse({ form[$0] }, kind: e.kindValue, offered: offered)
            if !errors.isEmpty { return try await page(services, request, context, e, values: values, errors: errors, status: .badRequest) }
            let r: EventRegistration
            do {
                r = try await EventDesk(services: services).register(input, for: e, clientAddress: context.clientAddress)
            } catch let refused as EventDesk.Refused {
                return try await page(services, request, context, e, values: values, errors: ["contact": refused.message], status: .tooManyRequests)
            }
            let explanation: String
            switch r.statusValue {
            case .confirmed: explanation = "您已报名成功，请按时参加。如不能参加，请与主办单位联系取消，以便候补人员递补。"
            case .waiting: explanation = "名额已满，您已登记为候补；有人取消时按报名先后递补，主办单位将通知您。"
            default: explanation = "主办单位将按公布的办法遴选，并通知您结果。"
            }
            let view = ReceiptView(chrome: PageChrome(services: services, context: context, title: "报名回执", path: request.uri.path),
                                   receipt: r.receipt, title: e.title, href: EventPage.href(e), when: EventPage.when(e),
                                   status: r.statusValue.label, explanation: explanation)
            var response = services.templates.page("portal-event-receipt", view)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ e: ParticipationEvent,
                     values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let chrome = PageChrome(services: services, context: context, title: e.title, path: EventPage.href(e))
        let view = try await EventPage.build(services, event: e, chrome: chrome, values: values, errors: errors)
        var response = services.templates.page("portal-event", view, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
