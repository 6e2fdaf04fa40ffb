/// The attributes drafting suggests for an item, from its words, its columns and its publisher:
/// a reviewer confirms or changes them before they are used for matching.
public struct AudienceSuggester: Sendable {
    public let vocabulary: AudienceVocabulary

    public init(vocabulary: AudienceVocabulary) { self.vocabulary = vocabulary }

    /// Words that point to a group or life event (the group's own name always counts).
    static let groupCues: [String: [String]] = [
        "农民": ["涉农", "农业", "种粮", "耕地", "农村", "农户", "农机", "惠农"],
        "低保对象": ["低保", "最低生活保障"],
        "特困人员": ["特困", "五保"],
        "退役军人": ["退役", "优抚", "军属"],
        "高校毕业生": ["毕业生", "大学生"],
        "老年人": ["养老", "高龄", "老年"],
        "残疾人": ["残疾", "残疾人"],
        "儿童": ["儿童", "未成年", "孤儿"],
        "脱贫人口": ["脱贫", "防返贫", "监测户"],
        "个体工商户": ["个体工商户", "个体户"],
        "企业": ["企业", "中小企业", "营商环境"],
    ]
    static let lifeEventCues: [String: [String]] = [
        "生育": ["生育", "出生", "育儿", "托育"],
        "入学": ["入学", "招生", "学前教育", "义务教育"],
        "就业": ["就业", "招聘", "职业技能"],
        "创业": ["创业", "返乡"],
        "婚姻": ["婚姻", "结婚"],
        "住房": ["住房", "公租房", "危房改造", "保障性住房"],
        "就医": ["医保", "医疗", "就医"],
        "退休": ["退休", "养老保险"],
        "身后事": ["殡葬", "丧葬"],
    ]
    static let sizeCues: [(EnterpriseSize, [String])] = [(.small, ["小微", "小型企业"]), (.micro, ["小微", "微型企业"])]

    /// `region`: the publisher when it is a township or village (its notices concern its own area).
    public func suggest(text: String, region: Int?) -> Audience {
        func cued(_ names: [String], _ cues: [String: [String]]) -> [String] {
            names.filter { name in text.contains(name) || (cues[name] ?? []).contains { text.contains($0) } }
        }
        var a = Audience()
        a.regions = region.map { [$0] } ?? []
        a.groups = cued(vocabulary.groups, Self.groupCues)
        a.lifeEvents = cued(vocabulary.lifeEvents, Self.lifeEventCues)
        a.sizes = Self.sizeCues.filter { $0.1.contains { text.contains($0) } }.map(\.0.rawValue)
        a.parks = vocabulary.parks.filter { text.contains($0) }
        return a.normalised(vocabulary)
    }
}
