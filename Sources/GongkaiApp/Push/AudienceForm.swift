import Foundation
import GongkaiDomain

/// The checkboxes of audience attributes, shared by the subscription form, the 政策包 form and
/// the audience tagging form (one partial, `audience-fields`).
struct AudienceForm: Sendable {
    struct Choice: Sendable {
        let name: String
        let value: String
        let label: String
        let checked: Bool
        let key: String
    }

    struct Group: Sendable {
        let legend: String
        let hint: String?
        let choices: [Choice]
        let hasChoices: Bool
        let error: String?
    }

    let groups: [Group]

    static func make(vocabulary: AudienceVocabulary, regions: [(id: Int, label: String)], chosen a: Audience,
                     errors: [String: String], prefix: String) -> AudienceForm {
        func choices(_ name: String, _ options: [(String, String)], _ picked: [String]) -> [Choice] {
            options.enumerated().map { n, o in Choice(name: name, value: o.0, label: o.1, checked: picked.contains(o.0), key: "\(prefix)-\(name)-\(n)") }
        }
        func group(_ legend: String, _ hint: String?, _ c: [Choice], _ error: String? = nil) -> Group {
            Group(legend: legend, hint: hint, choices: c, hasChoices: !c.isEmpty, error: error)
        }
        return AudienceForm(groups: [
            group("所在乡镇（村、社区）", "不选表示全县；选了乡镇也会收到其下各村（社区）的相关信息", choices("region", regions.map { (String($0.id), $0.label) }, a.regions.map(String.init)), errors["region"]),
            group("身份（人群）", nil, choices("group", vocabulary.groups.map { ($0, $0) }, a.groups), errors["group"]),
            group("人生事项", nil, choices("life_event", vocabulary.lifeEvents.map { ($0, $0) }, a.lifeEvents)),
            group("所属行业（企业）", "国民经济行业分类门类", choices("industry", IndustrySection.allCases.map { ($0.rawValue, "\($0.rawValue) \($0.label)") }, a.industries)),
            group("企业规模", nil, choices("size", EnterpriseSize.allCases.map { ($0.rawValue, $0.label) }, a.sizes)),
            group("所在园区", nil, choices("park", vocabulary.parks.map { ($0, $0) }, a.parks)),
        ].filter(\.hasChoices))
    }
}
