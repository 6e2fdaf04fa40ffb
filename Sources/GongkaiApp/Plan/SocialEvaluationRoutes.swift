import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 社会评议 in the back office: satisfaction questionnaires, the 社会监督员 registry with feedback,
/// third-party evaluations. County-wide: the office and leaders.
enum SocialEvaluationRoutes {
    struct SurveyRow: Sendable {
        let title: String
        let href: String
        let responses: Int
        let satisfaction: String
    }

    struct SupervisorRow: Sendable {
        let name: String
        let phone: String
        let area: String
        let appointedOn: String
        let active: Bool
        let action: String
        let feedback: Int
    }

    struct FeedbackRow: Sendable {
        let supervisor: String
        let unit: String
        let body: String
        let day: String
        let fixHref: String?
    }

    struct EvaluationRow: Sendable {
        let year: Int
        let evaluator: String
        let result: String
        let summary: String
    }

    struct PageView: Sendable {
        let chrome: PageChrome
        let year: Int
        let surveys: [SurveyRow]
        let hasSurveys: Bool
        let supervisors: [SupervisorRow]
        let hasSupervisors: Bool
        let supervisorOptions: [OptionItem]
        let feedback: [FeedbackRow]
        let hasFeedback: Bool
        let evaluations: [EvaluationRow]
        let hasEvaluations: Bool
        let units: [OptionItem]
        let isOffice: Bool
        let today: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/evaluation", roles: AssessmentDesk.viewers, target: .global) { request, context, auth in
            try await page(services, request, context, auth, errors: [:], status: .ok)
        }
        bo.post("/admin/evaluation", roles: PlanLedgerDesk.office, target: .global) { request, context, auth in
            let f = context.form
            let desk = SocialEvaluationDesk(services: services)
            let actor = auth.staff.actor(context)
            do {
                switch f["action"] {
                case "supervisor": try await desk.addSupervisor(name: f["name"], phone: f["phone"], area: f["area"], appointedOn: f["appointed_on"], actor: actor)
                case "feedback": try await desk.addFeedback(supervisor: f["supervisor"], organisation: f["feedback_org"], body: f["body"], receivedOn: f["received_on"],
                                                            rectify: f["rectify"] == "1", actor: actor)
                case "evaluation": _ = try await desk.addEvaluation(year: f["eval_year"], evaluator: f["evaluator"], result: f["result"], summary: f["summary"],
                                                                    findings: f.raw("findings"), organisation: f["eval_org"], actor: actor)
                default: throw HTTPError(.badRequest)
                }
            } catch DeskFailure.invalid(let errors) {
                return try await page(services, request, context, auth, errors: errors, status: .badRequest)
            }
            return .redirect(to: "/admin/evaluation?notice=saved", type: .found)
        }
        bo.post("/admin/evaluation/supervisors/:supervisor", roles: PlanLedgerDesk.office, target: .global) { _, context, auth in
            guard let s = try await PublicSupervisor.find(context.parameters.get("supervisor", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            try await SocialEvaluationDesk(services: services).setActive(s, context.form["active"] == "1", actor: auth.staff.actor(context))
            return .redirect(to: "/admin/evaluation?notice=saved", type: .found)
        }
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let year = services.clock.today().year
        let desk = SocialEvaluationDesk(services: services)
        let surveys = try await desk.satisfaction(year: year)
        let supervisors = try await PublicSupervisor.query(on: services.db).sort(\.$appointedOn).all()
        let feedback = try await SupervisorFeedback.query(on: services.db).sort(\.$receivedOn, .descending).limit(200).all()
        let evaluations = try await ThirdPartyEvaluation.query(on: services.db).sort(\.$year, .descending).all()
        let names = try await OrganisationQueries.activeNames(services)
        let units = try await OrganisationQueries.tree(on: services.db, activeOnly: true).map(\.node)
        return services.templates.page("admin-evaluation", PageView(
            chrome: AdminChrome.make(services, context, title: "社会评议", path: "/admin/indicators", notice: PlanRoutes.notice(request)),
            year: year,
            surveys: surveys.map { SurveyRow(title: $0.survey.title, href: "/admin/participation/surveys/\($0.survey.id!.uuidString)", responses: $0.responses, satisfaction: $0.value.text) },
            hasSurveys: !surveys.isEmpty,
            supervisors: supervisors.map { s in SupervisorRow(name: s.name, phone: s.phone.isEmpty ? "" : Masking.phone(s.phone), area: s.area, appointedOn: s.appointedOn,
                                                            active: s.active, action: "/admin/evaluation/supervisors/\(s.id!.uuidString)",
                                                            feedback: feedback.filter { $0.supervisorID == s.id }.count) },
            hasSupervisors: !supervisors.isEmpty,
            supervisorOptions: supervisors.filter(\.active).map { OptionItem(value: $0.id!.uuidString, label: $0.name, selected: false) },
            feedback: feedback.map { f in FeedbackRow(supervisor: supervisors.first { $0.id == f.supervisorID }?.name ?? "", unit: names[f.organisationID] ?? "",
                                                      body: f.body, day: f.receivedOn, fixHref: f.rectificationID.map { "/admin/fixes/\($0.uuidString)" }) },
            hasFeedback: !feedback.isEmpty,
            evaluations: evaluations.map { EvaluationRow(year: $0.year, evaluator: $0.evaluator, result: $0.result, summary: $0.summary) },
            hasEvaluations: !evaluations.isEmpty,
            units: units.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
            isOffice: try await PlanRoutes.isOffice(services, auth), today: services.clock.today().description,
            errors: errors, hasErrors: !errors.isEmpty, errorList: errors.keys.sorted().compactMap { errors[$0] }), status: status)
    }
}
