import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's 办事指南 (Resources/demo/guides.json: thirty guides of five departments, written
/// for the fictional county) published through the review, one of them with a second version, and
/// its three 一件事.
struct DemoGuides {
    let services: AppServices

    struct Guide: Decodable {
        let org: String
        let name: String
        let kind: String
        let basis: String
        let conditions: String
        let materials: [String]
        let steps: [String]
        let statutory_days: Int
        let promised_days: Int
        let fee: String
        let free: Bool
        let place: String
        let hours: String
        let enquiry_phone: String
        let complaint_phone: String
        let online_url: String
        let visits: Int
    }

    struct Bundle: Decodable {
        let org: String
        let name: String
        let description: String
        let guides: [String]
    }

    struct File: Decodable {
        let guides: [Guide]
        let bundles: [Bundle]
    }

    func load(_ demo: DemoContext) async throws {
        let file = try ResourceFiles.demo("guides.json", as: File.self)
        let desk = ServiceGuideDesk(services: services)
        let officer = AuditActor.commandLine("gongkai demo：信息员")
        let reviewer = AuditActor.commandLine("gongkai demo：审核员")
        var ids: [String: UUID] = [:]
        for g in file.guides {
            guard let org = demo.organisations[g.org] else { continue }
            let values: [String: String] = [
                "name": g.name, "kind": g.kind, "basis": g.basis, "conditions": g.conditions, "materials": g.materials.joined(separator: "\n"),
                "steps": g.steps.joined(separator: "\n"), "statutory_days": String(g.statutory_days), "promised_days": String(g.promised_days),
                "fee": g.fee, "free": g.free ? "1" : "", "place": g.place, "hours": g.hours, "enquiry_phone": g.enquiry_phone,
                "complaint_phone": g.complaint_phone, "online_url": g.online_url, "visits": String(g.visits),
            ]
            let (content, errors) = ServiceGuideContent.parse { values[$0] ?? "" }
            guard errors.isEmpty else { throw DemoDataError(message: "guides.json “\(g.name)”: \(errors)") }
            let guide = try await desk.create(content, in: org, actor: officer)
            try await desk.submit(guide, by: nil, actor: officer)
            try await desk.approve(guide, by: nil, actor: reviewer)
            ids[g.name] = guide.id
        }
        for b in file.bundles {
            guard let org = demo.organisations[b.org] else { continue }
            _ = try await ServiceBundleDesk(services: services).create(name: b.name, description: b.description, guides: b.guides.compactMap { ids[$0] },
                                                                        in: org, actor: officer)
        }
    }
}

struct DemoDataError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
