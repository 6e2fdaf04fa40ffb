import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The public side: the 参与 overview, a consultation with its comment form, the receipt, a
/// government's decision list in its column, and the consultations' Atom feed.
enum ParticipationPublicRoutes {
    struct OverviewView: Sendable {
        let chrome: PageChrome
        let open: [ParticipationQueries.ConsultationRow]
        let upcoming: [ParticipationQueries.ConsultationRow]
        let closed: [ParticipationQueries.ConsultationRow]
        let governments: [DecisionListPage.Link]
        let surveys: [DecisionListPage.Link]
        let hasSurveys: Bool
        let interpretationDays: [DecisionListPage.Link]
        let hasInterpretationDays: Bool
        let upcomingEvents: [DecisionListPage.Link]
        let pastEvents: [DecisionListPage.Link]
        let hasUpcomingEvents: Bool
        let hasPastEvents: Bool
        let hasOpen: Bool
        let hasUpcoming: Bool
        let hasClosed: Bool
        let hasGovernments: Bool
    }

    struct ReceiptView: Sendable {
        let chrome: PageChrome
        let receipt: String
        let title: String
        let href: String
        let submittedAt: String
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/participation") { request, context -> Response in
            let o = try await ParticipationQueries.overview(services)
            let names = try await OrganisationQueries.activeNames(services)
            func link(_ e: ParticipationEvent) -> DecisionListPage.Link {
                .init(title: e.title, href: EventPage.href(e), note: "\(e.kindValue.label) · \(names[e.organisationID] ?? "") · \(EventPage.when(e))")
            }
            let upcoming = try await EventQueries.publicEvents(services, upcoming: true, limit: 20).map(link)
            let past = try await EventQueries.publicEvents(services, upcoming: false, limit: 20).map(link)
            let today = services.clock.today()
            let surveys = try await Survey.query(on: services.db).filter(\.$publishedAt != nil).filter(\.$opensOn <= today.description)
                .sort(\.$closesOn, .descending).limit(20).all().filter { names[$0.organisationID] != nil }.map { s in
                    DecisionListPage.Link(title: s.title, href: "/participation/surveys/\(s.id!.uuidString)",
                                          note: "\(names[s.organisationID] ?? "") · \(s.phase(on: today).label)")
                }
            let planners = Set(try await InterpretationPlan.query(on: services.db).filter(\.$publishedAt != nil).all().map(\.organisationID))
            let interpretation = planners.sorted().compactMap { id in
                names[id].map { DecisionListPage.Link(title: $0, href: "/participation/interpretation-days/\(id)", note: "") }
            }
            let view = OverviewView(
                chrome: PageChrome(services: services, context: context, title: "公众参与", path: request.uri.path),
                open: o.open, upcoming: o.upcoming, closed: o.closed,
                governments: o.governments.map { DecisionListPage.Link(title: $0.name, href: $0.href, note: "") },
                surveys: surveys, hasSurveys: !surveys.isEmpty,
                interpretationDays: interpretation, hasInterpretationDays: !interpretation.isEmpty,
                upcomingEvents: upcoming, pastEvents: past, hasUpcomingEvents: !upcoming.isEmpty, hasPastEvents: !past.isEmpty,
                hasOpen: !o.open.isEmpty, hasUpcoming: !o.upcoming.isEmpty, hasClosed: !o.closed.isEmpty, hasGovernments: !o.governments.isEmpty)
            return services.templates.page("portal-participation", view)
        }

        router.get("/participation/consultations/:id") { request, context -> Response in
            guard let c = try await ParticipationQueries.publicConsultation(context.parameters.get("id") ?? "", services: services) else {
                throw HTTPError(.notFound)
            }
            var values: [String: String] = [:]
            if let s = request.query.get("section") { values["section"] = s }
            return try await page(services, request, context, c, values: values, errors: [:], status: .ok)
        }

        router.post("/participation/consultations/:id/comments") { request, context -> Response in
            guard let c = try await ParticipationQueries.publicConsultation(context.parameters.get("id") ?? "", services: services) else {
                throw HTTPError(.notFound)
            }
            guard c.phase(on: services.clock.today()) == .open else {
                throw UserFacingError(status: .conflict, message: "本次征求意见已于\(c.closes.chinese(withYear: true))结束，不再接收意见。")
            }
            let form = context.form
            // A field people cannot see: only robots fill it in.
            if !form["website"].isEmpty {
                throw UserFacingError(status: .badRequest, message: "提交未被接受。请不要使用自动填表工具。")
            }
            let sections = DraftSections.split(c.draft)
            let values = Dictionary(uniqueKeysWithValues: ["name", "contact", "text", "section"].map { ($0, form[$0]) })
            let (input, errors) = CommentInput.parse({ form[$0] }, nameRequired: c.nameRequired,
                                                     clauses: sections.filter { $0.kind == .clause }.count)
            if !errors.isEmpty {
                return try await page(services, request, context, c, values: values, errors: errors, status: .badRequest)
            }
            let comment: ConsultationComment
            do {
                comment = try await ConsultationDesk(services: services).submit(input, to: c, sections: sections, clientAddress: context.clientAddress)
            } catch let r as ConsultationDesk.Refused {
                return try await page(services, request, context, c, values: values, errors: ["text": r.message], status: .tooManyRequests)
            }
            let view = ReceiptView(chrome: PageChrome(services: services, context: context, title: "意见已提交", path: request.uri.path),
                                   receipt: comment.receipt, title: c.title, href: ParticipationQueries.href(c),
                                   submittedAt: SiteClock.timeText(comment.submittedAt))
            var response = services.templates.page("portal-consultation-receipt", view)
            response.headers[.cacheControl] = "no-store"
            return response
        }

        router.get("/xxgk/:org/decisions") { request, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            let year = try request.query.integer("year", in: 2000...2100, fallback: services.clock.today().year, label: "年度（year）")
            var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "decisions", request: request, context: context)
            view.sectionBody = try await DecisionListPage.build(services, org: org, year: year)
            return services.templates.page("portal-decisions", view)
        }

        router.get("/participation/consultations/:id/feedback.docx") { _, context -> Response in
            guard let c = try await ParticipationQueries.publicConsultation(context.parameters.get("id") ?? "", services: services),
                  let item = try await ParticipationQueries.publicFeedback(c, on: services.db),
                  let org = try await Organisation.find(c.organisationID, on: services.db) else { throw HTTPError(.notFound) }
            // The document is the published item as the reviewer let it go, not a fresh assembly.
            let date = item.publishedAt.map { SiteClock.day(of: $0).chinese(withYear: true) } ?? ""
            let blocks = HTMLSanitizer.plainText(item.bodyHTML).split(separator: "\n").map { DocxWriter.Block.paragraph(String($0)) }
            return Download.response(ByteBuffer(bytes: DocxWriter.write(title: item.title, blocks: blocks, issuer: org.name, date: date)),
                                     contentType: AttachmentType.docx.mimeType,
                                     fallbackName: "feedback.docx", fileName: "\(item.title).docx")
        }

        router.get("/participation/feed.xml") { _, _ -> Response in
            let base = services.config.publicBase
            let today = services.clock.today().description
            let names = try await OrganisationQueries.activeNames(services)
            var entries: [FeedEntry] = []
            for c in try await Consultation.query(on: services.db).filter(\.$publishedAt != nil).filter(\.$opensOn <= today).sort(\.$opensOn, .descending).limit(50).all()
            where names[c.organisationID] != nil {
                entries.append(FeedEntry(id: c.id!, title: c.title, href: ParticipationQueries.href(c), at: c.publishedAt ?? c.createdAt, author: names[c.organisationID] ?? "",
                                         summary: "公开征求意见，时间：\(ParticipationQueries.period(c))。\(String(c.explanation.prefix(100)))"))
            }
            for e in try await ParticipationEvent.query(on: services.db).filter(\.$publishedAt != nil).sort(\.$publishedAt, .descending).limit(50).all()
            where names[e.organisationID] != nil {
                entries.append(FeedEntry(id: e.id!, title: e.title, href: EventPage.href(e), at: e.publishedAt!, author: names[e.organisationID] ?? "",
                                         summary: "\(e.kindValue.label)，时间：\(EventPage.when(e))，地点：\(e.place)。"))
            }
            for v in try await Survey.query(on: services.db).filter(\.$publishedAt != nil).filter(\.$opensOn <= today).limit(50).all()
            where names[v.organisationID] != nil {
                entries.append(FeedEntry(id: v.id!, title: v.title, href: "/participation/surveys/\(v.id!.uuidString)", at: v.publishedAt!,
                                         author: names[v.organisationID] ?? "", summary: "问卷调查，\(v.opensOn)至\(v.closesOn)。"))
            }
            entries.sort { $0.at > $1.at }
            return FeedRoutes.xml(atom(Array(entries.prefix(50)), base: base))
        }
    }

    struct FeedEntry {
        let id: UUID
        let title: String
        let href: String
        let at: Date
        let author: String
        let summary: String
    }

    /// Consultations, events and questionnaires as one Atom feed, newest first.
    static func atom(_ entries: [FeedEntry], base: String) -> String {
        let iso = ISO8601DateFormatter()
        let updated = entries.map(\.at).max() ?? Date(timeIntervalSince1970: 0)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n"
        out += "<title>公众参与</title>\n<id>\(XMLText.escape(base))/participation/feed.xml</id>\n<updated>\(iso.string(from: updated))</updated>\n"
        out += "<link rel=\"self\" href=\"\(XMLText.escape(base))/participation/feed.xml\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(base))/participation\"/>\n"
        out += "<author><name>公众参与</name></author>\n"
        for e in entries {
            let at = iso.string(from: e.at)
            out += "<entry>\n<title>\(XMLText.escape(e.title))</title>\n<id>urn:uuid:\(e.id.uuidString.lowercased())</id>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(base + e.href))\"/>\n"
            out += "<updated>\(at)</updated>\n<published>\(at)</published>\n<author><name>\(XMLText.escape(e.author))</name></author>\n"
            out += "<summary>\(XMLText.escape(e.summary))</summary>\n</entry>\n"
        }
        return out + "</feed>\n"
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ c: Consultation,
                     values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let chrome = PageChrome(services: services, context: context, title: c.title, path: ParticipationQueries.href(c))
        let view = try await ConsultationPage.build(services, consultation: c, chrome: chrome, values: values, errors: errors)
        var response = services.templates.page("portal-consultation", view, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

}
