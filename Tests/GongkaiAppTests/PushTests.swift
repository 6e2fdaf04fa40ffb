import Crypto
import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// 政策服务直通车 over HTTP: subscribing with double opt-in, a reviewer confirming an item's
/// audience, the digest with its reasons delivered through a real SMTP server, no second send,
/// the 废止 notice naming the replacement, one-click unsubscribe deleting the profile; signed
/// webhook deliveries checked by a receiver, retried and given up; 政策包, 明白卡 and feeds.
final class PushTests: XCTestCase {
    static func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    static func subscribe(_ client: some TestClientProtocol, _ f: Fixture, email: String, frequency: String = "daily") async throws -> (Browser.Page, Browser) {
        let citizen = Browser(client)
        _ = try await citizen.get("/zhitongche/subscribe")
        let page = try await citizen.post("/zhitongche/subscribe", [("email", email), ("region", String(f.township.id!)), ("group", "农民"),
                                                                     ("frequency", frequency)])
        return (page, citizen)
    }

    /// The link in the confirmation mail.
    static func confirmationToken(_ env: TestEnvironment, _ email: String) async throws -> String {
        let mail = try await OutboxMail.query(on: env.db).filter(\.$recipient == email).filter(\.$purpose ~~ ["push_confirm"]).all()
        let all = try await OutboxMail.query(on: env.db).filter(\.$recipient == email).all().filter { $0.purpose.hasPrefix("push_confirm:") }
        let body = try XCTUnwrap((mail + all).last?.body)
        let range = try XCTUnwrap(body.range(of: "/zhitongche/confirm/"))
        return String(body[range.upperBound...].prefix { !$0.isWhitespace })
    }

    func testSubscribeConfirmDigestOverRealSMTPRepealAndUnsubscribe() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let sinkPort = sink.port
        let sinkBox = UncheckedBox(sink)
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: Self.day("2026-11-02"))
            try await env.withClient { client in
                // The QR code's link presets the choices.
                let preset = try await Browser(client).get("/zhitongche/subscribe?group=%E5%86%9C%E6%B0%91&region=\(f.township.id!)")
                XCTAssertTrue(preset.body.contains("value=\"农民\" checked"))
                XCTAssertTrue(preset.body.contains("value=\"\(f.township.id!)\" checked"))
                // Field messages, nothing stored.
                let citizen = Browser(client)
                _ = try await citizen.get("/zhitongche/subscribe")
                let noEmail = try await citizen.post("/zhitongche/subscribe", [("group", "农民"), ("frequency", "daily")])
                XCTAssertEqual(noEmail.status, .badRequest)
                XCTAssertTrue(noEmail.body.contains("请填写电子邮箱"))
                let nothing = try await citizen.post("/zhitongche/subscribe", [("email", "a@example.cn"), ("frequency", "daily")])
                XCTAssertTrue(nothing.body.contains("请至少选择一项"))
                let forged = try await citizen.post("/zhitongche/subscribe", [("email", "a@example.cn"), ("group", "火星人"), ("frequency", "daily")])
                XCTAssertEqual(forged.status, .badRequest)
                let count0 = try await PushSubscriber.query(on: env.db).count()
                XCTAssertEqual(count0, 0)

                let (done, _) = try await Self.subscribe(client, f, email: "farmer@example.cn")
                XCTAssertEqual(done.status, .ok)
                XCTAssertTrue(done.body.contains("请查收确认邮件"))
                XCTAssertFalse(done.body.contains("farmer@example.cn"), "the page shows the address masked")
                let token = try await Self.confirmationToken(env, "farmer@example.cn")

                // Items: one for farmers in the township's village, one for veterans; the reviewer confirms both.
                let subsidy = try await f.item(env, title: "桃花村2026年种粮补贴发放公示", kind: .notice)
                let veterans = try await f.item(env, title: "退役军人优待证申领通知", kind: .notice)
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let form = try await officer.get("/admin/push/items/\(subsidy.id!.uuidString)")
                XCTAssertTrue(form.body.contains("value=\"农民\" checked"), "种粮 suggests 农民")
                XCTAssertFalse(form.body.contains("确认并用于推送"), "an officer cannot confirm")
                let officerConfirm = try await officer.post("/admin/push/items/\(subsidy.id!.uuidString)", [("group", "农民"), ("action", "confirm")])
                XCTAssertEqual(officerConfirm.status, .forbidden)
                let reviewer = Browser(client)
                try await reviewer.logIn("usera", Fixture.password)
                for (item, group) in [(subsidy, "农民"), (veterans, "退役军人")] {
                    let r = try await reviewer.post("/admin/push/items/\(item.id!.uuidString)", [("group", group), ("region", String(f.village.id!)), ("action", "confirm")])
                    XCTAssertEqual(r.status, .found)
                }

                // Not confirmed yet: nothing is matched.
                let dispatcher = PushDispatcher(services: env.services)
                var report = try await dispatcher.run(now: env.services.clock.now())
                XCTAssertEqual(report.notices, 2)
                XCTAssertEqual(report.mails, 0)
                let confirmed = try await Browser(client).get("/zhitongche/confirm/\(token)")
                XCTAssertTrue(confirmed.body.contains("订阅已生效"))
                // A notice made before confirmation is not sent afterwards; a new publication is.
                let second = try await f.item(env, title: "测试镇2026年农机购置补贴申领公告", kind: .notice)
                _ = try await reviewer.post("/admin/push/items/\(second.id!.uuidString)", [("group", "农民"), ("action", "confirm")])
                report = try await dispatcher.run(now: env.services.clock.now())
                XCTAssertEqual(report.notices, 1)
                XCTAssertEqual(report.mails, 1)

                let settings = MailSettings(host: "127.0.0.1", port: sinkPort, security: .none, username: nil, password: nil,
                                            from: .init(address: "gongkai@example.cn"))
                _ = try await MailOutbox(db: env.db, transport: SMTPClient(settings: settings), from: settings.from, logger: env.services.logger).deliverDue()
                let received = try await sinkBox.value.messages(expecting: 2)
                let digest = try XCTUnwrap(received.first { $0.subject.contains("政策") && $0.rcpt_tos == ["farmer@example.cn"] && !$0.subject.contains("确认") })
                let body = try XCTUnwrap(digest.body)
                XCTAssertTrue(body.contains("—— 因为您的身份：农民 ——"), body)
                XCTAssertTrue(body.contains("【新发布】测试镇2026年农机购置补贴申领公告"))
                XCTAssertFalse(body.contains("退役军人"))
                XCTAssertTrue(body.contains("/zhitongche/unsubscribe/\(token)"))
                XCTAssertTrue(body.contains("/zhitongche/profile/\(token)"))

                // The next run sends nothing again.
                report = try await dispatcher.run(now: env.services.clock.now().addingTimeInterval(2 * 86_400))
                XCTAssertEqual(report.mails, 0)

                // 废止 with its replacement: one notice, saying what replaced it, once the daily period has passed.
                let replacement = try await f.item(env, title: "测试镇农机购置补贴实施办法（2027年）", kind: .notice)
                try await PublishingDesk(services: env.services).changeValidity(second, to: .repealed, successorIndex: replacement.indexNumber,
                                                                                 on: env.services.clock.today(), actor: .commandLine("test"))
                report = try await dispatcher.run(now: env.services.clock.now().addingTimeInterval(2 * 86_400))
                XCTAssertEqual(report.mails, 1)
                let repeal = try await OutboxMail.query(on: env.db).filter(\.$recipient == "farmer@example.cn").all()
                    .filter { $0.purpose.hasPrefix("push:") }.sorted { $0.createdAt < $1.createdAt }
                XCTAssertEqual(repeal.count, 2)
                XCTAssertTrue(repeal.last!.body.contains("【已废止】测试镇2026年农机购置补贴申领公告（由《测试镇农机购置补贴实施办法（2027年）》代替）"))
                report = try await dispatcher.run(now: env.services.clock.now().addingTimeInterval(4 * 86_400))
                XCTAssertEqual(report.notices, 0)
                XCTAssertEqual(report.mails, 0)

                // Profile: change the frequency; then one click unsubscribes and deletes everything.
                let profile = try await Browser(client).get("/zhitongche/profile/\(token)")
                XCTAssertTrue(profile.body.contains("f***@example.cn") || profile.body.contains("@example.cn"))
                let feed = try await Browser(client).get("/zhitongche/feed/\(token)")
                XCTAssertTrue(feed.body.contains("测试镇2026年农机购置补贴申领公告") || feed.body.contains("<feed"))
                let gone = try await Browser(client).get("/zhitongche/unsubscribe/\(token)")
                XCTAssertTrue(gone.body.contains("已退订"))
                let left = try await PushSubscriber.query(on: env.db).count()
                XCTAssertEqual(left, 0)
                let deliveries = try await PushDelivery.query(on: env.db).count()
                XCTAssertEqual(deliveries, 0)
                let stale = try await Browser(client).get("/zhitongche/profile/\(token)")
                XCTAssertEqual(stale.status, .notFound)
            }
            let actions = Set(try await AuditRecord.query(on: env.db).all().map(\.action))
            for a in ["订阅（待确认）", "确认订阅", "确认受众", "退订并删除"] { XCTAssertTrue(actions.contains(a), a) }
            let trail = try await AuditRecord.query(on: env.db).all().map(\.entityID).joined(separator: " ")
            XCTAssertFalse(trail.contains("farmer@example.cn"), "the audit trail keeps the address masked")
        }
    }

    func testWebhookDeliveriesAreSignedRetriedAndGivenUp() async throws {
        let received = ReceivedHooks()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            await received.add(body: Array(buffer: body), timestamp: request.headers[.init("X-Gongkai-Timestamp")!] ?? "",
                               signature: request.headers[.init("X-Gongkai-Signature")!] ?? "")
            return Response(status: .ok)
        }
        router.post("/broken") { _, _ in Response(status: .internalServerError) }
        let site = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await site.test(.live) { receiver in
            let port = try XCTUnwrap(receiver.port)
            try await withEnvironment(extraEnvironment: ["GONGKAI_PUSH_WEBHOOK_PRIVATE": "true"]) { env in
                let f = try await Fixture.seed(env)
                env.services.clock.set(day: Self.day("2026-11-02"))
                try await env.withClient { client in
                    let admin = Browser(client)
                    try await admin.logIn("admina", Fixture.password)
                    let bad = try await admin.post("/admin/push/webhooks", [("organisation", String(f.deptA.id!)), ("name", "融媒体"), ("url", "ftp://x")])
                    XCTAssertEqual(bad.status, .badRequest)
                    XCTAssertTrue(bad.body.contains("请填写以 https:// 开头的接收地址"))
                    for (name, path) in [("县融媒体中心", "/hook"), ("坏掉的网关", "/broken")] {
                        let r = try await admin.post("/admin/push/webhooks", [("organisation", String(f.deptA.id!)), ("name", name), ("url", "http://127.0.0.1:\(port)\(path)")])
                        XCTAssertEqual(r.status, .found)
                    }
                    let item = try await f.item(env, title: "测试县种粮补贴发放公告", kind: .notice)
                    let reviewer = Browser(client)
                    try await reviewer.logIn("usera", Fixture.password)
                    _ = try await reviewer.post("/admin/push/items/\(item.id!.uuidString)", [("group", "农民"), ("region", String(f.township.id!)), ("action", "confirm")])
                    _ = try await PushDispatcher(services: env.services).run(now: env.services.clock.now())
                    let sender = WebhookSender(services: env.services, timeout: .seconds(3))
                    var r = try await sender.deliverDue(now: env.services.clock.now())
                    XCTAssertEqual(r.delivered, 1)
                    XCTAssertEqual(r.retrying, 1)

                    let hooks = await received.all
                    XCTAssertEqual(hooks.count, 1)
                    let hook = try XCTUnwrap(hooks.first)
                    let stored = try await PushWebhook.query(on: env.db).filter(\.$name == "县融媒体中心").first()
                    let secret = try XCTUnwrap(stored?.secret)
                    // The receiver checks the signature with its own HMAC over "<timestamp>.<body>".
                    let expected = HMAC<SHA256>.authenticationCode(for: Array("\(hook.timestamp).".utf8) + hook.body, using: SymmetricKey(data: Array(secret.utf8)))
                    XCTAssertEqual(hook.signature, "sha256=" + expected.map { String(format: "%02x", $0) }.joined())
                    let json = try JSONSerialization.jsonObject(with: Data(hook.body)) as! [String: Any]
                    XCTAssertEqual(json["event"] as? String, "published")
                    XCTAssertEqual((json["policy"] as? [String: Any])?["title"] as? String, "测试县种粮补贴发放公告")
                    let audience = json["audience"] as! [String: Any]
                    XCTAssertEqual(audience["groups"] as? [String], ["农民"])
                    XCTAssertEqual((audience["regions"] as? [[String: Any]])?.first?["name"] as? String, "测试镇")
                    XCTAssertFalse(String(decoding: hook.body, as: UTF8.self).contains("@"), "nothing about subscribers")

                    // The broken one is retried on schedule, then given up and shown.
                    var now = env.services.clock.now()
                    for pause in WebhookRetry.delays {
                        now = now.addingTimeInterval(pause + 1)
                        r = try await sender.deliverDue(now: now)
                    }
                    XCTAssertEqual(r.failed, 1)
                    let page = try await admin.get("/admin/push/webhooks")
                    XCTAssertTrue(page.body.contains("已放弃"))
                    XCTAssertTrue(page.body.contains("HTTP 500"))
                    let again = await received.all
                    XCTAssertEqual(again.count, 1, "a delivered notice is not sent twice")
                }
            }
        }
        // Without the setting, a webhook to this machine is refused (SSRF).
        try await withEnvironment { env in
            let hook = PushWebhook()
            hook.id = UUID(); hook.organisationID = 1; hook.name = "内网"; hook.url = "http://127.0.0.1:9/x"; hook.secret = "s"; hook.active = true; hook.createdAt = Date()
            do {
                _ = try await WebhookSender(services: env.services, timeout: .seconds(2)).post([1], to: hook, now: Date())
                XCTFail("a private address was posted to")
            } catch {
                XCTAssertTrue("\(error)".contains("不是公网地址"))
            }
        }
    }

    /// A 标准目录 row's confirmed audience is suggested for the items filed under it; an officer
    /// cannot confirm it, the office can.
    func testCatalogueRowAudienceIsSuggestedToItsItems() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: Self.day("2026-11-02"))
            var sample = CatalogueRow()
            sample.level1 = "临时救助"; sample.content = "救助资金发放情况"; sample.subject = "测试县民政局"; sample.channels = ["政府网站"]
            try await CatalogueStore(services: env.services).add(sample, org: f.deptA.id!, domain: "社会救助", actor: .commandLine("test"))
            let row = try await CatalogueStore(services: env.services).rows(f.deptA.id!, "社会救助")[0]
            let item = try await f.item(env, title: "2026年第四季度资金发放情况公示", kind: .notice)
            let link = ItemCatalogueLink()
            link.id = UUID(); link.itemID = item.id!; link.catalogueItemID = row.id!
            try await link.create(on: env.db)
            let before = try await AudienceDesk(services: env.services).suggestion(for: item)
            XCTAssertFalse(before.groups.contains("低保对象"))
            try await env.withClient { client in
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let page = try await officer.get("/admin/push/rows/\(row.id!.uuidString)")
                XCTAssertEqual(page.status, .ok)
                let refused = try await officer.post("/admin/push/rows/\(row.id!.uuidString)", [("group", "低保对象"), ("action", "confirm")])
                XCTAssertEqual(refused.status, .forbidden)
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let ok = try await admin.post("/admin/push/rows/\(row.id!.uuidString)", [("group", "低保对象"), ("group", "特困人员"), ("action", "confirm")])
                XCTAssertEqual(ok.status, .found)
                let itemForm = try await officer.get("/admin/push/items/\(item.id!.uuidString)")
                XCTAssertTrue(itemForm.body.contains("value=\"低保对象\" checked"))
                XCTAssertTrue(itemForm.body.contains("value=\"特困人员\" checked"))
                let list = try await admin.get("/admin/push")
                XCTAssertTrue(list.body.contains("标准目录事项的适用对象"))
            }
            let after = try await AudienceDesk(services: env.services).suggestion(for: item)
            XCTAssertEqual(Set(after.groups).intersection(["低保对象", "特困人员"]), ["低保对象", "特困人员"])
        }
    }

    func testPackagesCardsFeedsEmbedAndAPI() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: Self.day("2026-11-02"))
            let farm = try await f.item(env, title: "测试县耕地地力保护补贴发放通知", kind: .normativeDocument)
            let elsewhere = try await f.item(env, title: "外县种粮补贴通知", kind: .normativeDocument)
            let desk = AudienceDesk(services: env.services)
            try await desk.save(Audience(regions: [f.township.id!], groups: ["农民"]), for: .item, id: farm.id!.uuidString, organisationID: f.deptA.id!, confirm: true, actor: .commandLine("t"))
            try await desk.save(Audience(regions: [f.county.id!], groups: ["退役军人"]), for: .item, id: elsewhere.id!.uuidString, organisationID: f.deptA.id!, confirm: true, actor: .commandLine("t"))
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let empty = try await admin.post("/admin/push/packages", [("organisation", String(f.deptA.id!)), ("name", "惠农政策包")])
                XCTAssertEqual(empty.status, .badRequest)
                XCTAssertTrue(empty.body.contains("请至少选择一项适用对象"))
                let unknownPick = try await admin.post("/admin/push/packages", [("organisation", String(f.deptA.id!)), ("name", "惠农政策包"), ("group", "农民"), ("picks", "NOPE-1")])
                XCTAssertTrue(unknownPick.body.contains("找不到：NOPE-1"))
                let made = try await admin.post("/admin/push/packages", [("organisation", String(f.deptA.id!)), ("name", "惠农政策包"), ("group", "农民"),
                                                                         ("contacts", "县农业农村局 0000-1234567")])
                XCTAssertEqual(made.status, .found)
                let p = try await PolicyPackage.query(on: env.db).first()!
                var page = try await Browser(client).get("/zhitongche/packages/\(p.id!.uuidString)")
                XCTAssertEqual(page.status, .notFound, "not public before it is published")
                _ = try await admin.post("/admin/push/packages/\(p.id!.uuidString)", [("action", "publish")])
                page = try await Browser(client).get("/zhitongche/packages/\(p.id!.uuidString)")
                XCTAssertTrue(page.body.contains("测试县耕地地力保护补贴发放通知"))
                XCTAssertFalse(page.body.contains("外县种粮补贴通知"), "for 退役军人, not in the 农民 package")
                XCTAssertTrue(page.body.contains("<svg"), "QR code")
                // The card of the township holds the policy; the village's too (inside it); the card's QR presets the subscription.
                let card = try await Browser(client).get("/zhitongche/packages/\(p.id!.uuidString)/card/\(f.village.id!)")
                XCTAssertTrue(card.body.contains("桃花村惠农政策包明白卡"))
                XCTAssertTrue(card.body.contains("测试县耕地地力保护补贴发放通知"))
                XCTAssertTrue(card.body.contains("县农业农村局 0000-1234567"))
                let a5 = try await Browser(client).get("/zhitongche/packages/\(p.id!.uuidString)/card/\(f.village.id!)?size=a5")
                XCTAssertTrue(a5.body.contains("class=\"a5 mingbaika\""))
                let docx = try await client.execute(uri: "/zhitongche/packages/\(p.id!.uuidString)/card/\(f.village.id!)/card.docx", method: .get) { Array(buffer: $0.body) }
                let text = try XCTUnwrap(OfficeText.docx(docx))
                XCTAssertTrue(text.contains("桃花村惠农政策包明白卡"))
                XCTAssertTrue(text.contains("/zhitongche/subscribe?region=\(f.village.id!)&group="))
                let notARegion = try await Browser(client).get("/zhitongche/packages/\(p.id!.uuidString)/card/\(f.deptA.id!)")
                XCTAssertEqual(notARegion.status, .notFound)

                // Feeds, fragment, screen, API: the same matching.
                let feed = try await Browser(client).get("/zhitongche/feed.xml?group=%E5%86%9C%E6%B0%91&region=\(f.village.id!)")
                XCTAssertTrue(feed.body.contains("测试县耕地地力保护补贴发放通知"))
                XCTAssertFalse(feed.body.contains("外县种粮补贴通知"))
                let fetched = try await PushQueries.fetches("audience:region=\(f.village.id!)&group=%E5%86%9C%E6%B0%91", on: env.db)
                XCTAssertEqual(fetched, 1)
                let embed = try await client.execute(uri: "/zhitongche/embed?group=%E5%86%9C%E6%B0%91", method: .get) { $0 }
                XCTAssertNil(embed.headers[.init("X-Frame-Options")!], "the fragment may be framed")
                XCTAssertTrue(embed.headers[.contentSecurityPolicy]?.contains("frame-ancestors *") ?? false)
                let normal = try await client.execute(uri: "/zhitongche", method: .get) { $0 }
                XCTAssertEqual(normal.headers[.init("X-Frame-Options")!], "DENY")
                let screen = try await Browser(client).get("/zhitongche/screen?group=%E5%86%9C%E6%B0%91&n=0")
                XCTAssertTrue(screen.body.contains("data-next=\"/zhitongche/screen?group=%E5%86%9C%E6%B0%91&amp;n=0\""))
                XCTAssertTrue(screen.body.contains("测试县耕地地力保护补贴发放通知"))
                let badN = try await Browser(client).get("/zhitongche/screen?n=99999")
                XCTAssertEqual(badN.status, .badRequest)
                let api = try await Browser(client).get("/api/v1/policies-for?group=%E5%86%9C%E6%B0%91")
                XCTAssertTrue(api.body.contains("因为您的身份：农民"))
                let packages = try await Browser(client).get("/api/v1/policy-packages/\(p.id!.uuidString)")
                XCTAssertTrue(packages.body.contains("测试县耕地地力保护补贴发放通知"))
                let openapi = try await Browser(client).get("/api/v1/openapi.json")
                XCTAssertTrue(openapi.body.contains("/policies-for"))
                // The policy page carries its QR code and a subscription link preset with its audience.
                let itemPage = try await Browser(client).get(ParticipationQueries.itemHref(farm))
                XCTAssertTrue(itemPage.body.contains("fact-qr"))
                XCTAssertTrue(itemPage.body.contains("/zhitongche/subscribe?region=\(f.township.id!)&amp;group=%E5%86%9C%E6%B0%91"))
                let search = try await Browser(client).get("/search?q=%E6%83%A0%E5%86%9C%E6%94%BF%E7%AD%96%E5%8C%85")
                XCTAssertTrue(search.body.contains("/zhitongche/packages/\(p.id!.uuidString)"))
            }
        }
    }
}

actor ReceivedHooks {
    struct Hook: Sendable {
        let body: [UInt8]
        let timestamp: String
        let signature: String
    }

    var all: [Hook] = []

    func add(body: [UInt8], timestamp: String, signature: String) { all.append(Hook(body: body, timestamp: timestamp, signature: signature)) }
}

/// Hands a test-only object into a test closure (the sink is used from one task at a time).
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
