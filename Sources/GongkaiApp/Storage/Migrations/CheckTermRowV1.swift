import FluentKit
import Foundation

/// The check_terms table as M012 created it, for the migrations that seed it (M012, M026):
/// independent of the live model, so later changes to that model cannot change what they do.
final class CheckTermRowV1: Model, @unchecked Sendable {
    static let schema = "check_terms"
    @ID(key: .id) var id: UUID?
    @Field(key: "list") var list: String
    @Field(key: "term") var term: String
    @Field(key: "value") var value: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(list: String, term: String, value: String) {
        id = UUID()
        self.list = list
        self.term = term
        self.value = value
        createdAt = Date()
    }
}
