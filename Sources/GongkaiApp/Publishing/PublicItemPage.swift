import FluentKit
import Foundation
import GongkaiDomain

/// The public page of one information item: its metadata table, validity, body, corrections,
/// the policy it interprets or its interpretations, and attachments. The query and the view model
/// in one function, called by the handler and by tests without HTTP.
enum PublicItemPage {
    static func model(for item: InformationItem, in org: Organisation, services: AppServices) async throws -> PublishingPublicRoutes.ItemPage {
        let id = try item.requireID()
        var successor: InformationItem?
        if let sid = item.successorID { successor = try await ItemQueries.publicItems(on: services.db).filter(\.$id == sid).first() }
        let versions = try await ItemVersion.query(on: services.db).filter(\.$itemID == id).sort(\.$version).all()
        let issuers: [String] = [org.name] + item.coIssuers.split(separator: "\n").map(String.init)
        let published: String = item.publishedAt.map { SiteClock.day(of: $0).description } ?? ""
        let pairs: [(String, String)] = [
            ("索引号", item.indexNumber), ("发布机构", issuers.joined(separator: "、")), ("成文日期", item.writtenOn),
            ("发布日期", published), ("文号", item.documentNumber), ("主题分类", item.topic.replacingOccurrences(of: "/", with: " › ")),
            ("体裁", item.genre), ("关键词", item.keywords), ("内容概述", item.summary),
        ]
        var facts = pairs.filter { !$0.1.isEmpty }.map { PortalRoutes.Fact(label: $0.0, value: $0.1) }
        if item.kindValue.isPolicy {
            facts.append(.init(label: "有效性", value: item.currentValidity(today: services.clock.today()).label))
            if let e = item.effectiveOn { facts.append(.init(label: "施行日期", value: e)) }
        }
        for contribute in services.capabilities.compactMap(\.itemFacts) {
            facts += try await contribute(services, item).map { PortalRoutes.Fact(label: $0.label, value: $0.value, href: $0.href, svg: $0.svg) }
        }
        let notice = item.validityValue.notice(changesOn: item.expiresOn.flatMap(CivilDate.init(iso:)), today: services.clock.today())
        var policy: InformationItem?
        if let pid = item.interpretsID { policy = try await ItemQueries.publicItems(on: services.db).filter(\.$id == pid).first() }
        let interpretations = try await ItemQueries.publicItems(on: services.db).filter(\.$interpretsID == id)
            .sort(\.$publishedAt, .ascending).all().map {
                PublishingPublicRoutes.InterpretationRow(title: $0.title, href: "/xxgk/\($0.organisationID)/content/\($0.id!.uuidString)",
                                  form: InterpretationForm(rawValue: $0.interpretationForm ?? "")?.label ?? "政策解读")
            }
        let form = InterpretationForm(rawValue: item.interpretationForm ?? "")
        return PublishingPublicRoutes.ItemPage(
            title: item.title, facts: facts, validity: item.currentValidity(today: services.clock.today()).label, validityNotice: item.kindValue.isPolicy ? notice : nil,
            successorHref: successor.map { "/xxgk/\($0.organisationID)/content/\($0.id!.uuidString)" }, successorTitle: successor?.title,
            bodyHTML: item.bodyHTML,
            corrections: versions.map { PublishingPublicRoutes.Correction(date: SiteClock.day(of: $0.correctedAt).description, reason: $0.reason) },
            hasCorrections: !versions.isEmpty,
            policyTitle: policy?.title, policyHref: policy.map { "/xxgk/\($0.organisationID)/content/\($0.id!.uuidString)" },
            form: form?.label ?? "政策解读",
            questions: form == .questionsAndAnswers ? ((try? QuestionsAndAnswers(parsing: item.qaText ?? ""))?.pairs ?? []) : [],
            mediaURL: item.mediaURL.flatMap { HTMLSanitizer.safeURL($0, allowMailto: false) },
            interpretations: interpretations,
            attachments: try await AttachmentStore(services: services).attachments(of: item).map {
                PublishingViews.AttachmentView(name: $0.displayName, type: $0.typeValue.label, size: AttachmentStore.sizeLabel($0.size),
                                               href: "/xxgk/\(org.id!)/content/\(id.uuidString)/files/\($0.id!.uuidString)", deleteAction: nil)
            })
    }
}
