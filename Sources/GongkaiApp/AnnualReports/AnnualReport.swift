import FluentKit
import Foundation
import GongkaiDomain

/// One organisation's 政府信息公开工作年度报告 for one year: the texts staff write, the figures they
/// enter, and once published a frozen snapshot of every table.
final class AnnualReport: Model, @unchecked Sendable {
    static let schema = "annual_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "year") var year: Int
    @Field(key: "format") var format: String
    @Field(key: "overview") var overview: String
    @Field(key: "problems") var problems: String
    @Field(key: "other_matters") var otherMatters: String
    @Field(key: "entered_json") var enteredJSON: String
    @Field(key: "status") var status: String
    @OptionalField(key: "snapshot_json") var snapshotJSON: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String

    init() {}

    var isPublished: Bool { status == "published" }

    var entered: ProactiveTable.EnteredFigures {
        (try? JSONDecoder().decode(ProactiveTable.EnteredFigures.self, from: Data(enteredJSON.utf8))) ?? .init()
    }
}

final class AnnualReportCorrection: Model, @unchecked Sendable {
    static let schema = "annual_report_corrections"

    @ID(key: .id) var id: UUID?
    @Field(key: "report_id") var reportID: UUID
    @Field(key: "note") var note: String
    @Field(key: "corrected_at") var correctedAt: Date
    @Field(key: "corrected_by") var correctedBy: String

    init() {}
}

/// What a published report shows, frozen at publication (a later correction replaces it, visibly).
struct ReportSnapshot: Codable, Sendable {
    let title: String
    let organisation: String
    let year: Int
    let overview: String
    let proactive: ReportGrid
    let applications: ReportGrid
    let reviews: ReportGrid
    let problems: String
    let otherMatters: String
    let date: String
}
