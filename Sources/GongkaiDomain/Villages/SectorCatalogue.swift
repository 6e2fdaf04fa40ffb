/// The catalogue a 公共企事业单位 starts from, per sector. The national rules are made per sector by
/// the competent ministries (公共企事业单位信息公开规定); the rows here are the common core of those
/// rules as a starting point — UNVERIFIED against each sector's current text, so every row stays
/// editable in the unit's catalogue and the basis says to follow the sector's own rule.
public enum SectorCatalogue {
    public static let basis = "本行业公共企事业单位信息公开规定（以行业主管部门现行规定为准）"

    /// The catalogue domain of the sector.
    public static func domain(for kind: OrganisationKind) -> String? {
        switch kind {
        case .school: return "教育"
        case .hospital: return "卫生健康"
        case .utility: return "供水供电供气供热"
        case .environmentalService: return "环境保护"
        case .publicTransport: return "公共交通"
        case .affiliatedInstitution: return "事业单位"
        default: return nil
        }
    }

    public static func rows(for kind: OrganisationKind, unit: String) -> [CatalogueRow] {
        var specific: [(String, String, String)]
        switch kind {
        case .school:
            specific = [("招生入学", "招生范围、条件、程序和结果", "及时公开"), ("收费项目和标准", "收费项目、标准、依据和投诉电话", "信息形成或者变更之日起20个工作日内"),
                        ("学生资助", "资助政策、对象和结果（个人信息脱敏）", "及时公开"), ("食品安全", "食堂管理、食材来源和检查结果", "每季度")]
        case .hospital:
            specific = [("医疗服务价格", "医疗服务项目价格和药品价格", "信息形成或者变更之日起20个工作日内"), ("就医指南", "挂号、就诊流程和医保结算", "变更后及时"),
                        ("医疗质量安全", "医疗质量控制和安全管理情况", "每年")]
        case .utility:
            specific = [("价格收费", "价格标准、收费依据和缴费方式", "信息形成或者变更之日起20个工作日内"), ("停复业信息", "计划停水、停电、停气、停热的时间和范围", "及时公开"),
                        ("服务质量", "供应质量指标和检测结果", "每季度"), ("报装办理", "报装流程、时限和材料", "变更后及时")]
        case .environmentalService:
            specific = [("排放和处理情况", "主要污染物排放或处理量、达标情况", "每季度"), ("监测数据", "在线监测和委托监测结果", "实时公开"),
                        ("收费标准", "处理费等收费项目和标准", "信息形成或者变更之日起20个工作日内")]
        case .publicTransport:
            specific = [("线路和班次", "运营线路、站点、首末班时间", "及时公开"), ("票价", "票价标准和优惠政策", "信息形成或者变更之日起20个工作日内"),
                        ("运营安全", "安全管理和突发事件处置", "及时公开")]
        default:
            specific = [("主要职责和业务", "承担的公共服务事项", "变更后及时")]
        }
        let common = [("单位概况", "单位名称、地址、负责人和联系方式", "信息形成或者变更之日起20个工作日内")] + specific
            + [("投诉和监督", "投诉电话、信箱和处理时限", "变更后及时"), ("突发事件应急处置", "应急预案、处置情况和服务恢复时间", "事件发生后及时")]
        return common.map { l1, content, limit in
            var r = CatalogueRow()
            r.level1 = l1; r.content = content; r.timeLimit = limit; r.basis = basis; r.subject = unit; r.channels = ["政府网站", "单位公开栏"]
            return r
        }
    }
}
