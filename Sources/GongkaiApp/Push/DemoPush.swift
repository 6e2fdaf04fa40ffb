import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's 政策服务直通车: four policies aimed at farmers, returning entrepreneurs and
/// small firms (one only for 石桥镇), the audience of every public item and guide suggested and
/// confirmed, and three 政策包 whose 明白卡 each township can print.
struct DemoPush {
    let services: AppServices

    static let policies: [(org: String, kind: InformationKind, title: String, number: String, summary: String, body: String)] = [
        ("nync", .otherDocument, "清溪县农业农村局关于做好2026年耕地地力保护补贴发放工作的通知", "清农发〔2026〕12号",
         "种粮农民按承包耕地面积享受耕地地力保护补贴，每亩118元，由乡镇核实后通过“一卡通”发放。",
         "<p>一、补贴对象：拥有耕地承包权的种粮农民。</p><p>二、补贴标准：每亩118元。</p><p>三、发放方式：乡镇人民政府核实面积并公示后，通过惠民惠农财政补贴资金“一卡通”发放到户。</p>"),
        ("rs", .normativeDocument, "清溪县支持返乡入乡创业的若干措施", "清人社规〔2026〕3号",
         "返乡入乡创业人员可申请一次性创业补贴5000元和最高30万元的创业担保贷款。",
         "<p>第一条 返乡入乡人员首次创办小微企业或从事个体经营，正常经营6个月以上的，给予一次性创业补贴5000元。</p><p>第二条 符合条件的创业人员可申请最高30万元创业担保贷款，财政按规定贴息。</p>"),
        ("scjg", .normativeDocument, "清溪县支持小微企业和个体工商户发展的若干措施", "清市监规〔2026〕1号",
         "小微企业和个体工商户登记“一网通办”，首次轻微违法依法不予处罚，并可享受融资担保费率优惠。",
         "<p>一、小型企业、微型企业和个体工商户开办登记实行“一网通办”，一日办结。</p><p>二、首次轻微违法并及时改正的，依法不予行政处罚。</p><p>三、政府性融资担保机构对小微企业担保费率不超过1%。</p>"),
        ("sq", .notice, "石桥镇2026年农村危房改造补助对象公示", "",
         "石桥镇2026年农村危房改造补助对象12户，公示期5个工作日。",
         "<p>经农户申请、村级评议、镇级审核，拟确定2026年农村危房改造补助对象12户（名单见附表，已隐去身份证号），公示期5个工作日。对公示有异议的，请向石桥镇人民政府反映。</p>"),
    ]

    func load(_ demo: DemoContext) async throws {
        guard let gov = demo.organisations["gov"], let author = demo.account(holding: .informationOfficer) else { return }
        let actor = AuditActor.commandLine("gongkai demo")
        let reviewer = AuditActor.commandLine("gongkai demo：审核员")
        let publishing = PublishingDesk(services: services)
        let today = services.clock.today()
        for p in Self.policies {
            guard let org = demo.organisations[p.org] else { continue }
            var i = ItemInput()
            i.title = p.title; i.documentNumber = p.number; i.kind = p.kind; i.summary = p.summary; i.bodyHTML = p.body
            i.writtenOn = today.adding(days: -3); i.genre = p.kind == .notice ? "公示" : "通知"
            let item = try await publishing.create(i, in: org, author: author, actor: actor)
            try await publishing.publishForDemo(item, actor: actor)
        }
        // Every public item and guide: the suggestion, confirmed by the reviewer.
        let desk = AudienceDesk(services: services)
        for item in try await ItemQueries.publicItems(on: services.db).all() {
            let suggestion = try await desk.suggestion(for: item)
            guard !suggestion.isEmpty else { continue }
            try await desk.save(suggestion, for: .item, id: item.id!.uuidString, organisationID: item.organisationID, confirm: true, actor: reviewer)
        }
        let suggester = AudienceSuggester(vocabulary: services.config.audienceVocabulary)
        for g in try await ServiceGuideQueries.published(services) {
            let a = suggester.suggest(text: g.content.name + "\n" + g.content.conditions, region: nil)
            guard !a.isEmpty else { continue }
            try await desk.save(a, for: .guide, id: g.guide.id!.uuidString, organisationID: g.guide.organisationID, confirm: true, actor: reviewer)
        }
        // Three packages kept by the county office.
        let packages = PolicyPackageDesk(services: services)
        let specs: [(String, String, Audience, String)] = [
            ("惠农政策包", "种粮补贴、农村危房改造、涉农保险等面向农民的政策，以及相关办事指南和咨询电话。",
             Audience(groups: ["农民"]), "县农业农村局农村经营管理股 0832-6208811\n县住房和城乡建设局村镇建设股 0832-6206622"),
            ("返乡创业政策包", "返乡入乡创业补贴、创业担保贷款、技能培训和就业服务。",
             Audience(lifeEvents: ["创业"]), "县人力资源和社会保障局就业服务中心 0832-6207733"),
            ("小微企业政策包", "面向小型、微型企业和个体工商户的登记、执法、融资政策。",
             Audience(groups: ["企业", "个体工商户"], sizes: [EnterpriseSize.small.rawValue, EnterpriseSize.micro.rawValue]), "县市场监督管理局登记注册股 0832-6205544"),
        ]
        for (name, intro, audience, contacts) in specs {
            var input = PolicyPackageDesk.Input()
            input.name = name; input.intro = intro; input.audience = audience; input.contacts = contacts
            let p = try await packages.save(input, package: nil, organisationID: gov.id!, actor: actor)
            try await packages.setPublished(p, true, actor: actor)
        }
    }
}
