import FluentKit
import Foundation
import GongkaiDomain

/// The demo county under watch: a 民政局 notice with a typo and a dead link (real faults a crawl of
/// the demo finds), two earlier checks of the portal with problems fixed and still open, a week of
/// home-page probes, eight 政务新媒体 accounts (one stale, one merged into another), and a 负面清单
/// for every department with one citation.
struct DemoInspection {
    let services: AppServices

    func load(_ demo: DemoContext) async throws {
        let actor = AuditActor.commandLine("gongkai demo")
        guard let site = try await MonitoredSite.portal(services), let mz = demo.organisations["mz"], let gov = demo.organisations["gov"] else { return }
        let now = services.clock.now()
        let today = services.clock.today()

        // A notice with a typo (按装) and a link to a page that does not exist.
        let publishing = PublishingDesk(services: services)
        let deadTarget = "/xxgk/\(mz.id!)/content/3f1c0000-0000-4000-8000-000000000001"
        let fields: [String: String] = [
            "title": "县民政局关于开展冬季养老机构消防安全检查的通知", "kind": InformationKind.notice.rawValue, "genre": "通知",
            "topic": "民政、扶贫、救灾/社会福利", "written_on": today.adding(days: -20).description, "summary": "部署冬季养老机构消防安全检查。",
            "body": "<p>各乡镇人民政府、各养老机构：</p><p>为做好冬季养老机构消防安全工作，请各养老机构在12月底前按装独立式烟感报警器，并对照<a href=\"\(deadTarget)\">检查表</a>逐项自查。</p>",
            "attribute": DisclosureAttribute.proactive.rawValue, "validity": Validity.inForce.rawValue,
        ]
        let (input, errors) = ItemInput.parse({ fields[$0] ?? "" }, columns: ["msxx"], allowedColumns: DisclosureColumn.columns(for: mz.kind))
        guard errors.isEmpty, let author = demo.accounts.first(where: { $0.user.username == "xxy_mz" })?.user ?? demo.account(holding: .informationOfficer) else { return }
        let notice = try await publishing.create(input, in: mz, author: author, actor: actor)
        // Published last of the demo, so it heads the home page's newest items (two links from the home page).
        try await publishing.publishForDemo(notice, actor: actor)
        let noticePage = site.base + "/xxgk/\(mz.id!)/content/\(notice.id!.uuidString)"

        // Two earlier checks of the portal: the first found three problems, the second fixed one.
        let first = try await run(site, startedAt: now.addingTimeInterval(-8 * 86_400), pages: 412)
        let second = try await run(site, startedAt: now.addingTimeInterval(-3 * 3600), pages: 431)
        let hidden = try await problem(site, .hiddenLink, org: gov.id!, page: site.base + "/", target: "https://lucky88.bet/",
                                       detail: "链接指向可疑网站 lucky88.bet（名单项“.bet”），且被隐藏", first: first, last: first)
        hidden.status = "resolved"; hidden.resolvedAt = second.startedAt; hidden.assignee = "县政府办 信息科"; hidden.note = "已删除首页模板中被植入的隐藏链接；复查未再发现"
        try await hidden.update(on: services.db)
        let dead = try await problem(site, .deadLink, org: mz.id!, page: noticePage, target: site.base + deadTarget,
                                     detail: "链接文字“检查表”：HTTP 404", first: second, last: second)
        dead.status = "assigned"; dead.assignee = "县民政局 信息员"
        try await dead.update(on: services.db)
        let typo = try await problem(site, .typo, org: mz.id!, page: noticePage, target: "按装",
                                     detail: "错别字：“按装”，应为“安装”", first: second, last: second)
        typo.status = "fixed"; typo.note = "已提交更正，等待审核"
        try await typo.update(on: services.db)
        if let tj = demo.organisations["tj"] {
            _ = try await problem(site, .staleColumn, org: tj.id!, page: site.base + "/xxgk/\(tj.id!)/fdzdgknr/tzgg", target: "tzgg",
                                  detail: "“通知公告”（通知公告、政策文件类）超过183天未更新", first: second, last: second)
        }
        let desk = MonitorDesk(services: services)
        for r in [first, second] {
            r.countsJSON = try await desk.countsJSON(of: r.id!, resolved: r.id == second.id ? 1 : 0)
            try await r.update(on: services.db)
        }
        // A week of probes every hour; two failed (1.2 %: points off, no veto).
        for k in 0..<(7 * 24) {
            let p = MonitorProbe()
            p.id = UUID(); p.siteKey = site.key; p.at = now.addingTimeInterval(-Double(k) * 3600 - 600)
            p.ok = k != 30 && k != 101
            p.milliseconds = p.ok ? 180 + (k * 37) % 400 : 15_000
            p.detail = p.ok ? "HTTP 200" : "连接超时（15秒）"
            try await p.create(on: services.db)
        }

        // 政务新媒体: eight accounts.
        let media = NewMediaDesk(services: services)
        func account(_ platform: String, _ name: String, _ handle: String, _ op: String, opened: String, last: Int?, interaction: Bool = true) -> NewMediaDesk.Input {
            var i = NewMediaDesk.Input()
            i.platform = platform; i.name = name; i.handle = handle; i.operatorName = op; i.openedOn = opened; i.filedOn = opened
            i.lastUpdateOn = last.map { today.adding(days: -$0).description } ?? ""; i.interaction = interaction
            return i
        }
        let accounts: [(String, NewMediaDesk.Input)] = [
            ("gov", account("微信公众号", "清溪发布", "qingxifabu", "县融媒体中心 周敏", opened: "2016-03-01", last: 0)),
            ("gov", account("微博", "清溪发布", "@清溪发布", "县融媒体中心 周敏", opened: "2013-06-18", last: 1)),
            ("gov", account("抖音", "清溪发布", "qxfb2020", "县融媒体中心 周敏", opened: "2020-05-04", last: 2)),
            ("mz", account("微信公众号", "清溪民政", "qingximinzheng", "县民政局办公室 刘洋", opened: "2018-09-10", last: 4)),
            ("jy", account("微信公众号", "清溪教育", "qingxijiaoyu", "县教育局 王磊", opened: "2017-02-20", last: 23)),
            ("qx", account("微信公众号", "清溪镇人民政府", "qxzhen", "", opened: "2019-11-11", last: 9, interaction: false)),
            ("rs", account("微信公众号", "清溪人社", "qingxirenshe", "县人社局 陈静", opened: "2018-04-02", last: 6)),
            ("mz", account("微信公众号", "清溪县老龄办", "qxlaoling", "县民政局 刘洋", opened: "2015-07-01", last: 400)),
        ]
        var saved: [NewMediaAccount] = []
        for (key, i) in accounts {
            guard let org = demo.organisations[key] else { continue }
            saved.append(try await media.save(i, account: nil, organisationID: org.id!, actor: actor))
        }
        // 老龄办's account was merged into 清溪民政 (and 备案).
        if let old = saved.first(where: { $0.name == "清溪县老龄办" }), let target = saved.first(where: { $0.name == "清溪民政" }) {
            var i = NewMediaDesk.Input(platform: old.platform, name: old.name, handle: old.handle, operatorName: old.operatorName, openedOn: old.openedOn,
                                       filedOn: old.filedOn, status: "merged", mergedInto: target.id, statusFiled: true, renameFiled: false,
                                       lastUpdateOn: old.lastUpdateOn, feedURL: "", interaction: old.interaction)
            i.lastUpdateOn = old.lastUpdateOn
            try await media.save(i, account: old, organisationID: old.organisationID, actor: actor)
            try await media.setSync(item: notice, accounts: [target.id!], actor: actor)
        }

        // 负面清单: every department lists what it does not disclose; 民政局's 请示 cites its entry.
        let lists = NegativeListDesk(services: services)
        let reviewed = today.adding(days: -200).description
        for org in demo.organisations.values where org.kind == .countyDepartment || org.kind == .countyGovernment || org.kind == .governmentOffice {
            let generic: [(String, NonDisclosureGround, String, String)] = [
                ("机关内部人事管理、后勤管理和内部工作流程信息", .internalAffairs, "《中华人民共和国政府信息公开条例》第十六条第一款", "本机关内部管理事务"),
                ("内部讨论记录、过程稿、请示报告等过程性信息", .processInformation, "《中华人民共和国政府信息公开条例》第十六条第二款", "行政决定作出前的内部过程材料；法律法规规定应当公开的除外"),
            ]
            for (matter, ground, basis, scope) in generic {
                _ = try await lists.save(.init(matter: matter, ground: ground.rawValue, basis: basis, scope: scope, reviewedOn: reviewed, published: true),
                                         entry: nil, organisationID: org.id!, actor: actor)
            }
        }
        if let request = try await InformationItem.query(on: services.db).filter(\.$organisationID == mz.id!)
            .filter(\.$attribute == DisclosureAttribute.withheld.rawValue).first(),
           let entry = try await NegativeListEntry.query(on: services.db).filter(\.$organisationID == mz.id!).filter(\.$ground == NonDisclosureGround.processInformation.rawValue).first() {
            try await lists.cite(entry, targetKind: "item", targetID: request.id!.uuidString, actor: actor)
        }
        let specific: [(String, String, NonDisclosureGround, String, String, String)] = [
            ("mz", "最低生活保障对象家庭经济状况核对中的个人收入、财产信息", .thirdPartyRights, "《中华人民共和国政府信息公开条例》第十五条；《社会救助暂行办法》第六十五条",
             "公示低保对象时只公开姓名（部分隐去）、保障人数和金额", today.adding(days: -400).description),
            ("ga", "涉及国家秘密的警务工作信息", .stateSecret, "《中华人民共和国保守国家秘密法》第十三条；《政府信息公开条例》第十四条", "依法确定为国家秘密的事项", today.adding(days: -30).description),
            ("scjg", "市场主体提交的涉及商业秘密的材料", .thirdPartyRights, "《中华人民共和国政府信息公开条例》第十五条", "第三方不同意公开且不公开不会对公共利益造成重大影响的", today.adding(days: -90).description),
        ]
        for (key, matter, ground, basis, scope, reviewedOn) in specific {
            guard let org = demo.organisations[key] else { continue }
            _ = try await lists.save(.init(matter: matter, ground: ground.rawValue, basis: basis, scope: scope, reviewedOn: reviewedOn, published: true),
                                     entry: nil, organisationID: org.id!, actor: actor)
        }
    }

    func run(_ site: MonitoredSite, startedAt: Date, pages: Int) async throws -> MonitorRun {
        let r = MonitorRun()
        r.id = UUID(); r.siteKey = site.key; r.startedAt = startedAt; r.finishedAt = startedAt.addingTimeInterval(900)
        r.status = "finished"; r.trigger = "定时"; r.pages = pages; r.countsJSON = "{}"
        try await r.create(on: services.db)
        return r
    }

    func problem(_ site: MonitoredSite, _ kind: InspectionProblemKind, org: Int, page: String, target: String, detail: String,
                 first: MonitorRun, last: MonitorRun) async throws -> MonitorProblem {
        let p = MonitorProblem()
        p.id = UUID(); p.siteKey = site.key; p.organisationID = org; p.kind = kind.rawValue; p.pageURL = page; p.target = target; p.detail = detail
        p.fingerprint = "\(kind.rawValue)|\(page)|\(target)"; p.firstRunID = first.id!; p.lastRunID = last.id!
        p.firstSeenAt = first.startedAt; p.lastSeenAt = last.startedAt; p.status = "open"; p.assignee = ""; p.note = ""
        try await p.create(on: services.db)
        return p
    }
}
