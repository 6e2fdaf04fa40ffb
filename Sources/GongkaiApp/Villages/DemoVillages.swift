import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's villages at work: two villages in each town publish (a quarterly finance
/// table and a 村务决议 with its result), each has its matter list and 监督委员会; 清溪镇 publishes a
/// subsidy list to its villages and asks for board photos; a school and a hospital keep their
/// sector catalogues.
struct DemoVillages {
    let services: AppServices

    func load(_ demo: DemoContext) async throws {
        let desk = VillageDesk(services: services)
        let publishing = PublishingDesk(services: services)
        let actor = AuditActor.commandLine("gongkai demo")
        guard let author = demo.accounts.first(where: { $0.user.username == "cw_thc" })?.user ?? demo.account(holding: .informationOfficer) else { return }
        let today = services.clock.today()
        let q = (today.month - 1) / 3 + 1
        let lastQuarter = q == 1 ? FinanceTable.Period.quarter(year: today.year - 1, quarter: 4) : .quarter(year: today.year, quarter: q - 1)
        let villages: [(String, Int, String)] = [("thc", 152_000_00, "桃花村"), ("hsc", 86_400_50, "河市村"), ("xjc", 120_300_00, "新街村"),
                                                 ("sqsq", 64_000_00, "石桥社区"), ("dtc", 98_000_00, "大塘村"), ("lwc", 45_500_00, "柳湾村")]
        for (key, opening, short) in villages {
            guard let v = demo.organisations[key] else { continue }
            var input = VillageDesk.PhoneInput()
            input.column = "cwgk"
            input.title = "\(short)\(lastQuarter.label)财务收支公开"
            input.text = "经村务监督委员会审核，现将\(lastQuarter.label)村级财务收支情况公开如下，接受村民监督。"
            let income = [FinanceTable.Line(item: "上级转移支付", amount: Money(fen: 50_000_00)), FinanceTable.Line(item: "集体资产租赁收入", amount: Money(fen: 12_600_00))]
            let expense = [FinanceTable.Line(item: "村干部报酬", amount: Money(fen: 36_000_00)), FinanceTable.Line(item: "村道维修", amount: Money(fen: 8_450_50)),
                           FinanceTable.Line(item: "办公经费", amount: Money(fen: 2_100_00))]
            let table = FinanceTable(period: lastQuarter, opening: Money(fen: opening), income: income, expense: expense, closing: .zero)
            input.finance = FinanceTable(period: lastQuarter, opening: table.opening, income: income, expense: expense, closing: table.computedClosing)
            let finance = try await desk.saveDraft(input, in: v, item: nil, author: author, actor: actor)
            try await publishing.publishForDemo(finance, actor: actor)
            var decision = VillageDesk.PhoneInput()
            decision.column = "cwjy"
            decision.title = "\(short)村民代表会议关于村道硬化项目的决议"
            decision.text = "经村民代表会议讨论，同意实施村道硬化项目，预算8.5万元，由村务监督委员会全程监督。\n表决结果：应到35人，实到32人，同意30人。"
            let d = try await desk.saveDraft(decision, in: v, item: nil, author: author, actor: actor)
            try await publishing.publishForDemo(d, actor: actor)
            try await desk.startMatters(v, actor: actor)
            try await desk.publishMatters(v, actor: actor)
            try await desk.saveProfile(v, supervisors: "主任：\(["李", "王", "张", "刘", "陈", "杨"][villages.firstIndex { $0.0 == key }!])明（电话 0832-62\(String(format: "%05d", opening % 100_000))）\n委员：2人",
                                       requireBoardPhoto: nil, actor: actor)
        }
        // 清溪镇: a subsidy list to its villages, and board photos required from now on.
        if let qx = demo.organisations["qx"], let township = demo.accounts.first(where: { $0.user.username == "xxy_qx" })?.user {
            let rows = """
            桃花村 | 张建国 | | 1180 | 耕地地力保护补贴（10亩）
            桃花村 | 李秀英 | | 708 | 耕地地力保护补贴（6亩）
            河市村 | 王德福 | | 944 | 耕地地力保护补贴（8亩）
            河市村 | 赵春兰 | | 590 | 耕地地力保护补贴（5亩）
            """
            let list = try await desk.saveBenefitList(title: "清溪镇\(today.year)年耕地地力保护补贴发放名单", rows: rows, column: "nyzc",
                                                      township: qx, author: township, actor: actor)
            try await publishing.publishForDemo(list, actor: actor)
            try await desk.saveProfile(qx, supervisors: nil, requireBoardPhoto: true, actor: actor)
        }
        // A school and a hospital with their sector catalogues, started from the templates.
        let catalogue = CatalogueStore(services: services)
        for key in ["sxx", "rmyy"] {
            guard let org = demo.organisations[key], let domain = SectorCatalogue.domain(for: org.kind) else { continue }
            for row in SectorCatalogue.rows(for: org.kind, unit: org.name) {
                try await catalogue.add(row, org: org.requireID(), domain: domain, actor: actor)
            }
        }
    }
}
