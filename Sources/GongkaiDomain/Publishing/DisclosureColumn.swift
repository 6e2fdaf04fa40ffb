/// A column of 法定主动公开内容: the fifteen categories of 条例 Art. 20, the policy
/// interpretations most platforms list beside the policies, and the extra Art. 21 categories for
/// county-level bodies and for townships.
public struct DisclosureColumn: Sendable, Equatable, Hashable {
    public let key: String
    public let label: String
    /// Where the duty comes from, shown on the column page.
    public let basis: String

    public static let article20: [DisclosureColumn] = [
        .init(key: "zcwj", label: "政策文件", basis: "条例第二十条第（一）项：行政法规、规章和规范性文件"),
        .init(key: "zcjd", label: "政策解读", basis: "与政策文件同步发布的解读材料"),
        .init(key: "jgzn", label: "机构职能", basis: "条例第二十条第（二）项：机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
        .init(key: "ghxx", label: "规划信息", basis: "条例第二十条第（三）项：国民经济和社会发展规划、专项规划、区域规划及相关政策"),
        .init(key: "tjxx", label: "统计信息", basis: "条例第二十条第（四）项：国民经济和社会发展统计信息"),
        .init(key: "xzxk", label: "行政许可和服务", basis: "条例第二十条第（五）项：办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
        .init(key: "xzcf", label: "行政处罚和强制", basis: "条例第二十条第（六）项：实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定"),
        .init(key: "czyjs", label: "财政预决算", basis: "条例第二十条第（七）项：财政预算、决算信息"),
        .init(key: "xzsf", label: "行政事业性收费", basis: "条例第二十条第（八）项：行政事业性收费项目及其依据、标准"),
        .init(key: "zfcg", label: "政府采购", basis: "条例第二十条第（九）项：政府集中采购项目的目录、标准及实施情况"),
        .init(key: "zdxm", label: "重大建设项目", basis: "条例第二十条第（十）项：重大建设项目的批准和实施情况"),
        .init(key: "msxx", label: "民生政策", basis: "条例第二十条第（十一）项：扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
        .init(key: "yjgl", label: "应急管理", basis: "条例第二十条第（十二）项：突发公共事件的应急预案、预警信息及应对情况"),
        .init(key: "jdjc", label: "监督检查", basis: "条例第二十条第（十三）项：环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
        .init(key: "gwyzk", label: "公务员招考", basis: "条例第二十条第（十四）项：公务员招考的职位、名额、报考条件等事项以及录用结果"),
        .init(key: "qtxx", label: "其他法定公开信息", basis: "条例第二十条第（十五）项：法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
    ]

    public static let article21County: [DisclosureColumn] = [
        ("szjs", "市政建设"), ("ggfw", "公共服务"), ("gysy", "公益事业"), ("tdzs", "土地征收"), ("fwzs", "房屋征收"),
        ("zagl", "治安管理"), ("shjz", "社会救助"),
    ].map { .init(key: $0.0, label: $0.1, basis: "条例第二十一条：县级人民政府及其部门根据本地实际公开") }

    public static let article21Township: [DisclosureColumn] = [
        ("nyzc", "农业农村政策"), ("ntsl", "农田水利工程"), ("tdlz", "土地承包经营权流转"), ("zjd", "宅基地使用审核"),
        ("tdzs", "土地征收"), ("fwzs", "房屋征收"), ("czcl", "筹资筹劳"), ("shjz", "社会救助"),
    ].map { .init(key: $0.0, label: $0.1, basis: "条例第二十一条：乡（镇）人民政府根据本地实际公开") }

    /// 村（居）务公开: the "两公开" (决议 and 实施结果), 党务 and 财务, and the matters the plans name
    /// (seed 002 §(十一), 004 task 27).
    public static let village: [DisclosureColumn] = [
        ("dwgk", "党务公开"), ("cwjy", "村务决议"), ("ssjg", "实施结果"), ("cwgk", "财务公开"), ("hnbt", "惠农补贴"),
        ("shjz", "社会救助"), ("xczx", "脱贫攻坚和乡村振兴"), ("ylfw", "养老服务"), ("bzzf", "保障性住房"), ("wfgz", "农村危房改造"),
        ("ywjy", "义务教育"), ("ylws", "医疗卫生"),
    ].map { .init(key: $0.0, label: $0.1, basis: "村（居）务公开：村（居）民委员会组织法和本县村（居）务公开事项清单") }

    /// 公共企事业单位: the common headings of the sector disclosure rules (机构、服务、收费、质量安全、
    /// 投诉、应急); the sector's own items live in its catalogue, which the office adjusts.
    public static let publicEnterprise: [DisclosureColumn] = [
        ("jggk", "单位概况"), ("fwzn", "办事服务指南"), ("sfbz", "收费项目和标准"), ("fwzl", "服务质量和安全"), ("tsqd", "投诉和监督渠道"),
        ("yjcz", "突发事件应急处置"), ("qtgk", "其他公开信息"),
    ].map { .init(key: $0.0, label: $0.1, basis: "公共企事业单位信息公开规定（本行业主管部门制定，以本单位目录为准）") }

    /// The columns of one organisation: Art. 20 for every organ, plus the Art. 21 list that fits;
    /// 村（居）务 for villages; the sector headings for 事业单位 and 公共企事业单位.
    public static func columns(for kind: OrganisationKind) -> [DisclosureColumn] {
        switch kind {
        case .countyGovernment, .governmentOffice, .countyDepartment, .developmentZone: return article20 + article21County
        case .townshipGovernment, .subdistrictOffice: return article20 + article21Township
        case .dispatchedAgency: return article20
        case .villageCommittee, .residentsCommittee: return village
        case .affiliatedInstitution, .school, .hospital, .utility, .environmentalService, .publicTransport: return publicEnterprise
        }
    }

    public static func find(_ key: String, for kind: OrganisationKind) -> DisclosureColumn? {
        columns(for: kind).first { $0.key == key }
    }
}
