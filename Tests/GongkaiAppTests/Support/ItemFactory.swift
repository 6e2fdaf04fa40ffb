import Foundation
import GongkaiDomain
@testable import GongkaiApp

extension Fixture {
    /// Publishes through a one-step review so the test reaches every state quickly.
    func item(_ env: TestEnvironment, title: String, attribute: DisclosureAttribute = .proactive, columns: [String] = ["shjz"],
              kind: InformationKind = .notice, publish: Bool = true, interprets: InformationItem? = nil,
              body: String? = nil) async throws -> InformationItem {
        let desk = PublishingDesk(services: env.services, fixed: PublishingSettings(flow: ReviewFlow(steps: [.init(name: "初审", role: .reviewer)])))
        var i = ItemInput()
        i.title = title; i.writtenOn = CivilDate(iso: "2026-11-02"); i.bodyHTML = "<p>\(title)的正文</p>"; i.columns = columns
        i.attribute = attribute; i.kind = kind
        if let body { i.bodyHTML = body }
        if let policy = interprets { i.interprets = policy.indexNumber; i.interpretationForm = .text }
        if attribute != .proactive { i.ground = .thirdPartyRights; i.groundReason = "涉及个人隐私"; i.reevaluateOn = CivilDate(iso: "2027-11-02") }
        let item = try await desk.create(i, in: deptA, author: officerA, actor: .commandLine("t"))
        if publish {
            try await desk.perform(.submit, on: item, roles: [.informationOfficer], actorUserID: officerA.id, actor: .commandLine("t"))
            try await desk.perform(.approve, on: item, roles: [.reviewer], actorUserID: userA.id, actor: .commandLine("t"))
        }
        return item
    }
}
