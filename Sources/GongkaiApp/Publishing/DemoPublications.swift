import FluentKit
import Foundation
import GongkaiDomain

/// Publishes the demo county's government information (Resources/demo/items.json: written for the
/// demo) through the real review flow, then dates each publication as the file says.
extension PublishingDesk {
    /// Demo data: the item through every step of its review flow at once, by one actor holding every role.
    func publishForDemo(_ item: InformationItem, actor: AuditActor, now: Date? = nil) async throws {
        let steps = try await settings(for: item.organisationID).flow.steps.count
        for action in [ReviewFlow.Action.submit] + Array(repeating: .approve, count: steps) where item.state != .published {
            try await perform(action, on: item, roles: Set(StaffRole.allCases), actorUserID: nil, actor: actor, now: now)
        }
    }
}

struct DemoPublications: Sendable {
    struct Entry: Decodable {
        let key: String
        let org: String
        let title: String
        let kind: String
        let genre: String
        let topic: String
        let columns: [String]
        let writtenOn: String
        let publishedOn: String
        let documentNumber: String?
        let summary: String
        let body: String
        let effectiveOn: String?
        let repeals: String?
        let attribute: String?
        let ground: String?
        let groundReason: String?
        let reevaluateOn: String?
        /// For an interpretation: the key of its policy, its form, Q&A text, media link.
        let interprets: String?
        let form: String?
        let qa: String?
        let media: String?
    }

    let services: AppServices

    func load(organisations byKey: [String: Organisation], author: StaffUser) async throws {
        let entries = try ResourceFiles.demo("items.json", as: [Entry].self)
        let desk = PublishingDesk(services: services)
        let actor = AuditActor.commandLine("gongkai demo")
        var created: [String: InformationItem] = [:]
        for e in entries {
            guard let org = byKey[e.org] else { continue }
            var fields: [String: String] = [
                "title": e.title, "kind": e.kind, "genre": e.genre, "topic": e.topic, "written_on": e.writtenOn,
                "document_number": e.documentNumber ?? "", "summary": e.summary, "body": e.body,
                "attribute": e.attribute ?? DisclosureAttribute.proactive.rawValue, "ground": e.ground ?? "",
                "ground_reason": e.groundReason ?? "", "reevaluate_on": e.reevaluateOn ?? "", "effective_on": e.effectiveOn ?? "",
            ]
            fields["validity"] = Validity.inForce.rawValue
            if let key = e.interprets, let policy = created[key] {
                fields["interprets"] = policy.indexNumber
                fields["interpretation_form"] = e.form ?? ""
                fields["qa_text"] = e.qa ?? ""
                fields["media_url"] = e.media ?? ""
            }
            let (input, errors) = ItemInput.parse({ fields[$0] ?? "" }, columns: e.columns, allowedColumns: DisclosureColumn.columns(for: org.kind))
            guard errors.isEmpty else { throw DemoError.invalidItem(e.key, errors.values.sorted().joined(separator: "；")) }
            let item = try await desk.create(input, in: org, author: author, actor: actor)
            // Published on the day the demo says, at 10:00 (the review runs as of then).
            let at = CivilDate(iso: e.publishedOn).flatMap { LocalDateTime(date: $0, hour: 10, minute: 0) }
                .flatMap(PublishingDesk.date(from:)) ?? services.clock.now()
            try await desk.publishForDemo(item, actor: actor, now: at)
            if let old = e.repeals.flatMap({ created[$0] }) {
                try await desk.changeValidity(old, to: .repealed, successorIndex: item.indexNumber, on: input.effectiveOn, actor: actor)
            }
            created[e.key] = item
        }
        // One published notice corrected through the review flow, so the public page shows a 更正说明.
        if let notice = created["db2026q3"] {
            let changes = ItemChangeDesk(publishing: desk)
            let change = try await changes.proposeCorrection(notice, title: notice.title,
                                                             bodyHTML: notice.bodyHTML + "<p>（更正：第三季度发放月份由“7—8月”更正为“7—9月”。）</p>",
                                                             reason: "发放月份表述有误，已更正", proposerID: nil, actor: actor)
            for _ in 0..<5 where change.statusValue == .inReview {
                try await changes.approve(change, item: notice, roles: Set(StaffRole.allCases), actorUserID: nil, actor: actor)
            }
        }
    }

    enum DemoError: Error, CustomStringConvertible {
        case invalidItem(String, String)
        var description: String {
            switch self {
            case .invalidItem(let key, let why): return "演示信息 \(key) 无效：\(why)"
            }
        }
    }
}
