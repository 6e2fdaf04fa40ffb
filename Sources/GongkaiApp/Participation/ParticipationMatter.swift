import FluentKit
import Foundation
import GongkaiDomain

/// One line of the 公众参与事项清单: a matter open to participation, who it concerns, how and where to
/// take part, and when.
final class ParticipationMatter: Model, @unchecked Sendable {
    static let schema = "participation_matters"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "year") var year: Int
    @Field(key: "position") var position: Int
    @Field(key: "matter") var matter: String
    /// 参与范围: who is asked (e.g. 城区居民、相关企业).
    @Field(key: "scope") var scope: String
    /// 参与方式, raw values of `ParticipationMethod` separated by commas.
    @Field(key: "methods") var methods: String
    /// 参与渠道 (website section, hotline, address).
    @Field(key: "channels") var channels: String
    /// 时间安排.
    @Field(key: "timing") var timing: String
    @OptionalField(key: "published_at") var publishedAt: Date?

    init() {}

    var methodLabels: String {
        methods.split(separator: ",").compactMap { ParticipationMethod(rawValue: String($0))?.label }.joined(separator: "、")
    }

    /// The row as entered, checked field by field.
    static func parse(_ value: (String) -> String, methods: [String]) -> (matter: String, scope: String, methods: [ParticipationMethod],
                                                                          channels: String, timing: String, errors: [String: String]) {
        var e: [String: String] = [:]
        func text(_ field: String, _ label: String, limit: Int) -> String {
            let v = value(field).trimmingSpaces()
            if v.isEmpty { e[field] = "请填写\(label)" } else if v.count > limit { e[field] = "\(label)不能超过\(limit)个字" }
            return v
        }
        let matter = text("matter", "参与事项", limit: 200)
        let scope = text("scope", "参与范围", limit: 200)
        let channels = text("channels", "参与渠道", limit: 300)
        let timing = text("timing", "时间安排", limit: 100)
        let chosen = ParticipationMethod.allCases.filter { methods.contains($0.rawValue) }
        if chosen.isEmpty { e["matter_methods"] = "请至少选择一种参与方式" }
        return (matter, scope, chosen, channels, timing, e)
    }
}

extension Int {
    /// nil for 0: a Mustache section should not open for "nothing".
    var nonZero: Int? { self == 0 ? nil : self }
}
