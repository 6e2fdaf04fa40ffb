import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Recording 行政复议 and 行政诉讼 over a decided case, and their results.
enum ProceedingRoutes {
    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = ApplicationDesk(services: services)
        let handlers = ApplicationAdminRoutes.handlers
        let owner = ApplicationAdminRoutes.owner

        bo.post("/admin/applications/:app/proceedings", roles: handlers, target: .record(param: "app", owner: owner)) { request, context, auth in
            let a = try await ApplicationAdminRoutes.loadCase(context, services)
            let id = try a.requireID()
            let form = context.form
            var errors: [String: String] = [:]
            let kind = ProceedingKind(rawValue: form["kind"])
            if kind == nil { errors["kind"] = "请选择行政复议或行政诉讼" }
            let filed = CivilDate(iso: form["filed_on"])
            if filed == nil || filed! > services.clock.today() { errors["filed_on"] = "请填写有效的立案（申请）日期" }
            if let decided = a.decidedOn.flatMap(CivilDate.init(iso:)), let f = filed, f < decided {
                errors["filed_on"] = "复议或诉讼的日期不能早于答复日期（\(decided)）"
            }
            if a.decidedOn == nil { errors["kind"] = "作出答复后才能登记复议或诉讼" }
            if form["body"].isEmpty { errors["body"] = "请填写复议机关或人民法院" }
            guard errors.isEmpty, let kind, let filed else {
                return try await ApplicationAdminRoutes.detail(services, desk: desk, context: context, auth: auth, request: request,
                                                               errors: errors, status: .badRequest)
            }
            let p = ReviewProceeding()
            p.applicationID = id
            p.kind = kind.rawValue
            p.filedOn = filed.description
            p.body = form["body"]
            p.note = form["note"]
            try await services.db.transaction { db in
                try await p.create(on: db)
                try await services.audit.record(on: db, actor: auth.staff.actor(context), organisationID: a.organisationID,
                                                entity: .application, entityID: a.registrationNumber, action: "登记\(kind.label)",
                                                changes: [FieldChange(field: "body", before: nil, after: p.body)])
            }
            return .redirect(to: "/admin/applications/\(id.uuidString)?notice=saved", type: .found)
        }

        bo.post("/admin/applications/:app/proceedings/:p", roles: handlers, target: .record(param: "app", owner: owner)) { request, context, auth in
            let a = try await ApplicationAdminRoutes.loadCase(context, services)
            let id = try a.requireID()
            guard let pid = context.parameters.get("p", as: UUID.self), let p = try await ReviewProceeding.find(pid, on: services.db),
                  p.applicationID == id else {
                throw HTTPError(.notFound)
            }
            let form = context.form
            guard let result = ProceedingResult(rawValue: form["result"]), result != .pending,
                  let concluded = CivilDate(iso: form["concluded_on"]), concluded <= services.clock.today(),
                  concluded >= CivilDate(iso: p.filedOn)! else {
                return try await ApplicationAdminRoutes.detail(services, desk: desk, context: context, auth: auth, request: request,
                                                               errors: ["result": "请选择审结结果，并填写不早于立案日期、不晚于今天的审结日期"], status: .badRequest)
            }
            let before = p.result
            p.result = result.rawValue
            p.concludedOn = concluded.description
            try await services.db.transaction { db in
                try await p.update(on: db)
                try await services.audit.record(on: db, actor: auth.staff.actor(context), organisationID: a.organisationID,
                                                entity: .application, entityID: a.registrationNumber, action: "登记审结结果",
                                                changes: [FieldChange(field: "result", before: before.flatMap { ProceedingResult(rawValue: $0)?.label },
                                                                      after: result.label)])
            }
            return .redirect(to: "/admin/applications/\(id.uuidString)?notice=saved", type: .found)
        }
    }
}
