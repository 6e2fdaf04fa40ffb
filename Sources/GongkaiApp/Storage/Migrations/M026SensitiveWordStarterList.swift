import FluentKit
import Foundation

/// A starter list of sensitive words, so that a new site flags secrecy markings from the first
/// day: the markings of 国家秘密 (保密法: 绝密、机密、秘密 with their ★ notation), internal-use
/// markings, and placeholders left in drafts. Written for this project; administrators extend
/// it. Added only where the list is still empty (an office's own list is never touched). The
/// words are written out here, not read from live code, so the migration stays as shipped.
struct M026SensitiveWordStarterList: AsyncMigration {
    var name: String { "M026SensitiveWordStarterList" }

    static let words = [
        "绝密", "绝密★", "机密★", "机密级", "秘密★", "秘密级", "国家秘密", "工作秘密", "涉密", "密级", "保密期限", "知悉范围",
        "内部资料", "内部文件", "内部使用", "内部参考", "仅供内部", "注意保存", "不得外传", "严禁外传", "严禁转发", "不宜公开",
        "未经审核", "XXX", "×××", "此处填写",
    ]

    func prepare(on db: any Database) async throws {
        let existing = try await db.query(CheckTermRowV1.self).filter(\.$list == "sensitive").count()
        guard existing == 0 else { return }
        for w in Self.words {
            try await CheckTermRowV1(list: "sensitive", term: w, value: "").create(on: db)
        }
    }

    func revert(on db: any Database) async throws {
        try await db.query(CheckTermRowV1.self).filter(\.$list == "sensitive").filter(\.$term ~~ Self.words).delete()
    }
}
