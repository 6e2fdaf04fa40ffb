import FluentKit
import Foundation
import GongkaiDomain

/// The finance table behind a village's 财务公开 item (the item's body is its HTML).
final class VillageFinance: Model, @unchecked Sendable {
    static let schema = "village_finance"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "period_key") var periodKey: String
    @Field(key: "opening_fen") var openingFen: Int
    @Field(key: "closing_fen") var closingFen: Int
    /// Lines "项目 | 金额".
    @Field(key: "income") var income: String
    @Field(key: "expense") var expense: String

    init() {}

    var table: FinanceTable? {
        guard let p = FinanceTable.Period(key: periodKey),
              case .success(let i) = FinanceTable.parseLines(income, label: "income"),
              case .success(let e) = FinanceTable.parseLines(expense, label: "expense") else { return nil }
        return FinanceTable(period: p, opening: Money(fen: openingFen), income: i, expense: e, closing: Money(fen: closingFen))
    }

    static func lines(_ l: [FinanceTable.Line]) -> String {
        l.map { "\($0.item) | \($0.amount.description.replacingOccurrences(of: ",", with: ""))" }.joined(separator: "\n")
    }
}

/// The masked rows behind a township's 惠农补贴/救助 list (or a village's own).
final class BenefitListRecord: Model, @unchecked Sendable {
    static let schema = "benefit_lists"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "rows") var rows: String

    init() {}

    var list: BenefitList? { BenefitList(stored: rows) }
}

/// A village's 村务监督委员会 contacts; for a township, whether each periodic village item needs a
/// photo of the physical 公开栏.
final class VillageProfile: Model, @unchecked Sendable {
    static let schema = "village_profiles"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "supervisors") var supervisors: String
    @Field(key: "require_board_photo") var requireBoardPhoto: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// One row of a village's 村级事项清单 (started from the township's template).
final class VillageMatter: Model, @unchecked Sendable {
    static let schema = "village_matters"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "position") var position: Int
    @Field(key: "matter") var matter: String
    @Field(key: "content") var content: String
    @Field(key: "timing") var timing: String
    /// The village column its items go into.
    @Field(key: "column_key") var columnKey: String
    @OptionalField(key: "published_at") var publishedAt: Date?

    init() {}
}

/// A village's item on a matter its township also published (the same matter at two levels).
final class VillageItemLink: Model, @unchecked Sendable {
    static let schema = "village_item_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "township_item_id") var townshipItemID: UUID

    init() {}
}
