import Foundation
import XCTest
@testable import GongkaiDomain

/// 村（居）务公开 rules: money to the 分, finance tables that must add up, benefit lists masked on
/// the way in and split by village, photos stripped of location and time, and where the new kinds
/// of organisation may sit.
final class VillageRuleTests: XCTestCase {
    func testMoneyParsesAndPrintsToTheFen() {
        XCTAssertEqual(Money(parsing: "1,234.5")?.fen, 123_450)
        XCTAssertEqual(Money(parsing: "1234.50元")?.fen, 123_450)
        XCTAssertEqual(Money(parsing: "-20")?.fen, -2000)
        XCTAssertEqual(Money(parsing: "0.07")?.fen, 7)
        for bad in ["", "abc", "1.234", "1e5", "１２", "99999999999.00", ".5", "1..2"] { XCTAssertNil(Money(parsing: bad), bad) }
        XCTAssertEqual(Money(fen: 123_456_789).description, "1,234,567.89")
        XCTAssertEqual(Money(fen: -5).description, "-0.05")
        XCTAssertEqual(Money(fen: 100_000).description, "1,000.00")
    }

    func testFinanceTableMustAddUp() {
        let (ok, none) = FinanceTable.parse(period: "2026-Q3", opening: "12,000.00", income: "上级转移支付 50000\n集体资产租赁 | 3000.50",
                                            expense: "村干部报酬 | 18000\n道路维修 9000.25", closing: "38000.25")
        XCTAssertEqual(none, [:])
        XCTAssertEqual(ok?.totalIncome, Money(fen: 5_300_050))
        XCTAssertEqual(ok?.totalExpense, Money(fen: 2_700_025))
        XCTAssertEqual(ok?.period.label, "2026年第三季度")
        let (bad, errors) = FinanceTable.parse(period: "2026-Q3", opening: "12000", income: "上级转移支付 50000", expense: "道路维修 9000", closing: "50000")
        XCTAssertNil(bad)
        XCTAssertEqual(errors["closing"], "收支不平：期初12,000.00元＋收入50,000.00元－支出9,000.00元＝53,000.00元，与填写的期末余额50,000.00元不符")
        XCTAssertEqual(FinanceTable.parse(period: "2026-13", opening: "1", income: "a 1", expense: "", closing: "2").1["period"], "请选择公开期间（月度或季度）")
        XCTAssertEqual(FinanceTable.parse(period: "2026-09", opening: "0", income: "只有名称", expense: "", closing: "0").1["income"],
                       "第1行应为“项目 金额”，如“上级转移支付 50000.00”")
        XCTAssertEqual(FinanceTable.parse(period: "2026-09", opening: "0", income: "补贴 -5", expense: "", closing: "-5").1["income"],
                       "第1行的金额应为不小于0的数字，最多两位小数")
        XCTAssertEqual(FinanceTable.parse(period: "2026-09", opening: "0", income: "", expense: "", closing: "0").1["income"],
                       "请至少填写一行收入或支出（没有发生也请写“无 0”）")
        XCTAssertEqual(FinanceTable.Period(key: "2026-09"), .month(year: 2026, month: 9))
        // The published table is escaped and shows both totals and both balances.
        let (t, _) = FinanceTable.parse(period: "2026-09", opening: "0", income: "<b>租金</b> 10", expense: "", closing: "10")
        let html = t!.html
        XCTAssertTrue(html.contains("&lt;b&gt;租金&lt;/b&gt;"))
        XCTAssertTrue(html.contains("收入合计</th><td>10.00"))
        XCTAssertTrue(html.contains("期末余额</th><td>10.00"))
    }

    func testBenefitListsAreMaskedAndSplitByVillage() throws {
        let villages: Set<String> = ["桃花村", "河市村"]
        let text = "桃花村 | 张三丰 | 11010519491231002X | 1,200 | 耕地地力保护补贴\n河市村 | 李四 |  | 800.5 | 耕地地力保护补贴\n桃花村 | 王小二 | | 300 | 临时救助"
        let list = try BenefitList.parse(text, villages: villages, preset: .keepFirst6Last4).get()
        XCTAssertEqual(list.rows.map(\.name), ["张*丰", "李*", "王*二"])
        XCTAssertEqual(list.rows[0].idNumber, "110105********002X")
        XCTAssertFalse(list.stored.contains("11010519491231002X"), "the full number is never stored")
        XCTAssertEqual(list.rows(of: "桃花村").map(\.amount), [Money(fen: 120_000), Money(fen: 30_000)])
        XCTAssertEqual(list.villages, ["桃花村", "河市村"])
        XCTAssertEqual(list.total, Money(fen: 230_050))
        XCTAssertEqual(BenefitList(stored: list.stored), list)
        let village = list.html(village: "河市村")
        XCTAssertTrue(village.contains("李*") && !village.contains("张*丰"))
        XCTAssertTrue(village.contains("合计（1户）</th><td>800.50"))
        XCTAssertEqual(try? BenefitList.parse("石桥村 | 张三 | | 1 | 补贴", villages: villages, preset: .keepFirst6Last4).get(), nil)
        if case .failure(let p) = BenefitList.parse("桃花村 | 张三 | 110105194912310021 | 1 | 补贴", villages: villages, preset: .keepFirst2Last3) {
            XCTAssertEqual(p.message, "第1行的身份证号不正确")
        } else { XCTFail("a wrong check digit passed") }
        if case .failure(let p) = BenefitList.parse("桃花村 | 张三 | 1", villages: villages, preset: .keepFirst6Last4) {
            XCTAssertEqual(p.message, "第1行应有5项，用“|”分隔：村 | 姓名 | 身份证号 | 金额 | 依据")
        } else { XCTFail() }
    }

    /// A JPEG as a phone writes it: JFIF, EXIF with orientation and a GPS pointer, a comment, the scan.
    static func phoneJPEG() -> [UInt8] {
        func seg(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            let n = payload.count + 2
            return [0xFF, marker, UInt8(n >> 8), UInt8(n & 0xFF)] + payload
        }
        let jfif = seg(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
        // Little-endian TIFF, IFD0 with Orientation = 6 and a GPS IFD pointer, then "GPS 31.02N".
        var tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x02, 0x00]
        tiff += [0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00]
        tiff += [0x25, 0x88, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x26, 0x00, 0x00, 0x00]
        tiff += [0x00, 0x00, 0x00, 0x00] + Array("GPS 31.02N 104.71E 2026:11:30 10:15".utf8)
        let exif = seg(0xE1, Array("Exif".utf8) + [0, 0] + tiff)
        let comment = seg(0xFE, Array("拍摄地点：桃花村".utf8))
        let quant = seg(0xDB, [UInt8](repeating: 1, count: 65))
        let scan = seg(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12, 0x34, 0xFF, 0x00, 0x56] + [0xFF, 0xD9]
        return [0xFF, 0xD8] + jfif + exif + comment + quant + scan
    }

    func testPhotosLoseLocationTimeAndCommentsButKeepOrientation() throws {
        let original = Self.phoneJPEG()
        let clean = try XCTUnwrap(ImageMetadata.strip(original))
        let text = String(decoding: clean, as: UTF8.self)
        XCTAssertFalse(text.contains("GPS"))
        XCTAssertFalse(text.contains("2026:11:30"))
        XCTAssertFalse(text.contains("桃花村"))
        XCTAssertEqual(ImageMetadata.exifOrientation(Array(clean[(clean.firstIndex(of: 0xE1)! + 3)...].prefix(40))), 6)
        XCTAssertTrue(clean.starts(with: [0xFF, 0xD8, 0xFF, 0xE0]), "JFIF stays first")
        XCTAssertEqual(Array(clean.suffix(7)), [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9], "the picture itself is untouched")
        XCTAssertEqual(ImageMetadata.strip(clean), clean, "stripping twice changes nothing")
        XCTAssertNil(ImageMetadata.strip(Array(original.prefix(30))), "a cut-off file is refused")
        XCTAssertNil(ImageMetadata.strip(Array("GIF89a".utf8)))

        // PNG: text and time chunks go, the picture chunks stay.
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", [UInt8](repeating: 0, count: 13))
            + chunk("tEXt", Array("Location\u{0}Taohua".utf8)) + chunk("tIME", [7, 234, 11, 30, 10, 15, 0]) + chunk("IDAT", [1, 2, 3]) + chunk("IEND", [])
        let cleanPNG = try XCTUnwrap(ImageMetadata.strip(png))
        XCTAssertFalse(String(decoding: cleanPNG, as: UTF8.self).contains("Taohua"))
        XCTAssertFalse(String(decoding: cleanPNG, as: UTF8.self).contains("tIME"))
        XCTAssertTrue(String(decoding: cleanPNG, as: UTF8.self).contains("IDAT"))
    }

    /// Every sector template row is a valid catalogue row (it goes through the same checks as a typed one).
    func testSectorCatalogueTemplatesAreValidRows() {
        for kind in OrganisationKind.allCases where kind.isPublicEnterprise || kind == .affiliatedInstitution {
            XCTAssertNotNil(SectorCatalogue.domain(for: kind), kind.label)
            let rows = SectorCatalogue.rows(for: kind, unit: "测试单位")
            XCTAssertGreaterThanOrEqual(rows.count, 4, kind.label)
            XCTAssertEqual(Set(rows.map(\.level1)).count, rows.count, "no repeated matter")
            for r in rows {
                let cells = Dictionary(uniqueKeysWithValues: zip(CatalogueRow.columns, r.cells))
                let (again, errors) = CatalogueRow.parse { cells[$0] ?? "" }
                XCTAssertEqual(errors, [:], "\(kind.label) \(r.level1)")
                XCTAssertEqual(again.basis, SectorCatalogue.basis)
            }
        }
        XCTAssertNil(SectorCatalogue.domain(for: .townshipGovernment))
        XCTAssertTrue(SectorCatalogue.rows(for: .utility, unit: "供水公司").contains { $0.level1 == "停复业信息" })
    }

    func testWhereTheNewKindsMaySit() {
        XCTAssertNil(OrganisationKind.school.placementProblem(parent: .countyDepartment))
        XCTAssertEqual(OrganisationKind.hospital.placementProblem(parent: .townshipGovernment), "“医疗卫生机构（公共企事业单位）”的上级机构只能是：县级部门，不能是“乡镇人民政府”")
        XCTAssertNil(OrganisationKind.developmentZone.placementProblem(parent: .countyGovernment))
        XCTAssertNotNil(OrganisationKind.developmentZone.placementProblem(parent: .countyDepartment))
        XCTAssertNil(OrganisationKind.dispatchedAgency.placementProblem(parent: .developmentZone))
        XCTAssertNil(OrganisationKind.affiliatedInstitution.placementProblem(parent: .townshipGovernment))
        XCTAssertTrue(OrganisationKind.developmentZone.isAdministrativeOrgan)
        XCTAssertTrue(OrganisationKind.dispatchedAgency.isAdministrativeOrgan)
        for k in [OrganisationKind.school, .hospital, .utility, .environmentalService, .publicTransport, .affiliatedInstitution, .villageCommittee] {
            XCTAssertFalse(k.isAdministrativeOrgan, k.label)
        }
        XCTAssertEqual(OrganisationKind.allCases.filter(\.isPublicEnterprise).count, 5)
    }
}
