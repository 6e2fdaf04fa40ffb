import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// The 公开专区 terminal: started by a visit, 长辈 mode on, every public page then carries its own
/// QR code and the idle script; other visitors' pages (and the shared page cache) are unaffected.
final class KioskTests: XCTestCase {
    func testTerminalModeIsPerBrowserAndCarriesTheQRCode() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            try await env.withClient { client in
                let terminal = Browser(client)
                let started = try await terminal.get("/zhuanqu/start")
                XCTAssertEqual(started.status, .found)
                let page = try await terminal.get("/gongbao")
                XCTAssertTrue(page.body.contains("class=\"portal care kiosk\""), "长辈 mode on in the terminal")
                XCTAssertTrue(page.body.contains("aria-label=\"本页地址的二维码："), "the page's own QR code")
                XCTAssertTrue(page.body.contains("/static/kiosk.js") && page.body.contains("data-idle=\"120\""))
                let visitor = Browser(client)
                let plain = try await visitor.get("/gongbao")
                XCTAssertFalse(plain.body.contains("kiosk"), "another browser is not a terminal")
                let home = try await visitor.get("/zhuanqu")
                XCTAssertTrue(home.body.contains("查办事") && home.body.contains("/zhuanqu/start"))
                _ = try await terminal.get("/zhuanqu/exit")
                let after = try await terminal.get("/gongbao")
                XCTAssertFalse(after.body.contains("kiosk.js"))
            }
        }
    }
}
