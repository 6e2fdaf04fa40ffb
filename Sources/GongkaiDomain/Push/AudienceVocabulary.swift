/// The words a county uses for audiences: groups and life events are configurable
/// (`GONGKAI_PUSH_GROUPS`, `GONGKAI_PUSH_LIFE_EVENTS`, `GONGKAI_PUSH_PARKS`); industries and
/// enterprise sizes follow the national classifications.
public struct AudienceVocabulary: Sendable, Equatable {
    public let groups: [String]
    public let lifeEvents: [String]
    public let parks: [String]

    public static let defaultGroups = ["农民", "低保对象", "特困人员", "退役军人", "高校毕业生", "老年人", "残疾人", "儿童", "脱贫人口", "个体工商户", "企业"]
    public static let defaultLifeEvents = ["生育", "入学", "就业", "创业", "婚姻", "住房", "就医", "退休", "身后事"]
    public static let defaultParks: [String] = []

    public init(groups: [String] = AudienceVocabulary.defaultGroups, lifeEvents: [String] = AudienceVocabulary.defaultLifeEvents,
                parks: [String] = AudienceVocabulary.defaultParks) {
        self.groups = groups
        self.lifeEvents = lifeEvents
        self.parks = parks
    }

    /// A configured list: names separated by commas (either width) or 、; each 1–20 characters,
    /// at most 40 names. Nil when the text breaks those limits.
    public static func parseList(_ text: String) -> [String]? {
        let names = text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard names.count <= 40, names.allSatisfy({ $0.count <= 20 }) else { return nil }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}

/// 国民经济行业分类 (GB/T 4754—2017): the twenty sections.
public enum IndustrySection: String, CaseIterable, Sendable {
    case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F", g = "G", h = "H", i = "I", j = "J"
    case k = "K", l = "L", m = "M", n = "N", o = "O", p = "P", q = "Q", r = "R", s = "S", t = "T"

    public var label: String {
        switch self {
        case .a: return "农、林、牧、渔业"
        case .b: return "采矿业"
        case .c: return "制造业"
        case .d: return "电力、热力、燃气及水生产和供应业"
        case .e: return "建筑业"
        case .f: return "批发和零售业"
        case .g: return "交通运输、仓储和邮政业"
        case .h: return "住宿和餐饮业"
        case .i: return "信息传输、软件和信息技术服务业"
        case .j: return "金融业"
        case .k: return "房地产业"
        case .l: return "租赁和商务服务业"
        case .m: return "科学研究和技术服务业"
        case .n: return "水利、环境和公共设施管理业"
        case .o: return "居民服务、修理和其他服务业"
        case .p: return "教育"
        case .q: return "卫生和社会工作"
        case .r: return "文化、体育和娱乐业"
        case .s: return "公共管理、社会保障和社会组织"
        case .t: return "国际组织"
        }
    }
}

/// 大中小微 per the national classification of enterprise size (统计上大中小微型企业划分办法).
public enum EnterpriseSize: String, CaseIterable, Sendable {
    case large, medium, small, micro

    public var label: String {
        switch self {
        case .large: return "大型企业"
        case .medium: return "中型企业"
        case .small: return "小型企业"
        case .micro: return "微型企业"
        }
    }
}
