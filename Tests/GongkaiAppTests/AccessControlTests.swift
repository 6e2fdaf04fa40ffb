import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// Walks every registered back-office route and proves that a user of another organisation, or
/// without the role, gets 403 and never the data; and that the right user is let in.
final class AccessControlTests: XCTestCase {
    struct Probe {
        let spec: BackOfficeRouteSpec
        let uri: String
        let fields: [(String, String)]
    }

    func probes(_ env: TestEnvironment, _ f: Fixture) async throws -> [Probe] {
        let grant = try await RoleAssignment.query(on: env.db).filter(\.$userID == f.userA.id!).first()!
        var input = ApplicationInput()
        input.name = "王芳"; input.idNumber = "11010519491231002X"; input.phone = "13900001111"
        input.address = "测试地址"; input.description = "测试县民政局2025年低保资金发放情况"
        let (application, _) = try await ApplicationDesk(services: env.services).submit(
            input, to: f.deptA, channel: .online, receiptDate: nil, clientAddress: "127.0.0.1", actor: .commandLine("test"))
        let proceeding = ReviewProceeding()
        proceeding.applicationID = application.id!
        proceeding.kind = ProceedingKind.administrativeReview.rawValue
        proceeding.filedOn = "2026-11-01"
        proceeding.body = "测试县人民政府"
        proceeding.note = ""
        try await proceeding.create(on: env.db)
        var draft = ItemInput()
        draft.title = "测试县民政局低保资金发放公示"; draft.writtenOn = CivilDate(iso: "2026-11-02"); draft.bodyHTML = "<p>低保资金</p>"
        draft.columns = ["shjz"]
        let item = try await PublishingDesk(services: env.services).create(draft, in: f.deptA, author: f.officerA, actor: .commandLine("test"))
        let campaign = try await CleanupDesk(services: env.services).start(name: "测试县民政局文件清理", for: f.deptA, actor: .commandLine("test"))
        var sample = CatalogueRow()
        sample.level1 = "最低生活保障"; sample.content = "低保对象名单"; sample.subject = "测试县民政局"; sample.channels = ["政府网站"]
        try await CatalogueStore(services: env.services).add(sample, org: f.deptA.id!, domain: "社会救助", actor: .commandLine("test"))
        let catalogueRow = try await CatalogueStore(services: env.services).rows(f.deptA.id!, "社会救助")[0]
        let link = ItemCatalogueLink()
        link.id = UUID()
        link.itemID = item.id!
        link.catalogueItemID = catalogueRow.id!
        try await link.create(on: env.db)
        let attachment = try await AttachmentStore(services: env.services).add(
            .init(field: "attachment", filename: "低保资金名单.pdf", contentType: "application/pdf", data: Array("%PDF-1.4\n低保资金\n%%EOF\n".utf8)),
            to: item, actor: .commandLine("test"))
        // A file provided with a reply (stored directly: this application is not decided).
        let pdf = Array("%PDF-1.4\n低保资金\n%%EOF\n".utf8)
        let caseFile = CaseFile()
        caseFile.id = UUID()
        caseFile.applicationID = application.id!
        caseFile.sha256 = Tokens.sha256Hex(bytes: pdf)
        caseFile.displayName = "低保资金发放明细.pdf"
        caseFile.type = AttachmentType.pdf.rawValue
        caseFile.size = pdf.count
        caseFile.createdAt = Date()
        caseFile.actorName = "测试"
        try await caseFile.create(on: env.db)
        if try await StoredFile.query(on: env.db).filter(\.$sha256 == caseFile.sha256).first() == nil {
            let stored = StoredFile()
            stored.id = UUID(); stored.sha256 = caseFile.sha256; stored.size = pdf.count; stored.type = caseFile.type
            stored.data = Data(pdf); stored.createdAt = Date()
            try await stored.create(on: env.db)
        }
        let domainRecord = try await CatalogueDomainStore(services: env.services).named("社会救助")!
        var decisionInput = DecisionInput()
        decisionInput.title = "测试县民政局低保资金发放办法"; decisionInput.undertaker = "测试县民政局"; decisionInput.planned = "2026年12月"
        decisionInput.methods = [.publicComment]
        let decision = try await DecisionDesk(services: env.services).add(decisionInput, to: f.deptA, year: 2026, actor: .commandLine("test"))
        var consultationInput = ConsultationInput()
        consultationInput.title = "测试县民政局低保资金发放办法（征求意见稿）"; consultationInput.explanation = "低保资金"; consultationInput.draft = "第一条 低保资金"
        consultationInput.subject = .normativeDocument
        consultationInput.opensOn = env.services.clock.today(); consultationInput.closesOn = env.services.clock.today().adding(days: 20)
        let consultation = try await ConsultationDesk(services: env.services).create(consultationInput, in: f.deptA, decision: decision, actor: .commandLine("test"))
        try await ConsultationDesk(services: env.services).publish(consultation, actor: .commandLine("test"))
        var commentInput = CommentInput()
        commentInput.name = "王芳"; commentInput.text = "低保资金应按时发放"
        let comment = try await ConsultationDesk(services: env.services).submit(commentInput, to: consultation, sections: [], clientAddress: "127.0.0.1")
        var eventInput = EventInput()
        eventInput.kind = .openDay; eventInput.title = "测试县民政局开放日"; eventInput.startsOn = env.services.clock.today().adding(days: 10)
        eventInput.place = "测试县民政局"; eventInput.description = "低保资金"; eventInput.capacity = 5
        let events = EventDesk(services: env.services)
        let event = try await events.create(eventInput, in: f.deptA, decision: nil, actor: .commandLine("test"))
        try await events.publish(event, actor: .commandLine("test"))
        var signUp = RegistrationInput()
        signUp.name = "王芳"; signUp.contact = "13900001111"; signUp.category = "公众"
        let registration = try await events.register(signUp, for: event, clientAddress: "127.0.0.1")
        var theme = InterpretationDay.Theme()
        theme.title = "低保资金政策解读"; theme.interpreter = "测试县民政局"; theme.audience = "群众"; theme.form = "线上直播"; theme.channel = "网站"
        theme.heldOn = env.services.clock.today()
        var surveyInput = SurveyDesk.Input()
        surveyInput.title = "测试县民政局低保资金问卷"; surveyInput.definition = "[填空] 低保资金"
        surveyInput.opensOn = env.services.clock.today(); surveyInput.closesOn = env.services.clock.today().adding(days: 10)
        let survey = try await SurveyDesk(services: env.services).create(surveyInput, in: f.deptA, decision: nil, actor: .commandLine("test"))
        var letterInput = LetterDesk.Input()
        letterInput.subject = "低保资金何时发放"; letterInput.body = "请问低保资金何时发放"; letterInput.name = "王芳"; letterInput.phone = "13900001111"
        let (letter, _) = try await LetterDesk(services: env.services).submit(letterInput, to: f.deptA, policy: nil, clientAddress: "127.0.0.1")
        let entry = try await KnowledgeDesk(services: env.services).add(question: "低保资金何时发放？", answer: "每月10日前", topic: "综合政务", policy: nil,
                                                                        organisationID: f.deptA.id!, source: "staff", sourceRef: "", publish: true, actor: .commandLine("test"))
        var opinionInput = OpinionDesk.EventInput()
        opinionInput.source = "网络平台"; opinionInput.summary = "低保资金发放延迟"; opinionInput.topic = "社会保障"
        opinionInput.organisationID = f.deptA.id!; opinionInput.knownAt = env.services.clock.now().addingTimeInterval(-3600)
        let opinion = try await OpinionDesk(services: env.services).record(opinionInput, office: f.deptA, actor: .commandLine("test"))
        var interviewInput = InterviewDesk.Input()
        interviewInput.title = "低保政策在线访谈"; interviewInput.guests = "局长"; interviewInput.description = "低保"
        interviewInput.startsAt = env.services.clock.now().addingTimeInterval(86_400)
        let interview = try await InterviewDesk(services: env.services).create(interviewInput, in: f.deptA, actor: .commandLine("test"))
        var guideContent = ServiceGuideContent()
        guideContent.name = "低保审核确认"
        let guide = try await ServiceGuideDesk(services: env.services).create(guideContent, in: f.deptA, actor: .commandLine("test"))
        let bundle = ServiceBundle()
        bundle.id = UUID(); bundle.organisationID = f.deptA.id!; bundle.name = "低保"; bundle.description = ""; bundle.guideIDs = ""
        bundle.createdAt = Date()
        try await bundle.create(on: env.db)
        var placeInput = ServicePlaceDesk.Input()
        placeInput.name = "民政局办事大厅"; placeInput.address = "人民路1号"; placeInput.point = GeoPoint(longitude: 104.7, latitude: 31.0)
        placeInput.hours = "工作日 09:00-17:00"; placeInput.areaID = f.deptA.id!
        let place = try await ServicePlaceDesk(services: env.services).save(placeInput, guides: [], place: nil, keptBy: f.deptA, actor: .commandLine("test"))
        let gazetteIssue = try await GazetteDesk(services: env.services).create(in: f.deptA, year: "2026", number: "1", issuedOn: "2026-01-05", actor: .commandLine("test"))
        var packageInput = PolicyPackageDesk.Input()
        packageInput.name = "惠农政策包"; packageInput.audience = Audience(groups: ["农民"])
        let policyPackage = try await PolicyPackageDesk(services: env.services).save(packageInput, package: nil, organisationID: f.deptA.id!, actor: .commandLine("test"))
        let webhook = PushWebhook()
        webhook.id = UUID(); webhook.organisationID = f.deptA.id!; webhook.name = "融媒体"; webhook.url = "https://example.cn/hook"; webhook.secret = "s"
        webhook.active = true; webhook.createdAt = Date()
        try await webhook.create(on: env.db)
        let interpretationTheme = try await InterpretationDayDesk(services: env.services).addTheme(
            theme, to: f.deptA, year: theme.heldOn.year, month: theme.heldOn.month, proposal: nil, actor: .commandLine("test"))
        let watched = MonitorSite()
        watched.id = UUID(); watched.name = "测试县民政局旧网站"; watched.baseURL = "http://127.0.0.1:9"; watched.organisationID = f.deptA.id!
        watched.active = true; watched.createdAt = Date()
        try await watched.create(on: env.db)
        let monitorRun = MonitorRun()
        monitorRun.id = UUID(); monitorRun.siteKey = watched.id!.uuidString; monitorRun.startedAt = Date(); monitorRun.status = "finished"
        monitorRun.trigger = "定时"; monitorRun.pages = 1; monitorRun.countsJSON = "{}"
        try await monitorRun.create(on: env.db)
        let finding = MonitorProblem()
        finding.id = UUID(); finding.siteKey = watched.id!.uuidString; finding.organisationID = f.deptA.id!; finding.kind = "dead_link"
        finding.pageURL = "https://mz.example.cn/"; finding.target = "https://mz.example.cn/低保资金"; finding.detail = "低保资金 HTTP 404"
        finding.fingerprint = "x"; finding.firstRunID = monitorRun.id!; finding.lastRunID = monitorRun.id!; finding.firstSeenAt = Date()
        finding.lastSeenAt = Date(); finding.status = "open"; finding.assignee = ""; finding.note = ""
        try await finding.create(on: env.db)
        var mediumInput = NewMediaDesk.Input()
        mediumInput.platform = "微信公众号"; mediumInput.name = "测试县民政局"; mediumInput.operatorName = "王芳"
        let medium = try await NewMediaDesk(services: env.services).save(mediumInput, account: nil, organisationID: f.deptA.id!, actor: .commandLine("test"))
        let clause = try await NegativeListDesk(services: env.services).save(
            .init(matter: "低保资金审核内部请示", ground: "16.2", basis: "条例第十六条第二款", scope: "", reviewedOn: "", published: false),
            entry: nil, organisationID: f.deptA.id!, actor: .commandLine("test"))
        let planTask = try await PlanLedgerDesk(services: env.services).save(
            .init(year: "2026", category: "", title: "低保资金公开", requirements: "", units: "测试县民政局", deadline: "年底前", note: ""),
            task: nil, actor: .commandLine("test"))
        try await PlanLedgerDesk(services: env.services).report(planTask, organisationID: f.deptA.id!, .init(body: "低保资金已公开"),
                                                                file: .init(field: "file", filename: "低保资金.pdf", contentType: "application/pdf", data: pdf),
                                                                actor: .commandLine("test"))
        let planReport = try await PlanProgress.query(on: env.db).filter(\.$taskID == planTask.id!).first()!
        let planDraft = try await PlanImporter(services: env.services).read(
            fileName: "任务.xlsx", data: XlsxSheet.write(name: "表", rows: [["工作任务", "责任单位", "时限要求"], ["低保资金公开", "测试县民政局", "年底前"]]),
            year: 2026, actor: .commandLine("test"))
        let planReview = try await PlanReviewDesk(services: env.services).take(year: 2026, day: env.services.clock.today(), title: "", actor: .commandLine("test"))
        let fix = try await RectificationDesk(services: env.services).save(
            .init(problem: "低保资金栏目未更新", organisation: String(f.deptA.id!)), rectification: nil, organisations: [f.deptA.id!], actor: .commandLine("test"))
        let meeting = try await JointMeetingDesk(services: env.services).schedule(day: "2026-12-15", title: "联席会议", topics: "", actor: .commandLine("test"))
        let scheme = try await AssessmentDesk(services: env.services).create(year: "2026", title: "考核方案", weight: "4", items: "任务落实，100，人工", actor: .commandLine("test"))
        try await SocialEvaluationDesk(services: env.services).addSupervisor(name: "周监督", phone: "", area: "", appointedOn: "2026-01-01", actor: .commandLine("test"))
        let supervisor = try await PublicSupervisor.query(on: env.db).first()!
        return env.catalog.specs.map { spec in
            var uri = spec.path
                .replacingOccurrences(of: ":org", with: String(f.deptA.id!))
                .replacingOccurrences(of: ":user", with: f.userA.id!.uuidString)
                .replacingOccurrences(of: ":grant", with: grant.id!.uuidString)
                .replacingOccurrences(of: ":app", with: application.id!.uuidString)
                .replacingOccurrences(of: ":kind", with: "receipt")
                .replacingOccurrences(of: ":slot", with: "reply.1")
                .replacingOccurrences(of: "/:p", with: "/" + proceeding.id!.uuidString)
                .replacingOccurrences(of: ":item", with: item.id!.uuidString)
                .replacingOccurrences(of: ":campaign", with: campaign.id!.uuidString)
                .replacingOccurrences(of: ":att", with: attachment.id!.uuidString)
                .replacingOccurrences(of: ":file", with: caseFile.id!.uuidString)
                .replacingOccurrences(of: ":did", with: domainRecord.id!.uuidString)
                .replacingOccurrences(of: ":year", with: "2025")
                .replacingOccurrences(of: ":domain", with: "%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9")
                .replacingOccurrences(of: ":row", with: catalogueRow.id!.uuidString)
                .replacingOccurrences(of: ":link", with: link.id!.uuidString)
            uri = uri
                .replacingOccurrences(of: ":decision", with: decision.id!.uuidString)
                .replacingOccurrences(of: ":consultation", with: consultation.id!.uuidString)
                .replacingOccurrences(of: ":comment", with: comment.id!.uuidString)
                .replacingOccurrences(of: ":event", with: event.id!.uuidString)
                .replacingOccurrences(of: ":registration", with: registration.id!.uuidString)
                .replacingOccurrences(of: ":theme", with: interpretationTheme.id!.uuidString)
                .replacingOccurrences(of: ":survey", with: survey.id!.uuidString)
                .replacingOccurrences(of: ":letter", with: letter.id!.uuidString)
                .replacingOccurrences(of: ":entry", with: entry.id!.uuidString)
                .replacingOccurrences(of: ":opinion", with: opinion.id!.uuidString)
                .replacingOccurrences(of: ":interview", with: interview.id!.uuidString)
                .replacingOccurrences(of: ":guide", with: guide.id!.uuidString)
                .replacingOccurrences(of: ":bundle", with: bundle.id!.uuidString)
                .replacingOccurrences(of: ":site", with: place.id!.uuidString)
                .replacingOccurrences(of: ":issue", with: gazetteIssue.id!.uuidString)
            uri = uri
                .replacingOccurrences(of: ":set", with: policyPackage.id!.uuidString)
                .replacingOccurrences(of: ":hook", with: webhook.id!.uuidString)
                .replacingOccurrences(of: ":finding", with: finding.id!.uuidString)
                .replacingOccurrences(of: ":medium", with: medium.id!.uuidString)
                .replacingOccurrences(of: ":clause", with: clause.id!.uuidString)
                .replacingOccurrences(of: ":watched", with: watched.id!.uuidString)
            uri = uri
                .replacingOccurrences(of: ":task", with: planTask.id!.uuidString)
                .replacingOccurrences(of: ":report", with: planReport.id!.uuidString)
                .replacingOccurrences(of: ":draft", with: planDraft.id!.uuidString)
                .replacingOccurrences(of: ":review", with: planReview.id!.uuidString)
                .replacingOccurrences(of: ":fix", with: fix.id!.uuidString)
                .replacingOccurrences(of: ":meeting", with: meeting.id!.uuidString)
                .replacingOccurrences(of: ":scheme", with: scheme.id!.uuidString)
                .replacingOccurrences(of: ":supervisor", with: supervisor.id!.uuidString)
            var fields: [(String, String)] = []
            if case .organisationInput(let field) = spec.target {
                if spec.method == .get { uri += "?\(field)=\(f.deptA.id!)" } else { fields.append((field, String(f.deptA.id!))) }
            }
            // Plausible form content so a permitted request would do real work.
            fields += [("name", "越权测试机构"), ("short_name", "越权"), ("kind", OrganisationKind.countyDepartment.rawValue),
                       ("display_name", "越权"), ("role", StaffRole.reviewer.rawValue), ("organisation_id", String(f.deptA.id!)),
                       ("password", "Another@2026x"), ("parent_id", String(f.county.id!)), ("username", "intruder"),
                       ("step", "registered"), ("date", "2026-11-02"), ("days", "5"), ("note", "越权")]
            return Probe(spec: spec, uri: uri, fields: fields)
        }
    }

    static func request(_ b: Browser, _ p: Probe) async throws -> Browser.Page {
        p.spec.method == .get ? try await b.get(p.uri) : try await b.post(p.uri, p.fields)
    }

    func testEveryBackOfficeRouteChecksRoleAndOrganisation() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let probes = try await probes(env, f)
            XCTAssertGreaterThan(probes.count, 20, "the catalogue should list every back-office route")
            let secretMarkers = ["测试县民政局", f.userA.id!.uuidString, "usera", "138****5678", "王芳", "王*", "13900001111", "低保资金"]

            try await env.withClient { client in
                // Not signed in: sent to the log-in page (GET) or refused (POST); never the data.
                for p in probes {
                    let page = try await Self.request(Browser(client), p)
                    if p.spec.method == .get {
                        XCTAssertEqual(page.status, .seeOther, "\(p.uri) should redirect when signed out")
                        XCTAssertTrue(page.location?.hasPrefix("/admin/login") ?? false, p.uri)
                    } else {
                        XCTAssertTrue([.unauthorized, .forbidden].contains(page.status), "\(p.uri) gave \(page.status) when signed out")
                    }
                    for m in secretMarkers { XCTAssertFalse(page.body.contains(m), "\(p.uri) leaked \(m) when signed out") }
                }

                // Same organisation, none of the route's roles: the first such account of the fixture.
                let sameOrganisation: [(String, StaffRole)] = [("officera", .informationOfficer), ("handlera", .applicationHandler),
                                                               ("usera", .reviewer), ("leadera", .leader)]
                for (who, name) in [("another organisation's administrator", "adminb"), ("a user without the role", "")] {
                    for p in probes where !p.spec.roles.isEmpty {
                        let b = Browser(client)
                        let login = name.isEmpty ? sameOrganisation.first { !p.spec.roles.contains($0.1) }!.0 : name
                        try await b.logIn(login, Fixture.password)
                        let page = try await Self.request(b, p)
                        if p.spec.target == .anyScope && name == "adminb" {
                            // Lists open to any administrator show only their own organisations.
                            XCTAssertEqual(page.status, .ok, "\(p.uri) for \(who)")
                        } else {
                            XCTAssertEqual(page.status, .forbidden, "\(p.spec.method) \(p.uri) must be 403 for \(who)")
                        }
                        for m in secretMarkers { XCTAssertFalse(page.body.contains(m), "\(p.spec.method) \(p.uri) leaked “\(m)” to \(who)") }
                    }
                }

                // The organisation's own administrator is let through every role-checked route. Moving
                // (rights over the destination too) and global settings need the county-wide administrator.
                for p in probes where !p.spec.roles.isEmpty {
                    let b = Browser(client)
                    let countyWide = p.spec.path.hasSuffix("/move") || p.spec.target == .global
                    let who = countyWide ? "root" : p.spec.roles.contains(.disclosureOfficeAdministrator) ? "admina"
                        : p.spec.roles.contains(.leader) ? "leadera" : p.spec.roles.contains(.secrecyReviewer) ? "secreta" : "handlera"
                    try await b.logIn(who, Fixture.password)
                    let page = try await Self.request(b, p)
                    XCTAssertFalse([.forbidden, .notFound, .unauthorized].contains(page.status),
                                   "\(p.spec.method) \(p.uri) refused the organisation's own administrator: \(page.status)")
                }
            }
            // Nothing the refused users sent was applied.
            let intruders = try await StaffUser.query(on: env.db).filter(\.$username == "intruder").count()
            XCTAssertLessThanOrEqual(intruders, 1, "only the permitted administrator may have created the account")
        }
    }

    func testOutsiderCannotGrantRolesInAnotherOrganisation() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.logIn("adminb", Fixture.password)
                // adminb administers deptB; userB there may be given roles only within deptB.
                let page = try await b.post("/admin/users/\(f.adminB.id!.uuidString)/roles",
                                            [("role", "system_admin"), ("organisation_id", String(f.deptB.id!))])
                XCTAssertEqual(page.status, .forbidden, "a 公开办管理员 cannot grant 系统管理员")
                let page2 = try await b.post("/admin/users/\(f.adminB.id!.uuidString)/roles",
                                             [("role", "reviewer"), ("organisation_id", String(f.deptA.id!))])
                XCTAssertEqual(page2.status, .forbidden, "no grants for organisations outside one's scope")
            }
            let grants = try await RoleAssignment.query(on: env.db).filter(\.$userID == f.adminB.id!).count()
            XCTAssertEqual(grants, 1)
        }
    }
}
