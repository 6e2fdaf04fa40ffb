import XCTest
@testable import GongkaiDomain

final class GuideBookTests: XCTestCase {
    func guide(materials: Int) -> ServiceGuideContent {
        var c = ServiceGuideContent()
        c.name = "事项"; c.kind = .licence; c.basis = "依据"; c.conditions = "条件"
        c.materials = (1...materials).map { GuideMaterial(name: "材料\($0)", source: .applicant, copies: 1, medium: .paper, requirement: "") }
        c.steps = [GuideStep(name: "受理", detail: "")]; c.statutoryDays = 5; c.promisedDays = 3; c.free = true
        c.place = "大厅"; c.hours = "工作日"; c.enquiryPhone = "1"; c.complaintPhone = "2"; c.visits = 1
        return c
    }

    func testLinesWrapAtTheLineWidth() {
        XCTAssertEqual(GuideBook.wrap(String(repeating: "字", count: 73)).map(\.count), [36, 36, 1])
        XCTAssertEqual(GuideBook.wrap(String(repeating: "字", count: 36)).count, 1)
        let lines = GuideBook.lines(number: 3, name: "结婚登记", content: guide(materials: 2))
        XCTAssertEqual(lines.first, GuideBook.Line(style: .title, text: "3. 结婚登记"))
        XCTAssertTrue(lines.allSatisfy { $0.text.count <= GuideBook.charsPerLine })
        XCTAssertEqual(lines.filter { $0.style == .heading }.map(\.text), ["一、设定依据", "二、受理条件", "三、申请材料", "四、办理流程", "五、时限和收费", "六、办理地点、时间和电话"])
    }

    /// Every guide starts on a new page; a long one runs over; page numbers are continuous and the
    /// contents point at each guide's first page.
    func testPaginationAndContents() {
        let short = guide(materials: 2), long = guide(materials: 60)
        let shortLines = GuideBook.lines(number: 1, name: "甲", content: short).count
        let longLines = GuideBook.lines(number: 2, name: "乙", content: long).count
        XCTAssertLessThanOrEqual(shortLines, GuideBook.linesPerPage)
        XCTAssertGreaterThan(longLines, GuideBook.linesPerPage)
        let book = GuideBook(guides: [("甲", "县民政局", short), ("乙", "县公安局", long), ("丙", "县民政局", short)])
        let longPages = (longLines + GuideBook.linesPerPage - 1) / GuideBook.linesPerPage
        XCTAssertEqual(book.chapters.map(\.firstPage), [1, 2, 2 + longPages])
        XCTAssertEqual(book.pages.map(\.number), Array(1...(2 + longPages)))
        XCTAssertTrue(book.pages.allSatisfy { $0.lines.count <= GuideBook.linesPerPage })
        XCTAssertEqual(book.pages[1].lines.first?.text, "2. 乙", "a chapter opens its page")
        XCTAssertEqual(book.pages[1 + longPages].lines.first?.text, "3. 丙")
        XCTAssertEqual(book.pages.flatMap(\.lines).count, 2 * shortLines + longLines, "nothing lost or repeated")
    }

    func testChangesSinceThePreviousEdition() {
        let c = GuideBook.changes(from: [("a", "结婚登记", 1), ("b", "离婚登记", 1), ("c", "临时救助", 2)],
                                  to: [("a", "结婚登记", 1), ("c", "临时救助", 3), ("d", "高龄津贴申领", 1)])
        XCTAssertEqual(c.added, ["高龄津贴申领"])
        XCTAssertEqual(c.revised, ["临时救助"])
        XCTAssertEqual(c.removed, ["离婚登记"])
        XCTAssertTrue(GuideBook.changes(from: [("a", "x", 1)], to: [("a", "x", 1)]).isEmpty)
    }
}
