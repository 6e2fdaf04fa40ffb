import XCTest
@testable import GongkaiDomain

/// Reading the cells of the seeds' task tables: 责任单位 into lead units and participants (濉溪's
/// "牵头 … 负责落实", 安岳's "逗号前为牵头单位", PDF line breaks inside names), 时限要求 into dates, and
/// free-text unit names matched to organisations without guessing.
final class PlanTableRuleTests: XCTestCase {
    func testLeadAndParticipantsInTheSeedsPhrasings() {
        var u = ResponsibleUnits.parse("县财政局牵头，各镇、县直各单位负责落实")
        XCTAssertEqual(u.leads, ["县财政局"])
        XCTAssertEqual(u.participants, [])
        XCTAssertEqual(u.participantGroups, [.townships, .countyDepartments])

        u = ResponsibleUnits.parse("县政府办公室、县发改委、县自然资源和规划局牵头，县政府有关部门负责落实")
        XCTAssertEqual(u.leads, ["县政府办公室", "县发改委", "县自然资源和规划局"])
        XCTAssertEqual(u.participantGroups, [.countyDepartments])

        u = ResponsibleUnits.parse("县政府办公室牵头， 县发改委、县经信局、县商务局、县开发区会、濉芜产业园等部门，县直各单位负责落实")
        XCTAssertEqual(u.leads, ["县政府办公室"])
        XCTAssertEqual(u.participants, ["县发改委", "县经信局", "县商务局", "县开发区会", "濉芜产业园"])
        XCTAssertEqual(u.participantGroups, [.countyDepartments])

        u = ResponsibleUnits.parse("县司法局,县政府工作部门、各乡镇(街道)人民政府(办事处)")
        XCTAssertEqual(u.leads, ["县司法局"])
        XCTAssertEqual(u.participantGroups, [.countyDepartments, .townships])

        u = ResponsibleUnits.parse("县政府办公室、县文化广播电视和旅游局、县行政审批局、县档案局,县政府工作部门、乡镇(街道)人民政府(办事处)")
        XCTAssertEqual(u.leads, ["县政府办公室", "县文化广播电视和旅游局", "县行政审批局", "县档案局"])
        XCTAssertEqual(u.participantGroups, [.countyDepartments, .townships])

        // Without a comma or 牵头 every unit leads; PDF line breaks and full-width parentheses are cleaned.
        u = ResponsibleUnits.parse("县政府工作部门、各乡镇（街道）人民政府（办事处）")
        XCTAssertEqual(u.leads, [])
        XCTAssertEqual(u.leadGroups, [.countyDepartments, .townships])
        u = ResponsibleUnits.parse("县行政审批 局,各乡镇 (街道)、县 级相关部门")
        XCTAssertEqual(u.leads, ["县行政审批局"])
        XCTAssertEqual(u.participantGroups, [.townships, .countyDepartments])
        u = ResponsibleUnits.parse("县文化广播 和旅游局、 县档案馆")
        XCTAssertEqual(u.leads, ["县文化广播和旅游局", "县档案馆"])
        u = ResponsibleUnits.parse(" 县政府办公室, 各政务新媒体主办单位")
        XCTAssertEqual(u.participantGroups, [.newMediaOwners])
        XCTAssertTrue(ResponsibleUnits.parse("  ").isEmpty)
    }

    func testDeadlinesInTheSeedsPhrasings() {
        func d(_ s: String) -> TaskDeadline { .by(CivilDate(iso: s)!) }
        XCTAssertEqual(TaskDeadline.parse("年底前", planYear: 2024), d("2024-12-31"))
        XCTAssertEqual(TaskDeadline.parse("10月底前", planYear: 2024), d("2024-10-31"))
        XCTAssertEqual(TaskDeadline.parse("2月底前", planYear: 2024), d("2024-02-29"))
        XCTAssertEqual(TaskDeadline.parse("2023 年 8 月底前对照政务公开事项标准目录在县级政府门户网站完善本地区公开内容", planYear: 2024), d("2023-08-31"))
        XCTAssertEqual(TaskDeadline.parse("2023年9月底前完成政务 公开专区(窗口)设立工 作并正常运转。", planYear: 2023), d("2023-09-30"))
        XCTAssertEqual(TaskDeadline.parse("6月30日前", planYear: 2025), d("2025-06-30"))
        XCTAssertEqual(TaskDeadline.parse("每月中旬", planYear: 2025), .monthly)
        XCTAssertEqual(TaskDeadline.parse("3月中旬", planYear: 2025), d("2025-03-20"))
        XCTAssertEqual(TaskDeadline.parse("上半年", planYear: 2025), d("2025-06-30"))
        XCTAssertEqual(TaskDeadline.parse("第三季度", planYear: 2025), d("2025-09-30"))
        XCTAssertEqual(TaskDeadline.parse("持续推进", planYear: 2025), .continuous)
        XCTAssertEqual(TaskDeadline.parse("长期坚持", planYear: 2025), .continuous)
        XCTAssertEqual(TaskDeadline.parse("每季度", planYear: 2025), .quarterly)
        XCTAssertNil(TaskDeadline.parse("牵头单位对除涉及秘密或 安全稳定外的重要信息的 公开率达 100%。", planYear: 2025))
        XCTAssertNil(TaskDeadline.parse("13月底前", planYear: 2025))
        XCTAssertNil(TaskDeadline.parse("2月30日前", planYear: 2025))
        XCTAssertNil(TaskDeadline.parse("", planYear: 2025))
        let today = CivilDate(iso: "2025-11-05")!
        XCTAssertEqual(TaskDeadline.quarterly.due(after: today), CivilDate(iso: "2025-12-31"))
        XCTAssertEqual(TaskDeadline.monthly.due(after: today), CivilDate(iso: "2025-11-30"))
        XCTAssertEqual(TaskDeadline.monthly.due(after: CivilDate(iso: "2025-12-05")!), CivilDate(iso: "2025-12-31"))
        XCTAssertNil(TaskDeadline.continuous.due(after: today))
        XCTAssertEqual(TaskDeadline.parse("年底前", planYear: 2024)?.label, "2024年12月31日前")
    }

    func testUnitNamesMatchedWithoutGuessing() {
        let m = UnitNameMatcher(candidates: [
            .init(id: 1, name: "清溪县人民政府办公室", shortName: "县政府办"),
            .init(id: 2, name: "清溪县财政局", shortName: "县财政局"),
            .init(id: 3, name: "清溪县发展和改革局", shortName: "县发改局"),
            .init(id: 4, name: "清溪县卫生健康局", shortName: "县卫健局"),
            .init(id: 5, name: "清溪县自然资源和规划局", shortName: "县自然资源局"),
            .init(id: 6, name: "清溪县清溪镇人民政府", shortName: "清溪镇"),
            .init(id: 7, name: "清溪县石桥镇人民政府", shortName: "县财政局"),
        ], countyPrefix: "清溪县")
        XCTAssertEqual(m.match("县政府办公室"), .one(1))
        XCTAssertEqual(m.match("县发改委"), .one(3), "an abbreviation of the county's usage")
        XCTAssertEqual(m.match("县卫健委"), .one(4))
        XCTAssertEqual(m.match("县 自然资源和规划局"), .one(5))
        XCTAssertEqual(m.match("清溪镇"), .one(6))
        XCTAssertEqual(m.match("县财政局"), .several([2, 7]), "two organisations answer to the name: the office chooses")
        XCTAssertEqual(m.match("县开发区会"), .none)
        XCTAssertEqual(m.match(""), .none)
    }
}
