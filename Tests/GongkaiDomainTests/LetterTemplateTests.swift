import XCTest
@testable import GongkaiDomain

final class LetterTemplateTests: XCTestCase {
    let fields = ["申请人", "登记编号", "答复理由"]

    func testFieldsAreFilledLineByLine() throws {
        let t = try LetterTemplate("{申请人}：\n\n编号 {登记编号}，特此告知。\r\n{答复理由}", fields: fields)
        XCTAssertEqual(t.fieldsUsed, ["申请人", "登记编号", "答复理由"])
        let out = t.render(["申请人": "张三", "登记编号": "16-2026-00001", "答复理由": ""])
        XCTAssertEqual(out.map(\.text), ["张三：", "编号 16-2026-00001，特此告知。"], "a line left empty by its fields is dropped")
    }

    func testMistakesAreNamedInChinese() {
        func problem(_ text: String) -> LetterTemplate.Problem? {
            do { _ = try LetterTemplate(text, fields: fields); return nil } catch { return error }
        }
        XCTAssertEqual(problem("   \n "), .empty)
        XCTAssertEqual(problem("{申请人"), .unclosedBrace)
        XCTAssertEqual(problem("申请人}"), .unclosedBrace)
        XCTAssertEqual(problem("{申{请人}"), .unclosedBrace)
        XCTAssertEqual(problem(String(repeating: "字", count: LetterTemplate.maxLength + 1)), .tooLong(LetterTemplate.maxLength))
        let unknown = problem("{身份证号}")
        XCTAssertEqual(unknown, .unknownField("身份证号", allowed: fields))
        XCTAssertTrue(unknown!.description.contains("没有名为“身份证号”的字段"))
        XCTAssertTrue(unknown!.description.contains("{登记编号}"))
        XCTAssertNil(problem("没有字段的正文也可以"))
    }

    func testMarkupInATemplateStaysText() throws {
        let t = try LetterTemplate("<script>alert(1)</script>{申请人}", fields: fields)
        XCTAssertEqual(t.render(["申请人": "甲"]).map(\.text), ["<script>alert(1)</script>甲"], "escaped where shown, like any text")
    }

    func testEveryDocumentHasAShippedTemplateUsingOnlyItsFields() throws {
        XCTAssertEqual(ReplyLetters.slots.count, 6 + ReplyOutcome.allCases.count + 1, "one reply per outcome, two for 本机关不掌握")
        XCTAssertEqual(Set(ReplyLetters.slots.map(\.key)).count, ReplyLetters.slots.count)
        for slot in ReplyLetters.slots {
            let t = try LetterTemplate(slot.defaultText, fields: slot.fields)
            XCTAssertFalse(t.fieldsUsed.isEmpty, slot.key)
            XCTAssertTrue(slot.defaultText.contains("{联系方式}"), slot.key)
        }
    }

    func testAnOrganisationsOwnTextReplacesTheShippedOne() {
        let c = ReplyLetters.Case(organisationName: "清溪县民政局", organisationShortName: "县民政局", registrationNumber: "16-2026-00001",
                                  applicantName: "张三", isOrganisation: false, description: "低保名单", receiptDate: CivilDate(iso: "2026-09-28"),
                                  submittedOn: CivilDate(iso: "2026-09-28")!, contact: "0832-5550100")
        let day = CivilDate(iso: "2026-10-09")!
        let own = ReplyLetters(c, overrides: ["reply.1": "{申请人}您好：您要的{申请内容}已于今日寄出。{答复理由}\n咨询电话：{联系方式}"])
        let reply = own.reply(outcome: .disclosed, issuedOn: day, reason: "随函附件")
        XCTAssertEqual(reply.paragraphs.map(\.text), ["张三您好：您要的“低保名单”已于今日寄出。随函附件。", "咨询电话：0832-5550100"])
        XCTAssertEqual(reply.title, "政府信息公开申请答复告知书", "title, number, issuer and date stay fixed")
        XCTAssertEqual(reply.issuer, "清溪县民政局")
        // Other documents keep the shipped text.
        let withheld = own.reply(outcome: .withheldStateSecret, issuedOn: day, reason: "该信息属于国家秘密")
        XCTAssertTrue(withheld.plainText.contains("本机关决定不予公开"))
        // A stored text that no longer parses falls back rather than printing braces.
        let broken = ReplyLetters(c, overrides: ["receipt": "{不存在的字段}"])
        XCTAssertTrue(broken.receipt(issuedOn: day, rule: "当面提交").plainText.contains("可凭登记编号和查询码查询办理进度"))
    }
}
