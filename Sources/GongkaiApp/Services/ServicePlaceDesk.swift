import FluentKit
import Foundation
import GongkaiDomain

/// Places on the 政务地图: added and changed by the office, shown or hidden; audited.
struct ServicePlaceDesk: Sendable {
    let services: AppServices

    struct Input: Sendable {
        var kind = PlaceKind.serviceCentre
        var name = ""
        var address = ""
        var point: GeoPoint?
        var hours = ""
        var phone = ""
        var accessibility = ""
        var areaID = 0

        static func parse(_ value: (String) -> String) -> (Input, [String: String]) {
            var i = Input()
            var e: [String: String] = [:]
            if let k = PlaceKind(rawValue: value("kind")) { i.kind = k } else { e["kind"] = "请选择场所类型" }
            i.name = value("name").trimmingSpaces()
            if i.name.isEmpty || i.name.count > 60 { e["name"] = "请填写场所名称（60字以内）" }
            i.address = value("address").trimmingSpaces()
            if i.address.isEmpty || i.address.count > 200 { e["address"] = "请填写地址（200字以内）" }
            i.point = GeoPoint(parsing: value("coordinates"))
            if i.point == nil { e["coordinates"] = "请填写经度和纬度（GCJ-02，如“104.065700, 30.659500”，最多6位小数，须在我国境内）" }
            let (hours, hourErrors) = OpeningHours.parse(value("hours"))
            if let hours { i.hours = hours.text } else { e["hours"] = hourErrors.joined(separator: "；") }
            i.phone = value("phone").trimmingSpaces()
            if i.phone.count > 40 || !ContactFormat.isPhoneText(i.phone) {
                e["phone"] = "电话只能包含数字、连字符、括号和分隔符（40字以内）"
            }
            i.accessibility = value("accessibility").trimmingSpaces()
            if i.accessibility.count > 300 { e["accessibility"] = "无障碍设施说明不能超过300个字" }
            if let a = Int(value("area").prefix(12)) { i.areaID = a } else { e["area"] = "请选择所在乡镇" }
            return (i, e)
        }
    }

    /// Creates (`place` nil) or updates the place; the area must be the keeping organisation or within it.
    @discardableResult
    func save(_ input: Input, guides: [UUID], place existing: ServicePlace?, keptBy org: Organisation, actor: AuditActor) async throws -> ServicePlace {
        let orgID = try org.requireID()
        guard let area = try await Organisation.find(input.areaID, on: services.db), area.ancestry.ids.contains(orgID) || org.ancestry.ids.contains(input.areaID) else {
            throw DeskFailure.invalid(["area": "所在乡镇应为本机关或其下属单位"])
        }
        guard let point = input.point else { throw DeskFailure.invalid(["coordinates": "请填写经度和纬度"]) }
        let p = existing ?? ServicePlace()
        let isNew = existing == nil
        if isNew { p.id = UUID(); p.organisationID = orgID; p.isPublic = true; p.createdAt = services.clock.now() }
        p.areaID = try area.requireID(); p.kind = input.kind.rawValue; p.name = input.name; p.address = input.address
        p.longitude = point.longitude; p.latitude = point.latitude; p.hours = input.hours; p.phone = input.phone
        p.accessibility = input.accessibility; p.guideIDs = guides.map(\.uuidString).joined(separator: " ")
        try await services.db.transaction { tx in
            if isNew { try await p.create(on: tx) } else { try await p.update(on: tx) }
            try await services.audit.record(on: tx, actor: actor, organisationID: p.organisationID, entity: .servicePlace, entityID: p.name,
                                            action: isNew ? "添加政务地图场所" : "修改政务地图场所")
        }
        return p
    }

    func setPublic(_ p: ServicePlace, _ visible: Bool, actor: AuditActor) async throws {
        guard p.isPublic != visible else { return }
        p.isPublic = visible
        try await services.db.transaction { tx in
            try await p.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: p.organisationID, entity: .servicePlace, entityID: p.name,
                                            action: visible ? "公开政务地图场所" : "隐藏政务地图场所")
        }
    }
}
