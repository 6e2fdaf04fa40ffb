import Foundation
@testable import GongkaiDomain
import Mustache
import XCTest
@testable import GongkaiApp

/// View models that answer the templates by name (`MustacheParent`) must answer exactly what
/// `Mirror` would: every stored property, optionals unwrapped, nothing else.
final class MustacheParentTests: XCTestCase {
    static func assertLikeMirror(_ value: some MustacheParent, file: StaticString = #filePath, line: UInt = #line) {
        let labels = Mirror(reflecting: value).children.compactMap(\.label)
        XCTAssertFalse(labels.isEmpty, file: file, line: line)
        for label in labels {
            let mirrored = Mirror(reflecting: value).children.first { $0.label == label }!.value
            let unwrapped: Any? = Mirror(reflecting: mirrored).displayStyle == .optional ? Mirror(reflecting: mirrored).children.first?.value : mirrored
            let answered = value.child(named: label)
            XCTAssertEqual(answered.map { "\($0)" }, unwrapped.map { "\($0)" }, label, file: file, line: line)
        }
        XCTAssertNil(value.child(named: "noSuchField"), file: file, line: line)
    }

    func testSearchPageModelsAnswerLikeMirror() {
        let piece = SearchSnippet.Piece(text: "低保", highlighted: true)
        Self.assertLikeMirror(piece)
        let option = OptionItem(value: "16", label: "县民政局", selected: true)
        Self.assertLikeMirror(option)
        for validity in ["有效", nil] as [String?] {
            Self.assertLikeMirror(SearchRoutes.ResultView(title: "标题", titlePieces: [piece], href: "/xxgk/16/x", organisation: "县民政局",
                                                          date: "2024-05-01", validity: validity, snippet: [piece, piece]))
        }
    }

    func testPageChromeAndSearchPageAnswerLikeMirror() async throws {
        try await withEnvironment { env in
            for (staff, kiosk, notice) in [("张三", nil, "已保存"), (nil, "/search?q=1", nil)] as [(String?, String?, String?)] {
                let chrome = PageChrome(config: env.services.config, year: 2026, title: "搜索", path: "/search", careMode: kiosk != nil,
                                        formToken: FormToken(existing: nil), staffName: staff, kioskTarget: kiosk,
                                        adminNav: [PageChrome.NavItem(label: "首页", href: "/admin", current: true)], notice: notice)
                Self.assertLikeMirror(chrome)
                let piece = SearchSnippet.Piece(text: "低保", highlighted: true)
                var page = SearchRoutes.PageView(
                    chrome: chrome, q: "低保", searched: true, total: 3, moreThanTotal: false,
                    results: [SearchRoutes.ResultView(title: "标题", titlePieces: [piece], href: "/x", organisation: "县民政局", date: "2024-05-01",
                                                      validity: nil, snippet: [piece])],
                    organisations: [OptionItem(value: "", label: "全部机构", selected: true)], kinds: [], fromYear: "2020", toYear: "",
                    pager: Pager(page: 1, pageCount: 2, href: { "/search?page=\($0)" }))
                page.emptyQuery = staff == nil
                page.relaxedWords = staff.map { _ in "“低保”" }
                page.also = [HomeBlock(heading: "办事指南", links: [HomeLink(title: "低保申请", href: "/guides/1", note: "办事指南")])]
                Self.assertLikeMirror(page)
            }
        }
    }
}
