import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's 在线访谈: a past one kept as a record (transcript, questions answered during
/// the session and one answered afterwards), and an announced one taking questions.
struct DemoInterviews {
    let services: AppServices

    func load(_ demo: DemoContext) async throws {
        guard let mz = demo.organisations["mz"], let scjg = demo.organisations["scjg"] else { return }
        let desk = InterviewDesk(services: services)
        let actor = AuditActor.commandLine("gongkai demo")
        let today = services.clock.today()
        let held = today.adding(days: -12)
        func at(_ day: CivilDate, _ h: Int, _ m: Int) -> Date { SiteClock.instant(day, hour: h, minute: m) ?? services.clock.now() }

        var past = InterviewDesk.Input()
        past.title = "织密兜底保障网——县民政局负责人谈社会救助"
        past.guests = "县民政局局长 周建华；社会救助股股长 林小红"
        past.description = "围绕新修订的《清溪县临时救助实施办法》，介绍救助对象、救助标准和申请办理流程，回答网友关心的问题。"
        past.startsAt = at(held, 9, 30)
        let record = try await desk.create(past, in: mz, actor: actor)
        try await desk.advance(record, actor: actor)
        var asked: [InterviewQuestion] = []
        for (n, (name, text)) in [("王建国", "临时救助一般多长时间能批下来？"), ("陈丽", "外地户籍在本县打工，遇到困难能申请临时救助吗？"),
                                  ("刘洋", "低保户还能同时申请临时救助吗？"), ("张强", "广告：专业代办各类补贴，联系13800000000")].enumerated() {
            asked.append(try await desk.submit(to: record, name: name, contact: n == 1 ? "13900003001" : "", text: text,
                                               clientAddress: "192.0.2.\(120 + n)", now: at(held.adding(days: -3), 10, n)))
        }
        for q in asked.prefix(3) { try await desk.moderate(q, of: record, approve: true, reason: "", actor: actor) }
        try await desk.moderate(asked[3], of: record, approve: false, reason: "广告信息", actor: actor)
        try await desk.advance(record, actor: actor)
        let lines = [("主持人", "各位网友上午好！今天我们邀请到县民政局局长周建华、社会救助股股长林小红，和大家聊聊临时救助。"),
                     ("周建华", "新办法把急难型救助的审批时限缩短了，情况紧急的可以先行救助、事后补办手续。"),
                     ("主持人", "有网友问：临时救助一般多长时间能批下来？"),
                     ("林小红", "一般情况下，乡镇受理后10个工作日内完成审核审批；急难情形24小时内先行救助。"),
                     ("主持人", "感谢两位嘉宾，今天的访谈到此结束。未及答复的问题，我们将在会后答复。")]
        for (n, (speaker, text)) in lines.enumerated() {
            try await desk.addLine(record, speaker: speaker, text: text, actor: actor, at: at(held, 9, 32 + n * 6))
        }
        try await desk.answer(asked[0], of: record, text: "一般情况下，乡镇受理后10个工作日内完成审核审批；急难情形24小时内先行救助。",
                              actor: actor, at: at(held, 9, 50))
        try await desk.answer(asked[1], of: record, text: "可以。非本县户籍人员在本县遭遇急难情况的，可以向所在地乡镇人民政府申请临时救助。",
                              actor: actor, at: at(held, 10, 5))
        try await desk.advance(record, actor: actor, on: held)
        try await desk.answer(asked[2], of: record, text: "可以。低保对象因突发事件等导致基本生活暂时出现严重困难的，可以申请临时救助。",
                              actor: actor, at: at(held.adding(days: 2), 16, 0))

        var next = InterviewDesk.Input()
        next.title = "优化营商环境——县市场监管局负责人谈个体工商户登记便利化"
        next.guests = "县市场监督管理局局长 何志明"
        next.description = "介绍个体工商户登记“一网通办”、经营范围自主申报等便利举措，欢迎网友提前提问。"
        next.startsAt = at(today.adding(days: 5), 15, 0)
        let upcoming = try await desk.create(next, in: scjg, actor: actor)
        try await desk.advance(upcoming, actor: actor)
        let q1 = try await desk.submit(to: upcoming, name: "赵敏", contact: "", text: "开网店需要办理个体工商户登记吗？", clientAddress: "192.0.2.130")
        try await desk.moderate(q1, of: upcoming, approve: true, reason: "", actor: actor)
        _ = try await desk.submit(to: upcoming, name: "孙磊", contact: "sunlei@example.com", text: "个体户变更经营场所要跑几次？", clientAddress: "192.0.2.131")
    }
}
