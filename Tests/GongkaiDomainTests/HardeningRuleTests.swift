import Foundation
import XCTest
@testable import GongkaiDomain

/// Rules found wanting when the site was attacked and tried end to end (issues 11 and 12).
final class HardeningRuleTests: XCTestCase {
    // MARK: Paging (issue 12, item 1)

    func testPageNumbersAreRangeCheckedBeforeAnyArithmetic() {
        XCTAssertEqual(Paging.page(nil), .success(1))
        XCTAssertEqual(Paging.page(""), .success(1))
        XCTAssertEqual(Paging.page("3"), .success(3))
        XCTAssertEqual(Paging.page("10000"), .success(10_000))
        for raw in ["0", "-1", "10001", "100000000000000000", "9223372036854775807", "-9223372036854775808",
                    "99999999999999999999999999"] {
            XCTAssertEqual(Paging.page(raw), .failure(.outOfRange(1...Paging.maxPage)), raw)
        }
        for raw in ["abc", "1.5", "+3", "1e9", "３", " ", "-", "0x10"] {
            XCTAssertEqual(Paging.page(raw), .failure(.notANumber), raw)
        }
    }

    func testWindowNeverOverflows() {
        XCTAssertEqual(Paging.window(page: 1, perPage: 20), 0..<20)
        XCTAssertEqual(Paging.window(page: 3, perPage: 20), 40..<60)
        // Values that would trap unclamped are clamped to the deepest page.
        XCTAssertEqual(Paging.window(page: Int.max, perPage: Int.max), ((Paging.maxPage - 1) * Paging.maxPerPage)..<(Paging.maxPage * Paging.maxPerPage))
        XCTAssertEqual(Paging.window(page: Int.min, perPage: Int.min), 0..<1)
        XCTAssertEqual(Paging.pageCount(total: 0, perPage: 20), 1)
        XCTAssertEqual(Paging.pageCount(total: 41, perPage: 20), 3)
        XCTAssertEqual(Paging.pageCount(total: Int.max, perPage: 20), Int.max / 20 + 1)
    }

    // Multipart bodies (issue 12, item 2) and ZIP bombs (issue 12, item 3): GongkaiFormatsTests.

    // MARK: Credit codes (issue 11, item 4)

    func testCreditCodesWithLettersInTheOrganisationCode() {
        // Vectors computed apart from this code (GB 11714 letters A=10 … Z=35; GB 32100 alphabet).
        for code in ["91440300MA5H8REU3K", "91510100MAL9ENYB9H", "91510100MAC5UDMW48", "91510100MAB8TGBC4E",
                     "91510100MAPPCHCU9Y", "52510100MAPBWDHY9F", "11441700007280420Y", "1137078555222300XQ", "91350100M000100Y43"] {
            XCTAssertTrue(UnifiedSocialCreditCode.isValid(code), code)
        }
        XCTAssertThrowsError(try UnifiedSocialCreditCode(validating: "91440300MA5H8REU4K")) {
            XCTAssertEqual($0 as? UnifiedSocialCreditCode.Problem, .organisationCodeCheckFailed)
        }
        XCTAssertEqual(UnifiedSocialCreditCode.completing("91440300MA5H8REU")?.value, "91440300MA5H8REU3K")
    }

    // MARK: Closing and extending cases (issue 11, items 5 and 6)

    func testAbandonmentOnlyAfterTheApplicantsPeriod() {
        let d = { CivilDate(iso: $0)! }
        let correction = AbandonmentRule.Facts(correctionDeadline: d("2026-11-20"))
        XCTAssertNotNil(AbandonmentRule.refusal(.otherNoCorrection, decidedOn: d("2026-11-19"), facts: correction))
        XCTAssertNotNil(AbandonmentRule.refusal(.otherNoCorrection, decidedOn: d("2026-11-20"), facts: correction))
        XCTAssertNil(AbandonmentRule.refusal(.otherNoCorrection, decidedOn: d("2026-11-21"), facts: correction))
        XCTAssertNotNil(AbandonmentRule.refusal(.otherNoCorrection, decidedOn: d("2026-12-21"), facts: .init()))
        XCTAssertNotNil(AbandonmentRule.refusal(.otherNoCorrection, decidedOn: d("2026-12-21"),
                                                facts: .init(correctionDeadline: d("2026-11-20"), correctionReceived: true)))
        let fee = AbandonmentRule.Facts(feePaymentDeadline: d("2026-12-10"))
        XCTAssertNotNil(AbandonmentRule.refusal(.otherFeeUnpaid, decidedOn: d("2026-11-13"), facts: fee))
        XCTAssertNotNil(AbandonmentRule.refusal(.otherFeeUnpaid, decidedOn: d("2026-12-10"), facts: fee))
        XCTAssertNil(AbandonmentRule.refusal(.otherFeeUnpaid, decidedOn: d("2026-12-11"), facts: fee))
        XCTAssertNotNil(AbandonmentRule.refusal(.otherFeeUnpaid, decidedOn: d("2026-12-11"), facts: .init()))
        // Other outcomes are not affected.
        XCTAssertNil(AbandonmentRule.refusal(.disclosed, decidedOn: d("2026-11-13"), facts: correction))
    }

    func testExtensionOnlyWithinThePeriod() throws {
        let calendar = WorkingCalendar(schedule: HolidaySchedule())
        let d = { CivilDate(iso: $0)! }
        // Received Monday 2026-11-02; 20 working days end Monday 2026-11-30.
        let base: [ReplyDeadline.Event] = [.received(d("2026-11-02"))]
        XCTAssertEqual(try ReplyDeadline.derive(events: base, calendar: calendar, today: d("2026-11-02")).dueDate, d("2026-11-30"))
        let onLastDay = try ReplyDeadline.derive(events: base + [.extended(d("2026-11-30"), workingDays: 20)], calendar: calendar, today: d("2026-11-30"))
        XCTAssertEqual(onLastDay.dueDate, d("2026-12-28"))
        XCTAssertThrowsError(try ReplyDeadline.derive(events: base + [.extended(d("2026-12-01"), workingDays: 20)], calendar: calendar,
                                                      today: d("2026-12-01"))) {
            XCTAssertEqual($0 as? ReplyDeadline.Problem, .extensionAfterDeadline(due: d("2026-11-30")))
        }
        // A pause moves the last day on; an extension inside the moved period is in time.
        let paused = base + [.pauseStarted(d("2026-11-09"), .thirdPartyConsultation), .pauseEnded(d("2026-11-13")),
                             .extended(d("2026-12-04"), workingDays: 10)]
        XCTAssertEqual(try ReplyDeadline.derive(events: paused, calendar: calendar, today: d("2026-12-04")).dueDate, d("2026-12-18"))
    }

    // MARK: Managing accounts (issue 12, item 4)

    func testManagingAnAccountNeedsTheRightToGrantAllItsRoles() {
        let office = AccessPolicy(grants: [RoleGrant(role: .disclosureOfficeAdministrator, organisationID: 2, includesSubtree: true)])
        XCTAssertTrue(office.mayManage(accountHolding: [(.reviewer, [1, 2]), (.leader, [1, 2, 5])]))
        XCTAssertFalse(office.mayManage(accountHolding: [(.reviewer, [1, 2]), (.systemAdministrator, [1, 2])]))
        XCTAssertFalse(office.mayManage(accountHolding: [(.reviewer, [1, 3])]), "a role held outside the administrator's scope")
        let system = AccessPolicy(grants: [RoleGrant(role: .systemAdministrator, organisationID: 1, includesSubtree: true)])
        XCTAssertTrue(system.mayManage(accountHolding: [(.systemAdministrator, [1]), (.reviewer, [1, 3])]))
    }
}

/// The client address behind proxies (issue 12, item 5).
final class ClientAddressTests: XCTestCase {
    let proxies = ["127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"].compactMap(IPNetwork.init)

    func testNetworks() {
        XCTAssertNotNil(IPNetwork("192.168.1.0/24"))
        XCTAssertNil(IPNetwork("192.168.1.0/33"))
        XCTAssertNil(IPNetwork("not an address"))
        XCTAssertNil(IPNetwork("10.0.0.0/"))
        let ten = IPNetwork("10.0.0.0/8")!
        XCTAssertTrue(ten.contains(IPNetwork.parse("10.255.1.2")!))
        XCTAssertFalse(ten.contains(IPNetwork.parse("11.0.0.1")!))
        XCTAssertFalse(ten.contains(IPNetwork.parse("::1")!), "families never match")
        XCTAssertTrue(IPNetwork("fd00::/8")!.contains(IPNetwork.parse("fd12:3456::1")!))
        XCTAssertTrue(IPNetwork("0.0.0.0/0")!.contains(IPNetwork.parse("8.8.8.8")!))
    }

    func testRightMostUntrustedEntryWins() {
        // Without a trusted peer the header is ignored.
        XCTAssertEqual(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: "1.2.3.4", trusted: proxies), "203.0.113.9")
        XCTAssertEqual(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: "1.2.3.4", trusted: []), "203.0.113.9")
        // A client forging an entry gets its own address, appended by our proxy, not the forgery.
        XCTAssertEqual(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: "6.6.6.6, 198.51.100.7", trusted: proxies), "198.51.100.7")
        // Two proxies of ours in a row.
        XCTAssertEqual(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: "6.6.6.6, 198.51.100.7, 10.1.2.3", trusted: proxies), "198.51.100.7")
        XCTAssertEqual(ClientAddress.resolve(peer: "::1", forwardedFor: "2001:db8::5", trusted: proxies), "2001:db8::5")
        // Garbage is never taken as an address.
        XCTAssertEqual(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: "<script>", trusted: proxies), "127.0.0.1")
        XCTAssertEqual(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: nil, trusted: proxies), "127.0.0.1")
        let long = (0..<5000).map { _ in "10.0.0.1" }.joined(separator: ",")
        XCTAssertEqual(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: "9.9.9.9," + long, trusted: proxies), "10.0.0.1")
    }
}

/// Passwords (issue 12, item 9).
final class PasswordRuleTests: XCTestCase {
    func testGuessableAndOverlongPasswordsAreRefused() {
        let p = PasswordPolicy()
        for guessable in ["Gongkai2026", "Gongkai@2026", "P@ssw0rd!", "Admin@123", "Qwerty@2026", "Zwgk#2026", "Password1!"] {
            XCTAssertFalse(p.problems(password: guessable, username: "zhangsan").isEmpty, guessable)
        }
        var site = PasswordPolicy()
        site.extraWords = ["qingxi"]
        XCTAssertFalse(site.problems(password: "Qingxi@2026", username: "zhangsan").isEmpty, "site-derived")
        XCTAssertTrue(p.problems(password: "Qingxi@2026", username: "zhangsan").isEmpty)
        for fine in ["Test@2026pw", "Qx-Demo#2026", "Lan7ting!Shui", "河边的柳树Ab1"] {
            XCTAssertEqual(p.problems(password: fine, username: "zhangsan"), [], fine)
        }
        // bcrypt reads 72 bytes: longer is refused rather than silently cut.
        XCTAssertTrue(p.problems(password: "Ab1!" + String(repeating: "x", count: 68), username: "u").isEmpty)
        XCTAssertFalse(p.problems(password: "Ab1!" + String(repeating: "x", count: 69), username: "u").isEmpty)
        XCTAssertFalse(p.problems(password: "Ab1!" + String(repeating: "汉", count: 23), username: "u").isEmpty, "73 bytes of UTF-8")
    }
}

/// What the applicant reads on the tracking page (issue 11, item 16).
final class PublicOutcomeLabelTests: XCTestCase {
    func testNoReportNotesForTheApplicant() {
        XCTAssertEqual(ReplyOutcome.partiallyDisclosed.publicLabel, "部分公开")
        XCTAssertEqual(ReplyOutcome.disclosed.publicLabel, "予以公开")
        XCTAssertEqual(ReplyOutcome.withheldStateSecret.publicLabel, "不予公开：属于国家秘密")
        for o in ReplyOutcome.allCases {
            XCTAssertFalse(o.publicLabel.contains("区分处理"), o.rawValue)
            XCTAssertFalse(o.publicLabel.contains("（"), o.publicLabel)
            XCTAssertFalse(o.publicLabel.first?.isNumber ?? true, o.publicLabel)
        }
    }
}

/// The 指南 states the fee standard from the settings (issue 11, item 15).
final class FeeStandardTextTests: XCTestCase {
    func testStandardTextFollowsTheSettings() {
        let text = InformationProcessingFee().standardText
        for part in ["10件以下（含）的不收费", "11—30件的部分按100元/件收费", "每增加10件，收费标准提高100元/件",
                     "30页以下（含）不收费", "31—100页的部分按10元/页收费", "101—200页的部分按20元/页收费",
                     "201页以上的部分按40元/页收费", "20个工作日内缴纳", "国办函〔2020〕109号"] {
            XCTAssertTrue(text.contains(part), part)
        }
        var other = InformationProcessingFee()
        other.paymentPeriodWorkingDays = 15
        other.pageBands = [(51, 5)]
        XCTAssertTrue(other.standardText.contains("15个工作日内缴纳"))
        XCTAssertTrue(other.standardText.contains("50页以下（含）不收费；51页以上的部分按5元/页收费"))
    }
}

/// Issue 13 (libraries and guards): the link check reaches public addresses only.
final class OutboundAddressPolicyTests: XCTestCase {
    func testOnlyPublicUnicastAddressesArePublic() {
        for inside in ["127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.64.0.1",
                       "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "fc12::3", "ff02::1",
                       "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2001:db8::1", "not an address"] {
            XCTAssertFalse(OutboundAddressPolicy.isPublic(inside), inside)
        }
        for outside in ["8.8.8.8", "172.32.0.1", "172.15.255.255", "101.6.6.6", "2400:3200::1", "::ffff:8.8.8.8", "223.5.5.5"] {
            XCTAssertTrue(OutboundAddressPolicy.isPublic(outside), outside)
        }
    }
}
