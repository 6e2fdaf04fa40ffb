import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's 知识问答库: common questions answered by the departments that handle them,
/// plus the reply of the demo's rated letter.
struct DemoKnowledge {
    let services: AppServices

    static let entries: [(org: String, topic: String, question: String, answer: String)] = [
        ("mz", "民政、扶贫、救灾", "最低生活保障（低保）向哪里申请？", "向户籍所在地的乡镇人民政府（街道办事处）提出申请，也可以委托村（居）民委员会代为提出。"),
        ("mz", "民政、扶贫、救灾", "申请低保需要准备哪些材料？", "一般需要身份证、户口簿、家庭收入和财产状况的说明，以及授权核对家庭经济状况的承诺书。具体以受理窗口的一次性告知为准。"),
        ("mz", "民政、扶贫、救灾", "遇到突发困难怎样申请临时救助？", "向户籍所在地或居住地的乡镇人民政府（街道办事处）申请；情况紧急的，可以先行救助，事后补办手续。"),
        ("mz", "民政、扶贫、救灾", "高龄津贴从多少岁开始发放？", "按县里公布的高龄津贴政策执行，年龄和标准以县民政局最新公布的文件为准，可在政策文件库查询。"),
        ("mz", "民政、扶贫、救灾", "办理结婚登记需要预约吗？", "可以到县婚姻登记处现场办理，也可以通过网上预约。双方需携带本人身份证和户口簿。"),
        ("rs", "劳动、人事、监察", "灵活就业人员怎样参加养老保险？", "可以到县社保经办窗口或通过线上平台以灵活就业人员身份参保，按规定的缴费基数自主选择缴费档次。"),
        ("rs", "劳动、人事、监察", "失业后怎样申领失业保险金？", "失业后到县就业和社保经办机构办理失业登记并申领失业保险金，按规定参加求职登记。"),
        ("rs", "劳动、人事、监察", "被拖欠工资向哪里投诉？", "可以向县人力资源和社会保障局劳动保障监察机构投诉，也可以拨打12345热线。"),
        ("wj", "卫生、体育", "城乡居民医保在哪里缴费？", "可以通过税务部门的线上缴费渠道缴纳，也可以到乡镇（街道）便民服务中心咨询办理。"),
        ("wj", "卫生、体育", "异地就医怎样备案？", "可以通过国家医保服务平台或到县医保经办窗口办理异地就医备案。"),
        ("jy", "科技、教育", "小学一年级入学怎样报名？", "按县教育和体育局每年公布的义务教育招生方案，在规定时间内通过线上或学校现场报名。"),
        ("jy", "科技、教育", "家庭经济困难学生有哪些资助？", "按国家和省的学生资助政策，可以申请助学金、免除学杂费等，向就读学校提出申请。"),
        ("ga", "公安、安全、司法", "户口迁移需要什么手续？", "到迁入地派出所办理，携带身份证、户口簿和迁入条件证明材料，符合条件的可以网上申请。"),
        ("ga", "公安、安全、司法", "身份证丢失怎样补办？", "到户籍所在地或居住地的公安机关户政窗口申请补领，现场采集照片和指纹。"),
        ("zj", "城乡建设、环境保护", "房屋装修需要办理什么手续？", "一般装修向物业服务企业登记即可；涉及改变房屋主体结构的，应当事先向县住房和城乡建设局咨询。"),
        ("zj", "城乡建设、环境保护", "农村危房改造怎样申请？", "由农户向村民委员会提出申请，经乡镇审核、县级审批后实施，补助标准以当年公布的方案为准。"),
        ("nync", "农业、林业、水利", "耕地地力保护补贴怎样发放？", "按当年公布的补贴方案核定面积，通过“一卡通”直接发放到农户账户。"),
        ("nync", "农业、林业、水利", "农机购置补贴怎样申请？", "购机后在规定时间内向县农业农村局提交补贴申请，经核验后发放。"),
        ("scjg", "市场监管、安全生产监管", "个体工商户怎样办理营业执照？", "可以通过网上办理，也可以到县政务服务中心市场监管窗口现场办理，一般当场办结。"),
        ("cz", "财政、金融、审计", "政府采购信息在哪里查询？", "在县人民政府网站政府信息公开栏目的“政府采购”栏目和政府采购网查询。"),
        ("office", "综合政务", "怎样申请政府信息公开？", "在本网站各机关的“依申请公开”栏目填写申请，也可以书面或当面提出，机关自收到申请之日起20个工作日内答复。"),
    ]

    func load(_ demo: DemoContext) async throws {
        let desk = KnowledgeDesk(services: services)
        let actor = AuditActor.commandLine("gongkai demo")
        let topics = try await CheckTermStore(services: services).topics()
        for e in Self.entries {
            guard let org = demo.organisations[e.org] else { continue }
            let topic = TopicCategory.isKnown(e.topic, in: topics) ? e.topic : (topics.first?.name ?? "综合政务")
            _ = try await desk.add(question: e.question, answer: e.answer, topic: topic, policy: nil, organisationID: try org.requireID(),
                                   source: "staff", sourceRef: "", publish: true, actor: actor)
        }
        if let rated = try await Letter.query(on: services.db).filter(\.$rating != nil).first() {
            _ = try await desk.fromLetter(rated, topic: topics.first { $0.name.hasPrefix("城乡建设") }?.name ?? (topics.first?.name ?? "综合政务"), actor: actor)
        }
    }
}
