import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's letters, one in each state: just received, routed, being handled, a reply in
/// review, replied and rated (public), and one old letter unanswered for the three-month watch.
struct DemoLetters {
    let services: AppServices

    func load(_ demo: DemoContext) async throws {
        guard let gov = demo.organisations["gov"], let mz = demo.organisations["mz"], let zj = demo.organisations["zj"] else { return }
        let desk = LetterDesk(services: services)
        let office = AuditActor.commandLine("gongkai demo")
        func write(_ kind: LetterKind, _ subject: String, _ body: String, _ name: String, _ phone: String, to box: Organisation, n: Int,
                   daysAgo: Int = 0, policy: InformationItem? = nil) async throws -> Letter {
            var i = LetterDesk.Input()
            i.kind = kind; i.subject = subject; i.body = body; i.name = name; i.phone = phone; i.isPublic = true
            let at = services.clock.now().addingTimeInterval(-Double(daysAgo) * 86_400)
            return try await desk.submit(i, to: box, policy: policy, clientAddress: "192.0.2.\(80 + n)", now: at).0
        }
        // Unanswered for almost three months: on the county's watch list.
        let old = try await write(.suggestion, "建议延长图书馆周末开放时间", "县图书馆周末下午五点闭馆，学生不便，建议延长到晚上八点。", "吴敏", "13900002006",
                                  to: gov, n: 6, daysAgo: 80)
        try await desk.act(.assign(organisationID: demo.organisations["whly"]?.requireID() ?? mz.requireID()), on: old, actor: office)
        // 一号答: a question about a named policy, waiting for the office to route it to the drafter.
        let relief = try await ItemQueries.publicItems(on: services.db).filter(\.$title == "清溪县人民政府关于印发《清溪县临时救助实施办法》的通知").first()
        _ = try await write(.policyQuestion, "临时救助金额按什么标准计算", "临时救助实施办法里说的救助金额，是按家庭人口计算还是按困难程度计算？", "郑丽", "13900002007",
                            to: gov, n: 7, policy: relief)
        _ = try await write(.suggestion, "建议在城区增设老年人休息座椅", "人民路沿线公交站台没有座椅，老年人等车不便，建议增设。", "赵德明", "13900002001", to: gov, n: 1)
        let routed = try await write(.consultation, "城乡居民医保今年缴费截止时间", "请问今年城乡居民医保缴费截止到什么时候？", "孙红梅", "13900002002", to: gov, n: 2)
        try await desk.act(.assign(organisationID: mz.requireID()), on: routed, actor: office)
        let handled = try await write(.help, "家中老人突发重病，能否申请临时救助", "父亲突发脑溢血住院，家庭困难，请问如何申请临时救助？", "钱伟", "13900002003", to: gov, n: 3)
        try await desk.act(.assign(organisationID: mz.requireID()), on: handled, actor: office)
        try await desk.act(.accept, on: handled, actor: office)
        let reviewing = try await write(.policyQuestion, "低保对象认定标准", "家庭人均收入多少以下可以申请低保？", "李晓燕", "13900002004", to: mz, n: 4)
        try await desk.act(.assign(organisationID: mz.requireID()), on: reviewing, actor: office)
        try await desk.act(.accept, on: reviewing, actor: office)
        try await desk.act(.submitReply, on: reviewing, reply: "本县2026年城乡低保标准为每人每月……具体以县民政局公布的标准为准。", actor: office)
        let replied = try await write(.complaint, "小区门前道路破损多日无人修", "锦江花园门前道路坑洼多日，雨天积水，请尽快维修。", "周强", "13900002005", to: gov, n: 5)
        try await desk.act(.assign(organisationID: zj.requireID()), on: replied, actor: office)
        try await desk.act(.accept, on: replied, actor: office)
        try await desk.act(.submitReply, on: replied, reply: "经现场查看，该路段已列入本月维修计划，预计10日内完成修复。感谢您的监督。", actor: office)
        try await desk.act(.approveReply, on: replied, actor: office)
        try await desk.writerResponds(replied, rating: .satisfied, followUp: "", clientAddress: "192.0.2.85")
    }
}
