import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's 政务地图: the county centre with its 政务公开专区, the library and the archive
/// (公报查阅点), every township's 便民服务中心 and two village points; coordinates are invented
/// (GCJ-02, a fictional county), hours follow the working calendar.
struct DemoPlaces {
    let services: AppServices

    func load(_ demo: DemoContext) async throws {
        guard let gov = demo.organisations["gov"] else { return }
        let desk = ServicePlaceDesk(services: services)
        let actor = AuditActor.commandLine("gongkai demo")
        let guides = try await ServiceGuideQueries.published(services)
        func offered(_ orgKeys: [String]) -> [UUID] {
            let ids = orgKeys.compactMap { demo.organisations[$0]?.id }
            return guides.filter { ids.contains($0.guide.organisationID) }.compactMap(\.guide.id)
        }
        let weekday = "工作日 09:00-12:00 14:00-17:30"
        let places: [(PlaceKind, String, String, String, String, String, String, String, [String])] = [
            (.serviceCentre, "清溪县政务服务中心", "清溪县人民路88号", "104.712340, 31.021560", weekday + "\n周六 09:00-12:00", "0832-6201000",
             "无障碍通道、无障碍卫生间、爱心座椅、助听设备", "gov", ["mz", "rs", "wj", "ga", "scjg"]),
            (.disclosureArea, "清溪县政府信息公开专区", "清溪县政务服务中心一楼大厅", "104.712410, 31.021620", weekday + "\n周六 09:00-12:00", "0832-6201010",
             "查询终端可切换长辈模式", "gov", []),
            (.gazetteReading, "清溪县图书馆（政府公报查阅点）", "清溪县文化路12号", "104.705880, 31.026310", "工作日 09:00-17:30\n周六 09:00-17:00\n周日 09:00-17:00",
             "0832-6203300", "无障碍通道、大字本阅读区", "gov", []),
            (.archiveLibrary, "清溪县档案馆", "清溪县文化路16号", "104.706120, 31.025880", weekday, "0832-6203400", "无障碍通道", "gov", []),
            (.townshipCentre, "清溪镇便民服务中心", "清溪镇新街1号", "104.718900, 31.015400", weekday, "0832-6211000", "无障碍通道、爱心座椅", "qx", ["mz", "rs"]),
            (.townshipCentre, "石桥镇便民服务中心", "石桥镇石桥街20号", "104.651200, 31.063800", weekday, "0832-6221000", "无障碍通道", "sq", ["mz", "rs"]),
            (.townshipCentre, "横塘镇便民服务中心", "横塘镇横塘路5号", "104.779500, 30.968200", weekday, "0832-6231000", "无障碍通道", "ht", ["mz", "rs"]),
            (.villagePoint, "石桥镇新街村代办点", "石桥镇新街村村民委员会", "104.638700, 31.078900", "工作日 09:00-12:00", "0832-6221101", "", "sq", ["mz"]),
            (.villagePoint, "清溪镇桃花村代办点", "清溪镇桃花村村民委员会", "104.724300, 31.008100", "工作日 14:00-17:00", "0832-6211101", "", "qx", ["mz"]),
        ]
        for (kind, name, address, coordinates, hours, phone, accessibility, areaKey, serviceOrgs) in places {
            guard let area = demo.organisations[areaKey] else { continue }
            let values = ["kind": kind.rawValue, "name": name, "address": address, "coordinates": coordinates, "hours": hours, "phone": phone,
                          "accessibility": accessibility, "area": String(try area.requireID())]
            let (input, errors) = ServicePlaceDesk.Input.parse { values[$0] ?? "" }
            guard errors.isEmpty else { throw DemoDataError(message: "demo place \(name): \(errors)") }
            try await desk.save(input, guides: offered(serviceOrgs), place: nil, keptBy: gov, actor: actor)
        }
    }
}
