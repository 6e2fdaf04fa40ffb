/// 主题分类: the 21 top-level subjects used by gov.cn and most disclosure platforms, with the
/// second levels known (practice.md §2.3). Deployments may extend the list.
public struct TopicCategory: Sendable, Equatable {
    public let name: String
    public let subtopics: [String]

    public init(name: String, subtopics: [String] = []) {
        self.name = name
        self.subtopics = subtopics
    }

    public static let standard: [TopicCategory] = [
        .init(name: "综合政务", subtopics: ["政务公开", "电子政务", "应急管理", "政务督查", "文秘工作", "参事、文史", "其他"]),
        .init(name: "国民经济管理、国有资产监管"),
        .init(name: "财政、金融、审计"),
        .init(name: "国土资源、能源"),
        .init(name: "农业、林业、水利"),
        .init(name: "工业、交通"),
        .init(name: "商贸、海关、旅游"),
        .init(name: "市场监管、安全生产监管"),
        .init(name: "城乡建设、环境保护"),
        .init(name: "科技、教育"),
        .init(name: "文化、广电、新闻出版"),
        .init(name: "卫生、体育"),
        .init(name: "人口与计划生育、妇女儿童工作"),
        .init(name: "劳动、人事、监察"),
        .init(name: "公安、安全、司法"),
        .init(name: "民政、扶贫、救灾", subtopics: ["优抚安置", "社会福利", "行政区划与地名", "社团管理", "扶贫", "减灾救灾"]),
        .init(name: "民族、宗教", subtopics: ["民族事务", "宗教事务"]),
        .init(name: "对外事务", subtopics: ["外交、外事", "国际条约、国际组织", "其他"]),
        .init(name: "港澳台侨工作", subtopics: ["港澳工作", "对台工作", "侨务工作"]),
        .init(name: "国防", subtopics: ["国防建设", "国防动员"]),
        .init(name: "其他"),
    ]

    /// A deployment's own list, one entry per line: "一级" or "一级/二级" (a second level adds its
    /// first level if that is not listed). Empty text means the standard list.
    public static func list(from lines: [String]) -> [TopicCategory] {
        var order: [String] = []
        var subs: [String: [String]] = [:]
        for raw in lines {
            let parts = raw.split(separator: "/", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard let top = parts.first, !top.isEmpty else { continue }
            if subs[top] == nil { order.append(top); subs[top] = [] }
            if parts.count == 2, !parts[1].isEmpty, !subs[top]!.contains(parts[1]) { subs[top]!.append(parts[1]) }
        }
        return order.isEmpty ? standard : order.map { TopicCategory(name: $0, subtopics: subs[$0] ?? []) }
    }

    /// The option values of a list: every first level, then its second levels as "一级/二级".
    public static func values(of list: [TopicCategory]) -> [String] {
        list.flatMap { t in [t.name] + t.subtopics.map { "\(t.name)/\($0)" } }
    }

    /// "民政、扶贫、救灾/社会福利" or "综合政务": whether a stored value names a known topic.
    public static func isKnown(_ value: String, in list: [TopicCategory] = standard) -> Bool {
        let parts = value.split(separator: "/", maxSplits: 1).map(String.init)
        guard let top = list.first(where: { $0.name == parts.first }) else { return false }
        return parts.count == 1 || top.subtopics.contains(parts[1])
    }
}
