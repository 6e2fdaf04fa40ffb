import FluentKit
import Foundation
import GongkaiDomain

/// A questionnaire: open from `opensOn` through `closesOn` once published; results public when the
/// organiser says so.
final class Survey: Model, @unchecked Sendable {
    static let schema = "surveys"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @OptionalField(key: "decision_id") var decisionID: UUID?
    @Field(key: "title") var title: String
    @Field(key: "intro") var intro: String
    /// The questions as written (`Questionnaire.parse`).
    @Field(key: "definition") var definition: String
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String
    @Field(key: "results_public") var resultsPublic: Bool
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var questionnaire: Questionnaire { Questionnaire.parse(definition).0 ?? Questionnaire(questions: []) }
    var opens: CivilDate { CivilDate(iso: opensOn) ?? CivilDate(year: 2000, month: 1, day: 1)! }
    var closes: CivilDate { CivilDate(iso: closesOn) ?? CivilDate(year: 2000, month: 1, day: 1)! }

    func phase(on day: CivilDate) -> ConsultationPhase {
        publishedAt == nil ? .scheduled : ConsultationPhase.on(day, opensOn: opens, closesOn: closes)
    }
}

/// One respondent's answers.
final class SurveyResponse: Model, @unchecked Sendable {
    static let schema = "survey_responses"
    @ID(key: .id) var id: UUID?
    @Field(key: "survey_id") var surveyID: UUID
    @Field(key: "voter") var voter: String
    @Field(key: "client_address") var clientAddress: String
    /// {"0": ["满意"], "2": ["4"]}: answers by question index.
    @Field(key: "answers") var answers: String
    @Field(key: "submitted_at") var submittedAt: Date

    init() {}

    var decoded: [Int: [String]] {
        guard let raw = try? JSONDecoder().decode([String: [String]].self, from: Data(answers.utf8)) else { return [:] }
        return Dictionary(uniqueKeysWithValues: raw.compactMap { k, v in Int(k).map { ($0, v) } })
    }

    static func encode(_ answers: [Int: [String]]) -> String {
        let raw = Dictionary(uniqueKeysWithValues: answers.map { (String($0.key), $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(raw)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
