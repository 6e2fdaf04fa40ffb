import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// A questionnaire over HTTP: written as lines, published, answered once per browser, results as
/// tables and SVG charts, free text only for staff, locked once answered.
final class SurveyTests: XCTestCase {
    func testQuestionnaireFromDefinitionToResults() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: CivilDate(iso: "2026-10-20")!)
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("officera", Fixture.password)
                let base = "/admin/participation/\(f.deptA.id!)/surveys"
                let form = try await admin.get(base + "/new")
                XCTAssertTrue(form.body.contains("[单选] 您对城区停车状况是否满意？"), "the example is prefilled")
                let bad = try await admin.post(base, [("title", "低保服务满意度调查"), ("definition", "[单选] 是否满意？\n- 满意"),
                                                      ("opens_on", "2026-10-20"), ("closes_on", "2026-10-30")])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("第1行的问题至少需要2个选项"))
                let created = try await admin.post(base, [("title", "低保服务满意度调查"), ("results_public", "1"),
                                                          ("definition", "[单选] 是否满意？\n- 满意\n- 不满意\n[打分] 办理速度\n[填空] 建议（选填）"),
                                                          ("opens_on", "2026-10-20"), ("closes_on", "2026-10-30")])
                XCTAssertEqual(created.status, .found)
                let survey = try await Survey.query(on: env.db).first()!
                let publicPath = "/participation/surveys/\(survey.id!.uuidString)"
                let hidden = try await Browser(client).get(publicPath)
                XCTAssertEqual(hidden.status, .notFound)
                _ = try await admin.post("/admin/participation/surveys/\(survey.id!.uuidString)", [("action", "publish")])

                let citizen = Browser(client)
                let page = try await citizen.get(publicPath)
                XCTAssertTrue(page.body.contains("同一浏览器只计一份"))
                let missing = try await citizen.post(publicPath + "/responses", [("q1", "满意")])
                XCTAssertEqual(missing.status, .badRequest)
                XCTAssertTrue(missing.body.contains("id=\"err-q2\""))
                XCTAssertTrue(missing.body.contains("value=\"满意\" checked"), "the answer given is kept")
                let done = try await citizen.post(publicPath + "/responses", [("q1", "满意"), ("q2", "4"), ("q3", "电话13812345678联系我")])
                XCTAssertEqual(done.status, .found)
                let after = try await citizen.get(publicPath)
                XCTAssertTrue(after.body.contains("您已填写过本问卷"))
                XCTAssertFalse(after.body.contains("id=\"survey-form\""))
                let again = try await citizen.post(publicPath + "/responses", [("q1", "不满意"), ("q2", "1")])
                XCTAssertEqual(again.status, .tooManyRequests)
                XCTAssertTrue(again.body.contains("您已经填写过本问卷"))
                let other = Browser(client)
                _ = try await other.get(publicPath)
                _ = try await other.post(publicPath + "/responses", [("q1", "不满意"), ("q2", "2")])
                let answered = try await SurveyResponse.query(on: env.db).count()
                XCTAssertEqual(answered, 2)

                let results = try await Browser(client).get(publicPath)
                XCTAssertTrue(results.body.contains("调查结果（2份）"))
                XCTAssertTrue(results.body.contains("<svg"))
                XCTAssertTrue(results.body.contains("平均3.0分"))
                XCTAssertTrue(results.body.contains("收到文字意见1条"))
                XCTAssertFalse(results.body.contains("13812345678"), "free text is not public")
                let staff = try await admin.get("/admin/participation/surveys/\(survey.id!.uuidString)")
                XCTAssertTrue(staff.body.contains("电话13812345678联系我"))
                XCTAssertFalse(staff.body.contains("修改（尚无人作答）"))
                let locked = try await admin.post("/admin/participation/surveys/\(survey.id!.uuidString)", [
                    ("action", "edit"), ("title", "改"), ("definition", "[填空] 改"), ("opens_on", "2026-10-20"), ("closes_on", "2026-10-30"),
                ])
                XCTAssertTrue(locked.body.contains("已经有人作答，问卷不能再修改"))
                _ = try await admin.post("/admin/participation/surveys/\(survey.id!.uuidString)", [("action", "results")])
                let closedResults = try await Browser(client).get(publicPath)
                XCTAssertFalse(closedResults.body.contains("调查结果"))
            }
        }
    }
}
