import XCTest
@testable import GongkaiDomain

final class ServiceGuideRuleTests: XCTestCase {
    func complete() -> ServiceGuideContent {
        var c = ServiceGuideContent()
        c.name = "最低生活保障审核确认"; c.kind = .benefit; c.basis = "《社会救助暂行办法》"; c.conditions = "家庭人均收入低于当地低保标准"
        c.materials = [GuideMaterial(name: "居民身份证", source: .applicant, copies: 1, medium: .paper, requirement: "原件")]
        c.steps = [GuideStep(name: "申请", detail: "向乡镇人民政府提出")]
        c.statutoryDays = 30; c.promisedDays = 20; c.free = true; c.place = "县政务服务中心"; c.hours = "工作日 9:00-17:00"
        c.enquiryPhone = "0832-1234567"; c.complaintPhone = "12345"; c.visits = 1
        return c
    }

    /// Every key element, left out alone, is named — and only it.
    func testEveryMissingKeyElementIsNamed() {
        XCTAssertEqual(complete().missing, [])
        let blanks: [(ServiceGuideContent.Element, (inout ServiceGuideContent) -> Void)] = [
            (.name, { $0.name = "" }), (.kind, { $0.kind = nil }), (.basis, { $0.basis = "" }), (.conditions, { $0.conditions = "" }),
            (.materials, { $0.materials = [] }), (.steps, { $0.steps = [] }), (.statutoryDays, { $0.statutoryDays = nil }),
            (.promisedDays, { $0.promisedDays = nil }), (.fee, { $0.free = false; $0.fee = "" }), (.place, { $0.place = "" }),
            (.hours, { $0.hours = "" }), (.enquiryPhone, { $0.enquiryPhone = "" }), (.complaintPhone, { $0.complaintPhone = "" }),
            (.visits, { $0.visits = nil }),
        ]
        XCTAssertEqual(Set(blanks.map(\.0)), Set(ServiceGuideContent.Element.allCases), "the test covers every element")
        for (element, blank) in blanks {
            var c = complete()
            blank(&c)
            XCTAssertEqual(c.missing, [element], element.rawValue)
        }
        var charged = complete()
        charged.free = false; charged.fee = "工本费10元（依据……）"
        XCTAssertEqual(charged.missing, [], "a fee with its basis instead of 不收费")
        XCTAssertEqual(ServiceGuideContent().missing, ServiceGuideContent.Element.allCases, "in the guide's order")
    }

    func testMaterialsAndStepsAsLines() {
        let (m, e) = GuideMaterial.parse("居民身份证 | 申请人自备 | 1 | 纸质 | 原件核验\n\n户口簿|政府部门核发|2|纸质或电子\n")
        XCTAssertEqual(e, [])
        XCTAssertEqual(m, [GuideMaterial(name: "居民身份证", source: .applicant, copies: 1, medium: .paper, requirement: "原件核验"),
                           GuideMaterial(name: "户口簿", source: .government, copies: 2, medium: .either, requirement: "")])
        XCTAssertEqual(GuideMaterial.parse(m.map(\.line).joined(separator: "\n")).0, m, "the lines read back")
        let (_, errors) = GuideMaterial.parse("身份证\n身份证 | 自带 | 1 | 纸质\n身份证 | 其他 | 0 | 纸质\n身份证 | 其他 | 1 | 传真\n | 其他 | 1 | 纸质")
        XCTAssertEqual(errors, ["申请材料第1行：应写成“名称 | 来源 | 份数 | 形式 | 要求”", "申请材料第2行：来源应为申请人自备、政府部门核发、其他之一",
                                "申请材料第3行：份数应为1到99", "申请材料第4行：形式应为纸质、电子、纸质或电子之一", "申请材料第5行：材料名称应为1到100个字"])
        let (s, se) = GuideStep.parse("受理：窗口收件\n审核:5个工作日内\n办结")
        XCTAssertEqual(se, [])
        XCTAssertEqual(s, [GuideStep(name: "受理", detail: "窗口收件"), GuideStep(name: "审核", detail: "5个工作日内"), GuideStep(name: "办结", detail: "")])
    }

    func testFormReadingAndRanges() {
        let form: [String: String] = ["name": "低保", "kind": "benefit", "statutory_days": "20", "promised_days": "30", "visits": "12",
                                      "free": "1", "fee": "10元", "enquiry_phone": "0832-123abc", "online_url": "ftp://x", "materials": "身份证"]
        let (c, e) = ServiceGuideContent.parse { form[$0] ?? "" }
        XCTAssertEqual(c.kind, .benefit)
        XCTAssertEqual(e["promised_days"], "承诺时限不能长于法定时限（20个工作日）")
        XCTAssertEqual(e["visits"], "到现场次数应为0到9（0表示全程网办）")
        XCTAssertEqual(e["fee"], "选择了不收费时，请不要填写收费标准")
        XCTAssertEqual(e["enquiry_phone"], "咨询电话只能包含数字、连字符、括号和分隔符")
        XCTAssertEqual(e["online_url"], "网上办理链接应以 http:// 或 https:// 开头")
        XCTAssertNotNil(e["materials"])
        for bad in ["-1", "366", "1e3", "２０"] {
            XCTAssertNotNil(ServiceGuideContent.parse { $0 == "statutory_days" ? bad : "" }.1["statutory_days"], bad)
        }
        XCTAssertEqual(ServiceGuideContent.parse { $0 == "statutory_days" ? "0" : "" }.0.statutoryDays, 0, "即办")
        XCTAssertEqual(ServiceGuideContent.parse { $0 == "kind" ? "nonsense" : "" }.1["kind"], "请选择事项类型")
    }

    /// The promised day on the shipped calendar: 即办 the same day; across 国庆 and its 调休 Saturday.
    func testPromisedDueDateOnTheCalendar() {
        var c = complete()
        c.promisedDays = 0
        XCTAssertEqual(c.promisedDue(acceptedOn: CivilDate(iso: "2026-09-30")!, calendar: .shipped), CivilDate(iso: "2026-09-30")!)
        c.promisedDays = 3
        // 9月30日 + 3 working days: 10月1日–7日 off → 10月8日, 9日, 10日 (the 调休 Saturday).
        XCTAssertEqual(c.promisedDue(acceptedOn: CivilDate(iso: "2026-09-30")!, calendar: .shipped), CivilDate(iso: "2026-10-10")!)
        c.promisedDays = nil
        XCTAssertNil(c.promisedDue(acceptedOn: CivilDate(iso: "2026-12-31")!, calendar: .shipped))
        XCTAssertEqual([0, 1, 3].map { n -> String in var x = complete(); x.visits = n; return x.visitsLabel }, ["全程网办，无需到现场", "最多跑一次", "到现场3次"])
    }

    func testLifeEventMergesSharedMaterials() {
        let id = GuideMaterial(name: "居民身份证", source: .applicant, copies: 1, medium: .paper, requirement: "原件")
        let idCopy = GuideMaterial(name: "居民身份证（复印件）", source: .applicant, copies: 2, medium: .paper, requirement: "复印件")
        let birth = GuideMaterial(name: "出生医学证明", source: .government, copies: 1, medium: .paper, requirement: "")
        let book = GuideMaterial(name: "户口簿", source: .applicant, copies: 1, medium: .paper, requirement: "")
        let combined = LifeEvent.combine([
            .init(name: "出生登记", organisation: "县公安局", materials: [birth, id, book], steps: [GuideStep(name: "申报", detail: "")]),
            .init(name: "城乡居民医保参保", organisation: "县医保局", materials: [idCopy, book], steps: [GuideStep(name: "参保登记", detail: "")]),
            .init(name: "预防接种证", organisation: "县卫生健康局", materials: [birth], steps: [GuideStep(name: "建卡", detail: "")]),
        ])
        XCTAssertEqual(combined.materials.map(\.material.name), ["出生医学证明", "居民身份证", "户口簿"])
        XCTAssertEqual(combined.materials.map(\.services), [["出生登记", "预防接种证"], ["出生登记", "城乡居民医保参保"], ["出生登记", "城乡居民医保参保"]])
        XCTAssertEqual(combined.materials[1].material.copies, 2, "the most copies any service asks")
        XCTAssertEqual(combined.materials.map(\.isShared), [true, true, true])
        XCTAssertEqual(combined.steps.map { "\($0.service)·\($0.step.name)" }, ["出生登记·申报", "城乡居民医保参保·参保登记", "预防接种证·建卡"])
        XCTAssertEqual(combined.organisations, ["县公安局", "县医保局", "县卫生健康局"])
        XCTAssertEqual(LifeEvent.key(" 居民身份证 (原件) "), "居民身份证")
    }
}
