import XCTest
@testable import GongkaiDomain

/// The stored names of an item's history steps do not change (rows written before keep their
/// meaning), and each has its own Chinese label.
final class ItemHistoryActionTests: XCTestCase {
    func testStoredNamesAndLabels() {
        let expected: [String: String] = [
            "created": "新建", "edited": "修改", "attached": "上传附件", "detached": "删除附件", "masked": "个人信息脱敏",
            "overridden": "保密审查放行", "submitted": "提交审核", "approved": "审核通过", "sent_back": "退回修改", "withdrawn": "撤回",
            "published": "发布", "corrected": "更正", "validity": "变更有效性", "imported": "导入", "change_proposed": "提出变更",
            "change_approved": "变更审核通过", "change_returned": "变更退回", "change_masked": "变更脱敏", "change_overridden": "变更保密审查放行",
        ]
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: ItemHistoryAction.allCases.map { ($0.rawValue, $0.label) }), expected)
    }
}
