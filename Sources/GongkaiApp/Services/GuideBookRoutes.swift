import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 办事一本通: the public list of the latest edition of each organisation's book, the book as a
/// print-ready page (cover, contents with page numbers, index by 一件事, one A4 page box per page),
/// and .docx; in the back office, compiling a new edition.
enum GuideBookRoutes {
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator]

    struct BookView: Sendable {
        let title: String
        let organisation: String
        let edition: String
        let date: String
        let chapters: [Chapter]
        let events: [Event]
        let hasEvents: Bool
        let pages: [PageView]
        let changes: [String]
    }

    struct Chapter: Sendable { let number: Int; let name: String; let organisation: String; let page: Int }
    struct Event: Sendable { let name: String; let chapters: String }
    struct PageView: Sendable { let number: Int; let lines: [LineView] }
    struct LineView: Sendable { let text: String; let style: String }

    struct ListView: Sendable {
        let chrome: PageChrome
        let books: [HomeLink]
        let hasBooks: Bool
    }

    struct AdminView: Sendable {
        let chrome: PageChrome
        let editions: [HomeLink]
        let hasEditions: Bool
        let organisations: [OptionItem]
        let error: String?
    }

    static func href(_ e: GuideBookEdition) -> String { "/banshi/books/\(e.id!.uuidString)" }

    static func view(_ e: GuideBookEdition, _ services: AppServices) async throws -> BookView {
        let names = try await OrganisationQueries.activeNames(services)
        let snapshot = e.snapshot
        let book = GuideBook(guides: snapshot.map { ($0.name, $0.organisation, $0.content) })
        let bundles = try await ServiceBundleQueries.published(services)
        let events: [Event] = bundles.compactMap { b in
            let numbers = b.guides.compactMap { id in snapshot.firstIndex { $0.id == id.uuidString }.map { book.chapters[$0] } }
            return numbers.isEmpty ? nil : Event(name: b.name, chapters: numbers.map { "\($0.number). \($0.name)（第\($0.firstPage)页）" }.joined(separator: "；"))
        }
        return BookView(title: "\(names[e.organisationID] ?? "")办事一本通", organisation: names[e.organisationID] ?? "", edition: "第\(e.edition)版",
                        date: CivilDate(iso: e.builtOn)?.chinese(withYear: true) ?? e.builtOn,
                        chapters: book.chapters.map { Chapter(number: $0.number, name: $0.name, organisation: $0.organisation, page: $0.firstPage) },
                        events: events, hasEvents: !events.isEmpty,
                        pages: book.pages.map { p in PageView(number: p.number, lines: p.lines.map { LineView(text: $0.text, style: $0.style.rawValue) }) },
                        changes: e.changes.split(separator: "\n").map(String.init))
    }

    static func publicEdition(_ context: AppRequestContext, _ services: AppServices) async throws -> GuideBookEdition {
        guard let id = context.parameters.get("book", as: UUID.self), let e = try await GuideBookEdition.find(id, on: services.db),
              try await OrganisationQueries.activeNames(services)[e.organisationID] != nil else { throw HTTPError(.notFound) }
        return e
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/banshi/books") { request, context -> Response in
            let names = try await OrganisationQueries.activeNames(services)
            let all = try await GuideBookEdition.query(on: services.db).sort(\.$edition, .descending).all()
            var latest: [Int: GuideBookEdition] = [:]
            for e in all where latest[e.organisationID] == nil && names[e.organisationID] != nil { latest[e.organisationID] = e }
            let books = latest.values.sorted { $0.organisationID < $1.organisationID }
            return services.templates.page("portal-banshi-books", ListView(
                chrome: PageChrome(services: services, context: context, title: "办事一本通", path: "/banshi"),
                books: books.map { HomeLink(title: "\(names[$0.organisationID] ?? "")办事一本通", href: href($0),
                                            note: "第\($0.edition)版 · \(CivilDate(iso: $0.builtOn)?.chinese(withYear: true) ?? "")") },
                hasBooks: !books.isEmpty))
        }

        router.get("/banshi/books/:book") { request, context -> Response in
            let e = try await publicEdition(context, services)
            return services.templates.page("guide-book", try await view(e, services))
        }

        router.get("/banshi/books/:book/book.docx") { request, context -> Response in
            let e = try await publicEdition(context, services)
            let v = try await view(e, services)
            var blocks: [DocxWriter.Block] = [.paragraph("\(v.edition)　\(v.date)编印"), .heading("目录")]
            blocks += v.chapters.map { .paragraph("\($0.number). \($0.name)（\($0.organisation)）") }
            if v.hasEvents { blocks.append(.heading("按“一件事”查找")); blocks += v.events.map { .paragraph("\($0.name)：\($0.chapters)") } }
            for (n, entry) in e.snapshot.enumerated() {
                blocks.append(.pageBreak)
                for line in GuideBook.paragraphs(number: n + 1, name: entry.name, content: entry.content) {
                    blocks.append(line.style == .text ? .paragraph(line.text) : .heading(line.text))
                }
            }
            return Download.response(ByteBuffer(bytes: DocxWriter.write(title: v.title, blocks: blocks, issuer: v.organisation, date: v.date)),
                                     contentType: AttachmentType.docx.mimeType,
                                     fallbackName: "guide-book.docx", fileName: "\(v.title)\(v.edition).docx")
        }
    }

    static func registerAdmin(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/guide-books", roles: editors, target: .anyScope) { request, context, auth in
            try await admin(services, request, context, auth, error: nil, status: .ok)
        }
        bo.post("/admin/guide-books", roles: editors, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation else { throw UserFacingError(status: .badRequest, message: "请选择单位") }
            do {
                let e = try await GuideBookDesk(services: services).compile(for: org, actor: auth.staff.actor(context))
                return .redirect(to: href(e), type: .found)
            } catch let f as DeskFailure {
                return try await admin(services, request, context, auth, error: f.message, status: .badRequest)
            }
        }
    }

    static func admin(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, error: String?,
                      status: HTTPResponse.Status) async throws -> Response {
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db).map(\.node)
            .filter { $0.isActive && $0.kind.isAdministrativeOrgan }
        let ids = orgs.compactMap(\.id)
        let editions = ids.isEmpty ? [] : try await GuideBookEdition.query(on: services.db).filter(\.$organisationID ~~ ids).sort(\.$createdAt, .descending).all()
        let names = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        return services.templates.page("admin-guide-books", AdminView(
            chrome: AdminChrome.make(services, context, title: "办事一本通", path: "/admin/guides", notice: AdminChrome.notice(request)),
            editions: editions.map { HomeLink(title: "\(names[$0.organisationID] ?? "")办事一本通第\($0.edition)版", href: href($0),
                                              note: "\($0.builtOn) · \($0.changes.replacingOccurrences(of: "\n", with: "；"))") },
            hasEditions: !editions.isEmpty,
            organisations: orgs.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) }, error: error), status: status)
    }
}
