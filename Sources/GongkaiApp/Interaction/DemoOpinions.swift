import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's 舆情回应台账: one event answered in time with its promise kept and published,
/// one answered late whose promise is now overdue, and one major event with both clocks met.
struct DemoOpinions {
    let services: AppServices

    func load(_ demo: DemoContext) async throws {
        guard let gov = demo.organisations["gov"], let zj = demo.organisations["zj"], let jy = demo.organisations["jy"] else { return }
        let desk = OpinionDesk(services: services)
        let actor = AuditActor.commandLine("gongkai demo")
        let now = services.clock.now()
        // As typed into the form's datetime-local field.
        func time(_ hoursAgo: Double) -> String {
            String(SiteClock.timeText(now.addingTimeInterval(-hoursAgo * 3600)).prefix(16)).replacingOccurrences(of: " ", with: "T")
        }
        func event(_ summary: String, _ source: String, _ topic: String, _ level: OpinionLevel, _ unit: Organisation, hoursAgo: Double) async throws -> OpinionEvent {
            var i = OpinionDesk.EventInput()
            i.summary = summary; i.source = source; i.topic = topic; i.level = level; i.organisationID = try unit.requireID()
            i.knownAt = OpinionDesk.instant(time(hoursAgo)) ?? now
            return try await desk.record(i, office: gov, actor: actor)
        }
        let today = services.clock.today()

        let water = try await event("城区锦江花园等小区突发停水，网民询问原因和恢复时间", "本地网络论坛", "其他", .ordinary, zj, hoursAgo: 20 * 24)
        try await desk.respond(water, kind: OpinionResponseKind.statement.rawValue, channel: "政务新媒体", at: time(20 * 24 - 30), indexNumber: "",
                               url: "https://www.example.com/qingxi/weixin/tingshui", summary: "通报停水原因为主管道爆裂，公布抢修进度和临时供水点。", actor: actor)
        try await desk.commit(water, what: "3日内恢复供水并公布事故原因调查结果", organisation: String(try zj.requireID()),
                              dueOn: SiteClock.day(of: water.knownAt).adding(days: 3).description, actor: actor)
        if let c = try await OpinionCommitment.query(on: services.db).filter(\.$eventID == water.requireID()).first() {
            try await desk.complete(c, of: water, doneOn: SiteClock.day(of: water.knownAt).adding(days: 2).description, note: "已于两日内恢复供水。", actor: actor)
            try await desk.publishResult(c, of: water, indexNumber: "", url: "https://www.example.com/qingxi/zjj/tingshui-diaocha", actor: actor)
        }
        try await desk.close(water, actor: actor)

        let school = try await event("城区小学招生划片调整，部分家长担心就近入学受影响", "12345热线和家长来信", "教育改革", .ordinary, jy, hoursAgo: 12 * 24)
        try await desk.respond(school, kind: OpinionResponseKind.statement.rawValue, channel: "政府网站", at: time(12 * 24 - 60), indexNumber: "",
                               url: "https://www.example.com/qingxi/jyj/huapian-shuoming", summary: "说明划片调整的原则，承诺公布方案前征求家长意见。", actor: actor)
        try await desk.commit(school, what: "公布划片调整方案（征求意见稿）并征求家长意见", organisation: String(try jy.requireID()),
                              dueOn: today.adding(days: -3).description, actor: actor)

        let storm = try await event("暴雨致清溪镇部分村道中断，群众关注出行和救援", "新闻媒体报道", "社会治安", .major, gov, hoursAgo: 5 * 24)
        try await desk.respond(storm, kind: OpinionResponseKind.information.rawValue, channel: "政务新媒体", at: time(5 * 24 - 3), indexNumber: "",
                               url: "https://www.example.com/qingxi/weibo/baoyu", summary: "发布受灾和抢险情况、绕行路线和求助电话。", actor: actor)
        try await desk.respond(storm, kind: OpinionResponseKind.pressConference.rawValue, channel: "新闻发布会", at: time(5 * 24 - 20), indexNumber: "",
                               url: "", summary: "县政府召开新闻发布会通报抢险救灾进展。", actor: actor)
        try await desk.commit(storm, what: "7日内抢通全部中断村道", organisation: String(try zj.requireID()),
                              dueOn: SiteClock.day(of: storm.knownAt).adding(days: 7).description, actor: actor)
    }
}
