import Foundation
import XCTest
@testable import GongkaiDomain

/// 政策服务直通车 rules: matching on audience attributes with its explanation, digests grouped by
/// reason, notice keys that never repeat, 废止 lines naming the replacement, webhook signatures
/// against RFC 4231's published HMAC-SHA256 vectors, and the retry schedule.
final class PushRuleTests: XCTestCase {
    // County 1 → townships 10 (清溪镇), 20 (石桥镇) → village 21 (新街村) in 石桥镇.
    let matcher = PolicyMatcher(ancestry: [1: [1], 10: [10, 1], 20: [20, 1], 21: [21, 20, 1], 5: [5, 1]],
                                names: [1: "清溪县", 10: "清溪镇", 20: "石桥镇", 21: "新街村", 5: "县农业农村局"],
                                columnLabels: ["czzj": "财政资金"])

    func subject(_ a: Audience, title: String = "2026年耕地地力保护补贴发放通知", text: String = "", org: Int = 5, columns: [String] = []) -> PolicyMatcher.Subject {
        .init(title: title, text: text, organisationID: org, columns: columns, audience: a)
    }

    func testFarmerInTheTownshipGetsTheTownshipsSubsidyWithBothReasons() {
        let me = PushInterest(audience: Audience(regions: [20], groups: ["农民"]))
        let r = matcher.reasons(for: me, subject: subject(Audience(regions: [20], groups: ["农民"])))
        XCTAssertEqual(r, [.group("农民"), .region("石桥镇")])
        XCTAssertEqual(PushReason.explanation(r), "因为您的身份：农民；所在乡镇（村、社区）：石桥镇")
    }

    func testRegionsAgreeUpAndDownTheTreeButNotAcross() {
        let villager = PushInterest(audience: Audience(regions: [21], groups: ["农民"]))
        // A township's notice reaches its villages…
        XCTAssertEqual(matcher.reasons(for: villager, subject: subject(Audience(regions: [20], groups: ["农民"]))), [.group("农民"), .region("新街村")])
        // …a county-wide one reaches everyone of the group without a region reason…
        XCTAssertEqual(matcher.reasons(for: villager, subject: subject(Audience(groups: ["农民"]))), [.group("农民")])
        // …another township's does not.
        XCTAssertEqual(matcher.reasons(for: villager, subject: subject(Audience(regions: [10], groups: ["农民"]))), [])
        // A township subscriber sees a notice for one of its villages.
        let township = PushInterest(audience: Audience(regions: [20], groups: ["农民"]))
        XCTAssertEqual(matcher.reasons(for: township, subject: subject(Audience(regions: [21], groups: ["农民"]))), [.group("农民"), .region("石桥镇")])
    }

    func testEveryStatedDimensionMustAgree() {
        let bigMaker = PushInterest(audience: Audience(industries: ["C"], sizes: ["large"]))
        XCTAssertEqual(matcher.reasons(for: bigMaker, subject: subject(Audience(industries: ["C"], sizes: ["small", "micro"]))), [], "小微 policy not for a 大型企业")
        XCTAssertEqual(matcher.reasons(for: bigMaker, subject: subject(Audience(industries: ["C"]))), [.industry(.c)])
        let veteran = PushInterest(audience: Audience(groups: ["退役军人"], lifeEvents: ["就业"]))
        XCTAssertEqual(matcher.reasons(for: veteran, subject: subject(Audience(groups: ["高校毕业生"], lifeEvents: ["就业"]))), [], "the group differs")
        XCTAssertEqual(matcher.reasons(for: veteran, subject: subject(Audience(lifeEvents: ["就业"]))), [.lifeEvent("就业")])
        XCTAssertEqual(PushReason.explanation([.industry(.c), .size(.small)]), "因为所属行业：制造业；企业规模：小型企业")
    }

    func testKeywordsOrganisationsAndColumnsAreReasonsToo() {
        let me = PushInterest(audience: Audience(regions: [20]), keywords: ["耕地", "医保"], organisations: [5], columns: ["czzj"])
        let r = matcher.reasons(for: me, subject: subject(Audience(regions: [20]), columns: ["czzj"]))
        XCTAssertEqual(r, [.keyword("耕地"), .organisation("县农业农村局"), .column("财政资金"), .region("石桥镇")])
        XCTAssertEqual(PushReason.explanation(r), "因为您关注：耕地；您关注的单位：县农业农村局；您关注的栏目：财政资金；所在乡镇（村、社区）：石桥镇")
        // Following a township covers its villages' publications.
        let follower = PushInterest(organisations: [20])
        XCTAssertEqual(matcher.reasons(for: follower, subject: subject(Audience(), org: 21)), [.organisation("新街村")])
        // Nothing in common: nothing sent.
        XCTAssertEqual(matcher.reasons(for: PushInterest(keywords: ["殡葬"]), subject: subject(Audience())), [])
    }

    func testRegionOnlySubscribersGetWhatIsAimedAtTheirArea() {
        let resident = PushInterest(audience: Audience(regions: [20]))
        XCTAssertEqual(matcher.reasons(for: resident, subject: subject(Audience(regions: [20], groups: ["老年人"]))), [.region("石桥镇")])
        XCTAssertEqual(matcher.reasons(for: resident, subject: subject(Audience(groups: ["老年人"]))), [], "county-wide, not aimed at the area")
        // Someone who named topics is not sent everything for the area.
        let farmer = PushInterest(audience: Audience(regions: [20], groups: ["农民"]))
        XCTAssertEqual(matcher.reasons(for: farmer, subject: subject(Audience(regions: [20], groups: ["老年人"]))), [])
        XCTAssertEqual(matcher.reasons(for: farmer, subject: subject(Audience(regions: [20]))), [], "no topic in common")
    }

    func testNoticeKeysNeverRepeatAndRepealLinesNameTheReplacement() {
        XCTAssertEqual(PushNoticeKind.key(item: "A", kind: .published, version: 3), "A:published")
        XCTAssertEqual(PushNoticeKind.key(item: "A", kind: .repealed, version: 3), "A:repealed")
        XCTAssertNotEqual(PushNoticeKind.key(item: "A", kind: .corrected, version: 2), PushNoticeKind.key(item: "A", kind: .corrected, version: 3))
        XCTAssertEqual(PushNoticeKind.line(kind: .repealed, title: "旧办法", successorTitle: "新办法"), "【已废止】旧办法（由《新办法》代替）")
        XCTAssertEqual(PushNoticeKind.line(kind: .repealed, title: "旧办法", successorTitle: nil), "【已废止】旧办法（不再执行）")
        XCTAssertEqual(PushNoticeKind.line(kind: .corrected, title: "通知", successorTitle: nil), "【已更正】通知")
    }

    func testDigestGroupsByReasonAndCarriesTheLinks() {
        let e1 = PushDigest.Entry(kind: .published, title: "耕地地力保护补贴", successorTitle: nil, url: "https://x/1", explanation: "因为您的身份：农民", organisation: "县农业农村局")
        let e2 = PushDigest.Entry(kind: .repealed, title: "旧农机补贴办法", successorTitle: "新农机补贴办法", url: "https://x/2", explanation: "因为您关注：农机", organisation: "县农业农村局")
        let e3 = PushDigest.Entry(kind: .corrected, title: "种粮补贴", successorTitle: nil, url: "https://x/3", explanation: "因为您的身份：农民", organisation: "石桥镇")
        let d = PushDigest(siteName: "清溪县人民政府", frequency: .daily, entries: [e1, e2, e3], profileURL: "https://x/p", unsubscribeURL: "https://x/u")
        XCTAssertEqual(d.subject, "【清溪县人民政府每日政策汇总】3条与您相关的政策信息")
        let body = d.body
        let farmer = body.range(of: "—— 因为您的身份：农民 ——")!, machinery = body.range(of: "—— 因为您关注：农机 ——")!
        XCTAssertLessThan(farmer.lowerBound, machinery.lowerBound)
        // Both 农民 entries sit under their heading, before the 农机 one.
        XCTAssertLessThan(body.range(of: "【已更正】种粮补贴")!.lowerBound, machinery.lowerBound)
        XCTAssertTrue(body.contains("【已废止】旧农机补贴办法（由《新农机补贴办法》代替）"))
        XCTAssertTrue(body.contains("退订（点击即退订，并删除您的订阅资料）：https://x/u"))
        XCTAssertTrue(body.contains("修改订阅（身份、乡镇、关键词、频率）：https://x/p"))
        let single = PushDigest(siteName: "清溪县人民政府", frequency: .immediate, entries: [e1], profileURL: "p", unsubscribeURL: "u")
        XCTAssertEqual(single.subject, "【清溪县人民政府政策推送】【新发布】耕地地力保护补贴")
    }

    func testDigestFrequency() {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        XCTAssertTrue(DigestFrequency.immediate.isDue(lastSentAt: t0, now: t0))
        XCTAssertTrue(DigestFrequency.daily.isDue(lastSentAt: nil, now: t0))
        XCTAssertFalse(DigestFrequency.daily.isDue(lastSentAt: t0, now: t0.addingTimeInterval(3600)))
        XCTAssertTrue(DigestFrequency.daily.isDue(lastSentAt: t0, now: t0.addingTimeInterval(86_400 - 600)), "a job run a few minutes early still sends")
        XCTAssertFalse(DigestFrequency.weekly.isDue(lastSentAt: t0, now: t0.addingTimeInterval(6 * 86_400)))
        XCTAssertTrue(DigestFrequency.weekly.isDue(lastSentAt: t0, now: t0.addingTimeInterval(7 * 86_400)))
    }

    /// RFC 4231 test cases 1 and 2 (HMAC-SHA-256, published values), then the header form: the MAC
    /// over "<timestamp>.<body>" with the "sha256=" prefix.
    func testSignatureMatchesPublishedHMACVectors() {
        XCTAssertEqual(Self.hex(WebhookSignature.mac(message: Array("Hi There".utf8), key: [UInt8](repeating: 0x0b, count: 20))),
                       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        XCTAssertEqual(Self.hex(WebhookSignature.mac(message: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let body = Array("{\"a\":1}".utf8)
        let signed = WebhookSignature.sign(body: body, timestamp: 1_790_000_000, secret: "s3cret")
        XCTAssertEqual(signed, "sha256=" + Self.hex(WebhookSignature.mac(message: Array("1790000000.{\"a\":1}".utf8), key: Array("s3cret".utf8))))
        XCTAssertTrue(WebhookSignature.verify(body: body, timestamp: 1_790_000_000, signature: signed, secret: "s3cret", now: 1_790_000_100))
        XCTAssertFalse(WebhookSignature.verify(body: body, timestamp: 1_790_000_000, signature: signed, secret: "other", now: 1_790_000_100))
        XCTAssertFalse(WebhookSignature.verify(body: body + [0x20], timestamp: 1_790_000_000, signature: signed, secret: "s3cret", now: 1_790_000_100))
        XCTAssertFalse(WebhookSignature.verify(body: body, timestamp: 1_790_000_000, signature: signed, secret: "s3cret", now: 1_790_000_400), "stale")
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    func testRetryScheduleGrowsThenGivesUp() {
        XCTAssertNil(WebhookRetry.delay(afterAttempts: 0))
        XCTAssertEqual(WebhookRetry.delay(afterAttempts: 1), 60)
        XCTAssertEqual(WebhookRetry.delay(afterAttempts: 6), 43_200)
        XCTAssertNil(WebhookRetry.delay(afterAttempts: 7))
        let delays = (1...6).compactMap(WebhookRetry.delay(afterAttempts:))
        XCTAssertEqual(delays, delays.sorted())
    }

    func testSuggestionsFromWordsAndPublisher() {
        let s = AudienceSuggester(vocabulary: AudienceVocabulary())
        let a = s.suggest(text: "关于发放2026年耕地地力保护补贴的通知 涉农补贴 种粮农民", region: 20)
        XCTAssertEqual(a.regions, [20])
        XCTAssertEqual(a.groups, ["农民"])
        let b = s.suggest(text: "支持小微企业和高校毕业生创业的若干措施", region: nil)
        XCTAssertEqual(b.groups, ["企业", "高校毕业生"].sorted())
        XCTAssertEqual(b.lifeEvents, ["创业"])
        XCTAssertEqual(b.sizes, ["micro", "small"])
        XCTAssertEqual(b.regions, [])
    }

    func testVocabularyListsAndNormalising() {
        XCTAssertEqual(AudienceVocabulary.parseList("农民，退役军人、 农民 ,老年人"), ["农民", "退役军人", "老年人"])
        XCTAssertNil(AudienceVocabulary.parseList(String(repeating: "长", count: 21)))
        let v = AudienceVocabulary()
        let a = Audience(regions: [3, 3, 0], groups: ["农民", "火星人", "农民"], industries: ["C", "Z"], sizes: ["huge", "small"]).normalised(v)
        XCTAssertEqual(a, Audience(regions: [3], groups: ["农民"], industries: ["C"], sizes: ["small"]))
        XCTAssertEqual(PushInterest.parseKeywords("耕地 补贴，耕地"), .success(["耕地", "补贴"]))
        XCTAssertEqual(PushInterest.parseKeywords("补"), .failure(.init(message: "每个关键词2至20个字")))
    }
}
