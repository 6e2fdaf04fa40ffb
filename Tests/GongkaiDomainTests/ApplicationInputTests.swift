import XCTest
@testable import GongkaiDomain

final class ApplicationInputTests: XCTestCase {
    func parse(_ fields: [String: String]) -> (ApplicationInput, ApplicationInput.Errors) {
        ApplicationInput.parse { fields[$0] ?? "" }
    }

    let person: [String: String] = [
        "applicant_kind": "natural_person", "name": "王芳", "id_kind": "resident_id", "id_number": "11010519491231002x",
        "phone": "13812345678", "address": "清溪县滨江大道8号", "postcode": "642350",
        "description": "2025年清溪镇农村危房改造补助资金发放名单", "requested_form": "paper", "obtaining_way": "post",
    ]

    func testAValidPersonalApplication() {
        let (i, e) = parse(person)
        XCTAssertEqual(e, [:])
        XCTAssertEqual(i.idNumber, "11010519491231002X")
        XCTAssertEqual(i.maskedIDNumber, "110105********002X")
    }

    func testEachMissingOrWrongFieldGetsItsOwnMessage() {
        var f = person
        f["id_number"] = "110105194912310021"
        f["phone"] = "12345"
        f["description"] = "文件"
        f["obtaining_way"] = "email"
        f["postcode"] = "64235"
        let (_, e) = parse(f)
        XCTAssertEqual(e["id_number"], "身份证号码校验位不正确，请核对后重新输入")
        XCTAssertNotNil(e["phone"])
        XCTAssertNotNil(e["description"])
        XCTAssertEqual(e["email"], "选择通过电子邮件获取时，请填写电子邮箱")
        XCTAssertEqual(e["postcode"], "邮政编码应为6位数字")
    }

    func testOrganisationsNeedAContactAndAnOrganisationDocument() {
        var f = person
        f["applicant_kind"] = "legal_service_organisation"
        f["name"] = "清溪某律师事务所"
        let (_, e) = parse(f)
        XCTAssertEqual(e["contact_person"], "请填写联系人姓名")
        XCTAssertNotNil(e["id_kind"])
        f["contact_person"] = "李律师"
        f["id_kind"] = "credit_code"
        f["id_number"] = "91350100m000100y43"
        let (i, e2) = parse(f)
        XCTAssertEqual(e2, [:])
        XCTAssertEqual(i.idNumber, "91350100M000100Y43")
    }

    func testSomeContactIsRequired() {
        var f = person
        f["phone"] = ""; f["address"] = ""; f["obtaining_way"] = "pick_up"
        XCTAssertEqual(parse(f).1["phone"], "请至少填写一种联系方式（电话、电子邮箱或通信地址）")
        f["email"] = "wang@example.cn"
        XCTAssertEqual(parse(f).1, [:])
    }

    func testRegistrationNumbers() {
        XCTAssertEqual(RegistrationNumberPattern.standard.format(organisationID: 16, year: 2026, serial: 7), "16-2026-00007")
        let custom = RegistrationNumberPattern(template: "依申〔{年份}〕{机构编号}-{序号}号", serialWidth: 3)
        XCTAssertNil(custom.problem)
        XCTAssertEqual(custom.format(organisationID: 3, year: 2027, serial: 12), "依申〔2027〕3-012号")
        XCTAssertNotNil(RegistrationNumberPattern(template: "{年份}-{序号}").problem)
        XCTAssertNotNil(RegistrationNumberPattern(template: "{机构编号}-{序号}").problem)
    }

    func testReceiptRulesFollowArticle31() {
        XCTAssertTrue(ApplicationChannel.inPerson.receiptKnownOnEntry)
        XCTAssertTrue(ApplicationChannel.registeredMail.receiptKnownOnEntry)
        XCTAssertFalse(ApplicationChannel.online.receiptKnownOnEntry)
        XCTAssertFalse(ApplicationChannel.ordinaryMail.receiptKnownOnEntry)
        XCTAssertTrue(ApplicationChannel.registeredMail.receiptRule.contains("签收"))
        XCTAssertTrue(ApplicationChannel.online.receiptRule.contains("双方确认"))
    }
}
