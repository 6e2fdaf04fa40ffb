import FluentKit
import Foundation
import GongkaiDomain

/// A 行政复议 or 行政诉讼 over a case's decision, kept with the case (table 四 of the annual report).
public final class ReviewProceeding: Model, @unchecked Sendable {
    public static let schema = "review_proceedings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "application_id") public var applicationID: UUID
    @Field(key: "kind") public var kind: String
    /// yyyy-MM-dd
    @Field(key: "filed_on") public var filedOn: String
    /// 复议机关 or 人民法院.
    @Field(key: "body") public var body: String
    @OptionalField(key: "concluded_on") public var concludedOn: String?
    @OptionalField(key: "result") public var result: String?
    @Field(key: "note") public var note: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    var record: ReviewTable.Record? {
        guard let k = ProceedingKind(rawValue: kind), let filed = CivilDate(iso: filedOn) else { return nil }
        return .init(kind: k, filed: filed, concluded: concludedOn.flatMap(CivilDate.init(iso:)),
                     result: result.flatMap(ProceedingResult.init(rawValue:)))
    }
}
