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
}
