import FluentKit
import Foundation
import SQLKit

/// The catalogue's domains become the county's own data (issue 11.14): seeded with the thirty domains of
/// the 安岳 work plan's 附件1 and their responsible units, editable by the county office. Catalogue versions
/// get an approval: a change goes public only once someone other than its author has approved it;
/// versions from before this migration count as approved.
struct M030CatalogueDomainsAndReview: AsyncMigration {
    var name: String { "M030CatalogueDomainsAndReview" }

    /// The seed list as it stood when this migration shipped (later changes are the county's data).
    static let seed: [(String, String)] = [
        ("自然资源", "县自然资源和规划局"), ("旅游", "县文化广播电视和旅游局"), ("新闻出版版权", "县委宣传部"),
        ("公共文化服务", "县文化广播电视和旅游局"), ("广播电视和网络视听", "县文化广播电视和旅游局"), ("统计", "县统计局"),
        ("交通运输", "县交通运输局"), ("重大建设项目", "县发展和改革局"), ("公共资源交易", "县政务服务和公共资源交易服务中心"),
        ("财政预决算", "县财政局"), ("税收管理", "县税务局"), ("保障性住房", "县房管局"), ("农村危房改造", "县住房和城乡建设局"),
        ("国有土地上房屋征收与补偿", "县房屋征收局"), ("市政服务", "县综合行政执法局"), ("城市综合执法", "县综合行政执法局"),
        ("生态环境", "生态环境部门"), ("巩固脱贫成果", "县乡村振兴局"), ("食品药品监管", "县市场监督管理局"),
        ("安全生产", "县应急管理局"), ("救灾", "县应急管理局"), ("公共法律服务", "县司法局"), ("就业", "县就业局"),
        ("社会保险", "县社保局"), ("社会救助", "县民政局"), ("养老服务", "县民政局"), ("户籍管理", "县公安局"),
        ("涉农补贴", "县农业农村局"), ("义务教育", "县教育和体育局"), ("卫生健康", "县卫生健康局"),
    ]

    func prepare(on db: any Database) async throws {
        try await db.schema("catalogue_domains")
            .id()
            .field("name", .string, .required)
            .field("responsible_name", .string, .required)
            .field("responsible_organisation_id", .int)
            .field("position", .int, .required)
            .field("active", .bool, .required)
            .unique(on: "name")
            .create()
        for (i, d) in Self.seed.enumerated() {
            try await db.query(CatalogueDomainSeedRow.self).set(\.$id, to: UUID()).set(\.$name, to: d.0).set(\.$responsibleName, to: d.1)
                .set(\.$position, to: i + 1).set(\.$active, to: true).create()
        }
        try await db.schema("catalogue_versions").field("approved_at", .datetime).update()
        try await db.schema("catalogue_versions").field("approved_by", .string, .required, .sql(.default(SQLRaw("''")))).update()
        try await db.schema("catalogue_versions").field("changed_by_id", .uuid).update()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("UPDATE catalogue_versions SET approved_at = changed_at, approved_by = '（审核环节上线前的版本）'").run()
        }
    }

    func revert(on db: any Database) async throws {
        for field in ["changed_by_id", "approved_by", "approved_at"] {
            try await db.schema("catalogue_versions").deleteField(.init(stringLiteral: field)).update()
        }
        try await db.schema("catalogue_domains").delete()
    }
}

/// The table as this migration created it (migrations do not use the live models).
private final class CatalogueDomainSeedRow: Model, @unchecked Sendable {
    static let schema = "catalogue_domains"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "responsible_name") var responsibleName: String
    @Field(key: "position") var position: Int
    @Field(key: "active") var active: Bool
    init() {}
}
