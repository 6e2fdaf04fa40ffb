import FluentKit
import Foundation
import GongkaiDomain

/// An issue of the electronic 政府公报: its year and number, the day it was issued, and (once
/// published) when; the items it carries are `GazetteEntry` rows.
final class GazetteIssue: Model, @unchecked Sendable {
    static let schema = "gazette_issues"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "year") var year: Int
    @Field(key: "number") var number: Int
    /// 总期数, counted over all years.
    @Field(key: "overall") var overall: Int
    @Field(key: "issued_on") var issuedOn: String
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var title: String { GazetteSection.issueTitle(year: year, number: number, overall: overall) }
}

/// One published item carried by an issue, in its section and place.
final class GazetteEntry: Model, @unchecked Sendable {
    static let schema = "gazette_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "issue_id") var issueID: UUID
    @Field(key: "section") var section: String
    @Field(key: "position") var position: Int
    @Field(key: "item_id") var itemID: UUID

    init() {}

    var sectionValue: GazetteSection { GazetteSection(rawValue: section) ?? .other }
}
