import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 一件事 for the public: the bundles, one bundle with its services, combined materials (shared ones
/// marked), steps service by service, and its one checklist as print page and .docx.
enum ServiceBundleRoutes {
    struct BundleView: Sendable {
        let chrome: PageChrome
        let name: String
        let description: [String]
        let services: [HomeLink]
        let organisations: String
        let materials: [ServiceGuideRoutes.MaterialRow]
        let steps: [ServiceGuideRoutes.StepRow]
        let checklistHref: String
        let docxHref: String
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let bundles: [HomeLink]
        let hasBundles: Bool
    }

    static func publicBundle(_ context: AppRequestContext, _ services: AppServices) async throws -> ServiceBundle {
        guard let id = context.parameters.get("bundle", as: UUID.self), let b = try await ServiceBundle.find(id, on: services.db), b.publishedAt != nil,
              try await OrganisationQueries.activeNames(services)[b.organisationID] != nil else { throw HTTPError(.notFound) }
        return b
    }

    static func rows(_ combined: LifeEvent.Combined) -> ([ServiceGuideRoutes.MaterialRow], [ServiceGuideRoutes.StepRow]) {
        (combined.materials.enumerated().map { n, m in
            ServiceGuideRoutes.MaterialRow(number: n + 1, name: m.material.name, source: m.material.source.rawValue, copies: m.material.copies,
                                           medium: m.material.medium.rawValue, requirement: m.material.requirement,
                                           services: m.services.joined(separator: "、") + (m.isShared ? "（共用，只交一次）" : ""))
        }, combined.steps.map { ServiceGuideRoutes.StepRow(name: $0.step.name, detail: $0.step.detail.nonEmpty, service: $0.service) })
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/banshi/events") { request, context -> Response in
            let bundles = try await ServiceBundleQueries.published(services)
            return services.templates.page("portal-banshi-events", ListView(
                chrome: PageChrome(services: services, context: context, title: "一件事", path: "/banshi"),
                bundles: bundles.map { HomeLink(title: $0.name, href: ServiceBundleQueries.href($0), note: "") }, hasBundles: !bundles.isEmpty))
        }

        router.get("/banshi/events/:bundle") { request, context -> Response in
            let b = try await publicBundle(context, services)
            let (listed, combined) = try await ServiceBundleQueries.combined(b, services)
            let (materials, steps) = rows(combined)
            let names = try await OrganisationQueries.activeNames(services)
            let id = b.id!.uuidString
            return services.templates.page("portal-banshi-event", BundleView(
                chrome: PageChrome(services: services, context: context, title: b.name, path: "/banshi"),
                name: b.name, description: EventPage.paragraphs(b.description),
                services: listed.map { HomeLink(title: $0.content.name, href: ServiceGuideQueries.href($0.guide), note: names[$0.guide.organisationID] ?? "") },
                organisations: combined.organisations.joined(separator: "、"), materials: materials, steps: steps,
                checklistHref: "/banshi/events/\(id)/checklist", docxHref: "/banshi/events/\(id)/checklist.docx"))
        }

        router.get("/banshi/events/:bundle/checklist") { request, context -> Response in
            let b = try await publicBundle(context, services)
            return services.templates.page("guide-checklist", try await checklist(b, services))
        }

        router.get("/banshi/events/:bundle/checklist.docx") { request, context -> Response in
            let b = try await publicBundle(context, services)
            return Download.response(ByteBuffer(bytes: ServiceGuideRoutes.docx(try await checklist(b, services))),
                                     contentType: AttachmentType.docx.mimeType,
                                     fallbackName: "checklist.docx", fileName: "一次告知单-\(b.name).docx")
        }
    }

    static func checklist(_ b: ServiceBundle, _ services: AppServices) async throws -> ServiceGuideRoutes.ChecklistView {
        let (listed, combined) = try await ServiceBundleQueries.combined(b, services)
        let (materials, steps) = rows(combined)
        var notes = listed.map { l in
            "\(l.content.name)：\(l.content.place)，\(l.content.hours)；咨询电话\(l.content.enquiryPhone)"
        }
        notes.append("共用的材料只需提交一次。以上为办理“\(b.name)”所需的全部材料和环节，一次性告知。")
        return ServiceGuideRoutes.ChecklistView(title: "一件事一次告知单", service: b.name, organisation: combined.organisations.joined(separator: "、"),
                                                materials: materials, steps: steps, notes: notes, date: services.clock.today().chinese(withYear: true),
                                                backHref: ServiceBundleQueries.href(b), hasServicesColumn: true)
    }
}
