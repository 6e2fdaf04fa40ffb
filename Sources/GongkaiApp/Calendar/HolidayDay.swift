import FluentKit
import Foundation

/// A day of a holiday schedule entered by an administrator (a year the shipped file does not cover,
/// or a correction of one it does). A year present here replaces the shipped year as a whole.
public final class HolidayDay: Model, @unchecked Sendable {
    public static let schema = "holiday_days"

    @ID(key: .id) public var id: UUID?
    @Field(key: "year") public var year: Int
    /// yyyy-MM-dd
    @Field(key: "day") public var day: String
    /// "holiday" or "workday" (调休上班)
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// Marks a year as entered in the back office, even if it has no special days.
public final class HolidayYear: Model, @unchecked Sendable {
    public static let schema = "holiday_years"

    @ID(key: .id) public var id: UUID?
    @Field(key: "year") public var year: Int
    /// Where the arrangement comes from, e.g. 国办发明电〔2026〕x号.
    @Field(key: "source") public var source: String
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
