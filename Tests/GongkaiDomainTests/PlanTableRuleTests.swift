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

/// Whole tables in the layouts of the seeds: 濉溪's (序号, 工作任务, 责任单位, 时限要求) and 安岳's 附件2
/// (类别 merged down, 工作内容, 工作重点, 工作计划 with the date inside, 责任单位, 备注).
final class TaskTableTests: XCTestCase {
    func testSuixiLayout() throws {
        let cells = [
            ["2024年政务公开工作任务分解表"],
            ["序号", "工作任务", "责任单位", "时限要求"],
            ["1", "围绕经济社会发展目标任务，做好重大战略、重大部署的政策解读", "县政府办公室、县发改委、县自然资源和规划局牵头，县政府有关部门负责落实", "年底前"],
            ["2", "加强营商环境政策公开", "县发改委牵头，县直各单位负责落实", "年底前"],
            ["3", "持续做好医疗卫生领域信息公开", "县卫健委牵头，各镇、县直各单位负责落实", "持续推进"],
            ["", "", "", ""],
            ["4", "10月底前完成政府信息公开专栏检查", "县政府办公室牵头，县直各单位负责落实", "10月底前"],
        ]
        guard case .table(let t) = TaskTable.parse(cells, planYear: 2024) else { return XCTFail("\(TaskTable.parse(cells, planYear: 2024))") }
        XCTAssertEqual(t.rows.count, 4)
        XCTAssertEqual(t.rows[0].line, 3)
        XCTAssertEqual(t.rows[0].units.leads, ["县政府办公室", "县发改委", "县自然资源和规划局"])
        XCTAssertEqual(t.rows[2].deadline, .continuous)
        XCTAssertEqual(t.rows[2].units.participantGroups, [.townships, .countyDepartments])
        XCTAssertEqual(t.rows[3].line, 7, "the blank row is skipped, the line numbers stay the sheet's")
        XCTAssertEqual(t.rows[3].deadline, .by(CivilDate(iso: "2024-10-31")!))
    }

    func testAnyueLayoutWithMergedCategoryAndDateInThePlan() throws {
        let cells = [
            ["类别", "工作内容", "工作重点", "工作计划", "责任单位", "备注"],
            ["深化基层政务公开标准化", "完善政务公开事项标准目录", "县级相关部门要根据基层政务公开标准指引……",
             "2023 年 8 月底前对照政务公开事项标准目录在县级政府门户网站完善本地区公开内容", "各乡镇(街 道)、县级 相关部门", ""],
            ["", "设立政务公开 专区(窗口)", "在政务服务场所设立政务公开专区(窗口)……", "2023年9月底前完成政务 公开专区(窗口)设立工 作并正常运转。",
             "县行政审批 局,各乡镇 (街道)、县 级相关部门", ""],
        ]
        guard case .table(let t) = TaskTable.parse(cells, planYear: 2023) else { return XCTFail("\(TaskTable.parse(cells, planYear: 2023))") }
        XCTAssertEqual(t.rows.map(\.category), ["深化基层政务公开标准化", "深化基层政务公开标准化"])
        XCTAssertEqual(t.rows[0].deadline, .by(CivilDate(iso: "2023-08-31")!))
        XCTAssertEqual(t.rows[0].units.leadGroups, [.townships, .countyDepartments])
        XCTAssertEqual(t.rows[1].units.leads, ["县行政审批局"])
        XCTAssertEqual(t.rows[1].deadline, .by(CivilDate(iso: "2023-09-30")!))
    }

    func testEveryProblemByRowAndColumnAndNothingImported() {
        let cells = [
            ["序号", "工作任务", "责任单位", "时限要求"],
            ["1", "做好政策解读", "县政府办公室牵头", "年底前"],
            ["2", "", "", "适时"],
            ["3", "公开财政预决算", "县财政局", "13月底前"],
        ]
        guard case .problems(let problems) = TaskTable.parse(cells, planYear: 2024) else { return XCTFail("a table with problems imports nothing") }
        XCTAssertEqual(problems.map(\.description), [
            "第3行“工作任务”：不能为空",
            "第3行“责任单位”：不能为空",
            "第3行“时限要求”：时限无法识别：“适时”（可写“年底前”“10月底前”“6月30日前”“持续推进”“每季度”）",
            "第4行“时限要求”：时限无法识别：“13月底前”（可写“年底前”“10月底前”“6月30日前”“持续推进”“每季度”）",
        ])
        guard case .problems(let header) = TaskTable.parse([["名称", "说明"], ["a", "b"]], planYear: 2024) else { return XCTFail() }
        XCTAssertEqual(header.first?.column, "表头")
        guard case .problems(let empty) = TaskTable.parse([["工作任务", "责任单位", "时限要求"]], planYear: 2024) else { return XCTFail() }
        XCTAssertEqual(empty.first?.message, "表头下面没有任务")
        let many = [["工作任务", "责任单位", "时限要求"]] + Array(repeating: ["任务", "县财政局", "年底前"], count: TaskTable.maxRows + 1)
        guard case .problems(let tooMany) = TaskTable.parse(many, planYear: 2024) else { return XCTFail() }
        XCTAssertEqual(tooMany.first?.message, "一次最多导入1000项任务")
    }
}
