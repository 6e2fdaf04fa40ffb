import FluentKit
import Foundation

/// Government information items, their history and their corrected versions.
struct M012CreateInformationItems: AsyncMigration {
    var name: String { "M012CreateInformationItems" }

    func prepare(on db: any Database) async throws {
        try await db.schema("information_items")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("index_number", .string, .required)
            .field("year", .int, .required)
            .field("serial", .int, .required)
            .field("title", .string, .required)
            .field("document_number", .string, .required)
            .field("co_issuers", .string, .required)
            .field("written_on", .string, .required)
            .field("formed_on", .string, .required)
            .field("kind", .string, .required)
            .field("genre", .string, .required)
            .field("topic", .string, .required)
            .field("keywords", .string, .required)
            .field("summary", .string, .required)
            .field("body_html", .string, .required)
            .field("columns", .string, .required)
            .field("attribute", .string, .required)
            .field("ground", .string)
            .field("ground_reason", .string, .required)
            .field("reevaluate_on", .string)
            .field("validity", .string, .required)
            .field("effective_on", .string)
            .field("expires_on", .string)
            .field("successor_id", .uuid)
            .field("interprets_id", .uuid)
            .field("status", .string, .required)
            .field("review_step", .int)
            .field("publish_at", .datetime)
            .field("published_at", .datetime)
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("override_reason", .string)
            .field("override_by", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "index_number")
            .unique(on: "organisation_id", "year", "serial")
            .create()
        try await db.schema("item_events")
            .id()
            .field("item_id", .uuid, .required, .references("information_items", "id"))
            .field("seq", .int, .required)
            .field("action", .string, .required)
            .field("actor_name", .string, .required)
            .field("note", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await db.schema("check_terms")
            .id()
            .field("list", .string, .required)
            .field("term", .string, .required)
            .field("value", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "list", "term")
            .create()
        // The typo list ships with a starter set the administrators extend (the list as shipped
        // with this migration; the domain's TypoCheck.starterList may grow later).
        for (wrong, right) in Self.typoStarterList {
            try await CheckTermRowV1(list: "typo", term: wrong, value: right).create(on: db)
        }
        try await db.schema("item_versions")
            .id()
            .field("item_id", .uuid, .required, .references("information_items", "id"))
            .field("version", .int, .required)
            .field("title", .string, .required)
            .field("body_html", .string, .required)
            .field("reason", .string, .required)
            .field("corrected_at", .datetime, .required)
            .field("corrected_by", .string, .required)
            .create()
    }

    static let typoStarterList: [(String, String)] = [
        ("按装", "安装"), ("即然", "既然"), ("再接再励", "再接再厉"), ("迫不急待", "迫不及待"), ("一股作气", "一鼓作气"),
        ("默守成规", "墨守成规"), ("谈笑风声", "谈笑风生"), ("变本加利", "变本加厉"), ("出奇不意", "出其不意"),
        ("走头无路", "走投无路"), ("甘败下风", "甘拜下风"), ("自抱自弃", "自暴自弃"), ("针贬时弊", "针砭时弊"),
        ("穿流不息", "川流不息"), ("美仑美奂", "美轮美奂"), ("金榜提名", "金榜题名"), ("入场卷", "入场券"),
        ("一愁莫展", "一筹莫展"), ("食不裹腹", "食不果腹"), ("重迭", "重叠"), ("渡假村", "度假村"), ("幅射", "辐射"),
        ("松驰", "松弛"), ("精萃", "精粹"), ("布署", "部署"), ("做为", "作为"), ("帐号", "账号"), ("帐户", "账户"),
        ("建全", "健全"), ("宣染", "渲染"), ("凑和", "凑合"), ("防碍", "妨碍"), ("九宵", "九霄"), ("追朔", "追溯"), ("发韧", "发轫"),
        ("滥芋充数", "滥竽充数"), ("不径而走", "不胫而走"), ("既使", "即使"), ("急燥", "急躁"), ("暄嚣", "喧嚣"),
    ]

    func revert(on db: any Database) async throws {
        try await db.schema("item_versions").delete()
        try await db.schema("check_terms").delete()
        try await db.schema("item_events").delete()
        try await db.schema("information_items").delete()
    }
}
