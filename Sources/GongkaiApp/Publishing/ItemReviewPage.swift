import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Everything the back-office page of one information item shows, read in one place: the item as
/// stored, the viewer's roles there, the checks' findings, the review step, the Art. 26 deadline,
/// 三同步, interpretations, attachments, history, catalogue links and a pending change. The handler
/// renders `PublishingViews.Detail(page)`; tests call `load` without HTTP.
struct ItemReviewPage: Sendable {
    let item: InformationItem
    let held: Set<StaffRole>
    let findings: [Finding]
    let pendingChange: ItemChange?
    let stepName: String?
    let canReview: Bool
    let facts: [PublishingViews.Fact]
    let deadline: String?
    let syncWarning: String?
    let policy: InformationItem?
    let interpretations: [PublishingViews.InterpretationLink]
    let attachments: [PublishingViews.AttachmentView]
    let events: [PublishingViews.EventView]
    let catalogue: CatalogueLinkRoutes.LinkView
    let change: ItemChangeView?

    static func load(_ item: InformationItem, desk: PublishingDesk, policy: AccessPolicy, viewerID: String) async throws -> ItemReviewPage {
        let services = desk.services
        // Reload: a refused step may have changed the object in memory.
        let item = try await InformationItem.find(item.id, on: services.db) ?? item
        guard let org = try await Organisation.find(item.organisationID, on: services.db) else { throw HTTPError(.notFound) }
        let held = Set(StaffRole.allCases.filter { policy.allows([$0], ancestry: org.ancestry.ids) })
        let findings = try await desk.findings(for: item)
        let pendingChange = try await ItemChangeDesk(publishing: desk).open(for: item)
        let isAuthor = item.authorID.uuidString == viewerID
        var stepName: String?
        var canReview = false
        let flow = try await desk.settings(for: item.organisationID).flow
        if case .inReview(let i) = item.state, i < flow.steps.count {
            stepName = flow.steps[i].name
            canReview = held.contains(flow.steps[i].role) && !isAuthor
        }
        var facts: [PublishingViews.Fact] = [
            .init(label: "索引号", value: item.indexNumber), .init(label: "发布机构", value: org.name),
            .init(label: "信息类别", value: item.kindValue.label), .init(label: "体裁", value: item.genre),
            .init(label: "主题分类", value: item.topic), .init(label: "文号", value: item.documentNumber.isEmpty ? "—" : item.documentNumber),
            .init(label: "成文日期", value: item.writtenOn), .init(label: "公开属性", value: item.attributeValue.label),
            .init(label: "有效性", value: item.currentValidity(today: services.clock.today()) == item.validityValue ? item.validityValue.label
                  : "\(item.currentValidity(today: services.clock.today()).label)（将于\(item.expiresOn ?? "")\(item.validityValue.label)）"),
            .init(label: "起草人", value: item.authorName),
            .init(label: "版本", value: "第\(item.version)版"),
        ]
        if let at = item.publishAt, item.publishedAt == nil, let t = PublishingDesk.localTime(at) {
            facts.append(.init(label: "定时发布", value: "\(t.date.chinese(withYear: true)) \(t.formValue.suffix(5))"))
        }
        if let g = item.ground.flatMap(NonDisclosureGround.init(rawValue:)) {
            facts.append(.init(label: "不公开依据", value: g.label + "；" + item.groundReason))
            facts.append(.init(label: "复核日期", value: item.reevaluateOn ?? "—"))
        }
        var deadline: String?
        if item.attributeValue.isPublic, let formed = CivilDate(iso: item.formedOn) {
            let calendar = try await CalendarStore(services: services).calendar()
            let d = PublicationDeadline(formedOn: formed, calendar: calendar)
            deadline = "信息形成于\(formed.chinese(withYear: true))，按条例第二十六条应于\(d.dueDate.chinese(withYear: true))前公开"
                + (d.provisional ? "（暂算）" : "")
            if let p = item.publishedAt {
                let on = SiteClock.day(of: p)
                deadline! += d.isLate(publishedOn: on) ? "；实际于\(on.chinese(withYear: true))发布，逾期\(d.daysLate(publishedOn: on, calendar: calendar))个工作日" : "；已按时发布"
            }
        }
        var syncWarning: String?
        if item.needsInterpretation, let p = try await desk.interpretationProblem(item) {
            syncWarning = p.message + (p.blocks ? "；解读审核通过前不能签发" : "")
        }
        var policyItem: InformationItem?
        if let pid = item.interpretsID { policyItem = try await InformationItem.find(pid, on: services.db) }
        let interpretations = try await InformationItem.query(on: services.db).filter(\.$interpretsID == item.requireID()).all().map {
            PublishingViews.InterpretationLink(title: $0.title, href: "/admin/items/\($0.id!.uuidString)",
                                               form: InterpretationForm(rawValue: $0.interpretationForm ?? "")?.label ?? "", status: $0.state.label)
        }
        let attachments = try await AttachmentStore(services: services).attachments(of: item).map {
            PublishingViews.AttachmentView(name: $0.displayName, type: $0.typeValue.label, size: AttachmentStore.sizeLabel($0.size),
                                           href: "/admin/items/\(item.id!.uuidString)/attachments/\($0.id!.uuidString)",
                                           deleteAction: "/admin/items/\(item.id!.uuidString)/attachments/\($0.id!.uuidString)/delete")
        }
        let events = try await desk.events(of: item).map {
            PublishingViews.EventView(at: SiteClock.timeText($0.at), action: desk.eventLabel($0.action),
                                      actor: $0.actorName, note: $0.note.nonEmpty)
        }
        return ItemReviewPage(item: item, held: held, findings: findings, pendingChange: pendingChange, stepName: stepName,
                              canReview: canReview, facts: facts, deadline: deadline, syncWarning: syncWarning, policy: policyItem,
                              interpretations: interpretations, attachments: attachments, events: events,
                              catalogue: try await CatalogueLinkRoutes.view(for: item, services: services),
                              change: try await ItemChangeRoutes.view(of: pendingChange, item: item, desk: desk, held: held, viewerID: viewerID))
    }
}

extension PublishingViews.Detail {
    /// The page's view model: labels, links and what the viewer may do; no queries.
    init(_ p: ItemReviewPage, chrome: PageChrome, errors: [String: String], refusal: String?, maxUploadMB: Int) {
        let item = p.item, held = p.held, findings = p.findings, pendingChange = p.pendingChange, stepName = p.stepName
        let canReview = p.canReview, facts = p.facts, deadline = p.deadline, syncWarning = p.syncWarning, policy = p.policy
        let interpretations = p.interpretations, attachments = p.attachments, events = p.events
        let inReview = stepName != nil
        self.init(
            chrome: chrome,
            title: item.title, base: "/admin/items/\(item.id!.uuidString)", status: item.state.label, stepName: stepName,
            facts: facts, bodyHTML: item.bodyHTML,
            findings: findings.map(PublishingViews.FindingView.init),
            hasFindings: !findings.isEmpty, severeCount: findings.filter(\.isSevere).count, overrideReason: item.overrideReason,
            canEdit: item.state.isEditable && !held.isDisjoint(with: PublishingAdminRoutes.authors),
            canSubmit: item.state.isEditable && !held.isDisjoint(with: PublishingAdminRoutes.authors),
            canReview: canReview,
            canMask: (item.state.isEditable || inReview) && findings.contains { $0.kind.isPersonalData },
            canOverride: inReview && held.contains(.secrecyReviewer) && item.overrideReason == nil && findings.contains(where: \.isSevere),
            canWithdraw: (item.state == .published || item.state == .approved) && !held.isDisjoint(with: PublishingAdminRoutes.withdrawers),
            canCorrect: item.state == .published && !held.isDisjoint(with: PublishingAdminRoutes.correctors) && pendingChange == nil,
            canChangeValidity: item.state == .published && item.kindValue.isPolicy && !held.isDisjoint(with: PublishingAdminRoutes.authors) && pendingChange == nil,
            validityOpen: ["validity", "successor", "date"].contains { errors[$0] != nil },
            correctOpen: errors["reason"] != nil || errors["title"] != nil,
            publicHref: item.isPublic ? "/xxgk/\(item.organisationID)/content/\(item.id!.uuidString)" : nil,
            events: events,
            validities: Validity.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: $0 == item.validityValue) },
            errors: errors, refusal: refusal, deadline: deadline, syncWarning: syncWarning,
            policyLink: policy.map { "/admin/items/\($0.id!.uuidString)" }, policyTitle: policy?.title, interpretations: interpretations,
            attachments: attachments, maxUploadMB: maxUploadMB,
            catalogue: p.catalogue,
            change: p.change)
    }
}
