import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's 政府公报: two issues of this year carrying the county government's published
/// documents (the 查阅点 come from the demo map).
struct DemoGazette {
    let services: AppServices

    func load(_ demo: DemoContext) async throws {
        guard let gov = demo.organisations["gov"] else { return }
        let desk = GazetteDesk(services: services)
        let actor = AuditActor.commandLine("gongkai demo")
        let today = services.clock.today()
        let issues: [(Int, CivilDate, [String])] = [
            (1, CivilDate(year: today.year, month: 3, day: 31)!, ["清溪县临时救助实施办法（2019年修订）", "清溪县人民政府政府信息公开保密审查制度"]),
            (2, CivilDate(year: today.year, month: max(4, today.month - 1), day: 28)!, ["清溪县人民政府关于印发《清溪县临时救助实施办法》的通知",
                                                                                      "清溪县国民经济和社会发展第十五个五年规划纲要"]),
        ]
        for (number, day, titles) in issues {
            let issue = try await desk.create(in: gov, year: String(day.year), number: String(number), issuedOn: day.description, actor: actor)
            for title in titles {
                guard let item = try await ItemQueries.publicItems(on: services.db).filter(\.$title == title).first() else { continue }
                try await desk.add(issue, indexNumber: item.indexNumber, section: "", actor: actor)
            }
            try await desk.publish(issue, actor: actor)
        }
    }
}
