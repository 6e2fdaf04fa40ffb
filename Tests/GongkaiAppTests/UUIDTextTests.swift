import Foundation
import XCTest
@testable import GongkaiApp

/// `UUIDText.parse` must answer exactly as Foundation's `UUID(uuidString:)` does.
final class UUIDTextTests: XCTestCase {
    func testAnswersAsFoundationDoes() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefABCDEF-gG xz{}é中")
        var parsed = 0, refused = 0
        for round in 0..<50_000 {
            var text = UUID().uuidString
            switch round % 5 {
            case 0: break
            case 1: text = text.lowercased()
            case 2: text = String(text.map { Bool.random(using: &rng) ? Character($0.lowercased()) : $0 })
            case 3:
                // One character replaced, inserted or removed.
                var chars = Array(text)
                let at = Int.random(in: 0..<chars.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: chars[at] = alphabet.randomElement(using: &rng)!
                case 1: chars.insert(alphabet.randomElement(using: &rng)!, at: at)
                default: chars.remove(at: at)
                }
                text = String(chars)
            default:
                text = String((0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            let expected = UUID(uuidString: text)
            XCTAssertEqual(UUIDText.parse(text), expected, text)
            if expected == nil { refused += 1 } else { parsed += 1 }
        }
        XCTAssertGreaterThan(parsed, 30_000)
        XCTAssertGreaterThan(refused, 10_000)
    }
}
