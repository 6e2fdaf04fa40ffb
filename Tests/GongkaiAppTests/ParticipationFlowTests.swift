import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// Public participation over HTTP: a consultation from opening to the published 意见采纳情况反馈,
/// moderation before anything is shown, contact data never public, the decision list with its
/// stages, change log and 预公开率 (dates on the shipped 2026 calendar: 国庆 10月1日–7日).
final class ParticipationFlowTests: XCTestCase {
    static func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    static let draft = "第一条　为规范临时救助工作，制定本办法。\n第二条　本办法适用于本县。\n第三条　家庭人均收入低于最低生活保障标准的，可以申请临时救助。\n第四条　本办法自发布之日起施行。"

    static func consultationFields(closes: String) -> [(String, String)] {
        [("title", "测试县临时救助办法（征求意见稿）"), ("subject", "normative_document"),
         ("explanation", "为规范临时救助工作，起草了本办法。"), ("draft", Self.draft),
         ("opens_on", "2026-09-25"), ("closes_on", closes), ("other_channels", "信函寄测试县民政局")]
    }

    func testConsultationFromOpeningToPublishedFeedback() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: Self.day("2026-09-24"))
            try await env.withClient { client in
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let form = try await officer.get("/admin/participation/\(f.deptA.id!)/consultations/new")
                XCTAssertEqual(form.status, .ok)
                // Seven working days from 9月25日 (中秋): 9/28, 9/29, 9/30, 10/8, 10/9, 10/10 (调休), 10/12.
                let short = try await officer.post("/admin/participation/\(f.deptA.id!)/consultations", Self.consultationFields(closes: "2026-10-09"))
                XCTAssertEqual(short.status, .badRequest)
                XCTAssertTrue(short.body.contains("id=\"err-closes_on\""), "the message is next to the field")
                XCTAssertTrue(short.body.contains("最早可于2026年10月12日截止"), short.body)
                let created = try await officer.post("/admin/participation/\(f.deptA.id!)/consultations", Self.consultationFields(closes: "2026-10-12"))
                XCTAssertEqual(created.status, .found)
                let c = try await Consultation.query(on: env.db).first()!
                let publicPath = "/participation/consultations/\(c.id!.uuidString)"

                // Not public before it is published and opens; it opens by itself on the day.
                let unpublished = try await Browser(client).get("/participation")
                XCTAssertFalse(unpublished.body.contains("测试县临时救助办法（征求意见稿）"), "not listed before it is published")
                let announced = try await officer.post("/admin/participation/consultations/\(c.id!.uuidString)/publish", [])
                XCTAssertEqual(announced.status, .found)
                let upcoming = try await Browser(client).get("/participation")
                XCTAssertTrue(upcoming.body.contains("即将征求意见"))
                let early = try await Browser(client).get(publicPath)
                XCTAssertEqual(early.status, .notFound)
                env.services.clock.set(day: Self.day("2026-09-28"))
                let citizen = Browser(client)
                let page = try await citizen.get(publicPath + "?section=3")
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.body.contains("还剩15天"), "9月28日 to 10月12日 inclusive")
                XCTAssertTrue(page.body.contains("id=\"s3\""))
                XCTAssertTrue(page.body.contains("<option value=\"3\" selected>第三条"))

                // A robot fills the hidden field; a bad section number is told next to the field.
                let robot = try await citizen.post(publicPath + "/comments", [("text", "广告"), ("website", "http://spam.example")])
                XCTAssertEqual(robot.status, .badRequest)
                let badSection = try await citizen.post(publicPath + "/comments", [("text", "意见"), ("section", "99999999999999999999")])
                XCTAssertEqual(badSection.status, .badRequest)
                XCTAssertTrue(badSection.body.contains("请从列表中选择意见针对的条款"))
                let empty = try await citizen.post(publicPath + "/comments", [("name", "李桂兰")])
                XCTAssertEqual(empty.status, .badRequest)
                XCTAssertTrue(empty.body.contains("id=\"err-text\""))
                XCTAssertTrue(empty.body.contains("value=\"李桂兰\""), "what was typed is kept")

                let first = try await citizen.post(publicPath + "/comments", [
                    ("name", "李桂兰"), ("contact", "13812340000"), ("section", "3"),
                    ("text", "建议把因病支出过大的家庭也纳入第三条。"),
                ])
                XCTAssertEqual(first.status, .ok)
                XCTAssertEqual(first.headers[.cacheControl], "no-store")
                let receipt = try XCTUnwrap(first.body.range(of: "id=\"receipt-number\">").map { String(first.body[$0.upperBound...].prefix(16)) })
                XCTAssertTrue(receipt.hasPrefix("YJ20260928"), receipt)
                let stored = try await ConsultationComment.query(on: env.db).filter(\.$receipt == receipt).first()
                XCTAssertEqual(stored?.sectionLabel, "第三条", "stored before it was acknowledged")
                let second = try await Browser(client).get(publicPath)
                _ = second
                let other = Browser(client)
                _ = try await other.get(publicPath)
                let anonymous = try await other.post(publicPath + "/comments", [("text", "希望简化审批，联系我 13900002222。")])
                XCTAssertEqual(anonymous.status, .ok)

                // Nothing is shown before moderation, on the page or in the API.
                var shown = try await Browser(client).get(publicPath)
                XCTAssertTrue(shown.body.contains("暂无公开的意见"))
                XCTAssertFalse(shown.body.contains("因病支出"))
                var api = try await Browser(client).get("/api/v1/consultations/\(c.id!.uuidString)")
                XCTAssertFalse(api.body.contains("因病支出"))

                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let adminPath = "/admin/participation/consultations/\(c.id!.uuidString)"
                let desk = try await admin.get(adminPath)
                XCTAssertTrue(desk.body.contains("2条待审核"))
                XCTAssertTrue(desk.body.contains("手机号码"), "the check flags the phone number for the moderator")
                XCTAssertFalse(desk.body.contains("13812340000"), "contacts are masked in the list")
                let comments = try await ConsultationComment.query(on: env.db).sort(\.$submittedAt).all()
                let withheldNoReason = try await admin.post(adminPath + "/comments/\(comments[1].id!.uuidString)", [("moderation", "withheld")])
                XCTAssertEqual(withheldNoReason.status, .badRequest)
                XCTAssertTrue(withheldNoReason.body.contains("不予公开的，请注明理由"))
                for m in comments {
                    let r = try await admin.post(adminPath + "/comments/\(m.id!.uuidString)", [("moderation", "approved")])
                    XCTAssertEqual(r.status, .found)
                }
                shown = try await Browser(client).get(publicPath)
                XCTAssertTrue(shown.body.contains("李*兰"))
                XCTAssertTrue(shown.body.contains("针对第三条"))
                XCTAssertTrue(shown.body.contains("139****2222"), "personal data in the text is masked")
                for secret in ["李桂兰", "13812340000", "13900002222"] {
                    XCTAssertFalse(shown.body.contains(secret), secret)
                }
                api = try await Browser(client).get("/api/v1/consultations/\(c.id!.uuidString)")
                XCTAssertTrue(api.body.contains("因病支出"))
                for secret in ["李桂兰", "13812340000", "13900002222", "contact"] { XCTAssertFalse(api.body.contains(secret), secret) }

                // Classification waits for the close; after it, every comment needs its outcome.
                let tooEarly = try await admin.post(adminPath + "/comments/\(comments[0].id!.uuidString)",
                                                    [("action", "classify"), ("disposition", "adopted"), ("theme", "救助对象"), ("response", "已修改")])
                XCTAssertEqual(tooEarly.status, .badRequest)
                XCTAssertTrue(tooEarly.body.contains("征求意见结束后才能逐条处理意见"))
                env.services.clock.set(day: Self.day("2026-10-13"))
                try await admin.logIn("admina", Fixture.password) // the session idled out over the fortnight
                let late = try await Browser(client).get(publicPath)
                XCTAssertTrue(late.body.contains("已结束"))
                XCTAssertFalse(late.body.contains("id=\"comment-form\""))
                let refusedFeedback = try await admin.post(adminPath + "/feedback", [])
                XCTAssertEqual(refusedFeedback.status, .conflict)
                XCTAssertTrue(refusedFeedback.body.contains("还有2条意见未处理"))
                let adopted = try await admin.post(adminPath + "/comments/\(comments[0].id!.uuidString)",
                                                   [("action", "classify"), ("disposition", "adopted"), ("theme", "救助对象"),
                                                    ("response", "第三条增加因病支出过大的家庭。")])
                XCTAssertEqual(adopted.status, .found)
                let noReason = try await admin.post(adminPath + "/comments/\(comments[1].id!.uuidString)",
                                                    [("action", "classify"), ("disposition", "not_adopted"), ("theme", "办理流程"), ("response", "")])
                XCTAssertEqual(noReason.status, .badRequest)
                XCTAssertTrue(noReason.body.contains("请填写未采纳的理由"))
                _ = try await admin.post(adminPath + "/comments/\(comments[1].id!.uuidString)",
                                         [("action", "classify"), ("disposition", "not_adopted"), ("theme", "办理流程"), ("response", "审核环节为上位法规定。")])

                let drafted = try await admin.post(adminPath + "/feedback", [])
                XCTAssertEqual(drafted.status, .found)
                let itemID = try XCTUnwrap(drafted.location?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
                let item = try await InformationItem.find(UUID(uuidString: itemID)!, on: env.db)!
                XCTAssertEqual(item.title, "关于《测试县临时救助办法（征求意见稿）》公开征求意见采纳情况的反馈")
                XCTAssertEqual(item.state, .draft, "it goes through 先审后发 like any item")
                XCTAssertTrue(item.bodyHTML.contains("采纳1条，未采纳1条"))
                XCTAssertTrue(item.bodyHTML.contains("139****2222"))
                XCTAssertFalse(item.bodyHTML.contains("13900002222"))
                XCTAssertFalse(item.bodyHTML.contains("李桂兰"), "commenters are not named")
                let locked = try await admin.post(adminPath + "/comments/\(comments[1].id!.uuidString)",
                                                  [("action", "classify"), ("disposition", "adopted"), ("theme", "办理流程"), ("response", "改")])
                XCTAssertTrue(locked.body.contains("处理结果不能再修改"))
                // Not public until reviewed and published.
                let v1 = try await Browser(client).get(publicPath).body.contains("采纳情况已公布")
                XCTAssertFalse(v1)
                let publishing = PublishingDesk(services: env.services, fixed: PublishingSettings(flow: ReviewFlow(steps: [.init(name: "初审", role: .reviewer)])))
                try await publishing.perform(.submit, on: item, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("test"))
                try await publishing.perform(.approve, on: item, roles: [.reviewer], actorUserID: f.userA.id, actor: .commandLine("test"))
                let published = try await Browser(client).get(publicPath)
                XCTAssertTrue(published.body.contains("本次征求意见的采纳情况已公布"))
                XCTAssertTrue(published.body.contains("/xxgk/\(f.deptA.id!)/content/\(itemID)"))
                let docx = try await Browser(client).get(publicPath + "/feedback.docx")
                XCTAssertEqual(docx.status, .ok)
                let list = try await Browser(client).get("/participation")
                XCTAssertTrue(list.body.contains("查看意见采纳情况反馈"))
            }
            let actions = Set(try await AuditRecord.query(on: env.db).all().map(\.action))
            for a in ["新建", "提交意见", "审核公开", "处理意见", "起草意见采纳情况反馈"] { XCTAssertTrue(actions.contains(a), a) }
        }
    }

    func testFeedbackDocumentOpensAsWordText() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: Self.day("2026-09-24"))
            let (input, errors) = ConsultationInput.parse({ Dictionary(uniqueKeysWithValues: Self.consultationFields(closes: "2026-10-12"))[$0] ?? "" },
                                                          calendar: .shipped)
            XCTAssertEqual(errors, [:])
            let desk = ConsultationDesk(services: env.services)
            let c = try await desk.create(input, in: f.deptA, decision: nil, actor: .commandLine("test"))
            try await desk.publish(c, actor: .commandLine("test"))
            var comment = CommentInput()
            comment.text = "建议提高标准"
            comment.section = 4
            env.services.clock.set(day: Self.day("2026-09-30"))
            let m = try await desk.submit(comment, to: c, sections: DraftSections.split(c.draft), clientAddress: "192.0.2.1")
            env.services.clock.set(day: Self.day("2026-10-13"))
            try await desk.classify(m, in: c, disposition: "adopted", theme: "救助标准", response: "第四条已修改", actor: .commandLine("test"))
            let doc = desk.feedbackDocument(c, organisation: f.deptA, comments: try await desk.comments(of: c))
            let text = try XCTUnwrap(OfficeText.docx(DocxWriter.write(doc)))
            XCTAssertTrue(text.contains("关于《测试县临时救助办法（征求意见稿）》公开征求意见采纳情况的反馈"))
            XCTAssertTrue(text.contains("一、关于救助标准"))
            XCTAssertTrue(text.contains("（针对第四条）"))
            XCTAssertTrue(text.contains("测试县民政局"))
        }
    }

    func testCommentLimitsAndClosedConsultations() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: Self.day("2026-09-24"))
            let (input, _) = ConsultationInput.parse({ Dictionary(uniqueKeysWithValues: Self.consultationFields(closes: "2026-10-12"))[$0] ?? "" },
                                                     calendar: .shipped)
            var named = input
            named.nameRequired = true
            let c = try await ConsultationDesk(services: env.services).create(named, in: f.deptA, decision: nil, actor: .commandLine("test"))
            try await ConsultationDesk(services: env.services).publish(c, actor: .commandLine("test"))
            env.services.clock.set(day: Self.day("2026-09-28"))
            let path = "/participation/consultations/\(c.id!.uuidString)"
            try await env.withClient { client in
                let b = Browser(client)
                _ = try await b.get(path)
                let unnamed = try await b.post(path + "/comments", [("text", "意见")])
                XCTAssertEqual(unnamed.status, .badRequest)
                XCTAssertTrue(unnamed.body.contains("本次征求意见须署名"))
                let long = try await b.post(path + "/comments", [("name", "王"), ("text", String(repeating: "长", count: 5001))])
                XCTAssertTrue(long.body.contains("意见建议不能超过5000个字（现为5001个字）"))
                for i in 0..<5 {
                    let ok = try await b.post(path + "/comments", [("name", "王"), ("text", "意见\(i)")])
                    XCTAssertEqual(ok.status, .ok)
                }
                let sixth = try await b.post(path + "/comments", [("name", "王"), ("text", "第六条意见")])
                XCTAssertEqual(sixth.status, .tooManyRequests)
                XCTAssertTrue(sixth.body.contains("value=\"王\""), "the form comes back with what was typed")
                let v2 = try await ConsultationComment.query(on: env.db).count()
                XCTAssertEqual(v2, 5)
                env.services.clock.set(day: Self.day("2026-10-13"))
                let closed = try await Browser(client).get(path)
                _ = closed
                let after = try await b.post(path + "/comments", [("name", "王"), ("text", "晚到的意见")])
                XCTAssertEqual(after.status, .conflict)
                XCTAssertTrue(after.body.contains("本次征求意见已于2026年10月12日结束"))
                // The API lists it as closed and refuses unknown phases.
                let listed = try await Browser(client).get("/api/v1/consultations?phase=closed")
                XCTAssertTrue(listed.body.contains(c.id!.uuidString))
                let v3 = try await Browser(client).get("/api/v1/consultations?phase=bogus").status
                XCTAssertEqual(v3, .badRequest)
                let openapi = try await Browser(client).get("/api/v1/openapi.json")
                XCTAssertTrue(openapi.body.contains("\"/consultations/{consultationId}\""))
                XCTAssertTrue(openapi.body.contains("\"DecisionList\""))
                XCTAssertTrue(openapi.body.contains("\"/items\""), "the publishing paths are still there")
                let feed = try await Browser(client).get("/participation/feed.xml")
                XCTAssertTrue(feed.body.contains("测试县临时救助办法（征求意见稿）"))
            }
        }
    }

    func testDecisionListStagesChangeLogAndRate() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: Self.day("2026-09-01"))
            let org = f.deptA.id!
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let base = "/admin/participation/\(org)/decisions"
                let v4 = try await admin.get(base).status
                XCTAssertEqual(v4, .ok)
                let missing = try await admin.post(base, [("year", "2026"), ("title", "测试县临时救助办法"), ("kind", "public_policy"),
                                                          ("undertaker", "测试县民政局"), ("planned", "2026年10月")])
                XCTAssertEqual(missing.status, .badRequest)
                XCTAssertTrue(missing.body.contains("请至少选择一种公众参与方式"))
                XCTAssertTrue(missing.body.contains("value=\"测试县临时救助办法\""))
                for (title, planned) in [("测试县临时救助办法", "2026年10月"), ("测试县养老服务设施布局规划", "2026年12月")] {
                    let r = try await admin.post(base, [("year", "2026"), ("title", title), ("kind", "public_policy"), ("undertaker", "测试县民政局"),
                                                        ("planned", planned), ("methods", "public_comment"), ("methods", "hearing")])
                    XCTAssertEqual(r.status, .found)
                }
                // Not public before it is published with its approval.
                let hidden = try await Browser(client).get("/xxgk/\(org)/decisions?year=2026")
                XCTAssertTrue(hidden.body.contains("尚未公布"))
                XCTAssertFalse(hidden.body.contains("测试县养老服务设施布局规划"))
                let noApproval = try await admin.post(base + "/publish", [("year", "2026"), ("approval", " ")])
                XCTAssertEqual(noApproval.status, .badRequest)
                XCTAssertTrue(noApproval.body.contains("请填写目录经同级党委（党组）审定的情况"))
                let v5 = try await admin.post(base + "/publish", [("year", "2026"), ("approval", "经县委常委会2026年2月10日会议审定")]).status
                XCTAssertEqual(v5, .found)

                let decisions = try await Decision.query(on: env.db).sort(\.$position).all()
                let relief = decisions[0], care = decisions[1]
                let reliefPath = "/admin/participation/decisions/\(relief.id!.uuidString)"
                // A change after publication is logged publicly.
                _ = try await admin.post("/admin/participation/decisions/\(care.id!.uuidString)", [
                    ("title", care.title), ("kind", "public_policy"), ("undertaker", "测试县民政局"), ("planned", "2027年3月"), ("methods", "public_comment"),
                ])
                _ = try await admin.post("/admin/participation/decisions/\(care.id!.uuidString)", [("action", "remove"), ("reason", "并入全县养老服务体系规划")])

                // Stages: legality review gets seven working days (9月29日 → 10月14日 across 国庆).
                for (stage, date) in [("legality_review", "2026-09-29")] {
                    env.services.clock.set(day: Self.day(date))
                    try await admin.logIn("admina", Fixture.password)
                    let v6 = try await admin.post(reliefPath, [("action", "stage"), ("stage", stage), ("day", date)]).status
                    XCTAssertEqual(v6, .found)
                }
                env.services.clock.set(day: Self.day("2026-10-20"))
                try await admin.logIn("admina", Fixture.password)
                let tooSoon = try await admin.post(reliefPath, [("action", "stage"), ("stage", "deliberation"), ("day", "2026-10-13")])
                XCTAssertEqual(tooSoon.status, .badRequest)
                XCTAssertTrue(tooSoon.body.contains("最早可于2026年10月14日提请审议"))
                let future = try await admin.post(reliefPath, [("action", "stage"), ("stage", "deliberation"), ("day", "2026-12-30")])
                XCTAssertTrue(future.body.contains("日期不能晚于今天"))
                let v7 = try await admin.post(reliefPath, [("action", "stage"), ("stage", "deliberation"), ("day", "2026-10-14")]).status
                XCTAssertEqual(v7, .found)

                // Deliberated without public comment: the rate is 0 % and says which one.
                var rate = try await ParticipationQueries.prePublicationRate(organisationID: org, year: 2026, on: env.db)
                XCTAssertEqual(rate.text, "0.0%")
                XCTAssertEqual(rate.missed.map(\.title), ["测试县临时救助办法"])
                let dashboard = try await admin.get("/admin")
                XCTAssertTrue(dashboard.body.contains("2026年预公开率（0/1）"))
                // A consultation on it that opened before the deliberation makes it 100 %.
                var input = ConsultationInput()
                input.title = "测试县临时救助办法（征求意见稿）"; input.subject = .normativeDocument; input.explanation = "说明"; input.draft = "第一条 内容"
                input.opensOn = Self.day("2026-09-01"); input.closesOn = Self.day("2026-09-15")
                let rateConsultation = try await ConsultationDesk(services: env.services).create(input, in: f.deptA, decision: relief, actor: .commandLine("test"))
                rate = try await ParticipationQueries.prePublicationRate(organisationID: org, year: 2026, on: env.db)
                XCTAssertEqual(rate.text, "0.0%", "an unpublished consultation was not public comment")
                try await ConsultationDesk(services: env.services).publish(rateConsultation, actor: .commandLine("test"),
                                                                           now: SiteClock.instant(Self.day("2026-09-01"), hour: 9, minute: 0))
                rate = try await ParticipationQueries.prePublicationRate(organisationID: org, year: 2026, on: env.db)
                XCTAssertEqual(rate.text, "100.0%")

                // Materials are linked by 索引号 of the organisation's items.
                let item = try await f.item(env, title: "测试县临时救助办法起草说明", kind: .notice)
                let unknown = try await admin.post(reliefPath, [("action", "material"), ("role", "explanation"), ("index_number", "nope")])
                XCTAssertTrue(unknown.body.contains("找不到索引号为“nope”的已发布信息"))
                let v8 = try await admin.post(reliefPath, [("action", "material"), ("role", "explanation"), ("index_number", item.indexNumber)]).status
                XCTAssertEqual(v8, .found)

                let page = try await Browser(client).get("/xxgk/\(org)/decisions?year=2026")
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.body.contains("经县委常委会2026年2月10日会议审定"))
                XCTAssertTrue(page.body.contains("调整事项“测试县养老服务设施布局规划”：计划完成时间由2026年12月调整为2027年3月"))
                XCTAssertTrue(page.body.contains("调出事项“测试县养老服务设施布局规划”，理由：并入全县养老服务体系规划"))
                XCTAssertTrue(page.body.contains("审议（2026年10月14日）"))
                XCTAssertTrue(page.body.contains("起草说明："))
                XCTAssertTrue(page.body.contains("预公开率 <strong>100.0%</strong>"))
                let api = try await Browser(client).get("/api/v1/organisations/\(org)/decisions?year=2026")
                XCTAssertTrue(api.body.contains("\"prePublicationRate\":\"100.0%\""))
                let v9 = try await Browser(client).get("/api/v1/organisations/\(org)/decisions?year=2025").status
                XCTAssertEqual(v9, .notFound)
                // The 公众参与事项清单: rows are public once published.
                let noMethods = try await admin.post("/admin/participation/\(org)/matters", [("year", "2026"), ("matter", "社区老年食堂建设"),
                                                     ("scope", "老年人"), ("channels", "网站"), ("timing", "第四季度")])
                XCTAssertEqual(noMethods.status, .badRequest)
                XCTAssertTrue(noMethods.body.contains("请至少选择一种参与方式"))
                let v11 = try await admin.post("/admin/participation/\(org)/matters", [("year", "2026"), ("matter", "社区老年食堂建设"), ("scope", "老年人"),
                                                                                    ("channels", "网站"), ("timing", "第四季度"), ("matter_methods", "questionnaire")]).status
                XCTAssertEqual(v11, .found)
                var listed = try await Browser(client).get("/xxgk/\(org)/decisions?year=2026")
                XCTAssertFalse(listed.body.contains("社区老年食堂建设"))
                _ = try await admin.post("/admin/participation/\(org)/matters", [("year", "2026"), ("action", "publish")])
                listed = try await Browser(client).get("/xxgk/\(org)/decisions?year=2026")
                XCTAssertTrue(listed.body.contains("2026年度公众参与事项清单"))
                XCTAssertTrue(listed.body.contains("社区老年食堂建设"))
                XCTAssertTrue(listed.body.contains("问卷调查"))
                // Another organisation's administrator cannot touch it.
                let other = Browser(client)
                try await other.logIn("adminb", Fixture.password)
                let v10 = try await other.get(reliefPath).status
                XCTAssertEqual(v10, .forbidden)
            }
            let actions = Set(try await AuditRecord.query(on: env.db).all().map(\.action))
            for a in ["新增", "公布", "修改", "调出目录", "进入合法性审查阶段", "进入审议阶段", "关联起草说明"] { XCTAssertTrue(actions.contains(a), a) }
        }
    }
}
