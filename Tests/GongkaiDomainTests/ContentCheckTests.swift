import XCTest
@testable import GongkaiDomain

final class ContentCheckTests: XCTestCase {
    let scanner = PersonalDataScanner()

    func kinds(_ text: String) -> [Finding.Kind] { scanner.scan(text, source: "正文").map(\.kind) }

    func testIdentityNumbersAreFlaggedOnlyWhenTheCheckDigitHolds() {
        let f = scanner.scan("低保对象张三，身份证号11010519491231002X。", source: "正文")
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f[0].kind, .idNumber)
        XCTAssertEqual(f[0].match, "11010519491231002X")
        XCTAssertEqual(f[0].suggestion, "110105********002X")
        XCTAssertEqual(f[0].range, 11..<29)
        XCTAssertTrue(f[0].context.contains("【11010519491231002X】"))
        XCTAssertTrue(f[0].isSevere)
        XCTAssertEqual(PersonalDataScanner(idPreset: .keepFirst2Last3).scan("11010519491231002x", source: "正文").first?.suggestion,
                       "11*************02X")
        // Every other last character fails the check digit: not an ID number, not flagged.
        for c in "0123456789" { XCTAssertEqual(kinds("编号11010519491231002\(c)"), [], "check digit \(c)") }
        XCTAssertEqual(kinds("110105194913310027"), [], "no 13th month")
        XCTAssertEqual(kinds("订单A11010519491231002X"), [], "part of a longer code")
        XCTAssertEqual(kinds("911010519491231002X"), [], "19 digits are not an ID number")
    }

    func testMobileNumbers() {
        let f = scanner.scan("联系电话：13812345678，或 139 1234 5678，或139-1234-5678.", source: "正文")
        XCTAssertEqual(f.map(\.kind), [.mobileNumber, .mobileNumber, .mobileNumber])
        XCTAssertEqual(f.map(\.suggestion), ["138****5678", "139****5678", "139****5678"])
        XCTAssertEqual(kinds("12812345678"), [], "no mobile prefix 12")
        XCTAssertEqual(kinds("0832-5550100"), [], "landlines are public office numbers")
        XCTAssertEqual(kinds("138123456789"), [], "12 digits")
        XCTAssertEqual(kinds("https://x.gov.cn/a/13812345678.html"), [], "inside an address")
        XCTAssertEqual(kinds("文号2026138123456780"), [])
    }

    func testBankCardsNeedTheLuhnCheck() {
        XCTAssertEqual(scanner.scan("账号6222020200112233446", source: "正文").first?.suggestion, "622202*********3446")
        XCTAssertEqual(kinds("卡号 6217 0012 3456 7893 已冻结"), [.bankCard])
        XCTAssertEqual(kinds("6222020200112233445"), [], "Luhn fails")
        XCTAssertEqual(kinds("1222020200112233446"), [], "no card issuer starts with 1")
        XCTAssertTrue(BankCardNumber.luhn([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
    }

    func testSuggestionsMaskTheText() {
        let text = "张三 11010519491231002X 13812345678；李四 13912345678"
        let masked = scanner.scan(text, source: "正文").applyingSuggestions(to: text, kinds: [.idNumber, .mobileNumber])
        XCTAssertEqual(masked, "张三 110105********002X 138****5678；李四 139****5678")
        XCTAssertEqual(scanner.scan(masked, source: "正文"), [], "nothing left to find")
    }

    func testSensitiveWordsMatchVariantsButNotAcrossSentences() {
        let check = SensitiveWordCheck(words: ["违禁词", "ABC", "赌博"])
        XCTAssertEqual(check.scan("这里有违禁词。", source: "正文").map(\.match), ["违禁词"])
        XCTAssertEqual(check.scan("这里有违 禁*词。", source: "正文").map(\.match), ["违 禁*词"])
        XCTAssertEqual(check.scan("违\u{200B}禁词", source: "标题").map(\.source), ["标题"])
        XCTAssertEqual(check.scan("全角ＡＢＣ和小写abc", source: "正文").count, 2)
        XCTAssertEqual(check.scan("违，禁词", source: "正文"), [], "sentence punctuation is not a filler")
        XCTAssertEqual(check.scan("违    禁词", source: "正文"), [], "more than two fillers apart")
        XCTAssertEqual(check.scan("严禁聚众赌博", source: "正文").first?.message, "含敏感词“赌博”，请删改")
        XCTAssertEqual(SensitiveWordCheck(words: []).scan("任何文字", source: "正文"), [])
    }

    func testManyWordsOnePass() {
        // Thousands of entries sharing prefixes: every occurrence is found, overlapping ones too.
        var words = (0..<5000).map { "词条\($0)号" }
        words += ["他她", "她它"]
        let matcher = WordListMatcher(words: words, variants: false)
        let text = String(repeating: "无关文字，", count: 2000) + "词条4321号和词条7号以及他她它"
        let found = matcher.matches(in: text).map { matcher.words[$0.wordIndex] }
        XCTAssertEqual(found, ["词条4321号", "词条7号", "他她", "她它"])
    }

    func testTyposSuggestTheRightWord() {
        let check = TypoCheck(pairs: TypoCheck.starterList)
        let f = check.scan("为群众按装路灯，再接再励。", source: "正文")
        XCTAssertEqual(f.map(\.suggestion), ["安装", "再接再厉"])
        XCTAssertFalse(f[0].isSevere)
        XCTAssertEqual(f.applyingSuggestions(to: "为群众按装路灯，再接再励。", kinds: [.typo]), "为群众安装路灯，再接再厉。")
        XCTAssertEqual(check.scan("为群众安装路灯", source: "正文"), [])
        XCTAssertTrue(TypoCheck.starterList.allSatisfy { $0.wrong != $0.right })
    }

    func testLeaderWithAnotherLeadersTitle() {
        let check = LeaderTitleCheck(leaders: [.init(name: "张伟", titles: ["县长"]), .init(name: "李娜", titles: ["常务副县长", "副县长"])])
        XCTAssertEqual(check.scan("副县长张伟出席会议", source: "正文").count, 1)
        XCTAssertTrue(check.scan("副县长张伟出席", source: "正文")[0].message.contains("名单中为“县长”"))
        XCTAssertEqual(check.scan("县长张伟、常务副县长李娜出席", source: "正文"), [])
        XCTAssertEqual(check.scan("张伟县长和李娜副县长", source: "正文"), [])
        XCTAssertEqual(check.scan("李娜县长讲话", source: "正文").count, 1)
        XCTAssertEqual(check.scan("张伟同志讲话", source: "正文"), [], "no title next to the name")
    }

    func testLinks() {
        let check = LinkCheck(trustedHosts: ["gov.cn", "qingxi.example.cn"])
        let html = "<p>见<a href=\"http://www.gov.cn/zhengce/a.html\">通知</a>、<a href='https://evil.example.com/x'>这里</a>、"
            + "<a href=\"/xxgk/16\">本站</a>、<a href=\"https://\">空</a>和 https://www.qingxi.example.cn/a?b=1。</p>"
        let f = check.scan(html, source: "正文")
        XCTAssertEqual(f.map(\.match), ["http://www.gov.cn/zhengce/a.html", "https://evil.example.com/x", "https://"])
        XCTAssertEqual(f[0].suggestion, "https://www.gov.cn/zhengce/a.html")
        XCTAssertTrue(f[1].message.contains("evil.example.com"))
        XCTAssertTrue(f[2].message.contains("格式不正确"))
        XCTAssertEqual(LinkCheck.links(in: html).last?.url, "https://www.qingxi.example.cn/a?b=1", "trailing punctuation is not part of it")
        XCTAssertNotNil(check.problem("ftp://files.gov.cn/a"))
        XCTAssertNil(check.problem("mailto:xxgk@qingxi.example.cn"))
    }
}
